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
 * Locking: vdpa_dev_lock (vdpa core; held around dev_add and dev_del)
 * before vnet_functions_lock. iotlb_lock (spinlock, BH) guards the IOTLBs
 * and the group-to-address-space map against the translating queues;
 * writers are process context.
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

#define VNET_VDPA_MGMTDEV	"virtnet"
#define VNET_VDPA_QUEUE_SIZE	256
/* Features a vDPA function offers: the virtio-bus set and IOTLB access. */
#define VNET_VDPA_EXTRA_FEATURES	BIT_ULL(VIRTIO_F_ACCESS_PLATFORM)
/* Virtqueue groups and the address spaces they can be put in. */
#define VNET_VDPA_GROUP_DATA	0
#define VNET_VDPA_GROUP_CTRL	1
#define VNET_VDPA_NGROUPS	2
#define VNET_VDPA_NAS		2
/* How long suspend waits for lent transmit buffers to come back. */
#define VNET_VDPA_SUSPEND_WAIT	(2 * HZ)

struct vnet_ring_map {
	void *va;			/* kernel address of the ring area */
	void *vmapped;			/* vmap() base, if it was needed */
	struct page **pages;		/* referenced pages, npages of them */
	u32 npages;
};

/*
 * The mapping a queue's last translation found, kept while the IOTLB
 * generation says no mapping was removed since: consecutive buffers
 * mostly sit in the same mapping, and the hit needs no lock.
 */
struct vnet_iova_hit {
	u64 start, last, pa;
	unsigned long gen;		/* 0: empty */
	u32 perm;
};

struct vnet_vdpa_vq {
	u64 desc_addr, driver_addr, device_addr;
	u32 num;
	bool ready;
	bool has_base;
	bool moved;			/* address or base set while suspended */
	u16 base;			/* set_vq_state: next avail index */
	struct vdpa_callback cb;
	struct vnet_ring_map rings[3];	/* desc, avail, used */
	/* Touched only by whoever pops the queue (NAPI, or its lock). */
	struct vnet_iova_hit hit;
};

struct vnet_vdpa {
	struct vdpa_device vdpa;
	struct vnet_function *fn;
	u32 nvqs;
	struct vnet_vdpa_vq *vqs;
	struct vdpa_callback config_cb;
	bool identity;			/* virtio_vdpa: physical addresses */
	bool suspended;			/* under the function's state_lock */
	spinlock_t iotlb_lock;
	struct vhost_iotlb *iotlb[VNET_VDPA_NAS];
	u32 group_asid[VNET_VDPA_NGROUPS];
	/*
	 * Bumped under iotlb_lock when a mapping goes or a group changes
	 * address space; read without it.
	 */
	unsigned long iotlb_gen;
};

/* Pages of removed mappings, released after a grace period. */
struct vnet_iotlb_release {
	struct rcu_work rwork;
	u32 nr;
	struct { u64 pa, size; } runs[];
};

static struct vdpa_mgmt_dev vnet_mgmtdev;
static struct device *vnet_mgmt_device;
/* Runs the page releases; drained before the module goes. */
static struct workqueue_struct *vnet_vdpa_wq;

static struct vnet_vdpa *vdpa_to_v(struct vdpa_device *vdpa)
{
	return container_of(vdpa, struct vnet_vdpa, vdpa);
}

static struct vnet_function *vdpa_to_fn(struct vdpa_device *vdpa)
{
	return vdpa_to_v(vdpa)->fn;
}

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
static struct vnet_queue *vnet_vdpa_queue(struct vnet_function *fn, u16 idx)
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

static u32 vnet_vdpa_group_of(const struct vnet_queue *q)
{
	return q->kind == VNET_QUEUE_CTRL ? VNET_VDPA_GROUP_CTRL :
					    VNET_VDPA_GROUP_DATA;
}

static bool vnet_page_usable(unsigned long pfn)
{
	return pfn_valid(pfn) &&
	       (!PageReserved(pfn_to_page(pfn)) || is_zero_pfn(pfn));
}

static void vnet_put_run(u64 pa, u64 size)
{
	unsigned long pfn, last = PHYS_PFN(pa + size - 1);

	for (pfn = PHYS_PFN(pa); pfn <= last; pfn++)
		put_page(pfn_to_page(pfn));
}

