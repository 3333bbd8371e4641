// SPDX-License-Identifier: GPL-2.0
/*
 * The eswitch as devlink sees it: one instance per port (p0, p1), each on
 * a platform device virtnet_emu.<port> because devlink wants a parent on
 * a bus, always in switchdev mode. Its ports are the representors, bound
 * to a function or idle in the SF pool: flavour pcisf, controller 0,
 * pfnum = the port, sfnum = the SF number, which is also the port index.
 * Port functions have hw_addr (the rules of `virtnet modify -m`) and
 * state/opstate; `devlink port add/del` create and remove idle SFs.
 *
 * Locking (the order is in vnet.h): devlink calls in here with its
 * instance lock held; the module's own paths that create or remove
 * representors take every instance lock before vnet_functions_lock
 * (vnet_lock()), so devlink ports come and go under both. The getters
 * also run inside devlink's notifications, which those paths send with
 * vnet_functions_lock (and, on 6.12, RTNL) held: they read under RCU and
 * the function's config_lock only.
 */
#include <linux/etherdevice.h>
#include <linux/platform_device.h>
#include <net/devlink.h>

#include "vnet.h"

struct vnet_eswitch {
	u32 port;
};

static struct platform_device *vnet_esw_pdev[VNET_MAX_PORTS];
static struct devlink *vnet_esw_devlink[VNET_MAX_PORTS];

static u32 vnet_esw_port(struct devlink *devlink)
{
	return ((struct vnet_eswitch *)devlink_priv(devlink))->port;
}

struct device *vnet_eswitch_device(u32 port)
{
	return &vnet_esw_pdev[port]->dev;
}

/*
 * Every instance lock, in port order, then vnet_functions_lock: for paths
 * that may create or remove representors. The 6.12 devlink gives each
 * instance its own lockdep class, so holding both is no recursion.
 */
void vnet_lock(void)
{
	u32 i;

	for (i = 0; i < VNET_MAX_PORTS; i++)
		devl_lock(vnet_esw_devlink[i]);
	mutex_lock(&vnet_functions_lock);
}

bool vnet_trylock(void)
{
	u32 i;

	for (i = 0; i < VNET_MAX_PORTS; i++)
		if (!devl_trylock(vnet_esw_devlink[i]))
			goto err_unlock_devlinks;
	if (mutex_trylock(&vnet_functions_lock))
		return true;
err_unlock_devlinks:
	while (i--)
		devl_unlock(vnet_esw_devlink[i]);
	return false;
}

void vnet_unlock(void)
{
	u32 i = VNET_MAX_PORTS;

	mutex_unlock(&vnet_functions_lock);
	while (i--)
		devl_unlock(vnet_esw_devlink[i]);
}

void vnet_eswitch_assert_locked(u32 port)
{
	devl_assert_locked(vnet_esw_devlink[port]);
}

/* ---- port functions ---- */

static int vnet_esw_hw_addr_get(struct devlink_port *dl, u8 *hw_addr,
				int *hw_addr_len, struct netlink_ext_ack *extack)
{
	struct vnet_function *fn;

	rcu_read_lock();
	fn = vnet_rep_function_rcu(vnet_rep_from_dl_port(dl));
	if (fn) {
		spin_lock_bh(&fn->config_lock);
		ether_addr_copy(hw_addr, fn->mac);
		spin_unlock_bh(&fn->config_lock);
	} else {
		/* An idle SF: no function, so no address yet. */
		eth_zero_addr(hw_addr);
	}
	rcu_read_unlock();
	*hw_addr_len = ETH_ALEN;
	return 0;
}

static int vnet_esw_hw_addr_set(struct devlink_port *dl, const u8 *hw_addr,
				int hw_addr_len, struct netlink_ext_ack *extack)
{
	struct net_device *rep = vnet_rep_from_dl_port(dl);
	struct vnet_modify m = { .has_mac = true };
	struct vnet_function *fn;
	int err;

	if (hw_addr_len != ETH_ALEN || !is_valid_ether_addr(hw_addr)) {
		NL_SET_ERR_MSG(extack,
			       "hw_addr: must be a unicast Ethernet address, not all zeros");
		return -EINVAL;
	}
	ether_addr_copy(m.mac, hw_addr);
	mutex_lock(&vnet_functions_lock);
	fn = vnet_rep_function_locked(rep);
	if (!fn) {
		NL_SET_ERR_MSG(extack,
			       "hw_addr: this SF is idle in the pool; it gets the address of the device that takes it");
		err = -EOPNOTSUPP;
	} else {
		err = vnet_function_modify(fn, &m, extack);
		if (!err)
			vnet_netlink_notify(fn, VIRTNET_CMD_DEV_SET);
	}
	mutex_unlock(&vnet_functions_lock);
	return err;
}

/*
 * A host driver or a vhost owner that uses the function has started the
 * virtio handshake; a reset (unbind, owner gone) clears the status.
 */
static bool vnet_esw_fn_attached(const struct vnet_function *fn)
{
	return READ_ONCE(fn->status) & VIRTIO_CONFIG_S_DRIVER;
}

