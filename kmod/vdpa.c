// SPDX-License-Identifier: GPL-2.0
/*
 * The vDPA transport: the module as vDPA management device "virtnet", so
 * `vdpa dev add ... mgmtdev virtnet` makes a function that the kernel's
 * vhost_vdpa hands to a VM or DPDK (/dev/vhost-vdpa-N), or that
 * virtio_vdpa gives the host as a NIC. Only on kernels with CONFIG_VDPA
 * and CONFIG_VHOST_IOTLB (Debian's 6.12; not bookworm's 6.1).
 *
 * Memory model. Under vhost_vdpa every ring and buffer address is an IOVA
 * of the owner's IOTLB (dma_map/dma_unmap): it is looked up, its
 * permission checked (the device writes only WO/RW pages and reads only
 * RO/RW ones), and a run that crosses into another mapping becomes
 * another segment. The device holds a reference on every page it has
 * mapped, because vhost_vdpa unpins pages before it tells the device; a
 * removed mapping's pages are released only after an RCU grace period,
 * by which time no queue (NAPI poll, representor xmit, control queue,
 * coalescing timer: all BH- or IRQ-disabled) can still use a translation
 * made before. Rings are mapped once when the driver sets DRIVER_OK and
 * held (page references, vmap if the pages are not contiguous) until
 * reset. Only virtio_vdpa, whose addresses are the kernel's own DMA
 * addresses (dma-direct: physical), is served without an IOTLB: the
 * device never falls back to physical addresses while anything else
 * owns it.
 *
 * Address spaces. The data queues are virtqueue group 0, the control
 * queue group 1, and each group translates through the IOTLB of the
 * address space (0 or 1) the owner puts it in: QEMU shadows the control
 * queue in an address space of its own to replay the device's state on
 * a migration's destination.
 *
 * Suspend stops every queue with all it took completed, so the available
 * index reached (get_vq_state) is also the used index; while suspended
 * the owner may move a queue (new ring addresses, new base), and resume
 * binds it again.
 *
 * Locking (the whole order: vnet.h): vdpa_dev_lock (vdpa core; held
 * around dev_add and dev_del) before vnet_functions_lock. iotlb_lock
 * (spinlock, BH) guards the IOTLBs and the group-to-address-space map
 * against the translating queues; writers are process context.
 *
 * The IOTLB and ring mapping are vdpa_iotlb.c, the management device
 * vdpa_mgmt.c.
 */
#include <linux/etherdevice.h>
#include <linux/mm.h>
#include <linux/pci_ids.h>
#include <linux/vdpa.h>
#include <linux/vhost_iotlb.h>
#include <uapi/linux/vhost_types.h>
#include <linux/vmalloc.h>
#include <uapi/linux/vdpa.h>

#include "vnet.h"
#include "vnet_vdpa.h"

/*
 * The control queue's vq index: after every pair with MQ, after the
 * first pair without. Before the driver chose, the device's offer says.
 */
static u16 vnet_vdpa_ctrl_index(const struct vnet_function *fn)
{
	u64 f = READ_ONCE(fn->features) ?: fn->device_features;

	return f & BIT_ULL(VIRTIO_NET_F_MQ) ? 2 * fn->num_pairs : 2;
}

/* The queue behind vq index @idx, in the virtio-net layout. */
struct vnet_queue *vnet_vdpa_queue(struct vnet_function *fn, u16 idx)
{
	if (idx == vnet_vdpa_ctrl_index(fn))
		return &fn->ctrlq;
	if (idx < 2 * fn->num_pairs)
		return idx & 1 ? &fn->pairs[idx / 2].txq :
				 &fn->pairs[idx / 2].rxq;
	return NULL;
}

/* The owner's state for queue @q (rings, callback), by its vq index. */
static struct vnet_vdpa_vq *vnet_vdpa_vq_of(struct vnet_vdpa *v,
					    const struct vnet_queue *q)
{
	return &v->vqs[q->kind == VNET_QUEUE_CTRL ?
		       vnet_vdpa_ctrl_index(v->fn) : q->index];
}

u32 vnet_vdpa_group_of(const struct vnet_queue *q)
{
	return q->kind == VNET_QUEUE_CTRL ? VNET_VDPA_GROUP_CTRL :
					    VNET_VDPA_GROUP_DATA;
}

