/* devfind.c - find devices in a dump by parent and VF index, static PF index, VUID. */
#include "devfind.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

static const struct virtnet_dev *by_id(const struct virtnet_dev *devs, size_t n,
				       uint32_t id)
{
	for (size_t i = 0; i < n; i++)
		if (devs[i].id == id)
			return &devs[i];
	return NULL;
}

const struct virtnet_dev *virtnet_devs_find_vf(const struct virtnet_dev *devs, size_t n,
					       uint32_t parent_id, uint32_t vf_id,
					       char *err, size_t errlen)
{
	const struct virtnet_dev *pf = by_id(devs, n, parent_id);
	uint32_t count = 0, max_id = 0;

	if (!pf) {
		snprintf(err, errlen, "no device has pf_id %" PRIu32, parent_id);
		return NULL;
	}
	if (pf->type != VIRTNET_DEV_TYPE_STATIC_PF) {
		snprintf(err, errlen, "pf_id %" PRIu32 " (%s) is a %s: only static PFs have VFs",
			 parent_id, pf->vuid, virtnet_dev_type_name(pf->type));
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (devs[i].type != VIRTNET_DEV_TYPE_VF || devs[i].parent_id != parent_id)
			continue;
		if (devs[i].vf_id == vf_id)
			return &devs[i];
		count++;
		if (devs[i].vf_id > max_id)
			max_id = devs[i].vf_id;
	}
	/* Say what exists, and where VFs come from. */
	if (!count)
		snprintf(err, errlen, "static PF %" PRIu32 " (pf_id %" PRIu32 ", %s) has no VFs: "
			 "the host makes them by writing to its sriov_numvfs",
			 pf->pf_index, parent_id, pf->vuid);
	else
		snprintf(err, errlen, "static PF %" PRIu32 " (pf_id %" PRIu32 ", %s) has no VF %"
			 PRIu32 ": it has %" PRIu32 " VF%s, vf_id up to %" PRIu32,
			 pf->pf_index, parent_id, pf->vuid, vf_id, count,
			 count == 1 ? "" : "s", max_id);
	return NULL;
}

const struct virtnet_dev *virtnet_devs_find_static_pf(const struct virtnet_dev *devs,
						      size_t n, uint32_t pf_index)
{
	for (size_t i = 0; i < n; i++)
		if (devs[i].type == VIRTNET_DEV_TYPE_STATIC_PF && devs[i].pf_index == pf_index)
			return &devs[i];
	return NULL;
}

const struct virtnet_dev *virtnet_devs_find_vuid(const struct virtnet_dev *devs, size_t n,
						 const char *vuid)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(devs[i].vuid, vuid))
			return &devs[i];
	return NULL;
}
