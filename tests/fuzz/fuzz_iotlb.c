// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_iotlb.c - libFuzzer target for the vDPA transport's IOVA
 * translation: kmod/vdpa_xlate.c (the argument rules of dma_map, dma_unmap
 * and ring mapping, the per-queue hit cache, the permission check), built
 * for userspace against tests/unit/kshim.
 *
 * The module's IOTLB tree (vhost_iotlb) is modelled here by a list of
 * mappings with the module's rules (vdpa_iotlb.c): two address spaces,
 * dma_map refuses a range that overlaps a mapping (-EEXIST), dma_unmap
 * removes every mapping the range touches and bumps the generation (as
 * does moving a group to another address space), and vnet_iova_lookup()
 * is the tree's itree_first(addr, addr) under the lock. Two queues, one
 * per virtqueue group, each with its own hit cache.
 *
 * Input: a stream of operations (enum op, then little-endian arguments;
 * missing bytes read as zero), at most MAX_OPS. Addresses are full u64s,
 * or near a mapping's first or last byte (the _NEAR operations), so that
 * the ends of ranges and of the address space are reached.
 *
 * Invariants checked (abort() on violation):
 *  - vnet_iova_range_ok/map_ok agree with the rules computed here without
 *    wrapping arithmetic (non-empty, no wrap of iova or pa range, perm a
 *    non-empty subset of VHOST_MAP_RW);
 *  - a translation succeeds exactly when a mapping of the queue's
 *    address space holds the address with the permission needed; then
 *    *pa = map.pa + (addr - map.start) and *got = min(len, bytes of the
 *    mapping from addr), so [addr, addr + got) lies inside the mapping
 *    (no wrap at the top of the address space), and the hit cache holds
 *    that mapping and the current generation; a failure names why;
 *  - a walk of [addr, addr + len) in translated pieces (how the ring
 *    engine maps a buffer) completes exactly when every byte is mapped
 *    with the permission, each piece non-empty and inside one mapping;
 *  - no translation ever uses a mapping that was unmapped (the model and
 *    the cache would disagree on pa or on success).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vdpa_xlate.h"
#include "fuzz_check.h"

#define MAX_OPS		256
#define MAX_MAPS	64
#define NAS		2
#define NGROUPS		2

enum op {
	OP_MAP,		/* u8 asid, u64 iova, u64 size, u64 pa, u8 perm */
	OP_MAP_NEAR,	/* u8 asid, near, u16 size - 1, u64 pa, u8 perm */
	OP_UNMAP,	/* u8 asid, u64 iova, u64 size */
	OP_UNMAP_NEAR,	/* u8 asid, near, u16 size - 1 */
	OP_XLATE,	/* u8 queue, u64 addr, u32 len, u8 write */
	OP_XLATE_NEAR,	/* u8 queue, near, u32 len, u8 write */
	OP_WALK_NEAR,	/* u8 queue, near, u32 len, u8 write */
	OP_SET_ASID,	/* u8 group, u8 asid */
	NR_OPS
};

struct mapping {
	u64 start, last, pa;
	u32 perm;
};

struct space {
	struct mapping m[MAX_MAPS];
	unsigned int n;
};

struct queue {
	unsigned int group;
	struct vnet_iova_hit hit;
};

static struct {
	const u8 *p;
	size_t left;
	struct space as[NAS];
	u32 group_asid[NGROUPS];
	unsigned long gen;
	struct queue q[NGROUPS];
	unsigned int lookups;
} s;

static u64 get(unsigned int bytes)
{
	u64 v = 0;

	for (unsigned int i = 0; i < bytes; i++) {
		u64 b = 0;

		if (s.left) {
			b = *s.p++;
			s.left--;
		}
		v |= b << (8 * i);
	}
	return v;
}

/*
 * near: u8 which (bit 0: the last byte, else the first; the rest picks a
 * mapping of any space), s16 delta. No mapping: the delta alone.
 */
