/* device.c - fill struct virtnet_dev / virtnet_info from netlink attributes. */
#include "device.h"
#include "attrs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

_Static_assert(VIRTNET_ATTR_MAX < 64, "present bit mask holds every attribute");

/* Copy an attribute already checked by virtnet_attrs_parse() into a field. */
static void get_attr(enum virtnet_attr_kind kind, const struct nlattr *nla,
		     void *field, size_t size)
{
	struct nlattr *a = (struct nlattr *)nla;

	switch (kind) {
	case VIRTNET_KIND_U8:
		*(uint8_t *)field = nla_get_u8(a);
		break;
	case VIRTNET_KIND_U16:
		*(uint16_t *)field = nla_get_u16(a);
		break;
	case VIRTNET_KIND_U32:
		*(uint32_t *)field = nla_get_u32(a);
		break;
	case VIRTNET_KIND_U64:
		*(uint64_t *)field = nla_get_u64(a);
		break;
	case VIRTNET_KIND_STRING:
		snprintf(field, size, "%s", (const char *)nla_data(a));
		break;
	case VIRTNET_KIND_BINARY:
		memcpy(field, nla_data(a), size);
		break;
	case VIRTNET_KIND_FLAG:
		*(bool *)field = true;
		break;
	default:
		break;
	}
}

/* Which attribute goes into which member of a struct. */
struct field_map {
	int attr;
	size_t off, size;
};

#define F(type, attr, member) { attr, offsetof(type, member), \
				sizeof(((type *)0)->member) }
#define D(attr, member) F(struct virtnet_dev, VIRTNET_ATTR_##attr, member)
static const struct field_map dev_fields[] = {
	D(DEV_ID, id), D(DEV_VUID, vuid), D(DEV_BDF, bdf), D(DEV_TYPE, type), D(PF_INDEX, pf_index),
	D(VF_ID, vf_id), D(PARENT_ID, parent_id), D(MAX_VF, max_vf), D(NUM_VF, num_vf),
	D(PORT_IBDEV, ibdev), D(PORT_INDEX, port_index), D(MAC, mac),
	D(MTU, mtu), D(NUM_QUEUES, num_queues), D(QUEUE_SIZE, queue_size),
	D(NUM_MSIX, num_msix), D(LEGACY, legacy), D(SF_NUM, sf_num),
	D(SF_REP_IFNAME, sf_rep_ifname), D(SF_REP_IFINDEX, sf_rep_ifindex),
	D(DEVICE_FEATURES, device_features),
	D(DRIVER_FEATURES, driver_features), D(STATUS, status),
	D(LINK_UP, link_up), D(SPEED, speed),
	D(RX_COAL_USECS, rx_coal_usecs), D(RX_COAL_MAX_PACKETS, rx_coal_max_packets),
	D(TX_COAL_USECS, tx_coal_usecs), D(TX_COAL_MAX_PACKETS, tx_coal_max_packets),
	D(DRIVER_NAME, driver_name), D(DEV_MODE, mode), D(VDPA_NAME, vdpa_name),
	D(HOST_IFNAME, host_ifname),
	D(QUEUE_PAIRS_ACTIVE, queue_pairs_active), D(RX_MODE, rx_mode),
	D(GENERATION, generation),
};
#undef D

#define I(attr, member) F(struct virtnet_info, VIRTNET_ATTR_##attr, member)
static const struct field_map info_fields[] = {
	I(MAX_HOTPLUG, max_hotplug), I(NUM_HOTPLUG, num_hotplug),
	I(MAX_STATIC_PF, max_static_pf), I(PF_TOTAL_SF, pf_total_sf),
	I(SF_POOL_SIZE, sf_pool_size), I(MAX_VF, max_vf), I(MAX_MSIX, max_msix),
	I(MAX_VIRTQ, max_virtq), I(MAX_QUEUE_SIZE, max_queue_size),
	I(SUPPORTED_FEATURES, supported_features), I(GENERATION, generation),
	I(PORT_LAG, lag), I(INSTANCE_ID, instance_id),
};
#undef I

#define P(attr, member) F(struct virtnet_port, VIRTNET_ATTR_##attr, member)
static const struct field_map port_fields[] = {
	P(PORT_INDEX, index), P(PORT_IBDEV, ibdev), P(PORT_NETDEV, netdev),
	P(SF_POOL_IDLE, sf_pool_idle),
};
#undef P

#define Q(attr, member) F(struct virtnet_queue, VIRTNET_QUEUE_ATTR_##attr, member)
static const struct field_map queue_fields[] = {
	Q(INDEX, index), Q(SIZE, size), Q(ENABLED, enabled),
	Q(BROKEN, broken), Q(AVAIL_IDX, avail_idx), Q(USED_IDX, used_idx),
	Q(PACKETS, packets), Q(BYTES, bytes), Q(DROPS, drops),
	Q(ERRORS, errors), Q(KICKS, kicks), Q(INTERRUPTS, interrupts),
};
#undef Q
#undef F

#include "util.h"

