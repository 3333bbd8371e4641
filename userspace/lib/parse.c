/* parse.c - strict number parsing with error text naming the field. */
#include "parse.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int virtnet_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	const char *digits = s;
	unsigned long long v;
	char *end;
	int base = 10;

	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = s + 2;
		base = 16;
	}
	/* strtoull() would accept white space, a sign and an empty "0x". */
	if (!(base == 16 ? isxdigit((unsigned char)*digits)
			 : isdigit((unsigned char)*digits)))
		return -EINVAL;

	errno = 0;
	v = strtoull(digits, &end, base);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int virtnet_field_err(char *err, size_t errlen, const char *field,
		      const char *value, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || !errlen)
		return -EINVAL;
	n = snprintf(err, errlen, "invalid %s '%s': ", field, value ? value : "");
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static bool rule_ok(const struct virtnet_num_rule *rule, uint64_t v)
{
	if (v < rule->min || v > rule->max)
		return false;
	if ((rule->flags & VIRTNET_NUM_ODD) && !(v & 1))
		return false;
	if ((rule->flags & VIRTNET_NUM_EVEN) && (v & 1))
		return false;
	if ((rule->flags & VIRTNET_NUM_POW2) && (v & (v - 1)))
		return false;
	return true;
}

const char *virtnet_rule_text(const struct virtnet_num_rule *rule, char *buf,
			      size_t len)
{
	const char *at = rule->allowed ? strstr(rule->allowed, VIRTNET_RULE_RANGE) : NULL;

	if (!rule->allowed)
		snprintf(buf, len, "must be between %" PRIu64 " and %" PRIu64,
			 rule->min, rule->max);
	else if (!at)
		snprintf(buf, len, "%s", rule->allowed);
	else
		snprintf(buf, len, "%.*sbetween %" PRIu64 " and %" PRIu64 "%s",
			 (int)(at - rule->allowed), rule->allowed, rule->min, rule->max,
			 at + strlen(VIRTNET_RULE_RANGE));
	return buf;
}

/* "invalid FIELD 'VALUE': [prefix]<allowed>" */
static void rule_err(const struct virtnet_num_rule *rule, const char *field,
		     const char *value, const char *prefix, char *err, size_t errlen)
{
	char text[512];

	virtnet_field_err(err, errlen, field, value, "%s%s", prefix,
			  virtnet_rule_text(rule, text, sizeof(text)));
}

int virtnet_num_check(const struct virtnet_num_rule *rule, const char *field,
		      uint64_t v, char *err, size_t errlen)
{
	char value[24];

	if (rule_ok(rule, v))
		return 0;
	snprintf(value, sizeof(value), "%" PRIu64, v);
	rule_err(rule, field, value, "", err, errlen);
	return -ERANGE;
}

int virtnet_num_parse(const struct virtnet_num_rule *rule, const char *field,
		      const char *s, uint64_t *out, char *err, size_t errlen)
{
	uint64_t v;
	int ret = virtnet_parse_u64(s, 0, UINT64_MAX, &v);

	if (ret == -EINVAL) {
		rule_err(rule, field, s, "not a number; ", err, errlen);
		return ret;
	}
	if (ret || !rule_ok(rule, v)) {
		rule_err(rule, field, s, "", err, errlen);
		return -ERANGE;
	}
	*out = v;
	return 0;
}
