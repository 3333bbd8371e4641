/* test_status.c - the controller's status lines and its recovery retry backoff. */
#include "test.h"

#include <string.h>

#include "status.h"

TEST(status_text_joins_lines_in_order)
{
	struct vnc_status s;
	char buf[VIRTNET_CTRL_STATUS_MAX];

	memset(&s, 0, sizeof(s));
	CHECK_EQ(vnc_status_text(&s, "\n", buf, sizeof(buf)), 0);
	CHECK_STREQ(buf, "");

	vnc_status_line(s.recovery, "recovery: cannot write %s: %s", "/r/X.json",
			"No space left on device");
	vnc_status_line(s.static_pf[1], "static PF %d: down: MAC %s is held by device %d (%s)",
			1, "00:11:22:33:44:56", 0, "VNETS1D0F0");
	CHECK_EQ(vnc_status_text(&s, "\n", buf, sizeof(buf)), strlen(buf));
	CHECK_STREQ(buf, "static PF 1: down: MAC 00:11:22:33:44:56 is held by device 0 (VNETS1D0F0)\n"
		    "recovery: cannot write /r/X.json: No space left on device");
	vnc_status_text(&s, "; ", buf, sizeof(buf));
	CHECK_STREQ(buf, "static PF 1: down: MAC 00:11:22:33:44:56 is held by device 0 (VNETS1D0F0); "
		    "recovery: cannot write /r/X.json: No space left on device");

	vnc_status_line(s.static_pf[1], NULL);
	vnc_status_text(&s, "\n", buf, sizeof(buf));
	CHECK_STREQ(buf, "recovery: cannot write /r/X.json: No space left on device");
}

/* The kernel takes printable ASCII and newlines only: the rest is escaped. */
TEST(status_line_escapes_and_cuts)
{
	char line[VNC_STATUS_LINE_MAX], big[600];

	vnc_status_line(line, "recovery: cannot write /r\xc3\xa9/\n%s", "x\ty");
	CHECK_STREQ(line, "recovery: cannot write /r\\xc3\\xa9/\\x0ax\\x09y");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	vnc_status_line(line, "recovery: %s", big);
	CHECK_EQ(strlen(line), VNC_STATUS_LINE_MAX - 1);
	CHECK_PREFIX(line, "recovery: aaa");
	CHECK_STREQ(line + strlen(line) - 4, "a...");

	/* Exactly full: kept whole, no "...". */
	big[VNC_STATUS_LINE_MAX - 1] = '\0';
	vnc_status_line(line, "%s", big);
	CHECK_EQ(strlen(line), VNC_STATUS_LINE_MAX - 1);
	CHECK_EQ(line[VNC_STATUS_LINE_MAX - 2], 'a');
}

/* Every line at its longest still fits what the kernel takes. */
TEST(status_text_fits_the_kernel_and_cuts_a_small_buffer)
{
	struct vnc_status s;
	char buf[VIRTNET_CTRL_STATUS_MAX], small[40], big[600];

	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 0; i < VIRTNET_MAX_STATIC_PF; i++)
		vnc_status_line(s.static_pf[i], "%s", big);
	vnc_status_line(s.recovery, "%s", big);
	CHECK(vnc_status_text(&s, "; ", buf, sizeof(buf)) < sizeof(buf));
	CHECK_STREQ(buf + strlen(buf) - 4, "b...");
	CHECK_EQ(strlen(buf), (VIRTNET_MAX_STATIC_PF + 1) * (VNC_STATUS_LINE_MAX - 1) +
		 VIRTNET_MAX_STATIC_PF * 2);

	vnc_status_line(s.static_pf[0], "static PF 0: down: a long enough reason");
	CHECK_EQ(vnc_status_text(&s, "\n", small, sizeof(small)), sizeof(small) - 1);
	CHECK_STREQ(small, "static PF 0: down: a long enough rea...");
}

TEST(status_retry_backoff_doubles_to_a_minute)
{
	static const unsigned int want[] = { 1, 2, 4, 8, 16, 32, 60, 60 };
	unsigned int d = 0;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		d = vnc_retry_next(d);
		CHECK_EQ(d, want[i]);
	}
}
