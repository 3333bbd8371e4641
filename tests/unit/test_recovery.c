/* test_recovery.c - the recovery record: from a device, compared, ordered, to a DEV_NEW request. */
#define _GNU_SOURCE
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "attrs.h"
#include "fixtures.h"
#include "recovery.h"
#include "recovery_fixtures.h"

TEST(recovery_equal_each_field)
{
	struct virtnet_recovery_rec a, b;

	guide_rec(&a);
	b = a;
	CHECK(virtnet_recovery_equal(&a, &b));
#define DIFFERS(stmt) do { b = a; stmt; CHECK(!virtnet_recovery_equal(&a, &b)); } while (0)
	DIFFERS(strcpy(b.port_ib_dev, "mlx5_1"));
	DIFFERS(b.pf_id = 1);
	DIFFERS(b.function_type = VIRTNET_RECOVERY_VF);
	DIFFERS(b.bdf = 1);
	DIFFERS(b.device_type = VIRTNET_RECOVERY_STATIC);
	DIFFERS(b.mac[3] ^= 1);
	DIFFERS(b.pf_num = 1);
	DIFFERS(b.sf_num = 2001);
	DIFFERS(b.mq = 2);
	DIFFERS(strcpy(b.vuid, "VNETS1D1F0"));
	DIFFERS(b.mtu = 9000);
	DIFFERS(b.num_queues = 5);
	DIFFERS(b.queue_size = 512);
	DIFFERS(b.features = 1);
	DIFFERS(b.legacy = true);
	DIFFERS(b.link_down = true);
	DIFFERS(b.rx_coal_usecs = 1);
	DIFFERS(b.rx_coal_max_packets = 1);
	DIFFERS(b.tx_coal_usecs = 1);
	DIFFERS(b.tx_coal_max_packets = 1);
#undef DIFFERS
	/* VF fields count only for VFs. */
	b = a;
	b.vf_id = 3;
	CHECK(virtnet_recovery_equal(&a, &b));
	vf_rec(&a);
	b = a;
	b.vf_id = 3;
	CHECK(!virtnet_recovery_equal(&a, &b));
	b = a;
	b.parent_pf_id = 3;
	CHECK(!virtnet_recovery_equal(&a, &b));
	b = a;
	b.pf_index = 3;
	CHECK(!virtnet_recovery_equal(&a, &b));
}

TEST(recovery_from_dev)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev dev;
	char err[256];

	fixture_dev(&dev);
	dev.port_index = 1;
	strcpy(dev.ibdev, "mlx5_1");
	dev.legacy = true;
	dev.num_queues = 7;
	dev.id = 12;
	virtnet_recovery_from_dev(&dev, 0x21, &rec);
	CHECK_STREQ(rec.port_ib_dev, "mlx5_1");
	CHECK_EQ(rec.pf_id, 12);
	CHECK_EQ(rec.function_type, VIRTNET_RECOVERY_PF);
	CHECK_EQ(rec.device_type, VIRTNET_RECOVERY_HOTPLUG);
	CHECK_EQ(rec.bdf, 0x8500);
	CHECK(!memcmp(rec.mac, dev.mac, 6));
	CHECK_EQ(rec.pf_num, 1);
	CHECK_EQ(rec.sf_num, 2000);
	CHECK_EQ(rec.mq, 3);
	CHECK_STREQ(rec.vuid, "VNETS1D0F0");
	CHECK_EQ(rec.mtu, 1500);
	CHECK_EQ(rec.num_queues, 7);
	CHECK_EQ(rec.queue_size, 1024);
	/* The request, not what the kernel offers (device_features). */
	CHECK_EQ(rec.features, 0x21);
	CHECK(rec.legacy);
	CHECK_EQ(rec.vf_id, 0);
	CHECK_EQ(rec.parent_pf_id, 0);
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), 0);

	dev.type = VIRTNET_DEV_TYPE_STATIC_PF;
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(rec.function_type, VIRTNET_RECOVERY_PF);
	CHECK_EQ(rec.device_type, VIRTNET_RECOVERY_STATIC);
	CHECK_EQ(rec.features, 0);

	/* A VF: its place comes from VF_ID, PARENT_ID and PF_INDEX. */
	fixture_vf(&dev);
	dev.vf_id = 7;
	dev.pf_index = 2;
	dev.parent_id = 3;
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(rec.function_type, VIRTNET_RECOVERY_VF);
	CHECK_EQ(rec.device_type, VIRTNET_RECOVERY_STATIC);
	CHECK_EQ(rec.vf_id, 7);
	CHECK_EQ(rec.parent_pf_id, 3);
	CHECK_EQ(rec.pf_index, 2);
	CHECK_EQ(rec.pf_id, 4);
	CHECK_STREQ(rec.vuid, "VNETS0D0F2VF1");
	CHECK_EQ(rec.bdf, 0x8525);
	CHECK_EQ(rec.sf_num, 3000);
	CHECK_EQ(rec.mq, 1);
	CHECK(!rec.legacy);
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), 0);

	/* A device the rules refuse is caught by the check (and by write). */
	fixture_dev(&dev);
	dev.sf_num = 100000;
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid sf_num '100000': must be between 1000 and 99999");
}

