/*
 * ctrl.h - the controller relay of the virtnet family: the controller
 * registers its socket; the CLI reads its state and asks it (through the
 * kernel) for a live update or another log level. See the CTRL commands
 * in uapi/linux/virtnet.h.
 */
#ifndef VIRTNET_CTRL_H
#define VIRTNET_CTRL_H

#include <stdint.h>

#include <linux/virtnet.h>

#include "genl.h"

/* VIRTNET_CMD_CTRL_GET, parsed. */
struct virtnet_ctrl_info {
	uint8_t state;				/* enum virtnet_ctrl_state */
	uint8_t update_status;			/* enum virtnet_update_status */
	uint8_t log_level;			/* enum virtnet_log_level */
	uint32_t pid;				/* 0 if never registered */
	char version[VIRTNET_CTRL_VERSION_MAX];	/* "" if never registered */
	char prev_version[VIRTNET_CTRL_VERSION_MAX];
	/* The controller's problems, one per line; "" if none. */
	char status[VIRTNET_CTRL_STATUS_MAX];
};

/* "none", "running", "updating" */
const char *virtnet_ctrl_state_name(unsigned int state);
/* "none", "in progress", "done", "failed" */
const char *virtnet_update_status_name(unsigned int status);
/* "err", "info", "debug"; virtnet_log_level_parse: -1 if none of them */
const char *virtnet_log_level_name(unsigned int level);
int virtnet_log_level_parse(const char *name);

/* Fill info from a CTRL_GET reply or event. 0 or -EBADMSG with err. */
int virtnet_ctrl_from_attrs(struct nlattr *const *tb, struct virtnet_ctrl_info *info,
			    char *err, size_t errlen);

int virtnet_ctrl_get(struct virtnet_genl *g, struct virtnet_ctrl_info *info);
/*
 * update_status: 0, or VIRTNET_UPDATE_IN_PROGRESS/DONE/FAILED to report;
 * log_level: the controller's current enum virtnet_log_level; status: its
 * problems, one per line (NULL or "": none), at most
 * VIRTNET_CTRL_STATUS_MAX - 1 printable ASCII characters and newlines.
 */
int virtnet_ctrl_register(struct virtnet_genl *g, const char *version,
			  uint32_t pid, uint8_t update_status, uint8_t log_level,
			  const char *status);
int virtnet_ctrl_update(struct virtnet_genl *g);
int virtnet_ctrl_log_level(struct virtnet_genl *g, uint8_t level);

#endif /* VIRTNET_CTRL_H */
