/* test_attrs.c - strict attribute parsing and struct virtnet_dev/info filling. */
#include "test.h"

#include <errno.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "attrs.h"
#include "devreq.h"
#include "fixtures.h"

static int parse_msg(struct nl_msg *msg, struct nlattr **tb, char *err, size_t errlen)
{
	int len;
	struct nlattr *head = fixture_attrs(msg, &len);

	return virtnet_attrs_parse(&virtnet_attrs, tb, head, len, err, errlen);
}

TEST(attrs_dev_round_trip)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_dev want, got;
	struct nl_msg *msg = fixture_dev_msg();
	char err[256] = "";

	fixture_dev(&want);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_dev_from_attrs(tb, &got, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK_STREQ(got.vuid, "VNETS1D0F0");
	CHECK_EQ(got.bdf, want.bdf);
	CHECK_EQ(got.mtu, 1500);
	CHECK_EQ(got.nqueues, 3);
	CHECK(got.queues[2].bytes == 5000000002ULL);
	CHECK_EQ(got.queues[1].broken, 1);
	CHECK(virtnet_dev_has(&got, VIRTNET_ATTR_DRIVER_NAME));
	CHECK(!virtnet_dev_has(&got, VIRTNET_ATTR_LEGACY));
	CHECK_EQ(got.present, want.present);
	CHECK(memcmp(&got, &want, sizeof(got)) == 0);
	nlmsg_free(msg);
}

TEST(attrs_info_round_trip)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_info want, got;
	struct nl_msg *msg = fixture_info_msg();
	char err[256] = "";

	fixture_info(&want);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_info_from_attrs(tb, &got, err, sizeof(err)), 0);
	CHECK_EQ(got.nports, 2);
	CHECK_STREQ(got.ports[1].ibdev, "mlx5_1");
	CHECK_STREQ(virtnet_info_port_ibdev(&got, 1), "mlx5_1");
	CHECK(virtnet_info_port_ibdev(&got, 5) == NULL);
	CHECK(memcmp(&got, &want, sizeof(got)) == 0);
	nlmsg_free(msg);
}

/* Parse a message holding just what add() puts; return the parser's result. */
static int parse_one(void (*add)(struct nl_msg *), char *err, size_t errlen)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	add(msg);
	ret = parse_msg(msg, tb, err, errlen);
	nlmsg_free(msg);
	return ret;
}

