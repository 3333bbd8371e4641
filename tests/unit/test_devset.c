/*
 * test_devset.c - DEV_SET's new fields (MTU, features, queues, queue
 * size, link, coalescing): checks and attributes; and DEV_GET's speed and
 * coalescing.
 */
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

/* Every field set, each to a valid value. */
static void full_req(struct virtnet_dev_set_req *req)
{
	*req = (struct virtnet_dev_set_req){
		.sel = { .id = 7 },
		.has_mtu = true, .mtu = 9000,
		.has_features = true, .features = 0x100000000ULL,
		.has_num_queues = true, .num_queues = 5,
		.has_queue_size = true, .queue_size = 512,
		.has_link_up = true, .link_up = false,
		.rx_coal = { .has_usecs = true, .usecs = 1000000,
			     .has_max_packets = true, .max_packets = 32768 },
		.tx_coal = { .has_usecs = true, .usecs = 0 },
	};
}

TEST(dev_set_new_fields_are_sent)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_dev_set_req req;
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	full_req(&req);
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_MTU] && tb[VIRTNET_ATTR_FEATURES] && tb[VIRTNET_ATTR_NUM_QUEUES] &&
		tb[VIRTNET_ATTR_QUEUE_SIZE] && tb[VIRTNET_ATTR_LINK_UP] &&
		tb[VIRTNET_ATTR_RX_COAL_USECS] && tb[VIRTNET_ATTR_RX_COAL_MAX_PACKETS] &&
		tb[VIRTNET_ATTR_TX_COAL_USECS]);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_MTU]), 9000);
	CHECK_EQ(nla_get_u64(tb[VIRTNET_ATTR_FEATURES]), 0x100000000ULL);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_NUM_QUEUES]), 5);
	CHECK_EQ(nla_get_u16(tb[VIRTNET_ATTR_QUEUE_SIZE]), 512);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_LINK_UP]), 0);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_RX_COAL_USECS]), 1000000);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_RX_COAL_MAX_PACKETS]), 32768);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_TX_COAL_USECS]), 0);
	/* Only what has its has_ flag: no MAC, no TX packet count. */
	CHECK(!tb[VIRTNET_ATTR_MAC]);
	CHECK(!tb[VIRTNET_ATTR_TX_COAL_MAX_PACKETS]);
	nlmsg_free(msg);

	/* Features 0 ("everything supported") is a value like any other. */
	req = (struct virtnet_dev_set_req){ .sel = { .id = 7 }, .has_features = true };
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_FEATURES]);
	CHECK_EQ(nla_get_u64(tb[VIRTNET_ATTR_FEATURES]), 0);
	/* link up is 1 */
	CHECK(!tb[VIRTNET_ATTR_LINK_UP]);
	nlmsg_free(msg);
	req = (struct virtnet_dev_set_req){ .sel = { .id = 7 }, .has_link_up = true,
					    .link_up = true };
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_LINK_UP]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_LINK_UP]), 1);
	nlmsg_free(msg);
}

TEST(dev_set_new_fields_checked)
{
	struct virtnet_dev_set_req req;
	char err[256];

	full_req(&req);
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	CHECK(virtnet_dev_set_req_needs_unbound(&req));

	full_req(&req);
	req.mtu = 67;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid mtu '67': must be between 68 and 9216");
	full_req(&req);
	req.num_queues = 4;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_PREFIX(err, "invalid num_queues '4': must be an odd number between 3 and 31");
	full_req(&req);
	req.queue_size = 100;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid queue_size '100': must be a power of two between 64 and 32768");
	full_req(&req);
	req.rx_coal.usecs = 1000001;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid rx_coal_usecs '1000001': must be a time in microseconds "
		    "between 0 and 1000000");
	full_req(&req);
	req.rx_coal.max_packets = 32769;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_PREFIX(err, "invalid rx_coal_max_packets '32769': must be a number of completions");
	full_req(&req);
	req.tx_coal = (struct virtnet_coal_set){ .has_max_packets = true, .max_packets = 40000 };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -ERANGE);
	CHECK_PREFIX(err, "invalid tx_coal_max_packets '40000'");
	/* A value without its has_ flag is not looked at. */
	full_req(&req);
	req.has_mtu = false;
	req.mtu = 1;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
}

