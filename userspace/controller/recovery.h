/*
 * recovery.h - the controller's per-device recovery store: one JSON file
 * per device (PF or VF), "<vuid>.json" in VIRTNET_RECOVERY_DEFAULT_DIR,
 * holding the guide's fields plus what rebuilding the device needs.
 * docs/recovery.md describes the format.
 *
 * Functions taking err/errlen write a message there on failure, in the
 * library's form "invalid FIELD 'VALUE': <what is allowed>" where a field
 * is at fault. They return 0 or a negative errno.
 */
#ifndef VIRTNET_RECOVERY_H
#define VIRTNET_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <linux/virtnet.h>

#include "device.h"
#include "devreq.h"
#include "mac.h"

#define VIRTNET_RECOVERY_DEFAULT_DIR	"/opt/mellanox/mlnx_virtnet/recovery"
#define VIRTNET_RECOVERY_VERSION	1	/* "version" written and accepted */
#define VIRTNET_RECOVERY_MAX_SIZE	65536	/* larger files are refused */
#define VIRTNET_RECOVERY_MAX_DEV_ID	65535	/* pf_id, parent_pf_id */
#define VIRTNET_RECOVERY_MAX_PF_NUM	(VIRTNET_MAX_PORTS - 1)

enum virtnet_recovery_fn_type {		/* "function_type" */
	VIRTNET_RECOVERY_PF,		/* "pf" */
	VIRTNET_RECOVERY_VF,		/* "vf" */
};

enum virtnet_recovery_dev_type {	/* "device_type" */
	VIRTNET_RECOVERY_HOTPLUG,	/* "hotplug" */
	VIRTNET_RECOVERY_STATIC,	/* "static" */
};

/* One recovery file. Comments give the JSON key; (guide) marks its fields. */
struct virtnet_recovery_rec {
	char port_ib_dev[VIRTNET_IBDEV_MAX];	/* port_ib_dev (guide) */
	uint32_t pf_id;				/* pf_id (guide): device id, <= 65535 */
	uint8_t function_type;			/* function_type (guide) */
	uint16_t bdf;				/* bdf_raw (guide) and bdf "85:00.0" */
	uint8_t device_type;			/* device_type (guide) */
	uint8_t mac[VIRTNET_MAC_LEN];		/* mac (guide): lower case */
	uint32_t pf_num;			/* pf_num (guide): port index */
	uint32_t sf_num;			/* sf_num (guide): 1000..99999 */
	uint16_t mq;				/* mq (guide): (num_queues - 1) / 2 */
	char vuid[VIRTNET_VUID_MAX];		/* vuid */
	uint16_t mtu;				/* mtu */
	uint16_t num_queues;			/* num_queues: odd, 3..31 */
	uint16_t queue_size;			/* queue_size */
	uint64_t features;			/* features "0x..": requested, 0 = all */
	bool legacy;				/* legacy */
	uint32_t vf_id;				/* vf_id: VFs only, 0..125 */
	uint32_t parent_pf_id;			/* parent_pf_id: VFs only */
	uint32_t pf_index;			/* pf_index: VFs only, the parent's static PF index */
	/*
	 * Optional keys, written only when not the default, so a file of a
	 * device with the link up and no coalescing reads the same as
	 * before they existed (an older controller can still read it).
	 */
	bool link_down;				/* link_up: false; absent = true */
	uint32_t rx_coal_usecs;			/* rx_coal_usecs: absent = 0 */
	uint32_t rx_coal_max_packets;		/* rx_coal_max_packets: absent = 0 */
	uint32_t tx_coal_usecs;			/* tx_coal_usecs: absent = 0 */
	uint32_t tx_coal_max_packets;		/* tx_coal_max_packets: absent = 0 */
	uint8_t mode;				/* mode: enum virtnet_dev_mode; absent = virtio */
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];	/* vdpa_name: mode vdpa only; absent = "" */
};

/*
 * Fill rec from what the kernel reports about a device and the features
 * that were requested when it was created (0: all; the kernel reports only
 * what it offers, which adds VERSION_1 and MAC, so the caller keeps the
 * request). Static PF -> pf/static, hotplug PF -> pf/hotplug, VF ->
 * vf/static with vf_id, parent_pf_id and pf_index from VF_ID, PARENT_ID
 * and PF_INDEX. The mode is DEV_MODE (virtnet_dev_mode()) and, in vDPA
 * mode, the vdpa device's name is VDPA_NAME.
 */
void virtnet_recovery_from_dev(const struct virtnet_dev *dev,
			       uint64_t requested_features,
			       struct virtnet_recovery_rec *rec);

/* Check every field of rec (the rules of virtnet_recovery_from_json()). */
int virtnet_recovery_check(const struct virtnet_recovery_rec *rec,
			   char *err, size_t errlen);

