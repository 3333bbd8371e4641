/* test_recovery.c - recovery records, their JSON, the atomic store and the scan. */
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

/* The guide's example, plus our fields. */
static void guide_rec(struct virtnet_recovery_rec *rec)
{
	static const uint8_t mac[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };

	memset(rec, 0, sizeof(*rec));
	strcpy(rec->port_ib_dev, "mlx5_0");
	rec->pf_id = 0;
	rec->function_type = VIRTNET_RECOVERY_PF;
	rec->bdf = 26624;		/* 68:00.0 */
	rec->device_type = VIRTNET_RECOVERY_HOTPLUG;
	memcpy(rec->mac, mac, 6);
	rec->pf_num = 0;
	rec->sf_num = 2000;
	rec->mq = 1;
	strcpy(rec->vuid, "VNETS1D0F0");
	rec->mtu = 1500;
	rec->num_queues = 3;
	rec->queue_size = 256;
	rec->features = 0;
	rec->legacy = false;
}

/* VF 1 (VNETS0D0F3VF2) of static PF 1, whose id is 2. */
static void vf_rec(struct virtnet_recovery_rec *rec)
{
	guide_rec(rec);
	rec->function_type = VIRTNET_RECOVERY_VF;
	rec->device_type = VIRTNET_RECOVERY_STATIC;
	strcpy(rec->vuid, "VNETS0D0F3VF2");
	rec->bdf = 0x8526;		/* 85:04.6 */
	rec->pf_id = 5;
	rec->vf_id = 1;
	rec->parent_pf_id = 2;
	rec->pf_index = 1;
	rec->sf_num = 3000;
	rec->mq = 7;
	rec->num_queues = 15;
	rec->features = 0x100000021ULL;
	rec->legacy = false;
}

/* A record unique by n: its own vuid, pf_id, sf_num, mac, slot. */
static void nth_rec(struct virtnet_recovery_rec *rec, unsigned int n)
{
	guide_rec(rec);
	snprintf(rec->vuid, sizeof(rec->vuid), "VNETS1D%uF0", n);
	rec->pf_id = n;
	rec->sf_num = 2000 + n;
	rec->mac[5] = (uint8_t)n;
	rec->bdf = (uint16_t)((0x85 + n) << 8);
}

/* ---- JSON ---- */

TEST(recovery_json_guide_fields)
{
	struct virtnet_recovery_rec rec;
	json_t *obj;
	char *text;

	guide_rec(&rec);
	obj = virtnet_recovery_to_json(&rec);
	REQUIRE(obj);
	/* The guide's fields, names and JSON types. */
	CHECK_STREQ(json_string_value(json_object_get(obj, "port_ib_dev")), "mlx5_0");
	CHECK(json_is_integer(json_object_get(obj, "pf_id")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "pf_id")), 0);
	CHECK_STREQ(json_string_value(json_object_get(obj, "function_type")), "pf");
	CHECK(json_is_integer(json_object_get(obj, "bdf_raw")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "bdf_raw")), 26624);
	CHECK_STREQ(json_string_value(json_object_get(obj, "device_type")), "hotplug");
	CHECK_STREQ(json_string_value(json_object_get(obj, "mac")), "0c:c4:7a:ff:22:93");
	CHECK(json_is_integer(json_object_get(obj, "pf_num")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "pf_num")), 0);
	CHECK(json_is_integer(json_object_get(obj, "sf_num")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "sf_num")), 2000);
	CHECK(json_is_integer(json_object_get(obj, "mq")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "mq")), 1);
	/* Ours. */
	CHECK(!json_object_get(obj, "vf_id"));
	CHECK(!json_object_get(obj, "parent_pf_id"));
	CHECK_EQ(json_object_size(obj), 17);
	text = json_dumps(obj, JSON_COMPACT);
	CHECK_STREQ(text,
		"{\"version\":1,\"port_ib_dev\":\"mlx5_0\",\"pf_id\":0,\"function_type\":\"pf\","
		"\"bdf_raw\":26624,\"device_type\":\"hotplug\",\"mac\":\"0c:c4:7a:ff:22:93\","
		"\"pf_num\":0,\"sf_num\":2000,\"mq\":1,\"vuid\":\"VNETS1D0F0\",\"bdf\":\"68:00.0\","
		"\"mtu\":1500,\"num_queues\":3,\"queue_size\":256,\"features\":\"0x0\","
		"\"legacy\":false}");
	free(text);
	json_decref(obj);
}

TEST(recovery_json_round_trip)
{
	struct virtnet_recovery_rec a, b;
	char err[256] = "";
	json_t *obj;

	guide_rec(&a);
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	memset(&b, 0xaa, sizeof(b));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(virtnet_recovery_equal(&a, &b));
	json_decref(obj);

	vf_rec(&a);
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK_EQ(json_integer_value(json_object_get(obj, "vf_id")), 1);
	CHECK_EQ(json_integer_value(json_object_get(obj, "parent_pf_id")), 2);
	CHECK_EQ(json_integer_value(json_object_get(obj, "pf_index")), 1);
	CHECK_STREQ(json_string_value(json_object_get(obj, "features")), "0x100000021");
	CHECK(json_is_false(json_object_get(obj, "legacy")));
	CHECK_STREQ(json_string_value(json_object_get(obj, "bdf")), "85:04.6");
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(virtnet_recovery_equal(&a, &b));
	CHECK_EQ(b.vf_id, 1);
	CHECK_EQ(b.parent_pf_id, 2);
	CHECK_EQ(b.pf_index, 1);
	CHECK_EQ(b.features, 0x100000021ULL);
	json_decref(obj);

	/* Features need all 64 bits. */
	guide_rec(&a);
	a.features = UINT64_MAX;
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK_STREQ(json_string_value(json_object_get(obj, "features")), "0xffffffffffffffff");
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK(b.features == UINT64_MAX);
	json_decref(obj);
}

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

/* ---- from the kernel's report, to a DEV_NEW request ---- */

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

/* link_up and coalescing: optional keys, written only when not the default. */
TEST(recovery_json_run_state)
{
	static const char *const keys[] = {
		"link_up", "rx_coal_usecs", "rx_coal_max_packets", "tx_coal_usecs",
		"tx_coal_max_packets",
	};
	struct virtnet_recovery_rec a, b;
	char err[256] = "";
	json_t *obj;

	/* Defaults: none of the keys, so older controllers read the file. */
	guide_rec(&a);
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK(json_object_get(obj, keys[i]) == NULL);
	json_decref(obj);

	a.link_down = true;
	a.rx_coal_usecs = 1000000;
	a.rx_coal_max_packets = 32768;
	a.tx_coal_usecs = 7;
	a.tx_coal_max_packets = 1;
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK(json_is_false(json_object_get(obj, "link_up")));
	CHECK_EQ(json_integer_value(json_object_get(obj, "rx_coal_usecs")), 1000000);
	CHECK_EQ(json_integer_value(json_object_get(obj, "rx_coal_max_packets")), 32768);
	CHECK_EQ(json_integer_value(json_object_get(obj, "tx_coal_usecs")), 7);
	CHECK_EQ(json_integer_value(json_object_get(obj, "tx_coal_max_packets")), 1);
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(virtnet_recovery_equal(&a, &b));

	/* Written by hand: link_up true and zeros are the defaults. */
	json_object_set_new(obj, "link_up", json_true());
	json_object_set_new(obj, "tx_coal_usecs", json_integer(0));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK(!b.link_down);
	CHECK_EQ(b.tx_coal_usecs, 0);

	/* Bad values name the field and change nothing. */
	b = a;
	json_object_set_new(obj, "link_up", json_integer(0));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "invalid link_up '0': must be a JSON boolean"));
	CHECK(virtnet_recovery_equal(&a, &b));
	json_object_set_new(obj, "link_up", json_false());
	json_object_set_new(obj, "rx_coal_usecs", json_integer(1000001));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "invalid rx_coal_usecs '1000001'"));
	json_object_set_new(obj, "rx_coal_usecs", json_integer(1));
	json_object_set_new(obj, "tx_coal_max_packets", json_integer(-1));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "invalid tx_coal_max_packets '-1'"));
	json_object_set_new(obj, "tx_coal_max_packets", json_string("4"));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "invalid tx_coal_max_packets '\"4\"': must be a JSON integer"));
	CHECK(virtnet_recovery_equal(&a, &b));
	json_decref(obj);

	/* The record check has the same bounds. */
	a.tx_coal_max_packets = 32769;
	CHECK_EQ(virtnet_recovery_check(&a, err, sizeof(err)), -EINVAL);
	CHECK(strstr(err, "tx_coal_max_packets"));
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