TEST(dev_set_live_fields_alone)
{
	struct virtnet_dev_set_req req = { .sel = { .id = 0 } };
	char err[256];

	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "nothing to change: a DEV_SET request needs at least one of mac, mtu, "
		    "features, num_queues, queue_size, link_up, rx_coal_usecs, "
		    "rx_coal_max_packets, tx_coal_usecs, tx_coal_max_packets, or dev_mode or sf_from alone");
	req.has_link_up = true;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	CHECK(!virtnet_dev_set_req_needs_unbound(&req));
	req.has_link_up = false;
	req.tx_coal.has_usecs = true;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	CHECK(!virtnet_dev_set_req_needs_unbound(&req));
	req.has_queue_size = true;
	req.queue_size = 64;
	CHECK(virtnet_dev_set_req_needs_unbound(&req));
}

TEST(num_msix_rule)
{
	char err[512];
	uint64_t v;

	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "4", &v, err,
				   sizeof(err)), 0);
	CHECK_EQ(v, 4);
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "32", &v, err,
				   sizeof(err)), 0);
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "0x10", &v, err,
				   sizeof(err)), 0);
	CHECK_EQ(v, 16);
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "7", &v, err,
				   sizeof(err)), -ERANGE);
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "2", &v, err,
				   sizeof(err)), -ERANGE);
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_num_msix, "--num_msix", "34", &v, err,
				   sizeof(err)), -ERANGE);
	CHECK_PREFIX(err, "invalid --num_msix '34': must be an even number between 4 and 32");
	/* Every accepted value leaves a queue count DEV_NEW would accept. */
	for (uint64_t n = 0; n < 40; n++)
		if (!virtnet_num_check(&virtnet_rule_num_msix, "n", n, err, sizeof(err)))
			CHECK_EQ(virtnet_num_check(&virtnet_rule_num_queues, "q", n - 1, err,
						   sizeof(err)), 0);
}

/* A DEV_GET reply with the new attributes. */
TEST(dev_get_speed_and_coalescing)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	struct virtnet_dev dev;
	char err[256];

	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, 2);
	nla_put_string(msg, VIRTNET_ATTR_DEV_VUID, "VNETS1D2F0");
	nla_put_u8(msg, VIRTNET_ATTR_LINK_UP, 0);
	nla_put_u32(msg, VIRTNET_ATTR_SPEED, VIRTNET_LINK_SPEED);
	nla_put_u32(msg, VIRTNET_ATTR_RX_COAL_USECS, 50);
	nla_put_u32(msg, VIRTNET_ATTR_RX_COAL_MAX_PACKETS, 32);
	nla_put_u32(msg, VIRTNET_ATTR_TX_COAL_USECS, 7);
	nla_put_u32(msg, VIRTNET_ATTR_TX_COAL_MAX_PACKETS, 8);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)) == 0);
	CHECK_EQ(dev.speed, 100000);
	CHECK_EQ(dev.rx_coal_usecs, 50);
	CHECK_EQ(dev.rx_coal_max_packets, 32);
	CHECK_EQ(dev.tx_coal_usecs, 7);
	CHECK_EQ(dev.tx_coal_max_packets, 8);
	CHECK_EQ(dev.link_up, 0);
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_SPEED));
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_RX_COAL_USECS));
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_TX_COAL_MAX_PACKETS));
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_LINK_UP));
	nlmsg_free(msg);

	/* A wrong size is a malformed message, named. */
	msg = nlmsg_alloc();
	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, 2);
	nla_put_u16(msg, VIRTNET_ATTR_SPEED, 1000);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_SPEED has length 2, "
		    "expected 4");
	nlmsg_free(msg);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 1, 1, 0x20, 0, 0, VIRTNET_CMD_DEV_GET, 1);
	nla_put_u64(msg, VIRTNET_ATTR_TX_COAL_USECS, 1);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "VIRTNET_ATTR_TX_COAL_USECS has length 8");
	nlmsg_free(msg);
}

