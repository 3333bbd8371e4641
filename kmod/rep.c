// SPDX-License-Identifier: GPL-2.0
/*
 * SF representor netdev of a function: what the host transmits arrives
 * here, what is sent here reaches the host. Named like udev names mlx5 SF
 * representors (en3f0pf0sf2000) and exposing phys_port_name and a
 * port_parent_id so OVS and udev treat it as a switchdev representor.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>

#include "vnet.h"

struct vnet_rep_priv {
	struct vnet_function *fn;
};

struct vnet_function *vnet_rep_function(struct net_device *dev)
{
	return ((struct vnet_rep_priv *)netdev_priv(dev))->fn;
}

static int vnet_rep_open(struct net_device *dev)
{
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
	struct vnet_function *fn = vnet_rep_function(dev);
	struct vnet_queue_counters c;
	u16 i;

	/* Host TX is representor RX and the other way round. */
	for (i = 0; i < fn->num_pairs; i++) {
		vnet_queue_counters_read(&fn->pairs[i].txq, &c);
		s->rx_packets += c.s.packets;
		s->rx_bytes += c.s.bytes;
		s->rx_dropped += c.s.drops;
		s->rx_errors += c.s.errors;
		vnet_queue_counters_read(&fn->pairs[i].rxq, &c);
		s->tx_packets += c.s.packets;
		s->tx_bytes += c.s.bytes;
		s->tx_dropped += c.s.drops;
		s->tx_errors += c.s.errors;
	}
}

static int vnet_rep_phys_port_name(struct net_device *dev, char *buf,
				   size_t len)
{
	struct vnet_function *fn = vnet_rep_function(dev);
	int n = snprintf(buf, len, "pf%usf%u", fn->port->index, fn->sf_num);

	return n < 0 || n >= len ? -EOPNOTSUPP : 0;
}

static int vnet_rep_port_parent_id(struct net_device *dev,
				   struct netdev_phys_item_id *ppid)
{
	struct vnet_function *fn = vnet_rep_function(dev);

	ppid->id_len = sizeof(u64);
	vnet_switch_id(fn->port, ppid->id, ppid->id_len);
	return 0;
}

static const struct net_device_ops vnet_rep_netdev_ops = {
	.ndo_open		= vnet_rep_open,
	.ndo_stop		= vnet_rep_stop,
	.ndo_start_xmit		= vnet_rep_xmit,
	.ndo_get_stats64	= vnet_rep_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_get_phys_port_name	= vnet_rep_phys_port_name,
	.ndo_get_port_parent_id	= vnet_rep_port_parent_id,
};

static void vnet_rep_get_drvinfo(struct net_device *dev,
				 struct ethtool_drvinfo *info)
{
	struct vnet_function *fn = vnet_rep_function(dev);

	strscpy(info->driver, VNET_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, fn->vuid, sizeof(info->bus_info));
}

static const struct ethtool_ops vnet_rep_ethtool_ops = {
	.get_drvinfo		= vnet_rep_get_drvinfo,
	.get_link		= ethtool_op_get_link,
};

struct net_device *vnet_rep_alloc(struct vnet_function *fn)
{
	struct net_device *dev;
	char name[IFNAMSIZ];

	if (vnet_rep_name(fn->port->index, fn->sf_num, name, sizeof(name)))
		return NULL;
	dev = alloc_netdev_mqs(sizeof(struct vnet_rep_priv), name,
			       NET_NAME_PREDICTABLE, ether_setup,
			       fn->num_pairs, fn->num_pairs);
	if (!dev)
		return NULL;
	((struct vnet_rep_priv *)netdev_priv(dev))->fn = fn;
	dev->netdev_ops = &vnet_rep_netdev_ops;
	dev->ethtool_ops = &vnet_rep_ethtool_ops;
	dev->min_mtu = VIRTNET_MIN_MTU;
	dev->max_mtu = VIRTNET_MAX_MTU;
	dev->mtu = fn->mtu;
	/* Partial checksums are finished in xmit if the driver cannot. */
	dev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA;
	dev->features = dev->hw_features;
	dev->vlan_features = dev->features;
	SET_NETDEV_DEV(dev, vnet_root_device());
	eth_hw_addr_random(dev);
	return dev;
}

int vnet_rep_register(struct vnet_function *fn)
{
	return register_netdev(fn->rep);
}

void vnet_rep_unregister(struct vnet_function *fn)
{
	unregister_netdev(fn->rep);
}

/* Also deletes the NAPI contexts vnet_datapath_init() added. */
void vnet_rep_free(struct vnet_function *fn)
{
	free_netdev(fn->rep);
	fn->rep = NULL;
}
