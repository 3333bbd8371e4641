/* attrs.c - spec tables for the virtnet attributes and a strict parser. */
#include "attrs.h"
#include "virtnet_attrs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <net/if.h>

/* The tables come from uapi/virtnet.yaml (scripts/ynl-gen.py). */
#define S(name, k, l) [VIRTNET_ATTR_##name] = { "VIRTNET_ATTR_" #name, VIRTNET_KIND_##k, l },
static const struct virtnet_attr_spec attr_specs[VIRTNET_ATTR_MAX + 1] = {
	VIRTNET_ATTR_TABLE(S)
};
#undef S

#define S(name, k, l) [VIRTNET_QUEUE_ATTR_##name] = { "VIRTNET_QUEUE_ATTR_" #name, \
						 VIRTNET_KIND_##k, l },
static const struct virtnet_attr_spec queue_attr_specs[VIRTNET_QUEUE_ATTR_MAX + 1] = {
	VIRTNET_QUEUE_ATTR_TABLE(S)
};
#undef S

const struct virtnet_attr_space virtnet_attrs = { attr_specs, VIRTNET_ATTR_MAX };
const struct virtnet_attr_space virtnet_queue_attrs = {
	queue_attr_specs, VIRTNET_QUEUE_ATTR_MAX
};

const char *virtnet_attr_name(const struct virtnet_attr_space *space, int type,
			      char *buf, size_t buflen)
{
	if (type >= 0 && type <= space->maxtype && space->specs[type].name)
		return space->specs[type].name;
	snprintf(buf, buflen, "attribute %d", type);
	return buf;
}

/* NULL if the attribute matches its spec, else what is wrong with it. */
static const char *check_attr(const struct virtnet_attr_spec *spec,
			      const struct nlattr *nla, char *why, size_t whylen)
{
	static const int fixed[] = {
		[VIRTNET_KIND_U8] = 1, [VIRTNET_KIND_U16] = 2,
		[VIRTNET_KIND_U32] = 4, [VIRTNET_KIND_U64] = 8,
		[VIRTNET_KIND_FLAG] = 0,
	};
	int len = nla_len(nla);
	const char *data = nla_data(nla);

	switch (spec->kind) {
	case VIRTNET_KIND_U8:
	case VIRTNET_KIND_U16:
	case VIRTNET_KIND_U32:
	case VIRTNET_KIND_U64:
	case VIRTNET_KIND_FLAG:
		if (len != fixed[spec->kind]) {
			snprintf(why, whylen, "has length %d, expected %d",
				 len, fixed[spec->kind]);
			return why;
		}
		return NULL;
	case VIRTNET_KIND_BINARY:
		if (len != spec->len) {
			snprintf(why, whylen, "has length %d, expected %u",
				 len, spec->len);
			return why;
		}
		return NULL;
	case VIRTNET_KIND_STRING:
		if (len < 1 || !memchr(data, '\0', len))
			return "is not a NUL-terminated string";
		if (len > spec->len) {
			snprintf(why, whylen, "is %d bytes long, at most %u allowed",
				 len, spec->len);
			return why;
		}
		return NULL;
	case VIRTNET_KIND_NEST:
	case VIRTNET_KIND_NONE:
		return NULL;
	}
	return "has an unknown kind";
}

int virtnet_attrs_parse(const struct virtnet_attr_space *space,
			struct nlattr **tb, const struct nlattr *head, int len,
			char *err, size_t errlen)
{
	const struct nlattr *nla;
	char why[64], name[32];
	int rem;

	memset(tb, 0, sizeof(*tb) * (space->maxtype + 1));
	nla_for_each_attr(nla, (struct nlattr *)head, len, rem) {
		int type = nla_type(nla);
		const struct virtnet_attr_spec *spec;
		const char *bad;

		if (type > space->maxtype)
			continue;
		spec = &space->specs[type];
		if (spec->kind == VIRTNET_KIND_NONE)
			continue;
		if (tb[type]) {
			snprintf(err, errlen, "malformed message from the kernel: %s appears twice",
				 spec->name);
			return -EBADMSG;
		}
		bad = check_attr(spec, nla, why, sizeof(why));
		if (bad) {
			snprintf(err, errlen, "malformed message from the kernel: %s %s",
				 virtnet_attr_name(space, type, name, sizeof(name)), bad);
			return -EBADMSG;
		}
		tb[type] = (struct nlattr *)nla;
	}
	if (rem > 0) {
		snprintf(err, errlen, "malformed message from the kernel: %d trailing bytes after the attributes",
			 rem);
		return -EBADMSG;
	}
	return 0;
}

int virtnet_attrs_parse_nested(const struct virtnet_attr_space *space,
			       struct nlattr **tb, const struct nlattr *nest,
			       char *err, size_t errlen)
{
	return virtnet_attrs_parse(space, tb, nla_data(nest), nla_len(nest),
				   err, errlen);
}
