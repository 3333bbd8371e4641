/* test_names.c - feature, status and rx mode names. */
#include "test.h"

#include <errno.h>
#include <stdio.h>

#include <linux/virtio_config.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>
#include <linux/virtnet.h>

#include "names.h"

TEST(feature_names_match_kernel_bits)
{
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_CSUM), "CSUM");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_MRG_RXBUF), "MRG_RXBUF");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_CTRL_VQ), "CTRL_VQ");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_MQ), "MQ");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_SPEED_DUPLEX), "SPEED_DUPLEX");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_F_VERSION_1), "VERSION_1");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_F_ACCESS_PLATFORM), "ACCESS_PLATFORM");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_RING_F_INDIRECT_DESC), "INDIRECT_DESC");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_RING_F_EVENT_IDX), "EVENT_IDX");
	CHECK(virtnet_feature_name(4) == NULL);
}

/* The bits the device offers since DEV_SET grew, by their kernel numbers. */
TEST(feature_names_of_newly_offered_bits)
{
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_GUEST_TSO4), "GUEST_TSO4");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_GUEST_TSO6), "GUEST_TSO6");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_CTRL_VLAN), "CTRL_VLAN");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_GUEST_ANNOUNCE), "GUEST_ANNOUNCE");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_NOTF_COAL), "NOTF_COAL");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_NET_F_SPEED_DUPLEX), "SPEED_DUPLEX");
	CHECK_STREQ(virtnet_feature_name(VIRTIO_RING_F_EVENT_IDX), "EVENT_IDX");
	CHECK_EQ(VIRTIO_NET_F_NOTF_COAL, 53);
	CHECK_EQ(virtnet_bit_lookup(&virtnet_feature_names, "notf_coal"), 53);
}

TEST(feature_names_unique)
{
	const struct virtnet_bitnames *t = &virtnet_feature_names;

	for (size_t i = 0; i < t->count; i++)
		for (size_t j = i + 1; j < t->count; j++)
			if (t->names[i].bit == t->names[j].bit ||
			    !strcmp(t->names[i].name, t->names[j].name))
				test_fail(__FILE__, __LINE__, "duplicate %s/%s",
					  t->names[i].name, t->names[j].name);
}

TEST(bit_lookup_by_name)
{
	CHECK_EQ(virtnet_bit_lookup(&virtnet_feature_names, "version_1"), 32);
	CHECK_EQ(virtnet_bit_lookup(&virtnet_feature_names, "CSUM"), 0);
	CHECK_EQ(virtnet_bit_lookup(&virtnet_feature_names, "NOPE"), -ENOENT);
	CHECK_EQ(virtnet_bit_lookup(&virtnet_status_names, "DRIVER_OK"), 2);
}

static int collect(const char *name, void *arg)
{
	char *buf = arg;

	strcat(buf, name);
	strcat(buf, ",");
	return 0;
}

static int stop_at_second(const char *name, void *arg)
{
	(void)name;
	return ++*(int *)arg == 2 ? 42 : 0;
}

TEST(bits_foreach_names_unknown_bits)
{
	char buf[256] = "";
	int n = 0;

	virtnet_bits_foreach(&virtnet_status_names, 0xcf, collect, buf);
	CHECK_STREQ(buf, "ACKNOWLEDGE,DRIVER,DRIVER_OK,FEATURES_OK,NEEDS_RESET,FAILED,");
	buf[0] = '\0';
	virtnet_bits_foreach(&virtnet_feature_names, (1ULL << 4) | (1ULL << 63), collect, buf);
	CHECK_STREQ(buf, "BIT_4,SPEED_DUPLEX,");
	buf[0] = '\0';
	virtnet_bits_foreach(&virtnet_rx_mode_names,
			     VIRTNET_RX_MODE_PROMISC | VIRTNET_RX_MODE_ALLMULTI, collect, buf);
	CHECK_STREQ(buf, "promisc,allmulti,");
	CHECK_EQ(virtnet_bits_foreach(&virtnet_status_names, 0xf, stop_at_second, &n), 42);
	CHECK_EQ(n, 2);
}

TEST(dev_type_names)
{
	CHECK_STREQ(virtnet_dev_type_name(VIRTNET_DEV_TYPE_STATIC_PF), "static PF");
	CHECK_STREQ(virtnet_dev_type_name(VIRTNET_DEV_TYPE_HOTPLUG_PF), "hotplug PF");
	CHECK_STREQ(virtnet_dev_type_name(VIRTNET_DEV_TYPE_VF), "VF");
	CHECK_STREQ(virtnet_dev_type_name(99), "unknown");
}
