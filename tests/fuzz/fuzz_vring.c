// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_vring.c - libFuzzer target for the module's device-side split
 * virtqueue engine (kmod/vring.c), built for userspace against
 * tests/unit/kshim.
 *
 * The input is a whole hostile driver: a ring it laid out, buffer memory,
 * and a script of what the device does and what the driver changes in
 * between (and, with the race flag, while the device is in the middle of
 * vnet_vring_pop()). Every allocation is exactly as large as the virtio
 * layout says, so ASan sees any read or write past it.
 *
 * Input layout (little-endian; missing bytes read as zero):
 *
 *   0   u8   order      ring size num = 1 << (order % 9), i.e. 1..256
 *   1   u8   flags      bit 0 indirect negotiated, bits 1-2 enum vnet_dir
 *                       (% 3), bit 3 race (the driver writes to its
 *                       memory from inside the map callback)
 *   2   u32  max_len    the queue's cap on each direction's bytes
 *   6   u16  arena_len  bytes of buffer memory
 *   8   u16  start      last_avail_idx the device starts from
 *   10  u16  used_idx   used->idx the driver initialised
 *   12  num * 16 bytes  descriptor table
 *   ..  4 + 2 * num     avail ring: flags, idx, ring[num]
 *   ..  arena_len       the arena
 *   ..  rest            operations (see enum op), at most MAX_OPS
 *
 * Guest "physical" memory the map callback knows: the arena at ARENA_BASE,
 * the descriptor table at DESC_BASE and the avail ring at AVAIL_BASE (a
 * driver may point buffers at its own ring). Everything else, including
 * the used ring, is not RAM.
 *
 * After the operations the device drains the ring (pop, copy, push every
 * chain, publish) so that even a bare ring layout exercises the engine.
 *
 * Invariants checked (abort() on violation):
 *  - pending/pop agree with avail->idx - last_avail_idx: more than num is
 *    -EPROTO, zero is 0, and pending returns the count otherwise;
 *  - -EPROTO comes with a non-empty *why and leaves the ring state
 *    unchanged; 0 changes nothing; 1 advances last_avail_idx by exactly 1;
 *  - a popped chain: head < num, nr_read + nr_write <= VNET_CHAIN_MAX_SEGS,
 *    directions match the queue, every iov is non-empty, lies inside the
 *    memory region it was mapped from and is exactly (in order) a range
 *    the map callback handed out during that pop, and read_len/write_len
 *    are the sums of the iov lengths and at most max_len;
 *  - vnet_iov_pull/push copy exactly read_len/write_len bytes in chunks
 *    of any size, and pull returns the bytes the iovs hold;
 *  - push/unpush/unpop/publish move used_idx/last_avail_idx as the
 *    caller's model says, publish writes used->idx and the used elements;
 *  - should_interrupt and interrupt_unwanted follow avail->flags.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vring.h"

#define ARENA_BASE	0x10000ULL
#define DESC_BASE	0x100000ULL
#define AVAIL_BASE	0x200000ULL

#define HDR_LEN		12
#define MAX_OPS		512
#define MAX_POPS	1024	/* popped chains tracked by the caller model */
#define MAPLOG_MAX	128

enum op {
	OP_POP,
	OP_PENDING,
	OP_PUSH,		/* u32 len (mod write_len + 1) */
	OP_PUBLISH,
	OP_UNPUSH,		/* u8 nr */
	OP_UNPOP,		/* u8 nr */
	OP_INTERRUPT,
	OP_COPY,		/* u8 chunk - 1 */
	OP_DRV_POST,		/* u16 head: ring[idx % num] = head, idx++ */
	OP_DRV_AVAIL_IDX,	/* u16 idx */
	OP_DRV_DESC,		/* u8 index, 16 bytes */
	OP_DRV_AVAIL_ENTRY,	/* u8 index, u16 head */
	OP_DRV_ARENA,		/* u16 offset, u8 len - 1, bytes */
	OP_DRV_AVAIL_FLAGS,	/* u16 flags */
	OP_DRV_BUMP,		/* u8: avail->idx += (u8 % 8) + 1 */
	NR_OPS
};

