// SPDX-License-Identifier: GPL-2.0
/*
 * A function's queues: their life (bound to rings, started at DRIVER_OK,
 * stopped at reset, failed on a ring violation), their counters, and how
 * completions reach the driver (interrupt coalescing). Which bus the
 * rings came from is the transport's business (struct vnet_transport);
 * nothing here knows.
 */
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/rtnetlink.h>
#include <linux/virtio_config.h>

#include "vnet.h"

/*
 * Driver buffers are direct-mapped RAM. Reserved pages may be holes that
 * are not mapped at all, so they are refused, except the zero page as a
 * transmit buffer. (page_is_ram() would tell RAM apart, but it takes the
 * resource lock, which must not be taken in softirq context.)
 */
void *vnet_map_direct(void *ctx, u64 addr, u32 len, bool write, u32 *got,
		      const char **why)
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
	*got = len;
	return phys_to_virt(addr);
}

/*
 * Whether frames representor xmit published on host RX queue @q need the
 * pair's NAPI context to signal them. A driver that polls (interrupts
 * off: NAPI busy, DPDK) needs nothing, and waking a thread per frame
 * for it would cost the sender's CPU more than the copy. With coalescing
 * on, the NAPI context keeps the timer. q->lock held.
 */
bool vnet_rxq_needs_signal(struct vnet_queue *q)
{
	if (READ_ONCE(q->fn->rx_coal.usecs) ||
	    !vnet_vring_interrupt_unwanted(&q->vr))
		return true;
	q->coal_pending = 0;
	return false;
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

void vnet_datapath_init(struct vnet_function *fn)
{
	u16 i;

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		pair->index = i;
		vnet_queue_init(fn, &pair->rxq, pair, VNET_QUEUE_RX, 2 * i);
		vnet_queue_init(fn, &pair->txq, pair, VNET_QUEUE_TX, 2 * i + 1);
	}
	vnet_queue_init(fn, &fn->ctrlq, NULL, VNET_QUEUE_CTRL,
			2 * fn->num_pairs);
	vnet_datapath_napi_add(fn);
}

/*
 * Each pair's NAPI context on fn->rep, disabled, and linked to the
 * representor queues of its pair (rep_qstats.c). RTNL if registered.
 */
void vnet_datapath_napi_add(struct vnet_function *fn)
{
	u16 i;

	for (i = 0; i < fn->num_pairs; i++)
		netif_napi_add(fn->rep, &fn->pairs[i].napi, vnet_pair_poll);
	vnet_rep_queues_link(fn);
}

/*
 * Takes the NAPI contexts off fn->rep, unlinking them from its queues
 * first; they are disabled. RTNL held. The caller waits a grace period
 * (synchronize_net) before adding them again.
 */
void vnet_datapath_napi_del(struct vnet_function *fn)
{
	u16 i;

	vnet_rep_queues_unlink(fn);
	for (i = 0; i < fn->num_pairs; i++)
		__netif_napi_del(&fn->pairs[i].napi);
}

/*
 * Binds @q to the driver's rings, given as kernel addresses the
 * transport made valid until vnet_queue_clear(). state_lock held; the
 * negotiated features are final.
 */
void vnet_queue_setup(struct vnet_queue *q, u32 num, const void *desc,
		      const void *avail, void *used)
{
	struct vnet_function *fn = q->fn;

	spin_lock_bh(&q->lock);
	vnet_vring_init(&q->vr, num, desc, avail, used, fn->little_endian,
			vnet_has(fn, VIRTIO_RING_F_INDIRECT_DESC),
			vnet_has(fn, VIRTIO_RING_F_EVENT_IDX),
			fn->tp->map, q);
	q->coal_pending = 0;
	q->broken = false;
	q->bound = true;
	/* The driver polls the control queue before DRIVER_OK. */
	q->ready = q->kind == VNET_QUEUE_CTRL;
	spin_unlock_bh(&q->lock);
}

/*
 * @q was bound after DRIVER_OK (a vDPA queue enabled late): it joins the
 * running data path. state_lock held.
 */
void vnet_queue_start(struct vnet_queue *q)
{
	spin_lock_bh(&q->lock);
	q->ready = q->bound && !q->broken;
	spin_unlock_bh(&q->lock);
	if (q->kind == VNET_QUEUE_CTRL) {
		queue_work(system_unbound_wq, &q->fn->ctrlq_work);
		return;
	}
	/* What the driver posted before enabling it. */
	local_bh_disable();
	napi_schedule(&q->pair->napi);
	local_bh_enable();
}

/* Unbinds @q from its rings. state_lock held. */
void vnet_queue_clear(struct vnet_queue *q)
{
	spin_lock_bh(&q->lock);
	q->bound = false;
	q->ready = false;
	q->broken = false;
	spin_unlock_bh(&q->lock);
}

