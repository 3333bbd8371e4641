/*
 * test_vring.c - the module's device-side ring engine (kmod/vring.c)
 * against crafted rings: what a well-behaved driver posts, and every rule
 * a hostile driver can break.
 */
#include "test.h"

#include <stdlib.h>

#include "vring.h"

#define ARENA_SIZE	(1 << 20)
#define ARENA_BASE	0x10000000ULL	/* fake "physical" address of arena */
#define RING_NUM	16

struct fake_ring {
	uint8_t *arena;
	struct vring v;		/* driver's view */
	struct vnet_vring vr;	/* device's view */
	uint32_t buf_off;	/* next free buffer byte in the arena */
	uint16_t avail_idx;
};

static void *arena_map_range(struct fake_ring *r, u64 addr, u32 len)
{
	if (addr < ARENA_BASE || addr - ARENA_BASE > ARENA_SIZE ||
	    len > ARENA_SIZE - (addr - ARENA_BASE))
		return NULL;
	return r->arena + (addr - ARENA_BASE);
}

static void *arena_map(void *ctx, u64 addr, u32 len, bool write, u32 *got,
		       const char **why)
{
	(void)write;
	(void)why;
	*got = len;
	return arena_map_range(ctx, addr, len);
}

static void ring_init(struct fake_ring *r, unsigned int num, bool indirect)
{
	r->arena = calloc(1, ARENA_SIZE);
	vring_init(&r->v, num, r->arena, 64);
	r->buf_off = 64 * 1024;
	r->avail_idx = 0;
	vnet_vring_init(&r->vr, num, r->v.desc, r->v.avail, r->v.used, true,
			indirect, false, arena_map, r);
}

static void ring_free(struct fake_ring *r)
{
	free(r->arena);
}

/* A buffer of @len bytes filled with @fill; returns its address. */
static uint64_t ring_buf(struct fake_ring *r, uint32_t len, uint8_t fill)
{
	uint64_t addr = ARENA_BASE + r->buf_off;

	memset(r->arena + r->buf_off, fill, len);
	r->buf_off += (len + 15) & ~15u;
	return addr;
}

static void desc_set(struct vring_desc *d, uint64_t addr, uint32_t len,
		     uint16_t flags, uint16_t next)
{
	d->addr = addr;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

static void ring_post(struct fake_ring *r, uint16_t head)
{
	r->v.avail->ring[r->avail_idx % r->v.num] = head;
	r->avail_idx++;
	r->v.avail->idx = r->avail_idx;
}

static int pop(struct fake_ring *r, enum vnet_dir dir, struct vnet_chain *ch,
	       const char **why)
{
	*why = NULL;
	return vnet_vring_pop(&r->vr, dir, 65536, ch, why);
}

/* The ring must reject the posted chain with @msg and not move. */
#define CHECK_REJECTS(r, dir, msg)					\
	do {								\
		struct vnet_chain _ch;					\
		const char *_why;					\
		uint16_t _before = (r)->vr.last_avail_idx;		\
		CHECK_EQ(pop((r), (dir), &_ch, &_why), -EPROTO);	\
		CHECK_CONTAINS(_why, (msg));				\
		CHECK_EQ((r)->vr.last_avail_idx, _before);		\
	} while (0)

TEST(vring_empty_ring_pops_nothing)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	CHECK_EQ(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why), 0);
	ring_free(&r);
}

TEST(vring_single_readable_descriptor)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[3], ring_buf(&r, 100, 0xab), 100, 0, 0);
	ring_post(&r, 3);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why) == 1);
	CHECK_EQ(ch.head, 3);
	CHECK_EQ(ch.nr_read, 1);
	CHECK_EQ(ch.nr_write, 0);
	CHECK_EQ(ch.read_len, 100);
	CHECK_EQ(((uint8_t *)ch.iov[0].base)[99], 0xab);
	CHECK_EQ(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why), 0);
	ring_free(&r);
}

