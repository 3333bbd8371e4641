/*
 * reconcile.c - keeps the recovery directory and the kernel's devices in
 * step: at start (rebuild what a module reload lost, or drop what was
 * unplugged while the controller was away), after lost events, and on
 * every DEV_NEW/DEV_SET/DEV_DEL event.
 *
 * The kernel is right about every device it has. Whether a file without a
 * device means "unplugged" or "lost" depends on whether the module is the
 * one the directory last saw: its instance id (random at module load) is
 * kept in the directory's ".instance" file, written after each start-up
 * reconcile, so a crash halfway through simply runs the same pass again.
 * A start-up reconcile has two halves around the static PFs' bring-up:
 * PFs first, then the VFs, which the kernel rebuilds only under a static
 * PF that is up; ".instance" is written after the second half.
 *
 * A file that cannot be written or removed (disk full, read-only) never
 * touches the device: it is reported and retried on a timer until the
 * directory takes it (vnc_recovery_retry).
 */
#define _GNU_SOURCE
#include "controller.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "devfind.h"
#include "log.h"
#include "names.h"
#include "ops.h"
#include "recovery.h"

#define INSTANCE_FILE	".instance"

struct recs {
	struct virtnet_recovery_rec *v;
	size_t n, cap;
};

static int collect_good(const struct virtnet_recovery_rec *rec, const char *path,
			void *arg)
{
	struct recs *r = arg;

	(void)path;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		void *v = realloc(r->v, cap * sizeof(*r->v));

		if (!v)
			return -ENOMEM;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *rec;
	return 0;
}

static void report_bad(const char *path, const char *why, void *arg)
{
	(void)arg;
	if (!strncmp(why, "removed", 7))
		vnc_info("recovery: %s: %s", path, why);
	else
		vnc_err("recovery: skipping %s: %s", path, why);
}

static int scan(struct vnc *c, struct recs *r)
{
	int ret;

	memset(r, 0, sizeof(*r));
	ret = virtnet_recovery_scan(c->recovery_dir, collect_good, report_bad, r);
	if (ret < 0) {
		vnc_err("recovery: cannot read %s: %s", c->recovery_dir, strerror(-ret));
		free(r->v);
		r->v = NULL;
		return ret;
	}
	return 0;
}

static const struct virtnet_recovery_rec *rec_by_vuid(const struct recs *r,
						      const char *vuid)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].vuid, vuid))
			return &r->v[i];
	return NULL;
}

static const struct virtnet_dev *dev_by_vuid(const struct virtnet_dev_list *l,
					     const char *vuid)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->devs[i].vuid, vuid))
			return &l->devs[i];
	return NULL;
}

/* The record of a kernel device, as the controller keeps it. */
static void rec_of(const struct virtnet_dev *dev, struct virtnet_recovery_rec *rec)
{
	virtnet_recovery_from_dev(dev, dev->device_features, rec);
}

