/* test_parse.c - strict number parsing and field rules. */
#include "test.h"

#include <errno.h>
#include <stdint.h>

#include "devreq.h"
#include "parse.h"

TEST(parse_u64_accepts_decimal_and_hex)
{
	uint64_t v = 0;

	CHECK_EQ(virtnet_parse_u64("0", 0, 10, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(virtnet_parse_u64("1500", 0, UINT64_MAX, &v), 0);
	CHECK_EQ(v, 1500);
	CHECK_EQ(virtnet_parse_u64("0x0", 0, 10, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(virtnet_parse_u64("0X1f", 0, UINT64_MAX, &v), 0);
	CHECK_EQ(v, 31);
	CHECK_EQ(virtnet_parse_u64("010", 0, UINT64_MAX, &v), 0);
	CHECK_EQ(v, 10);	/* decimal, not octal */
	CHECK_EQ(virtnet_parse_u64("18446744073709551615", 0, UINT64_MAX, &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_EQ(virtnet_parse_u64("0xffffffffffffffff", 0, UINT64_MAX, &v), 0);
	CHECK(v == UINT64_MAX);
}

TEST(parse_u64_rejects_junk)
{
	static const char *bad[] = {
		"", " 1", "1 ", "12abc", "-1", "+1", "0x", "0xg", "1.5", "1e3",
		"abc", "0x-1", "--1", "0b101",
	};
	uint64_t v = 77;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (virtnet_parse_u64(bad[i], 0, UINT64_MAX, &v) != -EINVAL)
			test_fail(__FILE__, __LINE__, "accepted '%s'", bad[i]);
	CHECK_EQ(virtnet_parse_u64(NULL, 0, 1, &v), -EINVAL);
	CHECK_EQ(v, 77);
}

TEST(parse_u64_range_and_overflow)
{
	uint64_t v = 77;

	CHECK_EQ(virtnet_parse_u64("18446744073709551616", 0, UINT64_MAX, &v), -ERANGE);
	CHECK_EQ(virtnet_parse_u64("0x10000000000000000", 0, UINT64_MAX, &v), -ERANGE);
	CHECK_EQ(virtnet_parse_u64("67", 68, 9216, &v), -ERANGE);
	CHECK_EQ(virtnet_parse_u64("9217", 68, 9216, &v), -ERANGE);
	CHECK_EQ(virtnet_parse_u64("68", 68, 9216, &v), 0);
	CHECK_EQ(v, 68);
}

TEST(field_err_format_and_truncation)
{
	char err[64], tiny[8];

	CHECK_EQ(virtnet_field_err(err, sizeof(err), "--mtu", "x", "must be %d", 5), -EINVAL);
	CHECK_STREQ(err, "invalid --mtu 'x': must be 5");
	virtnet_field_err(tiny, sizeof(tiny), "--mtu", "x", "must be %d", 5);
	CHECK_STREQ(tiny, "invalid");
}

TEST(num_parse_messages_name_field_and_range)
{
	char err[256];
	uint64_t v;

	CHECK_EQ(virtnet_num_parse(&virtnet_rule_mtu, "--mtu", "9999", &v, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid --mtu '9999': must be between 68 and 9216");
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_mtu, "--mtu", "abc", &v, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid --mtu 'abc': not a number; must be between 68 and 9216");
	CHECK_EQ(virtnet_num_parse(&virtnet_rule_mtu, "--mtu", "99999999999999999999", &v, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid --mtu '99999999999999999999': must be between 68 and 9216");
}

TEST(num_rules_odd_and_power_of_two)
{
	static const struct { const struct virtnet_num_rule *rule; uint64_t v; int ok; } cases[] = {
		{ &virtnet_rule_num_queues, 3, 1 }, { &virtnet_rule_num_queues, 31, 1 },
		{ &virtnet_rule_num_queues, 17, 1 }, { &virtnet_rule_num_queues, 0, 0 },
		{ &virtnet_rule_num_queues, 1, 0 }, { &virtnet_rule_num_queues, 2, 0 },
		{ &virtnet_rule_num_queues, 4, 0 }, { &virtnet_rule_num_queues, 32, 0 },
		{ &virtnet_rule_num_queues, 33, 0 },
		{ &virtnet_rule_queue_size, 64, 1 }, { &virtnet_rule_queue_size, 1024, 1 },
		{ &virtnet_rule_queue_size, 32768, 1 }, { &virtnet_rule_queue_size, 0, 0 },
		{ &virtnet_rule_queue_size, 32, 0 }, { &virtnet_rule_queue_size, 100, 0 },
		{ &virtnet_rule_queue_size, 65536, 0 }, { &virtnet_rule_queue_size, 1000, 0 },
		{ &virtnet_rule_mtu, 68, 1 }, { &virtnet_rule_mtu, 9216, 1 },
		{ &virtnet_rule_mtu, 67, 0 }, { &virtnet_rule_mtu, 9217, 0 },
		{ &virtnet_rule_sf_num, 999, 0 }, { &virtnet_rule_sf_num, 1000, 1 },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = virtnet_num_check(cases[i].rule, "f", cases[i].v, err, sizeof(err));

		if ((ret == 0) != cases[i].ok)
			test_fail(__FILE__, __LINE__, "case %zu: value %llu gave %d", i,
				  (unsigned long long)cases[i].v, ret);
	}
	CHECK_EQ(virtnet_num_check(&virtnet_rule_queue_size, "queue_size", 100, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid queue_size '100': must be a power of two between 64 and 32768");
}

TEST(check_ibdev_and_vuid)
{
	char err[256], long_name[80];

	CHECK_EQ(virtnet_check_ibdev("--ib_device", "mlx5_0", err, sizeof(err)), 0);
	CHECK_EQ(virtnet_check_ibdev("--ib_device", "", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "invalid --ib_device '': must be an RDMA device name of 1 to 63 characters");
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	CHECK_EQ(virtnet_check_ibdev("--ib_device", long_name, err, sizeof(err)), -EINVAL);
	long_name[63] = '\0';
	CHECK_EQ(virtnet_check_ibdev("--ib_device", long_name, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_check_ibdev("--ib_device", "a/b", err, sizeof(err)), -EINVAL);
	CHECK_EQ(virtnet_check_ibdev("--ib_device", "a b", err, sizeof(err)), -EINVAL);

	CHECK_EQ(virtnet_check_vuid("--vuid", "VNETS1D0F0", err, sizeof(err)), 0);
	CHECK_EQ(virtnet_check_vuid("--vuid", "VNETS0D0F2VF1", err, sizeof(err)), 0);
	CHECK_EQ(virtnet_check_vuid("--vuid", "", err, sizeof(err)), -EINVAL);
	CHECK_EQ(virtnet_check_vuid("--vuid", "VNET-1", err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid --vuid 'VNET-1': must be a VUID of 1 to 31 letters and digits, e.g. VNETS1D0F0");
	CHECK_EQ(virtnet_check_vuid("--vuid", "VNETS1D0F0VNETS1D0F0VNETS1D0F0XX", err, sizeof(err)), -EINVAL);
}
