/* status.c - the controller's problem lines and the recovery retry backoff. */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Append s to buf (holding *used bytes) if it fits in len - 1; else cut it with "...". */
static bool append(char *buf, size_t len, size_t *used, const char *s)
{
	size_t n = strlen(s), room = len - 1 - *used;

	if (n <= room) {
		memcpy(buf + *used, s, n + 1);
		*used += n;
		return true;
	}
	if (room >= 3) {
		memcpy(buf + *used, s, room - 3);
		memcpy(buf + *used + room - 3, "...", 4);
		*used = len - 1;
	}
	return false;
}

void vnc_status_line(char line[VNC_STATUS_LINE_MAX], const char *fmt, ...)
{
	char raw[1024], esc[4 * sizeof(raw)];
	size_t used = 0, n = 0;
	va_list ap;

	line[0] = '\0';
	if (!fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
		if (*p >= 0x20 && *p < 0x7f)
			esc[n++] = (char)*p;
		else
			n += (size_t)snprintf(esc + n, sizeof(esc) - n, "\\x%02x", *p);
	}
	esc[n] = '\0';
	append(line, VNC_STATUS_LINE_MAX, &used, esc);
}

size_t vnc_status_text(const struct vnc_status *s, const char *sep, char *buf, size_t len)
{
	const char *lines[VIRTNET_MAX_STATIC_PF + 1];
	size_t n = 0, used = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	for (size_t i = 0; i < VIRTNET_MAX_STATIC_PF; i++)
		lines[n++] = s->static_pf[i];
	lines[n++] = s->recovery;
	for (size_t i = 0, out = 0; i < n; i++) {
		if (!lines[i][0])
			continue;
		if ((out++ && !append(buf, len, &used, sep)) ||
		    !append(buf, len, &used, lines[i])) {
			/* Whatever got cut (even just a separator), say so. */
			if (used >= 3)
				memcpy(buf + used - 3, "...", 3);
			break;
		}
	}
	return used;
}

unsigned int vnc_retry_next(unsigned int delay_s)
{
	if (!delay_s)
		return VNC_RETRY_FIRST_S;
	return delay_s >= VNC_RETRY_MAX_S / 2 ? VNC_RETRY_MAX_S : 2 * delay_s;
}