static void vnet_vdpa_vq_unbind(struct vnet_vdpa *v, u16 idx)
{
	struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);
	u32 i;

	if (q && q->bound)
		vnet_queue_clear(q);
	for (i = 0; i < ARRAY_SIZE(v->vqs[idx].rings); i++)
		vnet_ring_unmap(&v->vqs[idx].rings[i]);
}

/*
 * Binds queue @idx, if the owner enabled it, to its rings. The base the
 * owner set must be within a ring's length behind the driver's available
 * index. state_lock held.
 */
static void vnet_vdpa_bind_queue(struct vnet_vdpa *v, u16 idx)
{
	struct vnet_function *fn = v->fn;
	struct vnet_vdpa_vq *vq = &v->vqs[idx];
	struct vnet_queue *q = vnet_vdpa_queue(fn, idx);
	u32 num = vq->num;
	const char *why = NULL;
	int err;

	if (!q || !vq->ready)
		return;
	if (!num || num > fn->queue_size || !is_power_of_2(num)) {
		why = "queue size is not a power of two within the maximum";
		err = -EINVAL;
	} else {
		const u64 addr[] = { vq->desc_addr, vq->driver_addr,
				     vq->device_addr };
		u32 i;

		/* Only the used ring (2) is the device's to write. */
		for (i = 0, err = 0; i < 3 && !err; i++)
			err = vnet_ring_map(v, q, &vq->rings[i], addr[i],
					    vnet_ring_area_size(i, num),
					    i == 2, &why);
	}
	if (err) {
		/* Left unbound, the queue fails as a ring violation does. */
		vnet_vdpa_vq_unbind(v, idx);
		spin_lock_bh(&q->lock);
		vnet_queue_fail(q, why ?: "cannot map the rings");
		spin_unlock_bh(&q->lock);
		return;
	}
	vnet_queue_setup(q, num, vq->rings[0].va, vq->rings[1].va,
			 vq->rings[2].va);
	if (!vq->has_base)
		return;
	spin_lock_bh(&q->lock);
	vnet_vring_set_base(&q->vr, vq->base);
	if (vnet_vring_pending(&q->vr, &why) < 0)
		vnet_queue_fail(q, "set_vq_state: base a ring or more behind avail");
	spin_unlock_bh(&q->lock);
}

/* DRIVER_OK: bind every ready queue to its rings. state_lock held. */
static void vnet_vdpa_bind_queues(struct vnet_vdpa *v)
{
	u16 idx;

	v->identity = v->vdpa.dev.driver &&
		      !strcmp(v->vdpa.dev.driver->name, "virtio_vdpa");
	for (idx = 0; idx < v->nvqs; idx++)
		vnet_vdpa_bind_queue(v, idx);
}

static void vnet_vdpa_signal(struct vnet_queue *q)
{
	struct vnet_vdpa_vq *vq = vnet_vdpa_vq_of(q->fn->vdpa, q);

	if (vq->cb.callback)
		vq->cb.callback(vq->cb.private);
}

static void vnet_vdpa_config_changed(struct vnet_function *fn)
{
	struct vdpa_callback *cb = &fn->vdpa->config_cb;

	if (cb->callback)
		cb->callback(cb->private);
}

const struct vnet_transport vnet_vdpa_transport = {
	.map		= vnet_vdpa_map,
	.signal		= vnet_vdpa_signal,
	.config_changed	= vnet_vdpa_config_changed,
};

/* vdpa_config_ops */

/*
 * Whether the owner may change queue @idx now: before DRIVER_OK, or
 * while suspended (the change then takes effect at resume).
 * state_lock held.
 */
static bool vnet_vdpa_vq_settable(struct vnet_vdpa *v, u16 idx)
{
	if (!(READ_ONCE(v->fn->status) & VIRTIO_CONFIG_S_DRIVER_OK))
		return true;
	if (!v->suspended)
		return false;
	v->vqs[idx].moved = true;
	return true;
}