/*
 * The DEV_NEW request that recreates the device: same port, MAC, MTU,
 * queues, features, legacy flag, link state, coalescing, mode (always
 * sent) and vdpa name (if any), with has_id/id = pf_id and
 * has_sf_num/sf_num = sf_num. Checks rec and then the request
 * (virtnet_dev_new_req_check). A hotplug PF asks for its BDF; a static PF
 * for its index (from its BDF: static PF i is 85:00.(3 + i)); a VF for
 * VF vf_id of static PF pf_index, which must be up. The kernel derives
 * BDF and VUID from those, so they come back the same.
 */
int virtnet_recovery_to_new_req(const struct virtnet_recovery_rec *rec,
				struct virtnet_dev_new_req *req,
				char *err, size_t errlen);

/* The file's object, keys in the documented order; NULL if out of memory. */
json_t *virtnet_recovery_to_json(const struct virtnet_recovery_rec *rec);

/*
 * Strict parse: every field present (but the optional link, coalescing,
 * mode and vdpa_name keys) with its JSON type and in range, no
 * unknown keys, "version" == VIRTNET_RECOVERY_VERSION, vf_id, parent_pf_id
 * and pf_index present if and only if function_type is "vf" (which must
 * then be static and not legacy), mode "virtio" or "vdpa" (absent:
 * virtio), vdpa_name only with mode "vdpa". rec is written only on
 * success. Returns 0 or -EINVAL.
 */
int virtnet_recovery_from_json(const json_t *obj, struct virtnet_recovery_rec *rec,
			       char *err, size_t errlen);

/*
 * qsort() order for rebuilding: PFs before VFs (a VF needs its static PF
 * up), VFs by static PF index and vf_id, ties by vuid.
 */
int virtnet_recovery_rebuild_cmp(const void *a, const void *b);

/* Same device record (VF fields compared only for VFs). */
bool virtnet_recovery_equal(const struct virtnet_recovery_rec *a,
			    const struct virtnet_recovery_rec *b);

/*
 * Create dir and missing parents with mode 0700 (existing ones are left
 * as they are). -ENOTDIR if a component is not a directory.
 */
int virtnet_recovery_mkdir(const char *dir, char *err, size_t errlen);

/*
 * Write "<vuid>.json" in dir (created if missing) atomically: the text
 * goes to "<vuid>.json.tmp.<pid>" (O_CREAT|O_EXCL|O_CLOEXEC, mode 0600),
 * which is fsynced and renamed over the final name; then dir is fsynced.
 * On a failure before the rename the temporary file is removed and the
 * old file is untouched. rec is checked first (-EINVAL). Not safe for two
 * writers of the same vuid in one process.
 */
int virtnet_recovery_write(const char *dir, const struct virtnet_recovery_rec *rec,
			   char *err, size_t errlen);

/* Remove "<vuid>.json" from dir and fsync dir. A missing file is not an error. */
int virtnet_recovery_remove(const char *dir, const char *vuid,
			    char *err, size_t errlen);

/*
 * Read and validate one file (no symlinks, regular, at most
 * VIRTNET_RECOVERY_MAX_SIZE bytes). Does not check the file's name.
 * Returns 0, -ENOENT, -ELOOP (a symlink), -EINVAL (not a regular file,
 * empty, not JSON, not a valid record), -EFBIG (too large), or another
 * -errno from open/read.
 */
int virtnet_recovery_read(const char *path, struct virtnet_recovery_rec *rec,
			  char *err, size_t errlen);

/*
 * Load the store. dir is created if missing (virtnet_recovery_mkdir).
 * Every "*.json" entry is considered, in strcmp() order of the names:
 *  - a good one (regular, readable, valid, named "<its vuid>.json", and
 *    sharing no pf_id, vuid, sf_num or mac with another candidate, nor,
 *    for a VF, its static PF and vf_id with another VF) goes to
 *    good(rec, path, arg): return 0 to go on, or a negative errno to stop
 *    the scan, which then returns that value;
 *  - any other goes to bad(path, why, arg) and is left in place. Every file
 *    of a clash is bad, since the store cannot tell which one is right.
 * Leftovers of interrupted writes ("*.json.tmp.<digits>", regular files)
 * are removed and reported to bad() with why starting "removed".
 * Other names are ignored. bad may be NULL.
 * Returns the number of good files, or a negative errno if dir cannot be
 * created or read or memory runs out.
 */
int virtnet_recovery_scan(const char *dir,
			  int (*good)(const struct virtnet_recovery_rec *rec,
				      const char *path, void *arg),
			  void (*bad)(const char *path, const char *why, void *arg),
			  void *arg);

#endif /* VIRTNET_RECOVERY_H */
