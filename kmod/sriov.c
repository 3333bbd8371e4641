// SPDX-License-Identifier: GPL-2.0
/*
 * SR-IOV, host side: a static PF's sriov_totalvfs and sriov_numvfs in
 * sysfs, with the PCI core's rules (drivers/pci/iov.c): N VFs exist once
 * the write returns, 0 removes them, and going from N to another non-zero
 * N is refused with EBUSY. A VF is a function like any other (its own
 * virtio device, SF and representor) whose address and name follow from
 * its PF (topology.c).
 */
#include <linux/etherdevice.h>

#include "vnet.h"

/* What a VF starts with; `virtnet modify` changes its MAC later. */
#define VNET_VF_MTU		1500
#define VNET_VF_QUEUES		3	/* one pair and the control queue */
#define VNET_VF_QUEUE_SIZE	256

/* The files sit on the PF's bus device, virtio or vdpa. */
static struct vnet_function *vnet_sysfs_pf(struct device *dev)
{
	return vnet_bus_dev_fn(dev);
}

static ssize_t sriov_totalvfs_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", vnet_num_vf);
}
static DEVICE_ATTR_RO(sriov_totalvfs);

static ssize_t sriov_numvfs_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(vnet_sysfs_pf(dev)->num_vfs));
}

static ssize_t sriov_numvfs_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	struct vnet_function *pf = vnet_sysfs_pf(dev);
	u32 n;
	int err;

	err = kstrtou32(buf, 0, &n);
	if (err)
		return err;
	if (n > vnet_num_vf)
		return -ERANGE;
	/*
	 * Module unload holds the locks while it removes this file, which
	 * waits for writers to leave: never sleep on the lock here.
	 */
	if (!vnet_trylock())
		return restart_syscall();
	err = vnet_vfs_set(pf, n);
	vnet_unlock();
	return err ?: count;
}
static DEVICE_ATTR_RW(sriov_numvfs);

static struct attribute *vnet_static_pf_attrs[] = {
	&dev_attr_sriov_totalvfs.attr,
	&dev_attr_sriov_numvfs.attr,
	NULL,
};

static const struct attribute_group vnet_static_pf_group = {
	.attrs = vnet_static_pf_attrs,
};

const struct attribute_group *vnet_static_pf_groups[] = {
	&vnet_static_pf_group,
	NULL,
};

/* A random locally administered MAC no other device has. */
static void vnet_vf_mac(u8 *mac)
{
	do {
		eth_random_addr(mac);
	} while (vnet_mac_in_use(mac));
}

static int vnet_vf_create(struct vnet_function *pf, u32 vf_id)
{
	struct vnet_create_args args = {
		.port = pf->port,
		.mtu = VNET_VF_MTU,
		.num_queues = VNET_VF_QUEUES,
		.queue_size = VNET_VF_QUEUE_SIZE,
		.id = -1,
		.sf_num = -1,
		.slot = -1,
		.type = VIRTNET_DEV_TYPE_VF,
		.pf_index = pf->slot,
		.vf_id = vf_id,
	};
	struct vnet_function *vf;
	int err;

	vnet_vf_mac(args.mac);
	err = vnet_function_create(&args, &vf, NULL);
	if (err) {
		pr_warn("%s: cannot create VF %u: %d\n", pf->vuid,
			vf_id, err);
		return err;
	}
	vnet_netlink_notify(vf, VIRTNET_CMD_DEV_NEW);
	return 0;
}

static void vnet_vf_destroy(struct vnet_function *vf)
{
	vnet_netlink_notify(vf, VIRTNET_CMD_DEV_DEL);
	vnet_function_destroy(vf);
}

void vnet_vfs_destroy(struct vnet_function *pf)
{
	struct vnet_function *fn;
	unsigned long id = 0;

	lockdep_assert_held(&vnet_functions_lock);
	while (pf->num_vfs && (fn = vnet_function_next(&id))) {
		if (fn->parent == pf)
			vnet_vf_destroy(fn);
		id++;
	}
}

/* A VF on the vdpa bus, or moving, stays until it is handed back. */
static bool vnet_vfs_handed_over(struct vnet_function *pf)
{
	struct vnet_function *fn;
	unsigned long id = 0;

	while ((fn = vnet_function_next(&id))) {
		if (fn->parent == pf &&
		    (fn->switching || fn->mode == VNET_MODE_VDPA)) {
			pr_warn("%s: VF %u is handed to vDPA: hand it back first (virtnet modify ... device --mode virtio)\n",
				pf->vuid, fn->slot);
			return true;
		}
		id++;
	}
	return false;
}

/* All @n VFs or none: a failure removes the ones this call made. */
int vnet_vfs_set(struct vnet_function *pf, u32 n)
{
	u32 i;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	if (n == pf->num_vfs)
		return 0;
	if (!n) {
		/* As PCI drivers refuse while VFs are assigned to VMs. */
		if (vnet_vfs_handed_over(pf))
			return -EBUSY;
		vnet_vfs_destroy(pf);
		return 0;
	}
	if (pf->num_vfs) {
		pr_warn("%s: %u VFs already enabled; disable before enabling %u VFs\n",
			pf->vuid, pf->num_vfs, n);
		return -EBUSY;
	}
	for (i = 0; i < n; i++) {
		err = vnet_vf_create(pf, i);
		if (err) {
			vnet_vfs_destroy(pf);
			return err;
		}
	}
	return 0;
}
