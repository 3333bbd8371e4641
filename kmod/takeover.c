// SPDX-License-Identifier: GPL-2.0
/*
 * SF takeover: two functions of one port exchange their SFs, so that the
 * destination of a live migration serves the representor (ifindex, name,
 * OVS port, MAC) the source had and the DPU side of the network does not
 * change when the VM moves. The source must not run (suspended, or no
 * driver); the destination may, and its queues keep their rings.
 *
 * Each representor keeps what belongs to the netdev (name, ifindex, MAC,
 * its up/down state, its NAPI threading choice); what belongs to the
 * function follows the function: queue count, MTU, carrier, counters.
 *
 * Locking: vnet_functions_lock, RTNL, then both state_locks (the
 * source's first; no other path holds two): no driver changes either
 * function's status meanwhile.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "vnet.h"

/* Representor @dev gets @fn's MTU and queue count, or nothing changes. */
static int vnet_takeover_shape(struct net_device *dev,
			       const struct vnet_function *fn)
{
	unsigned int old_mtu = dev->mtu;
	int err;

	err = dev_set_mtu(dev, fn->mtu);
	if (err)
		return err;
	err = netif_set_real_num_queues(dev, fn->num_pairs, fn->num_pairs);
	if (err)
		dev_set_mtu(dev, old_mtu);
	return err;
}

static int vnet_takeover_check(struct vnet_function *dst,
			       struct vnet_function *src,
			       struct netlink_ext_ack *extack)
{
	if (src == dst) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: the device itself (give the source device of the migration)");
		return -EINVAL;
	}
	if (src->port != dst->port) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: the source device is on another port (an SF belongs to its port)");
		return -EINVAL;
	}
	if (src->switching || dst->switching) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: a hand-over of one of the two devices is in progress");
		return -EBUSY;
	}
	if (src->rep->num_tx_queues < dst->num_pairs ||
	    dst->rep->num_tx_queues < src->num_pairs) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: one representor has room for fewer queue pairs than the other device has (a VF's is made for its own)");
		return -ERANGE;
	}
	return 0;
}

/*
 * The exchange proper, which cannot fail: RTNL and both state_locks
 * held, both representors already shaped for their new functions.
 */
static void vnet_takeover_swap(struct vnet_function *dst,
			       struct vnet_function *src)
{
	struct net_device *src_rep = src->rep, *dst_rep = dst->rep;
	bool dst_running = dst->running;
	u32 sf_num = src->sf_num;
	u16 i;

	/* The source does not run: its NAPI contexts are disabled. */
	if (dst_running)
		for (i = 0; i < dst->num_pairs; i++)
			napi_disable(&dst->pairs[i].napi);
	netif_tx_disable(src_rep);
	netif_tx_disable(dst_rep);
	vnet_datapath_napi_del(src);
	vnet_datapath_napi_del(dst);
	vnet_rep_set_function(src_rep, dst);
	vnet_rep_set_function(dst_rep, src);
	/* xmit, get_stats64 and NAPI are done with the old pairing. */
	synchronize_net();

	WRITE_ONCE(src->rep, dst_rep);
	WRITE_ONCE(dst->rep, src_rep);
	src->sf_num = dst->sf_num;
	dst->sf_num = sf_num;
	/* Added disabled; threaded if the new representor is. */
	vnet_datapath_napi_add(src);
	vnet_datapath_napi_add(dst);
	if (dst_running) {
		for (i = 0; i < dst->num_pairs; i++)
			napi_enable(&dst->pairs[i].napi);
		/* Signals and frames that waited for the move. */
		local_bh_disable();
		for (i = 0; i < dst->num_pairs; i++)
			napi_schedule(&dst->pairs[i].napi);
		local_bh_enable();
	}
	vnet_rep_sync_carrier(src_rep);
	vnet_rep_sync_carrier(dst_rep);
	/* Stopped subqueues would hold frames forever; not running: drops. */
	netif_tx_wake_all_queues(src_rep);
	netif_tx_wake_all_queues(dst_rep);
}

/*
 * @dst takes over @src's SF and @src gets @dst's. vnet_functions_lock
 * held. The whole request is checked before anything changes.
 */
int vnet_sf_takeover(struct vnet_function *dst, struct vnet_function *src,
		     struct netlink_ext_ack *extack)
{
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	err = vnet_takeover_check(dst, src, extack);
	if (err)
		return err;

	rtnl_lock();
	mutex_lock(&src->state_lock);
	mutex_lock_nested(&dst->state_lock, SINGLE_DEPTH_NESTING);
	if (src->running) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: the source device still runs: suspend it first (QEMU does when the migration switches over) or stop its driver");
		err = -EBUSY;
		goto out_unlock;
	}
	err = vnet_takeover_shape(src->rep, dst);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: the source's representor refused the device's MTU or queue count");
		goto out_unlock;
	}
	err = vnet_takeover_shape(dst->rep, src);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "sf_from: the device's representor refused the source's MTU or queue count");
		goto err_unshape_src_rep;
	}
	vnet_takeover_swap(dst, src);
	vnet_functions_changed();
	pr_info("%s took over SF %u (%s) from %s, which now has SF %u (%s)\n",
		dst->vuid, dst->sf_num, dst->rep->name, src->vuid,
		src->sf_num, src->rep->name);
	goto out_unlock;

err_unshape_src_rep:
	/* Back to what it had: the source's own shape cannot be refused. */
	vnet_takeover_shape(src->rep, src);
out_unlock:
	mutex_unlock(&dst->state_lock);
	mutex_unlock(&src->state_lock);
	rtnl_unlock();
	return err;
}
