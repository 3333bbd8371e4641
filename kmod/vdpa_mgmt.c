// SPDX-License-Identifier: GPL-2.0
/*
 * The vDPA management device "virtnet": `vdpa dev add/del` (a hotplug PF
 * on the first port, in vDPA mode), attaching a function to the vdpa bus
 * and detaching it (hand-overs, DEV_NEW in vDPA mode), and the device's
 * life from module load to unload.
 */
#include <linux/etherdevice.h>
#include <linux/pci_ids.h>
#include <uapi/linux/vdpa.h>

#include "vnet_vdpa.h"

static struct vdpa_mgmt_dev vnet_mgmtdev;
static struct device *vnet_mgmt_device;
struct workqueue_struct *vnet_vdpa_wq;

/*
 * Puts @fn, on no bus, on the vdpa bus as device @name. @locked: the
 * vdpa core's lock is held (vdpa dev add); otherwise the device stays
 * out of `vdpa dev del`'s reach until vnet_vdpa_publish().
 */
int vnet_vdpa_attach(struct vnet_function *fn, const char *name, bool locked,
		     struct netlink_ext_ack *extack)
{
	struct vnet_vdpa *v;
	u32 asid;
	int err;

	v = vdpa_alloc_device(struct vnet_vdpa, vdpa, vnet_mgmt_device,
			      &vnet_vdpa_ops, VNET_VDPA_NGROUPS, VNET_VDPA_NAS,
			      name, false);
	if (IS_ERR(v)) {
		NL_SET_ERR_MSG(extack, "could not allocate the vDPA device");
		return PTR_ERR(v);
	}
	v->nvqs = 2 * fn->num_pairs + 1;
	spin_lock_init(&v->iotlb_lock);
	v->iotlb_gen = 1;
	v->vqs = kcalloc(v->nvqs, sizeof(*v->vqs), GFP_KERNEL);
	if (!v->vqs) {
		err = -ENOMEM;
		goto err_put_vdpa;
	}
	for (asid = 0; asid < VNET_VDPA_NAS; asid++) {
		v->iotlb[asid] = vhost_iotlb_alloc(0, 0);
		if (!v->iotlb[asid]) {
			err = -ENOMEM;
			goto err_put_vdpa;
		}
	}
	if (locked)
		v->vdpa.mdev = &vnet_mgmtdev;
	/* virtio_vdpa maps through this device: dma-direct, physical. */
	v->vdpa.dma_dev = &v->vdpa.dev;
	err = dma_coerce_mask_and_coherent(&v->vdpa.dev, DMA_BIT_MASK(64));
	if (err)
		goto err_put_vdpa;
	v->vdpa.dev.platform_data = fn;
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		v->vdpa.dev.groups = vnet_static_pf_groups;
	vnet_function_get(fn);
	v->fn = fn;

	mutex_lock(&fn->state_lock);
	vnet_function_reset(fn);
	mutex_unlock(&fn->state_lock);
	fn->mode = VNET_MODE_VDPA;
	fn->vdpa = v;
	fn->tp = &vnet_vdpa_transport;
	fn->bus_dev = &v->vdpa.dev;
	/* A bound virtio_vdpa probes inside: the ops must work by then. */
	if (locked)
		err = _vdpa_register_device(&v->vdpa, v->nvqs);
	else
		err = vdpa_register_device(&v->vdpa, v->nvqs);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "vdpa_name: a vDPA device with that name exists");
		else
			NL_SET_ERR_MSG(extack, "could not register the vDPA device");
		fn->vdpa = NULL;
		fn->tp = &vnet_detached_transport;
		fn->bus_dev = NULL;
		goto err_put_vdpa;
	}
	return 0;

err_put_vdpa:
	/* ->free drops the function's reference. */
	put_device(&v->vdpa.dev);
	return err;
}

/* `vdpa dev del` may take it now. vnet_functions_lock held. */
void vnet_vdpa_publish(struct vnet_function *fn)
{
	lockdep_assert_held(&vnet_functions_lock);
	/* The vdpa core reads it under its own lock only: a word store. */
	WRITE_ONCE(fn->vdpa->vdpa.mdev, &vnet_mgmtdev);
}

