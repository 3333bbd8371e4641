// SPDX-License-Identifier: GPL-2.0
/*
 * virtnet_emu: module entry and exit, the root device and the instance
 * id. The parameters are params.c, the port table ports.c.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/device.h>
#include <linux/cc_platform.h>
#include <linux/random.h>
#include <xen/xen.h>

#include "vnet.h"

static struct device *vnet_root;
static u64 vnet_instance;

/* Tells a controller whether the devices it recorded can still exist. */
u64 vnet_instance_id(void)
{
	return vnet_instance;
}

struct device *vnet_root_device(void)
{
	return vnet_root;
}

static int __init vnet_init(void)
{
	int err;

	err = vnet_params_check();
	if (err)
		return err;
	/*
	 * Descriptors carry guest-physical addresses that we dereference
	 * through the direct map: that is wrong under Xen and with
	 * encrypted memory.
	 */
	if (xen_domain() || cc_platform_has(CC_ATTR_MEM_ENCRYPT)) {
		pr_err("not supported on Xen or with memory encryption\n");
		return -EOPNOTSUPP;
	}
	err = vnet_ports_init();
	if (err)
		return err;

	vnet_sf_pool_init();
	vnet_instance = get_random_u64();
	err = vnet_events_init();
	if (err)
		return err;
	vnet_root = root_device_register(VNET_DRV_NAME);
	if (IS_ERR(vnet_root)) {
		err = PTR_ERR(vnet_root);
		goto err_events_uninit;
	}

	err = vnet_eswitch_init();
	if (err)
		goto err_unregister_root;
	err = vnet_netlink_init();
	if (err)
		goto err_eswitch_uninit;
	err = vnet_vdpa_init();
	if (err)
		goto err_netlink_uninit;

	pr_info("loaded, %u hotplug ports, %u static PFs with %u VFs each, ports '%s' '%s'\n",
		vnet_hotplug_ports, vnet_num_static_pf, vnet_num_vf,
		vnet_param_ibdev(0), vnet_param_ibdev(1));
	return 0;

err_netlink_uninit:
	vnet_netlink_uninit();
err_eswitch_uninit:
	vnet_eswitch_uninit();
err_unregister_root:
	root_device_unregister(vnet_root);
err_events_uninit:
	vnet_events_uninit();
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
	vnet_eswitch_uninit();
	root_device_unregister(vnet_root);
	vnet_events_uninit();
}

module_init(vnet_init);
module_exit(vnet_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("virtio-net device emulation with SF representors");
MODULE_ALIAS_GENL_FAMILY(VIRTNET_GENL_NAME);
MODULE_SOFTDEP("pre: virtio_ring virtio");
