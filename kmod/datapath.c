// SPDX-License-Identifier: GPL-2.0
/*
 * Data path between the host driver's virtqueues and the representor.
 *
 *  host TX queue --(notify schedules NAPI)--> skb --> representor receive
 *  representor xmit --> copy into host RX buffers --(NAPI)--> interrupt
 *
 * One NAPI context per queue pair, on the representor, enabled while the
 * driver is DRIVER_OK and threaded from the first bind (transport.c): it
 * consumes host TX and signals host RX, so the device's work runs beside
 * the CPU that sends. Representor xmit fills host RX buffers under the
 * queue lock and stops the subqueue when the driver has no buffers posted;
 * the driver's next refill kick wakes it.
 */
#include <linux/etherdevice.h>
#include <linux/mm.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "vnet.h"

/* Bigger frames: this much linear, the rest in page fragments. */
#define VNET_RX_HEAD_LEN	256

/*
 * Driver buffers are direct-mapped RAM. Reserved pages may be holes that
 * are not mapped at all, so they are refused, except the zero page as a
 * transmit buffer. (page_is_ram() would tell RAM apart, but it takes the
 * resource lock, which must not be taken in softirq context.)
 */
static void *vnet_map_phys(void *ctx, u64 addr, u32 len)
{
	const struct vnet_queue *q = ctx;
	unsigned long pfn, last;

	if (addr + len - 1 > PHYS_ADDR_MAX)
		return NULL;
	last = PHYS_PFN(addr + len - 1);
	for (pfn = PHYS_PFN(addr); pfn <= last; pfn++) {
		if (!pfn_valid(pfn))
			return NULL;
		if (PageReserved(pfn_to_page(pfn)) &&
		    (q->kind != VNET_QUEUE_TX || !is_zero_pfn(pfn)))
			return NULL;
	}
	return phys_to_virt(addr);
}

static enum hrtimer_restart vnet_coal_expired(struct hrtimer *timer);

static void vnet_queue_init(struct vnet_function *fn, struct vnet_queue *q,
			    struct vnet_pair *pair, u8 kind, u16 index)
{
	q->fn = fn;
	q->pair = pair;
	q->kind = kind;
	q->index = index;
	spin_lock_init(&q->lock);
	u64_stats_init(&q->stats.syncp);
	atomic64_set(&q->kicks, 0);
	hrtimer_init(&q->coal_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	q->coal_timer.function = vnet_coal_expired;
}

static int vnet_txq_poll(struct napi_struct *napi, int budget);

void vnet_datapath_init(struct vnet_function *fn)
{
	u16 i;

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		pair->index = i;
		vnet_queue_init(fn, &pair->rxq, pair, VNET_QUEUE_RX, 2 * i);
		vnet_queue_init(fn, &pair->txq, pair, VNET_QUEUE_TX, 2 * i + 1);
		netif_napi_add(fn->rep, &pair->napi, vnet_txq_poll);
	}
	vnet_queue_init(fn, &fn->ctrlq, NULL, VNET_QUEUE_CTRL,
			2 * fn->num_pairs);
}

/* Binds @q to the driver's ring @vq (NULL: unbinds). state_lock held. */
void vnet_queue_setup(struct vnet_queue *q, struct virtqueue *vq)
{
	struct virtio_device *vdev = &q->fn->vdev;

	spin_lock_bh(&q->lock);
	q->vq = vq;
	q->ready = false;
	q->broken = false;
	if (vq) {
		const struct vring *r = virtqueue_get_vring(vq);

		vnet_vring_init(&q->vr, r->num, r->desc, r->avail, r->used,
				virtio_is_little_endian(vdev),
				__virtio_test_bit(vdev,
						  VIRTIO_RING_F_INDIRECT_DESC),
				__virtio_test_bit(vdev,
						  VIRTIO_RING_F_EVENT_IDX),
				vnet_map_phys, q);
		q->coal_pending = 0;
		/* The driver polls the control queue before DRIVER_OK. */
		q->ready = q->kind == VNET_QUEUE_CTRL;
	}
	spin_unlock_bh(&q->lock);
}

