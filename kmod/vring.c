// SPDX-License-Identifier: GPL-2.0
/*
 * Device-side split virtqueue engine: consume available chains, validate
 * them, publish used entries. See vring.h for the trust model.
 *
 * Barrier rules (virtio 1.x, 2.7.13): read avail->idx, then virt_rmb(),
 * then ring entries and descriptors; write used elements, virt_wmb(),
 * then used->idx; virt_mb() before reading avail->flags to decide on an
 * interrupt.
 */
#include "vring.h"

#define vr16(vr, v)	__virtio16_to_cpu((vr)->little_endian, v)
#define vr32(vr, v)	__virtio32_to_cpu((vr)->little_endian, v)
#define vr64(vr, v)	__virtio64_to_cpu((vr)->little_endian, v)

void vnet_vring_init(struct vnet_vring *vr, u32 num, const void *desc,
		     const void *avail, void *used, bool little_endian,
		     bool indirect, bool event_idx, vnet_map_fn map,
		     void *map_ctx)
{
	vr->event_idx = event_idx;
	vr->signalled_valid = false;
	vr->signalled_used = 0;
	vr->num = num;
	vr->desc = desc;
	vr->avail = avail;
	vr->used = used;
	vr->little_endian = little_endian;
	vr->indirect = indirect;
	vr->map = map;
	vr->map_ctx = map_ctx;
	vr->last_avail_idx = 0;
	vr->used_idx = vr16(vr, READ_ONCE(vr->used->idx));
}

/*
 * Where the device resumes (vDPA set_vq_state): everything before
 * @last_avail_idx was consumed and, on a split ring, also completed.
 */
void vnet_vring_set_base(struct vnet_vring *vr, u16 last_avail_idx)
{
	vr->last_avail_idx = last_avail_idx;
	vr->used_idx = last_avail_idx;
	vr->signalled_valid = false;
}

/*
 * Number of chains the driver made available and we have not consumed,
 * or -EPROTO if avail->idx ran further ahead than the ring can hold.
 */
int vnet_vring_pending(struct vnet_vring *vr, const char **why)
{
	u16 avail_idx = vr16(vr, READ_ONCE(vr->avail->idx));
	u16 pending = avail_idx - vr->last_avail_idx;

	if (unlikely(pending > vr->num)) {
		*why = "avail index moved further than the ring size";
		return -EPROTO;
	}
	return pending;
}

static int vnet_chain_add(struct vnet_vring *vr, struct vnet_chain *ch,
			  u64 addr, u32 len, bool write, u32 max_len,
			  const char **why)
{
	if (!len)
		return 0;
	if (unlikely(addr + len - 1 < addr)) {
		*why = "descriptor address range wraps";
		return -EPROTO;
	}
	if (unlikely(len > max_len - (write ? ch->write_len : ch->read_len))) {
		*why = "chain longer than the queue allows";
		return -EPROTO;
	}
	/* One segment per contiguous piece of the driver's memory. */
	while (len) {
		struct vnet_iov *v = &ch->iov[ch->nr_read + ch->nr_write];
		u32 got = 0;
		void *base;

		if (unlikely(ch->nr_read + ch->nr_write >=
			     VNET_CHAIN_MAX_SEGS)) {
			*why = "chain has too many segments";
			return -EPROTO;
		}
		*why = "descriptor points outside RAM";
		base = vr->map(vr->map_ctx, addr, len, write, &got, why);
		if (unlikely(!base || !got || got > len))
			return -EPROTO;
		*why = NULL;
		v->base = base;
		v->len = got;
		if (write) {
			ch->nr_write++;
			ch->write_len += got;
		} else {
			ch->nr_read++;
			ch->read_len += got;
		}
		addr += got;
		len -= got;
	}
	return 0;
}

/*
 * Pops the next available chain into @ch. Returns 1 if a chain was
 * popped, 0 if the ring is empty, -EPROTO on a ring violation (then @why
 * says which rule was broken and the ring state is unchanged).
 * @max_len caps the readable and the writable byte counts separately.
 */
int vnet_vring_pop(struct vnet_vring *vr, enum vnet_dir dir, u32 max_len,
		   struct vnet_chain *ch, const char **why)
{
	const struct vring_desc *table = vr->desc;
	u32 table_size = vr->num, steps = 0, got, i;
	bool indirect_seen = false;
	int pending, err;
	u16 head;