/* ---- strict parsing ---- */

static json_t *guide_json(void)
{
	struct virtnet_recovery_rec rec;

	guide_rec(&rec);
	return virtnet_recovery_to_json(&rec);
}

static json_t *vf_json(void)
{
	struct virtnet_recovery_rec rec;

	vf_rec(&rec);
	return virtnet_recovery_to_json(&rec);
}

/* from_json(obj) fails with a message starting with want; takes obj. */
static void expect_bad(json_t *obj, const char *want, const char *file, int line)
{
	struct virtnet_recovery_rec rec;
	char err[512] = "";
	int ret;

	if (!obj) {
		test_fail(file, line, "no object");
		return;
	}
	guide_rec(&rec);
	ret = virtnet_recovery_from_json(obj, &rec, err, sizeof(err));
	if (ret != -EINVAL)
		test_fail(file, line, "from_json returned %d, want -EINVAL (want \"%s\")",
			  ret, want);
	else if (strncmp(err, want, strlen(want)))
		test_fail(file, line, "message\n    got:  \"%s\"\n    want: \"%s...\"",
			  err, want);
	if (rec.mtu != 1500 || strcmp(rec.vuid, "VNETS1D0F0"))
		test_fail(file, line, "rec written on failure");
	json_decref(obj);
}
#define EXPECT_BAD(obj, want) expect_bad(obj, want, __FILE__, __LINE__)

static json_t *with(json_t *obj, const char *key, json_t *v)
{
	if (obj)
		json_object_set_new(obj, key, v);
	return obj;
}

static json_t *without(json_t *obj, const char *key)
{
	if (obj)
		json_object_del(obj, key);
	return obj;
}

static const char *const required_keys[] = {
	"version", "port_ib_dev", "pf_id", "function_type", "bdf_raw",
	"device_type", "mac", "pf_num", "sf_num", "mq", "vuid", "bdf", "mtu",
	"num_queues", "queue_size", "features", "legacy",
};
#define NKEYS (sizeof(required_keys) / sizeof(required_keys[0]))

TEST(recovery_json_missing_field)
{
	char want[64];

	for (size_t i = 0; i < NKEYS; i++) {
		snprintf(want, sizeof(want), "missing field '%s'", required_keys[i]);
		EXPECT_BAD(without(guide_json(), required_keys[i]), want);
	}
	EXPECT_BAD(without(vf_json(), "vf_id"), "missing field 'vf_id'");
	EXPECT_BAD(without(vf_json(), "parent_pf_id"), "missing field 'parent_pf_id'");
	EXPECT_BAD(without(vf_json(), "pf_index"), "missing field 'pf_index'");
}

TEST(recovery_json_wrong_type)
{
	static const char *const strings[] = {
		"port_ib_dev", "function_type", "device_type", "mac", "vuid", "bdf",
		"features",
	};
	static const char *const ints[] = {
		"version", "pf_id", "bdf_raw", "pf_num", "sf_num", "mq", "mtu",
		"num_queues", "queue_size",
	};
	char want[128];

	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		snprintf(want, sizeof(want), "invalid %s '7': must be a JSON string",
			 strings[i]);
		EXPECT_BAD(with(guide_json(), strings[i], json_integer(7)), want);
	}
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		json_t *obj = guide_json();

		/* The same number as a string, as a real, as a boolean. */
		snprintf(want, sizeof(want), "invalid %s '\"", ints[i]);
		EXPECT_BAD(with(obj, ints[i], json_sprintf("%lld",
			(long long)json_integer_value(json_object_get(obj, ints[i])))), want);
		snprintf(want, sizeof(want), "invalid %s '3.0': must be a JSON integer", ints[i]);
		EXPECT_BAD(with(guide_json(), ints[i], json_real(3.0)), want);
		snprintf(want, sizeof(want), "invalid %s 'true': must be a JSON integer", ints[i]);
		EXPECT_BAD(with(guide_json(), ints[i], json_true()), want);
	}
	EXPECT_BAD(with(guide_json(), "legacy", json_integer(0)),
		   "invalid legacy '0': must be a JSON boolean (true or false)");
	EXPECT_BAD(with(guide_json(), "legacy", json_string("false")),
		   "invalid legacy '\"false\"': must be a JSON boolean");
	EXPECT_BAD(with(guide_json(), "mtu", json_null()),
		   "invalid mtu 'null': must be a JSON integer");
	EXPECT_BAD(with(vf_json(), "vf_id", json_string("1")),
		   "invalid vf_id '\"1\"': must be a JSON integer");
	EXPECT_BAD(json_array(), "invalid recovery record '[]': must be a JSON object");
	EXPECT_BAD(json_string("x"), "invalid recovery record '\"x\"': must be a JSON object");
}

