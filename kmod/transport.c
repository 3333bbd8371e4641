// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio transport of an emulated function: config space, status,
 * feature negotiation and virtqueue setup for the driver side, in the
 * manner of virtio_vdpa.c and remoteproc_virtio.c. The rings are created
 * with the kernel's vring code; the device side reads them through
 * virtqueue_get_vring().
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "compat.h"
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
	    __virtio_test_bit(&fn->vdev, VIRTIO_NET_F_GUEST_ANNOUNCE) &&
	    (READ_ONCE(fn->status) & VIRTIO_CONFIG_S_DRIVER_OK)) {
		fn->link_status |= VIRTIO_NET_S_ANNOUNCE;
		fn->config_generation++;
		changed = true;
	}
	spin_unlock_bh(&fn->config_lock);
	if (changed)
		virtio_config_changed(&fn->vdev);
}

void vnet_transport_init(struct vnet_function *fn)
{
	mutex_init(&fn->state_lock);
	spin_lock_init(&fn->config_lock);
	ether_addr_copy(fn->config_mac, fn->mac);
	fn->link_status = VIRTIO_NET_S_LINK_UP;
	fn->active_pairs = 1;
	vnet_rx_filter_init(fn);
	INIT_DELAYED_WORK(&fn->announce_work, vnet_announce_work);
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
	virtio_config_changed(&fn->vdev);
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

static void vnet_get(struct virtio_device *vdev, unsigned int offset,
		     void *buf, unsigned int len)
{
	struct vnet_function *fn = vdev_to_fn(vdev);
	struct virtio_net_config cfg = {};

	spin_lock_bh(&fn->config_lock);
	memcpy(cfg.mac, fn->config_mac, ETH_ALEN);
	cfg.status = cpu_to_virtio16(vdev, fn->link_status);
	spin_unlock_bh(&fn->config_lock);
	cfg.max_virtqueue_pairs = cpu_to_virtio16(vdev, fn->num_pairs);
	cfg.mtu = cpu_to_virtio16(vdev, fn->mtu);
	cfg.speed = cpu_to_le32(VIRTNET_LINK_SPEED);
	cfg.duplex = DUPLEX_FULL;

	if (offset > sizeof(cfg) || len > sizeof(cfg) - offset) {
		memset(buf, 0, len);
		return;
	}
	memcpy(buf, (u8 *)&cfg + offset, len);
}

/* Legacy drivers without CTRL_MAC_ADDR write the MAC here. */
static void vnet_set(struct virtio_device *vdev, unsigned int offset,
		     const void *buf, unsigned int len)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	if (offset >= ETH_ALEN || len > ETH_ALEN - offset)
		return;
	spin_lock_bh(&fn->config_lock);
	write_seqcount_begin(&fn->filter.seq);
	memcpy(fn->config_mac + offset, buf, len);
	write_seqcount_end(&fn->filter.seq);
	fn->config_generation++;
	spin_unlock_bh(&fn->config_lock);
}

static u32 vnet_generation(struct virtio_device *vdev)
{
	return READ_ONCE(vdev_to_fn(vdev)->config_generation);
}

static u8 vnet_get_status(struct virtio_device *vdev)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	return READ_ONCE(fn->status) |
	       (READ_ONCE(fn->needs_reset) ? VIRTIO_CONFIG_S_NEEDS_RESET : 0);
}

static void vnet_set_status(struct virtio_device *vdev, u8 status)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	mutex_lock(&fn->state_lock);
	WRITE_ONCE(fn->status, status);
	if ((status & VIRTIO_CONFIG_S_DRIVER_OK) && !fn->running)
		vnet_datapath_start(fn);
	mutex_unlock(&fn->state_lock);
}

/*
 * Synchronous: when this returns no device work runs and no ring is
 * touched, because the driver frees the rings right after.
 */
static void vnet_reset(struct virtio_device *vdev)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	mutex_lock(&fn->state_lock);
	vnet_datapath_stop(fn);
	WRITE_ONCE(fn->status, 0);
	WRITE_ONCE(fn->needs_reset, false);
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
	mutex_unlock(&fn->state_lock);
}

static bool vnet_notify(struct virtqueue *vq)
{
	return vnet_datapath_notify(vq->priv);
}

/*
 * Queue layout the driver negotiated: RX/TX pairs (only one without MQ),
 * then the control queue if CTRL_VQ.
 */
static struct vnet_queue *vnet_queue_by_index(struct vnet_function *fn,
					      unsigned int index)
{
	struct virtio_device *vdev = &fn->vdev;
	unsigned int pairs = __virtio_test_bit(vdev, VIRTIO_NET_F_MQ) ?
			     fn->num_pairs : 1;

	if (index < 2 * pairs)
		return index & 1 ? &fn->pairs[index / 2].txq :
				   &fn->pairs[index / 2].rxq;
	if (index == 2 * pairs &&
	    __virtio_test_bit(vdev, VIRTIO_NET_F_CTRL_VQ))
		return &fn->ctrlq;
	return NULL;
}