	pending = vnet_vring_pending(vr, why);
	if (pending <= 0)
		return pending;
	/* Entries and descriptors must not be read before avail->idx. */
	virt_rmb();

	head = vr16(vr, READ_ONCE(vr->avail->ring[vr->last_avail_idx &
						 (vr->num - 1)]));
	if (unlikely(head >= vr->num)) {
		*why = "avail ring entry out of range";
		return -EPROTO;
	}

	ch->head = head;
	ch->nr_read = 0;
	ch->nr_write = 0;
	ch->read_len = 0;
	ch->write_len = 0;

	for (i = head;;) {
		struct vring_desc d;
		u16 flags;

		if (unlikely(++steps > table_size)) {
			*why = "descriptor chain loops";
			return -EPROTO;
		}
		/* One copy: the driver may change the table under us. */
		d.addr = READ_ONCE(table[i].addr);
		d.len = READ_ONCE(table[i].len);
		d.flags = READ_ONCE(table[i].flags);
		d.next = READ_ONCE(table[i].next);
		flags = vr16(vr, d.flags);

		if (flags & VRING_DESC_F_INDIRECT) {
			u32 len = vr32(vr, d.len);
			u64 addr = vr64(vr, d.addr);

			if (unlikely(!vr->indirect)) {
				*why = "indirect descriptor not negotiated";
				return -EPROTO;
			}
			if (unlikely(indirect_seen)) {
				*why = "nested indirect descriptor";
				return -EPROTO;
			}
			if (unlikely(flags & VRING_DESC_F_NEXT)) {
				*why = "indirect descriptor with NEXT set";
				return -EPROTO;
			}
			if (unlikely(!len || len % sizeof(d) ||
				     len / sizeof(d) > 65536)) {
				*why = "indirect table length invalid";
				return -EPROTO;
			}
			if (unlikely(addr + len - 1 < addr)) {
				*why = "indirect table address range wraps";
				return -EPROTO;
			}
			*why = "indirect table points outside RAM";
			table = vr->map(vr->map_ctx, addr, len, false, &got,
					why);
			if (unlikely(!table || got > len))
				return -EPROTO;
			/* The table is read in place: it must be in one piece. */
			if (unlikely(got < len)) {
				*why = "indirect table is not contiguous in the device's view";
				return -EPROTO;
			}
			*why = NULL;
			table_size = len / sizeof(d);
			indirect_seen = true;
			steps = 0;
			i = 0;
			continue;
		}

		if (flags & VRING_DESC_F_WRITE) {
			if (unlikely(dir == VNET_DIR_DEVICE_READS)) {
				*why = "writable descriptor on a transmit queue";
				return -EPROTO;
			}
		} else {
			if (unlikely(dir == VNET_DIR_DEVICE_WRITES)) {
				*why = "readable descriptor on a receive queue";
				return -EPROTO;
			}
			if (unlikely(ch->nr_write)) {
				*why = "readable descriptor after a writable one";
				return -EPROTO;
			}
		}

		err = vnet_chain_add(vr, ch, vr64(vr, d.addr), vr32(vr, d.len),
				     flags & VRING_DESC_F_WRITE, max_len, why);
		if (err)
			return err;

		if (!(flags & VRING_DESC_F_NEXT))
			break;
		i = vr16(vr, d.next);
		if (unlikely(i >= table_size)) {
			*why = "next descriptor index out of range";
			return -EPROTO;
		}
	}

	vr->last_avail_idx++;
	return 1;
}

/* Gives back the last @nr popped chains (nothing was published). */
void vnet_vring_unpop(struct vnet_vring *vr, u16 nr)
{
	vr->last_avail_idx -= nr;
}

void vnet_vring_push(struct vnet_vring *vr, u16 head, u32 len)
{
	struct vring_used_elem *e = &vr->used->ring[vr->used_idx &
						    (vr->num - 1)];

	WRITE_ONCE(e->id, __cpu_to_virtio32(vr->little_endian, head));
	WRITE_ONCE(e->len, __cpu_to_virtio32(vr->little_endian, len));
	vr->used_idx++;
}

/* Forgets the last @nr pushed but unpublished used entries. */
void vnet_vring_unpush(struct vnet_vring *vr, u16 nr)
{
	vr->used_idx -= nr;
}