TEST(recovery_json_out_of_range)
{
	static const struct {
		const char *key;
		long long v;
		const char *want;
	} nums[] = {
		{ "pf_id", 65536, "invalid pf_id '65536': must be a device id between 0 and 65535" },
		{ "pf_id", -1, "invalid pf_id '-1': must be a device id between 0 and 65535" },
		{ "bdf_raw", 65536, "invalid bdf_raw '65536': must be bus << 8" },
		{ "bdf_raw", -1, "invalid bdf_raw '-1': must be bus << 8" },
		{ "pf_num", 8, "invalid pf_num '8': must be between 0 and 7" },
		{ "sf_num", 999, "invalid sf_num '999': must be between 1000 and 99999" },
		{ "sf_num", 100000, "invalid sf_num '100000': must be between 1000 and 99999" },
		{ "mq", 0, "invalid mq '0': must be the number of queue pairs" },
		{ "mq", 16, "invalid mq '16': must be the number of queue pairs" },
		{ "mtu", 67, "invalid mtu '67': must be between 68 and 9216" },
		{ "mtu", 9217, "invalid mtu '9217': must be between 68 and 9216" },
		{ "mtu", 65536 + 1500, "invalid mtu '67036': must be between 68 and 9216" },
		{ "num_queues", 1, "invalid num_queues '1': must be an odd number between 3 and 31" },
		{ "num_queues", 4, "invalid num_queues '4': must be an odd number" },
		{ "num_queues", 33, "invalid num_queues '33': must be an odd number" },
		{ "queue_size", 32, "invalid queue_size '32': must be a power of two between 64 and 32768" },
		{ "queue_size", 100, "invalid queue_size '100': must be a power of two" },
		{ "queue_size", 65536, "invalid queue_size '65536': must be a power of two" },
		{ "version", 0, "invalid version '0': must be 1, the only format version" },
		{ "version", 2, "invalid version '2': must be 1, the only format version" },
		{ "version", -1, "invalid version '-1': must be 1" },
	};
	static const struct {
		const char *key, *v, *want;
	} strs[] = {
		{ "port_ib_dev", "", "invalid port_ib_dev '': must be an RDMA device name" },
		{ "port_ib_dev", "mlx5/0", "invalid port_ib_dev 'mlx5/0': must be an RDMA device name" },
		{ "function_type", "PF", "invalid function_type 'PF': must be pf or vf" },
		{ "function_type", "sf", "invalid function_type 'sf': must be pf or vf" },
		{ "device_type", "hot", "invalid device_type 'hot': must be hotplug or static" },
		{ "mac", "01:00:5e:00:00:01", "invalid mac '01:00:5e:00:00:01': must be a unicast address" },
		{ "mac", "ff:ff:ff:ff:ff:ff", "invalid mac 'ff:ff:ff:ff:ff:ff': must be a unicast address" },
		{ "mac", "00:00:00:00:00:00", "invalid mac '00:00:00:00:00:00': must be a unicast address" },
		{ "mac", "0c-c4-7a-ff-22-93", "invalid mac '0c-c4-7a-ff-22-93': must be six" },
		{ "vuid", "", "invalid vuid '': must be a VUID of 1 to 31 letters and digits" },
		{ "vuid", "../VNETS1D0F0", "invalid vuid '../VNETS1D0F0': must be a VUID" },
		{ "vuid", "VNET S1", "invalid vuid 'VNET S1': must be a VUID" },
		{ "vuid", "V0123456789012345678901234567890", "invalid vuid 'V0123456789012345678901234567890': must be a VUID" },
		{ "bdf", "68:00", "invalid bdf '68:00': must be a PCI address BB:DD.F" },
		{ "bdf", "68:20.0", "invalid bdf '68:20.0': must be a PCI address" },
		{ "features", "", "invalid features '': must be a 64-bit mask in hex" },
		{ "features", "0", "invalid features '0': must be a 64-bit mask in hex" },
		{ "features", "33", "invalid features '33': must be a 64-bit mask in hex" },
		{ "features", "0x", "invalid features '0x': must be a 64-bit mask in hex" },
		{ "features", "0X21", "invalid features '0X21': must be a 64-bit mask" },
		{ "features", "0x21 ", "invalid features '0x21 ': must be a 64-bit mask" },
		{ "features", "0xg", "invalid features '0xg': must be a 64-bit mask" },
		{ "features", "0x10000000000000000", "invalid features '0x10000000000000000': must be a 64-bit mask" },
	};

	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		EXPECT_BAD(with(guide_json(), nums[i].key, json_integer(nums[i].v)),
			   nums[i].want);
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		EXPECT_BAD(with(guide_json(), strs[i].key, json_string(strs[i].v)),
			   strs[i].want);
	EXPECT_BAD(with(vf_json(), "vf_id", json_integer(126)),
		   "invalid vf_id '126': must be a VF index between 0 and 125");
	EXPECT_BAD(with(vf_json(), "vf_id", json_integer(-1)),
		   "invalid vf_id '-1': must be a VF index between 0 and 125");
	EXPECT_BAD(with(vf_json(), "pf_index", json_integer(4)),
		   "invalid pf_index '4': must be a static PF index between 0 and 3");
	EXPECT_BAD(with(vf_json(), "pf_index", json_integer(-1)),
		   "invalid pf_index '-1': must be a static PF index between 0 and 3");
	EXPECT_BAD(with(vf_json(), "parent_pf_id", json_integer(-2)),
		   "invalid parent_pf_id '-2': must be a device id between 0 and 65535");
}

TEST(recovery_json_edges_accepted)
{
	struct virtnet_recovery_rec rec;
	char err[256];
	json_t *obj = guide_json();

	REQUIRE(obj);
	json_object_set_new(obj, "pf_id", json_integer(65535));
	json_object_set_new(obj, "sf_num", json_integer(99999));
	json_object_set_new(obj, "mtu", json_integer(9216));
	json_object_set_new(obj, "num_queues", json_integer(31));
	json_object_set_new(obj, "mq", json_integer(15));
	json_object_set_new(obj, "queue_size", json_integer(32768));
	json_object_set_new(obj, "mac", json_string("0C:C4:7A:FF:22:93"));
	json_object_set_new(obj, "bdf", json_string("68:00.0"));
	json_object_set_new(obj, "features", json_string("0xFFFFFFFFFFFFFFFF"));
	CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), 0);
	CHECK_EQ(rec.pf_id, 65535);
	CHECK_EQ(rec.sf_num, 99999);
	CHECK_EQ(rec.mq, 15);
	CHECK(rec.features == UINT64_MAX);
	json_object_set_new(obj, "mtu", json_integer(68));
	json_object_set_new(obj, "num_queues", json_integer(3));
	json_object_set_new(obj, "mq", json_integer(1));
	json_object_set_new(obj, "queue_size", json_integer(64));
	json_object_set_new(obj, "sf_num", json_integer(1000));
	json_object_set_new(obj, "pf_num", json_integer(7));
	CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), 0);
	json_decref(obj);
}

TEST(recovery_json_cross_field_rules)
{
	/* Unknown keys, even with the right types. */
	EXPECT_BAD(with(guide_json(), "id", json_integer(0)),
		   "invalid field 'id': unknown; the fields are version, port_ib_dev,");
	EXPECT_BAD(with(guide_json(), "MTU", json_integer(1500)), "invalid field 'MTU': unknown");
	/* VF fields on a PF, and missing on a VF. */
	EXPECT_BAD(with(guide_json(), "vf_id", json_integer(1)),
		   "invalid vf_id '1': allowed only when function_type is vf");
	EXPECT_BAD(with(guide_json(), "parent_pf_id", json_integer(0)),
		   "invalid parent_pf_id '0': allowed only when function_type is vf");
	EXPECT_BAD(with(without(vf_json(), "vf_id"), "function_type", json_string("pf")),
		   "invalid parent_pf_id '2': allowed only when function_type is vf");
	EXPECT_BAD(with(guide_json(), "function_type", json_string("vf")),
		   "missing field 'vf_id'");
	EXPECT_BAD(with(guide_json(), "pf_index", json_integer(0)),
		   "invalid pf_index '0': allowed only when function_type is vf");
	EXPECT_BAD(with(vf_json(), "pf_index", json_string("0")),
		   "invalid pf_index '\"0\"': must be a JSON integer");
	/* A VF is a static PF's, and not transitional. */
	EXPECT_BAD(with(vf_json(), "device_type", json_string("hotplug")),
		   "invalid device_type 'hotplug': a vf belongs to a static pf, so it must be static");
	EXPECT_BAD(with(vf_json(), "legacy", json_true()),
		   "invalid legacy 'true': a vf cannot be transitional");
	/* bdf must say what bdf_raw says. */
	EXPECT_BAD(with(guide_json(), "bdf", json_string("85:00.0")),
		   "invalid bdf '85:00.0': must match bdf_raw 26624, which is 68:00.0");
	EXPECT_BAD(with(guide_json(), "bdf_raw", json_integer(0x6801)),
		   "invalid bdf '68:00.0': must match bdf_raw 26625, which is 68:00.1");
	/* mq is (num_queues - 1) / 2. */
	EXPECT_BAD(with(guide_json(), "mq", json_integer(2)),
		   "invalid mq '2': must be (num_queues - 1) / 2 = 1 for num_queues 3");
	EXPECT_BAD(with(guide_json(), "num_queues", json_integer(5)),
		   "invalid mq '1': must be (num_queues - 1) / 2 = 2 for num_queues 5");
	/* The version comes first: a newer file's extra keys are no "unknown key". */
	EXPECT_BAD(with(with(guide_json(), "version", json_integer(2)), "extra", json_true()),
		   "invalid version '2'");
}