TEST(vring_chain_and_iov_copy)
{
	struct fake_ring r;
	struct vnet_chain ch;
	struct vnet_iov_iter it;
	const char *why;
	uint8_t out[30];

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 10, 1), 10, VRING_DESC_F_NEXT, 5);
	desc_set(&r.v.desc[5], ring_buf(&r, 10, 2), 10, VRING_DESC_F_NEXT, 2);
	desc_set(&r.v.desc[2], ring_buf(&r, 10, 3), 10, 0, 0);
	ring_post(&r, 0);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why) == 1);
	CHECK_EQ(ch.nr_read, 3);
	CHECK_EQ(ch.read_len, 30);

	vnet_iov_iter_init(&it, ch.iov, ch.nr_read);
	CHECK_EQ(vnet_iov_pull(&it, out, 5), 5);
	CHECK_EQ(vnet_iov_pull(&it, out + 5, 100), 25);
	CHECK_EQ(out[0], 1);
	CHECK_EQ(out[9], 1);
	CHECK_EQ(out[10], 2);
	CHECK_EQ(out[29], 3);
	CHECK_EQ(vnet_iov_pull(&it, out, 1), 0);
	ring_free(&r);
}

TEST(vring_rx_chain_push_writes_across_segments)
{
	struct fake_ring r;
	struct vnet_chain ch;
	struct vnet_iov_iter it;
	const char *why;
	uint8_t in[12];
	uint64_t a, b;

	ring_init(&r, RING_NUM, false);
	a = ring_buf(&r, 8, 0);
	b = ring_buf(&r, 8, 0);
	desc_set(&r.v.desc[1], a, 8, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 4);
	desc_set(&r.v.desc[4], b, 8, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 1);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_WRITES, &ch, &why) == 1);
	CHECK_EQ(ch.nr_write, 2);
	CHECK_EQ(ch.write_len, 16);
	memset(in, 0x5a, sizeof(in));
	vnet_iov_iter_init(&it, ch.iov, ch.nr_write);
	CHECK_EQ(vnet_iov_push(&it, in, sizeof(in)), 12);
	CHECK_EQ(r.arena[a - ARENA_BASE + 7], 0x5a);
	CHECK_EQ(r.arena[b - ARENA_BASE + 3], 0x5a);
	CHECK_EQ(r.arena[b - ARENA_BASE + 4], 0);
	ring_free(&r);
}

TEST(vring_used_ring_publish_and_interrupt_suppression)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[7], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 7);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_WRITES, &ch, &why) == 1);
	vnet_vring_push(&r.vr, ch.head, 4);
	CHECK_EQ(r.v.used->idx, 0);	/* not visible before publish */
	vnet_vring_publish(&r.vr);
	CHECK_EQ(r.v.used->idx, 1);
	CHECK_EQ(r.v.used->ring[0].id, 7);
	CHECK_EQ(r.v.used->ring[0].len, 4);
	CHECK(vnet_vring_should_interrupt(&r.vr));
	r.v.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	CHECK(!vnet_vring_should_interrupt(&r.vr));
	ring_free(&r);
}

/* The device takes the next chain, fills 4 bytes and publishes it. */
static int use_one(struct fake_ring *r)
{
	struct vnet_chain ch;
	const char *why = NULL;
	int ret = pop(r, VNET_DIR_DEVICE_WRITES, &ch, &why);

	if (ret == 1) {
		vnet_vring_push(&r->vr, ch.head, 4);
		vnet_vring_publish(&r->vr);
	}
	return ret;
}

/*
 * The early check representor xmit makes: "unwanted" settles the
 * decision; "wanted" leaves it to vnet_vring_should_interrupt(), which
 * must still say yes (an early look must never swallow an interrupt).
 */
