/*
 * devfind.h - look devices up in a DEV_GET dump by what users and the
 * controller know them by: a VF by its parent's id and its index, a
 * static PF by its index, any device by its VUID.
 */
#ifndef VIRTNET_DEVFIND_H
#define VIRTNET_DEVFIND_H

#include <stddef.h>
#include <stdint.h>

#include "device.h"

/*
 * VF vf_id of the PF whose id is parent_id (`-p ID -v VF_ID`). NULL with
 * the reason in err when there is no such PF, it is not a static PF (only
 * those have VFs) or it has no such VF.
 */
const struct virtnet_dev *virtnet_devs_find_vf(const struct virtnet_dev *devs, size_t n,
					       uint32_t parent_id, uint32_t vf_id,
					       char *err, size_t errlen);

/* Static PF pf_index, or NULL when it is not up. */
const struct virtnet_dev *virtnet_devs_find_static_pf(const struct virtnet_dev *devs,
						      size_t n, uint32_t pf_index);

/* The device with this VUID, or NULL. */
const struct virtnet_dev *virtnet_devs_find_vuid(const struct virtnet_dev *devs, size_t n,
						 const char *vuid);

#endif /* VIRTNET_DEVFIND_H */
