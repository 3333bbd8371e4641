/* conf.c - parse the controller's config file, virtnet.conf. */
#include "conf.h"
#include "jsonfield.h"
#include "parse.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_IB_DEV_P0	"mlx5_0"
#define DEFAULT_IB_DEV_P1	"mlx5_1"
#define DEFAULT_IB_DEV_LAG	"mlx5_bond_0"

enum key_type { KEY_IBDEV, KEY_BOOL, KEY_PERCENT, KEY_MAC };

static const struct conf_key {
	const char *name;
	enum key_type type;
	size_t off;		/* into struct virtnet_conf */
} conf_keys[] = {
	{ "ib_dev_p0", KEY_IBDEV, offsetof(struct virtnet_conf, ib_dev_p0) },
	{ "ib_dev_p1", KEY_IBDEV, offsetof(struct virtnet_conf, ib_dev_p1) },
	{ "ib_dev_lag", KEY_IBDEV, offsetof(struct virtnet_conf, ib_dev_lag) },
	{ "ib_dev_for_static_pf", KEY_IBDEV, offsetof(struct virtnet_conf, ib_dev_for_static_pf) },
	{ "is_lag", KEY_BOOL, offsetof(struct virtnet_conf, is_lag) },
	{ "pf_mac", KEY_MAC, offsetof(struct virtnet_conf, pf_mac) },
	{ "recovery", KEY_BOOL, offsetof(struct virtnet_conf, recovery) },
	{ "sf_pool_percent", KEY_PERCENT, offsetof(struct virtnet_conf, sf_pool_percent) },
	{ "sf_pool_force_destroy", KEY_BOOL, offsetof(struct virtnet_conf, sf_pool_force_destroy) },
};

/* Indexes into conf_keys[], for the checks across keys. */
enum { K_P0, K_P1, K_LAG, K_STATIC_PF, K_IS_LAG, K_PF_MAC };

void virtnet_conf_defaults(struct virtnet_conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->ib_dev_p0, sizeof(c->ib_dev_p0), "%s", DEFAULT_IB_DEV_P0);
	snprintf(c->ib_dev_p1, sizeof(c->ib_dev_p1), "%s", DEFAULT_IB_DEV_P1);
	snprintf(c->ib_dev_lag, sizeof(c->ib_dev_lag), "%s", DEFAULT_IB_DEV_LAG);
	snprintf(c->ib_dev_for_static_pf, sizeof(c->ib_dev_for_static_pf), "%s",
		 DEFAULT_IB_DEV_P0);
	c->recovery = true;
}