TEST(vring_interrupt_unwanted_settles_only_a_no)
{
	struct fake_ring r;
	uint16_t *used_event;
	int i;

	/* Without EVENT_IDX: the flag, and no state kept. */
	ring_init(&r, 8, false);
	for (i = 0; i < 2; i++) {
		desc_set(&r.v.desc[i], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
		ring_post(&r, i);
	}
	REQUIRE(use_one(&r) == 1);
	CHECK(!vnet_vring_interrupt_unwanted(&r.vr));
	CHECK(vnet_vring_should_interrupt(&r.vr));
	r.v.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	CHECK(vnet_vring_interrupt_unwanted(&r.vr));
	ring_free(&r);

	/* EVENT_IDX. */
	ring_init(&r, 8, false);
	r.vr.event_idx = true;
	used_event = &r.v.avail->ring[8];
	for (i = 0; i < 4; i++) {
		desc_set(&r.v.desc[i], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
		ring_post(&r, i);
	}
	/* Nothing signalled yet: wanted, and the first signal still goes. */
	REQUIRE(use_one(&r) == 1);
	CHECK(!vnet_vring_interrupt_unwanted(&r.vr));
	CHECK(vnet_vring_should_interrupt(&r.vr));
	/* The driver wants one when used idx passes 2: the 2nd is unwanted. */
	*used_event = 2;
	REQUIRE(use_one(&r) == 1);
	CHECK(vnet_vring_interrupt_unwanted(&r.vr));
	/* The 3rd crosses used_event: wanted, asked twice, still wanted. */
	REQUIRE(use_one(&r) == 1);
	CHECK(!vnet_vring_interrupt_unwanted(&r.vr));
	CHECK(!vnet_vring_interrupt_unwanted(&r.vr));
	/* A 4th published before the NAPI context looks: still signalled. */
	REQUIRE(use_one(&r) == 1);
	CHECK(vnet_vring_should_interrupt(&r.vr));
	/* Settled: the same used index is not signalled again. */
	CHECK(!vnet_vring_should_interrupt(&r.vr));
	ring_free(&r);
}

/* EVENT_IDX: interrupts follow used_event, notifications avail_event. */
TEST(vring_event_idx)
{
	struct fake_ring r;
	const char *why = NULL;
	uint16_t *used_event, *avail_event;
	int i;

	ring_init(&r, 8, false);
	r.vr.event_idx = true;
	used_event = &r.v.avail->ring[8];
	avail_event = (uint16_t *)&r.v.used->ring[8];

	for (i = 0; i < 4; i++) {
		desc_set(&r.v.desc[i], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
		ring_post(&r, i);
	}
	/* The first interrupt is always sent: nothing was signalled yet. */
	REQUIRE(use_one(&r) == 1);
	CHECK(vnet_vring_should_interrupt(&r.vr));
	/* The driver wants an interrupt when used idx passes 2 (3 used). */
	*used_event = 2;
	REQUIRE(use_one(&r) == 1);
	CHECK(!vnet_vring_should_interrupt(&r.vr));
	REQUIRE(use_one(&r) == 1);
	CHECK(vnet_vring_should_interrupt(&r.vr));
	/* NO_INTERRUPT means nothing once EVENT_IDX is on. */
	r.v.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	*used_event = 3;
	REQUIRE(use_one(&r) == 1);
	CHECK(vnet_vring_should_interrupt(&r.vr));

	/* Asking for notifications publishes where we are, and reports
	 * a chain that slipped in before the request. */
	CHECK_EQ(vnet_vring_enable_notify(&r.vr, &why), 0);
	CHECK_EQ(*avail_event, 4);
	desc_set(&r.v.desc[4], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 4);
	CHECK_EQ(vnet_vring_enable_notify(&r.vr, &why), 1);
	CHECK_EQ(*avail_event, 4);
	ring_free(&r);
}

TEST(vring_unpop_and_unpush_roll_back)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
	desc_set(&r.v.desc[1], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 0);
	ring_post(&r, 1);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_WRITES, &ch, &why) == 1);
	vnet_vring_push(&r.vr, ch.head, 4);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_WRITES, &ch, &why) == 1);
	vnet_vring_push(&r.vr, ch.head, 4);
	vnet_vring_unpush(&r.vr, 2);
	vnet_vring_unpop(&r.vr, 2);
	CHECK_EQ(r.vr.last_avail_idx, 0);
	CHECK_EQ(r.vr.used_idx, 0);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_WRITES, &ch, &why) == 1);
	CHECK_EQ(ch.head, 0);
	ring_free(&r);
}

