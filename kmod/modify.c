// SPDX-License-Identifier: GPL-2.0
/*
 * Changing a function in place (DEV_SET, `virtnet modify`).
 *
 * What the driver reads once at probe (MAC, MTU, features, queue count
 * and depth) changes only while no driver is bound: the device lock is
 * held from the check to the last store, so a bind waits and then sees
 * the new values. Link state and interrupt coalescing change live.
 *
 * The whole request is checked before anything changes; the one step
 * that can still fail late (the representor's MTU) goes first.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "vnet.h"

static int vnet_modify_check(struct vnet_function *fn,
			     const struct vnet_modify *m, u64 *features,
			     struct netlink_ext_ack *extack)
{
	u16 num_queues = m->has_num_queues ? m->num_queues : fn->num_queues;
	const char *why;

	if (m->has_mac && !ether_addr_equal(fn->mac, m->mac) &&
	    vnet_mac_in_use(m->mac)) {
		NL_SET_ERR_MSG(extack, "mac: already used by another device");
		return -EEXIST;
	}
	if (fn->switching || !fn->bus_dev) {
		vnet_extack_set(extack, fn->switching ?
				"a hand-over of this device is in progress" :
				"the device is on no bus (a hand-over failed): hand it over again first");
		return -EBUSY;
	}
	if (m->has_num_queues && fn->mode == VNET_MODE_VDPA &&
	    m->num_queues != fn->num_queues) {
		NL_SET_ERR_MSG(extack,
			       "num_queues: fixed while the device is in vDPA mode (vdpa dev add ... max_vqp); hand it back first");
		return -EBUSY;
	}
	if (m->has_num_queues &&
	    (num_queues - 1) / 2 > fn->rep->num_tx_queues) {
		NL_SET_ERR_MSG(extack,
			       "num_queues: more queue pairs than this VF's representor was made for (its queues at creation)");
		return -ERANGE;
	}
	*features = fn->device_features;
	if (m->has_features || m->has_num_queues) {
		/* Features come back as asked: 0 meant "all" at creation. */
		u64 req = m->has_features ? m->features : fn->device_features;

		if (vnet_features_resolve(req & ~BIT_ULL(VIRTIO_F_ACCESS_PLATFORM),
					  num_queues, fn->legacy, features,
					  &why)) {
			vnet_extack_set(extack, why);
			return -EINVAL;
		}
		/* The vDPA transport's: every vDPA function has it. */
		if (fn->mode == VNET_MODE_VDPA)
			*features |= BIT_ULL(VIRTIO_F_ACCESS_PLATFORM);
	}
	return 0;
}

/*
 * A new queue count: new pairs, each with its NAPI context on the
 * representor. No driver is bound, so no ring, notify or NAPI poll is
 * active; xmit and get_stats64 may run, and are fenced off below.
 */
static int vnet_modify_queues(struct vnet_function *fn, u16 num_queues)
{
	u16 num = (num_queues - 1) / 2;
	struct vnet_pair *old = fn->pairs, *pairs;
	struct net_device *dev = fn->rep;
	int err;

	pairs = kcalloc(num, sizeof(*pairs), GFP_KERNEL);
	if (!pairs)
		return -ENOMEM;

	rtnl_lock();
	err = netif_set_real_num_queues(dev, num, num);
	if (err) {
		rtnl_unlock();
		kfree(pairs);
		return err;
	}
	/* Waits for xmit in progress; the queues wake below. */
	netif_tx_disable(dev);
	vnet_datapath_napi_del(fn);
	/* get_stats64 reads num_pairs, then pairs, under RCU alone. */
	smp_store_release(&fn->num_pairs, 0);
	synchronize_net();
	WRITE_ONCE(fn->pairs, pairs);
	fn->num_queues = num_queues;
	spin_lock_bh(&fn->config_lock);
	fn->active_pairs = 1;
	spin_unlock_bh(&fn->config_lock);
	/*
	 * Release: get_stats64 sees the new pairs with their count (pairs
	 * with the acquire in vnet_rep_get_stats64()); zeroed by kcalloc,
	 * they read as zero counters until vnet_datapath_init() runs.
	 */
	smp_store_release(&fn->num_pairs, num);
	vnet_datapath_init(fn);
	if (netif_running(dev))
		netif_tx_wake_all_queues(dev);
	rtnl_unlock();
	/* The old NAPI contexts and counters: readers are gone after this. */
	synchronize_net();
	kfree(old);
	return 0;
}

int vnet_function_modify(struct vnet_function *fn, const struct vnet_modify *m,
			 struct netlink_ext_ack *extack)
{
	bool unbound_only = m->has_mac || m->has_mtu || m->has_features ||
			    m->has_num_queues || m->has_queue_size;
	u64 features;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	err = vnet_modify_check(fn, m, &features, extack);
	if (err)
		return err;

	device_lock(fn->bus_dev);
	if (unbound_only && fn->bus_dev->driver) {
		if (fn->mode == VNET_MODE_VDPA)
			NL_SET_ERR_MSG(extack,
				       "a vdpa bus driver is bound: unbind it first (echo <name> > /sys/bus/vdpa/drivers/<driver>/unbind); mac, mtu, features, num_queues and queue_size change only while it is unbound");
		else
			NL_SET_ERR_MSG(extack,
				       "the host driver is bound: unbind it first (echo <bus id> > /sys/bus/virtio/drivers/virtio_net/unbind); mac, mtu, features, num_queues and queue_size change only while it is unbound");
		err = -EBUSY;
		goto out_unlock;
	}
	if (m->has_mtu && m->mtu != fn->mtu) {
		rtnl_lock();
		err = dev_set_mtu(fn->rep, m->mtu);
		rtnl_unlock();
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "mtu: the representor refused it");
			goto out_unlock;
		}
	}
	if (m->has_num_queues && m->num_queues != fn->num_queues) {
		err = vnet_modify_queues(fn, m->num_queues);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "num_queues: could not resize the device's queues");
			goto err_restore_mtu;
		}
	}

	if (m->has_mtu)
		fn->mtu = m->mtu;
	if (m->has_queue_size)
		fn->queue_size = m->queue_size;
	fn->device_features = features;
	if (m->has_mac) {
		spin_lock_bh(&fn->config_lock);
		ether_addr_copy(fn->mac, m->mac);
		write_seqcount_begin(&fn->filter.seq);
		ether_addr_copy(fn->config_mac, m->mac);
		write_seqcount_end(&fn->filter.seq);
		fn->config_generation++;
		spin_unlock_bh(&fn->config_lock);
	}
	if (m->has_rx_coal)
		vnet_function_set_coal(fn, true, &m->rx_coal);
	if (m->has_tx_coal)
		vnet_function_set_coal(fn, false, &m->tx_coal);
	if (m->has_link)
		vnet_function_set_link(fn, m->link_up);
	vnet_functions_changed();
	device_unlock(fn->bus_dev);
	return 0;

err_restore_mtu:
	if (m->has_mtu && m->mtu != fn->mtu) {
		rtnl_lock();
		dev_set_mtu(fn->rep, fn->mtu);
		rtnl_unlock();
	}
out_unlock:
	device_unlock(fn->bus_dev);
	return err;
}