static void vnet_iotlb_release_fn(struct work_struct *work)
{
	struct vnet_iotlb_release *r =
		container_of(to_rcu_work(work), struct vnet_iotlb_release,
			     rwork);
	u32 i;

	for (i = 0; i < r->nr; i++)
		vnet_put_run(r->runs[i].pa, r->runs[i].size);
	kfree(r);
}

/*
 * A vnet_map_fn: the owner's IOVA -> kernel address of the longest run
 * that one mapping covers. Softirq or process context, any queue lock.
 */
static void *vnet_vdpa_map(void *ctx, u64 addr, u32 len, bool write,
			   u32 *got, const char **why)
{
	struct vnet_queue *q = ctx;
	struct vnet_vdpa *v = q->fn->vdpa;
	struct vnet_iova_hit *hit = &v->vqs[q->index].hit;
	struct vhost_iotlb_map *map;
	u64 n;

	if (v->identity)
		return vnet_map_direct(ctx, addr, len, write, got, why);

	/*
	 * A stale generation cannot be read here once the removed pages
	 * are released: that waits for a grace period this (BH-disabled)
	 * caller is inside of.
	 */
	if (hit->gen != READ_ONCE(v->iotlb_gen) ||
	    addr < hit->start || addr > hit->last) {
		spin_lock_bh(&v->iotlb_lock);
		map = vhost_iotlb_itree_first(v->iotlb[v->group_asid[vnet_vdpa_group_of(q)]],
					      addr, addr);
		if (map) {
			hit->start = map->start;
			hit->last = map->last;
			hit->pa = map->addr;
			hit->perm = map->perm;
			hit->gen = v->iotlb_gen;
		}
		spin_unlock_bh(&v->iotlb_lock);
		if (!map) {
			*why = "address not in the owner's IOTLB";
			return NULL;
		}
	}
	if (!(hit->perm & (write ? VHOST_MAP_WO : VHOST_MAP_RO))) {
		*why = write ? "device write to memory the owner mapped read-only" :
			       "device read of memory the owner mapped write-only";
		return NULL;
	}
	n = hit->last - addr + 1;
	*got = n < len ? n : len;
	return phys_to_virt(hit->pa + (addr - hit->start));
}

static void vnet_ring_unmap(struct vnet_ring_map *m)
{
	u32 i;

	if (m->vmapped)
		vunmap(m->vmapped);
	for (i = 0; i < m->npages; i++)
		put_page(m->pages[i]);
	kfree(m->pages);
	memset(m, 0, sizeof(*m));
}

/*
 * Maps a ring area for as long as the queue runs: its pages referenced,
 * and vmapped when they are not contiguous in the kernel's view.
 */
static int vnet_ring_map(struct vnet_vdpa *v, struct vnet_queue *q,
			 struct vnet_ring_map *m, u64 iova, u64 size,
			 bool write, const char **why)
{
	u64 first = iova & PAGE_MASK, off;
	u32 i, n = DIV_ROUND_UP(iova + size - first, PAGE_SIZE);
	bool contiguous = true;
	void *va;

	if (!size || iova + size - 1 < iova) {
		*why = "ring address range wraps";
		return -EINVAL;
	}
	/*
	 * virtio_vdpa's rings are the kernel's own coherent DMA memory,
	 * contiguous and freed only after reset, as on the virtio bus. Its
	 * tail pages have no reference count of their own to take.
	 */
	if (v->identity) {
		u32 got = 0;

		*why = "ring address is not RAM";
		m->va = vnet_map_direct(q, iova, size, write, &got, why);
		return m->va ? 0 : -EFAULT;
	}
	m->pages = kcalloc(n, sizeof(*m->pages), GFP_KERNEL);
	if (!m->pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		u64 a = i ? first + (u64)i * PAGE_SIZE : iova;
		u32 got = 0;

		*why = "ring address not in the owner's IOTLB";
		va = vnet_vdpa_map(q, a, 1, write, &got, why);
		if (!va)
			goto err_unmap;
		m->pages[i] = virt_to_page(va);
		get_page(m->pages[i]);
		m->npages++;
		if (i && m->pages[i] != m->pages[i - 1] + 1)
			contiguous = false;
	}
	off = iova - first;
	if (contiguous) {
		m->va = page_address(m->pages[0]) + off;
		return 0;
	}
	m->vmapped = vmap(m->pages, n, VM_MAP, PAGE_KERNEL);
	if (!m->vmapped) {
		vnet_ring_unmap(m);
		return -ENOMEM;
	}
	m->va = m->vmapped + off;
	return 0;

err_unmap:
	vnet_ring_unmap(m);
	return -EFAULT;
}