TEST(dev_set_mode_alone)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_dev_set_req req = { .sel = { .id = 3 }, .has_mode = true,
					   .mode = VIRTNET_DEV_MODE_VDPA };
	struct nl_msg *msg;
	char err[256];

	/* The hand-over alone is a change; it needs nothing unbound. */
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	CHECK(!virtnet_dev_set_req_needs_unbound(&req));
	strcpy(req.vdpa_name, "vdpa0");
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_MODE] && tb[VIRTNET_ATTR_VDPA_NAME]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_MODE]), VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_VDPA_NAME]), "vdpa0");
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 3);
	CHECK(!tb[VIRTNET_ATTR_MTU] && !tb[VIRTNET_ATTR_LINK_UP]);
	nlmsg_free(msg);
	/* Back to virtio: DEV_MODE 0 is sent, no name. */
	req = (struct virtnet_dev_set_req){ .sel = { .id = 3 }, .has_mode = true,
					    .mode = VIRTNET_DEV_MODE_VIRTIO };
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_MODE]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_MODE]), VIRTNET_DEV_MODE_VIRTIO);
	CHECK(!tb[VIRTNET_ATTR_VDPA_NAME]);
	nlmsg_free(msg);
	/* Other requests send no mode. */
	full_req(&req);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	CHECK(!tb[VIRTNET_ATTR_DEV_MODE] && !tb[VIRTNET_ATTR_VDPA_NAME]);
	nlmsg_free(msg);

	/* Anything else with the mode is refused. */
	full_req(&req);
	req.has_mode = true;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "dev_mode: the hand-over to another bus is the only change of its "
		    "DEV_SET request (vdpa_name may go with dev_mode vdpa)");
	req = (struct virtnet_dev_set_req){ .has_mode = true, .has_link_up = true };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "dev_mode: the hand-over");
	req = (struct virtnet_dev_set_req){ .has_mode = true,
					    .tx_coal = { .has_max_packets = true } };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "dev_mode: the hand-over");
	/* Mode values and names. */
	req = (struct virtnet_dev_set_req){ .has_mode = true, .mode = 2 };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid dev_mode '2': must be virtio (0) or vdpa (1)");
	req = (struct virtnet_dev_set_req){ .has_mode = true, .mode = VIRTNET_DEV_MODE_VIRTIO,
					    .vdpa_name = "vdpa0" };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa0': only with dev_mode vdpa");
	req = (struct virtnet_dev_set_req){ .has_link_up = true, .vdpa_name = "vdpa0" };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa0': only with dev_mode vdpa");
	req = (struct virtnet_dev_set_req){ .has_mode = true, .mode = VIRTNET_DEV_MODE_VDPA,
					    .vdpa_name = "a/b" };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'a/b': must be a vdpa device name of 1 to 63 "
		    "characters without '/', e.g. vdpa0");
}

TEST(dev_new_mode_attributes)
{
	struct virtnet_dev_new_req req = {
		.ibdev = "mlx5_0", .mac = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 },
		.mtu = 1500, .num_queues = 3, .queue_size = 1024,
	};
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	char err[256];

	/* Without a mode: no DEV_MODE, no VDPA_NAME (the kernel's default). */
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	CHECK(!tb[VIRTNET_ATTR_DEV_MODE] && !tb[VIRTNET_ATTR_VDPA_NAME]);
	nlmsg_free(msg);

	req.has_mode = true;
	req.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(req.vdpa_name, "vdpa7");
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), 0);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_MODE] && tb[VIRTNET_ATTR_VDPA_NAME]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_MODE]), VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_VDPA_NAME]), "vdpa7");
	nlmsg_free(msg);

	req.mode = VIRTNET_DEV_MODE_VIRTIO;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa7': only with dev_mode vdpa");
	req.has_mode = false;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa7': only with dev_mode vdpa");
	req.vdpa_name[0] = '\0';
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), 0);
	req.has_mode = true;
	req.mode = 7;
	CHECK_EQ(virtnet_dev_new_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid dev_mode '7': must be virtio (0) or vdpa (1)");
}

