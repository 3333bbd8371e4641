// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the device-side ring engine (vring.c) as the kernel builds it,
 * against crafted rings, including every rule a hostile driver can break.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../vring.c"

#define ARENA_SIZE	(64 * 1024)
#define ARENA_BASE	0x10000000ULL
#define RING_NUM	16

struct vt_ring {
	u8 *arena;
	struct vring v;
	struct vnet_vring vr;
	u32 buf_off;
	u16 avail_idx;
	struct vnet_chain ch;
};

static void *vt_map_range(struct vt_ring *r, u64 addr, u32 len)
{
	if (addr < ARENA_BASE || addr - ARENA_BASE > ARENA_SIZE ||
	    len > ARENA_SIZE - (addr - ARENA_BASE))
		return NULL;
	return r->arena + (addr - ARENA_BASE);
}

static void *vt_map(void *ctx, u64 addr, u32 len, bool write, u32 *got,
		    const char **why)
{
	*got = len;
	return vt_map_range(ctx, addr, len);
}

static struct vt_ring *vt_ring_new(struct kunit *test, bool indirect)
{
	struct vt_ring *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	r->arena = kunit_kzalloc(test, ARENA_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r->arena);
	vring_init(&r->v, RING_NUM, r->arena, 64);
	r->buf_off = 8 * 1024;
	vnet_vring_init(&r->vr, RING_NUM, r->v.desc, r->v.avail, r->v.used,
			true, indirect, false, vt_map, r);
	return r;
}

static u64 vt_buf(struct vt_ring *r, u32 len)
{
	u64 addr = ARENA_BASE + r->buf_off;

	r->buf_off += ALIGN(len, 16);
	return addr;
}

static void vt_desc(struct vring_desc *d, u64 addr, u32 len, u16 flags,
		    u16 next)
{
	d->addr = __cpu_to_virtio64(true, addr);
	d->len = __cpu_to_virtio32(true, len);
	d->flags = __cpu_to_virtio16(true, flags);
	d->next = __cpu_to_virtio16(true, next);
}

static void vt_post(struct vt_ring *r, u16 head)
{
	r->v.avail->ring[r->avail_idx % RING_NUM] = __cpu_to_virtio16(true, head);
	r->avail_idx++;
	r->v.avail->idx = __cpu_to_virtio16(true, r->avail_idx);
}

static int vt_pop(struct vt_ring *r, enum vnet_dir dir, const char **why)
{
	*why = NULL;
	return vnet_vring_pop(&r->vr, dir, 65536, &r->ch, why);
}

static void vt_expect_reject(struct kunit *test, struct vt_ring *r,
			     enum vnet_dir dir, const char *reason)
{
	u16 before = r->vr.last_avail_idx;
	const char *why;

	KUNIT_EXPECT_EQ(test, vt_pop(r, dir, &why), -EPROTO);
	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(why, reason), "why: %s", why);
	KUNIT_EXPECT_EQ(test, r->vr.last_avail_idx, before);
}

static void vring_valid_chain(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);
	const char *why;

	vt_desc(&r->v.desc[0], vt_buf(r, 10), 10, VRING_DESC_F_NEXT, 5);
	vt_desc(&r->v.desc[5], vt_buf(r, 20), 20, 0, 0);
	vt_post(r, 0);
	KUNIT_ASSERT_EQ(test, vt_pop(r, VNET_DIR_DEVICE_READS, &why), 1);
	KUNIT_EXPECT_EQ(test, r->ch.head, 0);
	KUNIT_EXPECT_EQ(test, r->ch.nr_read, 2);
	KUNIT_EXPECT_EQ(test, r->ch.read_len, 30);
	KUNIT_EXPECT_EQ(test, vt_pop(r, VNET_DIR_DEVICE_READS, &why), 0);

	vnet_vring_push(&r->vr, 0, 0);
	vnet_vring_publish(&r->vr);
	KUNIT_EXPECT_EQ(test, __virtio16_to_cpu(true, r->v.used->idx), 1);
	KUNIT_EXPECT_TRUE(test, vnet_vring_should_interrupt(&r->vr));
	r->v.avail->flags = __cpu_to_virtio16(true, VRING_AVAIL_F_NO_INTERRUPT);
	KUNIT_EXPECT_FALSE(test, vnet_vring_should_interrupt(&r->vr));
}

static void vring_ctrl_shape(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);
	const char *why;

	vt_desc(&r->v.desc[0], vt_buf(r, 2), 2, VRING_DESC_F_NEXT, 1);
	vt_desc(&r->v.desc[1], vt_buf(r, 1), 1, VRING_DESC_F_WRITE, 0);
	vt_post(r, 0);
	KUNIT_ASSERT_EQ(test, vt_pop(r, VNET_DIR_BOTH, &why), 1);
	KUNIT_EXPECT_EQ(test, r->ch.nr_read, 1);
	KUNIT_EXPECT_EQ(test, r->ch.nr_write, 1);
}