void vnet_vring_publish(struct vnet_vring *vr)
{
	/* Used elements must be visible before the index that covers them. */
	virt_wmb();
	WRITE_ONCE(vr->used->idx,
		   __cpu_to_virtio16(vr->little_endian, vr->used_idx));
}

/*
 * With EVENT_IDX the driver says in used_event (after the avail ring)
 * which used index it wants an interrupt for; without, it can only turn
 * interrupts off altogether with a flag. Changes nothing.
 */
static bool vnet_vring_wants_interrupt(struct vnet_vring *vr)
{
	u16 event;

	/* Order the used->idx store before the avail side loads. */
	virt_mb();
	if (!vr->event_idx)
		return !(vr16(vr, READ_ONCE(vr->avail->flags)) &
			 VRING_AVAIL_F_NO_INTERRUPT);
	if (unlikely(!vr->signalled_valid))
		return true;
	event = vr16(vr, READ_ONCE(vr->avail->ring[vr->num]));
	return vring_need_event(event, vr->used_idx, vr->signalled_used);
}

/* Decides the interrupt for what is published so far, and settles it. */
bool vnet_vring_should_interrupt(struct vnet_vring *vr)
{
	bool want = vnet_vring_wants_interrupt(vr);

	if (vr->event_idx) {
		vr->signalled_used = vr->used_idx;
		vr->signalled_valid = true;
	}
	return want;
}

/*
 * Whether the driver opted out of an interrupt for what is published so
 * far. If it did, that is settled now, as vnet_vring_should_interrupt()
 * would settle it (a driver that opts back in checks the used index
 * itself afterwards); if it did not, nothing changes and the caller
 * leaves the decision to vnet_vring_should_interrupt() later.
 */
bool vnet_vring_interrupt_unwanted(struct vnet_vring *vr)
{
	if (vnet_vring_wants_interrupt(vr))
		return false;
	if (vr->event_idx)
		vr->signalled_used = vr->used_idx;
	return true;
}

/*
 * Ask for a notification when the driver makes the next chain available
 * (EVENT_IDX: avail_event, after the used ring; without it the driver
 * always notifies). Returns what vnet_vring_pending() says afterwards: a
 * chain that arrived before the request was seen gets no notification,
 * so the caller must process it.
 */
int vnet_vring_enable_notify(struct vnet_vring *vr, const char **why)
{
	if (vr->event_idx) {
		__virtio16 *avail_event =
			(__virtio16 *)&vr->used->ring[vr->num];

		WRITE_ONCE(*avail_event,
			   __cpu_to_virtio16(vr->little_endian,
					     vr->last_avail_idx));
		/* The store must be visible before we read avail->idx. */
		virt_mb();
	}
	return vnet_vring_pending(vr, why);
}

void vnet_iov_iter_init(struct vnet_iov_iter *it, const struct vnet_iov *iov,
			u16 nr)
{
	it->iov = iov;
	it->nr = nr;
	it->idx = 0;
	it->off = 0;
}

/*
 * Returns the next contiguous piece of the chain, at most @max bytes, in
 * *@base and advances past it; 0 at the end of the chain.
 */
u32 vnet_iov_next(struct vnet_iov_iter *it, void **base, u32 max)
{
	const struct vnet_iov *v;
	u32 n;

	if (it->idx >= it->nr || !max)
		return 0;
	v = &it->iov[it->idx];
	n = v->len - it->off;
	if (n > max)
		n = max;
	*base = (u8 *)v->base + it->off;
	it->off += n;
	if (it->off == v->len) {
		it->idx++;
		it->off = 0;
	}
	return n;
}

/* Copies up to @len bytes out of the chain; returns the count copied. */
u32 vnet_iov_pull(struct vnet_iov_iter *it, void *dst, u32 len)
{
	u32 done = 0, n;
	void *base;

	while ((n = vnet_iov_next(it, &base, len - done))) {
		memcpy((u8 *)dst + done, base, n);
		done += n;
	}
	return done;
}

/* Copies up to @len bytes into the chain; returns the count copied. */
u32 vnet_iov_push(struct vnet_iov_iter *it, const void *src, u32 len)
{
	u32 done = 0, n;
	void *base;

	while ((n = vnet_iov_next(it, &base, len - done))) {
		memcpy(base, (const u8 *)src + done, n);
		done += n;
	}
	return done;
}
