// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated functions: creation and removal, the function table, the
 * hotplug slot map and the generation counter dumps check against.
 *
 * A function is an SF with its representor netdev (sfpool.c) and a
 * device on one bus: the virtio bus, where the stock virtio_net binds
 * (transport.c), or the vdpa bus (vdpa.c). Its memory goes with the
 * last reference: the table's and each bus device's.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "vnet.h"

/* Serialises create/destroy; protects the table, slots, generation. */
DEFINE_MUTEX(vnet_functions_lock);
static DEFINE_XARRAY_ALLOC(vnet_functions);
static DECLARE_BITMAP(vnet_hotplug_slots, VIRTNET_MAX_HOTPLUG);
static DECLARE_BITMAP(vnet_static_pfs, VIRTNET_MAX_STATIC_PF);
static u32 vnet_generation = 1;

#define VNET_MAX_FUNCTION_ID	U16_MAX

u32 vnet_functions_generation(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	return vnet_generation;
}

u32 vnet_num_hotplug(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	return bitmap_weight(vnet_hotplug_slots, VIRTNET_MAX_HOTPLUG);
}

u32 vnet_port_functions(u32 index)
{
	struct vnet_function *fn;
	unsigned long id;
	u32 n = 0;

	lockdep_assert_held(&vnet_functions_lock);
	xa_for_each(&vnet_functions, id, fn)
		if (fn->port->index == index)
			n++;
	return n;
}

bool vnet_port_in_use(u32 index)
{
	return vnet_port_functions(index) > 0;
}

struct vnet_function *vnet_function_by_id(u32 id)
{
	lockdep_assert_held(&vnet_functions_lock);
	return xa_load(&vnet_functions, id);
}

struct vnet_function *vnet_function_next(unsigned long *id)
{
	lockdep_assert_held(&vnet_functions_lock);
	return xa_find(&vnet_functions, id, ULONG_MAX, XA_PRESENT);
}

struct vnet_function *vnet_function_by_vuid(const char *vuid)
{
	struct vnet_function *fn;
	unsigned long id;

	lockdep_assert_held(&vnet_functions_lock);
	xa_for_each(&vnet_functions, id, fn)
		if (!strcmp(fn->vuid, vuid))
			return fn;
	return NULL;
}

bool vnet_mac_in_use(const u8 *mac)
{
	struct vnet_function *fn;
	unsigned long id;

	lockdep_assert_held(&vnet_functions_lock);
	xa_for_each(&vnet_functions, id, fn)
		if (ether_addr_equal(fn->mac, mac))
			return true;
	return false;
}

/* The function being created is in the table with sf_num 0 until it has one. */
bool vnet_function_has_sf(u32 sf_num)
{
	struct vnet_function *fn;
	unsigned long id;

	lockdep_assert_held(&vnet_functions_lock);
	xa_for_each(&vnet_functions, id, fn)
		if (fn->sf_num == sf_num)
			return true;
	return false;
}

static unsigned long *vnet_slot_map(const struct vnet_function *fn)
{
	switch (fn->type) {
	case VIRTNET_DEV_TYPE_STATIC_PF:
		return vnet_static_pfs;
	case VIRTNET_DEV_TYPE_VF:
		return fn->parent->vf_map;
	default:
		return vnet_hotplug_slots;
	}
}

struct vnet_function *vnet_static_pf(u32 index)
{
	struct vnet_function *fn;
	unsigned long id;

	lockdep_assert_held(&vnet_functions_lock);
	if (index >= VIRTNET_MAX_STATIC_PF || !test_bit(index, vnet_static_pfs))
		return NULL;
	xa_for_each(&vnet_functions, id, fn)
		if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF && fn->slot == index)
			return fn;
	return NULL;
}

static void vnet_function_release(struct kref *ref)
{
	struct vnet_function *fn = container_of(ref, struct vnet_function, ref);

	kfree(fn->pairs);
	kfree(fn);
}

void vnet_function_get(struct vnet_function *fn)
{
	kref_get(&fn->ref);
}

void vnet_function_put(struct vnet_function *fn)
{
	kref_put(&fn->ref, vnet_function_release);
}

static int vnet_vf_check(const struct vnet_create_args *args,
			 struct vnet_function **parent,
			 struct netlink_ext_ack *extack)
{
	struct vnet_function *pf = vnet_static_pf(args->pf_index);

	if (!pf) {
		NL_SET_ERR_MSG(extack, "pf_index: that static PF is not up");
		return -ENODEV;
	}
	if (args->vf_id >= vnet_num_vf) {
		NL_SET_ERR_MSG(extack,
			       "vf_id: beyond the last VF (module parameter num_vf)");
		return -EINVAL;
	}
	if (test_bit(args->vf_id, pf->vf_map)) {
		NL_SET_ERR_MSG(extack, "vf_id: that VF exists");
		return -EEXIST;
	}
	if (args->port != pf->port) {
		NL_SET_ERR_MSG(extack, "port_ibdev: a VF uses its PF's port");
		return -EINVAL;
	}
	if (args->legacy) {
		NL_SET_ERR_MSG(extack, "legacy: VFs cannot be transitional");
		return -EINVAL;
	}
	*parent = pf;
	return 0;
}