/* A VF's file is only as good as where it says the VF is. */
static bool placed(const struct virtnet_dev *dev)
{
	return dev->type != VIRTNET_DEV_TYPE_VF ||
	       (virtnet_dev_has(dev, VIRTNET_ATTR_VF_ID) &&
		virtnet_dev_has(dev, VIRTNET_ATTR_PARENT_ID) &&
		virtnet_dev_has(dev, VIRTNET_ATTR_PF_INDEX));
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void vnc_recovery_failed(struct vnc *c, const char *problem)
{
	/*
	 * A retry reports its first failure, once at its end: the status
	 * does not flap between the files one try fails on.
	 */
	if (c->rec_retrying) {
		if (!c->rec_failed)
			snprintf(c->rec_problem, sizeof(c->rec_problem), "%s", problem);
		c->rec_failed = true;
		return;
	}
	c->rec_failed = true;
	snprintf(c->rec_problem, sizeof(c->rec_problem), "%s", problem);
	vnc_status_line(c->status.recovery, "%s; retrying", problem);
	if (!c->rec_retry_s) {
		c->rec_retry_s = vnc_retry_next(0);
		c->rec_retry_at_ms = now_ms() + 1000LL * c->rec_retry_s;
		vnc_err("recovery: retrying in %u s (the devices keep running)",
			c->rec_retry_s);
	}
	vnc_status_publish(c);
}

int vnc_recovery_timeout_ms(const struct vnc *c)
{
	int64_t left;

	if (!c->rec_retry_s)
		return -1;
	left = c->rec_retry_at_ms - now_ms();
	return left <= 0 ? 0 : (int)left;
}

/* A retry logs per-file failures at debug level: its summary says it. */
#define rec_err(c, ...) vnc_log((c)->rec_retrying ? VNC_LOG_DEBUG : VNC_LOG_ERR, __VA_ARGS__)

static bool rm_pending_has(const struct vnc *c, const char *vuid, size_t *at)
{
	for (size_t i = 0; i < c->n_rm_pending; i++) {
		if (!strcmp(c->rm_pending[i], vuid)) {
			if (at)
				*at = i;
			return true;
		}
	}
	return false;
}

static void rm_pending_drop(struct vnc *c, const char *vuid)
{
	size_t i;

	if (rm_pending_has(c, vuid, &i))
		memmove(c->rm_pending[i], c->rm_pending[i + 1],
			(--c->n_rm_pending - i) * sizeof(*c->rm_pending));
}

static void rm_pending_add(struct vnc *c, const char *vuid)
{
	void *v;

	if (rm_pending_has(c, vuid, NULL))
		return;
	v = realloc(c->rm_pending, (c->n_rm_pending + 1) * sizeof(*c->rm_pending));
	if (!v) {
		vnc_err("recovery: out of memory remembering to remove %s.json", vuid);
		return;
	}
	c->rm_pending = v;
	snprintf(c->rm_pending[c->n_rm_pending++], sizeof(*c->rm_pending), "%s", vuid);
}

/* Write dev's file unless it already says exactly that. */
static void record(struct vnc *c, const struct virtnet_dev *dev,
		   const struct virtnet_recovery_rec *old)
{
	struct virtnet_recovery_rec rec;
	char err[512], line[512];
	int ret;

	if (!placed(dev)) {
		vnc_err("recovery: cannot record VF %s: the kernel did not report its "
			"VF_ID, PARENT_ID and PF_INDEX", dev->vuid);
		return;
	}
	rec_of(dev, &rec);
	if (old && virtnet_recovery_equal(old, &rec))
		return;
	ret = virtnet_recovery_write(c->recovery_dir, &rec, err, sizeof(err));
	if (ret == -EINVAL) {
		/* The record itself is refused: writing it again cannot help. */
		vnc_err("recovery: cannot record device %" PRIu32 " (%s): %s",
			dev->id, dev->vuid, err);
	} else if (ret) {
		/* The device stays as it is; only its file is behind. */
		rec_err(c, "recovery: cannot record device %" PRIu32 " (%s): %s",
			dev->id, dev->vuid, err);
		snprintf(line, sizeof(line), "recovery: cannot write %s/%s.json: %s",
			 c->recovery_dir, dev->vuid, strerror(-ret));
		vnc_recovery_failed(c, line);
	} else {
		vnc_debug("recovery: recorded device %" PRIu32 " (%s)", dev->id, dev->vuid);
	}
}

static void forget(struct vnc *c, const char *vuid)
{
	char err[512], line[512];
	int ret;

	ret = virtnet_recovery_remove(c->recovery_dir, vuid, err, sizeof(err));
	if (ret) {
		/* Left behind, the file would rebuild an unplugged device. */
		rec_err(c, "recovery: cannot remove the file of %s: %s", vuid, err);
		rm_pending_add(c, vuid);
		snprintf(line, sizeof(line), "recovery: cannot remove %s/%s.json: %s",
			 c->recovery_dir, vuid, strerror(-ret));
		vnc_recovery_failed(c, line);
	} else {
		rm_pending_drop(c, vuid);
		vnc_debug("recovery: forgot %s", vuid);
	}
}

/* ", vDPA device NAME" for a function in vDPA mode, else "". */
static const char *vdpa_text(uint8_t mode, const char *vdpa_name, char *buf, size_t len)
{
	if (mode != VIRTNET_DEV_MODE_VDPA)
		return "";
	snprintf(buf, len, ", vDPA device %s", vdpa_name[0] ? vdpa_name : "(unnamed)");
	return buf;
}

/* Recreate a device from its file; the file stays whatever happens. */
static void rebuild(struct vnc *c, const struct virtnet_recovery_rec *rec)
{
	struct virtnet_dev_new_req req;
	struct virtnet_dev dev;
	char err[512], vdpa[VIRTNET_VDPA_NAME_MAX + 24];
	int ret;

	ret = virtnet_recovery_to_new_req(rec, &req, err, sizeof(err));
	if (ret) {
		vnc_err("recovery: cannot rebuild %s: %s", rec->vuid, err);
		return;
	}
	ret = virtnet_dev_new(&c->cmd, &req, &dev);
	if (ret) {
		vnc_err("recovery: cannot rebuild %s (id %" PRIu32 ", sf %" PRIu32 "): %s",
			rec->vuid, rec->pf_id, rec->sf_num, c->cmd.errmsg);
		return;
	}
	if (strcmp(dev.vuid, rec->vuid) || dev.bdf != rec->bdf ||
	    dev.sf_num != rec->sf_num || dev.id != rec->pf_id)
		vnc_err("recovery: %s came back as %s (id %" PRIu32 ", sf %" PRIu32 ")",
			rec->vuid, dev.vuid, dev.id, dev.sf_num);
	else if (virtnet_dev_mode(&dev) != rec->mode)
		vnc_err("recovery: %s came back on the %s bus, not on the %s bus",
			dev.vuid, virtnet_dev_mode_name(virtnet_dev_mode(&dev)),
			virtnet_dev_mode_name(rec->mode));
	else if (rec->function_type == VIRTNET_RECOVERY_VF)
		vnc_info("recovery: rebuilt VF %" PRIu32 " of static PF %" PRIu32
			 ": device %" PRIu32 " (%s, sf %" PRIu32 "%s)", rec->vf_id,
			 rec->pf_index, dev.id, dev.vuid, dev.sf_num,
			 vdpa_text(rec->mode, dev.vdpa_name, vdpa, sizeof(vdpa)));
	else
		vnc_info("recovery: rebuilt device %" PRIu32 " (%s, sf %" PRIu32 "%s)",
			 dev.id, dev.vuid, dev.sf_num,
			 vdpa_text(rec->mode, dev.vdpa_name, vdpa, sizeof(vdpa)));
	record(c, &dev, rec);
}

/* Keep a VF file for vnc_reconcile_finish(): its static PF may come up later. */
static int defer_vf(struct vnc *c, const struct virtnet_recovery_rec *rec)
{
	struct virtnet_recovery_rec *v;

	v = realloc(c->vf_pending, (c->n_vf_pending + 1) * sizeof(*v));
	if (!v) {
		vnc_err("recovery: out of memory keeping %s for later", rec->vuid);
		return -ENOMEM;
	}
	c->vf_pending = v;
	c->vf_pending[c->n_vf_pending++] = *rec;
	return 0;
}

/*
 * A waiting VF file, now that the static PFs are up (list: the kernel's
 * devices). Returns true if its static PF is not up: the file is kept.
 */
static bool rebuild_vf(struct vnc *c, const struct virtnet_dev_list *list,
		       const struct virtnet_recovery_rec *rec)
{
	const struct virtnet_dev *dev, *pf;

	/* The host may have made it since (sriov_numvfs): the kernel is right. */
	dev = virtnet_devs_find_vuid(list->devs, list->count, rec->vuid);
	if (dev) {
		record(c, dev, rec);
		return false;
	}
	pf = virtnet_devs_find_static_pf(list->devs, list->count, rec->pf_index);
	if (!pf) {
		vnc_err("recovery: cannot rebuild %s (VF %" PRIu32 " of static PF %" PRIu32
			"): static PF %" PRIu32 " is not up; keeping %s.json",
			rec->vuid, rec->vf_id, rec->pf_index, rec->pf_index, rec->vuid);
		return true;
	}
	if (pf->id != rec->parent_pf_id)
		vnc_info("recovery: %s: its static PF %" PRIu32 " is device %" PRIu32
			 " now (was %" PRIu32 ")", rec->vuid, rec->pf_index, pf->id,
			 rec->parent_pf_id);
	rebuild(c, rec);
	return false;
}

/* Its static PF was left down (statics.c) and may come up while we run. */
static bool waits_for_static_pf(const struct vnc *c, const struct virtnet_recovery_rec *rec)
{
	return rec->pf_index < VIRTNET_MAX_STATIC_PF && c->status.static_pf[rec->pf_index][0];
}

/*
 * Rebuild the VFs in c->vf_pending whose static PF is up, keep those
 * still waiting for a static PF left down, drop the rest (logged, their
 * files kept, as before).
 */
static int rebuild_pending_vfs(struct vnc *c)
{
	struct virtnet_dev_list list;
	size_t kept = 0;
	int ret;

	ret = virtnet_dev_dump(&c->cmd, &list);
	if (ret) {
		vnc_err("cannot list the kernel's devices: %s", c->cmd.errmsg);
		return ret;
	}
	qsort(c->vf_pending, c->n_vf_pending, sizeof(*c->vf_pending),
	      virtnet_recovery_rebuild_cmp);
	for (size_t i = 0; i < c->n_vf_pending; i++)
		if (rebuild_vf(c, &list, &c->vf_pending[i]) &&
		    waits_for_static_pf(c, &c->vf_pending[i]))
			c->vf_pending[kept++] = c->vf_pending[i];
	c->n_vf_pending = kept;
	virtnet_dev_list_free(&list);
	return 0;
}

void vnc_reconcile_waiting_vfs(struct vnc *c)
{
	if (!c->n_vf_pending)
		return;
	vnc_info("recovery: a static PF came up: rebuilding the VF(s) that waited for it");
	rebuild_pending_vfs(c);
}

/* Same identity: what the host and the representor are known by. */
static bool same_identity(const struct virtnet_recovery_rec *rec,
			  const struct virtnet_dev *dev)
{
	return rec->pf_id == dev->id && rec->bdf == dev->bdf &&
	       rec->sf_num == dev->sf_num && !memcmp(rec->mac, dev->mac, sizeof(dev->mac));
}

static int read_instance(struct vnc *c, uint64_t *id)
{
	char path[4096], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", c->recovery_dir, INSTANCE_FILE);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EINVAL;
	buf[n] = '\0';
	if (sscanf(buf, "%" SCNx64, id) != 1)
		return -EINVAL;
	return 0;
}

/* Atomically: temp file, fsync, rename, fsync the directory. */
static int write_instance(struct vnc *c)
{
	char path[4096], tmp[4200], buf[32];
	int fd, dfd, len, ret = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", c->recovery_dir, INSTANCE_FILE);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	len = snprintf(buf, sizeof(buf), "%016" PRIx64 "\n", c->instance_id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n != len)
		ret = n < 0 ? -errno : -EIO;
	else if (fsync(fd))
		ret = -errno;
	close(fd);
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return ret;
	}
	dfd = open(c->recovery_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/*
 * Reconcile files and devices. With allow_rebuild (start-up), a new
 * module instance rebuilds PFs now and leaves VFs in c->vf_pending.
 */
static int pass(struct vnc *c, bool allow_rebuild)
{
	struct virtnet_dev_list list;
	struct recs r;
	uint64_t seen = 0;
	bool rebuilding;
	int ret = 0;

	ret = virtnet_dev_dump(&c->cmd, &list);
	if (ret) {
		vnc_err("cannot list the kernel's devices: %s", c->cmd.errmsg);
		return ret;
	}
	ret = scan(c, &r);
	if (ret) {
		virtnet_dev_list_free(&list);
		return ret;
	}

	rebuilding = allow_rebuild &&
		     (read_instance(c, &seen) || seen != c->instance_id);
	if (allow_rebuild)
		vnc_info("recovery: %zu file(s), %zu device(s) in the kernel; %s",
			 r.n, list.count, rebuilding ?
			 "the module is new since the files were written: rebuilding missing devices" :
			 "same module instance: the kernel's devices are authoritative");

	for (size_t i = 0; !ret && i < r.n; i++) {
		const struct virtnet_recovery_rec *rec = &r.v[i];
		const struct virtnet_dev *dev = dev_by_vuid(&list, rec->vuid);

		if (dev) {
			if (!same_identity(rec, dev))
				vnc_err("recovery: %s.json describes another device than the live %s (id %" PRIu32 "); keeping the live one",
					rec->vuid, dev->vuid, dev->id);
			record(c, dev, rec);
		} else if (rebuilding && rec->function_type == VIRTNET_RECOVERY_VF) {
			ret = defer_vf(c, rec);
		} else if (rebuilding) {
			rebuild(c, rec);
		} else {
			vnc_info("recovery: %s was unplugged while the controller was away", rec->vuid);
			forget(c, rec->vuid);
		}
	}
	for (size_t i = 0; i < list.count; i++)
		if (!rec_by_vuid(&r, list.devs[i].vuid))
			record(c, &list.devs[i], NULL);

	free(r.v);
	virtnet_dev_list_free(&list);
	return ret;
}

static void instance(struct vnc *c);

int vnc_reconcile_start(struct vnc *c)
{
	return pass(c, true);
}

int vnc_reconcile_finish(struct vnc *c)
{
	int ret = 0;

	if (c->n_vf_pending) {
		vnc_info("recovery: rebuilding %zu VF(s) now that the static PFs are up",
			 c->n_vf_pending);
		ret = rebuild_pending_vfs(c);
	}
	/* Those left wait for a static PF left down: vnc_reconcile_waiting_vfs(). */
	if (!c->n_vf_pending || ret) {
		free(c->vf_pending);
		c->vf_pending = NULL;
		c->n_vf_pending = 0;
	}
	if (ret)
		return ret;
	/* Only now is the pass complete: a crash before this repeats it. */
	c->instance_pending = true;
	instance(c);
	return 0;
}

/*
 * Write .instance if it is due. Failing is not fatal: until it is
 * written a restart simply runs the start-up pass again.
 */
static void instance(struct vnc *c)
{
	char line[512];
	int ret;

	if (!c->instance_pending)
		return;
	ret = write_instance(c);
	if (!ret) {
		c->instance_pending = false;
		return;
	}
	rec_err(c, "recovery: cannot write %s/%s: %s", c->recovery_dir, INSTANCE_FILE,
		strerror(-ret));
	snprintf(line, sizeof(line), "recovery: cannot write %s/%s: %s",
		 c->recovery_dir, INSTANCE_FILE, strerror(-ret));
	vnc_recovery_failed(c, line);
}

/*
 * Not a resync pass: that would take a file without a device for an
 * unplug and remove it, but at start a file whose rebuild failed is kept
 * on purpose. Only what failed is redone: every device's file (written
 * where it is missing or differs) and the removals that failed.
 */
void vnc_recovery_retry(struct vnc *c)
{
	struct virtnet_dev_list list;
	struct recs r = { 0 };

	c->rec_retrying = true;
	c->rec_failed = false;
	if (virtnet_dev_dump(&c->cmd, &list)) {
		vnc_debug("recovery retry: cannot list the kernel's devices: %s", c->cmd.errmsg);
		c->rec_failed = true;
		goto out;
	}
	/* Files it cannot read are rewritten from the device: no report. */
	virtnet_recovery_scan(c->recovery_dir, collect_good, NULL, &r);
	for (size_t i = 0; i < list.count; i++)
		record(c, &list.devs[i], rec_by_vuid(&r, list.devs[i].vuid));
	for (size_t i = c->n_rm_pending; i-- > 0;) {
		char vuid[VIRTNET_VUID_MAX];

		memcpy(vuid, c->rm_pending[i], sizeof(vuid));
		if (dev_by_vuid(&list, vuid))
			rm_pending_drop(c, vuid);	/* back in the kernel */
		else
			forget(c, vuid);
	}
	instance(c);
	free(r.v);
	virtnet_dev_list_free(&list);
out:
	c->rec_retrying = false;
	if (c->rec_failed) {
		c->rec_retry_s = vnc_retry_next(c->rec_retry_s);
		c->rec_retry_at_ms = now_ms() + 1000LL * c->rec_retry_s;
		vnc_err("%s; still failing, next try in %u s", c->rec_problem,
			c->rec_retry_s);
		vnc_status_line(c->status.recovery, "%s; retrying", c->rec_problem);
		vnc_status_publish(c);
		return;
	}
	vnc_info("recovery: writing to %s works again: every device's file is up to date",
		 c->recovery_dir);
	c->rec_retry_s = 0;
	c->status.recovery[0] = '\0';
	vnc_status_publish(c);
}

int vnc_resync(struct vnc *c)
{
	vnc_info("recovery: events were lost: resynchronising with the kernel");
	return pass(c, false);
}

void vnc_handle_event(struct vnc *c, const struct virtnet_reply *reply)
{
	char err[512], what[48] = "", mac[VIRTNET_MAC_STRLEN];
	char vdpa[VIRTNET_VDPA_NAME_MAX + 24];
	struct virtnet_dev dev;

	if (reply->cmd != VIRTNET_CMD_DEV_NEW && reply->cmd != VIRTNET_CMD_DEV_SET &&
	    reply->cmd != VIRTNET_CMD_DEV_DEL) {
		vnc_debug("event %u ignored", reply->cmd);	/* e.g. CTRL_GET */
		return;
	}
	if (virtnet_dev_from_attrs(reply->tb, &dev, err, sizeof(err))) {
		vnc_err("ignoring a malformed event: %s", err);
		return;
	}
	if (dev.type == VIRTNET_DEV_TYPE_VF)
		snprintf(what, sizeof(what), "VF %" PRIu32 " of static PF %" PRIu32 ", ",
			 dev.vf_id, dev.pf_index);
	switch (reply->cmd) {
	case VIRTNET_CMD_DEV_NEW:
		vnc_info("%sdevice %" PRIu32 " (%s) created", what, dev.id, dev.vuid);
		rm_pending_drop(c, dev.vuid);	/* its file is this device's now */
		if (c->conf.recovery)
			record(c, &dev, NULL);
		break;
	case VIRTNET_CMD_DEV_SET:
		/*
		 * modify: the file must hold the new MAC, MTU, features, queues,
		 * queue size, link state, coalescing and mode (a hand-over
		 * between the virtio and vdpa buses) for a rebuild (record()
		 * takes them from dev); DEV_NEW gives them back at once.
		 */
		vnc_info("%sdevice %" PRIu32 " (%s) modified: MAC %s, MTU %u, %u virtqueues "
			 "of %u, features 0x%" PRIx64 ", link %s, %s bus%s, SF %" PRIu32
			 " (%s)", what, dev.id,
			 dev.vuid, virtnet_mac_format(dev.mac, mac), dev.mtu, dev.num_queues,
			 dev.queue_size, dev.device_features, dev.link_up ? "up" : "down",
			 virtnet_dev_mode_name(virtnet_dev_mode(&dev)),
			 vdpa_text(virtnet_dev_mode(&dev), dev.vdpa_name, vdpa, sizeof(vdpa)),
			 dev.sf_num, dev.sf_rep_ifname);
		if (c->conf.recovery)
			record(c, &dev, NULL);
		break;
	case VIRTNET_CMD_DEV_DEL:
		vnc_info("%sdevice %" PRIu32 " (%s) removed", what, dev.id, dev.vuid);
		if (c->conf.recovery)
			forget(c, dev.vuid);
		break;
	default:
		vnc_debug("event %u ignored", reply->cmd);
	}
}
