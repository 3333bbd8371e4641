// SPDX-License-Identifier: GPL-2.0
/*
 * Host RX: what the representor transmits is copied into the driver's
 * receive buffers.
 *
 *  representor xmit --> copy into host RX buffers --(NAPI)--> interrupt
 *
 * Representor xmit fills host RX buffers under the queue lock and stops
 * the subqueue when the driver has no buffers posted; the driver's next
 * refill kick wakes it (queue.c). The pair's NAPI context signals.
 */
#include <linux/etherdevice.h>

#include "vnet.h"

static void vnet_skb_to_iov(const struct sk_buff *skb, u32 *off,
			    struct vnet_iov_iter *it, u32 len)
{
	void *base;
	u32 n;

	while ((n = vnet_iov_next(it, &base, len))) {
		/* Cannot fail: the caller bounded @len by skb->len. */
		WARN_ON_ONCE(skb_copy_bits(skb, *off, base, n));
		*off += n;
		len -= n;
	}
}

/*
 * Copies @skb into the driver's receive buffers: one chain, or with
 * MRG_RXBUF as many as needed. Nothing is published on failure:
 * -ENOSPC (no buffers; retry later), -EMSGSIZE (frame does not fit),
 * -EPROTO (ring violation, *why set).
 */
static int vnet_rx_fill(struct vnet_function *fn, struct vnet_queue *q,
			const struct sk_buff *skb, const char **why)
{
	struct virtio_net_hdr_mrg_rxbuf hdr = {};
	struct vnet_chain *first = &q->chain2;
	u32 remaining = fn->hdr_len + skb->len;
	struct vnet_iov_iter it;
	u16 popped = 0, pushed = 0;
	u32 off = 0;
	int ret;

	/* GSO the driver cannot take was segmented by features_check. */
	if (virtio_net_hdr_from_skb(skb, &hdr.hdr,
				    fn->little_endian,
				    fn->guest_csum, 0))
		return -EMSGSIZE;

	while (remaining) {
		struct vnet_chain *ch = pushed ? &q->chain : first;
		u32 n;

		ret = vnet_vring_pop(&q->vr, VNET_DIR_DEVICE_WRITES,
				     VNET_MAX_RX_CHAIN, ch, why);
		if (ret <= 0) {
			ret = ret ? ret : -ENOSPC;
			goto err_rollback;
		}
		popped++;
		if (ch == first && ch->write_len < fn->hdr_len) {
			*why = "receive buffer smaller than the virtio-net header";
			ret = -EPROTO;
			goto err_rollback;
		}
		if (!fn->mergeable && ch->write_len < remaining) {
			ret = -EMSGSIZE;
			goto err_rollback;
		}
		n = min(remaining, ch->write_len);
		vnet_iov_iter_init(&it, ch->iov, ch->nr_write);
		if (ch == first) {
			vnet_iov_push(&it, &hdr, fn->hdr_len);
			vnet_skb_to_iov(skb, &off, &it, n - fn->hdr_len);
		} else {
			vnet_skb_to_iov(skb, &off, &it, n);
		}
		vnet_vring_push(&q->vr, ch->head, n);
		pushed++;
		remaining -= n;
	}

	/* The driver learns how many buffers the frame took (1 without
	 * MRG_RXBUF, where the modern header still has the field).
	 */
	if (fn->hdr_len == sizeof(hdr)) {
		hdr.num_buffers = __cpu_to_virtio16(fn->little_endian, pushed);
		vnet_iov_iter_init(&it, first->iov, first->nr_write);
		vnet_iov_push(&it, &hdr, fn->hdr_len);
	}
	return 0;

err_rollback:
	vnet_vring_unpush(&q->vr, pushed);
	vnet_vring_unpop(&q->vr, popped);
	return ret;
}

netdev_tx_t vnet_rep_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnet_function *fn = vnet_rep_function(dev);
	u16 qi = skb_get_queue_mapping(skb);
	/* Only the pairs the driver enabled (VQ_PAIRS_SET) carry traffic. */
	struct vnet_queue *q = &fn->pairs[qi % READ_ONCE(fn->active_pairs)].rxq;
	const char *why = NULL;
	bool signal;
	u32 len;
	int err;

	/* vnet_rep_features_check() left only what the driver takes. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && !READ_ONCE(fn->guest_csum) &&
	    skb_checksum_help(skb))
		goto drop;
	if (skb_is_gso(skb) &&
	    !net_gso_ok(READ_ONCE(fn->guest_gso), skb_shinfo(skb)->gso_type))
		goto drop;

	spin_lock(&q->lock);
	if (!q->ready || q->broken || !vnet_function_link_up(fn) ||
	    !vnet_rx_filter_accepts(fn, skb)) {
		spin_unlock(&q->lock);
		goto drop;
	}
	err = vnet_rx_fill(fn, q, skb, &why);
	if (err == -ENOSPC) {
		netif_stop_subqueue(dev, qi);
		/* Pairs with the refill kick in vnet_datapath_notify(). */
		smp_mb__after_atomic();
		if (vnet_vring_enable_notify(&q->vr, &why) > 0) {
			netif_start_subqueue(dev, qi);
			err = vnet_rx_fill(fn, q, skb, &why);
		}
		if (err == -ENOSPC) {
			/* What this batch delivered must reach the driver. */
			signal = q->coal_pending;
			spin_unlock(&q->lock);
			if (signal)
				napi_schedule(&q->pair->napi);
			return NETDEV_TX_BUSY;
		}
	}
	if (err == -EPROTO)
		vnet_queue_fail(q, why);
	if (err) {
		spin_unlock(&q->lock);
		goto drop;
	}
	len = skb->len;
	/*
	 * Publish now; the pair's NAPI context signals (see
	 * vnet_rxq_signal_delivered()), once at the end of an xmit_more
	 * batch, unless the driver wants no interrupt.
	 */
	vnet_vring_publish(&q->vr);
	q->coal_pending++;
	vnet_stats_add(q, 1, len, 0, 0, 0);
	signal = (!netdev_xmit_more() ||
		  netif_xmit_stopped(netdev_get_tx_queue(dev, qi))) &&
		 vnet_rxq_needs_signal(q);
	spin_unlock(&q->lock);
	if (signal)
		napi_schedule(&q->pair->napi);
	consume_skb(skb);
	return NETDEV_TX_OK;

drop:
	/* Several subqueues may feed this ring: count under its lock. */
	spin_lock(&q->lock);
	/* The batch ends with a drop: signal what it delivered. */
	signal = !netdev_xmit_more() && q->ready && q->coal_pending;
	vnet_stats_add(q, 0, 0, 1, 0, 0);
	spin_unlock(&q->lock);
	if (signal)
		napi_schedule(&q->pair->napi);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