/*
 * What the controller records from a DEV_SET event (`virtnet modify`):
 * the modified MTU, queues, queue size and offered features survive a
 * JSON round trip and reach the rebuild's DEV_NEW; link state and
 * coalescing are not part of the record.
 */
TEST(recovery_after_modify)
{
	struct virtnet_dev_new_req req;
	struct virtnet_recovery_rec rec, back;
	struct virtnet_dev dev;
	char err[256];
	json_t *obj;

	fixture_dev(&dev);
	dev.mtu = 9000;
	dev.num_queues = 5;
	dev.num_msix = 6;
	dev.queue_size = 512;
	dev.device_features = (1ULL << 63) | (1ULL << 53) | (1ULL << 32) | (1ULL << 29) |
			      (1ULL << 22) | (1ULL << 21) | (1ULL << 17) | (1ULL << 5);
	dev.link_up = 0;
	dev.rx_coal_usecs = 50;
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), 0);
	CHECK_EQ(rec.mtu, 9000);
	CHECK_EQ(rec.num_queues, 5);
	CHECK_EQ(rec.mq, 2);
	CHECK_EQ(rec.queue_size, 512);
	CHECK_EQ(rec.features, dev.device_features);

	obj = virtnet_recovery_to_json(&rec);
	REQUIRE(obj != NULL);
	CHECK_EQ(virtnet_recovery_from_json(obj, &back, err, sizeof(err)), 0);
	json_decref(obj);
	CHECK(virtnet_recovery_equal(&rec, &back));

	CHECK_EQ(virtnet_recovery_to_new_req(&back, &req, err, sizeof(err)), 0);
	CHECK_EQ(req.mtu, 9000);
	CHECK_EQ(req.num_queues, 5);
	CHECK_EQ(req.queue_size, 512);
	CHECK_EQ(req.features, dev.device_features);
	/* The link state and coalescing come back with the device. */
	CHECK(rec.link_down);
	CHECK_EQ(rec.rx_coal_usecs, 50);
	CHECK(req.link_down);
	CHECK(req.rx_coal.has_usecs);
	CHECK_EQ(req.rx_coal.usecs, 50);
	CHECK(!req.rx_coal.has_max_packets);
	CHECK(!req.tx_coal.has_usecs);
	CHECK(!req.tx_coal.has_max_packets);

	/* A link or coalescing change alone records another file. */
	{
		struct virtnet_recovery_rec again;

		dev.link_up = 1;
		virtnet_recovery_from_dev(&dev, dev.device_features, &again);
		CHECK(!virtnet_recovery_equal(&rec, &again));
		CHECK(!again.link_down);
		dev.link_up = 0;
		dev.rx_coal_usecs = 0;
		virtnet_recovery_from_dev(&dev, dev.device_features, &again);
		CHECK(!virtnet_recovery_equal(&rec, &again));
	}
}