static void add_wide_mtu(struct nl_msg *m) { nla_put_u32(m, VIRTNET_ATTR_MTU, 1500); }
static void add_short_mac(struct nl_msg *m) { nla_put(m, VIRTNET_ATTR_MAC, 5, "abcde"); }
static void add_unterminated(struct nl_msg *m) { nla_put(m, VIRTNET_ATTR_DEV_VUID, 4, "VNET"); }
static void add_flag_value(struct nl_msg *m) { nla_put_u8(m, VIRTNET_ATTR_LEGACY, 1); }
static void add_twice(struct nl_msg *m)
{
	nla_put_u32(m, VIRTNET_ATTR_DEV_ID, 1);
	nla_put_u32(m, VIRTNET_ATTR_DEV_ID, 2);
}
static void add_long_vuid(struct nl_msg *m)
{
	char s[40];

	memset(s, 'A', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	nla_put_string(m, VIRTNET_ATTR_DEV_VUID, s);
}
static void add_unknown(struct nl_msg *m)
{
	nla_put_u32(m, VIRTNET_ATTR_MAX + 5, 1);	/* a newer kernel's attribute */
	nla_put_u64(m, VIRTNET_ATTR_PAD, 0);
	nla_put_u32(m, VIRTNET_ATTR_DEV_ID, 1);
}

TEST(attrs_strict_lengths_and_types)
{
	char err[256];

	CHECK_EQ(parse_one(add_wide_mtu, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_MTU has length 4, expected 2");
	CHECK_EQ(parse_one(add_short_mac, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_MAC has length 5, expected 6");
	CHECK_EQ(parse_one(add_unterminated, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_DEV_VUID is not a NUL-terminated string");
	CHECK_EQ(parse_one(add_long_vuid, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_DEV_VUID is 40 bytes long, at most 32 allowed");
	CHECK_EQ(parse_one(add_flag_value, err, sizeof(err)), -EBADMSG);
	CHECK_EQ(parse_one(add_twice, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_DEV_ID appears twice");
	CHECK_EQ(parse_one(add_unknown, err, sizeof(err)), 0);
}

TEST(attrs_trailing_garbage)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	unsigned char buf[12] = { 8, 0, VIRTNET_ATTR_DEV_ID, 0, 1, 0, 0, 0, 0xff, 0xff, 0, 0 };
	char err[256];

	CHECK_EQ(virtnet_attrs_parse(&virtnet_attrs, tb, (struct nlattr *)buf, 8, err, sizeof(err)), 0);
	CHECK(tb[VIRTNET_ATTR_DEV_ID] != NULL);
	CHECK_EQ(virtnet_attrs_parse(&virtnet_attrs, tb, (struct nlattr *)buf, 12, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "trailing bytes");
}

TEST(attrs_attr_names)
{
	char buf[32];

	CHECK_STREQ(virtnet_attr_name(&virtnet_attrs, VIRTNET_ATTR_MTU, buf, sizeof(buf)), "VIRTNET_ATTR_MTU");
	CHECK_STREQ(virtnet_attr_name(&virtnet_queue_attrs, VIRTNET_QUEUE_ATTR_KICKS, buf, sizeof(buf)),
		    "VIRTNET_QUEUE_ATTR_KICKS");
	CHECK_STREQ(virtnet_attr_name(&virtnet_attrs, 200, buf, sizeof(buf)), "attribute 200");
	/* Every attribute of the uapi header has a spec (a new one needs one). */
	for (int a = VIRTNET_ATTR_DEV_ID; a <= VIRTNET_ATTR_MAX; a++)
		if (virtnet_attrs.specs[a].kind == VIRTNET_KIND_NONE)
			test_fail(__FILE__, __LINE__, "attribute %d has no spec", a);
	for (int a = VIRTNET_QUEUE_ATTR_INDEX; a <= VIRTNET_QUEUE_ATTR_MAX; a++)
		if (virtnet_queue_attrs.specs[a].kind == VIRTNET_KIND_NONE)
			test_fail(__FILE__, __LINE__, "queue attribute %d has no spec", a);
}

TEST(dev_requires_id_and_vuid)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1] = { 0 };
	struct virtnet_dev dev;
	char err[256];

	CHECK_EQ(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "without VIRTNET_ATTR_DEV_ID");
}

static struct nl_msg *dev_with_queues(unsigned int n, bool with_index)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *queues;

	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, 4);
	nla_put_string(msg, VIRTNET_ATTR_DEV_VUID, "VNETS1D1F0");
	queues = nla_nest_start(msg, VIRTNET_ATTR_QUEUES);
	for (unsigned int i = 0; i < n; i++) {
		struct nlattr *q = nla_nest_start(msg, VIRTNET_ATTR_QUEUE);

		if (with_index)
			nla_put_u16(msg, VIRTNET_QUEUE_ATTR_INDEX, (uint16_t)i);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_KICKS, i);
		nla_nest_end(msg, q);
	}
	nla_nest_end(msg, queues);
	return msg;
}

TEST(dev_queue_limits)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_dev dev;
	struct nl_msg *msg;
	char err[256];

	msg = dev_with_queues(VIRTNET_MAX_VIRTQ, true);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)), 0);
	CHECK_EQ(dev.nqueues, VIRTNET_MAX_VIRTQ);
	CHECK_EQ(dev.queues[30].kicks, 30);
	nlmsg_free(msg);

	msg = dev_with_queues(VIRTNET_MAX_VIRTQ + 1, true);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "more queues");
	nlmsg_free(msg);

	msg = dev_with_queues(1, false);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "without VIRTNET_QUEUE_ATTR_INDEX");
	nlmsg_free(msg);
}

TEST(dev_new_request_attributes)
{
	struct virtnet_dev_new_req req = {
		.ibdev = "mlx5_0", .mac = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 },
		.mtu = 1500, .num_queues = 3, .queue_size = 1024,
	};
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_PORT_IBDEV]), "mlx5_0");
	CHECK(memcmp(nla_data(tb[VIRTNET_ATTR_MAC]), req.mac, 6) == 0);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_MTU]), 1500);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_NUM_QUEUES]), 3);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_QUEUE_SIZE]), 1024);
	CHECK(!tb[VIRTNET_ATTR_FEATURES]);	/* 0: leave it to the kernel */
	CHECK(!tb[VIRTNET_ATTR_LEGACY]);
	CHECK(!tb[VIRTNET_ATTR_DEV_ID]);
	CHECK(!tb[VIRTNET_ATTR_SF_NUM]);
	nlmsg_free(msg);

	req.features = 0x100000020ULL;
	req.legacy = true;
	req.has_id = true;
	req.id = 3;
	req.has_sf_num = true;
	req.sf_num = 2003;
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK(nla_get_u64(tb[VIRTNET_ATTR_FEATURES]) == 0x100000020ULL);
	CHECK(tb[VIRTNET_ATTR_LEGACY] != NULL);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 3);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_SF_NUM]), 2003);
	nlmsg_free(msg);
}

