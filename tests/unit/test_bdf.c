/* test_bdf.c - BDF formatting and parsing. */
#include "test.h"

#include <errno.h>

#include "bdf.h"

TEST(bdf_format_guide_examples)
{
	char buf[VIRTNET_BDF_STRLEN];

	CHECK_STREQ(virtnet_bdf_format(VIRTNET_BDF(0x85, 0, 0), buf), "85:00.0");
	CHECK_STREQ(virtnet_bdf_format(VIRTNET_BDF(0x85, 0, 3), buf), "85:00.3");
	CHECK_STREQ(virtnet_bdf_format(VIRTNET_BDF(0x85, 4, 5), buf), "85:04.5");
	CHECK_STREQ(virtnet_bdf_format(VIRTNET_BDF(0x83, 0, 6), buf), "83:00.6");
	/* The guide's recovery file: bdf_raw 26624 is 68:00.0. */
	CHECK_STREQ(virtnet_bdf_format(26624, buf), "68:00.0");
	CHECK_STREQ(virtnet_bdf_format(0xffff, buf), "ff:1f.7");
}

TEST(bdf_parse_round_trip)
{
	char buf[VIRTNET_BDF_STRLEN];
	uint16_t bdf;

	for (unsigned int v = 0; v <= 0xffff; v += 7) {
		virtnet_bdf_format((uint16_t)v, buf);
		if (virtnet_bdf_parse(buf, &bdf) || bdf != v)
			test_fail(__FILE__, __LINE__, "round trip of 0x%x via %s", v, buf);
	}
	CHECK_EQ(virtnet_bdf_parse("0000:85:04.5", &bdf), 0);
	CHECK_EQ(bdf, VIRTNET_BDF(0x85, 4, 5));
	CHECK_EQ(virtnet_bdf_parse("AF:04.5", &bdf), 0);
	CHECK_EQ(bdf, VIRTNET_BDF(0xaf, 4, 5));
}

TEST(bdf_parse_rejects_malformed)
{
	static const char *bad[] = {
		"", "85:00", "85:00.", "85:00.8", "85:20.0", "8:00.0", "85-00.0",
		"85:00.0 ", "0001:85:00.0", "x5:00.0", "85:0g.0", "0000-85:00.0",
	};
	uint16_t bdf = 0x1234;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (virtnet_bdf_parse(bad[i], &bdf) != -EINVAL)
			test_fail(__FILE__, __LINE__, "accepted '%s'", bad[i]);
	CHECK_EQ(bdf, 0x1234);
}