TEST(recovery_to_new_req)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev_new_req req;
	char err[256] = "";

	vf_rec(&rec);
	rec.function_type = VIRTNET_RECOVERY_PF;
	rec.device_type = VIRTNET_RECOVERY_HOTPLUG;
	rec.legacy = true;
	strcpy(rec.port_ib_dev, "mlx5_1");
	rec.pf_id = 65535;
	memset(&req, 0xaa, sizeof(req));
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK_STREQ(req.ibdev, "mlx5_1");
	CHECK(!memcmp(req.mac, rec.mac, 6));
	CHECK_EQ(req.mtu, 1500);
	CHECK_EQ(req.num_queues, 15);
	CHECK_EQ(req.queue_size, 256);
	CHECK_EQ(req.features, 0x100000021ULL);
	CHECK(req.legacy);
	CHECK(req.has_id);
	CHECK_EQ(req.id, 65535);
	CHECK(req.has_sf_num);
	CHECK_EQ(req.sf_num, 3000);

	/* A hotplug PF asks for its old slot by BDF. */
	CHECK(req.has_bdf);
	CHECK_EQ(req.bdf, rec.bdf);
	CHECK(!req.static_pf);

	/* A VF is rebuilt by its static PF's index and its own. */
	vf_rec(&rec);
	memset(&req, 0xaa, sizeof(req));
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK(req.vf);
	CHECK(!req.static_pf);
	CHECK(!req.has_bdf);
	CHECK(!req.legacy);
	CHECK_EQ(req.pf_index, 1);
	CHECK_EQ(req.vf_id, 1);
	CHECK(req.has_id);
	CHECK_EQ(req.id, 5);
	CHECK(req.has_sf_num);
	CHECK_EQ(req.sf_num, 3000);
	CHECK_STREQ(req.ibdev, "mlx5_0");
	CHECK(!memcmp(req.mac, rec.mac, 6));
	CHECK_EQ(req.mtu, 1500);
	CHECK_EQ(req.num_queues, 15);
	CHECK_EQ(req.queue_size, 256);
	CHECK_EQ(req.features, 0x100000021ULL);
	/* An invalid VF record gives no request. */
	rec.vf_id = 126;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vf_id '126': must be a VF index between 0 and 125");

	/* A static PF is brought up by index: 85:00.4 is static PF 1. */
	guide_rec(&rec);
	rec.device_type = VIRTNET_RECOVERY_STATIC;
	rec.bdf = 0x8504;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK(req.static_pf);
	CHECK_EQ(req.pf_index, 1);
	CHECK(!req.has_bdf);
	rec.bdf = 0x6800;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid bdf_raw '26624': a static pf is at 85:00.3 to 85:00.6");
	rec.bdf = 0x8507;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);

	/* An invalid record gives no request. */
	guide_rec(&rec);
	rec.queue_size = 100;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid queue_size '100': must be a power of two");
	guide_rec(&rec);
	rec.pf_id = 65536;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid pf_id '65536': must be a device id between 0 and 65535");
}

TEST(recovery_rebuild_order)
{
	struct virtnet_recovery_rec recs[6];

	/* In scan (name) order: VF10 sorts before VF2, PFs among VFs. */
	vf_rec(&recs[0]);
	recs[0].pf_index = 1;
	recs[0].vf_id = 9;
	strcpy(recs[0].vuid, "VNETS0D0F3VF10");
	vf_rec(&recs[1]);
	recs[1].pf_index = 1;
	recs[1].vf_id = 1;
	strcpy(recs[1].vuid, "VNETS0D0F3VF2");
	vf_rec(&recs[2]);
	recs[2].pf_index = 0;
	recs[2].vf_id = 3;
	strcpy(recs[2].vuid, "VNETS0D0F2VF4");
	nth_rec(&recs[3], 1);
	guide_rec(&recs[4]);
	recs[4].device_type = VIRTNET_RECOVERY_STATIC;
	strcpy(recs[4].vuid, "VNETS0D0F2");
	nth_rec(&recs[5], 0);
	qsort(recs, 6, sizeof(recs[0]), virtnet_recovery_rebuild_cmp);
	/* PFs first (by vuid), then VFs by static PF and vf_id. */
	CHECK_STREQ(recs[0].vuid, "VNETS0D0F2");
	CHECK_STREQ(recs[1].vuid, "VNETS1D0F0");
	CHECK_STREQ(recs[2].vuid, "VNETS1D1F0");
	CHECK_STREQ(recs[3].vuid, "VNETS0D0F2VF4");
	CHECK_STREQ(recs[4].vuid, "VNETS0D0F3VF2");
	CHECK_STREQ(recs[5].vuid, "VNETS0D0F3VF10");
}