/* Active while a function has the SF; attached while a driver uses it. */
static int vnet_esw_state_get(struct devlink_port *dl,
			      enum devlink_port_fn_state *state,
			      enum devlink_port_fn_opstate *opstate,
			      struct netlink_ext_ack *extack)
{
	struct vnet_function *fn;

	rcu_read_lock();
	fn = vnet_rep_function_rcu(vnet_rep_from_dl_port(dl));
	*state = fn ? DEVLINK_PORT_FN_STATE_ACTIVE :
		      DEVLINK_PORT_FN_STATE_INACTIVE;
	*opstate = fn && vnet_esw_fn_attached(fn) ?
		   DEVLINK_PORT_FN_OPSTATE_ATTACHED :
		   DEVLINK_PORT_FN_OPSTATE_DETACHED;
	rcu_read_unlock();
	return 0;
}

static int vnet_esw_state_set(struct devlink_port *dl,
			      enum devlink_port_fn_state state,
			      struct netlink_ext_ack *extack)
{
	bool want = state == DEVLINK_PORT_FN_STATE_ACTIVE;
	bool active;

	mutex_lock(&vnet_functions_lock);
	active = vnet_rep_function_locked(vnet_rep_from_dl_port(dl));
	mutex_unlock(&vnet_functions_lock);
	if (active == want)
		return 0;
	if (active)
		NL_SET_ERR_MSG(extack,
			       "state: a device uses this SF; it goes inactive when the device is unplugged (virtnet unplug)");
	else
		NL_SET_ERR_MSG(extack,
			       "state: an idle SF becomes active when a device takes it (virtnet hotplug)");
	return -EOPNOTSUPP;
}

/* ---- SF lifecycle ---- */

static int vnet_esw_sf_new(struct devlink *devlink,
			   const struct devlink_port_new_attrs *attrs,
			   struct netlink_ext_ack *extack,
			   struct net_device **rep)
{
	u32 port = vnet_esw_port(devlink);
	s64 sf_num = -1;
	int err;

	if (attrs->flavour != DEVLINK_PORT_FLAVOUR_PCI_SF) {
		NL_SET_ERR_MSG(extack, "flavour: only pcisf ports can be added");
		return -EOPNOTSUPP;
	}
	if (attrs->controller_valid && attrs->controller) {
		NL_SET_ERR_MSG(extack, "controller: must be 0 (this host)");
		return -EINVAL;
	}
	if (attrs->pfnum != port) {
		NL_SET_ERR_MSG(extack,
			       "pfnum: must be the eswitch's own port (0 on virtnet_emu.0, 1 on virtnet_emu.1)");
		return -EINVAL;
	}
	if (attrs->port_index_valid) {
		NL_SET_ERR_MSG(extack,
			       "port index: chosen by the eswitch (it is the sfnum); leave it out");
		return -EINVAL;
	}
	if (attrs->sfnum_valid) {
		if (attrs->sfnum < VIRTNET_MIN_SF_NUM ||
		    attrs->sfnum > VIRTNET_MAX_SF_NUM) {
			NL_SET_ERR_MSG(extack, "sfnum: must be between "
				       __stringify(VIRTNET_MIN_SF_NUM) " and "
				       __stringify(VIRTNET_MAX_SF_NUM));
			return -ERANGE;
		}
		sf_num = attrs->sfnum;
	}
	mutex_lock(&vnet_functions_lock);
	err = vnet_sf_pool_add(port, sf_num, rep, extack);
	if (!err)
		vnet_netlink_notify_info();
	mutex_unlock(&vnet_functions_lock);
	return err;
}

static int vnet_esw_sf_del(struct devlink *devlink, u32 sf_num,
			   struct netlink_ext_ack *extack)
{
	int err;

	mutex_lock(&vnet_functions_lock);
	err = vnet_sf_pool_del(vnet_esw_port(devlink), sf_num, extack);
	if (!err)
		vnet_netlink_notify_info();
	mutex_unlock(&vnet_functions_lock);
	return err;
}

static int vnet_esw_mode_get(struct devlink *devlink, u16 *mode)
{
	*mode = DEVLINK_ESWITCH_MODE_SWITCHDEV;
	return 0;
}

static int vnet_esw_mode_set(struct devlink *devlink, u16 mode,
			     struct netlink_ext_ack *extack)
{
	if (mode == DEVLINK_ESWITCH_MODE_SWITCHDEV)
		return 0;
	NL_SET_ERR_MSG(extack,
		       "mode: the emulated eswitch is always in switchdev mode (every function has a representor)");
	return -EOPNOTSUPP;
}

#ifdef VNET_HAVE_DEVLINK_PORT_OPS
static int vnet_esw_port_new(struct devlink *devlink,
			     const struct devlink_port_new_attrs *attrs,
			     struct netlink_ext_ack *extack,
			     struct devlink_port **dl)
{
	struct net_device *rep;
	int err = vnet_esw_sf_new(devlink, attrs, extack, &rep);

	if (!err)
		*dl = vnet_rep_dl_port(rep);
	return err;
}

static int vnet_esw_port_del(struct devlink *devlink, struct devlink_port *dl,
			     struct netlink_ext_ack *extack)
{
	return vnet_esw_sf_del(devlink, dl->index, extack);
}

