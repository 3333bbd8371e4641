/*
 * recovery_fixtures.h - what the recovery store's unit tests share:
 * sample records (the guide's PF, a VF, vDPA mode), their JSON, the
 * strict reader's failure check, and scratch directories and files.
 * Included by test_recovery.c, test_recovery_json.c, test_recovery_store.c.
 */
#ifndef VIRTNET_TEST_RECOVERY_FIXTURES_H
#define VIRTNET_TEST_RECOVERY_FIXTURES_H

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "recovery.h"
#include "test.h"

/* The guide's example, plus our fields. */
static inline void guide_rec(struct virtnet_recovery_rec *rec)
{
	static const uint8_t mac[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };

	memset(rec, 0, sizeof(*rec));
	strcpy(rec->port_ib_dev, "mlx5_0");
	rec->pf_id = 0;
	rec->function_type = VIRTNET_RECOVERY_PF;
	rec->bdf = 26624;		/* 68:00.0 */
	rec->device_type = VIRTNET_RECOVERY_HOTPLUG;
	memcpy(rec->mac, mac, 6);
	rec->pf_num = 0;
	rec->sf_num = 2000;
	rec->mq = 1;
	strcpy(rec->vuid, "VNETS1D0F0");
	rec->mtu = 1500;
	rec->num_queues = 3;
	rec->queue_size = 256;
	rec->features = 0;
	rec->legacy = false;
}

/* VF 1 (VNETS0D0F3VF2) of static PF 1, whose id is 2. */
static inline void vf_rec(struct virtnet_recovery_rec *rec)
{
	guide_rec(rec);
	rec->function_type = VIRTNET_RECOVERY_VF;
	rec->device_type = VIRTNET_RECOVERY_STATIC;
	strcpy(rec->vuid, "VNETS0D0F3VF2");
	rec->bdf = 0x8526;		/* 85:04.6 */
	rec->pf_id = 5;
	rec->vf_id = 1;
	rec->parent_pf_id = 2;
	rec->pf_index = 1;
	rec->sf_num = 3000;
	rec->mq = 7;
	rec->num_queues = 15;
	rec->features = 0x100000021ULL;
	rec->legacy = false;
}

/* A record unique by n: its own vuid, pf_id, sf_num, mac, slot. */
static inline void nth_rec(struct virtnet_recovery_rec *rec, unsigned int n)
{
	guide_rec(rec);
	snprintf(rec->vuid, sizeof(rec->vuid), "VNETS1D%uF0", n);
	rec->pf_id = n;
	rec->sf_num = 2000 + n;
	rec->mac[5] = (uint8_t)n;
	rec->bdf = (uint16_t)((0x85 + n) << 8);
}

static inline json_t *guide_json(void)
{
	struct virtnet_recovery_rec rec;

	guide_rec(&rec);
	return virtnet_recovery_to_json(&rec);
}

static inline json_t *vf_json(void)
{
	struct virtnet_recovery_rec rec;

	vf_rec(&rec);
	return virtnet_recovery_to_json(&rec);
}

/* from_json(obj) fails with a message starting with want; takes obj. */
static inline void expect_bad(json_t *obj, const char *want, const char *file, int line)
{
	struct virtnet_recovery_rec rec;
	char err[512] = "";
	int ret;

	if (!obj) {
		test_fail(file, line, "no object");
		return;
	}
	guide_rec(&rec);
	ret = virtnet_recovery_from_json(obj, &rec, err, sizeof(err));
	if (ret != -EINVAL)
		test_fail(file, line, "from_json returned %d, want -EINVAL (want \"%s\")",
			  ret, want);
	else if (strncmp(err, want, strlen(want)))
		test_fail(file, line, "message\n    got:  \"%s\"\n    want: \"%s...\"",
			  err, want);
	if (rec.mtu != 1500 || strcmp(rec.vuid, "VNETS1D0F0"))
		test_fail(file, line, "rec written on failure");
	json_decref(obj);
}
#define EXPECT_BAD(obj, want) expect_bad(obj, want, __FILE__, __LINE__)

static inline json_t *with(json_t *obj, const char *key, json_t *v)
{
	if (obj)
		json_object_set_new(obj, key, v);
	return obj;
}

static inline json_t *without(json_t *obj, const char *key)
{
	if (obj)
		json_object_del(obj, key);
	return obj;
}

static const char *const required_keys[] = {
	"version", "port_ib_dev", "pf_id", "function_type", "bdf_raw",
	"device_type", "mac", "pf_num", "sf_num", "mq", "vuid", "bdf", "mtu",
	"num_queues", "queue_size", "features", "legacy",
};
#define NKEYS (sizeof(required_keys) / sizeof(required_keys[0]))

static inline int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline char *tmpdir(void)
{
	char *d = strdup("/tmp/virtnet-recovery-XXXXXX");

	if (d && !mkdtemp(d)) {
		free(d);
		return NULL;
	}
	return d;
}

static inline int put_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;
	size_t n;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return -1;
	f = fopen(path, "w");
	if (!f)
		return -1;
	n = fwrite(data, 1, len, f);
	return fclose(f) || n != len ? -1 : 0;
}

static inline int put_str(const char *dir, const char *name, const char *s)
{
	return put_file(dir, name, s, strlen(s));
}

/* The record's JSON text, as write() makes it (for crafted files). */
static inline char *rec_text(const struct virtnet_recovery_rec *rec)
{
	json_t *obj = virtnet_recovery_to_json(rec);
	char *s = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;

	json_decref(obj);
	return s;
}

static inline int put_rec(const char *dir, const char *name, const struct virtnet_recovery_rec *rec)
{
	char *s = rec_text(rec);
	int ret = s ? put_str(dir, name, s) : -1;

	free(s);
	return ret;
}

static inline bool exists(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return false;
	return lstat(path, &st) == 0;
}

/* Entries in dir, without . and .. */
static inline int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* The guide's record in vDPA mode, its vdpa device named vdpa0. */
static inline void vdpa_rec(struct virtnet_recovery_rec *rec)
{
	guide_rec(rec);
	rec->mode = VIRTNET_DEV_MODE_VDPA;
	strcpy(rec->vdpa_name, "vdpa0");
}

#endif /* VIRTNET_TEST_RECOVERY_FIXTURES_H */
