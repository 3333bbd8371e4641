// SPDX-License-Identifier: GPL-2.0
/*
 * The hand-over: moving a function between the host's virtio bus and the
 * vdpa bus (vhost_vdpa for a VM or DPDK, virtio_vdpa for the host) and
 * back. The function keeps its id, VUID, BDF, MAC, SF and representor;
 * only the bus device changes.
 *
 * The vdpa core takes its lock before calling the module (vdpa dev
 * add/del), so the bus devices are (un)registered with
 * vnet_functions_lock dropped. Meanwhile the function is marked
 * `switching`: netlink requests that would touch its bus are refused
 * with EBUSY, dumps show it with no driver, and a `vdpa dev del` that
 * slipped in is remembered (del_requested) and honoured at the end.
 * Module unload waits for hand-overs in flight (vnet_handover_quiesce).
 */
#include <linux/wait.h>

#include "vnet.h"

static u32 vnet_switches;		/* functions switching; functions_lock */
static bool vnet_switches_closed;	/* unloading; functions_lock */
static DECLARE_WAIT_QUEUE_HEAD(vnet_switches_done);

void vnet_switch_begin(struct vnet_function *fn)
{
	lockdep_assert_held(&vnet_functions_lock);
	fn->switching = true;
	vnet_switches++;
}

void vnet_switch_end(struct vnet_function *fn)
{
	lockdep_assert_held(&vnet_functions_lock);
	fn->switching = false;
	if (!--vnet_switches)
		wake_up_all(&vnet_switches_done);
}

/* Module unload: no new hand-over, and the running ones are done. */
void vnet_handover_quiesce(void)
{
	mutex_lock(&vnet_functions_lock);
	vnet_switches_closed = true;
	mutex_unlock(&vnet_functions_lock);
	wait_event(vnet_switches_done, !READ_ONCE(vnet_switches));
}

/* The module is unloading. vnet_functions_lock held. */
bool vnet_handover_closed(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	return vnet_switches_closed;
}

int vnet_mode_check(u8 mode, struct netlink_ext_ack *extack)
{
#ifndef VNET_HAVE_VDPA
	if (mode == VNET_MODE_VDPA) {
		NL_SET_ERR_MSG(extack,
			       "dev_mode: vdpa needs a kernel with CONFIG_VDPA and CONFIG_VHOST_IOTLB; this one has neither (Debian's 6.12 has both)");
		return -EOPNOTSUPP;
	}
#endif
	if (vnet_switches_closed) {
		NL_SET_ERR_MSG(extack, "the module is unloading");
		return -ESHUTDOWN;
	}
	return 0;
}

/*
 * The offer follows the bus: a vDPA function reaches memory through its
 * owner's IOTLB (ACCESS_PLATFORM) and offers what QEMU's shadow
 * virtqueue takes, so its VM can migrate (VNET_VDPA_SVQ_REFUSED; the
 * operator may offer more with `virtnet modify --features`). Back on the
 * virtio bus the offer before the hand-over returns unless it was
 * changed meanwhile.
 */
void vnet_handover_features(struct vnet_function *fn, u8 mode)
{
	const u64 vdpa_only = BIT_ULL(VIRTIO_F_ACCESS_PLATFORM);
	const u64 virtio_only = VNET_VDPA_SVQ_REFUSED;

	if (mode == VNET_MODE_VDPA) {
		fn->virtio_features = fn->device_features;
		fn->device_features = (fn->device_features & ~virtio_only) |
				      vdpa_only;
	} else if (fn->device_features ==
		   ((fn->virtio_features & ~virtio_only) | vdpa_only)) {
		fn->device_features = fn->virtio_features;
	} else {
		fn->device_features &= ~vdpa_only;
	}
}

static int vnet_bus_attach(struct vnet_function *fn, u8 mode,
			   const char *vdpa_name,
			   struct netlink_ext_ack *extack)
{
	vnet_handover_features(fn, mode);
	if (mode == VNET_MODE_VDPA)
		return vnet_vdpa_attach(fn, vdpa_name ?: fn->vuid, false,
					extack);
	return vnet_virtio_attach(fn, extack);
}

/*
 * vnet_functions_lock dropped, fn->switching set. @back_name: the vdpa
 * name to come back under if the move fails ("" for none).
 */
