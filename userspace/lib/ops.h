/*
 * ops.h - the requests of the virtnet family: INFO_GET, DEV_GET (one or
 * all), DEV_NEW, DEV_SET, DEV_DEL, PORT_SET, SF_POOL_SET. Each returns 0 or a negative errno with the
 * reason in g->errmsg.
 */
#ifndef VIRTNET_OPS_H
#define VIRTNET_OPS_H

#include <stddef.h>

#include "devreq.h"
#include "device.h"
#include "genl.h"

/* A growing array of devices, in the kernel's (id) order. */
struct virtnet_dev_list {
	struct virtnet_dev *devs;
	size_t count;
	size_t cap;
};

void virtnet_dev_list_free(struct virtnet_dev_list *list);

int virtnet_info_get(struct virtnet_genl *g, struct virtnet_info *info);

/* One device; -ENODEV etc. from the kernel when it does not exist. */
int virtnet_dev_get(struct virtnet_genl *g, const struct virtnet_dev_sel *sel,
		    struct virtnet_dev *dev);

/* Every device, as one consistent snapshot (retried on NLM_F_DUMP_INTR). */
int virtnet_dev_dump(struct virtnet_genl *g, struct virtnet_dev_list *list);

/* Hotplug a PF; dev receives the new device. */
int virtnet_dev_new(struct virtnet_genl *g, const struct virtnet_dev_new_req *req,
		    struct virtnet_dev *dev);

/*
 * Modify a device (DEV_SET); dev receives it as it is afterwards. The
 * kernel refuses with EBUSY while the host driver is bound.
 */
int virtnet_dev_set(struct virtnet_genl *g, const struct virtnet_dev_set_req *req,
		    struct virtnet_dev *dev);

/*
 * Unplug; if the kernel's reply describes the device it lands in dev
 * (dev may be NULL; dev->present is 0 when the reply had no device).
 */
int virtnet_dev_del(struct virtnet_genl *g, const struct virtnet_dev_sel *sel,
		    struct virtnet_dev *dev);

/*
 * Replace the kernel's port table (PORT_SET): n ports (1..2); lag says the
 * single port is a LAG device. Fails with EBUSY when a port that devices
 * use would be removed or renamed.
 */
int virtnet_ports_set(struct virtnet_genl *g, const struct virtnet_port *ports,
		      unsigned int n, bool lag);

/*
 * Make each configured port keep size idle SFs (SF_POOL_SET). Fails with
 * ENOSPC when the pool and a port's devices would exceed pf_total_sf; the
 * pool is then unchanged.
 */
int virtnet_sf_pool_set(struct virtnet_genl *g, uint32_t size);

#endif /* VIRTNET_OPS_H */