TEST(dev_get_mode)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nl_msg *msg = fixture_dev_msg();
	struct virtnet_dev dev;
	char err[256];

	/* DEV_MODE fills dev.mode; without it virtnet_dev_mode() follows VDPA_NAME. */
	nla_put_u8(msg, VIRTNET_ATTR_DEV_MODE, VIRTNET_DEV_MODE_VDPA);
	nla_put_string(msg, VIRTNET_ATTR_VDPA_NAME, "vdpa0");
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)) == 0);
	CHECK(virtnet_dev_has(&dev, VIRTNET_ATTR_DEV_MODE));
	CHECK_EQ(dev.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_EQ(virtnet_dev_mode(&dev), VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(dev.vdpa_name, "vdpa0");
	nlmsg_free(msg);

	msg = fixture_dev_msg();
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(virtnet_dev_from_attrs(tb, &dev, err, sizeof(err)) == 0);
	CHECK(!virtnet_dev_has(&dev, VIRTNET_ATTR_DEV_MODE));
	CHECK_EQ(virtnet_dev_mode(&dev), VIRTNET_DEV_MODE_VIRTIO);
	dev.present |= 1ULL << VIRTNET_ATTR_VDPA_NAME;
	CHECK_EQ(virtnet_dev_mode(&dev), VIRTNET_DEV_MODE_VDPA);
	nlmsg_free(msg);

	/* DEV_MODE is a u8: any other length is refused. */
	msg = fixture_dev_msg();
	nla_put_u32(msg, VIRTNET_ATTR_DEV_MODE, 1);
	CHECK_EQ(parse_msg(msg, tb, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed message from the kernel: VIRTNET_ATTR_DEV_MODE has "
		    "length 4, expected 1");
	nlmsg_free(msg);
}

TEST(dev_set_sf_from_alone)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct virtnet_dev_set_req req = { .sel = { .id = 3 }, .has_sf_from = true,
					   .sf_from = 0 };
	struct nl_msg *msg;
	char err[256];

	/* The takeover alone is a change, live; device 0 is a valid source. */
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), 0);
	CHECK(!virtnet_dev_set_req_needs_unbound(&req));
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_SF_FROM]);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_SF_FROM]), 0);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 3);
	CHECK(!tb[VIRTNET_ATTR_DEV_MODE] && !tb[VIRTNET_ATTR_MTU]);
	nlmsg_free(msg);
	/* Other requests send none. */
	full_req(&req);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_SET, 1);
	CHECK_EQ(virtnet_dev_set_req_put(msg, &req), 0);
	REQUIRE(parse_msg(msg, tb, err, sizeof(err)) == 0);
	CHECK(!tb[VIRTNET_ATTR_SF_FROM]);
	nlmsg_free(msg);

	/* Itself, by id. */
	req = (struct virtnet_dev_set_req){ .sel = { .id = 3 }, .has_sf_from = true,
					    .sf_from = 3 };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid sf_from '3': must be another device than the one modified");
	/* Anything else with it. */
	full_req(&req);
	req.has_sf_from = true;
	req.sf_from = 1;
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "sf_from: the SF takeover is the only change of its DEV_SET request");
	req = (struct virtnet_dev_set_req){ .has_sf_from = true, .has_mode = true };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "sf_from: the SF takeover");
	req = (struct virtnet_dev_set_req){ .has_sf_from = true,
					    .rx_coal = { .has_usecs = true } };
	CHECK_EQ(virtnet_dev_set_req_check(&req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "sf_from: the SF takeover");
}