static int vnet_vdpa_set_vq_address(struct vdpa_device *vdpa, u16 idx,
				    u64 desc, u64 driver, u64 device)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	int err = 0;

	if (idx >= v->nvqs)
		return -EINVAL;
	mutex_lock(&v->fn->state_lock);
	if (vnet_vdpa_vq_settable(v, idx)) {
		v->vqs[idx].desc_addr = desc;
		v->vqs[idx].driver_addr = driver;
		v->vqs[idx].device_addr = device;
	} else {
		err = -EBUSY;
	}
	mutex_unlock(&v->fn->state_lock);
	return err;
}

static void vnet_vdpa_set_vq_num(struct vdpa_device *vdpa, u16 idx, u32 num)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);

	if (idx >= v->nvqs)
		return;
	/* A running queue keeps its size (the op cannot refuse). */
	mutex_lock(&v->fn->state_lock);
	if (vnet_vdpa_vq_settable(v, idx))
		v->vqs[idx].num = num;
	mutex_unlock(&v->fn->state_lock);
}

static void vnet_vdpa_kick_vq(struct vdpa_device *vdpa, u16 idx)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);

	if (!q || idx >= v->nvqs)
		return;
	/*
	 * vhost_vdpa kicks from its worker thread, virtio_vdpa from the
	 * driver's context. The control queue is served from a work item
	 * (no driver here spins waiting for it in atomic context).
	 */
	if (q->kind == VNET_QUEUE_CTRL) {
		atomic64_inc(&q->kicks);
		queue_work(system_unbound_wq, &v->fn->ctrlq_work);
		return;
	}
	/*
	 * From process context the NAPI softirq this raises must run when
	 * bottom halves come back on, not whenever the CPU next takes an
	 * interrupt (an idle CPU would sit on it).
	 */
	if (irqs_disabled()) {
		vnet_datapath_notify(q);
		return;
	}
	local_bh_disable();
	vnet_datapath_notify(q);
	local_bh_enable();
}

static void vnet_vdpa_set_vq_cb(struct vdpa_device *vdpa, u16 idx,
				struct vdpa_callback *cb)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);

	if (idx < v->nvqs)
		v->vqs[idx].cb = *cb;
}

/*
 * A queue enabled after DRIVER_OK (VHOST_BACKEND_F_ENABLE_AFTER_DRIVER_OK:
 * QEMU enables the control queue, replays its state there, then enables
 * the data queues) is bound and started now; one disabled then stops
 * being served. While suspended, resume does it. state_lock held.
 */
static void vnet_vdpa_vq_enable_late(struct vnet_vdpa *v, u16 idx, bool ready)
{
	struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);

	if (v->suspended) {
		v->vqs[idx].moved = true;
		return;
	}
	if (!ready) {
		if (q) {
			spin_lock_bh(&q->lock);
			q->ready = false;
			spin_unlock_bh(&q->lock);
		}
		return;
	}
	vnet_vdpa_vq_unbind(v, idx);
	vnet_vdpa_bind_queue(v, idx);
	if (q && q->bound)
		vnet_queue_start(q);
}

static void vnet_vdpa_set_vq_ready(struct vdpa_device *vdpa, u16 idx,
				   bool ready)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_function *fn = v->fn;
	bool was;

	if (idx >= v->nvqs)
		return;
	/*
	 * NAPI threads, as on the virtio bus, made here: virtio_net sets
	 * DRIVER_OK under RTNL (virtio_vdpa), queues are enabled before.
	 */
	if (ready)
		vnet_pair_threads(fn);
	mutex_lock(&fn->state_lock);
	was = v->vqs[idx].ready;
	v->vqs[idx].ready = ready;
	if ((READ_ONCE(fn->status) & VIRTIO_CONFIG_S_DRIVER_OK) && ready != was)
		vnet_vdpa_vq_enable_late(v, idx, ready);
	mutex_unlock(&fn->state_lock);
}

static bool vnet_vdpa_get_vq_ready(struct vdpa_device *vdpa, u16 idx)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);

	return idx < v->nvqs && v->vqs[idx].ready;
}

static int vnet_vdpa_set_vq_state(struct vdpa_device *vdpa, u16 idx,
				  const struct vdpa_vq_state *state)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_function *fn = v->fn;

	if (idx >= v->nvqs)
		return -EINVAL;
	mutex_lock(&fn->state_lock);
	/* Not while the queue runs: its index is the device's then. */
	if (!vnet_vdpa_vq_settable(v, idx)) {
		mutex_unlock(&fn->state_lock);
		return -EBUSY;
	}
	v->vqs[idx].base = state->split.avail_index;
	v->vqs[idx].has_base = true;
	mutex_unlock(&fn->state_lock);
	return 0;
}