/*
 * Takes @fn off the vdpa bus; the bound driver's removal resets it (and
 * vhost_vdpa's waits for its owner to close the device). @locked: the
 * vdpa core's lock is held (vdpa dev del, the management device going).
 */
void vnet_vdpa_detach(struct vnet_function *fn, bool locked)
{
	struct vnet_vdpa *v = fn->vdpa;

	get_device(&v->vdpa.dev);
	/*
	 * Unlocked (handover.c), a `vdpa dev del` may come first: it finds
	 * the function switching and leaves the device to this call. mdev
	 * stays: the vdpa core reads it twice under its lock alone.
	 */
	if (locked)
		_vdpa_unregister_device(&v->vdpa);
	else
		vdpa_unregister_device(&v->vdpa);
	/* No driver is left: stop what a dead owner left running. */
	mutex_lock(&fn->state_lock);
	vnet_vdpa_reset_locked(v);
	mutex_unlock(&fn->state_lock);
	flush_work(&fn->ctrlq_work);
	fn->vdpa = NULL;
	fn->tp = &vnet_detached_transport;
	fn->bus_dev = NULL;
	put_device(&v->vdpa.dev);
}

/* A vhost owner (a VM, DPDK) drives it: handing it back would wait. */
bool vnet_vdpa_owned(struct vnet_function *fn)
{
	struct device *dev = &fn->vdpa->vdpa.dev;
	bool owned;

	device_lock(dev);
	owned = dev->driver && !strcmp(dev->driver->name, "vhost_vdpa") &&
		READ_ONCE(fn->status);
	device_unlock(dev);
	return owned;
}

/*
 * vdpa dev add: a hotplug PF on the first port, in vDPA mode. The vdpa
 * core's dev_add has no extack: refusals are logged with the field.
 */
static int vnet_vdpa_dev_add(struct vdpa_mgmt_dev *mdev, const char *name,
			     const struct vdpa_dev_set_config *config)
{
	struct vnet_create_args args = {
		.id = -1, .sf_num = -1, .slot = -1,
		.type = VIRTNET_DEV_TYPE_HOTPLUG_PF,
		.mode = VNET_MODE_VDPA,
		.num_queues = VIRTNET_MIN_VIRTQ,
		.queue_size = VNET_VDPA_QUEUE_SIZE,
		.mtu = ETH_DATA_LEN,
	};
	struct netlink_ext_ack extack = {};
	struct vnet_function *fn = NULL;
	int err = -EINVAL;

	/* Dumps carry it in VIRTNET_ATTR_VDPA_NAME. */
	if (strlen(name) >= VIRTNET_VDPA_NAME_MAX) {
		NL_SET_ERR_MSG(&extack, "name: at most "
			       __stringify(VNET_VDPA_NAME_LEN) " characters");
		goto out_log;
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR)) {
		ether_addr_copy(args.mac, config->net.mac);
		if (!vnet_mac_is_valid_unicast(args.mac)) {
			NL_SET_ERR_MSG(&extack, "mac: must be a unicast, non-zero MAC address");
			goto out_log;
		}
	} else {
		eth_random_addr(args.mac);
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MTU)) {
		args.mtu = config->net.mtu;
		if (args.mtu < VIRTNET_MIN_MTU || args.mtu > VIRTNET_MAX_MTU) {
			NL_SET_ERR_MSG(&extack, "mtu: must be between "
				       __stringify(VIRTNET_MIN_MTU) " and "
				       __stringify(VIRTNET_MAX_MTU));
			goto out_log;
		}
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MAX_VQP)) {
		u32 nq = 2 * (u32)config->net.max_vq_pairs + 1;

		if (!config->net.max_vq_pairs ||
		    !vnet_num_queues_is_valid(nq, vnet_max_queues())) {
			NL_SET_ERR_MSG(&extack,
				       "max_vqp: 1 to (min(num_msix, max_virtq) - 1) / 2");
			goto out_log;
		}
		args.num_queues = nq;
	}
	/* IOTLB access is the transport's: every vDPA function has it. */
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_FEATURES))
		args.features = config->device_features &
				~VNET_VDPA_EXTRA_FEATURES;

	vnet_lock();
	args.port = vnet_port_get(0);
	if (!args.port) {
		NL_SET_ERR_MSG(&extack, "no eswitch port to put the function on");
		err = -ENODEV;
	} else {
		err = vnet_function_create(&args, &fn, &extack);
	}
	if (!err) {
		err = vnet_vdpa_attach(fn, name, true, &extack);
		vnet_switch_end(fn);
		if (err)
			vnet_function_destroy(fn);
		else
			vnet_netlink_notify(fn, VIRTNET_CMD_DEV_NEW);
	}
	vnet_unlock();