/* ---- files ---- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *tmpdir(void)
{
	char *d = strdup("/tmp/virtnet-recovery-XXXXXX");

	if (d && !mkdtemp(d)) {
		free(d);
		return NULL;
	}
	return d;
}

static int put_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	n = fwrite(data, 1, len, f);
	return fclose(f) || n != len ? -1 : 0;
}

static int put_str(const char *dir, const char *name, const char *s)
{
	return put_file(dir, name, s, strlen(s));
}

/* The record's JSON text, as write() makes it (for crafted files). */
static char *rec_text(const struct virtnet_recovery_rec *rec)
{
	json_t *obj = virtnet_recovery_to_json(rec);
	char *s = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;

	json_decref(obj);
	return s;
}

static int put_rec(const char *dir, const char *name, const struct virtnet_recovery_rec *rec)
{
	char *s = rec_text(rec);
	int ret = s ? put_str(dir, name, s) : -1;

	free(s);
	return ret;
}

static bool exists(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

/* Entries in dir, without . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

TEST(recovery_write_read_remove)
{
	struct virtnet_recovery_rec rec, back;
	char *dir = tmpdir(), path[512], err[256] = "", *text;
	struct stat st;
	mode_t old = umask(022);
	FILE *f;
	long len;

	REQUIRE(dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);
	CHECK_EQ(lstat(path, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_EQ(count_entries(dir), 1);	/* no temporary file left */

	/* Pretty JSON, one key a line, newline at the end. */
	text = rec_text(&rec);
	f = fopen(path, "r");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fclose(f);
	CHECK_EQ(len, (long)strlen(text) + 1);
	free(text);

	memset(&back, 0, sizeof(back));
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));

	vf_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS0D0F3VF2.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(count_entries(dir), 2);

	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS0D0F3VF2", err, sizeof(err)), 0);
	CHECK(!exists(dir, "VNETS0D0F3VF2.json"));
	CHECK(exists(dir, "VNETS1D0F0.json"));
	/* Gone already, or no directory: fine. */
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS0D0F3VF2", err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/none", dir);
	CHECK_EQ(virtnet_recovery_remove(path, "VNETS1D0F0", err, sizeof(err)), 0);
	/* A vuid is letters and digits: no way out of the directory. */
	CHECK_EQ(virtnet_recovery_remove(dir, "../VNETS1D0F0", err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid vuid '../VNETS1D0F0'");
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS1D0F0", err, sizeof(err)), 0);
	CHECK_EQ(count_entries(dir), 0);

	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_creates_dir)
{
	struct virtnet_recovery_rec rec;
	char *dir = tmpdir(), sub[512], err[256];
	struct stat st;
	mode_t old = umask(022);

	REQUIRE(dir);
	snprintf(sub, sizeof(sub), "%s/a/b/recovery", dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(sub, &rec, err, sizeof(err)), 0);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0700);
	snprintf(sub, sizeof(sub), "%s/a", dir);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0700);
	CHECK(exists(dir, "a/b/recovery/VNETS1D0F0.json"));

	/* A file in the way. */
	CHECK_EQ(put_str(dir, "file", "x"), 0);
	snprintf(sub, sizeof(sub), "%s/file/recovery", dir);
	CHECK_EQ(virtnet_recovery_write(sub, &rec, err, sizeof(err)), -ENOTDIR);
	CHECK_CONTAINS(err, "/file'");
	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_replaces_completely)
{
	struct virtnet_recovery_rec big, small, back;
	char *dir = tmpdir(), path[512], err[256], *text;
	struct stat st1, st2;
	FILE *f;
	long len;

	REQUIRE(dir);
	vf_rec(&big);
	strcpy(big.port_ib_dev, "a_very_long_rdma_device_name_for_the_first_version_0123456");
	strcpy(big.vuid, "VNETS1D0F0");
	guide_rec(&small);
	CHECK_EQ(virtnet_recovery_write(dir, &big, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);
	CHECK_EQ(stat(path, &st1), 0);
	CHECK_EQ(virtnet_recovery_write(dir, &small, err, sizeof(err)), 0);
	CHECK_EQ(stat(path, &st2), 0);
	CHECK(st1.st_ino != st2.st_ino);	/* renamed over, not rewritten */
	CHECK(st2.st_size < st1.st_size);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&small, &back));
	text = rec_text(&small);
	f = fopen(path, "r");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fclose(f);
	CHECK_EQ(len, (long)strlen(text) + 1);	/* nothing of the old text left */
	free(text);
	CHECK_EQ(count_entries(dir), 1);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_write_failure_leaves_old_file)
{
	struct virtnet_recovery_rec rec, bad, back;
	char *dir = tmpdir(), path[512], tmp[128], err[256];

	REQUIRE(dir);
	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D0F0.json", dir);

	/* An invalid record is refused before anything is written. */
	bad = rec;
	bad.mtu = 20000;
	CHECK_EQ(virtnet_recovery_write(dir, &bad, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid mtu '20000': must be between 68 and 9216");
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(count_entries(dir), 1);

	/* A stale temporary file of our pid (a crashed process with it). */
	snprintf(tmp, sizeof(tmp), "VNETS1D0F0.json.tmp.%ld", (long)getpid());
	CHECK_EQ(put_str(dir, tmp, "{\"partial\":"), 0);
	rec.mtu = 9000;
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK(!exists(dir, tmp));
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK_EQ(back.mtu, 9000);

	/* The rename fails (a non-empty directory holds the name): the
	 * temporary file goes and what held the name is untouched. */
	nth_rec(&rec, 3);
	snprintf(path, sizeof(path), "%s/VNETS1D3F0.json", dir);
	CHECK_EQ(mkdir(path, 0700), 0);
	CHECK_EQ(put_str(path, "keep", "x"), 0);
	CHECK(virtnet_recovery_write(dir, &rec, err, sizeof(err)) < 0);
	CHECK_CONTAINS(err, "cannot rename");
	CHECK(exists(dir, "VNETS1D3F0.json/keep"));
	CHECK_EQ(count_entries(dir), 2);	/* VNETS1D0F0.json, VNETS1D3F0.json/ */
	rm_rf(dir);
	free(dir);
}

TEST(recovery_read_errors)
{
	struct virtnet_recovery_rec rec;
	char *dir = tmpdir(), path[512], err[256], *big;
	int fd;

	REQUIRE(dir);
	snprintf(path, sizeof(path), "%s/none.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "cannot open");

	guide_rec(&rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/link.json", dir);
	CHECK_EQ(symlink("VNETS1D0F0.json", path), 0);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -ELOOP);
	CHECK_STREQ(err, "a symbolic link, not a regular file");

	CHECK_EQ(virtnet_recovery_read(dir, &rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "not a regular file");

	CHECK_EQ(put_str(dir, "empty.json", ""), 0);
	snprintf(path, sizeof(path), "%s/empty.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "empty file");

	/* Duplicate keys would let the file say two things. */
	CHECK_EQ(put_str(dir, "dup.json", "{\"version\":1,\"version\":1}"), 0);
	snprintf(path, sizeof(path), "%s/dup.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "not valid JSON: duplicate object key");

	/* Trailing text after the object. */
	CHECK_EQ(put_str(dir, "trail.json", "{} {}"), 0);
	snprintf(path, sizeof(path), "%s/trail.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "not valid JSON: ");

	snprintf(path, sizeof(path), "%s/big.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	REQUIRE(fd >= 0);
	big = calloc(1, VIRTNET_RECOVERY_MAX_SIZE + 1);
	REQUIRE(big);
	memset(big, ' ', VIRTNET_RECOVERY_MAX_SIZE + 1);
	CHECK_EQ(write(fd, big, VIRTNET_RECOVERY_MAX_SIZE + 1), VIRTNET_RECOVERY_MAX_SIZE + 1);
	close(fd);
	free(big);
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), -EFBIG);
	CHECK_STREQ(err, "too large: 65537 bytes, at most 65536");
	rm_rf(dir);
	free(dir);
}

/* ---- scan ---- */

struct scan_log {
	char good[16][256];
	int ngood;
	char bad[32][256], why[32][512];
	int nbad;
	int stop_after;		/* good() fails after this many; 0: never */
};

static int on_good(const struct virtnet_recovery_rec *rec, const char *path, void *arg)
{
	struct scan_log *log = arg;

	if (log->ngood < 16)
		snprintf(log->good[log->ngood++], 256, "%s %s", strrchr(path, '/') + 1,
			 rec->vuid);
	return log->stop_after && log->ngood >= log->stop_after ? -ECANCELED : 0;
}

static void on_bad(const char *path, const char *why, void *arg)
{
	struct scan_log *log = arg;

	if (log->nbad < 32) {
		snprintf(log->bad[log->nbad], 256, "%s", strrchr(path, '/') + 1);
		snprintf(log->why[log->nbad], 512, "%s", why);
		log->nbad++;
	}
}

static const char *why_of(const struct scan_log *log, const char *name)
{
	for (int i = 0; i < log->nbad; i++)
		if (!strcmp(log->bad[i], name))
			return log->why[i];
	return NULL;
}

/* A valid record, padded with white space to exactly size bytes. */
static int put_padded(const char *dir, const char *name,
		      const struct virtnet_recovery_rec *rec, size_t size)
{
	char *s = rec_text(rec), *buf;
	size_t len = s ? strlen(s) : 0;
	int ret = -1;

	if (s && len <= size && (buf = malloc(size))) {
		memcpy(buf, s, len);
		memset(buf + len, '\n', size - len);
		ret = put_file(dir, name, buf, size);
		free(buf);
	}
	free(s);
	return ret;
}

TEST(recovery_scan_mixed_directory)
{
	static const unsigned char garbage[] = {
		0x7f, 'E', 'L', 'F', 0, 0xff, 0xfe, 0x01, '{', 0x80, 0x00, '"', 0xc3,
	};
	struct virtnet_recovery_rec rec, other;
	struct scan_log log;
	char *dir = tmpdir(), path[512], *text;
	int ret;

	REQUIRE(dir);
	memset(&log, 0, sizeof(log));

	/* Good ones, written out of order; names sort as strings. */
	nth_rec(&rec, 1);
	CHECK_EQ(put_rec(dir, "VNETS1D1F0.json", &rec), 0);
	nth_rec(&rec, 10);
	CHECK_EQ(put_rec(dir, "VNETS1D10F0.json", &rec), 0);
	nth_rec(&rec, 0);
	CHECK_EQ(put_rec(dir, "VNETS1D0F0.json", &rec), 0);
	/* Exactly at the size limit is still good. */
	nth_rec(&rec, 11);
	CHECK_EQ(put_padded(dir, "VNETS1D11F0.json", &rec, VIRTNET_RECOVERY_MAX_SIZE), 0);

	/* Corrupt. */
	nth_rec(&rec, 20);
	text = rec_text(&rec);
	REQUIRE(text);
	CHECK_EQ(put_file(dir, "VNETS1D20F0.json", text, strlen(text) / 2), 0);
	free(text);
	CHECK_EQ(put_str(dir, "VNETS1D21F0.json", ""), 0);
	CHECK_EQ(put_file(dir, "VNETS1D22F0.json", garbage, sizeof(garbage)), 0);
	/* Foreign: valid JSON, another schema. */
	CHECK_EQ(put_str(dir, "VNETS1D23F0.json", "{\"name\": \"VNETS1D23F0\", \"mtu\": 1500}\n"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D24F0.json", "[1, 2, 3]\n"), 0);
	/* The guide's own file: no version, none of our fields. */
	CHECK_EQ(put_str(dir, "VNETS1D25F0.json",
		"{\"port_ib_dev\":\"mlx5_0\",\"pf_id\":25,\"function_type\":\"pf\","
		"\"bdf_raw\":26624,\"device_type\":\"hotplug\",\"mac\":\"0c:c4:7a:ff:22:19\","
		"\"pf_num\":0,\"sf_num\":2025,\"mq\":1}"), 0);
	/* Misnamed: valid, but the name is not its vuid's. */
	nth_rec(&rec, 30);
	CHECK_EQ(put_rec(dir, "VNETS1D31F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "vnets1d30f0.json", &rec), 0);
	/* Duplicates: pf_id, sf_num, mac each shared by two files. */
	nth_rec(&rec, 40);
	nth_rec(&other, 41);
	other.pf_id = rec.pf_id;
	CHECK_EQ(put_rec(dir, "VNETS1D40F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D41F0.json", &other), 0);
	nth_rec(&rec, 42);
	nth_rec(&other, 43);
	other.sf_num = rec.sf_num;
	CHECK_EQ(put_rec(dir, "VNETS1D42F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D43F0.json", &other), 0);
	nth_rec(&rec, 44);
	nth_rec(&other, 45);
	memcpy(other.mac, rec.mac, 6);
	CHECK_EQ(put_rec(dir, "VNETS1D44F0.json", &rec), 0);
	CHECK_EQ(put_rec(dir, "VNETS1D45F0.json", &other), 0);
	/* Oversized, even if valid. */
	nth_rec(&rec, 50);
	CHECK_EQ(put_padded(dir, "VNETS1D50F0.json", &rec, VIRTNET_RECOVERY_MAX_SIZE + 1), 0);
	/* Not regular files. */
	snprintf(path, sizeof(path), "%s/VNETS1D60F0.json", dir);
	CHECK_EQ(symlink("VNETS1D0F0.json", path), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D61F0.json", dir);
	CHECK_EQ(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/VNETS1D62F0.json", dir);
	CHECK_EQ(mkfifo(path, 0600), 0);
	/* Leftovers of interrupted writes, and files that are not ours. */
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.tmp.12345", "{\"version\": 1,"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D9F0.json.tmp.1", ""), 0);
	CHECK_EQ(put_str(dir, "notes.tmp.txt", "keep me"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.tmp.", "keep me"), 0);
	CHECK_EQ(put_str(dir, "README", "keep me"), 0);
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json.bak", "keep me"), 0);
	CHECK_EQ(count_entries(dir), 28);

	ret = virtnet_recovery_scan(dir, on_good, on_bad, &log);
	CHECK_EQ(ret, 4);
	CHECK_EQ(log.ngood, 4);
	CHECK_STREQ(log.good[0], "VNETS1D0F0.json VNETS1D0F0");
	CHECK_STREQ(log.good[1], "VNETS1D10F0.json VNETS1D10F0");
	CHECK_STREQ(log.good[2], "VNETS1D11F0.json VNETS1D11F0");
	CHECK_STREQ(log.good[3], "VNETS1D1F0.json VNETS1D1F0");

	CHECK_EQ(log.nbad, 20);
	/* Reported in name order. */
	for (int i = 1; i < log.nbad; i++)
		if (strcmp(log.bad[i - 1], log.bad[i]) >= 0)
			test_fail(__FILE__, __LINE__, "bad files out of order: %s, %s",
				  log.bad[i - 1], log.bad[i]);
	CHECK_PREFIX(why_of(&log, "VNETS1D20F0.json"), "not valid JSON: ");
	CHECK_STREQ(why_of(&log, "VNETS1D21F0.json"), "empty file");
	CHECK_PREFIX(why_of(&log, "VNETS1D22F0.json"), "not valid JSON: ");
	CHECK_STREQ(why_of(&log, "VNETS1D23F0.json"), "missing field 'version'");
	CHECK_STREQ(why_of(&log, "VNETS1D24F0.json"),
		    "invalid recovery record '[1,2,3]': must be a JSON object");
	CHECK_STREQ(why_of(&log, "VNETS1D25F0.json"), "missing field 'version'");
	CHECK_STREQ(why_of(&log, "VNETS1D31F0.json"),
		    "file name does not match its vuid 'VNETS1D30F0' (must be VNETS1D30F0.json)");
	CHECK_STREQ(why_of(&log, "vnets1d30f0.json"),
		    "file name does not match its vuid 'VNETS1D30F0' (must be VNETS1D30F0.json)");
	CHECK_PREFIX(why_of(&log, "VNETS1D40F0.json"), "pf_id 40 is also in VNETS1D41F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D41F0.json"), "pf_id 40 is also in VNETS1D40F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D42F0.json"), "sf_num 2042 is also in VNETS1D43F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D43F0.json"), "sf_num 2042 is also in VNETS1D42F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D44F0.json"), "mac 0c:c4:7a:ff:22:2c is also in VNETS1D45F0.json");
	CHECK_PREFIX(why_of(&log, "VNETS1D45F0.json"), "mac 0c:c4:7a:ff:22:2c is also in VNETS1D44F0.json");
	CHECK_STREQ(why_of(&log, "VNETS1D50F0.json"), "too large: 65537 bytes, at most 65536");
	CHECK_STREQ(why_of(&log, "VNETS1D60F0.json"), "a symbolic link, not a regular file");
	CHECK_STREQ(why_of(&log, "VNETS1D61F0.json"), "not a regular file");
	CHECK_STREQ(why_of(&log, "VNETS1D62F0.json"), "not a regular file");
	CHECK_PREFIX(why_of(&log, "VNETS1D0F0.json.tmp.12345"), "removed: ");
	CHECK_PREFIX(why_of(&log, "VNETS1D9F0.json.tmp.1"), "removed: ");
	CHECK(!why_of(&log, "README"));
	CHECK(!why_of(&log, "notes.tmp.txt"));
	CHECK(!why_of(&log, "VNETS1D0F0.json.tmp."));
	CHECK(!why_of(&log, "VNETS1D0F0.json.bak"));

	/* Nothing deleted but the two temporary files. */
	CHECK(!exists(dir, "VNETS1D0F0.json.tmp.12345"));
	CHECK(!exists(dir, "VNETS1D9F0.json.tmp.1"));
	CHECK_EQ(count_entries(dir), 26);
	CHECK(exists(dir, "VNETS1D20F0.json"));
	CHECK(exists(dir, "VNETS1D41F0.json"));
	CHECK(exists(dir, "VNETS1D50F0.json"));
	CHECK(exists(dir, "notes.tmp.txt"));

	/* Again: the same verdicts, no temporary files left to remove. */
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 4);
	CHECK_EQ(log.nbad, 18);
	CHECK_EQ(count_entries(dir), 26);

	/* good() can stop the scan. */
	memset(&log, 0, sizeof(log));
	log.stop_after = 2;
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), -ECANCELED);
	CHECK_EQ(log.ngood, 2);

	/* bad may be NULL. */
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, NULL, &log), 4);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_creates_dir)
{
	struct scan_log log;
	char *dir = tmpdir(), sub[512];
	struct stat st;
	mode_t old = umask(022);

	REQUIRE(dir);
	memset(&log, 0, sizeof(log));
	snprintf(sub, sizeof(sub), "%s/opt/mellanox/mlnx_virtnet/recovery", dir);
	CHECK_EQ(virtnet_recovery_scan(sub, on_good, on_bad, &log), 0);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0700);
	CHECK_EQ(log.ngood + log.nbad, 0);

	/* A file where the directory should be. */
	CHECK_EQ(put_str(dir, "plain", "x"), 0);
	snprintf(sub, sizeof(sub), "%s/plain", dir);
	CHECK_EQ(virtnet_recovery_scan(sub, on_good, on_bad, &log), -ENOTDIR);
	umask(old);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_after_write_and_remove)
{
	struct virtnet_recovery_rec rec;
	struct scan_log log;
	char *dir = tmpdir(), err[256];

	REQUIRE(dir);
	for (unsigned int n = 0; n < 5; n++) {
		nth_rec(&rec, n);
		CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	}
	CHECK_EQ(virtnet_recovery_remove(dir, "VNETS1D2F0", err, sizeof(err)), 0);
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 4);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[2], "VNETS1D3F0.json VNETS1D3F0");
	rm_rf(dir);
	free(dir);
}

/* ---- VFs ---- */

TEST(recovery_vf_file_text)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev dev;
	char *text;

	fixture_vf(&dev);
	virtnet_recovery_from_dev(&dev, 0x100000021ULL, &rec);
	text = rec_text(&rec);
	/* The keys in the documented order, VF fields last. */
	CHECK_STREQ(text,
		"{\n"
		"  \"version\": 1,\n"
		"  \"port_ib_dev\": \"mlx5_0\",\n"
		"  \"pf_id\": 4,\n"
		"  \"function_type\": \"vf\",\n"
		"  \"bdf_raw\": 34085,\n"
		"  \"device_type\": \"static\",\n"
		"  \"mac\": \"5a:94:07:04:f6:1c\",\n"
		"  \"pf_num\": 0,\n"
		"  \"sf_num\": 3000,\n"
		"  \"mq\": 1,\n"
		"  \"vuid\": \"VNETS0D0F2VF1\",\n"
		"  \"bdf\": \"85:04.5\",\n"
		"  \"mtu\": 1500,\n"
		"  \"num_queues\": 3,\n"
		"  \"queue_size\": 256,\n"
		"  \"features\": \"0x100000021\",\n"
		"  \"legacy\": false,\n"
		"  \"vf_id\": 0,\n"
		"  \"parent_pf_id\": 1,\n"
		"  \"pf_index\": 0\n"
		"}");
	free(text);
}

/* Kernel VF -> file -> scan -> DEV_NEW: the same VF comes back. */
TEST(recovery_vf_round_trip)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev_new_req req;
	struct virtnet_dev dev;
	struct scan_log log;
	char *dir = tmpdir(), path[512], err[256] = "";

	REQUIRE(dir);
	fixture_vf(&dev);
	dev.vf_id = 5;
	dev.mtu = 9000;
	dev.sf_num = 3007;
	strcpy(dev.vuid, "VNETS0D0F2VF6");
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");

	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[0], "VNETS0D0F2VF6.json VNETS0D0F2VF6");

	snprintf(path, sizeof(path), "%s/VNETS0D0F2VF6.json", dir);
	memset(&rec, 0, sizeof(rec));
	CHECK_EQ(virtnet_recovery_read(path, &rec, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_recovery_to_new_req(&rec, &req, err, sizeof(err)), 0);
	CHECK(req.vf);
	CHECK_EQ(req.pf_index, 0);
	CHECK_EQ(req.vf_id, 5);
	CHECK(req.has_id);
	CHECK_EQ(req.id, 4);
	CHECK(req.has_sf_num);
	CHECK_EQ(req.sf_num, 3007);
	CHECK(!memcmp(req.mac, dev.mac, 6));
	CHECK_STREQ(req.ibdev, "mlx5_0");
	CHECK_EQ(req.mtu, 9000);
	CHECK_EQ(req.num_queues, 3);
	CHECK_EQ(req.queue_size, 256);
	CHECK(req.features == dev.device_features);
	CHECK(!req.legacy);
	CHECK(!req.has_bdf);
	CHECK(!req.static_pf);
	rm_rf(dir);
	free(dir);
}

TEST(recovery_scan_rejects_bad_vf_files)
{
	struct virtnet_recovery_rec rec, other;
	struct scan_log log;
	char *dir = tmpdir(), name[64], *text;
	json_t *obj;

	REQUIRE(dir);
	/* One good VF, and VFs that are wrong in one field each. */
	vf_rec(&rec);
	CHECK_EQ(put_rec(dir, "VNETS0D0F3VF2.json", &rec), 0);

#define PUT_VF(n, stmt)							\
	do {								\
		vf_rec(&other);						\
		snprintf(other.vuid, sizeof(other.vuid), "VNETS0D0F3VF%d", n); \
		other.pf_id = 10 + n;					\
		other.sf_num = 3000 + n;				\
		other.mac[5] = (uint8_t)n;				\
		other.vf_id = (uint32_t)n - 1;				\
		obj = virtnet_recovery_to_json(&other);			\
		stmt;							\
		text = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;	\
		json_decref(obj);					\
		snprintf(name, sizeof(name), "%s.json", other.vuid);	\
		CHECK(text && put_str(dir, name, text) == 0);		\
		free(text);						\
	} while (0)

	PUT_VF(10, json_object_set_new(obj, "vf_id", json_integer(126)));
	PUT_VF(11, json_object_set_new(obj, "pf_index", json_integer(4)));
	PUT_VF(12, json_object_del(obj, "pf_index"));
	PUT_VF(13, json_object_set_new(obj, "legacy", json_true()));
	PUT_VF(14, json_object_set_new(obj, "device_type", json_string("hotplug")));
	PUT_VF(15, json_object_set_new(obj, "parent_pf_id", json_integer(65536)));
	PUT_VF(16, json_object_set_new(obj, "vf_id", json_string("15")));
	/* Two files for VF 19 of static PF 1: neither is used. */
	PUT_VF(20, json_object_set_new(obj, "vf_id", json_integer(19)));
	PUT_VF(21, json_object_set_new(obj, "vf_id", json_integer(19)));
	/* VF 19 of another static PF is another VF. */
	PUT_VF(22, (json_object_set_new(obj, "vf_id", json_integer(19)),
		    json_object_set_new(obj, "pf_index", json_integer(2))));
#undef PUT_VF

	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 2);
	CHECK_STREQ(log.good[0], "VNETS0D0F3VF2.json VNETS0D0F3VF2");
	CHECK_STREQ(log.good[1], "VNETS0D0F3VF22.json VNETS0D0F3VF22");
	CHECK_EQ(log.nbad, 9);
	/* The controller logs "recovery: skipping PATH: WHY": file and field named. */
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF10.json"),
		    "invalid vf_id '126': must be a VF index between 0 and 125");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF11.json"),
		    "invalid pf_index '4': must be a static PF index between 0 and 3");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF12.json"), "missing field 'pf_index'");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF13.json"),
		    "invalid legacy 'true': a vf cannot be transitional");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF14.json"),
		    "invalid device_type 'hotplug': a vf belongs to a static pf, so it must be static");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF15.json"),
		    "invalid parent_pf_id '65536': must be a device id between 0 and 65535");
	CHECK_STREQ(why_of(&log, "VNETS0D0F3VF16.json"),
		    "invalid vf_id '\"15\"': must be a JSON integer");
	CHECK_PREFIX(why_of(&log, "VNETS0D0F3VF20.json"),
		     "vf_id 19 of static pf 1 is also in VNETS0D0F3VF21.json");
	CHECK_PREFIX(why_of(&log, "VNETS0D0F3VF21.json"),
		     "vf_id 19 of static pf 1 is also in VNETS0D0F3VF20.json");
	rm_rf(dir);
	free(dir);
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

