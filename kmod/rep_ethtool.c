// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool on a representor: driver info, the per-virtqueue counters of
 * its function (ethtool -S, the same numbers as `virtnet stats`) and its
 * channels (ethtool -l/-L).
 *
 * Counters are named by the virtqueue and what it is to the host driver:
 * vq<qid>_host_rx<i>_* is host RX queue i (what the representor
 * transmits), vq<qid>_host_tx<i>_* host TX queue i (what the
 * representor receives), vq<qid>_ctrl_* the control queue. An idle pool
 * SF has no function: queue_pairs reads 0 and no queue counter is shown.
 *
 * Channel i is queue pair i. The representor transmits on its first
 * real_num_tx_queues channels, and its TX queue q fills host RX queue
 * q mod A, A being the pairs the driver enabled (VQ_PAIRS_SET; 1 after a
 * reset), see vnet_rep_xmit(): it sends to min(channels, A) host RX
 * queues. What the driver sends on host TX queue i arrives on RX queue
 * i mod channels. ethtool -L combined N takes 1..the function's pairs;
 * binding, a takeover or a new queue count sets it back to all pairs.
 *
 * Everything here runs under RTNL, which keeps the representor's
 * function, its pairs and the channel count stable (vnet.h).
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "compat.h"
#include "vnet.h"

static const char * const vnet_rep_queue_counters[] = {
	"packets", "bytes", "drops", "errors", "kicks", "interrupts",
};

#define VNET_REP_QUEUE_STATS	ARRAY_SIZE(vnet_rep_queue_counters)

/* Before the per-queue counters, in this order. */
static const char * const vnet_rep_head_counters[] = {
	"queue_pairs",		/* the function's; 0 on an idle SF */
	"driver_active_pairs",	/* VQ_PAIRS_SET; 0 on an idle SF */
};

#define VNET_REP_HEAD_STATS	ARRAY_SIZE(vnet_rep_head_counters)

/* The function's virtqueues: each pair's two and the control queue. */
static u32 vnet_rep_num_vqs(const struct vnet_function *fn)
{
	return fn ? 2 * fn->num_pairs + 1 : 0;
}

/* Virtqueue @qid of @fn (2i host RX, 2i+1 host TX, last the control). */
static struct vnet_queue *vnet_rep_vq(struct vnet_function *fn, u32 qid)
{
	if (qid == 2 * fn->num_pairs)
		return &fn->ctrlq;
	return qid & 1 ? &fn->pairs[qid / 2].txq : &fn->pairs[qid / 2].rxq;
}

static void vnet_rep_get_drvinfo(struct net_device *dev,
				 struct ethtool_drvinfo *info)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);

	strscpy(info->driver, VNET_DRV_NAME, sizeof(info->driver));
	if (fn)
		strscpy(info->bus_info, fn->vuid, sizeof(info->bus_info));
}

static int vnet_rep_get_sset_count(struct net_device *dev, int sset)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return VNET_REP_HEAD_STATS + vnet_rep_num_vqs(fn) * VNET_REP_QUEUE_STATS;
}

static void vnet_rep_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);
	u32 qid, n = vnet_rep_num_vqs(fn), i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < VNET_REP_HEAD_STATS; i++)
		ethtool_puts(&data, vnet_rep_head_counters[i]);
	for (qid = 0; qid < n; qid++)
		for (i = 0; i < VNET_REP_QUEUE_STATS; i++) {
			if (qid == n - 1)
				ethtool_sprintf(&data, "vq%u_ctrl_%s", qid,
						vnet_rep_queue_counters[i]);
			else
				ethtool_sprintf(&data, "vq%u_host_%s%u_%s", qid,
						qid & 1 ? "tx" : "rx", qid / 2,
						vnet_rep_queue_counters[i]);
		}
}

static void vnet_rep_get_ethtool_stats(struct net_device *dev,
				       struct ethtool_stats *stats, u64 *data)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);
	u32 qid, n = vnet_rep_num_vqs(fn);
	struct vnet_queue_counters c;

	*data++ = fn ? fn->num_pairs : 0;
	*data++ = fn ? READ_ONCE(fn->active_pairs) : 0;
	for (qid = 0; qid < n; qid++) {
		vnet_queue_counters_read(vnet_rep_vq(fn, qid), &c);
		*data++ = c.s.packets;
		*data++ = c.s.bytes;
		*data++ = c.s.drops;
		*data++ = c.s.errors;
		*data++ = c.kicks;
		*data++ = c.s.interrupts;
	}
}

static void vnet_rep_get_channels(struct net_device *dev,
				  struct ethtool_channels *ch)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);

	/* An idle SF has no pairs: nothing to offer, nothing to set. */
	ch->max_combined = fn ? fn->num_pairs : 0;
	ch->combined_count = fn ? dev->real_num_tx_queues : 0;
}

/*
 * The core refused counts above get_channels' maxima and a request with
 * no channel already (with an extack message); what is left is checked
 * again for the ioctl and for a function that changed meanwhile.
 */
static int vnet_rep_set_channels(struct net_device *dev,
				 struct ethtool_channels *ch)
{
	struct vnet_function *fn = vnet_rep_function_rtnl(dev);
	u32 n = ch->combined_count;

	if (!fn)
		return -ENODEV;
	if (ch->rx_count || ch->tx_count || ch->other_count) {
		netdev_err(dev, "only combined channels: 1 to %u (the function's queue pairs)\n",
			   fn->num_pairs);
		return -EINVAL;
	}
	if (!n || n > fn->num_pairs) {
		netdev_err(dev, "combined channels %u: 1 to %u allowed (the function's queue pairs)\n",
			   n, fn->num_pairs);
		return -EINVAL;
	}
	/*
	 * xmit maps any TX queue onto an enabled pair, so it needs nothing
	 * more; the core waits for xmit on dropped queues and resets their
	 * qdiscs.
	 */
	return netif_set_real_num_queues(dev, n, n);
}

const struct ethtool_ops vnet_rep_ethtool_ops = {
	.get_drvinfo		= vnet_rep_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= vnet_rep_get_sset_count,
	.get_strings		= vnet_rep_get_strings,
	.get_ethtool_stats	= vnet_rep_get_ethtool_stats,
	.get_channels		= vnet_rep_get_channels,
	.set_channels		= vnet_rep_set_channels,
};