struct mapping {
	void *base;
	u32 len;
};

/* The page size of the split map (small, so chains cross it often). */
#define SPLIT_PAGE	64

struct fuzz {
	/* The operation stream. */
	const u8 *ops;
	size_t nops, opos;
	unsigned int nr_ops;

	/* Driver memory, each block allocated to its exact size. */
	u32 num;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u8 *arena;
	u32 arena_len;

	/* The device. */
	struct vnet_vring vr;
	enum vnet_dir dir;
	u32 max_len;
	bool race;
	bool split;		/* map() hands out SPLIT_PAGE pieces */

	/* Successful map calls of the current pop. */
	struct mapping maplog[MAPLOG_MAX];
	unsigned int nmap;
	bool maplog_full;

	/*
	 * The caller's model: chains popped and not yet published are
	 * [front, back) of heads[]; the first npushed of them are pushed.
	 */
	u16 heads[MAX_POPS];
	u32 wlen[MAX_POPS];
	u32 plen[MAX_POPS];
	unsigned int front, back, npushed;
	unsigned int pushed_hi;	/* most pushed since the last publish */
	u16 exp_last_avail;
	u16 exp_used;

	/* The most recently popped chain, for OP_COPY. */
	struct vnet_chain last;
	bool have_last;
};

#define FAIL(...)							\
	do {								\
		fprintf(stderr, "fuzz_vring: invariant broken: ");	\
		fprintf(stderr, __VA_ARGS__);				\
		fprintf(stderr, "\n");					\
		abort();						\
	} while (0)

/* Build with -DFUZZ_TRACE to see what an input does (make repro). */
#ifdef FUZZ_TRACE
#define TRACE(...)	fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...)	do { } while (0)
#endif

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond))						\
			FAIL(__VA_ARGS__);				\
	} while (0)

static u8 op_u8(struct fuzz *f)
{
	return f->opos < f->nops ? f->ops[f->opos++] : 0;
}

static u16 op_u16(struct fuzz *f)
{
	u16 lo = op_u8(f);

	return lo | (u16)op_u8(f) << 8;
}

static u32 op_u32(struct fuzz *f)
{
	u32 lo = op_u16(f);

	return lo | (u32)op_u16(f) << 16;
}

static void op_bytes(struct fuzz *f, void *dst, size_t n)
{
	size_t have = f->nops - f->opos;

	if (!n)
		return;
	if (have > n)
		have = n;
	if (have)
		memcpy(dst, f->ops + f->opos, have);
	memset((u8 *)dst + have, 0, n - have);
	f->opos += have;
}

/* Copies @n input bytes to @dst, zero-filling past the end of the input. */
static void take(const u8 **data, size_t *size, void *dst, size_t n)
{
	size_t have = *size < n ? *size : n;

	if (!n)
		return;
	if (have)
		memcpy(dst, *data, have);
	memset((u8 *)dst + have, 0, n - have);
	*data += have;
	*size -= have;
}

static void *region(u64 base, void *mem, u32 size, u64 addr, u32 len)
{
	u64 off;

	if (addr < base)
		return NULL;
	off = addr - base;
	if (off > size || len > size - off)
		return NULL;
	return (u8 *)mem + off;
}

static bool inside(const void *p, u32 len, const void *mem, u32 size)
{
	uintptr_t a = (uintptr_t)p, m = (uintptr_t)mem;

	return a >= m && a - m <= size && len <= size - (a - m);
}

static bool in_some_region(struct fuzz *f, const void *p, u32 len)
{
	return inside(p, len, f->arena, f->arena_len) ||
	       inside(p, len, f->desc, f->num * sizeof(*f->desc)) ||
	       inside(p, len, f->avail, 4 + 2 * f->num);
}

/* The driver writes to its memory (between operations, or racing a pop). */
static void drv_desc(struct fuzz *f)
{
	u32 i = op_u8(f) % f->num;

	op_bytes(f, &f->desc[i], sizeof(f->desc[i]));
}

