/*
 * test_topology.c - the module's naming and topology rules
 * (kmod/topology.c): PCI addresses, VUIDs, SF numbers, representor
 * names, feature sets and argument limits.
 */
#include "test.h"

#include <linux/virtio_config.h>
#include <linux/virtio_net.h>
#include <linux/virtnet.h>

#include "topology.h"

TEST(topology_hotplug_names_follow_the_guide)
{
	char buf[VNET_NAME_MAX];

	CHECK_EQ(vnet_hotplug_bdf(0), 0x8500);
	CHECK_EQ(vnet_hotplug_bdf(15), 0x9400);
	CHECK_EQ(vnet_hotplug_sf_num(0), 2000);
	CHECK_EQ(vnet_hotplug_vuid(0, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "VNETS1D0F0");
	CHECK_EQ(vnet_hotplug_vuid(15, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "VNETS1D15F0");
	CHECK_EQ(vnet_bus_name(0x8500, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "0000:85:00.0");
	CHECK_EQ(vnet_bus_name(0x8525, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "0000:85:04.5");
	CHECK_EQ(vnet_rep_name(0, 2000, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "en3f0pf0sf2000");
	CHECK_EQ(vnet_rep_name(1, 3001, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "en3f1pf1sf3001");
}

TEST(topology_names_never_overflow)
{
	char small[8];

	CHECK_EQ(vnet_rep_name(0, 2000, small, sizeof(small)), -ENAMETOOLONG);
	CHECK_EQ(vnet_hotplug_vuid(0, small, 4), -ENAMETOOLONG);
}

TEST(topology_every_slot_has_a_unique_address_and_vuid)
{
	char a[VNET_NAME_MAX], b[VNET_NAME_MAX];
	unsigned int i, j;

	for (i = 0; i < VIRTNET_MAX_HOTPLUG; i++)
		for (j = i + 1; j < VIRTNET_MAX_HOTPLUG; j++) {
			CHECK(vnet_hotplug_bdf(i) != vnet_hotplug_bdf(j));
			vnet_hotplug_vuid(i, a, sizeof(a));
			vnet_hotplug_vuid(j, b, sizeof(b));
			CHECK(strcmp(a, b));
		}
}

#define NF(x) (1ULL << VIRTIO_NET_F_##x)

TEST(topology_features_default_and_mask)
{
	const char *why = NULL;
	uint64_t f;

	CHECK_EQ(vnet_features_resolve(0, 3, false, &f, &why), 0);
	CHECK_EQ(f, vnet_supported_features());
	CHECK(f & (1ULL << VIRTIO_F_VERSION_1));
	CHECK(f & NF(CTRL_VQ));
	CHECK(f & NF(MQ));

	/* A mask gets VERSION_1 and MAC implied. */
	CHECK_EQ(vnet_features_resolve(NF(MTU), 3, false, &f, &why), 0);
	CHECK_EQ(f, NF(MTU) | NF(MAC) | (1ULL << VIRTIO_F_VERSION_1));

	/* A transitional device may leave VERSION_1 out: legacy mode. */
	CHECK_EQ(vnet_features_resolve(NF(MTU), 3, true, &f, &why), 0);
	CHECK_EQ(f, NF(MTU) | NF(MAC));
	CHECK_EQ(vnet_features_resolve(NF(MTU) | (1ULL << VIRTIO_F_VERSION_1), 3, true,
				       &f, &why), 0);
	CHECK_EQ(f, NF(MTU) | NF(MAC) | (1ULL << VIRTIO_F_VERSION_1));
	CHECK_EQ(vnet_features_resolve(0, 3, true, &f, &why), 0);
	CHECK_EQ(f, vnet_supported_features());
}

TEST(topology_vf_addresses)
{
	char buf[VNET_NAME_MAX];

	/* The guide: 85:00.3 with two VFs shows 85:04.5 and 85:04.6. */
	CHECK_EQ(vnet_vf_bdf(0, 0), 0x8525);
	CHECK_EQ(vnet_vf_bdf(0, 1), 0x8526);
	CHECK_EQ(vnet_vf_bdf(0, 125), 0x8525 + 125);
	/* Static PFs 1..3: past the hotplug buses (0x85..0x94), function 1 up. */
	CHECK_EQ(vnet_vf_bdf(1, 0), 0x9501);
	CHECK_EQ(vnet_vf_bdf(3, 125), 0x977e);
	CHECK_EQ(vnet_vf_vuid(0, 0, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "VNETS0D0F2VF1");
	CHECK_EQ(vnet_vf_vuid(3, 125, buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "VNETS0D0F5VF126");
}

/* No two functions of the largest topology share an address. */
TEST(topology_addresses_unique)
{
	static uint8_t seen[65536];
	unsigned int i, v, n = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < VIRTNET_MAX_HOTPLUG; i++)
		seen[vnet_hotplug_bdf(i)]++;
	for (i = 0; i < VIRTNET_MAX_STATIC_PF; i++) {
		seen[vnet_static_bdf(i)]++;
		for (v = 0; v < VIRTNET_MAX_VF; v++)
			seen[vnet_vf_bdf(i, v)]++;
	}
	for (i = 0; i < 65536; i++) {
		CHECK(seen[i] <= 1);
		n += seen[i];
	}
	CHECK_EQ(n, VIRTNET_MAX_HOTPLUG + VIRTNET_MAX_STATIC_PF * (1 + VIRTNET_MAX_VF));
}

TEST(topology_features_refused)
{
	const char *why = NULL;
	uint64_t f = 0;

	CHECK_EQ(vnet_features_resolve(1ULL << 62, 3, false, &f, &why), -EINVAL);
	CHECK_CONTAINS(why, "unsupported");
	CHECK_EQ(vnet_features_resolve(NF(HOST_TSO4), 3, false, &f, &why), -EINVAL);
	CHECK_CONTAINS(why, "HOST_TSO4 requires CSUM");
	CHECK_EQ(vnet_features_resolve(NF(MQ), 3, false, &f, &why), -EINVAL);
	CHECK_CONTAINS(why, "MQ requires CTRL_VQ");
	CHECK_EQ(vnet_features_resolve(NF(CTRL_VQ), 5, false, &f, &why), -EINVAL);
	CHECK_CONTAINS(why, "requires MQ");
	CHECK_EQ(vnet_features_resolve(NF(CTRL_VQ) | NF(MQ), 5, false, &f, &why), 0);
}

TEST(topology_argument_limits)
{
	static const uint8_t ok[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };
	static const uint8_t mcast[6] = { 0x01, 0, 0x5e, 0, 0, 1 };
	static const uint8_t zero[6];

	CHECK(vnet_mac_is_valid_unicast(ok));
	CHECK(!vnet_mac_is_valid_unicast(mcast));
	CHECK(!vnet_mac_is_valid_unicast(zero));

	CHECK(vnet_queue_size_is_valid(64));
	CHECK(vnet_queue_size_is_valid(1024));
	CHECK(vnet_queue_size_is_valid(32768));
	CHECK(!vnet_queue_size_is_valid(32));
	CHECK(!vnet_queue_size_is_valid(1000));
	CHECK(!vnet_queue_size_is_valid(65536));
	CHECK(!vnet_queue_size_is_valid(0));

	CHECK(vnet_num_queues_is_valid(3, 31));
	CHECK(vnet_num_queues_is_valid(31, 31));
	CHECK(!vnet_num_queues_is_valid(0, 31));
	CHECK(!vnet_num_queues_is_valid(1, 31));
	CHECK(!vnet_num_queues_is_valid(4, 31));
	CHECK(!vnet_num_queues_is_valid(33, 31));
	CHECK(!vnet_num_queues_is_valid(9, 7));
}
