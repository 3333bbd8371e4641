/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pure part of the vDPA transport's IOVA translation (vdpa_iotlb.c
 * has the rest): the argument rules of dma_map, dma_unmap and ring
 * mapping, and the translation of one address through a queue's hit
 * cache with its permission check. No locks, pages or IOTLB tree here, so
 * that tests/fuzz/fuzz_iotlb.c builds this file for userspace against
 * tests/unit/kshim, as kmod/vring.c is.
 */
#ifndef VNET_VDPA_XLATE_H
#define VNET_VDPA_XLATE_H

#include "vring_env.h"
#ifdef __KERNEL__
#include <linux/vhost_iotlb.h>
#else
#include "vdpa_xlate_user.h"
#endif

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

/* A non-empty range [iova, iova + size - 1] that does not wrap. */
bool vnet_iova_range_ok(u64 iova, u64 size);
/* dma_map's arguments: both ranges valid, perm a non-empty VHOST_MAP_RW subset. */
bool vnet_iova_map_ok(u64 iova, u64 size, u64 pa, u32 perm);

/*
 * Fills @hit (gen included, read under the lock that guards the tree)
 * with the mapping of the owner's IOTLB that holds @addr; false when
 * none does. The translation's caller provides it: vdpa_iotlb.c in the
 * module, the fuzz target in userspace.
 */
bool vnet_iova_lookup(void *ctx, u64 addr, struct vnet_iova_hit *hit);

/*
 * @addr through @hit, which is looked up again (vnet_iova_lookup) unless
 * it holds @addr and is of generation @gen: *pa of @addr and *got, the
 * bytes of the @len asked for that the one mapping holds. 0, or -EFAULT
 * with *why when no mapping holds @addr or it lacks the permission a
 * device read (@write false) or write needs.
 */
int vnet_iova_translate(void *ctx, struct vnet_iova_hit *hit,
			unsigned long gen, u64 addr, u32 len, bool write,
			u64 *pa, u32 *got, const char **why);

#endif /* VNET_VDPA_XLATE_H */
