/* jsonfield.c - strict reading of JSON fields (virtnet.conf, recovery records). */
#include "jsonfield.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool printable(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

static const char *cut(const char *s, char buf[VIRTNET_JF_SHOW_LEN])
{
	if (strlen(s) > VIRTNET_JF_SHOW_MAX)
		snprintf(buf, VIRTNET_JF_SHOW_LEN, "%.*s...", VIRTNET_JF_SHOW_MAX, s);
	else
		snprintf(buf, VIRTNET_JF_SHOW_LEN, "%s", s);
	return buf;
}

bool virtnet_jf_is_plain(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) <= VIRTNET_JF_SHOW_MAX &&
	       printable(json_string_value(v), json_string_length(v));
}

const char *virtnet_jf_show(const json_t *v, bool raw, char buf[VIRTNET_JF_SHOW_LEN])
{
	char *s;

	if (raw && virtnet_jf_is_plain(v))
		return cut(json_string_value(v), buf);
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII);
	if (!s)
		return "?";
	cut(s, buf);
	free(s);
	return buf;
}

int virtnet_jf_err(char *err, size_t errlen, const char *key, const json_t *v,
		   bool raw, const char *fmt, ...)
{
	char shown[VIRTNET_JF_SHOW_LEN], why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return virtnet_field_err(err, errlen, key, virtnet_jf_show(v, raw, shown),
				 "%s", why);
}

int virtnet_jf_missing(const char *key, char *err, size_t errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "missing field '%s'", key);
	return -EINVAL;
}

int virtnet_jf_uint(const json_t *v, const char *key,
		    const struct virtnet_num_rule *rule, const char *type_msg,
		    uint64_t *out, char *err, size_t errlen)
{
	char text[512];
	json_int_t n;

	if (!json_is_integer(v))
		return virtnet_jf_err(err, errlen, key, v, false, "%s",
				      type_msg ? type_msg : "must be a JSON integer");
	n = json_integer_value(v);
	if (n < 0)
		return virtnet_jf_err(err, errlen, key, v, false, "%s",
				      virtnet_rule_text(rule, text, sizeof(text)));
	/* virtnet_num_check says -ERANGE; a bad field is -EINVAL here. */
	if (virtnet_num_check(rule, key, (uint64_t)n, err, errlen))
		return -EINVAL;
	*out = (uint64_t)n;
	return 0;
}

int virtnet_jf_str(const json_t *v, const char *key, const char **out,
		   char *err, size_t errlen)
{
	if (!json_is_string(v))
		return virtnet_jf_err(err, errlen, key, v, false, "must be a JSON string");
	*out = json_string_value(v);
	return 0;
}

int virtnet_jf_bool(const json_t *v, const char *key, bool zero_one, bool *out,
		    char *err, size_t errlen)
{
	if (json_is_boolean(v)) {
		*out = json_is_true(v);
		return 0;
	}
	if (!zero_one)
		return virtnet_jf_err(err, errlen, key, v, false,
				      "must be a JSON boolean (true or false)");
	if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
		*out = json_integer_value(v);
		return 0;
	}
	return virtnet_jf_err(err, errlen, key, v, false, "must be 0, 1, true or false");
}

int virtnet_jf_enum(const json_t *v, const char *key, const char *const *names,
		    size_t n, uint8_t *out, char *err, size_t errlen)
{
	char list[256];
	const char *s = NULL;
	size_t len = 0;
	int ret = virtnet_jf_str(v, key, &s, err, errlen);

	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(s, names[i])) {
			*out = (uint8_t)i;
			return 0;
		}
	}
	/* "a or b", "a, b or c" */
	list[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					!i ? "" : i + 1 < n ? ", " : " or ", names[i]);
	return virtnet_jf_err(err, errlen, key, v, true, "must be %s", list);
}