/* ---- modes: the virtio bus (default) or the vdpa bus ---- */

/* The guide's record in vDPA mode, its vdpa device named vdpa0. */
static void vdpa_rec(struct virtnet_recovery_rec *rec)
{
	guide_rec(rec);
	rec->mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(rec->vdpa_name, "vdpa0");
}

TEST(recovery_mode_round_trip)
{
	struct virtnet_recovery_rec a, b;
	char err[256] = "", *text;
	json_t *obj;

	vdpa_rec(&a);
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK_STREQ(json_string_value(json_object_get(obj, "mode")), "vdpa");
	CHECK_STREQ(json_string_value(json_object_get(obj, "vdpa_name")), "vdpa0");
	memset(&b, 0xaa, sizeof(b));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(virtnet_recovery_equal(&a, &b));
	CHECK_EQ(b.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(b.vdpa_name, "vdpa0");
	json_decref(obj);

	/* The two keys come last, after the run state. */
	a.link_down = true;
	text = rec_text(&a);
	CHECK_CONTAINS(text, "  \"legacy\": false,\n  \"link_up\": false,\n"
			     "  \"mode\": \"vdpa\",\n  \"vdpa_name\": \"vdpa0\"\n}");
	free(text);

	/* vDPA without a name (the kernel then uses the VUID); a VF in vDPA mode. */
	vdpa_rec(&a);
	a.vdpa_name[0] = '\0';
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK(!json_object_get(obj, "vdpa_name"));
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&a, &b));
	json_decref(obj);
	vf_rec(&a);
	a.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(a.vdpa_name, "VNETS0D0F3VF2");
	obj = virtnet_recovery_to_json(&a);
	REQUIRE(obj);
	CHECK_EQ(virtnet_recovery_from_json(obj, &b, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&a, &b));
	json_decref(obj);

	/* Mode and name count in the comparison (a hand-over rewrites the file). */
	vdpa_rec(&a);
	b = a;
	b.mode = VIRTNET_DEV_MODE_VIRTIO;
	b.vdpa_name[0] = '\0';
	CHECK(!virtnet_recovery_equal(&a, &b));
	b = a;
	strcpy(b.vdpa_name, "vdpa1");
	CHECK(!virtnet_recovery_equal(&a, &b));
	b = a;
	b.vdpa_name[0] = '\0';
	CHECK(!virtnet_recovery_equal(&a, &b));
}