/* "NAME: <fmt>" into err. Returns -EINVAL. */
static int conf_err(char *err, size_t errlen, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int conf_err(char *err, size_t errlen, const char *name, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || !errlen)
		return -EINVAL;
	n = snprintf(err, errlen, "%s: ", name);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* "NAME: " before a field's message from jsonfield.h; passes ret on. */
static int named(int ret, const char *why, char *err, size_t errlen, const char *name)
{
	if (ret)
		conf_err(err, errlen, name, "%s", why);
	return ret;
}

/* "NAME: invalid KEY 'VALUE': <fmt>" into err. Returns -EINVAL. */
static int key_err(char *err, size_t errlen, const char *name, const char *key,
		   const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static int key_err(char *err, size_t errlen, const char *name, const char *key,
		   const char *value, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return conf_err(err, errlen, name, "invalid %s '%s': %s", key, value, why);
}

/* A key name for a message (keys are any JSON string). */
static const char *show_key(const char *key, char buf[VIRTNET_JF_SHOW_LEN])
{
	json_t *s = json_string(key);
	const char *ret = s ? virtnet_jf_show(s, true, buf) : "?";

	json_decref(s);
	return ret;
}

static int parse_ibdev(const char *name, const char *key, const json_t *v,
		       char *dst, char *err, size_t errlen)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	char why[512];

	if (!json_is_string(v) || len == 0 || len >= VIRTNET_IBDEV_MAX ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789_.-") != len || !strcmp(s, ".") || !strcmp(s, ".."))
		return named(virtnet_jf_err(why, sizeof(why), key, v, true,
					    "must be an RDMA device name: a string of 1 to %d characters from A-Z a-z 0-9 _ . - (not '.' or '..'), e.g. mlx5_0",
					    VIRTNET_IBDEV_MAX - 1),
			     why, err, errlen, name);
	memcpy(dst, s, len + 1);
	return 0;
}

static int parse_bool(const char *name, const char *key, const json_t *v,
		      bool *dst, char *err, size_t errlen)
{
	char why[512];

	return named(virtnet_jf_bool(v, key, true, dst, why, sizeof(why)),
		     why, err, errlen, name);
}

/* sf_pool_percent: a percentage. */
static const struct virtnet_num_rule rule_percent = {
	0, 100, 0, "must be an integer " VIRTNET_RULE_RANGE
};

static int parse_percent(const char *name, const char *key, const json_t *v,
			 unsigned int *dst, char *err, size_t errlen)
{
	char why[512], allowed[128];
	uint64_t n;
	int ret = virtnet_jf_uint(v, key, &rule_percent,
				  virtnet_rule_text(&rule_percent, allowed, sizeof(allowed)),
				  &n, why, sizeof(why));

	if (!ret)
		*dst = (unsigned int)n;
	return named(ret, why, err, errlen, name);
}

static int parse_mac(const char *name, const char *key, const json_t *v,
		     uint8_t *dst, char *err, size_t errlen)
{
	const char *s = json_string_value(v);
	char why[512];

	if (!virtnet_jf_is_plain(v))
		return named(virtnet_jf_err(why, sizeof(why), key, v, true,
					    "must be a string of six colon-separated hex pairs, e.g. 0C:C4:7A:FF:22:93"),
			     why, err, errlen, name);
	/* Its message is "invalid KEY 'S': ...": S is printable and short. */
	return named(virtnet_mac_parse_unicast(key, s, dst, why, sizeof(why)),
		     why, err, errlen, name);
}

/* Has the text set key number k? */
#define SET(k) (json_object_get(root, conf_keys[k].name) != NULL)

/* The checks that involve more than one key, on the parsed values. */
static int check_across(const json_t *root, const struct virtnet_conf *c,
			const char *name, char *err, size_t errlen)
{
	const char *is_lag_from = SET(K_IS_LAG) ? "" : " (the default)";

	for (int k = K_P0; k <= K_P1; k++) {
		if (SET(K_LAG) && SET(k))
			return key_err(err, errlen, name, "ib_dev_lag", c->ib_dev_lag,
				       "ib_dev_lag and %s cannot be configured simultaneously; set ib_dev_lag with is_lag 1 (LAG), or ib_dev_p0/ib_dev_p1 with is_lag 0",
				       conf_keys[k].name);
	}
	if (SET(K_LAG) && !c->is_lag)
		return key_err(err, errlen, name, "ib_dev_lag", c->ib_dev_lag,
			       "only used in LAG mode, but is_lag is 0%s; set is_lag to 1 or remove ib_dev_lag",
			       is_lag_from);
	for (int k = K_P0; k <= K_P1; k++) {
		const char *v = k == K_P0 ? c->ib_dev_p0 : c->ib_dev_p1;

		if (SET(k) && c->is_lag)
			return key_err(err, errlen, name, conf_keys[k].name, v,
				       "only used in non-LAG mode, but is_lag is 1; set is_lag to 0 or remove %s",
				       conf_keys[k].name);
	}
	if (!c->is_lag && !strcmp(c->ib_dev_p0, c->ib_dev_p1)) {
		/* Blame the key the text set (p1 when both are set). */
		bool p1 = SET(K_P1);

		return key_err(err, errlen, name, p1 ? "ib_dev_p1" : "ib_dev_p0",
			       c->ib_dev_p0, "must differ from %s '%s'%s",
			       p1 ? "ib_dev_p0" : "ib_dev_p1", c->ib_dev_p0,
			       SET(p1 ? K_P0 : K_P1) ? "" : " (the default)");
	}
	if (SET(K_STATIC_PF)) {
		const char *s = c->ib_dev_for_static_pf;

		if (c->is_lag && strcmp(s, c->ib_dev_lag))
			return key_err(err, errlen, name, "ib_dev_for_static_pf", s,
				       "must be the LAG device '%s' (ib_dev_lag), since is_lag is 1",
				       c->ib_dev_lag);
		if (!c->is_lag && strcmp(s, c->ib_dev_p0) && strcmp(s, c->ib_dev_p1))
			return key_err(err, errlen, name, "ib_dev_for_static_pf", s,
				       "must be the RDMA device of an active port: '%s' (ib_dev_p0) or '%s' (ib_dev_p1), since is_lag is 0%s",
				       c->ib_dev_p0, c->ib_dev_p1, is_lag_from);
	}
	return 0;
}

static int parse_object(const json_t *root, struct virtnet_conf *c,
			const char *name, char *err, size_t errlen)
{
	char shown[VIRTNET_JF_SHOW_LEN];
	const char *key;
	json_t *v;
	int ret;

	/* Unknown keys first, in the order of the text. */
	json_object_foreach((json_t *)root, key, v) {
		size_t k;

		for (k = 0; k < ARRAY_SIZE(conf_keys) && strcmp(key, conf_keys[k].name); k++)
			;
		if (k == ARRAY_SIZE(conf_keys))
			return conf_err(err, errlen, name,
					"unknown key '%s': the known keys are ib_dev_p0, ib_dev_p1, ib_dev_lag, ib_dev_for_static_pf, is_lag, pf_mac, recovery, sf_pool_percent, sf_pool_force_destroy",
					show_key(key, shown));
	}

	virtnet_conf_defaults(c);
	for (size_t k = 0; k < ARRAY_SIZE(conf_keys); k++) {
		const struct conf_key *ck = &conf_keys[k];
		void *dst = (char *)c + ck->off;

		v = json_object_get(root, ck->name);
		if (!v)
			continue;
		switch (ck->type) {
		case KEY_IBDEV:
			ret = parse_ibdev(name, ck->name, v, dst, err, errlen);
			break;
		case KEY_BOOL:
			ret = parse_bool(name, ck->name, v, dst, err, errlen);
			break;
		case KEY_PERCENT:
			ret = parse_percent(name, ck->name, v, dst, err, errlen);
			break;
		case KEY_MAC:
			ret = parse_mac(name, ck->name, v, dst, err, errlen);
			c->has_pf_mac = !ret;
			break;
		default:
			ret = -EINVAL;
		}
		if (ret)
			return ret;
	}
	if (!SET(K_STATIC_PF))
		snprintf(c->ib_dev_for_static_pf, sizeof(c->ib_dev_for_static_pf), "%s",
			 c->is_lag ? c->ib_dev_lag : c->ib_dev_p0);
	return check_across(root, c, name, err, errlen);
}

/* jansson's message, with anything not printable ASCII as \xNN. */
static void clean_text(const char *in, char *out, size_t outlen)
{
	size_t o = 0;

	for (; *in && o + 5 < outlen; in++) {
		unsigned char ch = (unsigned char)*in;

		if (ch >= 0x20 && ch <= 0x7e)
			out[o++] = (char)ch;
		else
			o += snprintf(out + o, outlen - o, "\\x%02X", ch);
	}
	out[o] = '\0';
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_ARRAY:	return "an array";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:	return "an integer";
	case JSON_REAL:		return "a real number";
	case JSON_TRUE:
	case JSON_FALSE:	return "a boolean";
	case JSON_NULL:		return "null";
	default:		return "an object";
	}
}

int virtnet_conf_parse(const char *text, size_t len, const char *name,
		       struct virtnet_conf *c, char *err, size_t errlen)
{
	struct virtnet_conf tmp;
	json_error_t jerr;
	json_t *root;
	size_t i;
	int ret;

	if (!name)
		name = "virtnet.conf";
	if (!text)
		len = 0;
	for (i = 0; i < len && text[i] && strchr(" \t\r\n", text[i]); i++)
		;
	if (i == len)
		return conf_err(err, errlen, name,
				"empty file: must hold a JSON object, e.g. {} for all defaults");
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		return conf_err(err, errlen, name,
				"line 1, column 1: starts with a UTF-8 byte order mark; must be plain JSON text without one");

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!root) {
		char msg[sizeof(jerr.text)];

		if (json_error_code(&jerr) == json_error_out_of_memory) {
			conf_err(err, errlen, name, "out of memory");
			return -ENOMEM;
		}
		clean_text(jerr.text, msg, sizeof(msg));
		return conf_err(err, errlen, name, "line %d, column %d: invalid JSON: %s",
				jerr.line, jerr.column, msg);
	}
	if (!json_is_object(root))
		ret = conf_err(err, errlen, name,
			       "the top level must be a JSON object ({\"key\": value, ...}), not %s",
			       type_name(root));
	else
		ret = parse_object(root, &tmp, name, err, errlen);
	json_decref(root);
	if (!ret)
		*c = tmp;
	return ret;
}

