/*
 * jsonfield.h - strict reading of JSON fields, shared by virtnet.conf and
 * the recovery records: each getter takes a value that is present, refuses
 * a wrong JSON type, a number its rule does not allow or a name not in its
 * list, and says so in the library's form "invalid KEY 'VALUE': <what is
 * allowed>" (lib/parse.h), VALUE shown by virtnet_jf_show. They return 0
 * or -EINVAL.
 */
#ifndef VIRTNET_JSONFIELD_H
#define VIRTNET_JSONFIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "parse.h"

/* Longest value shown in a message, before "..." (and the buffer for it). */
#define VIRTNET_JF_SHOW_MAX	100
#define VIRTNET_JF_SHOW_LEN	(VIRTNET_JF_SHOW_MAX + 4)

/* Is v a string of at most VIRTNET_JF_SHOW_MAX printable ASCII characters? */
bool virtnet_jf_is_plain(const json_t *v);

/*
 * A value for a message: a short printable string as itself when raw,
 * anything else as compact, ASCII-only JSON; cut at VIRTNET_JF_SHOW_MAX
 * characters.
 */
const char *virtnet_jf_show(const json_t *v, bool raw, char buf[VIRTNET_JF_SHOW_LEN]);

/* "invalid KEY 'VALUE': <fmt>" with v shown as above. Returns -EINVAL. */
int virtnet_jf_err(char *err, size_t errlen, const char *key, const json_t *v,
		   bool raw, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* "missing field 'KEY'". Returns -EINVAL. */
int virtnet_jf_missing(const char *key, char *err, size_t errlen);

/*
 * A non-negative JSON integer the rule allows. Another JSON type is
 * refused with type_msg, or "must be a JSON integer" when it is NULL
 * (type_msg is plain text: no VIRTNET_RULE_RANGE).
 */
int virtnet_jf_uint(const json_t *v, const char *key,
		    const struct virtnet_num_rule *rule, const char *type_msg,
		    uint64_t *out, char *err, size_t errlen);

/* A JSON string; *out points into v. */
int virtnet_jf_str(const json_t *v, const char *key, const char **out,
		   char *err, size_t errlen);

/* true or false; with zero_one also the integers 0 and 1. */
int virtnet_jf_bool(const json_t *v, const char *key, bool zero_one, bool *out,
		    char *err, size_t errlen);

/* A string among names[0..n-1] (n >= 2); its index in *out. */
int virtnet_jf_enum(const json_t *v, const char *key, const char *const *names,
		    size_t n, uint8_t *out, char *err, size_t errlen);

#endif /* VIRTNET_JSONFIELD_H */