/* Bytes of ring area @i (0 desc, 1 avail, 2 used) of a @num-entry ring. */
static u64 vnet_ring_area_size(u32 i, u32 num)
{
	static const u64 base[] = { 0, 6, 6 }, unit[] = { 16, 2, 8 };

	return base[i] + unit[i] * num;
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

static const struct vnet_transport vnet_vdpa_transport = {
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
static void vnet_vdpa_reset_locked(struct vnet_vdpa *v)
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

static int vnet_vdpa_dma_map(struct vdpa_device *vdpa, unsigned int asid,
			     u64 iova, u64 size, u64 pa, u32 perm,
			     void *opaque)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	unsigned long pfn, last;
	int err;

	if (asid >= VNET_VDPA_NAS || !size || iova + size - 1 < iova ||
	    pa + size - 1 < pa || !perm || perm & ~VHOST_MAP_RW)
		return -EINVAL;
	last = PHYS_PFN(pa + size - 1);
	for (pfn = PHYS_PFN(pa); pfn <= last; pfn++)
		if (!vnet_page_usable(pfn))
			return -EFAULT;
	for (pfn = PHYS_PFN(pa); pfn <= last; pfn++)
		get_page(pfn_to_page(pfn));
	/* The queues walk the tree under the lock (the add is GFP_ATOMIC). */
	spin_lock_bh(&v->iotlb_lock);
	if (vhost_iotlb_itree_first(v->iotlb[asid], iova, iova + size - 1))
		err = -EEXIST;
	else
		err = vhost_iotlb_add_range_ctx(v->iotlb[asid], iova,
						iova + size - 1, pa, perm, NULL);
	spin_unlock_bh(&v->iotlb_lock);
	if (err)
		vnet_put_run(pa, size);
	return err;
}

/*
 * A ring whose memory the owner takes away from address space @asid
 * while the queue is bound (running or suspended) fails that queue; its
 * pages stay referenced until reset.
 */
static void vnet_vdpa_fail_unmapped_rings(struct vnet_vdpa *v, u32 asid,
					  u64 first, u64 last)
{
	u16 idx;

	for (idx = 0; idx < v->nvqs; idx++) {
		struct vnet_vdpa_vq *vq = &v->vqs[idx];
		struct vnet_queue *q = vnet_vdpa_queue(v->fn, idx);
		u64 start[] = { vq->desc_addr, vq->driver_addr,
				vq->device_addr };
		u32 i;

		if (!q || !q->bound || !vq->rings[0].npages ||
		    READ_ONCE(v->group_asid[vnet_vdpa_group_of(q)]) != asid)
			continue;
		for (i = 0; i < 3; i++) {
			u64 end = start[i] +
				  vnet_ring_area_size(i, vq->num) - 1;

			if (start[i] > last || end < first)
				continue;
			spin_lock_bh(&q->lock);
			if (!q->broken)
				vnet_queue_fail(q, "ring memory unmapped while the queue runs");
			spin_unlock_bh(&q->lock);
			break;
		}
	}
}

static int vnet_vdpa_dma_unmap(struct vdpa_device *vdpa, unsigned int asid,
			       u64 iova, u64 size)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	u64 last = iova + size - 1;
	struct vnet_iotlb_release *r;
	struct vhost_iotlb_map *map;
	u32 n = 0;

	if (asid >= VNET_VDPA_NAS || !size || last < iova)
		return -EINVAL;
	spin_lock_bh(&v->iotlb_lock);
	for (map = vhost_iotlb_itree_first(v->iotlb[asid], iova, last); map;
	     map = vhost_iotlb_itree_next(map, iova, last))
		n++;
	spin_unlock_bh(&v->iotlb_lock);
	if (!n)
		return 0;
	r = kmalloc(struct_size(r, runs, n), GFP_KERNEL | __GFP_NOFAIL);
	r->nr = 0;
	spin_lock_bh(&v->iotlb_lock);
	while (r->nr < n &&
	       (map = vhost_iotlb_itree_first(v->iotlb[asid], iova, last))) {
		r->runs[r->nr].pa = map->addr;
		r->runs[r->nr].size = map->size;
		r->nr++;
		vhost_iotlb_map_free(v->iotlb[asid], map);
	}
	WRITE_ONCE(v->iotlb_gen, v->iotlb_gen + 1);
	spin_unlock_bh(&v->iotlb_lock);
	vnet_vdpa_fail_unmapped_rings(v, asid, iova, last);
	INIT_RCU_WORK(&r->rwork, vnet_iotlb_release_fn);
	queue_rcu_work(vnet_vdpa_wq, &r->rwork);
	return 0;
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

static const struct vdpa_config_ops vnet_vdpa_ops = {
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

/*
 * Puts @fn, on no bus, on the vdpa bus as device @name. @locked: the
 * vdpa core's lock is held (vdpa dev add); otherwise the device stays
 * out of `vdpa dev del`'s reach until vnet_vdpa_publish().
 */
int vnet_vdpa_attach(struct vnet_function *fn, const char *name, bool locked,
		     struct netlink_ext_ack *extack)
{
	struct vnet_vdpa *v;
	u32 asid;
	int err;

	v = vdpa_alloc_device(struct vnet_vdpa, vdpa, vnet_mgmt_device,
			      &vnet_vdpa_ops, VNET_VDPA_NGROUPS, VNET_VDPA_NAS,
			      name, false);
	if (IS_ERR(v)) {
		NL_SET_ERR_MSG(extack, "could not allocate the vDPA device");
		return PTR_ERR(v);
	}
	v->nvqs = 2 * fn->num_pairs + 1;
	spin_lock_init(&v->iotlb_lock);
	v->iotlb_gen = 1;
	v->vqs = kcalloc(v->nvqs, sizeof(*v->vqs), GFP_KERNEL);
	if (!v->vqs) {
		err = -ENOMEM;
		goto err_put_vdpa;
	}
	for (asid = 0; asid < VNET_VDPA_NAS; asid++) {
		v->iotlb[asid] = vhost_iotlb_alloc(0, 0);
		if (!v->iotlb[asid]) {
			err = -ENOMEM;
			goto err_put_vdpa;
		}
	}
	if (locked)
		v->vdpa.mdev = &vnet_mgmtdev;
	/* virtio_vdpa maps through this device: dma-direct, physical. */
	v->vdpa.dma_dev = &v->vdpa.dev;
	err = dma_coerce_mask_and_coherent(&v->vdpa.dev, DMA_BIT_MASK(64));
	if (err)
		goto err_put_vdpa;
	v->vdpa.dev.platform_data = fn;
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF)
		v->vdpa.dev.groups = vnet_static_pf_groups;
	vnet_function_get(fn);
	v->fn = fn;

	mutex_lock(&fn->state_lock);
	vnet_function_reset(fn);
	mutex_unlock(&fn->state_lock);
	fn->mode = VNET_MODE_VDPA;
	fn->vdpa = v;
	fn->tp = &vnet_vdpa_transport;
	fn->bus_dev = &v->vdpa.dev;
	/* A bound virtio_vdpa probes inside: the ops must work by then. */
	if (locked)
		err = _vdpa_register_device(&v->vdpa, v->nvqs);
	else
		err = vdpa_register_device(&v->vdpa, v->nvqs);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "vdpa_name: a vDPA device with that name exists");
		else
			NL_SET_ERR_MSG(extack, "could not register the vDPA device");
		fn->vdpa = NULL;
		fn->tp = &vnet_detached_transport;
		fn->bus_dev = NULL;
		goto err_put_vdpa;
	}
	return 0;