static u64 get_near(void)
{
	unsigned int which = (unsigned int)get(1);
	int16_t delta = (int16_t)get(2);
	unsigned int total = s.as[0].n + s.as[1].n, i = (which >> 1);
	const struct mapping *m;

	if (!total)
		return (u64)(int64_t)delta;
	i %= total;
	m = i < s.as[0].n ? &s.as[0].m[i] : &s.as[1].m[i - s.as[0].n];
	return ((which & 1) ? m->last : m->start) + (u64)(int64_t)delta;
}

/* The rules, without wrapping arithmetic. */
static bool model_range_ok(u64 iova, u64 size)
{
	return size && (unsigned __int128)iova + size - 1 <= UINT64_MAX;
}

static bool model_map_ok(u64 iova, u64 size, u64 pa, u32 perm)
{
	return model_range_ok(iova, size) && model_range_ok(pa, size) &&
	       perm >= 1 && perm <= 3;
}

static struct mapping *model_find(struct space *sp, u64 addr)
{
	for (unsigned int i = 0; i < sp->n; i++)
		if (sp->m[i].start <= addr && addr <= sp->m[i].last)
			return &sp->m[i];
	return NULL;
}

bool vnet_iova_lookup(void *ctx, u64 addr, struct vnet_iova_hit *hit)
{
	struct queue *q = ctx;
	struct mapping *m = model_find(&s.as[s.group_asid[q->group]], addr);

	s.lookups++;
	if (!m)
		return false;
	hit->start = m->start;
	hit->last = m->last;
	hit->pa = m->pa;
	hit->perm = m->perm;
	hit->gen = s.gen;
	return true;
}

static void do_map(u32 asid, u64 iova, u64 size, u64 pa, u32 perm)
{
	struct space *sp;
	u64 last;

	CHECK(vnet_iova_map_ok(iova, size, pa, perm) ==
	      model_map_ok(iova, size, pa, perm));
	if (asid >= NAS || !model_map_ok(iova, size, pa, perm))
		return;
	sp = &s.as[asid];
	last = iova + size - 1;
	for (unsigned int i = 0; i < sp->n; i++)
		if (sp->m[i].start <= last && iova <= sp->m[i].last)
			return;		/* -EEXIST */
	if (sp->n == MAX_MAPS)
		return;
	sp->m[sp->n++] = (struct mapping){ iova, last, pa, perm };
}

static void do_unmap(u32 asid, u64 iova, u64 size)
{
	struct space *sp;
	unsigned int i, removed = 0;
	u64 last;

	CHECK(vnet_iova_range_ok(iova, size) == model_range_ok(iova, size));
	if (asid >= NAS || !model_range_ok(iova, size))
		return;
	sp = &s.as[asid];
	last = iova + size - 1;
	for (i = 0; i < sp->n;) {
		if (sp->m[i].start <= last && iova <= sp->m[i].last) {
			sp->m[i] = sp->m[--sp->n];
			removed++;
		} else {
			i++;
		}
	}
	if (removed)
		s.gen++;
}

/* One translation, checked against the model; returns got or 0 on failure. */
static u32 xlate(struct queue *q, u64 addr, u32 len, bool write)
{
	const struct mapping *m = model_find(&s.as[s.group_asid[q->group]], addr);
	bool want = m && (m->perm & (write ? VHOST_MAP_WO : VHOST_MAP_RO));
	const char *why = NULL;
	u64 pa = 0xdead;
	unsigned __int128 avail;
	u32 got = 0xdeadbeef;
	int ret;

	ret = vnet_iova_translate(q, &q->hit, s.gen, addr, len, write, &pa,
				  &got, &why);
	if (!want) {
		if (ret != -EFAULT) {
			fprintf(stderr, "translated %#llx (len %u, %s) that no mapping grants: ret %d pa %#llx\n",
				(unsigned long long)addr, len, write ? "write" : "read",
				ret, (unsigned long long)pa);
			abort();
		}
		CHECK(why && why[0]);
		return 0;
	}
	CHECK(ret == 0);
	CHECK(pa == m->pa + (addr - m->start));
	avail = (unsigned __int128)(m->last - addr) + 1;
	CHECK(got == (avail < len ? (u32)avail : len));
	CHECK(!got || (unsigned __int128)addr + got - 1 <= m->last);
	CHECK(!got || (unsigned __int128)pa + got - 1 <= m->pa + (m->last - m->start));
	CHECK(q->hit.start == m->start && q->hit.last == m->last &&
	      q->hit.pa == m->pa && q->hit.perm == m->perm && q->hit.gen == s.gen);
	return got;
}