static void drv_avail_entry(struct fuzz *f)
{
	u32 i = op_u8(f) % f->num;

	f->avail->ring[i] = op_u16(f);
}

static void drv_arena(struct fuzz *f)
{
	u32 off = op_u16(f), len = (op_u8(f) % 32) + 1;

	if (!f->arena_len)
		return;
	off %= f->arena_len;
	if (len > f->arena_len - off)
		len = f->arena_len - off;
	op_bytes(f, f->arena + off, len);
}

static void race(struct fuzz *f)
{
	switch (op_u8(f) & 7) {
	case 4:
		drv_desc(f);
		break;
	case 5:
		drv_arena(f);
		break;
	case 6:
		f->avail->idx = op_u16(f);
		break;
	case 7:
		drv_avail_entry(f);
		break;
	default:
		break;		/* mostly the driver stays quiet */
	}
}

static void *fuzz_map(void *ctx, u64 addr, u32 len, bool write, u32 *got,
		      const char **why)
{
	struct fuzz *f = ctx;
	void *p;

	(void)write;
	(void)why;
	/* Discontiguous "pages" (an IOTLB's view): map up to the boundary. */
	if (f->split && len > SPLIT_PAGE - addr % SPLIT_PAGE)
		len = SPLIT_PAGE - addr % SPLIT_PAGE;
	*got = len;

	p = region(ARENA_BASE, f->arena, f->arena_len, addr, len);
	if (!p)
		p = region(DESC_BASE, f->desc, f->num * sizeof(*f->desc),
			   addr, len);
	if (!p)
		p = region(AVAIL_BASE, f->avail, 4 + 2 * f->num, addr, len);
	if (p) {
		if (f->nmap < MAPLOG_MAX) {
			f->maplog[f->nmap].base = p;
			f->maplog[f->nmap].len = len;
			f->nmap++;
		} else {
			f->maplog_full = true;
		}
	}
	if (f->race)
		race(f);
	return p;
}

/* Everything but the two indices is fixed for the ring's life. */
static void check_state(struct fuzz *f, const char *after)
{
	const struct vnet_vring *vr = &f->vr;

	CHECK(vr->num == f->num && vr->desc == f->desc &&
	      vr->avail == f->avail && vr->used == f->used &&
	      vr->map == fuzz_map && vr->map_ctx == f &&
	      vr->little_endian, "%s: ring configuration changed", after);
	CHECK(vr->last_avail_idx == f->exp_last_avail,
	      "%s: last_avail_idx %u, expected %u", after,
	      vr->last_avail_idx, f->exp_last_avail);
	CHECK(vr->used_idx == f->exp_used, "%s: used_idx %u, expected %u",
	      after, vr->used_idx, f->exp_used);
}

static void check_chain(struct fuzz *f, const struct vnet_chain *ch)
{
	u64 rsum = 0, wsum = 0;
	unsigned int k, j = 0, nr = ch->nr_read + ch->nr_write;

	CHECK(ch->head < f->num, "popped head %u >= num %u", ch->head, f->num);
	CHECK(nr <= VNET_CHAIN_MAX_SEGS, "chain has %u + %u segments",
	      ch->nr_read, ch->nr_write);
	CHECK(f->dir != VNET_DIR_DEVICE_READS || !ch->nr_write,
	      "writable segments on a device-reads queue");
	CHECK(f->dir != VNET_DIR_DEVICE_WRITES || !ch->nr_read,
	      "readable segments on a device-writes queue");
	for (k = 0; k < nr; k++) {
		const struct vnet_iov *v = &ch->iov[k];

		CHECK(v->len, "iov %u is empty", k);
		CHECK(in_some_region(f, v->base, v->len),
		      "iov %u (%p, %u) is outside driver memory", k, v->base,
		      v->len);
		if (!f->maplog_full) {
			while (j < f->nmap && (f->maplog[j].base != v->base ||
					       f->maplog[j].len != v->len))
				j++;
			CHECK(j < f->nmap,
			      "iov %u (%p, %u) is not a range map() returned",
			      k, v->base, v->len);
			j++;
		}
		if (k < ch->nr_read)
			rsum += v->len;
		else
			wsum += v->len;
	}
	CHECK(rsum == ch->read_len, "read_len %u, iovs sum to %llu",
	      ch->read_len, (unsigned long long)rsum);
	CHECK(wsum == ch->write_len, "write_len %u, iovs sum to %llu",
	      ch->write_len, (unsigned long long)wsum);
	CHECK(ch->read_len <= f->max_len && ch->write_len <= f->max_len,
	      "chain (%u, %u) longer than max_len %u", ch->read_len,
	      ch->write_len, f->max_len);
}

