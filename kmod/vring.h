/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device side of a split virtqueue.
 *
 * The driver (the stock virtio_net) owns the ring memory and is untrusted:
 * every descriptor is read once into a local copy and then checked (index
 * ranges, loops, direction, address wrap, mappable memory, total length,
 * indirect table rules) before anything is touched. A violation makes
 * vnet_vring_pop() return -EPROTO with a reason; the caller then stops the
 * queue.
 *
 * This file has no kernel dependencies beyond the few helpers in
 * vring_env.h, so the same code is unit-tested and fuzzed in userspace.
 */
#ifndef VNET_VRING_H
#define VNET_VRING_H

#include "vring_env.h"

/* Longest chain we accept (segments after skipping zero-length ones). */
#define VNET_CHAIN_MAX_SEGS	64

enum vnet_dir {
	VNET_DIR_DEVICE_READS,	/* host TX queue: readable descriptors only */
	VNET_DIR_DEVICE_WRITES,	/* host RX queue: writable descriptors only */
	VNET_DIR_BOTH,		/* control queue: readable, then writable */
};

struct vnet_iov {
	void *base;
	u32 len;
};

struct vnet_chain {
	u16 head;
	u16 nr_read;		/* iov[0 .. nr_read) are readable */
	u16 nr_write;		/* iov[nr_read .. nr_read + nr_write) writable */
	u32 read_len;
	u32 write_len;
	struct vnet_iov iov[VNET_CHAIN_MAX_SEGS];
};

/*
 * Maps @len bytes at the driver's address @addr for the device to read
 * (or, with @write, to write). Returns the kernel address of the first
 * *@got bytes (1 <= *@got <= @len; the rest may lie elsewhere, as pages
 * behind an IOTLB do), or NULL if that memory is not the driver's to
 * give; then *@why may name the rule broken (it keeps the engine's
 * default otherwise).
 */
typedef void *(*vnet_map_fn)(void *ctx, u64 addr, u32 len, bool write,
			     u32 *got, const char **why);

struct vnet_vring {
	u32 num;			/* ring size, a power of two */
	bool little_endian;
	bool indirect;			/* VIRTIO_RING_F_INDIRECT_DESC */
	bool event_idx;			/* VIRTIO_RING_F_EVENT_IDX */
	bool signalled_valid;		/* signalled_used means something */
	u16 signalled_used;		/* used idx at the last interrupt */
	const struct vring_desc *desc;
	const struct vring_avail *avail;
	struct vring_used *used;
	u16 last_avail_idx;		/* next avail entry to consume */
	u16 used_idx;			/* next used entry to fill */
	vnet_map_fn map;
	void *map_ctx;
};

void vnet_vring_init(struct vnet_vring *vr, u32 num, const void *desc,
		     const void *avail, void *used, bool little_endian,
		     bool indirect, bool event_idx, vnet_map_fn map,
		     void *map_ctx);
void vnet_vring_set_base(struct vnet_vring *vr, u16 last_avail_idx);
int vnet_vring_pop(struct vnet_vring *vr, enum vnet_dir dir, u32 max_len,
		   struct vnet_chain *ch, const char **why);
int vnet_vring_pending(struct vnet_vring *vr, const char **why);
void vnet_vring_unpop(struct vnet_vring *vr, u16 nr);
void vnet_vring_push(struct vnet_vring *vr, u16 head, u32 len);
void vnet_vring_unpush(struct vnet_vring *vr, u16 nr);
void vnet_vring_publish(struct vnet_vring *vr);
bool vnet_vring_should_interrupt(struct vnet_vring *vr);
bool vnet_vring_interrupt_unwanted(struct vnet_vring *vr);
int vnet_vring_enable_notify(struct vnet_vring *vr, const char **why);

/* Byte copies between a chain's segments and flat memory. */
struct vnet_iov_iter {
	const struct vnet_iov *iov;
	u16 nr;
	u16 idx;
	u32 off;
};

void vnet_iov_iter_init(struct vnet_iov_iter *it, const struct vnet_iov *iov,
			u16 nr);
u32 vnet_iov_next(struct vnet_iov_iter *it, void **base, u32 max);
u32 vnet_iov_pull(struct vnet_iov_iter *it, void *dst, u32 len);
u32 vnet_iov_push(struct vnet_iov_iter *it, const void *src, u32 len);

#endif /* VNET_VRING_H */