TEST(vring_index_wraps_at_65536)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;
	int i;

	ring_init(&r, RING_NUM, false);
	r.vr.last_avail_idx = 65534;
	r.avail_idx = 65534;
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4, 0, 0);
	for (i = 0; i < 4; i++)
		ring_post(&r, 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why), 1);
	CHECK_EQ(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why), 0);
	CHECK_EQ(r.vr.last_avail_idx, 2);
	ring_free(&r);
}

TEST(vring_rejects_avail_index_beyond_ring_size)
{
	struct fake_ring r;

	ring_init(&r, RING_NUM, false);
	r.v.avail->idx = RING_NUM + 1;
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "avail index");
	ring_free(&r);
}

TEST(vring_rejects_head_out_of_range)
{
	struct fake_ring r;

	ring_init(&r, RING_NUM, false);
	ring_post(&r, RING_NUM);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "out of range");
	ring_free(&r);
}

TEST(vring_rejects_next_out_of_range)
{
	struct fake_ring r;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4, VRING_DESC_F_NEXT,
		 RING_NUM);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "next descriptor index");
	ring_free(&r);
}

TEST(vring_rejects_loops)
{
	struct fake_ring r;
	uint64_t a;

	ring_init(&r, RING_NUM, false);
	a = ring_buf(&r, 1, 0);
	desc_set(&r.v.desc[0], a, 1, VRING_DESC_F_NEXT, 1);
	desc_set(&r.v.desc[1], a, 1, VRING_DESC_F_NEXT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "loops");
	ring_free(&r);

	/* A self-loop through zero-length descriptors too. */
	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[2], 0, 0, VRING_DESC_F_NEXT, 2);
	ring_post(&r, 2);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "loops");
	ring_free(&r);
}

TEST(vring_rejects_wrong_direction)
{
	struct fake_ring r;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "writable descriptor on a transmit");
	ring_free(&r);

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4, 0, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_WRITES, "readable descriptor on a receive");
	ring_free(&r);
}

TEST(vring_rejects_readable_after_writable)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 4, 0), 4,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	desc_set(&r.v.desc[1], ring_buf(&r, 4, 0), 4, 0, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_BOTH, "readable descriptor after a writable");
	ring_free(&r);

	/* Readable then writable is the control queue's normal shape. */
	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ring_buf(&r, 2, 0), 2, VRING_DESC_F_NEXT, 1);
	desc_set(&r.v.desc[1], ring_buf(&r, 1, 0), 1, VRING_DESC_F_WRITE, 0);
	ring_post(&r, 0);
	CHECK_EQ(pop(&r, VNET_DIR_BOTH, &ch, &why), 1);
	CHECK_EQ(ch.nr_read, 1);
	CHECK_EQ(ch.nr_write, 1);
	ring_free(&r);
}

TEST(vring_rejects_address_wrap_and_foreign_memory)
{
	struct fake_ring r;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], 0xfffffffffffffff0ULL, 0x20, 0, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "wraps");
	ring_free(&r);

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ARENA_BASE + ARENA_SIZE - 8, 16, 0, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "outside RAM");
	ring_free(&r);
}

TEST(vring_zero_length_descriptors_are_skipped)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], 0, 0, VRING_DESC_F_NEXT, 1);
	desc_set(&r.v.desc[1], ring_buf(&r, 4, 0), 4, 0, 0);
	ring_post(&r, 0);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why) == 1);
	CHECK_EQ(ch.nr_read, 1);
	CHECK_EQ(ch.read_len, 4);
	ring_free(&r);
}

TEST(vring_rejects_huge_lengths)
{
	struct fake_ring r;
	uint64_t a;

	ring_init(&r, RING_NUM, false);
	a = ring_buf(&r, 40000, 0);
	desc_set(&r.v.desc[0], a, 40000, VRING_DESC_F_NEXT, 1);
	desc_set(&r.v.desc[1], a, 40000, 0, 0);	/* 80000 > 65536 cap */
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "longer than the queue allows");
	ring_free(&r);

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], ARENA_BASE, 0xffffffffu, 0, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "longer than the queue allows");
	ring_free(&r);
}