static int do_pop(struct fuzz *f)
{
	struct vnet_chain ch;
	const char *why = NULL;
	u16 pend = f->avail->idx - f->vr.last_avail_idx;
	int ret;

	if (f->back >= MAX_POPS)
		return 0;
	f->nmap = 0;
	f->maplog_full = false;
	memset(&ch, 0xa5, sizeof(ch));
	ret = vnet_vring_pop(&f->vr, f->dir, f->max_len, &ch, &why);
	TRACE("pop -> %d%s%s", ret, ret < 0 ? ": " : "", ret < 0 ? why : "");
	if (ret == 1)
		TRACE(" head %u, %u read (%u bytes), %u write (%u bytes)",
		      ch.head, ch.nr_read, ch.read_len, ch.nr_write,
		      ch.write_len);
	TRACE("\n");
	switch (ret) {
	case 1:
		CHECK(pend && pend <= f->num,
		      "pop succeeded with %u pending on a ring of %u", pend,
		      f->num);
		f->exp_last_avail++;
		check_state(f, "pop returned 1");
		check_chain(f, &ch);
		f->heads[f->back] = ch.head;
		f->wlen[f->back] = ch.write_len;
		f->back++;
		f->last = ch;
		f->have_last = true;
		break;
	case 0:
		CHECK(!pend, "pop returned 0 with %u pending", pend);
		check_state(f, "pop returned 0");
		break;
	case -EPROTO:
		CHECK(why && *why, "pop returned -EPROTO without a reason");
		CHECK(pend, "pop returned -EPROTO (%s) on an empty ring", why);
		check_state(f, "pop returned -EPROTO");
		break;
	default:
		FAIL("pop returned %d", ret);
	}
	CHECK(pend <= f->num || ret == -EPROTO,
	      "pop returned %d with %u pending on a ring of %u", ret, pend,
	      f->num);
	return ret;
}

static void do_pending(struct fuzz *f)
{
	const char *why = NULL;
	u16 pend = f->avail->idx - f->vr.last_avail_idx;
	int ret = vnet_vring_pending(&f->vr, &why);

	if (pend > f->num) {
		CHECK(ret == -EPROTO, "pending returned %d for %u on a ring of %u",
		      ret, pend, f->num);
		CHECK(why && *why, "pending returned -EPROTO without a reason");
	} else {
		CHECK(ret == pend, "pending returned %d, expected %u", ret,
		      pend);
	}
	check_state(f, "pending");
}

/* Pushes the oldest popped, unpushed chain. */
static void do_push(struct fuzz *f, u32 len, bool whole)
{
	unsigned int i = f->front + f->npushed;

	if (i >= f->back)
		return;
	len = whole ? f->wlen[i] : (u32)(len % ((u64)f->wlen[i] + 1));
	TRACE("push head %u len %u at used %u\n", f->heads[i], len,
	      f->exp_used);
	vnet_vring_push(&f->vr, f->heads[i], len);
	f->plen[i] = len;
	f->npushed++;
	if (f->npushed > f->pushed_hi)
		f->pushed_hi = f->npushed;
	f->exp_used++;
	check_state(f, "push");
}

static void do_unpush(struct fuzz *f, u8 nr)
{
	nr %= f->npushed + 1;
	TRACE("unpush %u\n", nr);
	vnet_vring_unpush(&f->vr, nr);
	f->npushed -= nr;
	f->exp_used -= nr;
	check_state(f, "unpush");
}