err_put_vdpa:
	/* ->free drops the function's reference. */
	put_device(&v->vdpa.dev);
	return err;
}

/* `vdpa dev del` may take it now. vnet_functions_lock held. */
void vnet_vdpa_publish(struct vnet_function *fn)
{
	lockdep_assert_held(&vnet_functions_lock);
	/* The vdpa core reads it under its own lock only: a word store. */
	WRITE_ONCE(fn->vdpa->vdpa.mdev, &vnet_mgmtdev);
}

/*
 * Takes @fn off the vdpa bus; the bound driver's removal resets it (and
 * vhost_vdpa's waits for its owner to close the device). @locked: the
 * vdpa core's lock is held (vdpa dev del, the management device going).
 */
void vnet_vdpa_detach(struct vnet_function *fn, bool locked)
{
	struct vnet_vdpa *v = fn->vdpa;

	get_device(&v->vdpa.dev);
	/*
	 * Unlocked (handover.c), a `vdpa dev del` may come first: it finds
	 * the function switching and leaves the device to this call. mdev
	 * stays: the vdpa core reads it twice under its lock alone.
	 */
	if (locked)
		_vdpa_unregister_device(&v->vdpa);
	else
		vdpa_unregister_device(&v->vdpa);
	/* No driver is left: stop what a dead owner left running. */
	mutex_lock(&fn->state_lock);
	vnet_vdpa_reset_locked(v);
	mutex_unlock(&fn->state_lock);
	flush_work(&fn->ctrlq_work);
	fn->vdpa = NULL;
	fn->tp = &vnet_detached_transport;
	fn->bus_dev = NULL;
	put_device(&v->vdpa.dev);
}

