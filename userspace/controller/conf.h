/*
 * conf.h - the controller's JSON config file, virtnet.conf (the guide's
 * rules: NVIDIA BlueField virtio-net-controller), parsed strictly.
 *
 * Errors are written into err (always NUL-terminated, truncated if needed;
 * err may be NULL) as "NAME: invalid KEY 'VALUE': <what is allowed>", where
 * NAME is the file's name or path. VALUE is the string itself for keys
 * that take a string, otherwise the value as compact JSON (a string given
 * to a numeric key shows with its quotes); a value that is long or not
 * printable ASCII shows JSON-escaped and cut at 100 characters.
 */
#ifndef VIRTNET_CONF_H
#define VIRTNET_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <linux/virtnet.h>	/* VIRTNET_IBDEV_MAX */

#include "mac.h"

#define VIRTNET_CONF_DEFAULT_PATH	"/opt/mellanox/mlnx_virtnet/virtnet.conf"
/* A larger file is refused (-EFBIG) without being parsed. */
#define VIRTNET_CONF_MAX_SIZE		(1024 * 1024)

/*
 * The effective configuration. Keys and defaults:
 *   ib_dev_p0             "mlx5_0"       RDMA device of port 0 (non-LAG)
 *   ib_dev_p1             "mlx5_1"       RDMA device of port 1 (non-LAG)
 *   ib_dev_lag            "mlx5_bond_0"  RDMA device in LAG mode
 *   ib_dev_for_static_pf  ib_dev_p0, or ib_dev_lag when is_lag
 *   is_lag                0
 *   pf_mac                not set (has_pf_mac false)
 *   recovery              1
 *   sf_pool_percent       0              0..100
 *   sf_pool_force_destroy 0
 */
struct virtnet_conf {
	char ib_dev_p0[VIRTNET_IBDEV_MAX];
	char ib_dev_p1[VIRTNET_IBDEV_MAX];
	char ib_dev_lag[VIRTNET_IBDEV_MAX];
	char ib_dev_for_static_pf[VIRTNET_IBDEV_MAX];
	bool is_lag;
	bool has_pf_mac;
	uint8_t pf_mac[VIRTNET_MAC_LEN];	/* static PF n gets pf_mac + n */
	bool recovery;
	unsigned int sf_pool_percent;
	bool sf_pool_force_destroy;
};

/* Fill c with the defaults above (what a missing file or "{}" gives). */
void virtnet_conf_defaults(struct virtnet_conf *c);

/*
 * Parse the text of a config file (len bytes; need not be NUL-terminated).
 * name prefixes messages (NULL: "virtnet.conf"). Rules:
 *  - the text is one JSON object; duplicate keys, unknown keys, JSON syntax
 *    errors (reported with line and column) and an empty text are errors;
 *  - is_lag, recovery, sf_pool_force_destroy: 0, 1, true or false;
 *  - sf_pool_percent: an integer 0..100 (not a real, not a string);
 *  - ib_dev_*: strings of 1..VIRTNET_IBDEV_MAX-1 characters from
 *    [A-Za-z0-9_.-], not "." or "..";
 *  - pf_mac: "XX:XX:XX:XX:XX:XX", unicast and not all zeros;
 *  - ib_dev_lag cannot be set together with ib_dev_p0 or ib_dev_p1;
 *    ib_dev_lag needs is_lag 1, ib_dev_p0/ib_dev_p1 need is_lag 0;
 *    ib_dev_p0 and ib_dev_p1 (as set or defaulted) must differ;
 *    ib_dev_for_static_pf must be ib_dev_p0 or ib_dev_p1 (is_lag 0), or
 *    ib_dev_lag (is_lag 1).
 * Returns 0, -EINVAL (*c unchanged, message in err) or -ENOMEM.
 */
int virtnet_conf_parse(const char *text, size_t len, const char *name,
		       struct virtnet_conf *c, char *err, size_t errlen);

/*
 * Read and parse the file at path (NULL: VIRTNET_CONF_DEFAULT_PATH); the
 * path prefixes messages. A missing file (ENOENT) is not an error: *c gets
 * the defaults and 0 is returned. Otherwise returns 0, -errno when the file
 * cannot be read (-EFBIG when larger than VIRTNET_CONF_MAX_SIZE), or what
 * virtnet_conf_parse() returns. On any error *c is unchanged.
 */
int virtnet_conf_load(const char *path, struct virtnet_conf *c,
		      char *err, size_t errlen);

/*
 * The MAC of static PF number pf: pf_mac + pf, as a 48-bit number (so
 * 00:11:22:33:44:FF + 1 = 00:11:22:33:45:00). Returns 0; -EINVAL when
 * pf_mac is not set; -ERANGE when the sum overflows 48 bits or is not a
 * unicast address (a carry into the first byte sets the multicast bit).
 * mac is written only on success.
 */
int virtnet_conf_static_pf_mac(const struct virtnet_conf *c, unsigned int pf,
			       uint8_t mac[VIRTNET_MAC_LEN],
			       char *err, size_t errlen);

/*
 * The effective configuration as a JSON object with every key, in the
 * order of struct virtnet_conf: 0/1 keys as the integers 0 and 1, pf_mac
 * as "XX:XX:XX:XX:XX:XX" or null when not set. For logging and printing:
 * it holds both ib_dev_p0/ib_dev_p1 and ib_dev_lag, so it is not itself a
 * valid virtnet.conf. New reference, or NULL when out of memory.
 */
json_t *virtnet_conf_to_json(const struct virtnet_conf *c);

#endif /* VIRTNET_CONF_H */