static void do_unpop(struct fuzz *f, u8 nr)
{
	nr %= f->back - f->front - f->npushed + 1;
	TRACE("unpop %u\n", nr);
	vnet_vring_unpop(&f->vr, nr);
	f->back -= nr;
	f->exp_last_avail -= nr;
	f->have_last = false;
	check_state(f, "unpop");
}

static void do_publish(struct fuzz *f)
{
	unsigned int n = f->npushed, k;

	TRACE("publish %u at used %u\n", n, f->exp_used);
	vnet_vring_publish(&f->vr);
	check_state(f, "publish");
	CHECK(f->used->idx == f->exp_used, "used->idx %u after publish of %u",
	      f->used->idx, f->exp_used);
	CHECK(!f->used->flags, "device wrote used->flags");
	/*
	 * Used entries written since the last publish are [0, pushed_hi)
	 * above the old used->idx (unpush does not erase them): each
	 * published entry k survives unless a later entry k + num was
	 * written (a hostile driver made more than num chains available).
	 */
	for (k = f->pushed_hi > f->num ? f->pushed_hi - f->num : 0; k < n;
	     k++) {
		u16 idx = f->exp_used - n + k;
		const struct vring_used_elem *e =
			&f->used->ring[idx & (f->num - 1)];

		CHECK(e->id == f->heads[f->front + k] &&
		      e->len == f->plen[f->front + k],
		      "used elem %u is (%u, %u), pushed (%u, %u)", idx, e->id,
		      e->len, f->heads[f->front + k], f->plen[f->front + k]);
	}
	f->front += n;
	f->npushed = 0;
	f->pushed_hi = 0;
}

static void do_interrupt(struct fuzz *f)
{
	bool want = !(f->avail->flags & VRING_AVAIL_F_NO_INTERRUPT);

	CHECK(vnet_vring_interrupt_unwanted(&f->vr) == !want,
	      "interrupt_unwanted disagrees with avail->flags %#x",
	      f->avail->flags);
	CHECK(vnet_vring_should_interrupt(&f->vr) == want,
	      "should_interrupt disagrees with avail->flags %#x",
	      f->avail->flags);
	check_state(f, "should_interrupt");
}

/* Copies the chain out and in through the iov helpers, @chunk at a time. */
static void do_copy(const struct vnet_chain *ch, u32 chunk)
{
	struct vnet_iov_iter it;
	u8 buf[256];
	u32 total = 0, n, seg = 0, off = 0, k;
	void *base;

	CHECK(chunk && chunk <= sizeof(buf), "bad chunk %u", chunk);

	vnet_iov_iter_init(&it, ch->iov, ch->nr_read);
	CHECK(!vnet_iov_next(&it, &base, 0), "iov_next copied with max 0");
	while ((n = vnet_iov_pull(&it, buf, chunk))) {
		u32 want = ch->read_len - total < chunk ?
			   ch->read_len - total : chunk;

		CHECK(n == want, "pull returned %u, expected %u", n, want);
		/* The bytes are the iovs' bytes, in order. */
		for (k = 0; k < n; k++) {
			const struct vnet_iov *v = &ch->iov[seg];

			CHECK(buf[k] == ((u8 *)v->base)[off],
			      "pulled byte %u differs from iov %u + %u",
			      total + k, seg, off);
			if (++off == v->len) {
				seg++;
				off = 0;
			}
		}
		total += n;
	}
	CHECK(total == ch->read_len, "pulled %u of read_len %u", total,
	      ch->read_len);

	total = 0;
	memset(buf, 0x5a, sizeof(buf));
	vnet_iov_iter_init(&it, ch->iov + ch->nr_read, ch->nr_write);
	while ((n = vnet_iov_push(&it, buf, chunk))) {
		u32 want = ch->write_len - total < chunk ?
			   ch->write_len - total : chunk;

		CHECK(n == want, "push returned %u, expected %u", n, want);
		total += n;
	}
	CHECK(total == ch->write_len, "pushed %u of write_len %u", total,
	      ch->write_len);
}

