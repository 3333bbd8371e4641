// SPDX-License-Identifier: GPL-2.0
/*
 * The port table: the eswitch ports that exist (index, RDMA device, LAG
 * mode), first those the ib_dev_p0/ib_dev_p1 parameters name, then what a
 * controller sets (VIRTNET_CMD_PORT_SET); and each port's switch id, which
 * its representors share.
 */
#include <linux/random.h>

#include "vnet.h"

/* Indexed by port index; protected by vnet_functions_lock. */
static struct vnet_port vnet_ports[VNET_MAX_PORTS];
static bool vnet_lag;
static u64 vnet_switch_base;

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

/* Runs before the family exists: nothing else touches the table yet. */
int vnet_ports_init(void)
{
	const char *names[VNET_MAX_PORTS] = { vnet_param_ibdev(0), vnet_param_ibdev(1) };
	u32 i;

	for (i = 0; i < VNET_MAX_PORTS; i++) {
		if (!names[i] || !names[i][0])
			continue;
		if (strlen(names[i]) >= VIRTNET_IBDEV_MAX) {
			pr_err("ib_dev_p%u: name longer than %d characters\n",
			       i, VIRTNET_IBDEV_MAX - 1);
			return -EINVAL;
		}
		if (i && vnet_ports[0].present && !strcmp(vnet_ports[0].ibdev, names[i])) {
			pr_err("ib_dev_p%u: '%s' names port 0 too\n",
			       i, names[i]);
			return -EINVAL;
		}
		vnet_ports[i].index = i;
		vnet_ports[i].present = true;
		strscpy(vnet_ports[i].ibdev, names[i], sizeof(vnet_ports[i].ibdev));
	}
	vnet_switch_base = get_random_u64() & ~0xffULL;
	return 0;
}
