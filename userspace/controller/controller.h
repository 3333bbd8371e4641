/*
 * controller.h - state of the virtio-net-controller daemon, shared by its
 * parts: ports.c (virtnet.conf ports -> the kernel's port table),
 * reconcile.c (recovery files <-> kernel devices), statics.c (static
 * PFs), sfpool.c, update.c and main.c (options, start-up, event loop).
 */
#ifndef VNC_CONTROLLER_H
#define VNC_CONTROLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "genl.h"
#include "status.h"

struct virtnet_recovery_rec;

struct vnc {
	struct virtnet_conf conf;
	const char *conf_path;
	const char *recovery_dir;
	bool skip_rdma;			/* --skip-rdma: names as given */
	struct virtnet_genl cmd;	/* requests */
	struct virtnet_genl ev;		/* "events" multicast group */
	struct virtnet_genl relay;	/* registered: forwarded requests */
	uint64_t instance_id;		/* the module's, from INFO_GET */
	char exe[4096];			/* this binary's path, for live update */
	char **argv;			/* as started, for live update */
	bool live_update;		/* started by a live update */
	/* Start-up reconcile: VF files to rebuild once the static PFs are up. */
	struct virtnet_recovery_rec *vf_pending;
	size_t n_vf_pending;

	/* What is wrong while the controller runs on (status.h). */
	struct vnc_status status;
	char status_sent[VIRTNET_CTRL_STATUS_MAX];	/* as the kernel has it */
	bool ready;			/* READY=1 sent: STATUS= follows */
	char notify_sent[VIRTNET_CTRL_STATUS_MAX + 32];	/* the last STATUS= */

	/*
	 * Recovery writes that failed: the device stays, its file is written
	 * again on a timer (vnc_recovery_retry) until that works.
	 */
	bool rec_failed;		/* a write or removal failed */
	char rec_problem[512];		/* the last failure, for the log */
	bool rec_retrying;		/* inside vnc_recovery_retry */
	bool instance_pending;		/* .instance still to write */
	unsigned int rec_retry_s;	/* current backoff; 0: no retry armed */
	int64_t rec_retry_at_ms;	/* CLOCK_MONOTONIC deadline */
	char (*rm_pending)[VIRTNET_VUID_MAX];	/* files still to remove */
	size_t n_rm_pending;
};

/* ports.c: resolve the configured RDMA devices, hand them to the kernel. */
int vnc_ports_configure(struct vnc *c);

/*
 * statics.c: bring up the static PFs that are not up (pf_mac + i). A
 * static PF the kernel refuses (its MAC held by another device, ...) is
 * left down, logged and put in the status: the controller runs on.
 * Returns an error only for what a restart cannot fix either: pf_mac
 * missing or unusable (virtnet.conf), or the kernel's list unreadable.
 */
int vnc_static_pfs_up(struct vnc *c);
/* After a DEV_DEL or DEV_SET: try the static PFs left down again. */
void vnc_static_pfs_retry(struct vnc *c);

/* sfpool.c: size the SF pool from virtnet.conf; at stop, maybe remove it. */
int vnc_sf_pool_start(struct vnc *c);
void vnc_sf_pool_stop(struct vnc *c);

/*
 * reconcile.c. At start: bring the recovery directory and the kernel in
 * step. If the module is the one the directory last saw (same instance
 * id), the kernel is right: files of devices that are gone are removed.
 * Otherwise (module reloaded, reboot, first start) devices with a file
 * but not in the kernel are rebuilt with the same id, BDF, SF and MAC.
 * Either way every kernel device gets an up-to-date file. Bad files are
 * logged by name and left alone.
 *
 * A VF needs its static PF up, and missing static PFs come up after the
 * reconcile (statics.c), so start rebuilds PFs and keeps the VFs to
 * rebuild in c->vf_pending; finish, called after the static PFs, rebuilds
 * them (a VF whose static PF is not up is logged and its file kept) and
 * records the module instance.
 */
int vnc_reconcile_start(struct vnc *c);
int vnc_reconcile_finish(struct vnc *c);
/*
 * After finish, c->vf_pending holds the VF files whose static PF was left
 * down (statics.c); once one comes up, this rebuilds its VFs.
 */
void vnc_reconcile_waiting_vfs(struct vnc *c);
/* After lost events: kernel is right, as above. */
int vnc_resync(struct vnc *c);
/* One kernel event (DEV_NEW, DEV_SET, DEV_DEL). */
void vnc_handle_event(struct vnc *c, const struct virtnet_reply *reply);

/*
 * update.c: a forwarded request on the relay socket. A live update checks
 * the installed binary (--check-config), then execs it: same pid, devices
 * untouched; the successor registers with UPDATE_STATUS DONE. On a failed
 * check it reports FAILED and goes on.
 */
void vnc_handle_relay(struct vnc *c, const struct virtnet_reply *reply);
/*
 * Register (again) on the relay socket, e.g. with VIRTNET_UPDATE_DONE,
 * always with the current status text.
 */
int vnc_register(struct vnc *c, uint8_t update_status);
/*
 * After a change of c->status: tell the kernel (a registration from the
 * same socket, which leaves an update's status alone) and, once ready,
 * systemd (STATUS=).
 */
void vnc_status_publish(struct vnc *c);

/*
 * reconcile.c: a recovery write or removal failed (problem: "recovery:
 * cannot write PATH: REASON"; the caller logged the details). Arms the
 * retry (1 s, doubling to 60 s) and publishes the status.
 */
void vnc_recovery_failed(struct vnc *c, const char *problem);
/* The retry is due: write every device's file, remove what is due. */
void vnc_recovery_retry(struct vnc *c);
/* Milliseconds until the retry is due (0: now), or -1 if none is armed. */
int vnc_recovery_timeout_ms(const struct vnc *c);

#endif /* VNC_CONTROLLER_H */
