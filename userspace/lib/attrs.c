/* attrs.c - spec tables for the virtnet attributes and a strict parser. */
#include "attrs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <net/if.h>

#define S(attr, k, l) [attr] = { #attr, VIRTNET_KIND_##k, l }

static const struct virtnet_attr_spec attr_specs[VIRTNET_ATTR_MAX + 1] = {
	S(VIRTNET_ATTR_DEV_ID, U32, 0),
	S(VIRTNET_ATTR_DEV_VUID, STRING, VIRTNET_VUID_MAX),
	S(VIRTNET_ATTR_DEV_BDF, U16, 0),
	S(VIRTNET_ATTR_DEV_TYPE, U8, 0),
	S(VIRTNET_ATTR_PORT_IBDEV, STRING, VIRTNET_IBDEV_MAX),
	S(VIRTNET_ATTR_PORT_INDEX, U32, 0),
	S(VIRTNET_ATTR_MAC, BINARY, 6),
	S(VIRTNET_ATTR_MTU, U16, 0),
	S(VIRTNET_ATTR_NUM_QUEUES, U16, 0),
	S(VIRTNET_ATTR_QUEUE_SIZE, U16, 0),
	S(VIRTNET_ATTR_FEATURES, U64, 0),
	S(VIRTNET_ATTR_LEGACY, FLAG, 0),
	S(VIRTNET_ATTR_NUM_MSIX, U16, 0),
	S(VIRTNET_ATTR_SF_NUM, U32, 0),
	S(VIRTNET_ATTR_SF_REP_IFNAME, STRING, IFNAMSIZ),
	S(VIRTNET_ATTR_SF_REP_IFINDEX, U32, 0),
	S(VIRTNET_ATTR_DEVICE_FEATURES, U64, 0),
	S(VIRTNET_ATTR_DRIVER_FEATURES, U64, 0),
	S(VIRTNET_ATTR_STATUS, U8, 0),
	S(VIRTNET_ATTR_LINK_UP, U8, 0),
	S(VIRTNET_ATTR_DRIVER_NAME, STRING, 64),
	S(VIRTNET_ATTR_HOST_IFNAME, STRING, IFNAMSIZ),
	S(VIRTNET_ATTR_QUEUE_PAIRS_ACTIVE, U16, 0),
	S(VIRTNET_ATTR_RX_MODE, U32, 0),
	S(VIRTNET_ATTR_QUEUES, NEST, 0),
	S(VIRTNET_ATTR_QUEUE, NEST, 0),
	S(VIRTNET_ATTR_GENERATION, U32, 0),
	S(VIRTNET_ATTR_MAX_HOTPLUG, U32, 0),
	S(VIRTNET_ATTR_NUM_HOTPLUG, U32, 0),
	S(VIRTNET_ATTR_MAX_VIRTQ, U16, 0),
	S(VIRTNET_ATTR_MAX_QUEUE_SIZE, U16, 0),
	S(VIRTNET_ATTR_SUPPORTED_FEATURES, U64, 0),
	S(VIRTNET_ATTR_PORTS, NEST, 0),
	S(VIRTNET_ATTR_PORT, NEST, 0),
	S(VIRTNET_ATTR_PORT_NETDEV, STRING, IFNAMSIZ),
	S(VIRTNET_ATTR_PORT_LAG, FLAG, 0),
	S(VIRTNET_ATTR_INSTANCE_ID, U64, 0),
	S(VIRTNET_ATTR_CTRL_STATE, U8, 0),
	S(VIRTNET_ATTR_CTRL_PID, U32, 0),
	S(VIRTNET_ATTR_CTRL_VERSION, STRING, VIRTNET_CTRL_VERSION_MAX),
	S(VIRTNET_ATTR_CTRL_PREV_VERSION, STRING, VIRTNET_CTRL_VERSION_MAX),
	S(VIRTNET_ATTR_CTRL_UPDATE_STATUS, U8, 0),
	S(VIRTNET_ATTR_CTRL_LOG_LEVEL, U8, 0),
	S(VIRTNET_ATTR_PF_INDEX, U32, 0),
	S(VIRTNET_ATTR_MAX_STATIC_PF, U32, 0),
	S(VIRTNET_ATTR_PF_TOTAL_SF, U32, 0),
	S(VIRTNET_ATTR_SF_POOL_SIZE, U32, 0),
	S(VIRTNET_ATTR_SF_POOL_IDLE, U32, 0),
	S(VIRTNET_ATTR_VF_ID, U32, 0),
	S(VIRTNET_ATTR_PARENT_ID, U32, 0),
	S(VIRTNET_ATTR_MAX_VF, U32, 0),
	S(VIRTNET_ATTR_NUM_VF, U32, 0),
	S(VIRTNET_ATTR_MAX_MSIX, U16, 0),
	S(VIRTNET_ATTR_SPEED, U32, 0),
	S(VIRTNET_ATTR_RX_COAL_USECS, U32, 0),
	S(VIRTNET_ATTR_RX_COAL_MAX_PACKETS, U32, 0),
	S(VIRTNET_ATTR_TX_COAL_USECS, U32, 0),
	S(VIRTNET_ATTR_TX_COAL_MAX_PACKETS, U32, 0),
	S(VIRTNET_ATTR_VDPA_NAME, STRING, VIRTNET_VDPA_NAME_MAX),
	S(VIRTNET_ATTR_DEV_MODE, U8, 0),
	S(VIRTNET_ATTR_SF_FROM, U32, 0),
};

static const struct virtnet_attr_spec queue_attr_specs[VIRTNET_QUEUE_ATTR_MAX + 1] = {
	S(VIRTNET_QUEUE_ATTR_INDEX, U16, 0),
	S(VIRTNET_QUEUE_ATTR_SIZE, U16, 0),
	S(VIRTNET_QUEUE_ATTR_ENABLED, U8, 0),
	S(VIRTNET_QUEUE_ATTR_BROKEN, U8, 0),
	S(VIRTNET_QUEUE_ATTR_AVAIL_IDX, U16, 0),
	S(VIRTNET_QUEUE_ATTR_USED_IDX, U16, 0),
	S(VIRTNET_QUEUE_ATTR_PACKETS, U64, 0),
	S(VIRTNET_QUEUE_ATTR_BYTES, U64, 0),
	S(VIRTNET_QUEUE_ATTR_DROPS, U64, 0),
	S(VIRTNET_QUEUE_ATTR_ERRORS, U64, 0),
	S(VIRTNET_QUEUE_ATTR_KICKS, U64, 0),
	S(VIRTNET_QUEUE_ATTR_INTERRUPTS, U64, 0),
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