static void vring_rejects_index_rules(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);

	r->v.avail->idx = __cpu_to_virtio16(true, RING_NUM + 1);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "avail index");

	r = vt_ring_new(test, false);
	vt_post(r, RING_NUM);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "out of range");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], vt_buf(r, 4), 4, VRING_DESC_F_NEXT, RING_NUM);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "next descriptor");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], vt_buf(r, 4), 4, VRING_DESC_F_NEXT, 1);
	vt_desc(&r->v.desc[1], vt_buf(r, 4), 4, VRING_DESC_F_NEXT, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "loops");
}

static void vring_rejects_direction_rules(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);

	vt_desc(&r->v.desc[0], vt_buf(r, 4), 4, VRING_DESC_F_WRITE, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "transmit queue");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], vt_buf(r, 4), 4, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_WRITES, "receive queue");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], vt_buf(r, 4), 4,
		VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	vt_desc(&r->v.desc[1], vt_buf(r, 4), 4, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_BOTH, "after a writable");
}

static void vring_rejects_address_rules(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);

	vt_desc(&r->v.desc[0], 0xfffffffffffffff0ULL, 0x20, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "wraps");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], ARENA_BASE + ARENA_SIZE - 4, 8, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "outside RAM");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], ARENA_BASE, U32_MAX, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "longer than");
}

static void vring_zero_and_huge_lengths(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, false);
	const char *why;

	/* Zero-length descriptors are skipped, not mapped. */
	vt_desc(&r->v.desc[0], 0, 0, VRING_DESC_F_NEXT, 1);
	vt_desc(&r->v.desc[1], vt_buf(r, 4), 4, 0, 0);
	vt_post(r, 0);
	KUNIT_ASSERT_EQ(test, vt_pop(r, VNET_DIR_DEVICE_READS, &why), 1);
	KUNIT_EXPECT_EQ(test, r->ch.nr_read, 1);
	KUNIT_EXPECT_EQ(test, r->ch.read_len, 4);

	/* Two in-range buffers that add up past the queue's cap. */
	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], ARENA_BASE, 40000, VRING_DESC_F_NEXT, 1);
	vt_desc(&r->v.desc[1], ARENA_BASE, 40000, 0, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "longer than");
}

static void vring_indirect_rules(struct kunit *test)
{
	struct vt_ring *r = vt_ring_new(test, true);
	struct vring_desc *t;
	const char *why;
	u64 ta;

	ta = vt_buf(r, 2 * sizeof(*t));
	t = vt_map_range(r, ta, 2 * sizeof(*t));
	vt_desc(&t[0], vt_buf(r, 8), 8, VRING_DESC_F_NEXT, 1);
	vt_desc(&t[1], vt_buf(r, 8), 8, 0, 0);
	vt_desc(&r->v.desc[0], ta, 2 * sizeof(*t), VRING_DESC_F_INDIRECT, 0);
	vt_post(r, 0);
	KUNIT_ASSERT_EQ(test, vt_pop(r, VNET_DIR_DEVICE_READS, &why), 1);
	KUNIT_EXPECT_EQ(test, r->ch.nr_read, 2);

	vt_desc(&t[1], ta, 2 * sizeof(*t), VRING_DESC_F_INDIRECT, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "nested");

	r = vt_ring_new(test, false);
	vt_desc(&r->v.desc[0], vt_buf(r, 32), 32, VRING_DESC_F_INDIRECT, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "not negotiated");

	r = vt_ring_new(test, true);
	vt_desc(&r->v.desc[0], vt_buf(r, 32), 20, VRING_DESC_F_INDIRECT, 0);
	vt_post(r, 0);
	vt_expect_reject(test, r, VNET_DIR_DEVICE_READS, "length invalid");
}

static struct kunit_case vring_cases[] = {
	KUNIT_CASE(vring_valid_chain),
	KUNIT_CASE(vring_ctrl_shape),
	KUNIT_CASE(vring_rejects_index_rules),
	KUNIT_CASE(vring_rejects_direction_rules),
	KUNIT_CASE(vring_rejects_address_rules),
	KUNIT_CASE(vring_zero_and_huge_lengths),
	KUNIT_CASE(vring_indirect_rules),
	{}
};

static struct kunit_suite vring_suite = {
	.name = "virtnet_vring",
	.test_cases = vring_cases,
};

kunit_test_suites(&vring_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites of virtnet_emu");