/* A vhost owner (a VM, DPDK) drives it: handing it back would wait. */
bool vnet_vdpa_owned(struct vnet_function *fn)
{
	struct device *dev = &fn->vdpa->vdpa.dev;
	bool owned;

	device_lock(dev);
	owned = dev->driver && !strcmp(dev->driver->name, "vhost_vdpa") &&
		READ_ONCE(fn->status);
	device_unlock(dev);
	return owned;
}

/*
 * vdpa dev add: a hotplug PF on the first port, in vDPA mode. The vdpa
 * core's dev_add has no extack: refusals are logged with the field.
 */
static int vnet_vdpa_dev_add(struct vdpa_mgmt_dev *mdev, const char *name,
			     const struct vdpa_dev_set_config *config)
{
	struct vnet_create_args args = {
		.id = -1, .sf_num = -1, .slot = -1,
		.type = VIRTNET_DEV_TYPE_HOTPLUG_PF,
		.mode = VNET_MODE_VDPA,
		.num_queues = VIRTNET_MIN_VIRTQ,
		.queue_size = VNET_VDPA_QUEUE_SIZE,
		.mtu = ETH_DATA_LEN,
	};
	struct netlink_ext_ack extack = {};
	struct vnet_function *fn = NULL;
	int err = -EINVAL;

	/* Dumps carry it in VIRTNET_ATTR_VDPA_NAME. */
	if (strlen(name) >= VIRTNET_VDPA_NAME_MAX) {
		NL_SET_ERR_MSG(&extack, "name: at most 63 characters");
		goto out_log;
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR)) {
		ether_addr_copy(args.mac, config->net.mac);
		if (!vnet_mac_is_valid_unicast(args.mac)) {
			NL_SET_ERR_MSG(&extack, "mac: must be a unicast, non-zero MAC address");
			goto out_log;
		}
	} else {
		eth_random_addr(args.mac);
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MTU)) {
		args.mtu = config->net.mtu;
		if (args.mtu < VIRTNET_MIN_MTU || args.mtu > VIRTNET_MAX_MTU) {
			NL_SET_ERR_MSG(&extack, "mtu: must be between 68 and 9216");
			goto out_log;
		}
	}
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MAX_VQP)) {
		u32 nq = 2 * (u32)config->net.max_vq_pairs + 1;

		if (!config->net.max_vq_pairs ||
		    !vnet_num_queues_is_valid(nq, vnet_max_queues())) {
			NL_SET_ERR_MSG(&extack,
				       "max_vqp: 1 to (min(num_msix, max_virtq) - 1) / 2");
			goto out_log;
		}
		args.num_queues = nq;
	}
	/* IOTLB access is the transport's: every vDPA function has it. */
	if (config->mask & BIT_ULL(VDPA_ATTR_DEV_FEATURES))
		args.features = config->device_features &
				~VNET_VDPA_EXTRA_FEATURES;

	mutex_lock(&vnet_functions_lock);
	args.port = vnet_port_get(0);
	if (!args.port) {
		NL_SET_ERR_MSG(&extack, "no eswitch port to put the function on");
		err = -ENODEV;
	} else {
		err = vnet_function_create(&args, &fn, &extack);
	}
	if (!err) {
		err = vnet_vdpa_attach(fn, name, true, &extack);
		vnet_switch_end(fn);
		if (err)
			vnet_function_destroy(fn);
		else
			vnet_netlink_notify(fn, VIRTNET_CMD_DEV_NEW);
	}
	mutex_unlock(&vnet_functions_lock);