static int vnet_vdpa_get_vq_state(struct vdpa_device *vdpa, u16 idx,
				  struct vdpa_vq_state *state)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);

	if (!q || idx >= v->nvqs)
		return -EINVAL;
	spin_lock_bh(&q->lock);
	state->split.avail_index = q->bound ? q->vr.last_avail_idx :
				   v->vqs[idx].base;
	spin_unlock_bh(&q->lock);
	return 0;
}

static int vnet_vdpa_put_stat(struct sk_buff *msg, const char *name, u64 val)
{
	if (nla_put_string(msg, VDPA_ATTR_DEV_VENDOR_ATTR_NAME, name) ||
	    nla_put_u64_64bit(msg, VDPA_ATTR_DEV_VENDOR_ATTR_VALUE, val,
			      VDPA_ATTR_PAD))
		return -EMSGSIZE;
	return 0;
}

static int vnet_vdpa_get_vq_stats(struct vdpa_device *vdpa, u16 idx,
				  struct sk_buff *msg,
				  struct netlink_ext_ack *extack)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);
	struct vnet_queue_counters c;

	if (!q || idx >= v->nvqs) {
		NL_SET_ERR_MSG(extack, "qidx: no such queue on this device");
		return -EINVAL;
	}
	vnet_queue_counters_read(q, &c);
	return vnet_vdpa_put_stat(msg, "packets", c.s.packets) ?:
	       vnet_vdpa_put_stat(msg, "bytes", c.s.bytes) ?:
	       vnet_vdpa_put_stat(msg, "drops", c.s.drops) ?:
	       vnet_vdpa_put_stat(msg, "errors", c.s.errors) ?:
	       vnet_vdpa_put_stat(msg, "interrupts", c.s.interrupts) ?:
	       vnet_vdpa_put_stat(msg, "kicks", c.kicks);
}

static u64 vnet_vdpa_get_backend_features(const struct vdpa_device *vdpa)
{
	return BIT_ULL(VHOST_BACKEND_F_ENABLE_AFTER_DRIVER_OK);
}

static u32 vnet_vdpa_get_vq_align(struct vdpa_device *vdpa)
{
	return SMP_CACHE_BYTES;
}

static u64 vnet_vdpa_get_device_features(struct vdpa_device *vdpa)
{
	return vdpa_to_fn(vdpa)->device_features;
}

static int vnet_vdpa_set_driver_features(struct vdpa_device *vdpa,
					 u64 features)
{
	struct vnet_function *fn = vdpa_to_fn(vdpa);

	if (features & ~fn->device_features)
		return -EINVAL;
	/* A vDPA function is modern only (VERSION_1 is offered). */
	fn->features = features;
	fn->little_endian = true;
	return 0;
}

static u64 vnet_vdpa_get_driver_features(struct vdpa_device *vdpa)
{
	return vdpa_to_fn(vdpa)->features;
}

static void vnet_vdpa_set_config_cb(struct vdpa_device *vdpa,
				    struct vdpa_callback *cb)
{
	vdpa_to_v(vdpa)->config_cb = *cb;
}

static u16 vnet_vdpa_get_vq_num_max(struct vdpa_device *vdpa)
{
	return vdpa_to_fn(vdpa)->queue_size;
}

static u16 vnet_vdpa_get_vq_size(struct vdpa_device *vdpa, u16 idx)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);

	return idx < v->nvqs && v->vqs[idx].num ? v->vqs[idx].num :
						  v->fn->queue_size;
}

static u32 vnet_vdpa_get_device_id(struct vdpa_device *vdpa)
{
	return VIRTIO_ID_NET;
}

static u32 vnet_vdpa_get_vendor_id(struct vdpa_device *vdpa)
{
	return PCI_VENDOR_ID_REDHAT_QUMRANET;
}

static u8 vnet_vdpa_get_status(struct vdpa_device *vdpa)
{
	return vnet_function_status(vdpa_to_fn(vdpa));
}

