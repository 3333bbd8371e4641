// SPDX-License-Identifier: GPL-2.0
/*
 * The vDPA transport's view of the owner's memory: the IOTLB a vhost
 * owner maps (dma_map/dma_unmap, per address space), the translation of
 * ring and buffer addresses with permission checks and a per-queue hit
 * cache, page references held until a grace period after a mapping goes,
 * and the rings mapped (vmap) while the driver runs. vdpa.c has the
 * memory model in full.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <uapi/linux/vhost_types.h>

#include "vnet_vdpa.h"

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
 * vnet_iova_translate()'s lookup: the mapping that holds @addr in the
 * address space of the queue's group, under the IOTLB lock.
 */
bool vnet_iova_lookup(void *ctx, u64 addr, struct vnet_iova_hit *hit)
{
	struct vnet_queue *q = ctx;
	struct vnet_vdpa *v = q->fn->vdpa;
	struct vhost_iotlb_map *map;

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
	return map;
}

/*
 * A vnet_map_fn: the owner's IOVA -> kernel address of the longest run
 * that one mapping covers. Softirq or process context, any queue lock.
 */
void *vnet_vdpa_map(void *ctx, u64 addr, u32 len, bool write,
		    u32 *got, const char **why)
{
	struct vnet_queue *q = ctx;
	struct vnet_vdpa *v = q->fn->vdpa;
	u64 pa;

	if (v->identity)
		return vnet_map_direct(ctx, addr, len, write, got, why);
	if (vnet_iova_translate(q, &v->vqs[q->index].hit,
				READ_ONCE(v->iotlb_gen), addr, len, write,
				&pa, got, why))
		return NULL;
	return phys_to_virt(pa);
}

void vnet_ring_unmap(struct vnet_ring_map *m)
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
int vnet_ring_map(struct vnet_vdpa *v, struct vnet_queue *q,
		  struct vnet_ring_map *m, u64 iova, u64 size,
			 bool write, const char **why)
{
	u64 first = iova & PAGE_MASK, off;
	u32 i, n = DIV_ROUND_UP(iova + size - first, PAGE_SIZE);
	bool contiguous = true;
	void *va;

	if (!vnet_iova_range_ok(iova, size)) {
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
u64 vnet_ring_area_size(u32 i, u32 num)
{
	static const u64 base[] = { 0, 6, 6 }, unit[] = { 16, 2, 8 };

	return base[i] + unit[i] * num;
}

int vnet_vdpa_dma_map(struct vdpa_device *vdpa, unsigned int asid,
		      u64 iova, u64 size, u64 pa, u32 perm,
			     void *opaque)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	unsigned long pfn, last;
	int err;

	if (asid >= VNET_VDPA_NAS || !vnet_iova_map_ok(iova, size, pa, perm))
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

int vnet_vdpa_dma_unmap(struct vdpa_device *vdpa, unsigned int asid,
			u64 iova, u64 size)
{
	struct vnet_vdpa *v = vdpa_to_v(vdpa);
	u64 last = iova + size - 1;
	struct vnet_iotlb_release *r;
	struct vhost_iotlb_map *map;
	u32 n = 0;

	if (asid >= VNET_VDPA_NAS || !vnet_iova_range_ok(iova, size))
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