/* Copy every present attribute of map; returns the present bit mask. */
static uint64_t get_fields(const struct virtnet_attr_space *space,
			   struct nlattr *const *tb, void *obj,
			   const struct field_map *map, size_t n)
{
	uint64_t present = 0;

	for (size_t i = 0; i < n; i++) {
		int attr = map[i].attr;

		if (!tb[attr])
			continue;
		get_attr(space->specs[attr].kind, tb[attr],
			 (char *)obj + map[i].off, map[i].size);
		present |= UINT64_C(1) << attr;
	}
	return present;
}

static int bad(char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "malformed message from the kernel: %s", what);
	return -EBADMSG;
}

static int get_queue(const struct nlattr *nest, struct virtnet_queue *q,
		     char *err, size_t errlen)
{
	struct nlattr *qt[VIRTNET_QUEUE_ATTR_MAX + 1];
	int ret;

	ret = virtnet_attrs_parse_nested(&virtnet_queue_attrs, qt, nest, err, errlen);
	if (ret)
		return ret;
	if (!qt[VIRTNET_QUEUE_ATTR_INDEX])
		return bad(err, errlen, "a queue without VIRTNET_QUEUE_ATTR_INDEX");
	memset(q, 0, sizeof(*q));
	get_fields(&virtnet_queue_attrs, qt, q, queue_fields, ARRAY_SIZE(queue_fields));
	return 0;
}

static int get_queues(const struct nlattr *nest, struct virtnet_dev *dev,
		      char *err, size_t errlen)
{
	const struct nlattr *pos;
	int rem, ret;

	dev->nqueues = 0;
	nla_for_each_nested(pos, (struct nlattr *)nest, rem) {
		if (nla_type(pos) != VIRTNET_ATTR_QUEUE)
			continue;
		if (dev->nqueues == VIRTNET_MAX_VIRTQ)
			return bad(err, errlen, "more queues than VIRTNET_MAX_VIRTQ");
		ret = get_queue(pos, &dev->queues[dev->nqueues], err, errlen);
		if (ret)
			return ret;
		dev->nqueues++;
	}
	return 0;
}

int virtnet_dev_from_attrs(struct nlattr *const *tb, struct virtnet_dev *dev,
			   char *err, size_t errlen)
{
	memset(dev, 0, sizeof(*dev));
	if (!tb[VIRTNET_ATTR_DEV_ID] || !tb[VIRTNET_ATTR_DEV_VUID])
		return bad(err, errlen, "a device without VIRTNET_ATTR_DEV_ID or VIRTNET_ATTR_DEV_VUID");
	dev->present = get_fields(&virtnet_attrs, tb, dev, dev_fields, ARRAY_SIZE(dev_fields));
	if (tb[VIRTNET_ATTR_QUEUES]) {
		dev->present |= UINT64_C(1) << VIRTNET_ATTR_QUEUES;
		return get_queues(tb[VIRTNET_ATTR_QUEUES], dev, err, errlen);
	}
	return 0;
}

static int get_ports(const struct nlattr *nest, struct virtnet_info *info,
		     char *err, size_t errlen)
{
	struct nlattr *pt[VIRTNET_ATTR_MAX + 1];
	const struct nlattr *pos;
	int rem, ret;

	info->nports = 0;
	nla_for_each_nested(pos, (struct nlattr *)nest, rem) {
		struct virtnet_port *port = &info->ports[info->nports];

		if (nla_type(pos) != VIRTNET_ATTR_PORT)
			continue;
		if (info->nports == VIRTNET_MAX_PORTS)
			return bad(err, errlen, "more ports than VIRTNET_MAX_PORTS");
		ret = virtnet_attrs_parse_nested(&virtnet_attrs, pt, pos, err, errlen);
		if (ret)
			return ret;
		if (!pt[VIRTNET_ATTR_PORT_INDEX] || !pt[VIRTNET_ATTR_PORT_IBDEV])
			return bad(err, errlen, "a port without VIRTNET_ATTR_PORT_INDEX or VIRTNET_ATTR_PORT_IBDEV");
		get_fields(&virtnet_attrs, pt, port, port_fields, ARRAY_SIZE(port_fields));
		info->nports++;
	}
	return 0;
}

int virtnet_info_from_attrs(struct nlattr *const *tb, struct virtnet_info *info,
			    char *err, size_t errlen)
{
	memset(info, 0, sizeof(*info));
	info->present = get_fields(&virtnet_attrs, tb, info, info_fields, ARRAY_SIZE(info_fields));
	if (tb[VIRTNET_ATTR_PORTS]) {
		info->present |= UINT64_C(1) << VIRTNET_ATTR_PORTS;
		return get_ports(tb[VIRTNET_ATTR_PORTS], info, err, errlen);
	}
	return 0;
}

const char *virtnet_info_port_ibdev(const struct virtnet_info *info,
				    uint32_t index)
{
	for (unsigned int i = 0; i < info->nports; i++)
		if (info->ports[i].index == index)
			return info->ports[i].ibdev;
	return NULL;
}