static const struct devlink_port_ops vnet_esw_port_ops = {
	.port_del		= vnet_esw_port_del,
	.port_fn_hw_addr_get	= vnet_esw_hw_addr_get,
	.port_fn_hw_addr_set	= vnet_esw_hw_addr_set,
	.port_fn_state_get	= vnet_esw_state_get,
	.port_fn_state_set	= vnet_esw_state_set,
};

static const struct devlink_ops vnet_esw_ops = {
	.eswitch_mode_get	= vnet_esw_mode_get,
	.eswitch_mode_set	= vnet_esw_mode_set,
	.port_new		= vnet_esw_port_new,
};

static int vnet_esw_port_register(struct devlink *devlink,
				  struct devlink_port *dl, u32 index)
{
	return devl_port_register_with_ops(devlink, dl, index,
					   &vnet_esw_port_ops);
}
#else
/* 6.1: the port ops are devlink_ops, port_new returns an index. */
static int vnet_esw_port_new(struct devlink *devlink,
			     const struct devlink_port_new_attrs *attrs,
			     struct netlink_ext_ack *extack,
			     unsigned int *index)
{
	struct net_device *rep;
	int err = vnet_esw_sf_new(devlink, attrs, extack, &rep);

	if (!err)
		*index = vnet_rep_sf_num(rep);
	return err;
}

static int vnet_esw_port_del(struct devlink *devlink, unsigned int index,
			     struct netlink_ext_ack *extack)
{
	return vnet_esw_sf_del(devlink, index, extack);
}

static const struct devlink_ops vnet_esw_ops = {
	.eswitch_mode_get		= vnet_esw_mode_get,
	.eswitch_mode_set		= vnet_esw_mode_set,
	.port_new			= vnet_esw_port_new,
	.port_del			= vnet_esw_port_del,
	.port_function_hw_addr_get	= vnet_esw_hw_addr_get,
	.port_function_hw_addr_set	= vnet_esw_hw_addr_set,
	.port_fn_state_get		= vnet_esw_state_get,
	.port_fn_state_set		= vnet_esw_state_set,
};

static int vnet_esw_port_register(struct devlink *devlink,
				  struct devlink_port *dl, u32 index)
{
	return devl_port_register(devlink, dl, index);
}
#endif

/*
 * @dl (in @rep's private data) becomes port @sf_num of @port's eswitch,
 * before @rep is registered: 6.12 links the netdev when it registers.
 */
int vnet_eswitch_port_add(struct net_device *rep, struct devlink_port *dl,
			  u32 port, u32 sf_num)
{
	struct devlink *devlink = vnet_esw_devlink[port];
	int err;

	memset(dl, 0, sizeof(*dl));
	/* Before the flavour: it makes the port a switch port. */
	dl->attrs.switch_id.id_len = sizeof(u64);
	vnet_switch_id(port, dl->attrs.switch_id.id, sizeof(u64));
	devlink_port_attrs_pci_sf_set(dl, 0, port, sf_num, false);
	err = vnet_esw_port_register(devlink, dl, sf_num);
	if (err)
		return err;
#ifdef VNET_HAVE_NETDEV_DEVLINK_PORT
	SET_NETDEV_DEVLINK_PORT(rep, dl);
#endif
	return 0;
}

/* After the netdev is unregistered (6.12 unlinks it then). */
void vnet_eswitch_port_del(struct devlink_port *dl)
{
	devl_port_unregister(dl);
}

int vnet_eswitch_init(void)
{
	struct vnet_eswitch *esw;
	u32 i;
	int err;

	for (i = 0; i < VNET_MAX_PORTS; i++) {
		vnet_esw_pdev[i] = platform_device_register_simple(VNET_DRV_NAME,
								   i, NULL, 0);
		if (IS_ERR(vnet_esw_pdev[i])) {
			err = PTR_ERR(vnet_esw_pdev[i]);
			goto err_uninit;
		}
		vnet_esw_devlink[i] = devlink_alloc(&vnet_esw_ops, sizeof(*esw),
						    &vnet_esw_pdev[i]->dev);
		if (!vnet_esw_devlink[i]) {
			err = -ENOMEM;
			goto err_unregister_pdev;
		}
		esw = devlink_priv(vnet_esw_devlink[i]);
		esw->port = i;
		devlink_register(vnet_esw_devlink[i]);
	}
	return 0;

err_unregister_pdev:
	platform_device_unregister(vnet_esw_pdev[i]);
err_uninit:
	while (i--) {
		devlink_unregister(vnet_esw_devlink[i]);
		devlink_free(vnet_esw_devlink[i]);
		platform_device_unregister(vnet_esw_pdev[i]);
	}
	return err;
}

/* Every representor, hence every devlink port, is gone. */
void vnet_eswitch_uninit(void)
{
	u32 i = VNET_MAX_PORTS;

	while (i--) {
		devlink_unregister(vnet_esw_devlink[i]);
		devlink_free(vnet_esw_devlink[i]);
		platform_device_unregister(vnet_esw_pdev[i]);
	}
}
