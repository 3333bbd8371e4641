// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: naming and topology rules (topology.c) as the kernel builds them.
 */
#include <kunit/test.h>

#include "../topology.c"

static void topology_names(struct kunit *test)
{
	char buf[VNET_NAME_MAX];

	KUNIT_EXPECT_EQ(test, vnet_hotplug_bdf(0), 0x8500);
	KUNIT_EXPECT_EQ(test, vnet_hotplug_bdf(15), 0x9400);
	KUNIT_EXPECT_EQ(test, vnet_hotplug_sf_num(0), 2000u);
	KUNIT_EXPECT_EQ(test, vnet_hotplug_vuid(0, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "VNETS1D0F0");
	KUNIT_EXPECT_EQ(test, vnet_bus_name(0x8500, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0000:85:00.0");
	KUNIT_EXPECT_EQ(test, vnet_rep_name(0, 2000, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "en3f0pf0sf2000");
	KUNIT_EXPECT_EQ(test, vnet_rep_name(0, 2000, buf, 8), -ENAMETOOLONG);
}

static void topology_unique(struct kunit *test)
{
	u32 i, j;

	for (i = 0; i < VIRTNET_MAX_HOTPLUG; i++)
		for (j = i + 1; j < VIRTNET_MAX_HOTPLUG; j++)
			KUNIT_EXPECT_NE(test, vnet_hotplug_bdf(i),
					vnet_hotplug_bdf(j));
}

static void topology_features(struct kunit *test)
{
	const char *why = NULL;
	u64 f = 0;

	KUNIT_EXPECT_EQ(test, vnet_features_resolve(0, 3, false, &f, &why), 0);
	KUNIT_EXPECT_EQ(test, f, vnet_supported_features());
	KUNIT_EXPECT_EQ(test, vnet_features_resolve(BIT_ULL(62), 3, false, &f, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			vnet_features_resolve(BIT_ULL(VIRTIO_NET_F_HOST_TSO4),
					      3, false, &f, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why, "HOST_TSO4 requires CSUM");
	KUNIT_EXPECT_EQ(test,
			vnet_features_resolve(BIT_ULL(VIRTIO_NET_F_CTRL_VQ),
					      5, false, &f, &why), -EINVAL);
}

static void topology_limits(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 1, 0, 0x5e, 0, 0, 1 };
	static const u8 good[ETH_ALEN] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };
	static const u8 zero[ETH_ALEN];

	KUNIT_EXPECT_TRUE(test, vnet_mac_is_valid_unicast(good));
	KUNIT_EXPECT_FALSE(test, vnet_mac_is_valid_unicast(mcast));
	KUNIT_EXPECT_FALSE(test, vnet_mac_is_valid_unicast(zero));
	KUNIT_EXPECT_TRUE(test, vnet_queue_size_is_valid(1024));
	KUNIT_EXPECT_FALSE(test, vnet_queue_size_is_valid(1000));
	KUNIT_EXPECT_FALSE(test, vnet_queue_size_is_valid(65536));
	KUNIT_EXPECT_TRUE(test, vnet_num_queues_is_valid(3, 31));
	KUNIT_EXPECT_FALSE(test, vnet_num_queues_is_valid(4, 31));
	KUNIT_EXPECT_FALSE(test, vnet_num_queues_is_valid(33, 31));
}

static struct kunit_case topology_cases[] = {
	KUNIT_CASE(topology_names),
	KUNIT_CASE(topology_unique),
	KUNIT_CASE(topology_features),
	KUNIT_CASE(topology_limits),
	{}
};

static struct kunit_suite topology_suite = {
	.name = "virtnet_topology",
	.test_cases = topology_cases,
};

kunit_test_suites(&topology_suite);
