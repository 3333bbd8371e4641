/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vDPA transport's own structures and the interfaces between its
 * files: vdpa.c (the config ops a vhost owner or virtio_vdpa drives),
 * vdpa_iotlb.c (the owner's IOTLB: mapping, translation, ring mapping;
 * vdpa_xlate.c the pure part of the translation),
 * vdpa_mgmt.c (the management device: vdpa dev add/del, attach/detach).
 * Private to those three.
 */
#ifndef VNET_VDPA_H
#define VNET_VDPA_H

#include <linux/vdpa.h>
#include <linux/vhost_iotlb.h>
#include <linux/workqueue.h>

#include "vnet.h"
#include "vdpa_xlate.h"

#define VNET_VDPA_MGMTDEV	"virtnet"
#define VNET_VDPA_QUEUE_SIZE	256
/* Features a vDPA function offers: the virtio-bus set and IOTLB access. */
#define VNET_VDPA_EXTRA_FEATURES	BIT_ULL(VIRTIO_F_ACCESS_PLATFORM)
/* Virtqueue groups and the address spaces they can be put in. */
#define VNET_VDPA_GROUP_DATA	0
#define VNET_VDPA_GROUP_CTRL	1
#define VNET_VDPA_NGROUPS	2
#define VNET_VDPA_NAS		2
/* How long suspend waits for lent transmit buffers to come back. */
#define VNET_VDPA_SUSPEND_WAIT	(2 * HZ)

struct vnet_ring_map {
	void *va;			/* kernel address of the ring area */
	void *vmapped;			/* vmap() base, if it was needed */
	struct page **pages;		/* referenced pages, npages of them */
	u32 npages;
};

struct vnet_vdpa_vq {
	u64 desc_addr, driver_addr, device_addr;
	u32 num;
	bool ready;
	bool has_base;
	bool moved;			/* address or base set while suspended */
	u16 base;			/* set_vq_state: next avail index */
	struct vdpa_callback cb;
	struct vnet_ring_map rings[3];	/* desc, avail, used */
	/* Touched only by whoever pops the queue (NAPI, or its lock). */
	struct vnet_iova_hit hit;
};

struct vnet_vdpa {
	struct vdpa_device vdpa;
	struct vnet_function *fn;
	u32 nvqs;
	struct vnet_vdpa_vq *vqs;
	struct vdpa_callback config_cb;
	bool identity;			/* virtio_vdpa: physical addresses */
	bool suspended;			/* under the function's state_lock */
	spinlock_t iotlb_lock;
	struct vhost_iotlb *iotlb[VNET_VDPA_NAS];
	u32 group_asid[VNET_VDPA_NGROUPS];
	/*
	 * Bumped under iotlb_lock when a mapping goes or a group changes
	 * address space; read without it.
	 */
	unsigned long iotlb_gen;
};

/* Pages of removed mappings, released after a grace period. */
struct vnet_iotlb_release {
	struct rcu_work rwork;
	u32 nr;
	struct { u64 pa, size; } runs[];
};

static inline struct vnet_vdpa *vdpa_to_v(struct vdpa_device *vdpa)
{
	return container_of(vdpa, struct vnet_vdpa, vdpa);
}

static inline struct vnet_function *vdpa_to_fn(struct vdpa_device *vdpa)
{
	return vdpa_to_v(vdpa)->fn;
}

/* Runs the page releases; drained before the module goes (vdpa_mgmt.c). */
extern struct workqueue_struct *vnet_vdpa_wq;

/* vdpa_iotlb.c */
void *vnet_vdpa_map(void *ctx, u64 addr, u32 len, bool write,
		    u32 *got, const char **why);
void vnet_ring_unmap(struct vnet_ring_map *m);
int vnet_ring_map(struct vnet_vdpa *v, struct vnet_queue *q,
		  struct vnet_ring_map *m, u64 iova, u64 size,
			 bool write, const char **why);
u64 vnet_ring_area_size(u32 i, u32 num);
int vnet_vdpa_dma_map(struct vdpa_device *vdpa, unsigned int asid,
		      u64 iova, u64 size, u64 pa, u32 perm,
			     void *opaque);
int vnet_vdpa_dma_unmap(struct vdpa_device *vdpa, unsigned int asid,
			u64 iova, u64 size);

/* vdpa.c */
struct vnet_queue *vnet_vdpa_queue(struct vnet_function *fn, u16 idx);
u32 vnet_vdpa_group_of(const struct vnet_queue *q);
void vnet_vdpa_reset_locked(struct vnet_vdpa *v);
extern const struct vnet_transport vnet_vdpa_transport;
extern const struct vdpa_config_ops vnet_vdpa_ops;

#endif /* VNET_VDPA_H */
