/* test_conf.c - virtnet.conf: keys, defaults, cross-key rules, syntax and structure errors. */
#include "test.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"

#ifndef VIRTNET_TOP
#error "build with -DVIRTNET_TOP=\"<repo top>\""
#endif
#include "conf_fixtures.h"

TEST(conf_default_path)
{
	CHECK_STREQ(VIRTNET_CONF_DEFAULT_PATH, "/opt/mellanox/mlnx_virtnet/virtnet.conf");
}

TEST(conf_defaults)
{
	struct virtnet_conf c;

	sentinel(&c);
	virtnet_conf_defaults(&c);
	check_defaults(&c);
}

TEST(conf_guide_example_non_lag)
{
	struct virtnet_conf c;
	char err[512] = "";

	sentinel(&c);
	CHECK_EQ(parse(GUIDE_NON_LAG, &c, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK_STREQ(c.ib_dev_p0, "mlx5_0");
	CHECK_STREQ(c.ib_dev_p1, "mlx5_1");
	CHECK_STREQ(c.ib_dev_lag, "mlx5_bond_0");
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_0");
	CHECK(!c.is_lag);
	CHECK(c.has_pf_mac);
	CHECK(!memcmp(c.pf_mac, "\x00\x11\x22\x33\x44\x55", 6));
	CHECK(c.recovery);
	CHECK_EQ(c.sf_pool_percent, 0);
	CHECK(!c.sf_pool_force_destroy);
}

TEST(conf_guide_example_lag)
{
	struct virtnet_conf c;
	char err[512] = "";

	sentinel(&c);
	CHECK_EQ(parse(GUIDE_LAG, &c, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK_STREQ(c.ib_dev_lag, "mlx5_bond_0");
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_bond_0");
	CHECK(c.is_lag);
	CHECK(c.has_pf_mac);
	CHECK(!memcmp(c.pf_mac, "\x00\x11\x22\x33\x44\x55", 6));
	CHECK(c.recovery);
	CHECK_EQ(c.sf_pool_percent, 0);
	CHECK(!c.sf_pool_force_destroy);
}

TEST(conf_guide_example_pretty_printed)
{
	static const char text[] =
		"{\n"
		"  \"ib_dev_p0\": \"mlx5_0\",\n"
		"  \"ib_dev_p1\": \"mlx5_1\",\n"
		"  \"ib_dev_for_static_pf\": \"mlx5_0\",\n"
		"  \"is_lag\": 0,\n"
		"  \"pf_mac\": \"00:11:22:33:44:55\",\n"
		"  \"recovery\": 1,\n"
		"  \"sf_pool_percent\": 0,\n"
		"  \"sf_pool_force_destroy\": 0\n"
		"}\n";
	struct virtnet_conf c;
	char err[512] = "";

	CHECK_EQ(parse(text, &c, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(c.has_pf_mac);
}

TEST(conf_empty_object_is_all_defaults)
{
	static const char *texts[] = { "{}", "{ }", "\n{\n}\n", " \t\r\n{}\r\n" };
	struct virtnet_conf c;
	char err[512];

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sentinel(&c);
		CHECK_EQ(parse(texts[i], &c, err, sizeof(err)), 0);
		check_defaults(&c);
	}
}

TEST(conf_len_bounds_the_text)
{
	struct virtnet_conf c;
	char err[512];

	/* Not NUL-terminated at len: only the first len bytes count. */
	CHECK_EQ(virtnet_conf_parse("{}garbage", 2, NULL, &c, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_conf_parse("{\"is_lag\": 1}", 5, NULL, &c, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "virtnet.conf: line 1");
}

TEST(conf_name_prefixes_messages)
{
	struct virtnet_conf c;
	char err[512];

	CHECK_EQ(virtnet_conf_parse("{\"x\":1}", 7, "/etc/my.conf", &c, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "/etc/my.conf: unknown key 'x': ");
	CHECK_EQ(virtnet_conf_parse("{\"x\":1}", 7, NULL, &c, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "virtnet.conf: unknown key 'x': ");
}

TEST(conf_small_or_no_error_buffer)
{
	struct virtnet_conf c;
	char err[8];

	CHECK_EQ(parse("{\"sf_pool_percent\": 150}", &c, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "virtnet");
	CHECK_EQ(parse("{\"sf_pool_percent\": 150}", &c, NULL, 0), -EINVAL);
	CHECK_EQ(parse("{\"sf_pool_percent\": 150}", &c, err, 0), -EINVAL);
	CHECK_EQ(parse("[", &c, NULL, 0), -EINVAL);
}

TEST(conf_exact_message_example)
{
	struct virtnet_conf c;
	char err[512];

	CHECK_EQ(parse("{\"sf_pool_percent\": 150}", &c, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "virtnet.conf: invalid sf_pool_percent '150': must be an integer between 0 and 100");
}

/* ---- ib_dev_* ---- */

TEST(conf_ibdev_good_names)
{
	char n63[64], text[256], err[512];
	struct virtnet_conf c;

	memset(n63, 'a', 63);
	n63[63] = '\0';
	snprintf(text, sizeof(text), "{\"ib_dev_p0\": \"%s\", \"ib_dev_p1\": \"mlx5.1-X_y\"}", n63);
	CHECK_EQ(parse(text, &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_p0, n63);
	CHECK_STREQ(c.ib_dev_p1, "mlx5.1-X_y");
	CHECK_STREQ(c.ib_dev_for_static_pf, n63);	/* follows ib_dev_p0 */

	CHECK_EQ(parse("{\"ib_dev_p0\": \"mlx5_2\"}", &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_p0, "mlx5_2");
	CHECK_STREQ(c.ib_dev_p1, "mlx5_1");
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_2");

	CHECK_EQ(parse("{\"ib_dev_p1\": \"m\"}", &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_p1, "m");
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_0");

	CHECK_EQ(parse("{\"is_lag\": 1, \"ib_dev_lag\": \"bond1\"}", &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_lag, "bond1");
	CHECK_STREQ(c.ib_dev_for_static_pf, "bond1");	/* follows ib_dev_lag */
	CHECK_STREQ(c.ib_dev_p0, "mlx5_0");
	CHECK_STREQ(c.ib_dev_p1, "mlx5_1");
}

TEST(conf_ibdev_bad_names)
{
	char n64[65], q64[70], n101[102], q101[110], shown101[110];
	struct { const char *json, *shown; } bad[] = {
		{ "\"\"", "" },
		{ q64, n64 },
		{ "\"mlx5/0\"", "mlx5/0" },
		{ "\"../x\"", "../x" },
		{ "\".\"", "." },
		{ "\"..\"", ".." },
		{ "\"mlx5 0\"", "mlx5 0" },
		{ "\"mlx5_0;reboot\"", "mlx5_0;reboot" },
		{ "\"mlx5:0\"", "mlx5:0" },
		{ "\"mlx5\\t0\"", "\"mlx5\\t0\"" },		/* shown escaped */
		{ "\"mlx5\\n0\"", "\"mlx5\\n0\"" },
		{ "\"mlx5_\\u00e9\"", "\"mlx5_\\u00E9\"" },
		{ "\"mlx5_\xc3\xa9\"", "\"mlx5_\\u00E9\"" },
		{ q101, shown101 },				/* shown cut */
		{ "5", "5" },
		{ "0", "0" },
		{ "null", "null" },
		{ "true", "true" },
		{ "[\"mlx5_0\"]", "[\"mlx5_0\"]" },
		{ "{}", "{}" },
	};
	static const char *const ibkeys[] = {
		"ib_dev_p0", "ib_dev_p1", "ib_dev_lag", "ib_dev_for_static_pf",
	};

	memset(n64, 'b', 64);
	n64[64] = '\0';
	snprintf(q64, sizeof(q64), "\"%s\"", n64);
	memset(n101, 'c', 101);
	n101[101] = '\0';
	snprintf(q101, sizeof(q101), "\"%s\"", n101);
	snprintf(shown101, sizeof(shown101), "\"%.99s...", n101);	/* 100 chars with the quote */

	for (size_t k = 0; k < sizeof(ibkeys) / sizeof(ibkeys[0]); k++) {
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char text[512];

			/* ib_dev_lag needs is_lag 1; the value is checked first anyway. */
			snprintf(text, sizeof(text), "{\"%s\": %s%s}", ibkeys[k], bad[i].json,
				 k == 2 ? ", \"is_lag\": 1" : "");
			check_bad_at(__FILE__, __LINE__, text, ibkeys[k], bad[i].shown,
				     "must be an RDMA device name: a string of 1 to 63 characters from A-Z a-z 0-9 _ . -");
		}
	}
}

/* ---- 0/1 keys ---- */

TEST(conf_bool_keys_good)
{
	static const struct { const char *json; bool v; } good[] = {
		{ "0", false }, { "1", true }, { "false", false }, { "true", true },
	};
	struct virtnet_conf c;
	char err[512];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		sentinel(&c);
		CHECK_EQ(parse_kv("is_lag", good[i].json, NULL, &c, err, sizeof(err)), 0);
		CHECK_EQ(c.is_lag, good[i].v);
		CHECK_STREQ(c.ib_dev_for_static_pf, good[i].v ? "mlx5_bond_0" : "mlx5_0");
		sentinel(&c);
		CHECK_EQ(parse_kv("recovery", good[i].json, NULL, &c, err, sizeof(err)), 0);
		CHECK_EQ(c.recovery, good[i].v);
		CHECK(!c.is_lag);
		sentinel(&c);
		CHECK_EQ(parse_kv("sf_pool_force_destroy", good[i].json, NULL, &c, err, sizeof(err)), 0);
		CHECK_EQ(c.sf_pool_force_destroy, good[i].v);
		CHECK(c.recovery);
	}
}

TEST(conf_bool_keys_bad)
{
	static const struct { const char *json, *shown; } bad[] = {
		{ "2", "2" }, { "-1", "-1" }, { "10", "10" }, { "1.0", "1.0" },
		{ "0.0", "0.0" }, { "\"1\"", "\"1\"" }, { "\"true\"", "\"true\"" },
		{ "\"yes\"", "\"yes\"" }, { "null", "null" }, { "[]", "[]" },
		{ "{\"a\":1}", "{\"a\":1}" }, { "9223372036854775807", "9223372036854775807" },
	};
	static const char *const bkeys[] = { "is_lag", "recovery", "sf_pool_force_destroy" };

	for (size_t k = 0; k < sizeof(bkeys) / sizeof(bkeys[0]); k++) {
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char text[256];

			snprintf(text, sizeof(text), "{\"%s\": %s}", bkeys[k], bad[i].json);
			check_bad_at(__FILE__, __LINE__, text, bkeys[k], bad[i].shown,
				     "must be 0, 1, true or false");
		}
	}
}

/* ---- sf_pool_percent ---- */

TEST(conf_sf_pool_percent_good)
{
	static const unsigned int good[] = { 0, 1, 50, 99, 100 };
	struct virtnet_conf c;
	char err[512], v[16];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(v, sizeof(v), "%u", good[i]);
		sentinel(&c);
		CHECK_EQ(parse_kv("sf_pool_percent", v, NULL, &c, err, sizeof(err)), 0);
		CHECK_EQ(c.sf_pool_percent, good[i]);
	}
}

TEST(conf_sf_pool_percent_bad)
{
	static const struct { const char *json, *shown; } bad[] = {
		{ "-1", "-1" }, { "101", "101" }, { "150", "150" },
		{ "4294967296", "4294967296" }, { "-9223372036854775808", "-9223372036854775808" },
		{ "50.0", "50.0" }, { "1e2", "100.0" }, { "0.5", "0.5" },
		{ "\"50\"", "\"50\"" }, { "\"50%\"", "\"50%\"" }, { "true", "true" },
		{ "false", "false" }, { "null", "null" }, { "[50]", "[50]" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[256];

		snprintf(text, sizeof(text), "{\"sf_pool_percent\": %s}", bad[i].json);
		check_bad_at(__FILE__, __LINE__, text, "sf_pool_percent", bad[i].shown,
			     "must be an integer between 0 and 100");
	}
}

/* ---- pf_mac ---- */

TEST(conf_pf_mac_good)
{
	struct virtnet_conf c;
	char err[512];

	CHECK_EQ(parse("{\"pf_mac\": \"0c:c4:7a:ff:22:93\"}", &c, err, sizeof(err)), 0);
	CHECK(c.has_pf_mac);
	CHECK(!memcmp(c.pf_mac, "\x0c\xc4\x7a\xff\x22\x93", 6));
	CHECK_EQ(parse("{\"pf_mac\": \"02:00:00:00:00:01\"}", &c, err, sizeof(err)), 0);
	CHECK(!memcmp(c.pf_mac, "\x02\x00\x00\x00\x00\x01", 6));
	CHECK_EQ(parse("{}", &c, err, sizeof(err)), 0);
	CHECK(!c.has_pf_mac);
}

TEST(conf_pf_mac_bad)
{
	CHECK_BAD("{\"pf_mac\": \"\"}", "pf_mac", "", "six colon-separated hex pairs");
	CHECK_BAD("{\"pf_mac\": \"00:11:22:33:44\"}", "pf_mac", "00:11:22:33:44",
		  "six colon-separated hex pairs");
	CHECK_BAD("{\"pf_mac\": \"00-11-22-33-44-55\"}", "pf_mac", "00-11-22-33-44-55",
		  "six colon-separated hex pairs");
	CHECK_BAD("{\"pf_mac\": \"00:11:22:33:44:55:66\"}", "pf_mac", "00:11:22:33:44:55:66",
		  "six colon-separated hex pairs");
	CHECK_BAD("{\"pf_mac\": \"00:00:00:00:00:00\"}", "pf_mac", "00:00:00:00:00:00",
		  "not all zeros");
	CHECK_BAD("{\"pf_mac\": \"FF:FF:FF:FF:FF:FF\"}", "pf_mac", "FF:FF:FF:FF:FF:FF",
		  "must be a unicast address");
	CHECK_BAD("{\"pf_mac\": \"01:00:5E:00:00:01\"}", "pf_mac", "01:00:5E:00:00:01",
		  "multicast");
	CHECK_BAD("{\"pf_mac\": \"00:11:22:33:44:55\\n\"}", "pf_mac", "\"00:11:22:33:44:55\\n\"",
		  "six colon-separated hex pairs");
	CHECK_BAD("{\"pf_mac\": 1122334455}", "pf_mac", "1122334455", "must be a string");
	CHECK_BAD("{\"pf_mac\": null}", "pf_mac", "null", "must be a string");
	CHECK_BAD("{\"pf_mac\": [0,17,34,51,68,85]}", "pf_mac", "[0,17,34,51,68,85]",
		  "must be a string");
}

/* ---- rules across keys ---- */

TEST(conf_lag_and_ports_exclusive)
{
	static const char *const texts[] = {
		"{\"ib_dev_lag\": \"mlx5_bond_0\", \"ib_dev_p0\": \"mlx5_0\", \"is_lag\": 1}",
		"{\"ib_dev_lag\": \"mlx5_bond_0\", \"ib_dev_p0\": \"mlx5_0\", \"is_lag\": 0}",
		"{\"ib_dev_lag\": \"mlx5_bond_0\", \"ib_dev_p0\": \"mlx5_0\"}",
		"{\"ib_dev_p0\": \"mlx5_0\", \"ib_dev_p1\": \"mlx5_1\", \"ib_dev_lag\": \"mlx5_bond_0\", \"is_lag\": 1}",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_bad_at(__FILE__, __LINE__, texts[i], "ib_dev_lag", "mlx5_bond_0",
			     "ib_dev_lag and ib_dev_p0 cannot be configured simultaneously");
	CHECK_BAD("{\"ib_dev_lag\": \"mlx5_bond_0\", \"ib_dev_p1\": \"mlx5_1\", \"is_lag\": 1}",
		  "ib_dev_lag", "mlx5_bond_0",
		  "ib_dev_lag and ib_dev_p1 cannot be configured simultaneously");
}

TEST(conf_keys_of_the_other_mode)
{
	CHECK_BAD("{\"ib_dev_lag\": \"mlx5_bond_0\"}", "ib_dev_lag", "mlx5_bond_0",
		  "only used in LAG mode, but is_lag is 0 (the default)");
	CHECK_BAD("{\"ib_dev_lag\": \"bond1\", \"is_lag\": false}", "ib_dev_lag", "bond1",
		  "only used in LAG mode, but is_lag is 0; set is_lag to 1 or remove ib_dev_lag");
	CHECK_BAD("{\"ib_dev_p0\": \"mlx5_0\", \"is_lag\": 1}", "ib_dev_p0", "mlx5_0",
		  "only used in non-LAG mode, but is_lag is 1; set is_lag to 0 or remove ib_dev_p0");
	CHECK_BAD("{\"is_lag\": true, \"ib_dev_p1\": \"mlx5_3\"}", "ib_dev_p1", "mlx5_3",
		  "only used in non-LAG mode, but is_lag is 1; set is_lag to 0 or remove ib_dev_p1");
}

TEST(conf_ports_must_differ)
{
	CHECK_BAD("{\"ib_dev_p0\": \"mlx5_2\", \"ib_dev_p1\": \"mlx5_2\"}", "ib_dev_p1", "mlx5_2",
		  "must differ from ib_dev_p0 'mlx5_2'");
	/* Against the other port's default. */
	CHECK_BAD("{\"ib_dev_p0\": \"mlx5_1\"}", "ib_dev_p0", "mlx5_1",
		  "must differ from ib_dev_p1 'mlx5_1' (the default)");
	CHECK_BAD("{\"ib_dev_p1\": \"mlx5_0\"}", "ib_dev_p1", "mlx5_0",
		  "must differ from ib_dev_p0 'mlx5_0' (the default)");

	struct virtnet_conf c;
	char err[512];

	/* Swapped is fine. */
	CHECK_EQ(parse("{\"ib_dev_p0\": \"mlx5_1\", \"ib_dev_p1\": \"mlx5_0\"}", &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_1");
}

TEST(conf_static_pf_device)
{
	struct virtnet_conf c;
	char err[512];

	CHECK_EQ(parse("{\"ib_dev_for_static_pf\": \"mlx5_1\"}", &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_1");
	CHECK_EQ(parse("{\"ib_dev_p0\": \"mlx5_4\", \"ib_dev_for_static_pf\": \"mlx5_4\"}",
		       &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_4");
	CHECK_EQ(parse("{\"is_lag\": 1, \"ib_dev_lag\": \"bond1\", \"ib_dev_for_static_pf\": \"bond1\"}",
		       &c, err, sizeof(err)), 0);
	CHECK_STREQ(c.ib_dev_for_static_pf, "bond1");

	CHECK_BAD("{\"ib_dev_for_static_pf\": \"mlx5_bond_0\"}", "ib_dev_for_static_pf",
		  "mlx5_bond_0",
		  "must be the RDMA device of an active port: 'mlx5_0' (ib_dev_p0) or 'mlx5_1' (ib_dev_p1), since is_lag is 0 (the default)");
	CHECK_BAD("{\"ib_dev_p0\": \"mlx5_4\", \"ib_dev_for_static_pf\": \"mlx5_0\", \"is_lag\": 0}",
		  "ib_dev_for_static_pf", "mlx5_0",
		  "'mlx5_4' (ib_dev_p0) or 'mlx5_1' (ib_dev_p1), since is_lag is 0");
	CHECK_BAD("{\"is_lag\": 1, \"ib_dev_for_static_pf\": \"mlx5_0\"}", "ib_dev_for_static_pf",
		  "mlx5_0", "must be the LAG device 'mlx5_bond_0' (ib_dev_lag), since is_lag is 1");
	/* Names are case-sensitive. */
	CHECK_BAD("{\"ib_dev_for_static_pf\": \"MLX5_0\"}", "ib_dev_for_static_pf", "MLX5_0",
		  "active port");
}

/* ---- structure and syntax ---- */

TEST(conf_unknown_key)
{
	struct virtnet_conf c;
	char err[512];

	CHECK_BAD("{\"is_lag\": 0, \"foo\": 1}", "unknown key 'foo': the known keys are", NULL, NULL);
	CHECK_BAD("{\"IS_LAG\": 0}", "unknown key 'IS_LAG'", NULL, NULL);
	CHECK_BAD("{\"pf_mac \": \"00:11:22:33:44:55\"}", "unknown key 'pf_mac '", NULL, NULL);
	CHECK_BAD("{\"\": 0}", "unknown key ''", NULL, NULL);
	CHECK_BAD("{\"a\\nb\": 0}", "unknown key '\"a\\nb\"'", NULL, NULL);
	/* The unknown key is reported even when a known key is bad too. */
	CHECK_BAD("{\"is_lag\": 7, \"bogus\": 0}", "unknown key 'bogus'", NULL, NULL);

	CHECK_EQ(parse("{\"nope\": 1}", &c, err, sizeof(err)), -EINVAL);
	for (size_t i = 0; i < NKEYS; i++)
		CHECK_CONTAINS(err, keys[i]);
}

TEST(conf_duplicate_key)
{
	CHECK_BAD("{\"is_lag\": 0,\n \"is_lag\": 0}", "line 2, column 9: invalid JSON: duplicate object key near '\"is_lag\"'",
		  NULL, NULL);
	CHECK_BAD("{\"recovery\": 1, \"recovery\": 0}", "duplicate object key near '\"recovery\"'", NULL, NULL);
	/* The same key spelled with an escape. */
	CHECK_BAD("{\"is_lag\": 0, \"is\\u005flag\": 0}", "duplicate", NULL, NULL);
}

TEST(conf_syntax_errors)
{
	CHECK_BAD("{\"is_lag\": 1,}", "line 1, column 14: invalid JSON: ", NULL, NULL);
	CHECK_BAD("{\n  \"is_lag\": 1\n  \"recovery\": 1\n}",
		  "line 3, column 12: invalid JSON: '}' expected near '\"recovery\"'", NULL, NULL);
	CHECK_BAD("{\"is_lag\": 1", "line 1, column 12: invalid JSON: '}' expected near end of file",
		  NULL, NULL);
	CHECK_BAD("{} {}", "line 1, column 4: invalid JSON: end of file expected", NULL, NULL);
	CHECK_BAD("{\"is_lag\": 1} // comment", "invalid JSON: end of file expected", NULL, NULL);
	CHECK_BAD("{\"is_lag\": 01}", "invalid JSON", NULL, NULL);
	CHECK_BAD("{'is_lag': 1}", "invalid JSON", NULL, NULL);
	CHECK_BAD("{\"sf_pool_percent\": 99999999999999999999}", "invalid JSON: too big integer",
		  NULL, NULL);
	CHECK_BAD("{\"ib_dev_p0\": \"mlx5\\u00000\"}", "invalid JSON", NULL, NULL);
	CHECK_BAD("{\"ib_dev_p0\": \"\xff\"}", "invalid JSON", NULL, NULL);
	CHECK_BAD("\xef\xbb\xbf{}", "line 1, column 1: starts with a UTF-8 byte order mark", NULL, NULL);
	CHECK_BAD("", "empty file: must hold a JSON object", NULL, NULL);
	CHECK_BAD(" \n\t\r\n", "empty file: must hold a JSON object", NULL, NULL);

	struct virtnet_conf c;
	char err[512];

	/* A NUL byte in the text; the message shows no raw control bytes. */
	CHECK_EQ(virtnet_conf_parse("{\0}", 3, NULL, &c, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "virtnet.conf: line 1, column ");
	CHECK_EQ(virtnet_conf_parse("{\x01}", 3, NULL, &c, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "invalid JSON");
	for (const char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			test_fail(__FILE__, __LINE__, "raw byte 0x%02x in \"%s\"", (unsigned char)*p, err);
}

TEST(conf_top_level_must_be_object)
{
	static const struct { const char *json, *type; } bad[] = {
		{ "[]", "an array" }, { "[{\"is_lag\": 1}]", "an array" }, { "1", "an integer" },
		{ "1.5", "a real number" }, { "\"{}\"", "a string" }, { "null", "null" },
		{ "true", "a boolean" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[128];

		snprintf(want, sizeof(want), "the top level must be a JSON object ({\"key\": value, ...}), not %s",
			 bad[i].type);
		check_bad_at(__FILE__, __LINE__, bad[i].json, want, NULL, NULL);
	}
}

/* Every key's value is checked: one bad key among good ones fails the whole file. */
TEST(conf_one_bad_key_fails_all)
{
	CHECK_BAD("{\"ib_dev_p0\":\"mlx5_0\",\"ib_dev_p1\":\"mlx5_1\",\"is_lag\":0,"
		  "\"pf_mac\":\"00:11:22:33:44:55\",\"recovery\":1,"
		  "\"sf_pool_percent\":0,\"sf_pool_force_destroy\":2}",
		  "sf_pool_force_destroy", "2", NULL);
}