/* state_lock held; the driver just set DRIVER_OK. */
void vnet_datapath_start(struct vnet_function *fn)
{
	struct virtio_device *vdev = &fn->vdev;
	u16 i;

	fn->mergeable = __virtio_test_bit(vdev, VIRTIO_NET_F_MRG_RXBUF);
	fn->guest_csum = __virtio_test_bit(vdev, VIRTIO_NET_F_GUEST_CSUM);
	fn->hdr_len = fn->mergeable ||
		      __virtio_test_bit(vdev, VIRTIO_F_VERSION_1) ?
		      sizeof(struct virtio_net_hdr_mrg_rxbuf) :
		      sizeof(struct virtio_net_hdr);
	fn->guest_gso = 0;
	if (fn->guest_csum && __virtio_test_bit(vdev, VIRTIO_NET_F_GUEST_TSO4))
		fn->guest_gso |= NETIF_F_TSO | NETIF_F_TSO_MANGLEID;
	if (fn->guest_csum && __virtio_test_bit(vdev, VIRTIO_NET_F_GUEST_TSO6))
		fn->guest_gso |= NETIF_F_TSO6;
	/* The driver checks the header of what it receives (DODGY skbs). */
	if (fn->guest_gso)
		fn->guest_gso |= NETIF_F_GSO_ROBUST;
	vnet_rx_filter_start(fn);

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		spin_lock_bh(&pair->rxq.lock);
		pair->rxq.ready = pair->rxq.vq && !pair->rxq.broken;
		spin_unlock_bh(&pair->rxq.lock);
		WRITE_ONCE(pair->txq.ready, pair->txq.vq && !pair->txq.broken);
		vnet_zc_start(&pair->txq);
		napi_enable(&pair->napi);
	}
	fn->running = true;
	netif_tx_wake_all_queues(fn->rep);

	/* Pick up what the driver queued before DRIVER_OK. */
	local_bh_disable();
	for (i = 0; i < fn->num_pairs; i++)
		napi_schedule(&fn->pairs[i].napi);
	local_bh_enable();
}

/*
 * state_lock held. Afterwards no NAPI poll, xmit or control-queue
 * processing touches a ring until vnet_queue_setup/start run again.
 */
void vnet_datapath_stop(struct vnet_function *fn)
{
	u16 i;

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		if (fn->running)
			napi_disable(&pair->napi);
		spin_lock_bh(&pair->txq.lock);
		pair->txq.ready = false;
		spin_unlock_bh(&pair->txq.lock);
		vnet_zc_stop(&pair->txq);
		spin_lock_bh(&pair->rxq.lock);
		pair->rxq.ready = false;
		spin_unlock_bh(&pair->rxq.lock);
		/* Not ready: a callback that is running now signals nothing. */
		hrtimer_cancel(&pair->txq.coal_timer);
		hrtimer_cancel(&pair->rxq.coal_timer);
	}
	spin_lock_bh(&fn->ctrlq.lock);
	fn->ctrlq.ready = false;
	spin_unlock_bh(&fn->ctrlq.lock);
	fn->running = false;
	/* Stopped subqueues would hold packets forever: let them drop. */
	netif_tx_wake_all_queues(fn->rep);
}

/*
 * The driver broke a ring rule: stop this queue (only), flag the device
 * NEEDS_RESET and tell the driver through a config change.
 */
void vnet_queue_fail(struct vnet_queue *q, const char *why)
{
	struct vnet_function *fn = q->fn;

	WRITE_ONCE(q->broken, true);
	WRITE_ONCE(fn->needs_reset, true);
	u64_stats_update_begin(&q->stats.syncp);
	q->stats.errors++;
	u64_stats_update_end(&q->stats.syncp);
	pr_warn_ratelimited(VNET_DRV_NAME ": %s (%s) queue %u: %s; queue stopped, device needs reset\n",
			    fn->vuid, fn->bus_name, q->index, why);
	/* The driver busy-waits on control commands: end that wait. */
	if (q->kind == VNET_QUEUE_CTRL)
		__virtqueue_break(q->vq);
	virtio_config_changed(&fn->vdev);
}

void vnet_queue_counters_read(const struct vnet_queue *q,
			      struct vnet_queue_counters *out)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&q->stats.syncp);
		out->s.packets = q->stats.packets;
		out->s.bytes = q->stats.bytes;
		out->s.drops = q->stats.drops;
		out->s.errors = q->stats.errors;
		out->s.interrupts = q->stats.interrupts;
	} while (u64_stats_fetch_retry(&q->stats.syncp, start));
	out->kicks = atomic64_read(&q->kicks);
}

static void vnet_stats_add(struct vnet_queue *q, u64 packets, u64 bytes,
			   u64 drops, u64 errors, u64 interrupts)
{
	u64_stats_update_begin(&q->stats.syncp);
	q->stats.packets += packets;
	q->stats.bytes += bytes;
	q->stats.drops += drops;
	q->stats.errors += errors;
	q->stats.interrupts += interrupts;
	u64_stats_update_end(&q->stats.syncp);
}

/* Interrupts the driver unless it opted out. q->lock held. */
static u64 vnet_queue_signal(struct vnet_queue *q)
{
	q->coal_pending = 0;
	if (!vnet_vring_should_interrupt(&q->vr))
		return 0;
	vring_interrupt(0, q->vq);
	return 1;
}

/*
 * Publishes @n new used entries and signals them now, or later as the
 * queue's coalescing setting says: after max_packets completions or
 * usecs after the first unsignalled one. q->lock held.
 */
