// SPDX-License-Identifier: GPL-2.0
/*
 * SF representor netdev of a function: what the host transmits arrives
 * here, what is sent here reaches the host. Named like udev names mlx5 SF
 * representors (en3f0pf0sf2000), and a devlink port of its port's eswitch
 * (eswitch.c), from which the kernel derives phys_port_name (pf0sf2000)
 * and the switch id, so OVS and udev treat it as a switchdev representor.
 *
 * A representor outlives its function when it goes back to the SF pool
 * (sfpool.c): it is then an idle SF, down, with no function. The function
 * pointer is set and cleared under RTNL with the netdev down, so the
 * RTNL-holding callbacks and xmit (which needs the netdev up) see it
 * stable; get_stats64 may run under RCU alone and is covered by the
 * synchronize_net() in vnet_rep_unbind().
 */
#include <linux/etherdevice.h>
#include <net/devlink.h>

#include "vnet.h"

struct vnet_rep_priv {
	struct vnet_function __rcu *fn;	/* NULL while an idle pool SF */
	u32 port_index;
	u32 sf_num;
	struct list_head pool_node;	/* sfpool.c, while idle */
	struct net_device *dev;
	struct devlink_port dl_port;	/* eswitch.c */
};

static struct vnet_rep_priv *vnet_rep_priv(struct net_device *dev)
{
	return netdev_priv(dev);
}

/* For xmit: the netdev is up, so it has a function. */
struct vnet_function *vnet_rep_function(struct net_device *dev)
{
	return rcu_dereference_bh(vnet_rep_priv(dev)->fn);
}

/* For devlink's getters, which may run under any of our locks. */
struct vnet_function *vnet_rep_function_rcu(struct net_device *dev)
{
	return rcu_dereference(vnet_rep_priv(dev)->fn);
}

/* Representors change functions under vnet_functions_lock only. */
struct vnet_function *vnet_rep_function_locked(struct net_device *dev)
{
	return rcu_dereference_protected(vnet_rep_priv(dev)->fn,
					 lockdep_is_held(&vnet_functions_lock));
}

struct devlink_port *vnet_rep_dl_port(struct net_device *dev)
{
	return &vnet_rep_priv(dev)->dl_port;
}

struct net_device *vnet_rep_from_dl_port(struct devlink_port *dl)
{
	return container_of(dl, struct vnet_rep_priv, dl_port)->dev;
}

/* For RTNL holders (ethtool, netdev netlink): NULL while an idle SF. */
struct vnet_function *vnet_rep_function_rtnl(struct net_device *dev)
{
	return rtnl_dereference(vnet_rep_priv(dev)->fn);
}

u32 vnet_rep_sf_num(struct net_device *dev)
{
	return vnet_rep_priv(dev)->sf_num;
}

u32 vnet_rep_port_index(struct net_device *dev)
{
	return vnet_rep_priv(dev)->port_index;
}

struct list_head *vnet_rep_pool_node(struct net_device *dev)
{
	return &vnet_rep_priv(dev)->pool_node;
}

struct net_device *vnet_rep_from_pool_node(struct list_head *node)
{
	return container_of(node, struct vnet_rep_priv, pool_node)->dev;
}

static int vnet_rep_open(struct net_device *dev)
{
	/* An idle pool SF carries no traffic until a device takes it. */
	if (!rtnl_dereference(vnet_rep_priv(dev)->fn))
		return -ENETDOWN;
	netif_tx_start_all_queues(dev);
	return 0;
}

static int vnet_rep_stop(struct net_device *dev)
{
	netif_tx_stop_all_queues(dev);
	return 0;
}

static void vnet_rep_get_stats64(struct net_device *dev,
				 struct rtnl_link_stats64 *s)
{
	struct vnet_function *fn;
	struct vnet_queue_counters c;
	struct vnet_pair *pairs;
	u16 i, num = 0;

	rcu_read_lock();
	fn = rcu_dereference(vnet_rep_priv(dev)->fn);
	if (fn) {
		/* Pairs with the release in vnet_modify_queues(). */
		num = smp_load_acquire(&fn->num_pairs);
		pairs = READ_ONCE(fn->pairs);
	}
	/* Host TX is representor RX and the other way round. */
	for (i = 0; i < num; i++) {
		vnet_queue_counters_read(&pairs[i].txq, &c);
		s->rx_packets += c.s.packets;
		s->rx_bytes += c.s.bytes;
		s->rx_dropped += c.s.drops;
		s->rx_errors += c.s.errors;
		vnet_queue_counters_read(&pairs[i].rxq, &c);
		s->tx_packets += c.s.packets;
		s->tx_bytes += c.s.bytes;
		s->tx_dropped += c.s.drops;
		s->tx_errors += c.s.errors;
	}
	rcu_read_unlock();
}

/*
 * The representor offers TSO and checksum offload; what the host driver
 * did not negotiate (GUEST_TSO4/6, GUEST_CSUM) the stack does in
 * software before xmit, per skb, so a driver rebinding with other
 * features needs no netdev feature update.
 */
static netdev_features_t vnet_rep_features_check(struct sk_buff *skb,
						 struct net_device *dev,
						 netdev_features_t features)
{
	struct vnet_function *fn = vnet_rep_function(dev);

	if (!fn)
		return features;
	features &= ~NETIF_F_GSO_MASK | READ_ONCE(fn->guest_gso);
	if (!READ_ONCE(fn->guest_csum))
		features &= ~NETIF_F_CSUM_MASK;
	return features;
}