/* Checks that need the table; the netlink policy checked the ranges. */
static int vnet_create_check(const struct vnet_create_args *args, u32 *slot,
			     struct vnet_function **parent, u64 *features,
			     struct netlink_ext_ack *extack)
{
	const char *why;
	u64 req;
	int err;

	if (vnet_mac_in_use(args->mac)) {
		NL_SET_ERR_MSG(extack, "mac: already used by another device");
		return -EEXIST;
	}
	if (args->id >= 0 && xa_load(&vnet_functions, args->id)) {
		NL_SET_ERR_MSG(extack, "dev_id: already used by another device");
		return -EEXIST;
	}
	if (args->type == VIRTNET_DEV_TYPE_VF) {
		err = vnet_vf_check(args, parent, extack);
		if (err)
			return err;
		*slot = args->vf_id;
	} else if (args->type == VIRTNET_DEV_TYPE_STATIC_PF) {
		*slot = args->pf_index;
		if (*slot >= vnet_num_static_pf) {
			NL_SET_ERR_MSG(extack,
				       "pf_index: beyond the last static PF (module parameter num_static_pf)");
			return -EINVAL;
		}
		if (test_bit(*slot, vnet_static_pfs)) {
			NL_SET_ERR_MSG(extack, "pf_index: that static PF is already up");
			return -EEXIST;
		}
	} else if (args->slot >= 0) {
		*slot = args->slot;
		if (*slot >= vnet_hotplug_ports) {
			NL_SET_ERR_MSG(extack,
				       "dev_bdf: beyond the last hotplug switch port (module parameter hotplug_ports)");
			return -EINVAL;
		}
		if (test_bit(*slot, vnet_hotplug_slots)) {
			NL_SET_ERR_MSG(extack,
				       "dev_bdf: that hotplug switch port is in use");
			return -EEXIST;
		}
	} else {
		*slot = find_first_zero_bit(vnet_hotplug_slots,
					    vnet_hotplug_ports);
	}
	if (args->type == VIRTNET_DEV_TYPE_HOTPLUG_PF && !vnet_hotplug_ports) {
		NL_SET_ERR_MSG(extack,
			       "no hotplug switch ports (module parameter hotplug_ports is 0)");
		return -ENOSPC;
	}
	if (args->type == VIRTNET_DEV_TYPE_HOTPLUG_PF &&
	    *slot >= vnet_hotplug_ports) {
		NL_SET_ERR_MSG(extack,
			       "all hotplug switch ports are in use (module parameter hotplug_ports)");
		return -ENOSPC;
	}
	if (args->sf_num >= 0 && vnet_function_has_sf(args->sf_num)) {
		NL_SET_ERR_MSG(extack, "sf_num: already used by another device");
		return -EEXIST;
	}
	if (!vnet_num_queues_is_valid(args->num_queues, vnet_max_queues())) {
		NL_SET_ERR_MSG(extack,
			       "num_queues: must be odd (2 per queue pair + 1 control queue) and at most min(num_msix, max_virtq)");
		return -EINVAL;
	}
	/*
	 * ACCESS_PLATFORM is the vDPA transport's, added below: a recovery
	 * file of a vDPA function records it with the offer.
	 */
	req = args->features;
	if (args->mode == VNET_MODE_VDPA)
		req &= ~BIT_ULL(VIRTIO_F_ACCESS_PLATFORM);
	if (vnet_features_resolve(req, args->num_queues, args->legacy,
				  features, &why)) {
		vnet_extack_set(extack, why);
		return -EINVAL;
	}
	return 0;
}

static int vnet_function_names(struct vnet_function *fn)
{
	int err;

	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		err = vnet_static_vuid(fn->slot, fn->vuid, sizeof(fn->vuid));
	else if (fn->type == VIRTNET_DEV_TYPE_VF)
		err = vnet_vf_vuid(fn->parent->slot, fn->slot, fn->vuid,
				   sizeof(fn->vuid));
	else
		err = vnet_hotplug_vuid(fn->slot, fn->vuid, sizeof(fn->vuid));
	if (!err)
		err = vnet_bus_name(fn->bdf, fn->bus_name, sizeof(fn->bus_name));
	return err;
}

int vnet_function_create(const struct vnet_create_args *args,
			 struct vnet_function **out,
			 struct netlink_ext_ack *extack)
{
	struct vnet_function *fn, *parent = NULL;
	u64 features;
	u32 slot, id;
	int err;

	lockdep_assert_held(&vnet_functions_lock);