static void run_op(struct fuzz *f)
{
	switch (op_u8(f) % NR_OPS) {
	case OP_POP:
		do_pop(f);
		break;
	case OP_PENDING:
		do_pending(f);
		break;
	case OP_PUSH:
		do_push(f, op_u32(f), false);
		break;
	case OP_PUBLISH:
		do_publish(f);
		break;
	case OP_UNPUSH:
		do_unpush(f, op_u8(f));
		break;
	case OP_UNPOP:
		do_unpop(f, op_u8(f));
		break;
	case OP_INTERRUPT:
		do_interrupt(f);
		break;
	case OP_COPY:
		if (f->have_last)
			do_copy(&f->last, op_u8(f) + 1u);
		break;
	case OP_DRV_POST:
		f->avail->ring[f->avail->idx & (f->num - 1)] = op_u16(f);
		f->avail->idx++;
		break;
	case OP_DRV_AVAIL_IDX:
		f->avail->idx = op_u16(f);
		break;
	case OP_DRV_DESC:
		drv_desc(f);
		break;
	case OP_DRV_AVAIL_ENTRY:
		drv_avail_entry(f);
		break;
	case OP_DRV_ARENA:
		drv_arena(f);
		break;
	case OP_DRV_AVAIL_FLAGS:
		f->avail->flags = op_u16(f);
		break;
	case OP_DRV_BUMP:
		f->avail->idx += op_u8(f) % 8 + 1;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz *f;
	u8 hdr[HDR_LEN];
	u16 used_idx;
	unsigned int i;

	f = calloc(1, sizeof(*f));
	if (!f)
		abort();

	take(&data, &size, hdr, sizeof(hdr));
	f->num = 1u << (hdr[0] % 9);
	f->dir = (enum vnet_dir)(((hdr[1] >> 1) & 3) % 3);
	f->race = hdr[1] & 8;
	f->split = hdr[1] & 16;
	f->max_len = hdr[2] | hdr[3] << 8 | hdr[4] << 16 | (u32)hdr[5] << 24;
	f->arena_len = hdr[6] | hdr[7] << 8;
	used_idx = hdr[10] | hdr[11] << 8;

	f->desc = malloc(f->num * sizeof(*f->desc));
	f->avail = malloc(4 + 2 * f->num);
	f->used = malloc(4 + sizeof(struct vring_used_elem) * f->num);
	f->arena = malloc(f->arena_len);
	if (!f->desc || !f->avail || !f->used || (!f->arena && f->arena_len))
		abort();
	take(&data, &size, f->desc, f->num * sizeof(*f->desc));
	take(&data, &size, f->avail, 4 + 2 * f->num);
	take(&data, &size, f->arena, f->arena_len);
	memset(f->used, 0, 4 + sizeof(struct vring_used_elem) * f->num);
	f->used->idx = used_idx;
	f->ops = data;
	f->nops = size;

	vnet_vring_init(&f->vr, f->num, f->desc, f->avail, f->used, true,
			hdr[1] & 1, false, fuzz_map, f);
	/* A device that has already consumed @start chains. */
	f->vr.last_avail_idx = hdr[8] | hdr[9] << 8;
	f->exp_last_avail = f->vr.last_avail_idx;
	f->exp_used = used_idx;
	check_state(f, "init");
	CHECK(f->vr.indirect == (hdr[1] & 1), "init lost the indirect flag");

	for (f->nr_ops = 0; f->opos < f->nops && f->nr_ops < MAX_OPS;
	     f->nr_ops++)
		run_op(f);

	/* Drain: what the datapath does with whatever is left. */
	for (i = 0; i <= f->num; i++) {
		if (do_pop(f) != 1)
			break;
		do_copy(&f->last, 64);
	}
	while (f->front + f->npushed < f->back)
		do_push(f, 0, true);
	do_publish(f);
	do_interrupt(f);

	free(f->arena);
	free(f->used);
	free(f->avail);
	free(f->desc);
	free(f);
	return 0;
}
