/* bdf.c - format and parse PCI BDFs like "85:00.0". */
#include "bdf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

char *virtnet_bdf_format(uint16_t bdf, char buf[VIRTNET_BDF_STRLEN])
{
	snprintf(buf, VIRTNET_BDF_STRLEN, "%02x:%02x.%x", VIRTNET_BDF_BUS(bdf),
		 VIRTNET_BDF_DEV(bdf), VIRTNET_BDF_FN(bdf));
	return buf;
}

/* Exactly n hex digits at s; value in *v. */
static int hexn(const char *s, int n, unsigned int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isxdigit(c))
			return -EINVAL;
		*v = *v << 4 | (unsigned int)(isdigit(c) ? c - '0'
						: tolower(c) - 'a' + 10);
	}
	return 0;
}

int virtnet_bdf_parse(const char *s, uint16_t *bdf)
{
	unsigned int bus, dev, fn, dom;

	if (!s)
		return -EINVAL;
	if (strlen(s) == 12) {		/* "0000:85:00.0" */
		if (hexn(s, 4, &dom) || dom != 0 || s[4] != ':')
			return -EINVAL;
		s += 5;
	}
	if (strlen(s) != 7 || s[2] != ':' || s[5] != '.')
		return -EINVAL;
	if (hexn(s, 2, &bus) || hexn(s + 3, 2, &dev) || hexn(s + 6, 1, &fn))
		return -EINVAL;
	if (dev > 0x1f || fn > 7)
		return -EINVAL;
	*bdf = VIRTNET_BDF(bus, dev, fn);
	return 0;
}