TEST(vring_rejects_too_many_segments)
{
	struct fake_ring r;
	uint64_t a;
	int i;

	ring_init(&r, 128, false);
	a = ring_buf(&r, 1, 0);
	for (i = 0; i <= VNET_CHAIN_MAX_SEGS; i++)
		desc_set(&r.v.desc[i], a, 1, VRING_DESC_F_NEXT, i + 1);
	r.v.desc[VNET_CHAIN_MAX_SEGS].flags = 0;
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "too many segments");
	ring_free(&r);
}

/* An indirect table of @n readable 8-byte buffers at a fresh address. */
static uint64_t indirect_table(struct fake_ring *r, int n)
{
	uint64_t t = ring_buf(r, n * sizeof(struct vring_desc), 0);
	struct vring_desc *d = arena_map_range(r, t, n * sizeof(*d));
	int i;

	for (i = 0; i < n; i++)
		desc_set(&d[i], ring_buf(r, 8, (uint8_t)i), 8,
			 i + 1 < n ? VRING_DESC_F_NEXT : 0, i + 1);
	return t;
}

TEST(vring_indirect_table)
{
	struct fake_ring r;
	struct vnet_chain ch;
	const char *why;

	ring_init(&r, RING_NUM, true);
	desc_set(&r.v.desc[0], indirect_table(&r, 4),
		 4 * sizeof(struct vring_desc), VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	REQUIRE(pop(&r, VNET_DIR_DEVICE_READS, &ch, &why) == 1);
	CHECK_EQ(ch.nr_read, 4);
	CHECK_EQ(ch.read_len, 32);
	CHECK_EQ(((uint8_t *)ch.iov[3].base)[0], 3);
	ring_free(&r);
}

TEST(vring_rejects_indirect_rule_breaks)
{
	struct fake_ring r;
	struct vring_desc *d;
	uint64_t t;

	ring_init(&r, RING_NUM, false);
	desc_set(&r.v.desc[0], indirect_table(&r, 2), 32,
		 VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "not negotiated");
	ring_free(&r);

	ring_init(&r, RING_NUM, true);
	desc_set(&r.v.desc[0], indirect_table(&r, 2), 32,
		 VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 1);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "NEXT");
	ring_free(&r);

	ring_init(&r, RING_NUM, true);
	desc_set(&r.v.desc[0], indirect_table(&r, 2), 20,
		 VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "length invalid");
	ring_free(&r);

	/* Nested indirect. */
	ring_init(&r, RING_NUM, true);
	t = indirect_table(&r, 2);
	d = arena_map_range(&r, t, 32);
	desc_set(&d[1], indirect_table(&r, 2), 32, VRING_DESC_F_INDIRECT, 0);
	desc_set(&r.v.desc[0], t, 32, VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "nested");
	ring_free(&r);

	/* A loop inside the table. */
	ring_init(&r, RING_NUM, true);
	t = indirect_table(&r, 3);
	d = arena_map_range(&r, t, 48);
	d[2].flags = VRING_DESC_F_NEXT;
	d[2].next = 0;
	desc_set(&r.v.desc[0], t, 48, VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "loops");
	ring_free(&r);

	/* next beyond the table. */
	ring_init(&r, RING_NUM, true);
	t = indirect_table(&r, 2);
	d = arena_map_range(&r, t, 32);
	d[1].flags = VRING_DESC_F_NEXT;
	d[1].next = 2;
	desc_set(&r.v.desc[0], t, 32, VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "next descriptor index");
	ring_free(&r);

	/* Table outside memory. */
	ring_init(&r, RING_NUM, true);
	desc_set(&r.v.desc[0], ARENA_BASE + ARENA_SIZE, 32,
		 VRING_DESC_F_INDIRECT, 0);
	ring_post(&r, 0);
	CHECK_REJECTS(&r, VNET_DIR_DEVICE_READS, "outside RAM");
	ring_free(&r);
}