	err = vnet_create_check(args, &slot, &parent, &features, extack);
	if (err)
		return err;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return -ENOMEM;
	kref_init(&fn->ref);
	fn->tp = &vnet_detached_transport;
	fn->type = args->type;
	fn->slot = slot;
	fn->parent = parent;
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		fn->bdf = vnet_static_bdf(slot);
	else if (fn->type == VIRTNET_DEV_TYPE_VF)
		fn->bdf = vnet_vf_bdf(parent->slot, slot);
	else
		fn->bdf = vnet_hotplug_bdf(slot);
	fn->port = args->port;
	ether_addr_copy(fn->mac, args->mac);
	fn->mtu = args->mtu;
	fn->num_queues = args->num_queues;
	fn->num_pairs = (args->num_queues - 1) / 2;
	fn->queue_size = args->queue_size;
	fn->legacy = args->legacy;
	/*
	 * A vDPA function reaches memory through its owner's IOTLB; its
	 * default profile is what QEMU's shadow virtqueue takes, so the VM
	 * can migrate (and indirect tables, read in place, must not cross
	 * discontiguous pages anyway).
	 */
	if (args->mode == VNET_MODE_VDPA) {
		if (!(args->features & ~BIT_ULL(VIRTIO_F_ACCESS_PLATFORM)))
			features &= ~VNET_VDPA_SVQ_REFUSED;
		features |= BIT_ULL(VIRTIO_F_ACCESS_PLATFORM);
	}
	fn->device_features = features;
	err = vnet_function_names(fn);
	if (err)
		goto err_free_fn;

	fn->pairs = kcalloc(fn->num_pairs, sizeof(*fn->pairs), GFP_KERNEL);
	if (!fn->pairs) {
		err = -ENOMEM;
		goto err_free_fn;
	}

	if (args->id >= 0) {
		id = args->id;
		err = xa_insert(&vnet_functions, id, fn, GFP_KERNEL);
	} else {
		err = xa_alloc(&vnet_functions, &id, fn,
			       XA_LIMIT(0, VNET_MAX_FUNCTION_ID), GFP_KERNEL);
	}
	if (err)
		goto err_free_pairs;
	fn->id = id;

	vnet_transport_init(fn);
	/* Before the representor is bound and the driver probes: no flap. */
	if (args->link_down)
		fn->link_status = 0;
	fn->rx_coal = args->rx_coal;
	fn->tx_coal = args->tx_coal;
	err = vnet_sf_acquire(fn, args->sf_num, extack);
	if (err)
		goto err_erase_id;

	if (args->mode == VNET_MODE_VDPA) {
		/* The caller puts it on the vdpa bus (vdpa.c, handover.c). */
		fn->mode = VNET_MODE_VDPA;
		vnet_switch_begin(fn);
	} else {
		err = vnet_virtio_attach(fn, extack);
		if (err)
			goto err_release_sf;
	}

	set_bit(slot, vnet_slot_map(fn));
	if (parent)
		parent->num_vfs++;
	vnet_generation++;
	*out = fn;
	return 0;

err_release_sf:
	/* The virtio device's release may come later: it holds a reference. */
	vnet_sf_release(fn);
	xa_erase(&vnet_functions, id);
	vnet_function_put(fn);
	return err;
err_erase_id:
	xa_erase(&vnet_functions, id);
err_free_pairs:
	kfree(fn->pairs);
err_free_fn:
	kfree(fn);
	return err;
}

void vnet_function_destroy(struct vnet_function *fn)
{
	lockdep_assert_held(&vnet_functions_lock);

	/* A PF's VFs go first, as when the host clears sriov_numvfs. */
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		vnet_vfs_destroy(fn);
	xa_erase(&vnet_functions, fn->id);
	clear_bit(fn->slot, vnet_slot_map(fn));
	if (fn->parent)
		fn->parent->num_vfs--;
	vnet_generation++;

	cancel_delayed_work_sync(&fn->announce_work);
	/*
	 * Unbinds the driver; its reset stops our data path. A vDPA
	 * function is destroyed only where the vdpa core holds its lock
	 * (vdpa dev del, the management device going) or off the bus.
	 */
	if (fn->vdev)
		vnet_virtio_detach(fn);
	else if (fn->vdpa)
		vnet_vdpa_detach(fn, true);
	cancel_work_sync(&fn->ctrlq_work);
	vnet_sf_release(fn);
	vnet_function_put(fn);
}

/* VFs go with their PFs; xa_for_each copes with the removals. */
void vnet_functions_destroy_all(void)
{
	struct vnet_function *fn;
	unsigned long id;

	vnet_lock();
	xa_for_each(&vnet_functions, id, fn)
		if (fn->type != VIRTNET_DEV_TYPE_VF)
			vnet_function_destroy(fn);
	vnet_unlock();
}

/* A device changed in place (modify.c): dumps in progress restart. */
void vnet_functions_changed(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	vnet_generation++;
}
