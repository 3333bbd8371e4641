/*
 * statics.c - brings up the static PFs the module has room for
 * (num_static_pf): static PF i gets pf_mac + i on ib_dev_for_static_pf.
 * Runs after the recovery reconcile of the PFs, so a static PF rebuilt
 * from its file (with whatever MAC it had) is left as it is; only missing
 * ones are made. The VFs' rebuild comes after it: they need their PF up.
 *
 * A static PF the kernel cannot have now (say a hotplug PF holds its MAC)
 * is left down and reported rather than failing the start: a restart
 * would meet the same devices, and under systemd that is a restart loop.
 * It is tried again after every unplug or modify, which may free the MAC.
 */
#include "controller.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "devfind.h"
#include "log.h"
#include "ops.h"

/* What a static PF starts with; `virtnet modify` changes it later. */
#define STATIC_PF_MTU		1500
#define STATIC_PF_QUEUES	5	/* two queue pairs and the control queue */

/*
 * STATIC_PF_QUEUES, or fewer where the module allows fewer: a function
 * has at most min(num_msix, max_virtq) virtqueues, an odd number.
 */
static uint16_t static_pf_queues(const struct virtnet_info *info)
{
	uint32_t max = info->max_virtq;

	if (virtnet_info_has(info, VIRTNET_ATTR_MAX_MSIX) && info->max_msix < max)
		max = info->max_msix;
	if (max > STATIC_PF_QUEUES)
		max = STATIC_PF_QUEUES;
	return (uint16_t)(max & 1 ? max : max - 1);
}
#define STATIC_PF_QUEUE_SIZE	256

/* The device that holds mac, if any. */
static const struct virtnet_dev *mac_holder(const struct virtnet_dev_list *list,
					    const uint8_t *mac)
{
	for (size_t k = 0; k < list->count; k++)
		if (!memcmp(list->devs[k].mac, mac, sizeof(list->devs[k].mac)))
			return &list->devs[k];
	return NULL;
}

/*
 * Static PF i stays down for why: logged when the reason is new (a retry
 * finding the same conflict stays quiet), kept as its status line.
 */
static void left_down(struct vnc *c, uint32_t i, const char *why)
{
	char line[VNC_STATUS_LINE_MAX];

	vnc_status_line(line, "static PF %" PRIu32 ": down: %s", i, why);
	if (strcmp(line, c->status.static_pf[i]))
		vnc_err("static PF %" PRIu32 " left down: %s; the controller runs on and "
			"tries again whenever a device is unplugged or modified", i, why);
	memcpy(c->status.static_pf[i], line, sizeof(line));
}

/* Bring up static PF i (not up, pf_mac set): 0, or -errno for a config error. */
static int one_up(struct vnc *c, const struct virtnet_info *info,
		  const struct virtnet_dev_list *list, uint32_t i)
{
	struct virtnet_dev_new_req req = {
		.mtu = STATIC_PF_MTU,
		.num_queues = static_pf_queues(info),
		.queue_size = STATIC_PF_QUEUE_SIZE,
		.static_pf = true,
		.pf_index = i,
	};
	const struct virtnet_dev *holder;
	struct virtnet_dev dev;
	char err[512], why[1024], mac[VIRTNET_MAC_STRLEN];
	int ret;

	ret = virtnet_conf_static_pf_mac(&c->conf, i, req.mac, err, sizeof(err));
	if (ret) {
		vnc_err("static PF %" PRIu32 ": %s", i, err);
		return ret;
	}
	/*
	 * The kernel would refuse it too ("mac: already used"), but only
	 * the list can say by whom, which is what the operator needs.
	 */
	holder = mac_holder(list, req.mac);
	if (holder) {
		snprintf(why, sizeof(why), "MAC %s is held by device %" PRIu32 " (%s)",
			 virtnet_mac_format(req.mac, mac), holder->id, holder->vuid);
		left_down(c, i, why);
		return 0;
	}
	snprintf(req.ibdev, sizeof(req.ibdev), "%s", c->conf.ib_dev_for_static_pf);
	if (virtnet_dev_new(&c->cmd, &req, &dev)) {
		/* The kernel's state, not virtnet.conf: a restart changes nothing. */
		snprintf(why, sizeof(why), "the kernel refused it (MAC %s on %s): %s",
			 virtnet_mac_format(req.mac, mac), req.ibdev, c->cmd.errmsg);
		left_down(c, i, why);
		return 0;
	}
	c->status.static_pf[i][0] = '\0';
	vnc_info("static PF %" PRIu32 " up: device %" PRIu32 " %s, MAC %s on %s, representor %s",
		 i, dev.id, dev.vuid, virtnet_mac_format(dev.mac, mac), dev.ibdev,
		 dev.sf_rep_ifname);
	return 0;
}

int vnc_static_pfs_up(struct vnc *c)
{
	struct virtnet_dev_list list;
	struct virtnet_info info;
	int ret;

	ret = virtnet_info_get(&c->cmd, &info);
	if (!ret)
		ret = virtnet_dev_dump(&c->cmd, &list);
	if (ret) {
		vnc_err("cannot read the kernel's static PFs: %s", c->cmd.errmsg);
		return ret;
	}
	for (uint32_t i = 0; !ret && i < info.max_static_pf && i < VIRTNET_MAX_STATIC_PF; i++) {
		if (virtnet_devs_find_static_pf(list.devs, list.count, i)) {
			c->status.static_pf[i][0] = '\0';
			continue;
		}
		if (!c->conf.has_pf_mac) {
			vnc_err("pf_mac: not set in %s, but the module has %" PRIu32
				" static PF(s) (num_static_pf): set pf_mac", c->conf_path,
				info.max_static_pf);
			ret = -EINVAL;
			break;
		}
		ret = one_up(c, &info, &list, i);
	}
	virtnet_dev_list_free(&list);
	vnc_status_publish(c);
	return ret;
}

void vnc_static_pfs_retry(struct vnc *c)
{
	bool down[VIRTNET_MAX_STATIC_PF], any = false, came_up = false;

	for (size_t i = 0; i < VIRTNET_MAX_STATIC_PF; i++) {
		down[i] = c->status.static_pf[i][0] != '\0';
		any |= down[i];
	}
	/*
	 * Lines are set only after pf_mac passed its checks at start, so the
	 * config errors vnc_static_pfs_up() returns cannot happen here.
	 */
	if (!any)
		return;
	vnc_static_pfs_up(c);
	for (size_t i = 0; i < VIRTNET_MAX_STATIC_PF; i++)
		came_up |= down[i] && !c->status.static_pf[i][0];
	if (came_up && c->conf.recovery)
		vnc_reconcile_waiting_vfs(c);
}
