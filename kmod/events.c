// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - the DEV_DRIVER event: a driver (host driver or vhost owner)
 * brought a function up (DRIVER_OK) or reset it.
 *
 * Status changes happen under the function's state_lock, most of them
 * inside the driver core's probe or remove of the bus device, which holds
 * the device lock: the event (which names the driver and its netdev, read
 * under that lock) cannot be built there. A work item sends it afterwards,
 * under vnet_functions_lock like every other device event, so a device's
 * events stay in the order of its changes. The work holds a reference on
 * the function; one destroyed meanwhile gets no event (DEV_DEL said it).
 */
#include "vnet.h"

static struct workqueue_struct *vnet_events_wq;

static void vnet_driver_work(struct work_struct *work)
{
	struct vnet_function *fn = container_of(work, struct vnet_function,
						driver_work);
	u8 status;
	bool up;

	mutex_lock(&vnet_functions_lock);
	status = vnet_function_status(fn);
	up = status & VIRTIO_CONFIG_S_DRIVER_OK;
	/* One event per change: a change undone meanwhile sends none. */
	if (vnet_function_by_id(fn->id) == fn && up != fn->driver_reported) {
		fn->driver_reported = up;
		vnet_netlink_notify_status(fn, VIRTNET_CMD_DEV_DRIVER, status);
	}
	mutex_unlock(&vnet_functions_lock);
	vnet_function_put(fn);
}

void vnet_events_function_init(struct vnet_function *fn)
{
	INIT_WORK(&fn->driver_work, vnet_driver_work);
}

/* After fn->status changed from @old (state_lock held). */
void vnet_driver_status_changed(struct vnet_function *fn, u8 old)
{
	lockdep_assert_held(&fn->state_lock);
	if (!((old ^ READ_ONCE(fn->status)) & VIRTIO_CONFIG_S_DRIVER_OK))
		return;
	vnet_function_get(fn);
	if (!queue_work(vnet_events_wq, &fn->driver_work))
		vnet_function_put(fn);
}

int vnet_events_init(void)
{
	/* Ordered: a function's work and the next one's keep their order. */
	vnet_events_wq = alloc_ordered_workqueue("virtnet_events", 0);
	return vnet_events_wq ? 0 : -ENOMEM;
}

/* After every function is gone: what is queued runs (and sends nothing). */
void vnet_events_uninit(void)
{
	destroy_workqueue(vnet_events_wq);
}