static int vnet_handover_move(struct vnet_function *fn, u8 mode,
			      const char *vdpa_name, const char *back_name,
			      struct netlink_ext_ack *extack)
{
	u8 from = fn->mode;
	int err;

	/* The old bus's driver unbinds; its reset stops the data path. */
	cancel_delayed_work_sync(&fn->announce_work);
	if (fn->vdev)
		vnet_virtio_detach(fn);
	else if (fn->vdpa)
		vnet_vdpa_detach(fn, false);
	fn->mode = mode;
	/* vdpa dev del came while the function left that bus. */
	if (READ_ONCE(fn->del_requested) &&
	    fn->type == VIRTNET_DEV_TYPE_HOTPLUG_PF)
		return -ENODEV;

	err = vnet_bus_attach(fn, mode, vdpa_name, extack);
	if (!err)
		return 0;
	/* Back where it was, under the same vdpa name: a failure changes nothing. */
	if (vnet_bus_attach(fn, from, back_name[0] ? back_name : NULL, NULL))
		pr_err("%s: hand-over failed and the way back too: the function is on no bus (virtnet modify ... --mode retries)\n",
		       fn->vuid);
	return err;
}

/*
 * DEV_SET's dev_mode. vnet_functions_lock held on entry and on return; it
 * is dropped in between. -ENODEV: `vdpa dev del` deleted the function
 * meanwhile (a DEV_DEL event went out); @fn is gone.
 */
int vnet_handover(struct vnet_function *fn, u8 mode, const char *vdpa_name,
		  struct netlink_ext_ack *extack)
{
	char back_name[VIRTNET_VDPA_NAME_MAX] = "";
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	err = vnet_mode_check(mode, extack);
	if (err)
		return err;
	if (fn->switching) {
		NL_SET_ERR_MSG(extack, "a hand-over of this device is in progress");
		return -EBUSY;
	}
	if (fn->mode == mode && (fn->vdev || fn->vdpa)) {
		NL_SET_ERR_MSG(extack, "dev_mode: the device is in that mode already");
		return -EALREADY;
	}
	if (fn->vdpa && vnet_vdpa_owned(fn)) {
		NL_SET_ERR_MSG(extack,
			       "a vhost owner (a VM or DPDK) drives the vDPA device: stop it first");
		return -EBUSY;
	}

	/* vdpa_mgmt refuses longer names: it fits */
	if (vnet_vdpa_name(fn))
		strscpy(back_name, vnet_vdpa_name(fn), sizeof(back_name));
	vnet_switch_begin(fn);
	vnet_function_get(fn);
	vnet_unlock();
	err = vnet_handover_move(fn, mode, vdpa_name, back_name, extack);
	vnet_lock();
	vnet_switch_end(fn);

	if (err == -ENODEV) {
		NL_SET_ERR_MSG(extack, "vdpa dev del deleted the device meanwhile");
		vnet_netlink_notify(fn, VIRTNET_CMD_DEV_DEL);
		vnet_function_destroy(fn);
	} else if (fn->vdpa) {
		vnet_vdpa_publish(fn);
	}
	fn->del_requested = false;
	vnet_functions_changed();
	vnet_function_put(fn);
	return err;
}

/*
 * DEV_NEW in vDPA mode: made on no bus under vnet_functions_lock, put on
 * the vdpa bus with it dropped. Held on entry and on return.
 */
int vnet_function_create_vdpa(struct vnet_create_args *args,
			      const char *vdpa_name,
			      struct vnet_function **out,
			      struct netlink_ext_ack *extack)
{
	struct vnet_function *fn;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	err = vnet_mode_check(VNET_MODE_VDPA, extack);
	if (err)
		return err;
	err = vnet_function_create(args, &fn, extack);
	if (err)
		return err;
	vnet_function_get(fn);
	vnet_unlock();
	err = vnet_vdpa_attach(fn, vdpa_name ?: fn->vuid, false, extack);
	vnet_lock();
	vnet_switch_end(fn);
	if (err)
		vnet_function_destroy(fn);
	else
		vnet_vdpa_publish(fn);
	vnet_function_put(fn);
	if (!err)
		*out = fn;
	return err;
}
