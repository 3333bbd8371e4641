/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for what kmod/vdpa_xlate.c takes from the kernel's
 * <linux/vhost_iotlb.h> (not a uapi header): the mapping permissions, the
 * same values as VHOST_ACCESS_RO/WO/RW of <linux/vhost_types.h>.
 */
#ifndef VNET_VDPA_XLATE_USER_H
#define VNET_VDPA_XLATE_USER_H

#include <linux/vhost_types.h>

#define VHOST_MAP_RO	VHOST_ACCESS_RO
#define VHOST_MAP_WO	VHOST_ACCESS_WO
#define VHOST_MAP_RW	VHOST_ACCESS_RW

#endif /* VNET_VDPA_XLATE_USER_H */
