// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio-bus transport: a function as a virtio_device the host's own
 * virtio_net binds to, in the manner of virtio_vdpa.c and
 * remoteproc_virtio.c. The rings are created with the kernel's vring
 * code; the device side reads them through virtqueue_get_vring(), at the
 * physical addresses the driver gives (the guest's own memory).
 */
#include <linux/pci_ids.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <uapi/linux/virtio_ids.h>

#include "compat.h"
#include "vnet.h"

static void vnet_virtio_signal(struct vnet_queue *q)
{
	vring_interrupt(0, q->vq);
}

static void vnet_virtio_config_changed(struct vnet_function *fn)
{
	virtio_config_changed(fn->vdev);
}

/* The driver busy-waits on control commands: end that wait. */
static void vnet_virtio_queue_failed(struct vnet_queue *q)
{
	if (q->kind == VNET_QUEUE_CTRL)
		__virtqueue_break(q->vq);
}

static const struct vnet_transport vnet_virtio_transport = {
	.map		= vnet_map_direct,
	.signal		= vnet_virtio_signal,
	.config_changed	= vnet_virtio_config_changed,
	.queue_failed	= vnet_virtio_queue_failed,
};

static void *vnet_detached_map(void *ctx, u64 addr, u32 len, bool write,
			       u32 *got, const char **why)
{
	*why = "the function is between buses";
	return NULL;
}

static void vnet_detached_signal(struct vnet_queue *q)
{
}

static void vnet_detached_config_changed(struct vnet_function *fn)
{
}

/* A function on no bus (created, or in a hand-over): nobody to tell. */
const struct vnet_transport vnet_detached_transport = {
	.map		= vnet_detached_map,
	.signal		= vnet_detached_signal,
	.config_changed	= vnet_detached_config_changed,
};

static void vnet_get(struct virtio_device *vdev, unsigned int offset,
		     void *buf, unsigned int len)
{
	vnet_config_read(vdev_to_fn(vdev), offset, buf, len);
}

static void vnet_set(struct virtio_device *vdev, unsigned int offset,
		     const void *buf, unsigned int len)
{
	vnet_config_write(vdev_to_fn(vdev), offset, buf, len);
}

static u32 vnet_generation(struct virtio_device *vdev)
{
	return READ_ONCE(vdev_to_fn(vdev)->config_generation);
}

static u8 vnet_get_status(struct virtio_device *vdev)
{
	return vnet_function_status(vdev_to_fn(vdev));
}

static void vnet_set_status(struct virtio_device *vdev, u8 status)
{
	struct vnet_function *fn = vdev_to_fn(vdev);
	u8 old;

	mutex_lock(&fn->state_lock);
	old = fn->status;
	WRITE_ONCE(fn->status, status);
	if ((status & VIRTIO_CONFIG_S_DRIVER_OK) && !fn->running)
		vnet_datapath_start(fn);
	vnet_driver_status_changed(fn, old);
	mutex_unlock(&fn->state_lock);
}

static void vnet_reset(struct virtio_device *vdev)
{
	struct vnet_function *fn = vdev_to_fn(vdev);

	mutex_lock(&fn->state_lock);
	vnet_function_reset(fn);
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
	unsigned int pairs = vnet_has(fn, VIRTIO_NET_F_MQ) ? fn->num_pairs : 1;

	if (index < 2 * pairs)
		return index & 1 ? &fn->pairs[index / 2].txq :
				   &fn->pairs[index / 2].rxq;
	if (index == 2 * pairs && vnet_has(fn, VIRTIO_NET_F_CTRL_VQ))
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
		struct vnet_queue *q = vq->priv;

		vnet_queue_clear(q);
		q->vq = NULL;
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

	vnet_pair_threads(fn);

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
		q->vq = vqs[i];
		vnet_queue_setup(q, virtqueue_get_vring(vqs[i])->num,
				 virtqueue_get_vring(vqs[i])->desc,
				 virtqueue_get_vring(vqs[i])->avail,
				 virtqueue_get_vring(vqs[i])->used);
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
	fn->features = vdev->features;
	fn->little_endian = virtio_is_little_endian(vdev);
	return 0;
}

static const char *vnet_bus_name_op(struct virtio_device *vdev)
{
	return vdev_to_fn(vdev)->bus_name;
}

static const struct virtio_config_ops vnet_config_ops = {
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

static void vnet_virtio_release(struct device *dev)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	struct vnet_function *fn = vdev_to_fn(vdev);

	kfree(vdev);
	vnet_function_put(fn);
}

/*
 * Puts @fn, on no bus, on the virtio bus; virtio_net, when loaded, binds
 * synchronously. vnet_functions_lock held, or fn->switching set.
 */
int vnet_virtio_attach(struct vnet_function *fn,
		       struct netlink_ext_ack *extack)
{
	struct virtio_device *vdev;
	int err;

	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return -ENOMEM;
	vdev->dev.parent = vnet_root_device();
	vdev->dev.release = vnet_virtio_release;
	vdev->dev.platform_data = fn;
	vdev->id.device = VIRTIO_ID_NET;
	vdev->id.vendor = PCI_VENDOR_ID_REDHAT_QUMRANET;
	vdev->config = &vnet_config_ops;
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		vdev->dev.groups = vnet_static_pf_groups;
	vnet_function_get(fn);

	/* Whatever the last bus's driver left, this one starts from reset. */
	mutex_lock(&fn->state_lock);
	vnet_function_reset(fn);
	mutex_unlock(&fn->state_lock);
	fn->mode = VNET_MODE_VIRTIO;
	fn->tp = &vnet_virtio_transport;
	fn->vdev = vdev;
	fn->bus_dev = &vdev->dev;
	err = register_virtio_device(vdev);
	if (err) {
		NL_SET_ERR_MSG(extack, "could not register the virtio device");
		goto err_put_vdev;
	}
	/* virtio_net, when loaded, probed synchronously; a failure is ours. */
	if (!vdev->dev.driver && (fn->status & VIRTIO_CONFIG_S_FAILED)) {
		NL_SET_ERR_MSG(extack, "the host driver failed to bind to the device");
		vnet_virtio_detach(fn);
		return -EIO;
	}
	return 0;

err_put_vdev:
	fn->vdev = NULL;
	fn->bus_dev = NULL;
	fn->tp = &vnet_detached_transport;
	/* register_virtio_device() initialised it: release frees it. */
	put_device(&vdev->dev);
	return err;
}

/* Takes @fn off the virtio bus; its driver's reset stops the data path. */
void vnet_virtio_detach(struct vnet_function *fn)
{
	struct virtio_device *vdev = fn->vdev;

	/* 6.12's CONFIG_VIRTIO_DEBUG reads vdev after device_unregister(). */
	get_device(&vdev->dev);
	unregister_virtio_device(vdev);
	fn->vdev = NULL;
	fn->bus_dev = NULL;
	fn->tp = &vnet_detached_transport;
	put_device(&vdev->dev);
}