static u64 vnet_queue_complete(struct vnet_queue *q, u32 n)
{
	const struct vnet_coal *coal = q->kind == VNET_QUEUE_RX ?
				       &q->fn->rx_coal : &q->fn->tx_coal;
	u32 usecs = READ_ONCE(coal->usecs);
	u32 max_packets = READ_ONCE(coal->max_packets);

	vnet_vring_publish(&q->vr);
	q->coal_pending += n;
	if (!usecs)
		return vnet_queue_signal(q);
	if (max_packets && q->coal_pending >= max_packets) {
		/* A callback spinning on our lock finds nothing pending. */
		hrtimer_try_to_cancel(&q->coal_timer);
		return vnet_queue_signal(q);
	}
	if (!hrtimer_is_queued(&q->coal_timer))
		hrtimer_start(&q->coal_timer, ns_to_ktime((u64)usecs * NSEC_PER_USEC),
			      HRTIMER_MODE_REL_SOFT);
	return 0;
}

static enum hrtimer_restart vnet_coal_expired(struct hrtimer *timer)
{
	struct vnet_queue *q = container_of(timer, struct vnet_queue,
					    coal_timer);

	spin_lock(&q->lock);
	if (q->ready && !q->broken && q->coal_pending) {
		u64 irqs = vnet_queue_signal(q);

		u64_stats_update_begin(&q->stats.syncp);
		q->stats.interrupts += irqs;
		u64_stats_update_end(&q->stats.syncp);
	}
	spin_unlock(&q->lock);
	return HRTIMER_NORESTART;
}

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
 * Host TX chain -> skb for the representor; NULL if malformed or OOM.
 * *@zc says the skb's fragments are the driver's pages (zerocopy.c): the
 * descriptor then completes when the skb lets go of them.
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

	*zc = false;
	if (ch->read_len < fn->hdr_len + ETH_HLEN)
		return NULL;
	len = ch->read_len - fn->hdr_len;
	lend = vnet_zc_possible(&pair->txq, len);
again:
	vnet_iov_iter_init(&it, ch->iov, ch->nr_read);
	vnet_iov_pull(&it, &hdr, fn->hdr_len);
	len = ch->read_len - fn->hdr_len;
	linear = len <= VNET_COPYBREAK ? len : VNET_RX_HEAD_LEN;

	skb = napi_alloc_skb(&pair->napi, linear);
	if (!skb)
		return NULL;
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

		if (skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS)
			goto err_free;
		page = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
		if (!page)
			goto err_free;
		vnet_iov_pull(&it, page_address(page), n);
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, 0, n,
				PAGE_SIZE);
		len -= n;
	}

	/* Before eth_type_trans(): the header offsets count from the MAC. */
	if (virtio_net_hdr_to_skb(skb, &hdr.hdr,
				  virtio_is_little_endian(&fn->vdev)))
		goto err_free;
	skb->protocol = eth_type_trans(skb, fn->rep);
	skb_record_rx_queue(skb, pair->index);
	return skb;

err_free:
	kfree_skb(skb);
	return NULL;
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

static int vnet_txq_poll(struct napi_struct *napi, int budget)
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
			if (!skb)
				errors++;
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

/* Copies @len bytes of @skb from *@off into the chain at @it. */
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
	struct virtio_device *vdev = &fn->vdev;
	struct virtio_net_hdr_mrg_rxbuf hdr = {};
	struct vnet_chain *first = &q->chain2;
	u32 remaining = fn->hdr_len + skb->len;
	struct vnet_iov_iter it;
	u16 popped = 0, pushed = 0;
	u32 off = 0;
	int ret;

	/* GSO the driver cannot take was segmented by features_check. */
	if (virtio_net_hdr_from_skb(skb, &hdr.hdr,
				    virtio_is_little_endian(vdev),
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
		hdr.num_buffers = cpu_to_virtio16(vdev, pushed);
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
	 * batch.
	 */
	vnet_vring_publish(&q->vr);
	q->coal_pending++;
	vnet_stats_add(q, 1, len, 0, 0, 0);
	spin_unlock(&q->lock);
	if (!netdev_xmit_more() ||
	    netif_xmit_stopped(netdev_get_tx_queue(dev, qi)))
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

/*
 * The driver posted receive buffers on pair @index: let the representor
 * subqueues that feed it (see vnet_rep_xmit()) go on.
 */
static void vnet_rep_wake(struct vnet_function *fn, u16 index)
{
	u16 active = READ_ONCE(fn->active_pairs), i;

	for (i = index; i < fn->num_pairs; i += active)
		if (__netif_subqueue_stopped(fn->rep, i))
			netif_wake_subqueue(fn->rep, i);
}

bool vnet_datapath_notify(struct vnet_queue *q)
{
	struct vnet_function *fn = q->fn;

	atomic64_inc(&q->kicks);
	switch (q->kind) {
	case VNET_QUEUE_CTRL:
		vnet_ctrlq_process(q);
		break;
	case VNET_QUEUE_TX:
		if (READ_ONCE(q->ready))
			napi_schedule(&q->pair->napi);
		break;
	case VNET_QUEUE_RX:
		vnet_rep_wake(fn, q->pair->index);
		break;
	}
	return true;
}
