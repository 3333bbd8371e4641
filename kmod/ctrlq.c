// SPDX-License-Identifier: GPL-2.0
/*
 * Control virtqueue. The 6.1 virtio_net driver spins in atomic context
 * (under rtnl, and under netif_addr_lock_bh from set_rx_mode) until a
 * command completes, so commands are answered synchronously from the
 * notify callback: no sleeping, no work items, no interrupt needed.
 */
#include <linux/etherdevice.h>
#include <linux/virtio_config.h>

#include "vnet.h"

/* Readable bytes of a command; a MAC table of 2 x 64K entries fits. */
#define VNET_CTRL_MAX_LEN	(1024 * 1024)

struct vnet_ctrl_cmd {
	struct vnet_iov_iter it;
	u32 left;			/* readable bytes not consumed yet */
};

static bool vnet_ctrlq_read(struct vnet_ctrl_cmd *cmd, void *buf, u32 len)
{
	if (cmd->left < len)
		return false;
	cmd->left -= len;
	return vnet_iov_pull(&cmd->it, buf, len) == len;
}

static bool vnet_ctrlq_skip(struct vnet_ctrl_cmd *cmd, u64 len)
{
	void *base;
	u32 n;

	if (cmd->left < len)
		return false;
	cmd->left -= len;
	while (len && (n = vnet_iov_next(&cmd->it, &base, len)))
		len -= n;
	return !len;
}

static u8 vnet_ctrlq_rx(struct vnet_function *fn, u8 cmd,
			struct vnet_ctrl_cmd *c)
{
	u32 bit;
	u8 on;

	if (!vnet_has(fn, VIRTIO_NET_F_CTRL_RX))
		return VIRTIO_NET_ERR;
	switch (cmd) {
	case VIRTIO_NET_CTRL_RX_PROMISC:
		bit = VIRTNET_RX_MODE_PROMISC;
		break;
	case VIRTIO_NET_CTRL_RX_ALLMULTI:
		bit = VIRTNET_RX_MODE_ALLMULTI;
		break;
	default:
		return VIRTIO_NET_ERR;
	}
	if (!vnet_ctrlq_read(c, &on, sizeof(on)))
		return VIRTIO_NET_ERR;
	spin_lock(&fn->config_lock);
	write_seqcount_begin(&fn->filter.seq);
	if (on)
		fn->rx_mode |= bit;
	else
		fn->rx_mode &= ~bit;
	write_seqcount_end(&fn->filter.seq);
	spin_unlock(&fn->config_lock);
	return VIRTIO_NET_OK;
}

/*
 * One table of MAC_TABLE_SET into @t: entries past what fits are
 * skipped and turn on "accept all" for that kind, as QEMU does.
 */
static bool vnet_ctrlq_mac_table(struct vnet_function *fn,
				 struct vnet_ctrl_cmd *c,
				struct vnet_mac_tables *t, bool multicast)
{
	u32 room = VNET_MAC_TABLE_SIZE - t->uc_count - t->mc_count;
	__virtio32 raw;
	u32 entries, kept;

	if (!vnet_ctrlq_read(c, &raw, sizeof(raw)))
		return false;
	entries = __virtio32_to_cpu(fn->little_endian, raw);
	kept = min(entries, room);
	if (!vnet_ctrlq_read(c, t->macs[t->uc_count + t->mc_count],
			     kept * ETH_ALEN) ||
	    !vnet_ctrlq_skip(c, (u64)(entries - kept) * ETH_ALEN))
		return false;
	if (multicast) {
		t->mc_count = kept;
		t->mc_overflow = kept < entries;
	} else {
		t->uc_count = kept;
		t->uc_overflow = kept < entries;
	}
	return true;
}

static u8 vnet_ctrlq_mac(struct vnet_function *fn, u8 cmd,
			 struct vnet_ctrl_cmd *c)
{
	struct vnet_mac_tables t = {};
	u8 mac[ETH_ALEN];

