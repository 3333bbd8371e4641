/* bdf.h - PCI bus/device/function as a u16 (bus << 8 | dev << 3 | fn). */
#ifndef VIRTNET_BDF_H
#define VIRTNET_BDF_H

#include <stdint.h>

#define VIRTNET_BDF_STRLEN	8	/* "85:00.0" + NUL */

#define VIRTNET_BDF(bus, dev, fn) \
	((uint16_t)(((bus) & 0xff) << 8 | ((dev) & 0x1f) << 3 | ((fn) & 0x7)))
#define VIRTNET_BDF_BUS(bdf)	(((bdf) >> 8) & 0xff)
#define VIRTNET_BDF_DEV(bdf)	(((bdf) >> 3) & 0x1f)
#define VIRTNET_BDF_FN(bdf)	((bdf) & 0x7)

/* "85:00.0" (lower-case hex, like lspci). Returns buf. */
char *virtnet_bdf_format(uint16_t bdf, char buf[VIRTNET_BDF_STRLEN]);

/*
 * "BB:DD.F" in hex (any case), optionally preceded by the domain "0000:"
 * as in sysfs and ethtool's bus-info. Device <= 0x1f, function <= 7.
 * Returns 0 or -EINVAL.
 */
int virtnet_bdf_parse(const char *s, uint16_t *bdf);

#endif /* VIRTNET_BDF_H */