out_log:
	if (err)
		pr_warn("vdpa dev add %s: %s\n", name,
			extack._msg ?: "failed");
	return err;
}

static void vnet_vdpa_dev_del(struct vdpa_mgmt_dev *mdev,
			      struct vdpa_device *vdpa)
{
	struct vnet_function *fn = vdpa_to_fn(vdpa);

	vnet_lock();
	if (fn->switching) {
		/* A hand-over is taking it off the bus: it finishes the job. */
		fn->del_requested = true;
	} else if (vnet_handover_closed() ||
		   fn->type == VIRTNET_DEV_TYPE_HOTPLUG_PF) {
		/* Unloading: no event (netlink.c), a reload restores it. */
		vnet_netlink_notify(fn, VIRTNET_CMD_DEV_DEL);
		vnet_function_destroy(fn);
	} else {
		/* Static PFs and VFs outlive their vdpa device: hand back. */
		vnet_vdpa_detach(fn, true);
		vnet_handover_features(fn, VNET_MODE_VIRTIO);
		if (vnet_virtio_attach(fn, NULL))
			pr_warn("%s: vdpa dev del: could not give it back to the virtio bus\n",
				fn->vuid);
		vnet_functions_changed();
		vnet_netlink_notify(fn, VIRTNET_CMD_DEV_SET);
	}
	vnet_unlock();
}

/* The vdpa device's name; NULL elsewhere. vnet_functions_lock held. */
const char *vnet_vdpa_name(const struct vnet_function *fn)
{
	return fn->vdpa && !fn->switching ? dev_name(&fn->vdpa->vdpa.dev) :
					    NULL;
}

static const struct vdpa_mgmtdev_ops vnet_mgmtdev_ops = {
	.dev_add = vnet_vdpa_dev_add,
	.dev_del = vnet_vdpa_dev_del,
};

static struct virtio_device_id vnet_vdpa_id_table[] = {
	{ VIRTIO_ID_NET, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

int vnet_vdpa_init(void)
{
	int err;

	vnet_vdpa_wq = alloc_workqueue("virtnet_vdpa", 0, 0);
	if (!vnet_vdpa_wq)
		return -ENOMEM;
	vnet_mgmt_device = root_device_register(VNET_VDPA_MGMTDEV);
	if (IS_ERR(vnet_mgmt_device)) {
		err = PTR_ERR(vnet_mgmt_device);
		goto err_destroy_wq;
	}
	vnet_mgmtdev.device = vnet_mgmt_device;
	vnet_mgmtdev.ops = &vnet_mgmtdev_ops;
	vnet_mgmtdev.id_table = vnet_vdpa_id_table;
	vnet_mgmtdev.config_attr_mask =
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR) |
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MTU) |
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MAX_VQP) |
		BIT_ULL(VDPA_ATTR_DEV_FEATURES);
	vnet_mgmtdev.supported_features = vnet_supported_features() |
					  VNET_VDPA_EXTRA_FEATURES;
	vnet_mgmtdev.max_supported_vqs = vnet_max_queues();
	err = vdpa_mgmtdev_register(&vnet_mgmtdev);
	if (err)
		goto err_unregister_root;
	return 0;

err_unregister_root:
	root_device_unregister(vnet_mgmt_device);
err_destroy_wq:
	destroy_workqueue(vnet_vdpa_wq);
	return err;
}

/* Deletes every vDPA function; waits for their owners to let go. */
void vnet_vdpa_uninit(void)
{
	vdpa_mgmtdev_unregister(&vnet_mgmtdev);
	root_device_unregister(vnet_mgmt_device);
	/* Page releases wait for a grace period, then run on the queue. */
	rcu_barrier();
	destroy_workqueue(vnet_vdpa_wq);
}
