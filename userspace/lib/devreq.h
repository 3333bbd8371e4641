/*
 * devreq.h - what a request says about a device: which device (by id or
 * VUID), the parameters of a new one, the rules every field follows, and
 * putting them into a netlink message.
 */
#ifndef VIRTNET_DEVREQ_H
#define VIRTNET_DEVREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/msg.h>
#include <linux/virtnet.h>

#include "mac.h"
#include "parse.h"

/* One device, by id or by VUID. */
struct virtnet_dev_sel {
	bool by_vuid;
	uint32_t id;
	char vuid[VIRTNET_VUID_MAX];
};

/* Interrupt coalescing of one direction: what to change of it. */
struct virtnet_coal_set {
	bool has_usecs;
	uint32_t usecs;			/* 0..VIRTNET_MAX_COAL_USECS */
	bool has_max_packets;
	uint32_t max_packets;		/* 0..VIRTNET_MAX_COAL_PACKETS */
};

/*
 * VIRTNET_CMD_DEV_NEW parameters. By default a hotplug PF; static_pf
 * brings up static PF pf_index; vf rebuilds VF vf_id of static PF
 * pf_index (recovery: the host makes VFs through sriov_numvfs).
 */
struct virtnet_dev_new_req {
	char ibdev[VIRTNET_IBDEV_MAX];
	uint8_t mac[VIRTNET_MAC_LEN];
	uint16_t mtu;
	uint16_t num_queues;		/* virtqueues: 2 * pairs + 1 */
	uint16_t queue_size;
	uint64_t features;		/* 0: all the device supports */
	bool legacy;
	bool has_id;			/* recovery: ask for this id */
	uint32_t id;
	bool has_sf_num;		/* recovery: ask for this SF number */
	uint32_t sf_num;
	bool has_bdf;			/* recovery: ask for this hotplug BDF */
	uint16_t bdf;
	bool static_pf;			/* bring up static PF pf_index */
	bool vf;			/* rebuild VF vf_id of static PF pf_index */
	uint32_t pf_index;
	uint32_t vf_id;
	bool link_down;			/* recovery: born with the link down */
	struct virtnet_coal_set rx_coal;	/* recovery: initial coalescing */
	struct virtnet_coal_set tx_coal;
	bool has_mode;			/* send DEV_MODE (absent: the virtio bus) */
	uint8_t mode;			/* enum virtnet_dev_mode */
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];	/* mode vdpa; "": the kernel uses the VUID */
};

/*
 * VIRTNET_CMD_DEV_SET: which device, and what to change; only the fields
 * whose has_ flag is set are sent.
 */
struct virtnet_dev_set_req {
	struct virtnet_dev_sel sel;
	/* The kernel takes these only while the host driver is unbound. */
	bool has_mac;
	uint8_t mac[VIRTNET_MAC_LEN];
	bool has_mtu;
	uint16_t mtu;
	bool has_features;
	uint64_t features;		/* 0: all the device supports */
	bool has_num_queues;
	uint16_t num_queues;		/* virtqueues: 2 * pairs + 1 */
	bool has_queue_size;
	uint16_t queue_size;
	/* Live: bound or not. */
	bool has_link_up;
	bool link_up;
	struct virtnet_coal_set rx_coal;	/* the host driver's receive queues */
	struct virtnet_coal_set tx_coal;	/* its transmit queues */
	/* The hand-over to another bus: alone, with vdpa_name for vdpa. */
	bool has_mode;
	uint8_t mode;			/* enum virtnet_dev_mode */
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];	/* mode vdpa; "": the kernel uses the VUID */
	/* The SF takeover: alone; the two devices exchange their SFs. */
	bool has_sf_from;
	uint32_t sf_from;		/* the other device's id */
};

/* The rules of the numeric fields, as the kernel enforces them. */
extern const struct virtnet_num_rule virtnet_rule_mtu;
extern const struct virtnet_num_rule virtnet_rule_num_queues;
extern const struct virtnet_num_rule virtnet_rule_queue_size;
extern const struct virtnet_num_rule virtnet_rule_features;
/* MSI-X vectors: one per virtqueue plus the config vector (num_queues + 1). */
extern const struct virtnet_num_rule virtnet_rule_num_msix;
extern const struct virtnet_num_rule virtnet_rule_coal_usecs;
extern const struct virtnet_num_rule virtnet_rule_coal_max_packets;
extern const struct virtnet_num_rule virtnet_rule_dev_id;
extern const struct virtnet_num_rule virtnet_rule_sf_num;
extern const struct virtnet_num_rule virtnet_rule_pf_index;	/* static PF index */
extern const struct virtnet_num_rule virtnet_rule_vf_id;	/* 0-based VF index */

/*
 * String checks: 0, or -EINVAL with "invalid FIELD 'S': ..." in err.
 * An RDMA device name is 1..VIRTNET_IBDEV_MAX-1 characters without '/' or
 * white space; a VUID is 1..VIRTNET_VUID_MAX-1 letters and digits.
 */
int virtnet_check_ibdev(const char *field, const char *s, char *err, size_t errlen);
int virtnet_check_vuid(const char *field, const char *s, char *err, size_t errlen);
/* A vdpa device name: 1..VIRTNET_VDPA_NAME_MAX-1 characters, no '/'. */
int virtnet_check_vdpa_name(const char *field, const char *s, char *err, size_t errlen);
/* "virtio" or "vdpa" into *mode (enum virtnet_dev_mode); 0 or -EINVAL. */
int virtnet_parse_dev_mode(const char *field, const char *s, uint8_t *mode,
			   char *err, size_t errlen);

/*
 * Check every field of a DEV_NEW request against the rules (the kernel
 * checks again). Field names in messages are the attribute names in lower
 * case ("mtu", "num_queues", "dev_mode", "vdpa_name", ...): a vdpa_name
 * goes only with dev_mode vdpa. Returns 0 or -EINVAL/-ERANGE.
 */
int virtnet_dev_new_req_check(const struct virtnet_dev_new_req *req,
			      char *err, size_t errlen);

/*
 * Check a DEV_SET request: something to change, and every value follows
 * the rules (field names as above; the coalescing fields are
 * "rx_coal_usecs", "rx_coal_max_packets", "tx_coal_usecs" and
 * "tx_coal_max_packets"). A mode (the hand-over) is the only change of
 * its request. Returns 0, -EINVAL or -ERANGE.
 */
int virtnet_dev_set_req_check(const struct virtnet_dev_set_req *req,
			      char *err, size_t errlen);

/* Does the request change something the kernel takes only while unbound? */
bool virtnet_dev_set_req_needs_unbound(const struct virtnet_dev_set_req *req);

/* Add the request's attributes to msg. Returns 0 or -EMSGSIZE. */
int virtnet_dev_new_req_put(struct nl_msg *msg, const struct virtnet_dev_new_req *req);
int virtnet_dev_set_req_put(struct nl_msg *msg, const struct virtnet_dev_set_req *req);
int virtnet_dev_sel_put(struct nl_msg *msg, const struct virtnet_dev_sel *sel);

#endif /* VIRTNET_DEVREQ_H */
