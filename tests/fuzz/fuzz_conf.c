// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_conf.c - libFuzzer target for the controller's virtnet.conf parser
 * (userspace/controller/conf.c and jsonfield.c). The input is the file's
 * text, handed to virtnet_conf_parse() as is (not NUL-terminated).
 *
 * Invariants checked (abort() on violation):
 *  - the result is 0, -EINVAL or -ENOMEM;
 *  - on a reject, the struct is byte for byte what it was and the message
 *    is non-empty, NUL-terminated and starts with "fuzz.conf: ";
 *  - on accept, the message is empty and the struct obeys every rule of
 *    conf.h: names non-empty, NUL-terminated, from [A-Za-z0-9_.-] and not
 *    "." or ".."; p0 != p1; ib_dev_for_static_pf is p0 or p1 (is_lag 0)
 *    or ib_dev_lag (is_lag 1); sf_pool_percent <= 100; pf_mac unicast
 *    and not zero when set;
 *  - the accepted config written back as a virtnet.conf parses to the
 *    same struct;
 *  - virtnet_conf_static_pf_mac() gives pf_mac + pf as a 48-bit sum, or
 *    -ERANGE exactly when that overflows or is multicast, -EINVAL without
 *    pf_mac, and leaves mac alone on failure;
 *  - virtnet_conf_to_json() gives every key;
 *  - a short error buffer still gets a NUL-terminated, truncated message.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fuzz_check.h"

#define NAME "fuzz.conf"