/* state_lock held: forget the driver's queues and rings. */
void vnet_vdpa_reset_locked(struct vnet_vdpa *v)
{
	u16 idx;

	vnet_function_reset(v->fn);
	v->suspended = false;
	for (idx = 0; idx < v->nvqs; idx++) {
		vnet_vdpa_vq_unbind(v, idx);
		memset(&v->vqs[idx], 0, sizeof(v->vqs[idx]));
	}
	/* A new driver finds every group in address space 0. */
	spin_lock_bh(&v->iotlb_lock);
	memset(v->group_asid, 0, sizeof(v->group_asid));
	WRITE_ONCE(v->iotlb_gen, v->iotlb_gen + 1);
	spin_unlock_bh(&v->iotlb_lock);
}

static void vnet_vdpa_set_status(struct vdpa_device *vdpa, u8 status)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_function *fn = v->fn;
	u8 old;

	mutex_lock(&fn->state_lock);
	old = READ_ONCE(fn->status);
	if (!status) {
		vnet_vdpa_reset_locked(v);
		mutex_unlock(&fn->state_lock);
		return;
	}
	WRITE_ONCE(fn->status, status);
	if ((status & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !(old & VIRTIO_CONFIG_S_DRIVER_OK)) {
		vnet_vdpa_bind_queues(v);
		vnet_datapath_start(fn);
	}
	vnet_driver_status_changed(fn, old);
	mutex_unlock(&fn->state_lock);
}

static int vnet_vdpa_reset(struct vdpa_device *vdpa)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);

	mutex_lock(&v->fn->state_lock);
	vnet_vdpa_reset_locked(v);
	mutex_unlock(&v->fn->state_lock);
	/* The config work may still be running a command: let it end. */
	flush_work(&v->fn->ctrlq_work);
	return 0;
}

/*
 * Stops every queue with all it took completed (the state get_vq_state
 * reads stays put); the representor's frames are dropped and counted
 * meanwhile. vhost_vdpa calls it only at DRIVER_OK.
 */
static int vnet_vdpa_suspend(struct vdpa_device *vdpa)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_function *fn = v->fn;
	int err = 0;

	mutex_lock(&fn->state_lock);
	if ((READ_ONCE(fn->status) & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !v->suspended) {
		err = vnet_datapath_suspend(fn, VNET_VDPA_SUSPEND_WAIT);
		v->suspended = !err;
	}
	mutex_unlock(&fn->state_lock);
	return err;
}

/* Queues the owner moved while suspended are bound again first. */
static int vnet_vdpa_resume(struct vdpa_device *vdpa)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	struct vnet_function *fn = v->fn;
	u16 idx;

	mutex_lock(&fn->state_lock);
	if (!v->suspended) {
		mutex_unlock(&fn->state_lock);
		return -EINVAL;
	}
	for (idx = 0; idx < v->nvqs; idx++) {
		struct vnet_vdpa_vq *vq = &v->vqs[idx];
		struct vnet_queue *q = vnet_vdpa_queue(fn, idx);

		if (!vq->moved)
			continue;
		vq->moved = false;
		/* Moved without a new base: it goes on where it stopped. */
		if (!vq->has_base && q && q->bound) {
			vq->base = q->vr.last_avail_idx;
			vq->has_base = true;
		}
		vnet_vdpa_vq_unbind(v, idx);
		vnet_vdpa_bind_queue(v, idx);
	}
	v->suspended = false;
	vnet_datapath_start(fn);
	mutex_unlock(&fn->state_lock);
	/* Commands posted meanwhile. */
	queue_work(system_unbound_wq, &fn->ctrlq_work);
	return 0;
}

static u32 vnet_vdpa_get_vq_group(struct vdpa_device *vdpa, u16 idx)
{
	struct vnet_function *fn = vdpa_to_fn(vdpa);

	return vnet_vdpa_queue(fn, idx) == &fn->ctrlq ? VNET_VDPA_GROUP_CTRL :
							VNET_VDPA_GROUP_DATA;
}