TEST(recovery_mode_absent_is_virtio)
{
	struct virtnet_recovery_rec rec;
	char err[256] = "", *text;
	json_t *obj;

	/* A virtio function's file has no mode: byte for byte as before modes. */
	guide_rec(&rec);
	obj = virtnet_recovery_to_json(&rec);
	REQUIRE(obj);
	CHECK(!json_object_get(obj, "mode"));
	CHECK(!json_object_get(obj, "vdpa_name"));
	json_decref(obj);
	text = rec_text(&rec);
	CHECK_CONTAINS(text, "  \"legacy\": false\n}");
	free(text);

	/* An older file (no mode key) reads as virtio. */
	memset(&rec, 0xaa, sizeof(rec));
	obj = json_loads("{\"version\": 1, \"port_ib_dev\": \"mlx5_0\", \"pf_id\": 0, "
			 "\"function_type\": \"pf\", \"bdf_raw\": 34048, \"device_type\": "
			 "\"hotplug\", \"mac\": \"0c:c4:7a:ff:22:93\", \"pf_num\": 0, "
			 "\"sf_num\": 2000, \"mq\": 1, \"vuid\": \"VNETS1D0F0\", \"bdf\": "
			 "\"85:00.0\", \"mtu\": 1500, \"num_queues\": 3, \"queue_size\": 1024, "
			 "\"features\": \"0x0\", \"legacy\": false}", 0, NULL);
	REQUIRE(obj);
	CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_STREQ(rec.vdpa_name, "");
	/* "virtio" written out by hand is the same. */
	json_object_set_new(obj, "mode", json_string("virtio"));
	memset(&rec, 0xaa, sizeof(rec));
	CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), 0);
	CHECK_EQ(rec.mode, VIRTNET_DEV_MODE_VIRTIO);
	CHECK_STREQ(rec.vdpa_name, "");
	json_decref(obj);
}

