// SPDX-License-Identifier: GPL-2.0
/*
 * Host TX: what the driver transmits becomes a frame the representor
 * receives.
 *
 *  host TX queue --(notify schedules NAPI)--> skb --> representor receive
 *
 * One NAPI context per queue pair, on the representor, enabled while the
 * driver is DRIVER_OK and threaded from the first bind (transport.c): it
 * consumes host TX and signals what representor xmit delivered on host RX
 * (host_rx.c), so the device's work runs beside the CPU that sends.
 */
#include <linux/err.h>
#include <linux/etherdevice.h>
#include <linux/mm.h>

#include "vnet.h"

/* Bigger frames: this much linear, the rest in page fragments. */
#define VNET_TX_HEAD_LEN	256

/*
 * A lent buffer came back (zerocopy.c, its context lock held): complete
 * its descriptor. Any context but hard IRQ.
 */
void vnet_txq_complete_deferred(struct vnet_queue *q, u16 head)
{
	u64 irqs;

	spin_lock(&q->lock);
	vnet_vring_push(&q->vr, head, 0);
	irqs = vnet_queue_complete(q, 1);
	u64_stats_update_begin(&q->stats.syncp);
	q->stats.interrupts += irqs;
	u64_stats_update_end(&q->stats.syncp);
	spin_unlock(&q->lock);
}

/*
 * Host TX chain -> skb for the representor, or ERR_PTR: -ENOMEM is a drop
 * (a NIC out of buffers), anything else a malformed frame, an error
 * (rtnl_link_stats64: rx_dropped is for lack of resources). *@zc says
 * the skb's fragments are the driver's pages (zerocopy.c): the descriptor
 * then completes when the skb lets go of them.
 */
static struct sk_buff *vnet_chain_to_skb(struct vnet_function *fn,
					 struct vnet_pair *pair,
					 const struct vnet_chain *ch, bool *zc)
{
	struct virtio_net_hdr_mrg_rxbuf hdr;
	struct vnet_iov_iter it;
	struct sk_buff *skb;
	bool lend;
	u32 len, linear;
	int err;

	*zc = false;
	if (ch->read_len < fn->hdr_len + ETH_HLEN)
		return ERR_PTR(-EINVAL);
	len = ch->read_len - fn->hdr_len;
	lend = vnet_zc_possible(&pair->txq, len);
again:
	vnet_iov_iter_init(&it, ch->iov, ch->nr_read);
	vnet_iov_pull(&it, &hdr, fn->hdr_len);
	len = ch->read_len - fn->hdr_len;
	linear = len <= VNET_COPYBREAK ? len : VNET_TX_HEAD_LEN;

	skb = napi_alloc_skb(&pair->napi, linear);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	vnet_iov_pull(&it, skb_put(skb, linear), linear);
	len -= linear;
	if (lend) {
		/* Not all of it can be lent: copy it all instead. */
		if (!vnet_zc_add_frags(skb, &it, len) ||
		    !vnet_zc_attach(skb, &pair->txq, ch->head)) {
			kfree_skb(skb);
			lend = false;
			goto again;
		}
		*zc = true;
		len = 0;
	}
	while (len) {
		u32 n = min_t(u32, len, PAGE_SIZE);
		struct page *page;

		err = -EMSGSIZE;
		if (skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS)
			goto err_free;
		err = -ENOMEM;
		page = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
		if (!page)
			goto err_free;
		vnet_iov_pull(&it, page_address(page), n);
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, 0, n,
				PAGE_SIZE);
		len -= n;
	}

	/* Before eth_type_trans(): the header offsets count from the MAC. */
	err = -EINVAL;
	if (virtio_net_hdr_to_skb(skb, &hdr.hdr,
				  fn->little_endian))
		goto err_free;
	skb->protocol = eth_type_trans(skb, fn->rep);
	/*
	 * The representor may have fewer channels than the driver has
	 * pairs (ethtool -L, rep_ethtool.c): the stack takes a queue past
	 * real_num_rx_queues for a bug, so those fold onto the channels.
	 */
	skb_record_rx_queue(skb, pair->index %
			    READ_ONCE(fn->rep->real_num_rx_queues));
	return skb;

err_free:
	kfree_skb(skb);
	return ERR_PTR(err);
}

