// SPDX-License-Identifier: GPL-2.0
/*
 * Receive filter of a function: what the host driver asked to receive
 * through the control queue (promiscuous and all-multicast modes, the
 * MAC tables, the VLAN table). Frames the representor sends that the
 * driver did not ask for are dropped, as a NIC's filter drops them, so a
 * driver that left promiscuous mode does not pay for other hosts' unicast.
 *
 * Until the driver sets its MAC table everything passes, as in QEMU: the
 * driver programs the filter when it opens, and a frame arriving before
 * that must not be lost for want of a filter. Writers hold config_lock;
 * xmit reads under the seqcount and never blocks.
 */
#include <linux/etherdevice.h>
#include <linux/virtio_config.h>

#include "vnet.h"

void vnet_rx_filter_init(struct vnet_function *fn)
{
	seqcount_spinlock_init(&fn->filter.seq, &fn->config_lock);
}

/* config_lock held: the device forgets the driver's filter at reset. */
void vnet_rx_filter_reset(struct vnet_function *fn)
{
	struct vnet_rx_filter *f = &fn->filter;

	write_seqcount_begin(&f->seq);
	f->mac_active = false;
	f->vlan_active = false;
	memset(&f->tables, 0, sizeof(f->tables));
	bitmap_zero(f->vlans, VLAN_N_VID);
	write_seqcount_end(&f->seq);
}

/* DRIVER_OK: with CTRL_VLAN, tagged frames pass only for added VLANs. */
void vnet_rx_filter_start(struct vnet_function *fn)
{
	struct vnet_rx_filter *f = &fn->filter;

	spin_lock_bh(&fn->config_lock);
	write_seqcount_begin(&f->seq);
	f->vlan_active = vnet_has(fn, VIRTIO_NET_F_CTRL_VLAN);
	write_seqcount_end(&f->seq);
	spin_unlock_bh(&fn->config_lock);
}

void vnet_rx_filter_set_macs(struct vnet_function *fn,
			     const struct vnet_mac_tables *t)
{
	struct vnet_rx_filter *f = &fn->filter;

	spin_lock_bh(&fn->config_lock);
	write_seqcount_begin(&f->seq);
	f->tables = *t;
	f->mac_active = true;
	write_seqcount_end(&f->seq);
	spin_unlock_bh(&fn->config_lock);
}

void vnet_rx_filter_set_vlan(struct vnet_function *fn, u16 vid, bool on)
{
	struct vnet_rx_filter *f = &fn->filter;

	spin_lock_bh(&fn->config_lock);
	write_seqcount_begin(&f->seq);
	if (on)
		set_bit(vid, f->vlans);
	else
		clear_bit(vid, f->vlans);
	write_seqcount_end(&f->seq);
	spin_unlock_bh(&fn->config_lock);
}

static bool vnet_mac_listed(const struct vnet_mac_tables *t, u32 first,
			    u32 count, const u8 *addr)
{
	u32 i;

	for (i = first; i < first + count; i++)
		if (ether_addr_equal(t->macs[i], addr))
			return true;
	return false;
}

/* Reader side; the caller retries if a writer interleaved. */
static bool vnet_filter_check(const struct vnet_function *fn,
			      const u8 *dest, int vid)
{
	const struct vnet_rx_filter *f = &fn->filter;
	const struct vnet_mac_tables *t = &f->tables;

	if (f->vlan_active && vid >= 0 && !test_bit(vid, f->vlans))
		return false;
	if (!f->mac_active || (fn->rx_mode & VIRTNET_RX_MODE_PROMISC) ||
	    is_broadcast_ether_addr(dest))
		return true;
	if (is_multicast_ether_addr(dest))
		return (fn->rx_mode & VIRTNET_RX_MODE_ALLMULTI) ||
		       t->mc_overflow ||
		       vnet_mac_listed(t, t->uc_count, t->mc_count, dest);
	return ether_addr_equal(fn->config_mac, dest) || t->uc_overflow ||
	       vnet_mac_listed(t, 0, t->uc_count, dest);
}

bool vnet_rx_filter_accepts(struct vnet_function *fn,
			    const struct sk_buff *skb)
{
	const struct vnet_rx_filter *f = &fn->filter;
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	unsigned int seq;
	int vid = -1;
	bool ok;

	/*
	 * A racy peek is enough to skip the filter: both flags change only
	 * when the driver programs it, and a frame racing that change may
	 * go either way, as on a NIC.
	 */
	if (!data_race(f->mac_active) && !data_race(f->vlan_active))
		return true;
	if (skb_vlan_tag_present(skb)) {
		vid = skb_vlan_tag_get_id(skb);
	} else if (eth->h_proto == htons(ETH_P_8021Q) &&
		   skb_headlen(skb) >= VLAN_ETH_HLEN) {
		const struct vlan_ethhdr *veth =
			(const struct vlan_ethhdr *)skb->data;

		vid = ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK;
	}
	do {
		seq = read_seqcount_begin(&f->seq);
		ok = vnet_filter_check(fn, eth->h_dest, vid);
	} while (read_seqcount_retry(&f->seq, seq));
	return ok;
}