out_log:
	if (err)
		pr_warn("vdpa dev add %s: %s\n", name,
			extack._msg ?: "failed");
	return err;
}

static void vnet_vdpa_dev_del(struct vdpa_mgmt_dev *mdev,
			      struct vdpa_device *vdpa)
{
	struct vnet_function *fn = vdpa_to_fn(vdpa);

	mutex_lock(&vnet_functions_lock);
	if (fn->switching) {
		/* A hand-over is taking it off the bus: it finishes the job. */
		fn->del_requested = true;
	} else if (vnet_handover_closed() ||
		   fn->type == VIRTNET_DEV_TYPE_HOTPLUG_PF) {
		/* Unloading: no event (netlink.c), a reload restores it. */
		vnet_netlink_notify(fn, VIRTNET_CMD_DEV_DEL);
		vnet_function_destroy(fn);
	} else {
		/* Static PFs and VFs outlive their vdpa device: hand back. */
		vnet_vdpa_detach(fn, true);
		vnet_handover_features(fn, VNET_MODE_VIRTIO);
		if (vnet_virtio_attach(fn, NULL))
			pr_warn("%s: vdpa dev del: could not give it back to the virtio bus\n",
				fn->vuid);
		vnet_functions_changed();
		vnet_netlink_notify(fn, VIRTNET_CMD_DEV_SET);
	}
	mutex_unlock(&vnet_functions_lock);
}

/* The vdpa device's name; NULL elsewhere. vnet_functions_lock held. */
const char *vnet_vdpa_name(const struct vnet_function *fn)
{
	return fn->vdpa && !fn->switching ? dev_name(&fn->vdpa->vdpa.dev) :
					    NULL;
}

static const struct vdpa_mgmtdev_ops vnet_mgmtdev_ops = {
	.dev_add = vnet_vdpa_dev_add,
	.dev_del = vnet_vdpa_dev_del,
};

static struct virtio_device_id vnet_vdpa_id_table[] = {
	{ VIRTIO_ID_NET, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

int vnet_vdpa_init(void)
{
	int err;

	vnet_vdpa_wq = alloc_workqueue("virtnet_vdpa", 0, 0);
	if (!vnet_vdpa_wq)
		return -ENOMEM;
	vnet_mgmt_device = root_device_register(VNET_VDPA_MGMTDEV);
	if (IS_ERR(vnet_mgmt_device)) {
		err = PTR_ERR(vnet_mgmt_device);
		goto err_destroy_wq;
	}
	vnet_mgmtdev.device = vnet_mgmt_device;
	vnet_mgmtdev.ops = &vnet_mgmtdev_ops;
	vnet_mgmtdev.id_table = vnet_vdpa_id_table;
	vnet_mgmtdev.config_attr_mask =
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MACADDR) |
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MTU) |
		BIT_ULL(VDPA_ATTR_DEV_NET_CFG_MAX_VQP) |
		BIT_ULL(VDPA_ATTR_DEV_FEATURES);
	vnet_mgmtdev.supported_features = vnet_supported_features() |
					  VNET_VDPA_EXTRA_FEATURES;
	vnet_mgmtdev.max_supported_vqs = vnet_max_queues();
	err = vdpa_mgmtdev_register(&vnet_mgmtdev);
	if (err)
		goto err_unregister_root;
	return 0;

err_unregister_root:
	root_device_unregister(vnet_mgmt_device);
err_destroy_wq:
	destroy_workqueue(vnet_vdpa_wq);
	return err;
}

/* Deletes every vDPA function; waits for their owners to let go. */
void vnet_vdpa_uninit(void)
{
	vdpa_mgmtdev_unregister(&vnet_mgmtdev);
	root_device_unregister(vnet_mgmt_device);
	/* Page releases wait for a grace period, then run on the queue. */
	rcu_barrier();
	destroy_workqueue(vnet_vdpa_wq);
}
