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
};

/* ports.c: resolve the configured RDMA devices, hand them to the kernel. */
int vnc_ports_configure(struct vnc *c);

/* statics.c: bring up the static PFs that are not up (pf_mac + i). */
int vnc_static_pfs_up(struct vnc *c);

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
/* Register (again) on the relay socket, e.g. with VIRTNET_UPDATE_DONE. */
int vnc_register(struct vnc *c, uint8_t update_status);

#endif /* VNC_CONTROLLER_H */
