// SPDX-License-Identifier: GPL-2.0
/*
 * The device state a driver sees through either transport (the virtio
 * bus, transport.c, or vDPA, vdpa.c): config space, status and reset,
 * and the live changes an operator makes (link, coalescing) with the
 * announcement that follows a link coming back.
 */
#include <linux/ethtool.h>

#include "vnet.h"

/* Time for the driver to take the link up before it is asked to announce. */
#define VNET_ANNOUNCE_DELAY	msecs_to_jiffies(200)

/*
 * Ask a GUEST_ANNOUNCE driver to announce itself (gratuitous ARP,
 * unsolicited NA). Not together with LINK_UP: virtio_net announces before
 * it turns the carrier on, and the announcement would be dropped.
 */
static void vnet_announce_work(struct work_struct *work)
{
	struct vnet_function *fn = container_of(to_delayed_work(work),
						struct vnet_function,
						announce_work);
	bool changed = false;

	spin_lock_bh(&fn->config_lock);
	if ((fn->link_status & VIRTIO_NET_S_LINK_UP) &&
	    vnet_has(fn, VIRTIO_NET_F_GUEST_ANNOUNCE) &&
	    (READ_ONCE(fn->status) & VIRTIO_CONFIG_S_DRIVER_OK)) {
		fn->link_status |= VIRTIO_NET_S_ANNOUNCE;
		fn->config_generation++;
		changed = true;
	}
	spin_unlock_bh(&fn->config_lock);
	if (changed)
		fn->tp->config_changed(fn);
}

/* vDPA kicks come with IRQs off: the control queue is served here. */
static void vnet_ctrlq_work(struct work_struct *work)
{
	struct vnet_function *fn = container_of(work, struct vnet_function,
						ctrlq_work);

	vnet_ctrlq_process(&fn->ctrlq);
}

void vnet_transport_init(struct vnet_function *fn)
{
	INIT_WORK(&fn->ctrlq_work, vnet_ctrlq_work);
	mutex_init(&fn->state_lock);
	spin_lock_init(&fn->config_lock);
	ether_addr_copy(fn->config_mac, fn->mac);
	/* Until negotiated: x86's legacy byte order is little endian too. */
	fn->little_endian = true;
	fn->link_status = VIRTIO_NET_S_LINK_UP;
	fn->active_pairs = 1;
	vnet_rx_filter_init(fn);
	INIT_DELAYED_WORK(&fn->announce_work, vnet_announce_work);
	vnet_events_function_init(fn);
}

/*
 * The operator turns the link on or off (DEV_SET): the driver hears of it
 * through a config change, and a GUEST_ANNOUNCE driver is asked to
 * announce itself when the link comes back, so switches relearn it.
 */
void vnet_function_set_link(struct vnet_function *fn, bool up)
{
	spin_lock_bh(&fn->config_lock);
	if (up) {
		fn->link_status |= VIRTIO_NET_S_LINK_UP;
	} else {
		fn->link_status &= ~(VIRTIO_NET_S_LINK_UP |
				     VIRTIO_NET_S_ANNOUNCE);
	}
	fn->config_generation++;
	spin_unlock_bh(&fn->config_lock);
	if (up)
		netif_carrier_on(fn->rep);
	else
		netif_carrier_off(fn->rep);
	fn->tp->config_changed(fn);
	if (up)
		schedule_delayed_work(&fn->announce_work, VNET_ANNOUNCE_DELAY);
}

bool vnet_function_link_up(const struct vnet_function *fn)
{
	return READ_ONCE(fn->link_status) & VIRTIO_NET_S_LINK_UP;
}

/* From DEV_SET or the driver's NOTF_COAL command; takes effect at once. */
void vnet_function_set_coal(struct vnet_function *fn, bool rx,
			    const struct vnet_coal *coal)
{
	struct vnet_coal *c = rx ? &fn->rx_coal : &fn->tx_coal;

	spin_lock_bh(&fn->config_lock);
	WRITE_ONCE(c->usecs, coal->usecs);
	WRITE_ONCE(c->max_packets, coal->max_packets);
	spin_unlock_bh(&fn->config_lock);
}

size_t vnet_config_read(struct vnet_function *fn, unsigned int offset,
			void *buf, unsigned int len)
{
	struct virtio_net_config cfg = {};
	bool le = fn->little_endian;

	spin_lock_bh(&fn->config_lock);
	memcpy(cfg.mac, fn->config_mac, ETH_ALEN);
	cfg.status = __cpu_to_virtio16(le, fn->link_status);
	spin_unlock_bh(&fn->config_lock);
	cfg.max_virtqueue_pairs = __cpu_to_virtio16(le, fn->num_pairs);
	cfg.mtu = __cpu_to_virtio16(le, fn->mtu);
	cfg.speed = cpu_to_le32(VIRTNET_LINK_SPEED);
	cfg.duplex = DUPLEX_FULL;

	if (offset > sizeof(cfg) || len > sizeof(cfg) - offset) {
		memset(buf, 0, len);
		return sizeof(cfg);
	}
	memcpy(buf, (u8 *)&cfg + offset, len);
	return sizeof(cfg);
}

/* Legacy drivers without CTRL_MAC_ADDR write the MAC here. */
void vnet_config_write(struct vnet_function *fn, unsigned int offset,
		       const void *buf, unsigned int len)
{
	if (offset >= ETH_ALEN || len > ETH_ALEN - offset)
		return;
	spin_lock_bh(&fn->config_lock);
	write_seqcount_begin(&fn->filter.seq);
	memcpy(fn->config_mac + offset, buf, len);
	write_seqcount_end(&fn->filter.seq);
	fn->config_generation++;
	spin_unlock_bh(&fn->config_lock);
}

u8 vnet_function_status(struct vnet_function *fn)
{
	return READ_ONCE(fn->status) |
	       (READ_ONCE(fn->needs_reset) ? VIRTIO_CONFIG_S_NEEDS_RESET : 0);
}

/*
 * Synchronous: when this returns no device work runs and no ring is
 * touched, because the driver frees the rings right after. state_lock
 * held.
 */
void vnet_function_reset(struct vnet_function *fn)
{
	u8 old = fn->status;

	lockdep_assert_held(&fn->state_lock);
	vnet_datapath_stop(fn);
	WRITE_ONCE(fn->status, 0);
	vnet_driver_status_changed(fn, old);
	WRITE_ONCE(fn->needs_reset, false);
	fn->features = 0;
	spin_lock_bh(&fn->config_lock);
	vnet_rx_filter_reset(fn);
	write_seqcount_begin(&fn->filter.seq);
	ether_addr_copy(fn->config_mac, fn->mac);
	fn->rx_mode = 0;
	write_seqcount_end(&fn->filter.seq);
	fn->link_status &= ~VIRTIO_NET_S_ANNOUNCE;
	fn->active_pairs = 1;
	fn->config_generation++;
	spin_unlock_bh(&fn->config_lock);
}
