// SPDX-License-Identifier: GPL-2.0
/*
 * The module parameters, all of them: the emulated "firmware"
 * configuration (mlxconfig's names in the descriptions), the ports known
 * before a controller sets the port table, and the data path's
 * tx_zerocopy; and the check of their values at load.
 */
#include <linux/module.h>

#include "vnet.h"

static char *ib_dev_p0 = "mlx5_0";
module_param(ib_dev_p0, charp, 0444);
MODULE_PARM_DESC(ib_dev_p0, "RDMA device name of port 0 (default mlx5_0)");

static char *ib_dev_p1 = "mlx5_1";
module_param(ib_dev_p1, charp, 0444);
MODULE_PARM_DESC(ib_dev_p1, "RDMA device name of port 1 (default mlx5_1)");

unsigned int vnet_hotplug_ports = VIRTNET_MAX_HOTPLUG;
module_param_named(hotplug_ports, vnet_hotplug_ports, uint, 0444);
MODULE_PARM_DESC(hotplug_ports,
		 "Emulated PCIe switch ports for hotplug PFs (0.."
		 __stringify(VIRTNET_MAX_HOTPLUG) ", default " __stringify(VIRTNET_MAX_HOTPLUG)
		 "; mlxconfig PCI_SWITCH_EMULATION_NUM_PORT)");

unsigned int vnet_num_static_pf;
module_param_named(num_static_pf, vnet_num_static_pf, uint, 0444);
MODULE_PARM_DESC(num_static_pf,
		 "Static PFs the controller may bring up (0.." __stringify(VIRTNET_MAX_STATIC_PF)
		 ", default 0; mlxconfig VIRTIO_NET_EMULATION_NUM_PF)");

unsigned int vnet_num_vf;
module_param_named(num_vf, vnet_num_vf, uint, 0444);
MODULE_PARM_DESC(num_vf,
		 "SR-IOV VFs each static PF may have (0.." __stringify(VIRTNET_MAX_VF)
		 ", default 0; mlxconfig VIRTIO_NET_EMULATION_NUM_VF)");

unsigned int vnet_num_msix = VNET_DEFAULT_MSIX;
module_param_named(num_msix, vnet_num_msix, uint, 0444);
MODULE_PARM_DESC(num_msix,
		 "MSI-X vectors per function; bounds its virtqueues with max_virtq ("
		 __stringify(VIRTNET_MIN_VIRTQ) ".." __stringify(VNET_MAX_MSIX) ", default "
		 __stringify(VNET_DEFAULT_MSIX) "; mlxconfig VIRTIO_NET_EMULATION_NUM_MSIX)");

unsigned int vnet_pf_total_sf = 64;
module_param_named(pf_total_sf, vnet_pf_total_sf, uint, 0444);
MODULE_PARM_DESC(pf_total_sf,
		 "SFs per port, for devices and the SF pool (default 64; mlxconfig PF_TOTAL_SF)");

unsigned int vnet_max_virtq = VIRTNET_MAX_VIRTQ;
module_param_named(max_virtq, vnet_max_virtq, uint, 0444);
MODULE_PARM_DESC(max_virtq,
		 "Virtqueues per function, control queue included ("
		 __stringify(VIRTNET_MIN_VIRTQ) ".." __stringify(VIRTNET_MAX_VIRTQ) ", default "
		 __stringify(VIRTNET_MAX_VIRTQ) ")");

bool vnet_tx_zerocopy = true;
module_param_named(tx_zerocopy, vnet_tx_zerocopy, bool, 0644);
MODULE_PARM_DESC(tx_zerocopy,
		 "host TX frames above 1536 bytes lend the driver's pages to the representor's skb instead of copying (default 1)");

/*
 * Writable at run time (the live update tests shorten it); a value out of
 * range is refused, at load as in sysfs, and changes nothing.
 */
unsigned int vnet_update_timeout = VNET_UPDATE_TIMEOUT_DEFAULT;

