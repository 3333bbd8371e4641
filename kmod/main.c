// SPDX-License-Identifier: GPL-2.0
/*
 * virtnet_emu: module entry, parameters (the emulated "firmware"
 * configuration) and the port table.
 *
 * Until a controller configures ports (VIRTNET_CMD_PORT_SET), the module
 * knows the two ports named by ib_dev_p0 and ib_dev_p1.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/device.h>
#include <linux/cc_platform.h>
#include <linux/random.h>
#include <xen/xen.h>

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
		 "Emulated PCIe switch ports for hotplug PFs (0..16, default 16; mlxconfig PCI_SWITCH_EMULATION_NUM_PORT)");

unsigned int vnet_num_static_pf;
module_param_named(num_static_pf, vnet_num_static_pf, uint, 0444);
MODULE_PARM_DESC(num_static_pf,
		 "Static PFs the controller may bring up (0..4, default 0; mlxconfig VIRTIO_NET_EMULATION_NUM_PF)");

unsigned int vnet_num_vf;
module_param_named(num_vf, vnet_num_vf, uint, 0444);
MODULE_PARM_DESC(num_vf,
		 "SR-IOV VFs each static PF may have (0..126, default 0; mlxconfig VIRTIO_NET_EMULATION_NUM_VF)");

unsigned int vnet_num_msix = VNET_DEFAULT_MSIX;
module_param_named(num_msix, vnet_num_msix, uint, 0444);
MODULE_PARM_DESC(num_msix,
		 "MSI-X vectors per function; bounds its virtqueues with max_virtq (3..64, default 32; mlxconfig VIRTIO_NET_EMULATION_NUM_MSIX)");

unsigned int vnet_pf_total_sf = 64;
module_param_named(pf_total_sf, vnet_pf_total_sf, uint, 0444);
MODULE_PARM_DESC(pf_total_sf,
		 "SFs per port, for devices and the SF pool (default 64; mlxconfig PF_TOTAL_SF)");

unsigned int vnet_max_virtq = VIRTNET_MAX_VIRTQ;
module_param_named(max_virtq, vnet_max_virtq, uint, 0444);
MODULE_PARM_DESC(max_virtq,
		 "Virtqueues per function, control queue included (3..31, default 31)");

/* A function's virtqueue limit: the guide's min(NUM_MSIX, max_virtq). */
u32 vnet_max_queues(void)
{
	return min(vnet_num_msix, vnet_max_virtq);
}

/* Indexed by port index; protected by vnet_functions_lock. */
static struct vnet_port vnet_ports[VNET_MAX_PORTS];
static bool vnet_lag;
static struct device *vnet_root;
static u64 vnet_switch_base;
static u64 vnet_instance;

/* Tells a controller whether the devices it recorded can still exist. */
u64 vnet_instance_id(void)
{
	return vnet_instance;
}

/* One e-switch per port, like a NIC's PF: representors share its id. */
void vnet_switch_id(u32 port_index, u8 *id, u32 len)
{
	u64 v = vnet_switch_base + port_index;

	memcpy(id, &v, min_t(u32, len, sizeof(v)));
}

const struct vnet_port *vnet_port_find(const char *ibdev)
{
	u32 i;

	lockdep_assert_held(&vnet_functions_lock);
	for (i = 0; i < VNET_MAX_PORTS; i++)
		if (vnet_ports[i].present && !strcmp(vnet_ports[i].ibdev, ibdev))
			return &vnet_ports[i];
	return NULL;
}

const struct vnet_port *vnet_port_get(u32 index)
{
	lockdep_assert_held(&vnet_functions_lock);
	if (index >= VNET_MAX_PORTS || !vnet_ports[index].present)
		return NULL;
	return &vnet_ports[index];
}

bool vnet_ports_lag(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	return vnet_lag;
}

/*
 * Replace the port table with @n ports (indexes and names already checked
 * unique by the parser). Devices point at their port's entry, so a port in
 * use must keep its index and RDMA device; only its netdev may change.
 */
int vnet_ports_set(const struct vnet_port *ports, u32 n, bool lag,
		   struct netlink_ext_ack *extack)
{
	struct vnet_port next[VNET_MAX_PORTS] = {};
	u32 i;

	lockdep_assert_held(&vnet_functions_lock);
	if (lag && n != 1) {
		NL_SET_ERR_MSG(extack, "port_lag: LAG mode takes exactly one port");
		return -EINVAL;
	}
	for (i = 0; i < n; i++)
		next[ports[i].index] = ports[i];
	for (i = 0; i < VNET_MAX_PORTS; i++) {
		const struct vnet_port *old = &vnet_ports[i];

		if (!old->present || !vnet_port_in_use(i))
			continue;
		if (!next[i].present || strcmp(next[i].ibdev, old->ibdev)) {
			NL_SET_ERR_MSG(extack,
				       "ports: a port that devices use would be removed or renamed: unplug its devices first");
			return -EBUSY;
		}
	}
	for (i = 0; i < VNET_MAX_PORTS; i++)
		if (!next[i].present)
			vnet_sf_pool_port_gone(i);
	memcpy(vnet_ports, next, sizeof(vnet_ports));
	vnet_lag = lag;
	return 0;
}

struct device *vnet_root_device(void)
{
	return vnet_root;
}