TEST(dev_new_request_check)
{
	struct virtnet_dev_new_req req = {
		.ibdev = "mlx5_0", .mac = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 },
		.mtu = 1500, .num_queues = 3, .queue_size = 1024,
	};
	char err[256];

	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), 0);
	req.num_queues = 4;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_CONTAINS(err, "invalid num_queues '4': must be an odd number");
	req.num_queues = 3;
	req.mac[0] = 0x01;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_CONTAINS(err, "invalid mac '01:C4:7A:FF:22:93'");
	req.mac[0] = 0x0c;
	req.has_sf_num = true;
	req.sf_num = 5;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_CONTAINS(err, "invalid sf_num '5'");
}

TEST(dev_sel_attributes)
{
	struct virtnet_dev_sel by_id = { .id = 7 }, by_vuid = { .by_vuid = true, .vuid = "VNETS1D0F0" };
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_DEL, 1);
	CHECK_EQ(virtnet_dev_sel_put(msg, &by_id), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 7);
	CHECK(!tb[VIRTNET_ATTR_DEV_VUID]);
	nlmsg_free(msg);

	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_DEL, 1);
	CHECK_EQ(virtnet_dev_sel_put(msg, &by_vuid), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_DEV_VUID]), "VNETS1D0F0");
	CHECK(!tb[VIRTNET_ATTR_DEV_ID]);
	nlmsg_free(msg);
}

/* ---- VFs, static PFs' VF counts, DEV_SET ---- */

static void add_vf(struct nl_msg *m)
{
	nla_put_u32(m, VIRTNET_ATTR_DEV_ID, 4);
	nla_put_string(m, VIRTNET_ATTR_DEV_VUID, "VNETS0D0F2VF1");
	nla_put_u8(m, VIRTNET_ATTR_DEV_TYPE, VIRTNET_DEV_TYPE_VF);
	nla_put_u32(m, VIRTNET_ATTR_PF_INDEX, 0);
	nla_put_u32(m, VIRTNET_ATTR_VF_ID, 0);
	nla_put_u32(m, VIRTNET_ATTR_PARENT_ID, 1);
}

static void add_static_pf(struct nl_msg *m)
{
	nla_put_u32(m, VIRTNET_ATTR_DEV_ID, 1);
	nla_put_string(m, VIRTNET_ATTR_DEV_VUID, "VNETS0D0F2");
	nla_put_u8(m, VIRTNET_ATTR_DEV_TYPE, VIRTNET_DEV_TYPE_STATIC_PF);
	nla_put_u32(m, VIRTNET_ATTR_PF_INDEX, 0);
	nla_put_u32(m, VIRTNET_ATTR_MAX_VF, 126);
	nla_put_u32(m, VIRTNET_ATTR_NUM_VF, 2);
}

/* A device from a message holding what add() puts. */
static int dev_of(void (*add)(struct nl_msg *), struct virtnet_dev *dev)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];
	int ret;

	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	add(msg);
	ret = parse_msg(msg, tb, err, sizeof(err));
	if (!ret)
		ret = virtnet_dev_from_attrs(tb, dev, err, sizeof(err));
	nlmsg_free(msg);
	return ret;
}

TEST(attrs_vf_and_static_pf_fields)
{
	struct virtnet_dev dev;

	REQUIRE(dev_of(add_vf, &dev) == 0);
	CHECK_EQ(dev.type, VIRTNET_DEV_TYPE_VF);
	CHECK_EQ(dev.vf_id, 0);
	CHECK_EQ(dev.parent_id, 1);
	CHECK_EQ(dev.pf_index, 0);
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_VF_ID));
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_PARENT_ID));
	CHECK(!virtnet_dev_has(&dev, VIRTNET_ATTR_MAX_VF));

	REQUIRE(dev_of(add_static_pf, &dev) == 0);
	CHECK_EQ(dev.max_vf, 126);
	CHECK_EQ(dev.num_vf, 2);
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_NUM_VF));
	CHECK(!virtnet_dev_has(&dev, VIRTNET_ATTR_VF_ID));
}

static void add_wide_max_msix(struct nl_msg *m) { nla_put_u32(m, VIRTNET_ATTR_MAX_MSIX, 10); }
static void add_short_vf_id(struct nl_msg *m) { nla_put_u16(m, VIRTNET_ATTR_VF_ID, 1); }