/* [addr, addr + len) in pieces, as the ring engine maps a buffer. */
static void walk(struct queue *q, u64 addr, u32 len, bool write)
{
	const struct space *sp = &s.as[s.group_asid[q->group]];
	u64 a = addr;
	u32 left = len;
	bool want = true;

	/* Every byte mapped with the permission? (Piece by piece, in the model.) */
	for (u64 b = addr, l = len; l;) {
		const struct mapping *m = model_find((struct space *)sp, b);
		unsigned __int128 room;

		if (!m || !(m->perm & (write ? VHOST_MAP_WO : VHOST_MAP_RO))) {
			want = false;
			break;
		}
		room = (unsigned __int128)m->last - b + 1;
		if (room >= l)
			break;
		l -= (u64)room;
		if (m->last == UINT64_MAX) {
			want = false;	/* the rest would wrap */
			break;
		}
		b = m->last + 1;
	}
	while (left) {
		u32 got;

		got = xlate(q, a, left, write);
		if (!got) {
			CHECK(!want);
			return;
		}
		left -= got;
		if (left && a + got == 0) {
			CHECK(!want);
			return;
		}
		a += got;
	}
	CHECK(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	memset(&s, 0, sizeof(s));
	s.p = data;
	s.left = size;
	s.gen = 1;			/* as vdpa_mgmt.c starts it */
	for (unsigned int g = 0; g < NGROUPS; g++)
		s.q[g].group = g;

	for (unsigned int n = 0; s.left && n < MAX_OPS; n++) {
		unsigned int op = (unsigned int)get(1) % NR_OPS;
		u32 asid, len;
		u64 iova, sz, pa;
		struct queue *q;
		bool write;

		switch (op) {
		case OP_MAP:
			asid = (u32)get(1) % (NAS + 1);
			iova = get(8);
			sz = get(8);
			pa = get(8);
			do_map(asid, iova, sz, pa, (u32)get(1) % 8);
			break;
		case OP_MAP_NEAR:
			asid = (u32)get(1) % (NAS + 1);
			iova = get_near();
			sz = get(2) + 1;
			pa = get(8);
			do_map(asid, iova, sz, pa, (u32)get(1) % 8);
			break;
		case OP_UNMAP:
			asid = (u32)get(1) % (NAS + 1);
			iova = get(8);
			do_unmap(asid, iova, get(8));
			break;
		case OP_UNMAP_NEAR:
			asid = (u32)get(1) % (NAS + 1);
			iova = get_near();
			do_unmap(asid, iova, get(2) + 1);
			break;
		case OP_XLATE:
		case OP_XLATE_NEAR:
		case OP_WALK_NEAR:
			q = &s.q[get(1) % NGROUPS];
			iova = op == OP_XLATE ? get(8) : get_near();
			len = (u32)get(4);
			write = get(1) & 1;
			if (op == OP_WALK_NEAR)
				walk(q, iova, len % 0x20000, write);
			else
				xlate(q, iova, len, write);
			break;
		case OP_SET_ASID:
			q = &s.q[get(1) % NGROUPS];
			asid = (u32)get(1) % NAS;
			/* vdpa.c's set_group_asid bumps the generation. */
			s.group_asid[q->group] = asid;
			s.gen++;
			break;
		}
	}
	return 0;
}