/* state_lock held; the driver just set DRIVER_OK. */
void vnet_datapath_start(struct vnet_function *fn)
{
	u16 i;

	fn->mergeable = vnet_has(fn, VIRTIO_NET_F_MRG_RXBUF);
	fn->guest_csum = vnet_has(fn, VIRTIO_NET_F_GUEST_CSUM);
	fn->hdr_len = fn->mergeable || vnet_has(fn, VIRTIO_F_VERSION_1) ?
		      sizeof(struct virtio_net_hdr_mrg_rxbuf) :
		      sizeof(struct virtio_net_hdr);
	fn->guest_gso = 0;
	if (fn->guest_csum && vnet_has(fn, VIRTIO_NET_F_GUEST_TSO4))
		fn->guest_gso |= NETIF_F_TSO | NETIF_F_TSO_MANGLEID;
	if (fn->guest_csum && vnet_has(fn, VIRTIO_NET_F_GUEST_TSO6))
		fn->guest_gso |= NETIF_F_TSO6;
	/* The driver checks the header of what it receives (DODGY skbs). */
	if (fn->guest_gso)
		fn->guest_gso |= NETIF_F_GSO_ROBUST;
	vnet_rx_filter_start(fn);

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		spin_lock_bh(&pair->rxq.lock);
		pair->rxq.ready = pair->rxq.bound && !pair->rxq.broken;
		spin_unlock_bh(&pair->rxq.lock);
		WRITE_ONCE(pair->txq.ready,
			   pair->txq.bound && !pair->txq.broken);
		vnet_zc_start(&pair->txq);
		napi_enable(&pair->napi);
	}
	spin_lock_bh(&fn->ctrlq.lock);
	fn->ctrlq.ready = fn->ctrlq.bound && !fn->ctrlq.broken;
	spin_unlock_bh(&fn->ctrlq.lock);
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

/* Zero-copy transmits the network stack still holds, on every queue. */
static u32 vnet_datapath_lent(struct vnet_function *fn)
{
	u32 n = 0;
	u16 i;

	for (i = 0; i < fn->num_pairs; i++)
		n += vnet_zc_inflight(&fn->pairs[i].txq);
	return n;
}

/*
 * Stops the data path but keeps the driver's session (vDPA suspend):
 * afterwards no ring and no buffer is touched, and every buffer the
 * device took is completed, so the used index equals the available
 * index the device reached. Lent transmit buffers (zerocopy.c) complete
 * when the network stack lets them go; that is waited for up to
 * @timeout jiffies, and if they are not back the data path runs on and
 * -EBUSY says so. state_lock held, the data path running.
 */
int vnet_datapath_suspend(struct vnet_function *fn, unsigned long timeout)
{
	unsigned long end = jiffies + timeout;
	u32 lent;
	u16 i;

	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		napi_disable(&pair->napi);
		spin_lock_bh(&pair->txq.lock);
		pair->txq.ready = false;
		spin_unlock_bh(&pair->txq.lock);
		/* Representor xmit from now on counts drops. */
		spin_lock_bh(&pair->rxq.lock);
		pair->rxq.ready = false;
		spin_unlock_bh(&pair->rxq.lock);
	}
	spin_lock_bh(&fn->ctrlq.lock);
	fn->ctrlq.ready = false;
	spin_unlock_bh(&fn->ctrlq.lock);
	fn->running = false;
	netif_tx_wake_all_queues(fn->rep);

	while ((lent = vnet_datapath_lent(fn)) && time_before(jiffies, end))
		usleep_range(500, 1000);
	if (lent) {
		pr_warn_ratelimited("%s: suspend refused: %u zero-copy transmit buffers still held by the network stack after %u ms\n",
				    fn->vuid, lent, jiffies_to_msecs(timeout));
		vnet_datapath_start(fn);
		return -EBUSY;
	}
	/* The lending contexts stay, idle, for vnet_datapath_start(). */
	for (i = 0; i < fn->num_pairs; i++) {
		struct vnet_pair *pair = &fn->pairs[i];

		/* Not ready: a callback running now signals nothing. */
		hrtimer_cancel(&pair->txq.coal_timer);
		hrtimer_cancel(&pair->rxq.coal_timer);
	}
	return 0;
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
	pr_warn_ratelimited("%s (%s) queue %u: %s; queue stopped, device needs reset\n",
			    fn->vuid, fn->bus_name, q->index, why);
	if (fn->tp->queue_failed)
		fn->tp->queue_failed(q);
	fn->tp->config_changed(fn);
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

void vnet_stats_add(struct vnet_queue *q, u64 packets, u64 bytes,
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
	q->fn->tp->signal(q);
	return 1;
}

/*
 * Publishes @n new used entries and signals them now, or later as the
 * queue's coalescing setting says: after max_packets completions or
 * usecs after the first unsignalled one. q->lock held.
 */
u64 vnet_queue_complete(struct vnet_queue *q, u32 n)
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

/* The driver kicked @q (any context). */
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

/*
 * Each queue pair's device work (host TX, signalling host RX) runs in its
 * own thread, as a DPU runs it on its own cores: the CPU that sends only
 * posts. Made at the first bind on either bus, so functions no driver
 * uses cost no threads; /sys/class/net/REP/threaded turns it off (and the
 * choice is kept across rebinds). Process context, no lock of the
 * function's held (takes RTNL).
 */
void vnet_pair_threads(struct vnet_function *fn)
{
	if (fn->threads_made)
		return;
	rtnl_lock();
	if (dev_set_threaded(fn->rep, true))
		netdev_warn(fn->rep, "no NAPI threads, queue pairs run in softirq\n");
	rtnl_unlock();
	fn->threads_made = true;
}
