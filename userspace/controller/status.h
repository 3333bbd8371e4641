/*
 * status.h - what the controller reports as wrong while it keeps running:
 * a static PF it had to leave down, recovery files it cannot write. The
 * text goes to the kernel (CTRL_REGISTER's CTRL_STATUS, shown by `virtnet
 * list`) and to systemd (STATUS=); the log has each event in full.
 */
#ifndef VNC_STATUS_H
#define VNC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/virtnet.h>

/*
 * One problem, one line. Bounded so that every static PF and the
 * recovery line fit in VIRTNET_CTRL_STATUS_MAX together with room to
 * spare; a longer message (a long recovery path) is cut with "...".
 */
#define VNC_STATUS_LINE_MAX	200

struct vnc_status {
	char static_pf[VIRTNET_MAX_STATIC_PF][VNC_STATUS_LINE_MAX];
	char recovery[VNC_STATUS_LINE_MAX];
};

/*
 * Set one line from a format (NULL clears it). Bytes the kernel would
 * refuse (anything but printable ASCII, newlines included) become \xNN.
 */
void vnc_status_line(char line[VNC_STATUS_LINE_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The non-empty lines, static PFs by index then recovery, joined with
 * sep, into buf (always NUL-terminated); "" when all is well. Returns
 * the length. A line that does not fit is cut and ends with "...".
 */
size_t vnc_status_text(const struct vnc_status *s, const char *sep, char *buf, size_t len);

/* Recovery write retries: 1 s after the first failure, doubling to 60 s. */
#define VNC_RETRY_FIRST_S	1
#define VNC_RETRY_MAX_S		60
unsigned int vnc_retry_next(unsigned int delay_s);

#endif /* VNC_STATUS_H */