static void vnet_del_vqs(struct virtio_device *vdev)
{
	struct vnet_function *fn = vdev_to_fn(vdev);
	struct virtqueue *vq, *n;

	mutex_lock(&fn->state_lock);
	vnet_datapath_stop(fn);
	list_for_each_entry_safe(vq, n, &vdev->vqs, list) {
		vnet_queue_setup(vq->priv, NULL);
		vring_del_virtqueue(vq);
	}
	mutex_unlock(&fn->state_lock);
}

static int vnet_create_vqs(struct virtio_device *vdev, unsigned int nvqs,
			   struct virtqueue *vqs[],
			   const struct virtqueue_info *info)
{
	struct vnet_function *fn = vdev_to_fn(vdev);
	unsigned int i;

	if (nvqs > fn->num_queues)
		return -EINVAL;

	/*
	 * Each queue pair's device work (host TX, signalling host RX) runs
	 * in its own thread, as a DPU runs it on its own cores: the CPU
	 * that sends only posts. Made at the first bind, so functions no
	 * driver uses cost no threads; /sys/class/net/REP/threaded turns
	 * it off (and the choice is kept across rebinds).
	 */
	if (!fn->threads_made) {
		rtnl_lock();
		if (dev_set_threaded(fn->rep, true))
			netdev_warn(fn->rep, "no NAPI threads, queue pairs run in softirq\n");
		rtnl_unlock();
		fn->threads_made = true;
	}

	for (i = 0; i < nvqs; i++) {
		struct vnet_queue *q;

		if (!info[i].name) {
			vqs[i] = NULL;
			continue;
		}
		q = vnet_queue_by_index(fn, i);
		/*
		 * Without CTRL_VQ the driver asks for fewer queues than
		 * 2 * pairs + 1; its index still maps onto a data queue.
		 */
		if (!q)
			goto err_del_vqs;
		vqs[i] = vring_create_virtqueue(i, fn->queue_size,
						SMP_CACHE_BYTES, vdev, true,
						true, info[i].ctx, vnet_notify,
						info[i].callback, info[i].name);
		if (!vqs[i])
			goto err_del_vqs;
		/* ethtool -g reports it as the ring maximum. */
		vqs[i]->num_max = fn->queue_size;
		vqs[i]->priv = q;
		mutex_lock(&fn->state_lock);
		vnet_queue_setup(q, vqs[i]);
		mutex_unlock(&fn->state_lock);
	}
	return 0;

err_del_vqs:
	vnet_del_vqs(vdev);
	return -ENOMEM;
}

#ifdef VNET_HAVE_VIRTQUEUE_INFO
static int vnet_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
			 struct virtqueue *vqs[],
			 struct virtqueue_info vqs_info[],
			 struct irq_affinity *desc)
{
	return vnet_create_vqs(vdev, nvqs, vqs, vqs_info);
}
#else
static int vnet_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
			 struct virtqueue *vqs[], vq_callback_t *callbacks[],
			 const char * const names[], const bool *ctx,
			 struct irq_affinity *desc)
{
	struct virtqueue_info *info;
	unsigned int i;
	int err;

	info = kcalloc(nvqs, sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	for (i = 0; i < nvqs; i++) {
		info[i].name = names[i];
		info[i].callback = callbacks[i];
		info[i].ctx = ctx ? ctx[i] : false;
	}
	err = vnet_create_vqs(vdev, nvqs, vqs, info);
	kfree(info);
	return err;
}
#endif

static u64 vnet_get_features(struct virtio_device *vdev)
{
	return vdev_to_fn(vdev)->device_features;
}

static int vnet_finalize_features(struct virtio_device *vdev)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	/* Drop transport features the kernel's vring code cannot do. */
	vring_transport_features(vdev);
	if (vdev->features & ~fn->device_features)
		return -EINVAL;
	/* A modern-only device refuses drivers that want legacy mode. */
	if (!fn->legacy && !__virtio_test_bit(vdev, VIRTIO_F_VERSION_1))
		return -EINVAL;
	return 0;
}

static const char *vnet_bus_name_op(struct virtio_device *vdev)
{
	return vdev_to_fn(vdev)->bus_name;
}

const struct virtio_config_ops vnet_config_ops = {
	.get			= vnet_get,
	.set			= vnet_set,
	.generation		= vnet_generation,
	.get_status		= vnet_get_status,
	.set_status		= vnet_set_status,
	.reset			= vnet_reset,
	.find_vqs		= vnet_find_vqs,
	.del_vqs		= vnet_del_vqs,
	.get_features		= vnet_get_features,
	.finalize_features	= vnet_finalize_features,
	.bus_name		= vnet_bus_name_op,
};
