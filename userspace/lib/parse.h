/* parse.h - strict number parsing with error text naming the field. */
#ifndef VIRTNET_PARSE_H
#define VIRTNET_PARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse an unsigned number: decimal, or hex with a 0x/0X prefix. The whole
 * string must be the number: no sign, no white space, no trailing text.
 * Returns 0, -EINVAL (not a number) or -ERANGE (outside min..max or does
 * not fit in 64 bits).
 */
int virtnet_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/*
 * Write "invalid FIELD 'VALUE': <reason>" into err (always NUL-terminated,
 * truncated if needed). Returns -EINVAL so callers can `return` it.
 */
int virtnet_field_err(char *err, size_t errlen, const char *field,
		      const char *value, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* What a numeric field accepts. */
enum {
	VIRTNET_NUM_ODD		= 1 << 0,
	VIRTNET_NUM_POW2	= 1 << 1,
	VIRTNET_NUM_EVEN	= 1 << 2,
};

struct virtnet_num_rule {
	uint64_t min, max;
	unsigned int flags;	/* VIRTNET_NUM_* */
	/*
	 * "must be ...", where VIRTNET_RULE_RANGE stands for "between MIN and
	 * MAX" (so the limits come from min and max, never written twice);
	 * NULL: "must be between MIN and MAX".
	 */
	const char *allowed;
};

/* In a rule's text: "between MIN and MAX" of that rule. */
#define VIRTNET_RULE_RANGE	"%R"

/* The rule's text with its range filled in, into buf; returns buf. */
const char *virtnet_rule_text(const struct virtnet_num_rule *rule, char *buf,
			      size_t len);

/*
 * Check a value against a rule. On failure write "invalid FIELD 'VALUE':
 * <allowed>" (VALUE is the decimal value) and return -ERANGE.
 */
int virtnet_num_check(const struct virtnet_num_rule *rule, const char *field,
		      uint64_t v, char *err, size_t errlen);

/*
 * Parse s and check it against the rule: "invalid --mtu '9999': must be
 * between 68 and 9216", "invalid --mtu 'abc': not a number; must be ...".
 * Returns 0, -EINVAL or -ERANGE.
 */
int virtnet_num_parse(const struct virtnet_num_rule *rule, const char *field,
		      const char *s, uint64_t *out, char *err, size_t errlen);

#endif /* VIRTNET_PARSE_H */