	switch (cmd) {
	case VIRTIO_NET_CTRL_MAC_TABLE_SET:
		/* Unicast table, then multicast table; both must parse. */
		if (!vnet_has(fn, VIRTIO_NET_F_CTRL_RX) ||
		    !vnet_ctrlq_mac_table(fn, c, &t, false) ||
		    !vnet_ctrlq_mac_table(fn, c, &t, true))
			return VIRTIO_NET_ERR;
		vnet_rx_filter_set_macs(fn, &t);
		return VIRTIO_NET_OK;
	case VIRTIO_NET_CTRL_MAC_ADDR_SET:
		if (!vnet_has(fn, VIRTIO_NET_F_CTRL_MAC_ADDR) ||
		    !vnet_ctrlq_read(c, mac, sizeof(mac)) ||
		    !is_valid_ether_addr(mac))
			return VIRTIO_NET_ERR;
		spin_lock(&fn->config_lock);
		write_seqcount_begin(&fn->filter.seq);
		ether_addr_copy(fn->config_mac, mac);
		write_seqcount_end(&fn->filter.seq);
		fn->config_generation++;
		spin_unlock(&fn->config_lock);
		return VIRTIO_NET_OK;
	default:
		return VIRTIO_NET_ERR;
	}
}

static u8 vnet_ctrlq_mq(struct vnet_function *fn, u8 cmd,
			struct vnet_ctrl_cmd *c)
{
	__virtio16 raw;
	u16 pairs;

	if (!vnet_has(fn, VIRTIO_NET_F_MQ) ||
	    cmd != VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET ||
	    !vnet_ctrlq_read(c, &raw, sizeof(raw)))
		return VIRTIO_NET_ERR;
	pairs = __virtio16_to_cpu(fn->little_endian, raw);
	if (pairs < VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN || pairs > fn->num_pairs)
		return VIRTIO_NET_ERR;
	spin_lock(&fn->config_lock);
	fn->active_pairs = pairs;
	spin_unlock(&fn->config_lock);
	return VIRTIO_NET_OK;
}

static u8 vnet_ctrlq_vlan(struct vnet_function *fn, u8 cmd,
			  struct vnet_ctrl_cmd *c)
{
	__virtio16 raw;
	u16 vid;

	if (!vnet_has(fn, VIRTIO_NET_F_CTRL_VLAN) ||
	    (cmd != VIRTIO_NET_CTRL_VLAN_ADD &&
	     cmd != VIRTIO_NET_CTRL_VLAN_DEL) ||
	    !vnet_ctrlq_read(c, &raw, sizeof(raw)))
		return VIRTIO_NET_ERR;
	vid = __virtio16_to_cpu(fn->little_endian, raw);
	if (vid >= VLAN_N_VID)
		return VIRTIO_NET_ERR;
	vnet_rx_filter_set_vlan(fn, vid, cmd == VIRTIO_NET_CTRL_VLAN_ADD);
	return VIRTIO_NET_OK;
}

/* The driver announced itself (gratuitous ARP etc.): clear the request. */
static u8 vnet_ctrlq_announce(struct vnet_function *fn, u8 cmd)
{
	if (!vnet_has(fn, VIRTIO_NET_F_GUEST_ANNOUNCE) ||
	    cmd != VIRTIO_NET_CTRL_ANNOUNCE_ACK)
		return VIRTIO_NET_ERR;
	spin_lock(&fn->config_lock);
	fn->link_status &= ~VIRTIO_NET_S_ANNOUNCE;
	fn->config_generation++;
	spin_unlock(&fn->config_lock);
	return VIRTIO_NET_OK;
}

/* ethtool -C on the host: both commands carry usecs, then max packets. */
static u8 vnet_ctrlq_coal(struct vnet_function *fn, u8 cmd,
			  struct vnet_ctrl_cmd *c)
{
	struct virtio_net_ctrl_coal_rx raw;
	struct vnet_coal coal;