int virtnet_conf_load(const char *path, struct virtnet_conf *c,
		      char *err, size_t errlen)
{
	size_t len = 0, size = 4096;
	char *buf = NULL;
	int fd, ret;

	if (!path)
		path = VIRTNET_CONF_DEFAULT_PATH;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			virtnet_conf_defaults(c);
			return 0;
		}
		ret = -errno;
		conf_err(err, errlen, path, "cannot open: %s", strerror(-ret));
		return ret;
	}
	for (;;) {
		ssize_t n;

		if (!buf || len == size) {
			char *nbuf;

			if (buf)
				size *= 2;
			nbuf = realloc(buf, size);
			if (!nbuf) {
				ret = -ENOMEM;
				conf_err(err, errlen, path, "out of memory");
				goto out;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = -errno;
			conf_err(err, errlen, path, "cannot read: %s", strerror(-ret));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > VIRTNET_CONF_MAX_SIZE) {
			ret = -EFBIG;
			conf_err(err, errlen, path, "larger than %d bytes: not a virtnet.conf",
				 VIRTNET_CONF_MAX_SIZE);
			goto out;
		}
	}
	ret = virtnet_conf_parse(buf, len, path, c, err, errlen);
out:
	free(buf);
	close(fd);
	return ret;
}

int virtnet_conf_static_pf_mac(const struct virtnet_conf *c, unsigned int pf,
			       uint8_t mac[VIRTNET_MAC_LEN],
			       char *err, size_t errlen)
{
	char base_s[VIRTNET_MAC_STRLEN], sum_s[VIRTNET_MAC_STRLEN];
	uint8_t sum[VIRTNET_MAC_LEN];
	uint64_t v = 0;
	int i;

	if (!c->has_pf_mac) {
		if (err && errlen)
			snprintf(err, errlen,
				 "pf_mac is not set: the MAC of static PF %u is pf_mac + %u; set pf_mac in virtnet.conf",
				 pf, pf);
		return -EINVAL;
	}
	virtnet_mac_format(c->pf_mac, base_s);
	for (i = 0; i < VIRTNET_MAC_LEN; i++)
		v = v << 8 | c->pf_mac[i];
	v += pf;
	if (v >> 48) {
		virtnet_field_err(err, errlen, "pf_mac", base_s,
				  "pf_mac + %u (static PF %u) is beyond FF:FF:FF:FF:FF:FF",
				  pf, pf);
		return -ERANGE;
	}
	for (i = VIRTNET_MAC_LEN - 1; i >= 0; i--, v >>= 8)
		sum[i] = (uint8_t)v;
	if (!virtnet_mac_is_unicast(sum)) {
		virtnet_field_err(err, errlen, "pf_mac", base_s,
				  "pf_mac + %u (static PF %u) is %s, not a unicast address; pf_mac must leave room for every static PF",
				  pf, pf, virtnet_mac_format(sum, sum_s));
		return -ERANGE;
	}
	memcpy(mac, sum, VIRTNET_MAC_LEN);
	return 0;
}

json_t *virtnet_conf_to_json(const struct virtnet_conf *c)
{
	char mac[VIRTNET_MAC_STRLEN];

	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:o, s:i, s:I, s:i}",
			 "ib_dev_p0", c->ib_dev_p0,
			 "ib_dev_p1", c->ib_dev_p1,
			 "ib_dev_lag", c->ib_dev_lag,
			 "ib_dev_for_static_pf", c->ib_dev_for_static_pf,
			 "is_lag", (int)c->is_lag,
			 "pf_mac", c->has_pf_mac ? json_string(virtnet_mac_format(c->pf_mac, mac))
						 : json_null(),
			 "recovery", (int)c->recovery,
			 "sf_pool_percent", (json_int_t)c->sf_pool_percent,
			 "sf_pool_force_destroy", (int)c->sf_pool_force_destroy);
}