/*
 * Used entries for copied chains, pushed in a batch: zero-copy
 * destructors push onto the same ring, so each batch takes the lock once.
 */
static void vnet_txq_push_locked(struct vnet_queue *q, const u16 *heads,
				 u32 *nr)
{
	u32 i;

	for (i = 0; i < *nr; i++)
		vnet_vring_push(&q->vr, heads[i], 0);
	*nr = 0;
}

static void vnet_txq_push(struct vnet_queue *q, const u16 *heads, u32 *nr)
{
	spin_lock(&q->lock);
	vnet_txq_push_locked(q, heads, nr);
	spin_unlock(&q->lock);
}

/*
 * Frames that representor xmit put into host RX buffers are signalled
 * here, in the pair's NAPI context: once per poll, and with NAPI threads
 * (transport.c) on another CPU than the sender, so the host driver's
 * receive processing runs beside the sender rather than after it, as it
 * does behind a real device.
 */
static void vnet_rxq_signal_delivered(struct vnet_queue *q)
{
	u64 irqs;

	if (!READ_ONCE(q->coal_pending))
		return;
	spin_lock(&q->lock);
	if (q->ready && !q->broken && q->coal_pending) {
		irqs = vnet_queue_complete(q, 0);
		vnet_stats_add(q, 0, 0, 0, 0, irqs);
	}
	spin_unlock(&q->lock);
}

int vnet_pair_poll(struct napi_struct *napi, int budget)
{
	struct vnet_pair *pair = container_of(napi, struct vnet_pair, napi);
	struct vnet_queue *q = &pair->txq;
	struct vnet_function *fn = q->fn;
	u64 packets = 0, bytes = 0, drops = 0, errors = 0, irqs = 0;
	bool link_up = vnet_function_link_up(fn);
	u16 heads[NAPI_POLL_WEIGHT];
	u32 completed = 0, nr_heads = 0;
	const char *why = NULL;
	int done = 0, ret = 0;

	vnet_rxq_signal_delivered(&pair->rxq);
	if (!READ_ONCE(q->ready) || READ_ONCE(q->broken)) {
		napi_complete(napi);
		return 0;
	}

	while (done < budget) {
		struct sk_buff *skb = NULL;
		bool zc = false;

		ret = vnet_vring_pop(&q->vr, VNET_DIR_DEVICE_READS,
				     fn->hdr_len + VNET_MAX_TX_FRAME,
				     &q->chain, &why);
		if (ret <= 0)
			break;
		/* A link that is down carries nothing, as on a real NIC. */
		if (link_up && netif_running(fn->rep)) {
			skb = vnet_chain_to_skb(fn, pair, &q->chain, &zc);
			if (IS_ERR(skb)) {
				if (PTR_ERR(skb) == -ENOMEM)
					drops++;
				else
					errors++;
				skb = NULL;
			}
		} else {
			drops++;
		}
		/* Copied (or dropped): the driver may reuse the buffer. */
		if (!zc) {
			if (nr_heads == ARRAY_SIZE(heads))
				vnet_txq_push(q, heads, &nr_heads);
			heads[nr_heads++] = q->chain.head;
			completed++;
		}
		done++;
		if (!skb)
			continue;
		packets++;
		bytes += skb->len + ETH_HLEN;
		if (zc) {
			/*
			 * GRO would drop the destructor that completes the
			 * descriptor; the frame is GSO-sized anyway. Flush
			 * first so the flow's earlier frames stay ahead.
			 */
			napi_gro_flush(napi, false);
			netif_receive_skb(skb);
		} else {
			napi_gro_receive(napi, skb);
		}
	}
	spin_lock(&q->lock);
	vnet_txq_push_locked(q, heads, &nr_heads);
	if (completed)
		irqs = vnet_queue_complete(q, completed);
	vnet_stats_add(q, packets, bytes, drops, errors, irqs);
	spin_unlock(&q->lock);
	if (ret < 0) {
		vnet_queue_fail(q, why);
		ret = 0;
	} else if (done < budget) {
		/* Idle: ask for a kick, and go on if a chain slipped in. */
		ret = vnet_vring_enable_notify(&q->vr, &why);
		if (ret < 0)
			vnet_queue_fail(q, why);
	}

	if (done < budget && napi_complete_done(napi, done) && ret > 0)
		napi_schedule(napi);
	return done;
}

