/* test_conf_use.c - virtnet.conf in use: static PF MACs, JSON out, loading files, the docs. */
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

/* ---- static PF MACs ---- */

static void check_pf_mac(const char *base, unsigned int pf, const char *want)
{
	struct virtnet_conf c;
	char err[512] = "", text[128], got[VIRTNET_MAC_STRLEN];
	uint8_t mac[6];
	int ret;

	snprintf(text, sizeof(text), "{\"pf_mac\": \"%s\"}", base);
	if (parse(text, &c, err, sizeof(err))) {
		test_fail(__FILE__, __LINE__, "%s: %s", text, err);
		return;
	}
	ret = virtnet_conf_static_pf_mac(&c, pf, mac, err, sizeof(err));
	if (ret || strcmp(virtnet_mac_format(mac, got), want))
		test_fail(__FILE__, __LINE__, "%s + %u: ret %d, got %s, want %s (%s)",
			  base, pf, ret, ret ? "-" : got, want, err);
}

TEST(conf_static_pf_mac_derivation)
{
	check_pf_mac("00:11:22:33:44:55", 0, "00:11:22:33:44:55");
	check_pf_mac("00:11:22:33:44:55", 1, "00:11:22:33:44:56");
	check_pf_mac("00:11:22:33:44:55", 0xaa, "00:11:22:33:44:FF");
	check_pf_mac("00:11:22:33:44:FF", 1, "00:11:22:33:45:00");	/* carry */
	check_pf_mac("00:11:22:33:FF:FF", 1, "00:11:22:34:00:00");
	check_pf_mac("00:11:FF:FF:FF:FF", 1, "00:12:00:00:00:00");
	check_pf_mac("00:11:FF:FF:FF:FE", 3, "00:12:00:00:00:01");
	check_pf_mac("00:00:00:00:00:01", 0xffffffffu, "00:01:00:00:00:00");
	check_pf_mac("02:FF:FF:FF:FF:FE", 1, "02:FF:FF:FF:FF:FF");
	check_pf_mac("0c:c4:7a:ff:22:93", 256, "0C:C4:7A:FF:23:93");
}

TEST(conf_static_pf_mac_errors)
{
	struct virtnet_conf c;
	uint8_t mac[6] = { 9, 9, 9, 9, 9, 9 };
	char err[512];

	virtnet_conf_defaults(&c);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 0, mac, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "pf_mac is not set: the MAC of static PF 0 is pf_mac + 0; set pf_mac in virtnet.conf");

	/* A carry into the first byte sets the multicast bit. */
	REQUIRE(parse("{\"pf_mac\": \"00:FF:FF:FF:FF:FF\"}", &c, err, sizeof(err)) == 0);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 0, mac, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 1, mac, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid pf_mac '00:FF:FF:FF:FF:FF': pf_mac + 1 (static PF 1) is 01:00:00:00:00:00, not a unicast address; pf_mac must leave room for every static PF");
	REQUIRE(parse("{\"pf_mac\": \"FE:FF:FF:FF:FF:F0\"}", &c, err, sizeof(err)) == 0);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 15, mac, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 16, mac, err, sizeof(err)), -ERANGE);
	CHECK_CONTAINS(err, "FF:00:00:00:00:00, not a unicast address");

	/* Overflow of 48 bits: only a struct filled by hand gets that close. */
	c.has_pf_mac = true;
	memcpy(c.pf_mac, "\xff\xff\xff\xff\xff\xfe", 6);
	memset(mac, 9, 6);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 2, mac, err, sizeof(err)), -ERANGE);
	CHECK_STREQ(err, "invalid pf_mac 'FF:FF:FF:FF:FF:FE': pf_mac + 2 (static PF 2) is beyond FF:FF:FF:FF:FF:FF");
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 0xffffffffu, mac, err, sizeof(err)), -ERANGE);
	/* Nor does a hand-made multicast or zero base pass for pf 0. */
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 0, mac, err, sizeof(err)), -ERANGE);
	memset(c.pf_mac, 0, 6);
	CHECK_EQ(virtnet_conf_static_pf_mac(&c, 0, mac, NULL, 0), -ERANGE);
	CHECK_EQ(mac[0], 9);	/* untouched on failure */
}

/* ---- JSON out ---- */

static char *dump(json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	return s;
}

TEST(conf_to_json)
{
	struct virtnet_conf c;
	char err[512], *s;

	virtnet_conf_defaults(&c);
	s = dump(virtnet_conf_to_json(&c));
	CHECK_STREQ(s, "{\"ib_dev_p0\":\"mlx5_0\",\"ib_dev_p1\":\"mlx5_1\",\"ib_dev_lag\":\"mlx5_bond_0\","
		    "\"ib_dev_for_static_pf\":\"mlx5_0\",\"is_lag\":0,\"pf_mac\":null,\"recovery\":1,"
		    "\"sf_pool_percent\":0,\"sf_pool_force_destroy\":0}");
	free(s);

	REQUIRE(parse(GUIDE_LAG, &c, err, sizeof(err)) == 0);
	c.sf_pool_percent = 40;
	c.sf_pool_force_destroy = true;
	s = dump(virtnet_conf_to_json(&c));
	CHECK_STREQ(s, "{\"ib_dev_p0\":\"mlx5_0\",\"ib_dev_p1\":\"mlx5_1\",\"ib_dev_lag\":\"mlx5_bond_0\","
		    "\"ib_dev_for_static_pf\":\"mlx5_bond_0\",\"is_lag\":1,\"pf_mac\":\"00:11:22:33:44:55\","
		    "\"recovery\":1,\"sf_pool_percent\":40,\"sf_pool_force_destroy\":1}");
	free(s);
}

