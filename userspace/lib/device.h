/*
 * device.h - what the kernel reports about a device (DEV_GET, DEV_NEW
 * replies and events) and about the emulated controller (INFO_GET).
 */
#ifndef VIRTNET_DEVICE_H
#define VIRTNET_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <net/if.h>
#include <netlink/attr.h>
#include <linux/virtnet.h>

#include "mac.h"

#define VIRTNET_DRIVER_NAME_MAX	64
#define VIRTNET_MAX_PORTS	8

/* One virtqueue (VIRTNET_ATTR_QUEUE). */
struct virtnet_queue {
	uint16_t index;
	uint16_t size;
	uint8_t enabled;
	uint8_t broken;
	uint16_t avail_idx;
	uint16_t used_idx;
	uint64_t packets;
	uint64_t bytes;
	uint64_t drops;
	uint64_t errors;
	uint64_t kicks;
	uint64_t interrupts;
};

/* One device: every DEV_GET attribute. */
struct virtnet_dev {
	uint64_t present;		/* bit n set: attribute n was present */
	uint32_t id;
	char vuid[VIRTNET_VUID_MAX];
	uint16_t bdf;
	uint8_t type;			/* enum virtnet_dev_type */
	uint32_t pf_index;		/* static PFs; a VF's parent's index */
	uint32_t vf_id;			/* VFs: 0-based index in the parent */
	uint32_t parent_id;		/* VFs: the parent PF's id */
	uint32_t max_vf;		/* static PFs: sriov_totalvfs */
	uint32_t num_vf;		/* static PFs: sriov_numvfs */
	char ibdev[VIRTNET_IBDEV_MAX];
	uint32_t port_index;
	uint8_t mac[VIRTNET_MAC_LEN];
	uint16_t mtu;
	uint16_t num_queues;
	uint16_t queue_size;
	uint16_t num_msix;
	bool legacy;
	uint32_t sf_num;
	char sf_rep_ifname[IFNAMSIZ];
	uint32_t sf_rep_ifindex;
	uint64_t device_features;
	uint64_t driver_features;
	uint8_t status;
	uint8_t link_up;
	uint32_t speed;			/* Mb/s */
	/* Interrupt coalescing of every receive / transmit queue. */
	uint32_t rx_coal_usecs;
	uint32_t rx_coal_max_packets;
	uint32_t tx_coal_usecs;
	uint32_t tx_coal_max_packets;
	char driver_name[VIRTNET_DRIVER_NAME_MAX];
	char host_ifname[IFNAMSIZ];
	uint8_t mode;			/* enum virtnet_dev_mode: its bus */
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];	/* vDPA mode: its vdpa device */
	uint16_t queue_pairs_active;
	uint32_t rx_mode;		/* enum virtnet_rx_mode bits */
	uint32_t generation;
	unsigned int nqueues;
	struct virtnet_queue queues[VIRTNET_MAX_VIRTQ];
};

struct virtnet_port {
	uint32_t index;
	char ibdev[VIRTNET_IBDEV_MAX];
	char netdev[IFNAMSIZ];		/* uplink; "" if the kernel has none */
	uint32_t sf_pool_idle;		/* idle SFs in its pool */
};

/* The emulated controller: INFO_GET. */
struct virtnet_info {
	uint64_t present;
	uint32_t max_hotplug;
	uint32_t max_static_pf;
	uint32_t max_vf;		/* VFs per static PF (num_vf) */
	uint16_t max_msix;		/* MSI-X vectors per function (num_msix) */
	uint32_t num_hotplug;
	uint32_t pf_total_sf;		/* SFs per port */
	uint32_t sf_pool_size;		/* idle SFs the pool keeps per port */
	uint16_t max_virtq;
	uint16_t max_queue_size;
	uint64_t supported_features;
	uint32_t generation;
	bool lag;			/* VIRTNET_ATTR_PORT_LAG */
	uint64_t instance_id;		/* new at every module load */
	unsigned int nports;
	struct virtnet_port ports[VIRTNET_MAX_PORTS];
};

static inline bool virtnet_dev_has(const struct virtnet_dev *dev, int attr)
{
	return dev->present & (UINT64_C(1) << attr);
}

/*
 * The function's bus (enum virtnet_dev_mode): DEV_MODE, or for a kernel
 * that does not report it, vDPA if it has a vdpa device (VDPA_NAME).
 */
static inline uint8_t virtnet_dev_mode(const struct virtnet_dev *dev)
{
	if (virtnet_dev_has(dev, VIRTNET_ATTR_DEV_MODE))
		return dev->mode;
	return virtnet_dev_has(dev, VIRTNET_ATTR_VDPA_NAME) ? VIRTNET_DEV_MODE_VDPA
							      : VIRTNET_DEV_MODE_VIRTIO;
}

static inline bool virtnet_info_has(const struct virtnet_info *info, int attr)
{
	return info->present & (UINT64_C(1) << attr);
}

/*
 * Fill dev from attributes parsed with virtnet_attrs (tb has
 * VIRTNET_ATTR_MAX + 1 entries). DEV_ID and DEV_VUID are required.
 * Returns 0 or -EBADMSG with a message in err.
 */
int virtnet_dev_from_attrs(struct nlattr *const *tb, struct virtnet_dev *dev,
			   char *err, size_t errlen);

/* The same for INFO_GET replies. */
int virtnet_info_from_attrs(struct nlattr *const *tb, struct virtnet_info *info,
			    char *err, size_t errlen);

/* The port's RDMA device name for a port index, or NULL. */
const char *virtnet_info_port_ibdev(const struct virtnet_info *info,
				    uint32_t index);

#endif /* VIRTNET_DEVICE_H */