	BUILD_BUG_ON(sizeof(struct virtio_net_ctrl_coal_rx) !=
		     sizeof(struct virtio_net_ctrl_coal_tx));
	if (!vnet_has(fn, VIRTIO_NET_F_NOTF_COAL) ||
	    (cmd != VIRTIO_NET_CTRL_NOTF_COAL_RX_SET &&
	     cmd != VIRTIO_NET_CTRL_NOTF_COAL_TX_SET) ||
	    !vnet_ctrlq_read(c, &raw, sizeof(raw)))
		return VIRTIO_NET_ERR;
	coal.max_packets = le32_to_cpu(raw.rx_max_packets);
	coal.usecs = le32_to_cpu(raw.rx_usecs);
	if (coal.usecs > VIRTNET_MAX_COAL_USECS ||
	    coal.max_packets > VIRTNET_MAX_COAL_PACKETS)
		return VIRTIO_NET_ERR;
	vnet_function_set_coal(fn, cmd == VIRTIO_NET_CTRL_NOTF_COAL_RX_SET,
			       &coal);
	return VIRTIO_NET_OK;
}

static u8 vnet_ctrlq_handle(struct vnet_function *fn,
			    const struct vnet_chain *ch)
{
	struct virtio_net_ctrl_hdr hdr;
	struct vnet_ctrl_cmd c;

	vnet_iov_iter_init(&c.it, ch->iov, ch->nr_read);
	c.left = ch->read_len;
	if (!vnet_ctrlq_read(&c, &hdr, sizeof(hdr)))
		return VIRTIO_NET_ERR;

	switch (hdr.class) {
	case VIRTIO_NET_CTRL_RX:
		return vnet_ctrlq_rx(fn, hdr.cmd, &c);
	case VIRTIO_NET_CTRL_MAC:
		return vnet_ctrlq_mac(fn, hdr.cmd, &c);
	case VIRTIO_NET_CTRL_MQ:
		return vnet_ctrlq_mq(fn, hdr.cmd, &c);
	case VIRTIO_NET_CTRL_VLAN:
		return vnet_ctrlq_vlan(fn, hdr.cmd, &c);
	case VIRTIO_NET_CTRL_ANNOUNCE:
		return vnet_ctrlq_announce(fn, hdr.cmd);
	case VIRTIO_NET_CTRL_NOTF_COAL:
		return vnet_ctrlq_coal(fn, hdr.cmd, &c);
	default:
		return VIRTIO_NET_ERR;
	}
}

/* Called from the driver's notify; any context, BH may be enabled. */
void vnet_ctrlq_process(struct vnet_queue *q)
{
	struct vnet_function *fn = q->fn;
	struct vnet_chain *ch = &q->chain;
	const char *why = NULL;
	u64 done = 0;
	int ret;

	spin_lock_bh(&q->lock);
	if (!q->ready || q->broken)
		goto unlock;

again:
	while ((ret = vnet_vring_pop(&q->vr, VNET_DIR_BOTH, VNET_CTRL_MAX_LEN,
				     ch, &why)) > 0) {
		struct vnet_iov_iter it;
		u8 ack;

		if (!ch->nr_write) {
			why = "control command without a writable status byte";
			ret = -EPROTO;
			break;
		}
		ack = vnet_ctrlq_handle(fn, ch);
		vnet_iov_iter_init(&it, ch->iov + ch->nr_read, ch->nr_write);
		vnet_iov_push(&it, &ack, sizeof(ack));
		vnet_vring_push(&q->vr, ch->head, sizeof(ack));
		done++;
	}
	/* EVENT_IDX: without a new avail_event the next command is silent. */
	if (!ret) {
		ret = vnet_vring_enable_notify(&q->vr, &why);
		if (ret > 0)
			goto again;
	}
	if (done) {
		vnet_vring_publish(&q->vr);
		u64_stats_update_begin(&q->stats.syncp);
		q->stats.packets += done;
		u64_stats_update_end(&q->stats.syncp);
	}
	if (ret < 0)
		vnet_queue_fail(q, why);
unlock:
	spin_unlock_bh(&q->lock);
}