TEST(recovery_mode_from_dev)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev dev;

	/* A kernel that reports DEV_MODE. */
	fixture_dev(&dev);
	dev.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(dev.vdpa_name, "vdpa0");
	dev.present |= (1ULL << VIRTNET_ATTR_DEV_MODE) | (1ULL << VIRTNET_ATTR_VDPA_NAME);
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(rec.vdpa_name, "vdpa0");
	/* Back on the virtio bus: no name, whatever the struct holds. */
	dev.mode = VIRTNET_DEV_MODE_VIRTIO;
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_STREQ(rec.vdpa_name, "");
	/* A kernel without DEV_MODE: a vdpa device means vDPA mode. */
	dev.present &= ~(1ULL << VIRTNET_ATTR_DEV_MODE);
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(rec.vdpa_name, "vdpa0");
	fixture_dev(&dev);
	virtnet_recovery_from_dev(&dev, 0, &rec);
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_STREQ(rec.vdpa_name, "");
}

TEST(recovery_mode_to_new_req)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1], *head;
	struct virtnet_recovery_rec rec;
	struct virtnet_dev_new_req req;
	struct nl_msg *msg;
	char err[256] = "";
	int len;

	/* Always a mode: virtio too, so the device comes back where it was. */
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK(req.has_mode);
	CHECK_EQ(req.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_STREQ(req.vdpa_name, "");
	msg = nlmsg_alloc();
	REQUIRE(msg);
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	head = fixture_attrs(msg, &len);
	REQUIRE(virtnet_attrs_parse(&virtnet_attrs, tb, head, len, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_MODE]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_MODE]), VIRTNET_DEV_MODE_VIRTIO);
	CHECK(!tb[VIRTNET_ATTR_VDPA_NAME]);
	nlmsg_free(msg);

	/* vDPA with its name, next to the other recovery attributes. */
	vdpa_rec(&rec);
	rec.link_down = true;
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	msg = nlmsg_alloc();
	REQUIRE(msg);
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VIRTNET_CMD_DEV_NEW, 1);
	CHECK_EQ(virtnet_dev_new_req_put(msg, &req), 0);
	head = fixture_attrs(msg, &len);
	REQUIRE(virtnet_attrs_parse(&virtnet_attrs, tb, head, len, err, sizeof(err)) == 0);
	REQUIRE(tb[VIRTNET_ATTR_DEV_MODE] && tb[VIRTNET_ATTR_VDPA_NAME]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_DEV_MODE]), VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(nla_get_string(tb[VIRTNET_ATTR_VDPA_NAME]), "vdpa0");
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_DEV_ID]), 0);
	CHECK_EQ(nla_get_u32(tb[VIRTNET_ATTR_SF_NUM]), 2000);
	CHECK(tb[VIRTNET_ATTR_DEV_BDF] != NULL);
	REQUIRE(tb[VIRTNET_ATTR_LINK_UP]);
	CHECK_EQ(nla_get_u8(tb[VIRTNET_ATTR_LINK_UP]), 0);
	nlmsg_free(msg);

	/* A bad record makes no request. */
	guide_rec(&rec);
	strcpy(rec.vdpa_name, "vdpa0");
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa0': allowed only when mode is vdpa");
}

/*
 * A vdpa device name that is not UTF-8 (the kernel takes any bytes but
 * '/') cannot go into the JSON file: the record is refused by name, not
 * with an out-of-memory failure of virtnet_recovery_to_json() when the
 * controller writes it. Found writing tests/fuzz/fuzz_nlreply.c, whose
 * check of virtnet_recovery_from_dev() goes down this path.
 */
TEST(recovery_vdpa_name_not_utf8)
{
	struct virtnet_recovery_rec rec;
	char err[256] = "";
	json_t *obj;

	guide_rec(&rec);
	rec.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(rec.vdpa_name, "vdpa\xff");
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid vdpa_name 'vdpa");
	CHECK_CONTAINS(err, "must be valid UTF-8");
	CHECK_EQ(virtnet_check_vdpa_name("vdpa_name", "v\xc3\xa9", err, sizeof(err)), 0);
	strcpy(rec.vdpa_name, "v\xc3\xa9");
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), 0);
	obj = virtnet_recovery_to_json(&rec);
	CHECK(obj != NULL);
	json_decref(obj);
}