TEST(attrs_vf_attribute_types)
{
	char err[256];

	CHECK_EQ(parse_one(add_wide_max_msix, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_MAX_MSIX has length 4, expected 2");
	CHECK_EQ(parse_one(add_short_vf_id, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_VF_ID has length 2, expected 4");
}

static struct virtnet_dev_new_req vf_req(void)
{
	return (struct virtnet_dev_new_req){
		.ibdev = "mlx5_0", .mac = { 0x5a, 0x94, 0x07, 0x04, 0xf6, 0x1c },
		.mtu = 1500, .num_queues = 3, .queue_size = 256,
		.has_id = true, .id = 4, .has_sf_num = true, .sf_num = 3000,
		.vf = true, .pf_index = 1, .vf_id = 125,
	};
}

TEST(dev_new_vf_request_attributes)
{
	struct virtnet_dev_new_req req = vf_req();
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_TYPE] && tb[VIRTNET_ATTR_PF_INDEX] && tb[VIRTNET_ATTR_VF_ID]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_TYPE]), VIRTNET_DEV_TYPE_VF);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_PF_INDEX]), 1);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_VF_ID]), 125);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 4);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_SF_NUM]), 3000);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_PORT_IBDEV]), "mlx5_0");
	CHECK(!tb[VIRTNET_ATTR_DEV_BDF]);
	CHECK(!tb[VIRTNET_ATTR_LEGACY]);
	nlmsg_free(msg);
}

TEST(dev_new_vf_request_check)
{
	struct virtnet_dev_new_req req = vf_req();
	char err[256];

	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), 0);
	req.vf_id = 126;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_STREQ(err, "invalid vf_id '126': must be a VF index between 0 and 125");
	req = vf_req();
	req.pf_index = 4;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_STREQ(err, "invalid pf_index '4': must be a static PF index between 0 and 3");
	req = vf_req();
	req.legacy = true;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid legacy 'true': a VF cannot be transitional");
	req = vf_req();
	req.has_bdf = true;
	req.bdf = 0x8545;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid dev_bdf '34117': a VF has no BDF of its own");
	req = vf_req();
	req.static_pf = true;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "not both");
	/* A static PF's index follows the same rule. */
	req = vf_req();
	req.vf = false;
	req.static_pf = true;
	req.pf_index = 7;
	CHECK(virtnet_dev_new_req_check(&req, err, sizeof(err)) != 0);
	CHECK_PREFIX(err, "invalid pf_index '7'");
}

TEST(dev_set_request_attributes)
{
	struct virtnet_dev_set_req req = {
		.sel = { .id = 4 }, .has_mac = true,
		.mac = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x98 },
	};
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	CHECK_EQ(genlmsg_hdr(nlmsg_hdr(msg))->cmd, VIRTNET_CMD_DEV_SET);
	REQUIRE(tb[VIRTNET_ATTR_DEV_ID] && tb[VIRTNET_ATTR_MAC]);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 4);
	CHECK(!tb[VIRTNET_ATTR_DEV_VUID]);
	CHECK_EQ(nla_len(tb[VIRTNET_ATTR_MAC]), 6);
	CHECK(memcmp(nla_data(tb[VIRTNET_ATTR_MAC]), req.mac, 6) == 0);
	/* Exactly the selector and the MAC. */
	for (int a = 1; a <= VIRTNET_ATTR_MAX; a++)
		if (tb[a] && a != VIRTNET_ATTR_DEV_ID && a != VIRTNET_ATTR_MAC)
			test_fail(__FILE__, __LINE__, "unexpected attribute %d", a);
	nlmsg_free(msg);

	req.sel = (struct virtnet_dev_sel){ .by_vuid = true, .vuid = "VNETS0D0F2VF1" };
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_VUID]);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_DEV_VUID]), "VNETS0D0F2VF1");
	CHECK(!tb[VIRTNET_ATTR_DEV_ID]);
	nlmsg_free(msg);
}

TEST(dev_set_request_check)
{
	struct virtnet_dev_set_req req = {
		.sel = { .id = 4 }, .has_mac = true,
		.mac = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x98 },
	};
	char err[256];

	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	req.mac[0] = 0x01;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid mac '01:C4:7A:FF:22:98': must be a unicast address, not multicast or all zeros");
	memset(req.mac, 0, 6);
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	req.has_mac = false;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "nothing to change");
	req.has_mac = true;
	req.mac[0] = 0x0c;
	req.sel = (struct virtnet_dev_sel){ .by_vuid = true, .vuid = "VNET/0" };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid vuid 'VNET/0'");
}
