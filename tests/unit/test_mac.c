/* test_mac.c - MAC parsing, formatting and unicast checks. */
#include "test.h"

#include <errno.h>

#include "mac.h"

TEST(mac_parse_guide_example)
{
	uint8_t mac[6];
	char buf[VIRTNET_MAC_STRLEN];

	CHECK_EQ(virtnet_mac_parse("0C:C4:7A:FF:22:93", mac), 0);
	CHECK_EQ(mac[0], 0x0c);
	CHECK_EQ(mac[5], 0x93);
	CHECK_STREQ(virtnet_mac_format(mac, buf), "0C:C4:7A:FF:22:93");
}

TEST(mac_parse_lower_case_formats_upper)
{
	uint8_t mac[6];
	char buf[VIRTNET_MAC_STRLEN];

	CHECK_EQ(virtnet_mac_parse("5a:94:07:04:f6:1c", mac), 0);
	CHECK_STREQ(virtnet_mac_format(mac, buf), "5A:94:07:04:F6:1C");
}

TEST(mac_parse_rejects_malformed)
{
	static const char *bad[] = {
		"", "0C:C4:7A:FF:22", "0C:C4:7A:FF:22:93:00", "0C-C4-7A-FF-22-93",
		"0CC4.7AFF.2293", "0C:C4:7A:FF:22:9", "0C:C4:7A:FF:22:9G",
		"C:C4:7A:FF:22:93", "0C:C4:7A:FF:22:93 ", " 0C:C4:7A:FF:22:93",
		"0C:C4:7A:FF:22:93:", "0C::C4:7A:FF:22:93", "+C:C4:7A:FF:22:93",
	};
	uint8_t mac[6] = { 1, 2, 3, 4, 5, 6 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (virtnet_mac_parse(bad[i], mac) != -EINVAL)
			test_fail(__FILE__, __LINE__, "accepted '%s'", bad[i]);
	}
	CHECK_EQ(virtnet_mac_parse(NULL, mac), -EINVAL);
	CHECK_EQ(mac[0], 1);	/* untouched on failure */
}

TEST(mac_unicast_checks)
{
	uint8_t zero[6] = { 0 }, bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 }, uni[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };
	uint8_t local[6] = { 0x02, 0, 0, 0, 0, 1 };

	CHECK(virtnet_mac_is_zero(zero));
	CHECK(!virtnet_mac_is_unicast(zero));
	CHECK(virtnet_mac_is_multicast(bcast));
	CHECK(!virtnet_mac_is_unicast(bcast));
	CHECK(!virtnet_mac_is_unicast(mcast));
	CHECK(virtnet_mac_is_unicast(uni));
	CHECK(virtnet_mac_is_unicast(local));
}

TEST(mac_parse_unicast_messages)
{
	uint8_t mac[6];
	char err[256];

	CHECK_EQ(virtnet_mac_parse_unicast("--mac", "0C:C4:7A:FF:22:93", mac, err, sizeof(err)), 0);
	CHECK_EQ(virtnet_mac_parse_unicast("--mac", "00:00:00:00:00:00", mac, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid --mac '00:00:00:00:00:00': must be a unicast address, not all zeros");
	CHECK_EQ(virtnet_mac_parse_unicast("--mac", "01:00:5E:00:00:01", mac, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "invalid --mac '01:00:5E:00:00:01': must be a unicast address");
	CHECK_CONTAINS(err, "multicast");
	CHECK_EQ(virtnet_mac_parse_unicast("--mac", "zz", mac, err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "invalid --mac 'zz': must be six colon-separated hex pairs, e.g. 0C:C4:7A:FF:22:93");
}
