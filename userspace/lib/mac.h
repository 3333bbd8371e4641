/* mac.h - MAC address parsing ("0C:C4:7A:FF:22:93"), formatting, checks. */
#ifndef VIRTNET_MAC_H
#define VIRTNET_MAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIRTNET_MAC_LEN		6
#define VIRTNET_MAC_STRLEN	18	/* "XX:XX:XX:XX:XX:XX" + NUL */

/* Exactly six colon-separated pairs of hex digits, any case. 0 or -EINVAL. */
int virtnet_mac_parse(const char *s, uint8_t mac[VIRTNET_MAC_LEN]);

/* Upper case, like the guide: "0C:C4:7A:FF:22:93". Returns buf. */
char *virtnet_mac_format(const uint8_t mac[VIRTNET_MAC_LEN],
			 char buf[VIRTNET_MAC_STRLEN]);

bool virtnet_mac_is_zero(const uint8_t mac[VIRTNET_MAC_LEN]);
bool virtnet_mac_is_multicast(const uint8_t mac[VIRTNET_MAC_LEN]);
/* Neither multicast (which includes broadcast) nor all zeros. */
bool virtnet_mac_is_unicast(const uint8_t mac[VIRTNET_MAC_LEN]);

/*
 * Parse and require a unicast address; on failure write
 * "invalid FIELD 'S': <why>" into err. Returns 0 or -EINVAL.
 */
int virtnet_mac_parse_unicast(const char *field, const char *s,
			      uint8_t mac[VIRTNET_MAC_LEN],
			      char *err, size_t errlen);

#endif /* VIRTNET_MAC_H */