static int vnet_update_timeout_set(const char *val,
				   const struct kernel_param *kp)
{
	unsigned int v;
	int err = kstrtouint(val, 0, &v);

	if (!err && (v < 1 || v > VNET_UPDATE_TIMEOUT_MAX))
		err = -ERANGE;
	if (err) {
		/* sysfs writes end in a newline: not part of the value. */
		pr_err("update_timeout: '%.*s' is not a number of seconds between 1 and "
		       __stringify(VNET_UPDATE_TIMEOUT_MAX) "\n",
		       (int)strcspn(val, "\n"), val);
		return err;
	}
	WRITE_ONCE(*(unsigned int *)kp->arg, v);
	return 0;
}

static const struct kernel_param_ops vnet_update_timeout_ops = {
	.set = vnet_update_timeout_set,
	.get = param_get_uint,
};

module_param_cb(update_timeout, &vnet_update_timeout_ops,
		&vnet_update_timeout, 0644);
MODULE_PARM_DESC(update_timeout,
		 "Seconds a live update's successor has to register once the old controller's socket is gone, else the update fails (1.."
		 __stringify(VNET_UPDATE_TIMEOUT_MAX) ", default "
		 __stringify(VNET_UPDATE_TIMEOUT_DEFAULT) ")");

/* ib_dev_p0, ib_dev_p1: the RDMA device named for a port, or NULL. */
const char *vnet_param_ibdev(u32 port)
{
	switch (port) {
	case 0:
		return ib_dev_p0;
	case 1:
		return ib_dev_p1;
	default:
		return NULL;
	}
}

/* A function's virtqueue limit: the guide's min(NUM_MSIX, max_virtq). */
u32 vnet_max_queues(void)
{
	return min(vnet_num_msix, vnet_max_virtq);
}

static u32 vnet_sfs_needed(void)
{
	return vnet_hotplug_ports + vnet_num_static_pf * (1 + vnet_num_vf);
}

int vnet_params_check(void)
{
	if (vnet_hotplug_ports > VIRTNET_MAX_HOTPLUG) {
		pr_err("hotplug_ports=%u: must be between 0 and %d\n",
		       vnet_hotplug_ports, VIRTNET_MAX_HOTPLUG);
		return -EINVAL;
	}
	if (vnet_num_static_pf > VIRTNET_MAX_STATIC_PF) {
		pr_err("num_static_pf=%u: must be between 0 and %d\n",
		       vnet_num_static_pf, VIRTNET_MAX_STATIC_PF);
		return -EINVAL;
	}
	if (vnet_num_vf > VIRTNET_MAX_VF) {
		pr_err("num_vf=%u: must be between 0 and %d\n",
		       vnet_num_vf, VIRTNET_MAX_VF);
		return -EINVAL;
	}
	if (vnet_num_vf && !vnet_num_static_pf) {
		pr_err("num_vf=%u: VFs belong to static PFs, but num_static_pf is 0\n",
		       vnet_num_vf);
		return -EINVAL;
	}
	if (vnet_num_msix < VIRTNET_MIN_VIRTQ || vnet_num_msix > VNET_MAX_MSIX) {
		pr_err("num_msix=%u: must be between %d and %d (a function needs one vector per virtqueue)\n",
		       vnet_num_msix, VIRTNET_MIN_VIRTQ, VNET_MAX_MSIX);
		return -EINVAL;
	}
	/* Every function may sit on one port, each holding an SF of it. */
	if (vnet_pf_total_sf > VIRTNET_MAX_TOTAL_SF ||
	    vnet_pf_total_sf < vnet_sfs_needed()) {
		pr_err("pf_total_sf=%u: must be between hotplug_ports + num_static_pf * (1 + num_vf) (%u) and %d\n",
		       vnet_pf_total_sf, vnet_sfs_needed(), VIRTNET_MAX_TOTAL_SF);
		return -EINVAL;
	}
	if (!vnet_num_queues_is_valid(vnet_max_virtq, VIRTNET_MAX_VIRTQ)) {
		pr_err("max_virtq=%u: must be odd, between %d and %d\n",
		       vnet_max_virtq, VIRTNET_MIN_VIRTQ, VIRTNET_MAX_VIRTQ);
		return -EINVAL;
	}
	return 0;
}