TEST(recovery_mode_bad_values)
{
	struct virtnet_recovery_rec rec;
	char err[512], name[80];

	EXPECT_BAD(with(guide_json(), "mode", json_string("vhost")),
		   "invalid mode 'vhost': must be virtio or vdpa");
	EXPECT_BAD(with(guide_json(), "mode", json_string("VDPA")),
		   "invalid mode 'VDPA': must be virtio or vdpa");
	EXPECT_BAD(with(guide_json(), "mode", json_string("")),
		   "invalid mode '': must be virtio or vdpa");
	EXPECT_BAD(with(guide_json(), "mode", json_integer(1)),
		   "invalid mode '1': must be a JSON string");
	EXPECT_BAD(with(guide_json(), "mode", json_null()),
		   "invalid mode 'null': must be a JSON string");
	/* vdpa_name only with mode vdpa. */
	EXPECT_BAD(with(guide_json(), "vdpa_name", json_string("vdpa0")),
		   "invalid vdpa_name 'vdpa0': allowed only when mode is vdpa");
	EXPECT_BAD(with(with(guide_json(), "mode", json_string("virtio")), "vdpa_name",
			json_string("vdpa0")),
		   "invalid vdpa_name 'vdpa0': allowed only when mode is vdpa");
	EXPECT_BAD(with(with(guide_json(), "mode", json_string("vdpa")), "vdpa_name",
			json_string("a/b")),
		   "invalid vdpa_name 'a/b': must be a vdpa device name of 1 to 63 characters "
		   "without '/'");
	EXPECT_BAD(with(with(guide_json(), "mode", json_string("vdpa")), "vdpa_name",
			json_string("")),
		   "invalid vdpa_name '': must be a vdpa device name");
	memset(name, 'n', 64);
	name[64] = '\0';
	EXPECT_BAD(with(with(guide_json(), "mode", json_string("vdpa")), "vdpa_name",
			json_string(name)),
		   "invalid vdpa_name 'nnnn");
	EXPECT_BAD(with(with(guide_json(), "mode", json_string("vdpa")), "vdpa_name",
			json_integer(0)),
		   "invalid vdpa_name '0': must be a JSON string");
	/* 63 characters are fine. */
	name[63] = '\0';
	{
		json_t *obj = with(with(guide_json(), "mode", json_string("vdpa")), "vdpa_name",
				   json_string(name));

		CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), 0);
		CHECK_STREQ(rec.vdpa_name, name);
		json_decref(obj);
	}
	/* An unknown key still names both new keys among the fields. */
	EXPECT_BAD(with(guide_json(), "vdpa", json_string("vdpa0")),
		   "invalid field 'vdpa': unknown; the fields are version, port_ib_dev,");
	{
		json_t *obj = with(guide_json(), "bus", json_string("vdpa"));

		CHECK_EQ(virtnet_recovery_from_json(obj, &rec, err, sizeof(err)), -EINVAL);
		CHECK_CONTAINS(err, "tx_coal_max_packets, mode, vdpa_name");
		json_decref(obj);
	}

	/* The record check (before a write or a rebuild) has the same rules. */
	guide_rec(&rec);
	rec.mode = 2;
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid mode '2': must be virtio or vdpa");
	guide_rec(&rec);
	strcpy(rec.vdpa_name, "vdpa0");
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid vdpa_name 'vdpa0': allowed only when mode is vdpa");
	vdpa_rec(&rec);
	strcpy(rec.vdpa_name, "../x");
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid vdpa_name '../x': must be a vdpa device name");
	vdpa_rec(&rec);
	CHECK_EQ(virtnet_recovery_check(&rec, err, sizeof(err)), 0);
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