/* Before DRIVER_OK only: running queues hold rings of the old space. */
static int vnet_vdpa_set_group_asid(struct vdpa_device *vdpa,
				    unsigned int group, unsigned int asid)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	int err = 0;

	if (group >= VNET_VDPA_NGROUPS || asid >= VNET_VDPA_NAS)
		return -EINVAL;
	mutex_lock(&v->fn->state_lock);
	if (READ_ONCE(v->fn->status) & VIRTIO_CONFIG_S_DRIVER_OK) {
		err = -EBUSY;
	} else {
		spin_lock_bh(&v->iotlb_lock);
		v->group_asid[group] = asid;
		WRITE_ONCE(v->iotlb_gen, v->iotlb_gen + 1);
		spin_unlock_bh(&v->iotlb_lock);
	}
	mutex_unlock(&v->fn->state_lock);
	return err;
}

static size_t vnet_vdpa_get_config_size(struct vdpa_device *vdpa)
{
	return sizeof(struct virtio_net_config);
}

static void vnet_vdpa_get_config(struct vdpa_device *vdpa,
				 unsigned int offset, void *buf,
				 unsigned int len)
{
	vnet_config_read(vdpa_to_fn(vdpa), offset, buf, len);
}

static void vnet_vdpa_set_config(struct vdpa_device *vdpa,
				 unsigned int offset, const void *buf,
				 unsigned int len)
{
	/* Modern drivers set the MAC through the control queue. */
}

static u32 vnet_vdpa_get_generation(struct vdpa_device *vdpa)
{
	return READ_ONCE(vdpa_to_fn(vdpa)->config_generation);
}

static struct vdpa_iova_range vnet_vdpa_get_iova_range(struct vdpa_device *vdpa)
{
	return (struct vdpa_iova_range){ .first = 0, .last = U64_MAX };
}

static void vnet_vdpa_free(struct vdpa_device *vdpa)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	u32 asid;

	for (asid = 0; asid < VNET_VDPA_NAS; asid++) {
		if (!v->iotlb[asid])
			continue;
		vnet_vdpa_dma_unmap(vdpa, asid, 0, U64_MAX);
		vhost_iotlb_free(v->iotlb[asid]);
	}
	kfree(v->vqs);
	if (v->fn)
		vnet_function_put(v->fn);
}

const struct vdpa_config_ops vnet_vdpa_ops = {
	.set_vq_address		= vnet_vdpa_set_vq_address,
	.set_vq_num		= vnet_vdpa_set_vq_num,
	.kick_vq		= vnet_vdpa_kick_vq,
	.set_vq_cb		= vnet_vdpa_set_vq_cb,
	.set_vq_ready		= vnet_vdpa_set_vq_ready,
	.get_vq_ready		= vnet_vdpa_get_vq_ready,
	.set_vq_state		= vnet_vdpa_set_vq_state,
	.get_vq_state		= vnet_vdpa_get_vq_state,
	.get_vq_group		= vnet_vdpa_get_vq_group,
	.get_backend_features	= vnet_vdpa_get_backend_features,
	.set_group_asid		= vnet_vdpa_set_group_asid,
	.suspend		= vnet_vdpa_suspend,
	.resume			= vnet_vdpa_resume,
	.get_vendor_vq_stats	= vnet_vdpa_get_vq_stats,
	.get_vq_align		= vnet_vdpa_get_vq_align,
	.get_device_features	= vnet_vdpa_get_device_features,
	.set_driver_features	= vnet_vdpa_set_driver_features,
	.get_driver_features	= vnet_vdpa_get_driver_features,
	.set_config_cb		= vnet_vdpa_set_config_cb,
	.get_vq_num_max		= vnet_vdpa_get_vq_num_max,
	.get_vq_size		= vnet_vdpa_get_vq_size,
	.get_device_id		= vnet_vdpa_get_device_id,
	.get_vendor_id		= vnet_vdpa_get_vendor_id,
	.get_status		= vnet_vdpa_get_status,
	.set_status		= vnet_vdpa_set_status,
	.reset			= vnet_vdpa_reset,
	.get_config_size	= vnet_vdpa_get_config_size,
	.get_config		= vnet_vdpa_get_config,
	.set_config		= vnet_vdpa_set_config,
	.get_generation		= vnet_vdpa_get_generation,
	.get_iova_range		= vnet_vdpa_get_iova_range,
	.dma_map		= vnet_vdpa_dma_map,
	.dma_unmap		= vnet_vdpa_dma_unmap,
	.free			= vnet_vdpa_free,
};
