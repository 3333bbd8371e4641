/*
 * conf_fixtures.h - what the virtnet.conf tests share: the guide's examples,
 * parsing with sentinels, the failure check and temporary files.
 */
#ifndef VIRTNET_TEST_CONF_FIXTURES_H
#define VIRTNET_TEST_CONF_FIXTURES_H

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

#define GUIDE_NON_LAG							\
	"{\"ib_dev_p0\":\"mlx5_0\",\"ib_dev_p1\":\"mlx5_1\","		\
	"\"ib_dev_for_static_pf\":\"mlx5_0\",\"is_lag\":0,"		\
	"\"pf_mac\":\"00:11:22:33:44:55\",\"recovery\":1,"		\
	"\"sf_pool_percent\":0,\"sf_pool_force_destroy\":0}"
#define GUIDE_LAG							\
	"{\"ib_dev_lag\":\"mlx5_bond_0\",\"ib_dev_for_static_pf\":\"mlx5_bond_0\"," \
	"\"is_lag\":1,\"pf_mac\":\"00:11:22:33:44:55\",\"recovery\":1,"	\
	"\"sf_pool_percent\":0,\"sf_pool_force_destroy\":0}"

static const char *const keys[] = {
	"ib_dev_p0", "ib_dev_p1", "ib_dev_lag", "ib_dev_for_static_pf", "is_lag",
	"pf_mac", "recovery", "sf_pool_percent", "sf_pool_force_destroy",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* A valid config unlike the defaults, to see that failures leave it alone. */
static inline void sentinel(struct virtnet_conf *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->ib_dev_p0, "sentinel_p0");
	strcpy(c->ib_dev_p1, "sentinel_p1");
	strcpy(c->ib_dev_lag, "sentinel_lag");
	strcpy(c->ib_dev_for_static_pf, "sentinel_p1");
	c->has_pf_mac = true;
	memcpy(c->pf_mac, "\x02\x01\x02\x03\x04\x05", 6);
	c->sf_pool_percent = 77;
	c->sf_pool_force_destroy = true;
}

static inline int parse(const char *text, struct virtnet_conf *c, char *err, size_t errlen)
{
	return virtnet_conf_parse(text, strlen(text), NULL, c, err, errlen);
}

/*
 * text fails with -EINVAL, leaves the struct alone, and the message starts
 * with "virtnet.conf: ", contains "invalid KEY 'VALUE': " (or whichever of
 * key, value is not NULL) and why (when not NULL).
 */
static inline void check_bad_at(const char *file, int line, const char *text,
			 const char *key, const char *value, const char *why)
{
	struct virtnet_conf c, saved;
	char err[1024] = "", want[512];
	int ret;

	sentinel(&c);
	memcpy(&saved, &c, sizeof(c));
	ret = parse(text, &c, err, sizeof(err));
	if (ret != -EINVAL)
		test_fail(file, line, "%s: returned %d, want -EINVAL (%s)", text, ret, err);
	if (memcmp(&c, &saved, sizeof(c)))
		test_fail(file, line, "%s: the struct changed", text);
	if (strncmp(err, "virtnet.conf: ", 14))
		test_fail(file, line, "%s: message lacks the file name: \"%s\"", text, err);
	if (key && value)
		snprintf(want, sizeof(want), "invalid %s '%s': ", key, value);
	else if (key)
		snprintf(want, sizeof(want), "%s", key);
	else
		snprintf(want, sizeof(want), "'%s'", value ? value : "");
	if (!strstr(err, want))
		test_fail(file, line, "%s:\n    message: \"%s\"\n    lacks:   \"%s\"", text, err, want);
	if (why && !strstr(err, why))
		test_fail(file, line, "%s:\n    message: \"%s\"\n    lacks:   \"%s\"", text, err, why);
}
#define CHECK_BAD(text, key, value, why) check_bad_at(__FILE__, __LINE__, text, key, value, why)

/* {"KEY": VALUE} (plus extra, e.g. ", \"is_lag\": 1") parses; c gets the result. */
static inline int parse_kv(const char *key, const char *value, const char *extra,
		    struct virtnet_conf *c, char *err, size_t errlen)
{
	char text[512];

	snprintf(text, sizeof(text), "{\"%s\": %s%s}", key, value, extra ? extra : "");
	return parse(text, c, err, errlen);
}

static inline void check_defaults(const struct virtnet_conf *c)
{
	CHECK_STREQ(c->ib_dev_p0, "mlx5_0");
	CHECK_STREQ(c->ib_dev_p1, "mlx5_1");
	CHECK_STREQ(c->ib_dev_lag, "mlx5_bond_0");
	CHECK_STREQ(c->ib_dev_for_static_pf, "mlx5_0");
	CHECK(!c->is_lag);
	CHECK(!c->has_pf_mac);
	CHECK(c->recovery);
	CHECK_EQ(c->sf_pool_percent, 0);
	CHECK(!c->sf_pool_force_destroy);
}

/* A file under $TMPDIR or /tmp holding len bytes of text; path into path. */
static inline int write_tmp(const char *text, size_t len, char path[256])
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, 256, "%s/virtnet-conf-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

#endif /* VIRTNET_TEST_CONF_FIXTURES_H */
