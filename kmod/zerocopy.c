// SPDX-License-Identifier: GPL-2.0
/*
 * Zero-copy host TX: a large frame's payload is not copied out of the
 * driver's buffers; the representor skb's fragments point at the driver's
 * pages (with a page reference each), and the descriptor is completed
 * when the skb lets go of them: at its destructor, which runs when the
 * skb is freed or orphaned (a local socket takes it over). Only pages of
 * the page allocator are lent (TCP's page frags, page cache); slab and
 * reserved memory, and anything that does not fit the fragment array,
 * are copied as before.
 *
 * Lifetime. An skb can outlive its queue (reset, unbind, unplug) and the
 * module's data path, so each in-flight skb holds:
 *  - a token naming the descriptor and a reference on the queue's
 *    vnet_zc_ctx; the queue detaches the context when it stops (after
 *    that a destructor completes nothing: the driver took its buffers back
 *    at reset and our page references keep the data alive);
 *  - a module reference, so the destructor's code stays loaded.
 * Lock order: ctx->lock, then the queue lock (vnet.h has the whole order).
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vnet.h"

struct vnet_zc_ctx {
	refcount_t refs;
	spinlock_t lock;		/* q against the destructors */
	struct vnet_queue *q;		/* NULL once the queue stopped */
};

struct vnet_zc_token {
	struct vnet_zc_ctx *ctx;
	u16 head;
};

static void vnet_zc_ctx_put(struct vnet_zc_ctx *ctx)
{
	if (refcount_dec_and_test(&ctx->refs))
		kfree(ctx);
}

/* The queue starts (state_lock held); without memory it copies. */
void vnet_zc_start(struct vnet_queue *q)
{
	struct vnet_zc_ctx *ctx;

	/* Resumed after a suspend: the context was kept. */
	if (q->zc)
		return;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return;
	refcount_set(&ctx->refs, 1);
	spin_lock_init(&ctx->lock);
	ctx->q = q;
	WRITE_ONCE(q->zc, ctx);
}

/*
 * The queue stops (state_lock held, NAPI disabled): skbs still out
 * complete nothing from now on, because the ring is about to go.
 */
void vnet_zc_stop(struct vnet_queue *q)
{
	struct vnet_zc_ctx *ctx = q->zc;
	unsigned long flags;

	if (!ctx)
		return;
	spin_lock_irqsave(&ctx->lock, flags);
	ctx->q = NULL;
	spin_unlock_irqrestore(&ctx->lock, flags);
	WRITE_ONCE(q->zc, NULL);
	vnet_zc_ctx_put(ctx);
}

/* Lent buffers not back yet; 0 when the queue lends nothing. */
u32 vnet_zc_inflight(const struct vnet_queue *q)
{
	const struct vnet_zc_ctx *ctx = READ_ONCE(q->zc);

	return ctx ? refcount_read(&ctx->refs) - 1 : 0;
}

bool vnet_zc_possible(const struct vnet_queue *q, u32 len)
{
	/* The parameter may change at any time (make bench compares). */
	return len > VNET_COPYBREAK && READ_ONCE(vnet_tx_zerocopy) &&
	       READ_ONCE(q->zc);
}

/*
 * Adds the next @len bytes of the chain at @it to @skb as fragments that
 * point into the driver's pages. False if some of it cannot be lent: the
 * caller frees @skb (dropping the references taken) and copies instead.
 */
bool vnet_zc_add_frags(struct sk_buff *skb, struct vnet_iov_iter *it,
		       u32 len)
{
	while (len) {
		void *base;
		u32 n = vnet_iov_next(it, &base, len);

		if (!n)
			return false;
		len -= n;
		while (n) {
			struct page *page = virt_to_head_page(base);
			u32 off, piece;

			if (PageSlab(page) || PageReserved(page) ||
			    skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS)
				return false;
			off = (u8 *)base - (u8 *)page_address(page);
			piece = min_t(u32, n, page_size(page) - off);
			/* A page nobody holds is not the driver's buffer. */
			if (!get_page_unless_zero(page))
				return false;
			skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page,
					off, piece, piece);
			base = (u8 *)base + piece;
			n -= piece;
		}
	}
	return true;
}

static void vnet_zc_skb_destructor(struct sk_buff *skb)
{
	struct vnet_zc_token *t = skb_shinfo(skb)->destructor_arg;
	struct vnet_zc_ctx *ctx = t->ctx;
	unsigned long flags;
	struct vnet_queue *q;

	spin_lock_irqsave(&ctx->lock, flags);
	q = ctx->q;
	if (q)
		vnet_txq_complete_deferred(q, t->head);
	spin_unlock_irqrestore(&ctx->lock, flags);
	vnet_zc_ctx_put(ctx);
	kfree(t);
	module_put(THIS_MODULE);
}

/*
 * Makes @skb complete descriptor @head of @q when it lets go of the
 * driver's pages. False (nothing changed) without memory.
 */
bool vnet_zc_attach(struct sk_buff *skb, struct vnet_queue *q, u16 head)
{
	struct vnet_zc_ctx *ctx = q->zc;
	struct vnet_zc_token *t;

	t = kmalloc(sizeof(*t), GFP_ATOMIC | __GFP_NOWARN);
	if (!t)
		return false;
	/* Cannot fail: the module is live while its queue runs. */
	__module_get(THIS_MODULE);
	refcount_inc(&ctx->refs);
	t->ctx = ctx;
	t->head = head;
	skb_shinfo(skb)->destructor_arg = t;
	skb->destructor = vnet_zc_skb_destructor;
	return true;
}