static void check_name(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	CHECK(n > 0 && n < size);
	CHECK(strcmp(s, ".") && strcmp(s, ".."));
	for (size_t i = 0; i < n; i++)
		CHECK(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789_.-", s[i]));
}

static uint64_t mac48(const uint8_t *m)
{
	uint64_t v = 0;

	for (int i = 0; i < VIRTNET_MAC_LEN; i++)
		v = v << 8 | m[i];
	return v;
}

static void check_valid(const struct virtnet_conf *c)
{
	check_name(c->ib_dev_p0, sizeof(c->ib_dev_p0));
	check_name(c->ib_dev_p1, sizeof(c->ib_dev_p1));
	check_name(c->ib_dev_lag, sizeof(c->ib_dev_lag));
	check_name(c->ib_dev_for_static_pf, sizeof(c->ib_dev_for_static_pf));
	CHECK(strcmp(c->ib_dev_p0, c->ib_dev_p1));
	if (c->is_lag)
		CHECK(!strcmp(c->ib_dev_for_static_pf, c->ib_dev_lag));
	else
		CHECK(!strcmp(c->ib_dev_for_static_pf, c->ib_dev_p0) ||
		      !strcmp(c->ib_dev_for_static_pf, c->ib_dev_p1));
	CHECK(c->sf_pool_percent <= 100);
	if (c->has_pf_mac) {
		CHECK(!virtnet_mac_is_zero(c->pf_mac));
		CHECK(!(c->pf_mac[0] & 1));
	}
}

/* The accepted config as a virtnet.conf of its own, parsed again. */
static void check_round_trip(const struct virtnet_conf *c)
{
	struct virtnet_conf again;
	char text[1024], mac[32] = "", err[512] = "";
	int n;

	if (c->has_pf_mac)
		snprintf(mac, sizeof(mac),
			 ",\"pf_mac\":\"%02x:%02x:%02x:%02x:%02x:%02x\"",
			 c->pf_mac[0], c->pf_mac[1], c->pf_mac[2], c->pf_mac[3],
			 c->pf_mac[4], c->pf_mac[5]);
	if (c->is_lag)
		n = snprintf(text, sizeof(text),
			     "{\"is_lag\":1,\"ib_dev_lag\":\"%s\",", c->ib_dev_lag);
	else
		n = snprintf(text, sizeof(text),
			     "{\"is_lag\":0,\"ib_dev_p0\":\"%s\",\"ib_dev_p1\":\"%s\",",
			     c->ib_dev_p0, c->ib_dev_p1);
	n += snprintf(text + n, sizeof(text) - n,
		      "\"ib_dev_for_static_pf\":\"%s\",\"recovery\":%d,"
		      "\"sf_pool_percent\":%u,\"sf_pool_force_destroy\":%s%s}",
		      c->ib_dev_for_static_pf, c->recovery, c->sf_pool_percent,
		      c->sf_pool_force_destroy ? "true" : "false", mac);
	CHECK(n > 0 && (size_t)n < sizeof(text));
	memset(&again, 0x5a, sizeof(again));
	if (virtnet_conf_parse(text, (size_t)n, NAME, &again, err, sizeof(err))) {
		fprintf(stderr, "round trip rejected: %s\n%s\n", text, err);
		abort();
	}
	CHECK(!strcmp(c->ib_dev_p0, again.ib_dev_p0));
	CHECK(!strcmp(c->ib_dev_p1, again.ib_dev_p1));
	CHECK(!strcmp(c->ib_dev_lag, again.ib_dev_lag));
	CHECK(!strcmp(c->ib_dev_for_static_pf, again.ib_dev_for_static_pf));
	CHECK(c->is_lag == again.is_lag && c->has_pf_mac == again.has_pf_mac);
	CHECK(!c->has_pf_mac || !memcmp(c->pf_mac, again.pf_mac, VIRTNET_MAC_LEN));
	CHECK(c->recovery == again.recovery);
	CHECK(c->sf_pool_percent == again.sf_pool_percent);
	CHECK(c->sf_pool_force_destroy == again.sf_pool_force_destroy);
}

static void check_static_pf_mac(const struct virtnet_conf *c, unsigned int pf)
{
	uint8_t mac[VIRTNET_MAC_LEN], before[VIRTNET_MAC_LEN];
	char err[256] = "";
	uint64_t base, sum;
	int ret;

	memset(mac, 0xee, sizeof(mac));
	memcpy(before, mac, sizeof(mac));
	ret = virtnet_conf_static_pf_mac(c, pf, mac, err, sizeof(err));
	if (!c->has_pf_mac) {
		CHECK(ret == -EINVAL);
		CHECK(!memcmp(mac, before, sizeof(mac)));
		return;
	}
	base = mac48(c->pf_mac);
	sum = base + pf;
	if (sum > 0xffffffffffffULL || (sum >> 40) & 1) {
		CHECK(ret == -ERANGE);
		CHECK(!memcmp(mac, before, sizeof(mac)));
		return;
	}
	CHECK(ret == 0);
	CHECK(mac48(mac) == sum);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtnet_conf c, saved;
	char err[1024], small[24];
	json_t *j;
	int ret;

	memset(&c, 0xa5, sizeof(c));
	memcpy(&saved, &c, sizeof(c));
	memset(err, 'x', sizeof(err));
	err[0] = '\0';
	ret = virtnet_conf_parse((const char *)data, size, NAME, &c, err, sizeof(err));
	CHECK(ret == 0 || ret == -EINVAL || ret == -ENOMEM);
	CHECK(memchr(err, '\0', sizeof(err)));
	if (ret) {
		CHECK(!memcmp(&c, &saved, sizeof(c)));
		CHECK(!strncmp(err, NAME ": ", strlen(NAME ": ")));
		CHECK(strlen(err) > strlen(NAME ": "));
		/* The same with a message buffer far too short. */
		memset(small, 'x', sizeof(small));
		CHECK(virtnet_conf_parse((const char *)data, size, NAME, &c, small,
					 sizeof(small)) == ret);
		CHECK(memchr(small, '\0', sizeof(small)));
		CHECK(!memcmp(&c, &saved, sizeof(c)));
		return 0;
	}
	CHECK(err[0] == '\0');
	check_valid(&c);
	check_round_trip(&c);
	check_static_pf_mac(&c, 0);
	check_static_pf_mac(&c, 1);
	check_static_pf_mac(&c, size);
	check_static_pf_mac(&c, 0xffffffffu);
	j = virtnet_conf_to_json(&c);
	CHECK(j);
	CHECK(json_object_size(j) == 9);
	json_decref(j);
	return 0;
}
