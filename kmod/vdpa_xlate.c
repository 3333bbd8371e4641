// SPDX-License-Identifier: GPL-2.0
/*
 * The pure part of the vDPA IOVA translation: argument rules and the
 * per-queue hit cache. See vdpa_xlate.h; vdpa_iotlb.c holds the IOTLB,
 * the locks and the pages.
 */
#include "vdpa_xlate.h"

bool vnet_iova_range_ok(u64 iova, u64 size)
{
	return size && iova + size - 1 >= iova;
}

bool vnet_iova_map_ok(u64 iova, u64 size, u64 pa, u32 perm)
{
	return vnet_iova_range_ok(iova, size) && pa + size - 1 >= pa &&
	       perm && !(perm & ~VHOST_MAP_RW);
}

int vnet_iova_translate(void *ctx, struct vnet_iova_hit *hit,
			unsigned long gen, u64 addr, u32 len, bool write,
			u64 *pa, u32 *got, const char **why)
{
	u64 n;

	/*
	 * A stale generation cannot be read here once the removed pages
	 * are released: that waits for a grace period this (BH-disabled)
	 * caller is inside of.
	 */
	if (hit->gen != gen || addr < hit->start || addr > hit->last) {
		if (!vnet_iova_lookup(ctx, addr, hit)) {
			*why = "address not in the owner's IOTLB";
			return -EFAULT;
		}
	}
	if (!(hit->perm & (write ? VHOST_MAP_WO : VHOST_MAP_RO))) {
		*why = write ? "device write to memory the owner mapped read-only" :
			       "device read of memory the owner mapped write-only";
		return -EFAULT;
	}
	n = hit->last - addr + 1;
	*got = n < len ? n : len;
	*pa = hit->pa + (addr - hit->start);
	return 0;
}