/* ---- loading files ---- */

TEST(conf_load_missing_file_is_defaults)
{
	const char *dir = getenv("TMPDIR");
	char tmpl[256], path[300], err[512] = "";
	struct virtnet_conf c;

	snprintf(tmpl, sizeof(tmpl), "%s/virtnet-conf-XXXXXX", dir && *dir ? dir : "/tmp");
	REQUIRE(mkdtemp(tmpl));
	snprintf(path, sizeof(path), "%s/virtnet.conf", tmpl);
	sentinel(&c);
	CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	check_defaults(&c);

	/* A directory where the file should be is an error, not defaults. */
	sentinel(&c);
	struct virtnet_conf saved = c;
	CHECK_EQ(virtnet_conf_load(tmpl, &c, err, sizeof(err)), -EISDIR);
	CHECK_PREFIX(err, tmpl);
	CHECK_CONTAINS(err, ": cannot read: ");
	CHECK(!memcmp(&c, &saved, sizeof(c)));
	rmdir(tmpl);
}

TEST(conf_load_file)
{
	struct virtnet_conf c;
	char path[256], err[512] = "";

	REQUIRE(write_tmp(GUIDE_NON_LAG "\n", strlen(GUIDE_NON_LAG) + 1, path) == 0);
	sentinel(&c);
	CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), 0);
	CHECK_STREQ(err, "");
	CHECK(c.has_pf_mac);
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_0");
	CHECK(c.recovery);
	unlink(path);

	REQUIRE(write_tmp("{\n  \"is_lag\": 1,\n  \"recovery\": 0\n}\n", 35, path) == 0);
	CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), 0);
	CHECK(c.is_lag);
	CHECK(!c.recovery);
	CHECK(!c.has_pf_mac);
	CHECK_STREQ(c.ib_dev_for_static_pf, "mlx5_bond_0");
	unlink(path);
}

TEST(conf_load_errors)
{
	struct virtnet_conf c, saved;
	char path[256], want[400], err[512];
	char *big;

	/* Messages are prefixed with the path. */
	REQUIRE(write_tmp("{\"sf_pool_percent\": 150}", 24, path) == 0);
	sentinel(&c);
	saved = c;
	CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), -EINVAL);
	snprintf(want, sizeof(want), "%s: invalid sf_pool_percent '150': must be an integer between 0 and 100", path);
	CHECK_STREQ(err, want);
	CHECK(!memcmp(&c, &saved, sizeof(c)));
	unlink(path);

	REQUIRE(write_tmp("", 0, path) == 0);
	CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "empty file");
	CHECK(!memcmp(&c, &saved, sizeof(c)));
	unlink(path);

	/* Too large: refused before parsing. */
	big = malloc(VIRTNET_CONF_MAX_SIZE + 2);
	REQUIRE(big);
	memset(big, ' ', VIRTNET_CONF_MAX_SIZE + 2);
	big[0] = '{';
	big[VIRTNET_CONF_MAX_SIZE + 1] = '}';
	if (write_tmp(big, VIRTNET_CONF_MAX_SIZE + 2, path) == 0) {
		CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), -EFBIG);
		CHECK_CONTAINS(err, "larger than");
		CHECK(!memcmp(&c, &saved, sizeof(c)));
		unlink(path);
	} else {
		test_fail(__FILE__, __LINE__, "cannot write a temp file");
	}
	/* Exactly the limit is fine. */
	big[VIRTNET_CONF_MAX_SIZE - 1] = '}';
	if (write_tmp(big, VIRTNET_CONF_MAX_SIZE, path) == 0) {
		CHECK_EQ(virtnet_conf_load(path, &c, err, sizeof(err)), 0);
		unlink(path);
	}
	free(big);
}

/* ---- docs ---- */

TEST(conf_docs_cover_every_key)
{
	char path[512], word[64], *text;
	struct virtnet_conf c;
	const char *key;
	json_t *j, *v;
	long len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/docs/controller.md", VIRTNET_TOP);
	f = fopen(path, "r");
	REQUIRE(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc(1, (size_t)len + 1);
	if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(text);
		test_fail(__FILE__, __LINE__, "cannot read %s", path);
		return;
	}
	fclose(f);
	CHECK_CONTAINS(text, "## virtnet.conf");
	CHECK_CONTAINS(text, VIRTNET_CONF_DEFAULT_PATH);
	virtnet_conf_defaults(&c);
	j = virtnet_conf_to_json(&c);
	json_object_foreach(j, key, v) {
		snprintf(word, sizeof(word), "`%s`", key);
		if (!strstr(text, word))
			test_fail(__FILE__, __LINE__, "docs/controller.md lacks %s", word);
	}
	CHECK_EQ(json_object_size(j), NKEYS);
	json_decref(j);
	free(text);
}
