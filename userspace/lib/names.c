/*
 * names.c - names of virtio-net feature bits, virtio status bits, rx modes,
 * function types and modes. Feature names drop the VIRTIO_NET_F_ /
 * VIRTIO_F_ / VIRTIO_RING_F_ prefix: VIRTIO_NET_F_CSUM is "CSUM", bit 32
 * "VERSION_1".
 */
#include "names.h"

#include <linux/virtnet.h>

#include <errno.h>
#include <stdio.h>
#include <strings.h>

#include "util.h"

static const struct virtnet_bitname feature_names[] = {
	{ 0, "CSUM" },
	{ 1, "GUEST_CSUM" },
	{ 2, "CTRL_GUEST_OFFLOADS" },
	{ 3, "MTU" },
	{ 5, "MAC" },
	{ 6, "GSO" },
	{ 7, "GUEST_TSO4" },
	{ 8, "GUEST_TSO6" },
	{ 9, "GUEST_ECN" },
	{ 10, "GUEST_UFO" },
	{ 11, "HOST_TSO4" },
	{ 12, "HOST_TSO6" },
	{ 13, "HOST_ECN" },
	{ 14, "HOST_UFO" },
	{ 15, "MRG_RXBUF" },
	{ 16, "STATUS" },
	{ 17, "CTRL_VQ" },
	{ 18, "CTRL_RX" },
	{ 19, "CTRL_VLAN" },
	{ 20, "CTRL_RX_EXTRA" },
	{ 21, "GUEST_ANNOUNCE" },
	{ 22, "MQ" },
	{ 23, "CTRL_MAC_ADDR" },
	{ 24, "NOTIFY_ON_EMPTY" },
	{ 27, "ANY_LAYOUT" },
	{ 28, "INDIRECT_DESC" },
	{ 29, "EVENT_IDX" },
	{ 32, "VERSION_1" },
	{ 33, "ACCESS_PLATFORM" },
	{ 34, "RING_PACKED" },
	{ 35, "IN_ORDER" },
	{ 36, "ORDER_PLATFORM" },
	{ 37, "SR_IOV" },
	{ 38, "NOTIFICATION_DATA" },
	{ 40, "RING_RESET" },
	{ 52, "VQ_NOTF_COAL" },
	{ 53, "NOTF_COAL" },
	{ 54, "GUEST_USO4" },
	{ 55, "GUEST_USO6" },
	{ 56, "HOST_USO" },
	{ 57, "HASH_REPORT" },
	{ 59, "GUEST_HDRLEN" },
	{ 60, "RSS" },
	{ 61, "RSC_EXT" },
	{ 62, "STANDBY" },
	{ 63, "SPEED_DUPLEX" },
};

static const struct virtnet_bitname status_names[] = {
	{ 0, "ACKNOWLEDGE" },
	{ 1, "DRIVER" },
	{ 2, "DRIVER_OK" },
	{ 3, "FEATURES_OK" },
	{ 6, "NEEDS_RESET" },
	{ 7, "FAILED" },
};

static const struct virtnet_bitname rx_mode_names[] = {
	{ 0, "promisc" },	/* VIRTNET_RX_MODE_PROMISC */
	{ 1, "allmulti" },	/* VIRTNET_RX_MODE_ALLMULTI */
};

const struct virtnet_bitnames virtnet_feature_names = {
	feature_names, ARRAY_SIZE(feature_names), "BIT_%u"
};
const struct virtnet_bitnames virtnet_status_names = {
	status_names, ARRAY_SIZE(status_names), "BIT_%u"
};
const struct virtnet_bitnames virtnet_rx_mode_names = {
	rx_mode_names, ARRAY_SIZE(rx_mode_names), "mode_%u"
};

const char *virtnet_bitname(const struct virtnet_bitnames *t, unsigned int bit)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->names[i].bit == bit)
			return t->names[i].name;
	return NULL;
}

int virtnet_bit_lookup(const struct virtnet_bitnames *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (!strcasecmp(t->names[i].name, name))
			return (int)t->names[i].bit;
	return -ENOENT;
}

int virtnet_bits_foreach(const struct virtnet_bitnames *t, uint64_t bits,
			 int (*fn)(const char *name, void *arg), void *arg)
{
	for (unsigned int bit = 0; bit < 64; bit++) {
		const char *name;
		char buf[32];
		int ret;

		if (!(bits & (UINT64_C(1) << bit)))
			continue;
		name = virtnet_bitname(t, bit);
		if (!name) {
			snprintf(buf, sizeof(buf), t->unknown_fmt, bit);
			name = buf;
		}
		ret = fn(name, arg);
		if (ret)
			return ret;
	}
	return 0;
}

const char *virtnet_feature_name(unsigned int bit)
{
	return virtnet_bitname(&virtnet_feature_names, bit);
}

const char *virtnet_queue_type_name(unsigned int index, unsigned int num_queues)
{
	if (index >= num_queues)
		return "unknown";
	if (index == num_queues - 1)
		return "ctrl";
	return index % 2 ? "tx" : "rx";
}

const char *virtnet_dev_type_name(unsigned int type)
{
	switch (type) {
	case VIRTNET_DEV_TYPE_STATIC_PF:
		return "static PF";
	case VIRTNET_DEV_TYPE_HOTPLUG_PF:
		return "hotplug PF";
	case VIRTNET_DEV_TYPE_VF:
		return "VF";
	}
	return "unknown";
}

const char *virtnet_dev_mode_name(unsigned int mode)
{
	switch (mode) {
	case VIRTNET_DEV_MODE_VIRTIO:
		return "virtio";
	case VIRTNET_DEV_MODE_VDPA:
		return "vdpa";
	}
	return "unknown";
}
