/* test_recovery_json.c - the recovery record's JSON: the guide's fields, round trips, strict reading. */
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
