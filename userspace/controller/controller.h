/*
 * controller.h - state of the virtio-net-controller daemon, shared by its
 * parts: ports.c (virtnet.conf ports -> the kernel's port table),
 * reconcile.c (recovery files <-> kernel devices) and main.c (options,
 * start-up, event loop).
 */
#ifndef VNC_CONTROLLER_H
#define VNC_CONTROLLER_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"
#include "genl.h"

struct vnc {
	struct virtnet_conf conf;
	const char *conf_path;
	const char *recovery_dir;
	bool skip_rdma;			/* --skip-rdma: names as given */
	struct virtnet_genl cmd;	/* requests */
	struct virtnet_genl ev;		/* "events" multicast group */
	uint64_t instance_id;		/* the module's, from INFO_GET */
};

/* ports.c: resolve the configured RDMA devices, hand them to the kernel. */
int vnc_ports_configure(struct vnc *c);

/*
 * reconcile.c. At start: bring the recovery directory and the kernel in
 * step. If the module is the one the directory last saw (same instance
 * id), the kernel is right: files of devices that are gone are removed.
 * Otherwise (module reloaded, reboot, first start) devices with a file
 * but not in the kernel are rebuilt with the same id, BDF, SF and MAC.
 * Either way every kernel device gets an up-to-date file. Bad files are
 * logged by name and left alone.
 */
int vnc_reconcile_start(struct vnc *c);
/* After lost events: kernel is right, as above. */
int vnc_resync(struct vnc *c);
/* One kernel event (DEV_NEW, DEV_DEL). */
void vnc_handle_event(struct vnc *c, const struct virtnet_reply *reply);

#endif /* VNC_CONTROLLER_H */
