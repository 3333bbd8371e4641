/* mac.c - MAC address parsing, formatting and unicast checks. */
#include "mac.h"
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int virtnet_mac_parse(const char *s, uint8_t mac[VIRTNET_MAC_LEN])
{
	uint8_t tmp[VIRTNET_MAC_LEN];
	int i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < VIRTNET_MAC_LEN; i++) {
		int hi = hexval(s[0]), lo = hi < 0 ? -1 : hexval(s[1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		tmp[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (*s != (i == VIRTNET_MAC_LEN - 1 ? '\0' : ':'))
			return -EINVAL;
		s++;
	}
	for (i = 0; i < VIRTNET_MAC_LEN; i++)
		mac[i] = tmp[i];
	return 0;
}

char *virtnet_mac_format(const uint8_t mac[VIRTNET_MAC_LEN],
			 char buf[VIRTNET_MAC_STRLEN])
{
	snprintf(buf, VIRTNET_MAC_STRLEN, "%02X:%02X:%02X:%02X:%02X:%02X",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

bool virtnet_mac_is_zero(const uint8_t mac[VIRTNET_MAC_LEN])
{
	return !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
}

bool virtnet_mac_is_multicast(const uint8_t mac[VIRTNET_MAC_LEN])
{
	return mac[0] & 0x01;
}

bool virtnet_mac_is_unicast(const uint8_t mac[VIRTNET_MAC_LEN])
{
	return !virtnet_mac_is_multicast(mac) && !virtnet_mac_is_zero(mac);
}

int virtnet_mac_parse_unicast(const char *field, const char *s,
			      uint8_t mac[VIRTNET_MAC_LEN],
			      char *err, size_t errlen)
{
	if (virtnet_mac_parse(s, mac))
		return virtnet_field_err(err, errlen, field, s,
			"must be six colon-separated hex pairs, e.g. 0C:C4:7A:FF:22:93");
	if (virtnet_mac_is_zero(mac))
		return virtnet_field_err(err, errlen, field, s,
			"must be a unicast address, not all zeros");
	if (virtnet_mac_is_multicast(mac))
		return virtnet_field_err(err, errlen, field, s,
			"must be a unicast address (the multicast bit, 0x01 of the first byte, is set)");
	return 0;
}
