// SPDX-License-Identifier: GPL-2.0
/*
 * What the netdev netlink family (qstats-get, queue-get) shows of a
 * representor's queues, on kernels that have it (Kbuild's header probes):
 * per-queue packets, bytes and drops, and each queue's NAPI context.
 *
 * Representor queue i is queue pair i on both sides (rep_ethtool.c):
 * RX queue i counts host TX queue i, TX queue i host RX queue i. Pairs
 * beyond the representor's channels (ethtool -L) go into the base
 * counters, so that the device totals equal ndo_get_stats64 (rep.c):
 * packets and bytes; hw-drops is drops plus errors (its dropped plus its
 * errors), tx hw-drop-errors its tx errors alone.
 *
 * The netdev family calls these under RTNL, which keeps the function and
 * its pairs in place (vnet.h); an idle SF reads zeros. The NAPI links
 * are set where the contexts are added and cleared before they are
 * deleted (queue.c), under RTNL once the netdev is registered, as
 * netif_queue_set_napi() wants.
 */
#include <linux/rtnetlink.h>
#ifdef VNET_HAVE_NETDEV_STAT_OPS
#include <net/netdev_queues.h>
#endif

#include "vnet.h"

#ifdef VNET_HAVE_NETDEV_STAT_OPS
static void vnet_qstats_add_rx(struct netdev_queue_stats_rx *rx,
			       struct vnet_function *fn, u16 pair)
{
	struct vnet_queue_counters c;

	/* Host TX is representor RX. */
	vnet_queue_counters_read(&fn->pairs[pair].txq, &c);
	rx->packets += c.s.packets;
	rx->bytes += c.s.bytes;
	rx->hw_drops += c.s.drops + c.s.errors;
}

static void vnet_qstats_add_tx(struct netdev_queue_stats_tx *tx,
			       struct vnet_function *fn, u16 pair)
{
	struct vnet_queue_counters c;

	vnet_queue_counters_read(&fn->pairs[pair].rxq, &c);
	tx->packets += c.s.packets;
	tx->bytes += c.s.bytes;
	tx->hw_drops += c.s.drops + c.s.errors;
	tx->hw_drop_errors += c.s.errors;
}

static void vnet_qstats_zero_rx(struct netdev_queue_stats_rx *rx)
{
	rx->packets = 0;
	rx->bytes = 0;
	rx->hw_drops = 0;
}

static void vnet_qstats_zero_tx(struct netdev_queue_stats_tx *tx)
{
	tx->packets = 0;
	tx->bytes = 0;
	tx->hw_drops = 0;
	tx->hw_drop_errors = 0;
}

static void vnet_qstats_rx(struct net_device *dev, int idx,
			   struct netdev_queue_stats_rx *rx)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);

	vnet_qstats_zero_rx(rx);
	if (fn && idx < fn->num_pairs)
		vnet_qstats_add_rx(rx, fn, idx);
}

static void vnet_qstats_tx(struct net_device *dev, int idx,
			   struct netdev_queue_stats_tx *tx)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);

	vnet_qstats_zero_tx(tx);
	if (fn && idx < fn->num_pairs)
		vnet_qstats_add_tx(tx, fn, idx);
}

/* The pairs past the representor's channels. */
static void vnet_qstats_base(struct net_device *dev,
			     struct netdev_queue_stats_rx *rx,
			     struct netdev_queue_stats_tx *tx)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);
	u16 i;

	vnet_qstats_zero_rx(rx);
	vnet_qstats_zero_tx(tx);
	if (!fn)
		return;
	for (i = dev->real_num_rx_queues; i < fn->num_pairs; i++)
		vnet_qstats_add_rx(rx, fn, i);
	for (i = dev->real_num_tx_queues; i < fn->num_pairs; i++)
		vnet_qstats_add_tx(tx, fn, i);
}

static const struct netdev_stat_ops vnet_rep_stat_ops = {
	.get_queue_stats_rx	= vnet_qstats_rx,
	.get_queue_stats_tx	= vnet_qstats_tx,
	.get_base_stats		= vnet_qstats_base,
};

void vnet_rep_qstats_init(struct net_device *dev)
{
	dev->stat_ops = &vnet_rep_stat_ops;
}
#endif /* VNET_HAVE_NETDEV_STAT_OPS */

#ifdef VNET_HAVE_QUEUE_SET_NAPI
/*
 * RX queue i is fed by pair i's NAPI context (host TX); TX queue i fills
 * host RX queue i, whose frames pair i's context signals.
 */
static void vnet_rep_queues_set(struct vnet_function *fn, bool on)
{
	u16 i;

	for (i = 0; i < fn->num_pairs; i++) {
		struct napi_struct *napi = on ? &fn->pairs[i].napi : NULL;

		netif_queue_set_napi(fn->rep, i, NETDEV_QUEUE_TYPE_RX, napi);
		netif_queue_set_napi(fn->rep, i, NETDEV_QUEUE_TYPE_TX, napi);
	}
}

/* After netif_napi_add() of every pair. */
void vnet_rep_queues_link(struct vnet_function *fn)
{
	vnet_rep_queues_set(fn, true);
}

/* Before the contexts are deleted: queue-get must not reach them. */
void vnet_rep_queues_unlink(struct vnet_function *fn)
{
	vnet_rep_queues_set(fn, false);
}
#endif /* VNET_HAVE_QUEUE_SET_NAPI */