/* Kernel device in vDPA mode -> file -> scan: the same record comes back. */
TEST(recovery_mode_file_round_trip)
{
	struct virtnet_recovery_rec rec, back;
	struct scan_log log = { 0 };
	struct virtnet_dev dev;
	char *dir = tmpdir(), path[512], err[256] = "";

	REQUIRE(dir);
	fixture_static_pf(&dev);
	dev.mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(dev.vdpa_name, "vdpa-static0");
	dev.present |= (1ULL << VIRTNET_ATTR_DEV_MODE) | (1ULL << VIRTNET_ATTR_VDPA_NAME);
	virtnet_recovery_from_dev(&dev, dev.device_features, &rec);
	CHECK_EQ(virtnet_recovery_write(dir, &rec, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	snprintf(path, sizeof(path), "%s/VNETS0D0F2.json", dir);
	CHECK_EQ(virtnet_recovery_read(path, &back, err, sizeof(err)), 0);
	CHECK(virtnet_recovery_equal(&rec, &back));
	CHECK_EQ(back.mode, VIRTNET_DEV_MODE_VDPA);
	CHECK_STREQ(back.vdpa_name, "vdpa-static0");
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_EQ(log.nbad, 0);
	CHECK_STREQ(log.good[0], "VNETS0D0F2.json VNETS0D0F2");
	/* A file with a bad mode is skipped by the scan, with the reason. */
	CHECK_EQ(put_str(dir, "VNETS1D0F0.json",
			 "{\"version\": 1, \"port_ib_dev\": \"mlx5_0\", \"pf_id\": 0, "
			 "\"function_type\": \"pf\", \"bdf_raw\": 34048, \"device_type\": "
			 "\"hotplug\", \"mac\": \"0c:c4:7a:ff:22:93\", \"pf_num\": 0, "
			 "\"sf_num\": 2000, \"mq\": 1, \"vuid\": \"VNETS1D0F0\", \"bdf\": "
			 "\"85:00.0\", \"mtu\": 1500, \"num_queues\": 3, \"queue_size\": 1024, "
			 "\"features\": \"0x0\", \"legacy\": false, \"mode\": \"vhost\"}\n"), 0);
	memset(&log, 0, sizeof(log));
	CHECK_EQ(virtnet_recovery_scan(dir, on_good, on_bad, &log), 1);
	CHECK_STREQ(why_of(&log, "VNETS1D0F0.json"),
		    "invalid mode 'vhost': must be virtio or vdpa");
	rm_rf(dir);
	free(dir);
}