#ifndef VNET_HAVE_NETDEV_DEVLINK_PORT
/* 6.1 finds the devlink port (for phys_port_name) through the netdev. */
static struct devlink_port *vnet_rep_get_devlink_port(struct net_device *dev)
{
	return vnet_rep_dl_port(dev);
}
#endif

static const struct net_device_ops vnet_rep_netdev_ops = {
	.ndo_open		= vnet_rep_open,
	.ndo_stop		= vnet_rep_stop,
	.ndo_start_xmit		= vnet_rep_xmit,
	.ndo_features_check	= vnet_rep_features_check,
	.ndo_get_stats64	= vnet_rep_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
#ifndef VNET_HAVE_NETDEV_DEVLINK_PORT
	.ndo_get_devlink_port	= vnet_rep_get_devlink_port,
#endif
};

/*
 * Room for @max_pairs queue pairs: a pool SF has room for any device's.
 * Only a function's own pairs are made real (and get sysfs entries).
 */
struct net_device *vnet_rep_alloc(u32 port_index, u32 sf_num, u32 max_pairs)
{
	struct vnet_rep_priv *priv;
	struct net_device *dev;
	char name[IFNAMSIZ];

	if (vnet_rep_name(port_index, sf_num, name, sizeof(name)))
		return NULL;
	dev = alloc_netdev_mqs(sizeof(*priv), name, NET_NAME_PREDICTABLE,
			       ether_setup, max_pairs, max_pairs);
	if (!dev)
		return NULL;
	priv = netdev_priv(dev);
	priv->port_index = port_index;
	priv->sf_num = sf_num;
	priv->dev = dev;
	INIT_LIST_HEAD(&priv->pool_node);
	dev->netdev_ops = &vnet_rep_netdev_ops;
	dev->ethtool_ops = &vnet_rep_ethtool_ops;
	vnet_rep_qstats_init(dev);
	dev->min_mtu = VIRTNET_MIN_MTU;
	dev->max_mtu = VIRTNET_MAX_MTU;
	/* Narrowed per skb to what the host driver takes. */
	dev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA |
			   NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_TSO_MANGLEID |
			   NETIF_F_RXCSUM;
	dev->features = dev->hw_features | NETIF_F_GSO_ROBUST;
	dev->vlan_features = dev->features;
	SET_NETDEV_DEV(dev, vnet_eswitch_device(port_index));
	eth_hw_addr_random(dev);
	if (netif_set_real_num_queues(dev, 1, 1)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

/*
 * Give @fn its representor (fn->rep, down): its queue count, MTU and NAPI
 * contexts. RTNL held if the netdev is registered (one from the pool).
 */
int vnet_rep_bind(struct vnet_function *fn)
{
	struct net_device *dev = fn->rep;
	int err;

	err = netif_set_real_num_queues(dev, fn->num_pairs, fn->num_pairs);
	if (err)
		return err;
	if (dev->reg_state == NETREG_REGISTERED)
		err = dev_set_mtu(dev, fn->mtu);
	else
		dev->mtu = fn->mtu;
	if (err)
		return err;
	vnet_datapath_init(fn);
	/* A pooled netdev keeps the carrier of the function that had it. */
	if (vnet_function_link_up(fn))
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
	rcu_assign_pointer(vnet_rep_priv(dev)->fn, fn);
	return 0;
}

/* The takeover (takeover.c): @dev serves @fn from now on. RTNL held. */
void vnet_rep_set_function(struct net_device *dev, struct vnet_function *fn)
{
	rcu_assign_pointer(vnet_rep_priv(dev)->fn, fn);
}

/* The carrier of the function @dev serves. RTNL held. */
void vnet_rep_sync_carrier(struct net_device *dev)
{
	struct vnet_function *fn = rtnl_dereference(vnet_rep_priv(dev)->fn);

	if (fn && vnet_function_link_up(fn))
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
}

/*
 * Take the representor back from @fn, which is stopped (its host driver
 * is gone), leaving an idle SF. The NAPI contexts live in fn->pairs,
 * which is freed after this: netif_napi_del() wants a grace period first.
 */
void vnet_rep_unbind(struct vnet_function *fn)
{
	struct net_device *dev = fn->rep;

	rtnl_lock();
	dev_close(dev);
	vnet_datapath_napi_del(fn);
	RCU_INIT_POINTER(vnet_rep_priv(dev)->fn, NULL);
	rtnl_unlock();
	synchronize_net();
	fn->rep = NULL;
}

/* A devlink port first, then the netdev. Instance lock held. */
int vnet_rep_register(struct net_device *dev)
{
	struct vnet_rep_priv *priv = vnet_rep_priv(dev);
	int err;

	vnet_eswitch_assert_locked(priv->port_index);
	err = vnet_eswitch_port_add(dev, &priv->dl_port, priv->port_index,
				    priv->sf_num);
	if (err)
		return err;
	err = register_netdev(dev);
	if (err) {
		vnet_eswitch_port_del(&priv->dl_port);
		return err;
	}
#ifndef VNET_HAVE_NETDEV_DEVLINK_PORT
	devlink_port_type_eth_set(&priv->dl_port, dev);
#endif
	return 0;
}

/*
 * Also deletes the NAPI contexts of a function that still has it. The
 * devlink port goes after the netdev. Instance lock held.
 */
void vnet_rep_destroy(struct net_device *dev)
{
	struct vnet_rep_priv *priv = vnet_rep_priv(dev);

	vnet_eswitch_assert_locked(priv->port_index);
#ifndef VNET_HAVE_NETDEV_DEVLINK_PORT
	devlink_port_type_clear(&priv->dl_port);
#endif
	unregister_netdev(dev);
	vnet_eswitch_port_del(&priv->dl_port);
	free_netdev(dev);
}