/* Runs before the family exists: nothing else touches the table yet. */
static int vnet_ports_init(void)
{
	const char *names[VNET_MAX_PORTS] = { ib_dev_p0, ib_dev_p1 };
	u32 i;

	for (i = 0; i < VNET_MAX_PORTS; i++) {
		if (!names[i] || !names[i][0])
			continue;
		if (strlen(names[i]) >= VIRTNET_IBDEV_MAX) {
			pr_err(VNET_DRV_NAME ": ib_dev_p%u: name longer than %d characters\n",
			       i, VIRTNET_IBDEV_MAX - 1);
			return -EINVAL;
		}
		if (i && vnet_ports[0].present && !strcmp(vnet_ports[0].ibdev, names[i])) {
			pr_err(VNET_DRV_NAME ": ib_dev_p%u: '%s' names port 0 too\n",
			       i, names[i]);
			return -EINVAL;
		}
		vnet_ports[i].index = i;
		vnet_ports[i].present = true;
		strscpy(vnet_ports[i].ibdev, names[i], sizeof(vnet_ports[i].ibdev));
	}
	return 0;
}

static u32 vnet_sfs_needed(void)
{
	return vnet_hotplug_ports + vnet_num_static_pf * (1 + vnet_num_vf);
}

static int vnet_params_check(void)
{
	if (vnet_hotplug_ports > VIRTNET_MAX_HOTPLUG) {
		pr_err(VNET_DRV_NAME ": hotplug_ports=%u: must be between 0 and %d\n",
		       vnet_hotplug_ports, VIRTNET_MAX_HOTPLUG);
		return -EINVAL;
	}
	if (vnet_num_static_pf > VIRTNET_MAX_STATIC_PF) {
		pr_err(VNET_DRV_NAME ": num_static_pf=%u: must be between 0 and %d\n",
		       vnet_num_static_pf, VIRTNET_MAX_STATIC_PF);
		return -EINVAL;
	}
	if (vnet_num_vf > VIRTNET_MAX_VF) {
		pr_err(VNET_DRV_NAME ": num_vf=%u: must be between 0 and %d\n",
		       vnet_num_vf, VIRTNET_MAX_VF);
		return -EINVAL;
	}
	if (vnet_num_vf && !vnet_num_static_pf) {
		pr_err(VNET_DRV_NAME ": num_vf=%u: VFs belong to static PFs, but num_static_pf is 0\n",
		       vnet_num_vf);
		return -EINVAL;
	}
	if (vnet_num_msix < VIRTNET_MIN_VIRTQ || vnet_num_msix > VNET_MAX_MSIX) {
		pr_err(VNET_DRV_NAME ": num_msix=%u: must be between %d and %d (a function needs one vector per virtqueue)\n",
		       vnet_num_msix, VIRTNET_MIN_VIRTQ, VNET_MAX_MSIX);
		return -EINVAL;
	}
	/* Every function may sit on one port, each holding an SF of it. */
	if (vnet_pf_total_sf > VIRTNET_MAX_TOTAL_SF ||
	    vnet_pf_total_sf < vnet_sfs_needed()) {
		pr_err(VNET_DRV_NAME ": pf_total_sf=%u: must be between hotplug_ports + num_static_pf * (1 + num_vf) (%u) and %d\n",
		       vnet_pf_total_sf, vnet_sfs_needed(), VIRTNET_MAX_TOTAL_SF);
		return -EINVAL;
	}
	if (!vnet_num_queues_is_valid(vnet_max_virtq, VIRTNET_MAX_VIRTQ)) {
		pr_err(VNET_DRV_NAME ": max_virtq=%u: must be odd, between %d and %d\n",
		       vnet_max_virtq, VIRTNET_MIN_VIRTQ, VIRTNET_MAX_VIRTQ);
		return -EINVAL;
	}
	/*
	 * Descriptors carry guest-physical addresses that we dereference
	 * through the direct map: that is wrong under Xen and with
	 * encrypted memory.
	 */
	if (xen_domain() || cc_platform_has(CC_ATTR_MEM_ENCRYPT)) {
		pr_err(VNET_DRV_NAME ": not supported on Xen or with memory encryption\n");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int __init vnet_init(void)
{
	int err;

	err = vnet_params_check();
	if (err)
		return err;
	err = vnet_ports_init();
	if (err)
		return err;

	vnet_sf_pool_init();
	vnet_switch_base = get_random_u64() & ~0xffULL;
	vnet_instance = get_random_u64();
	vnet_root = root_device_register(VNET_DRV_NAME);
	if (IS_ERR(vnet_root))
		return PTR_ERR(vnet_root);

	err = vnet_netlink_init();
	if (err)
		goto err_unregister_root;
	err = vnet_vdpa_init();
	if (err)
		goto err_netlink_uninit;

	pr_info(VNET_DRV_NAME ": loaded, %u hotplug ports, %u static PFs with %u VFs each, ports '%s' '%s'\n",
		vnet_hotplug_ports, vnet_num_static_pf, vnet_num_vf,
		vnet_ports[0].ibdev, vnet_ports[1].ibdev);
	return 0;

err_netlink_uninit:
	vnet_netlink_uninit();
err_unregister_root:
	root_device_unregister(vnet_root);
	return err;
}

static void __exit vnet_exit(void)
{
	/* Hand-overs in flight end first; none start after. */
	vnet_handover_quiesce();
	/* vDPA functions go with the management device, without events. */
	vnet_vdpa_uninit();
	/* No new requests first, then tear down what exists. */
	vnet_netlink_uninit();
	vnet_functions_destroy_all();
	vnet_sf_pool_destroy_all();
	root_device_unregister(vnet_root);
}

module_init(vnet_init);
module_exit(vnet_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("virtio-net device emulation with SF representors");
MODULE_ALIAS_GENL_FAMILY(VIRTNET_GENL_NAME);
MODULE_SOFTDEP("pre: virtio_ring virtio");
