/*
 * statics.c - brings up the static PFs the module has room for
 * (num_static_pf): static PF i gets pf_mac + i on ib_dev_for_static_pf.
 * Runs after the recovery reconcile of the PFs, so a static PF rebuilt
 * from its file (with whatever MAC it had) is left as it is; only missing
 * ones are made. The VFs' rebuild comes after it: they need their PF up.
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

int vnc_static_pfs_up(struct vnc *c)
{
	struct virtnet_dev_list list;
	struct virtnet_info info;
	char err[512], mac[VIRTNET_MAC_STRLEN];
	int ret;

	ret = virtnet_info_get(&c->cmd, &info);
	if (!ret)
		ret = virtnet_dev_dump(&c->cmd, &list);
	if (ret) {
		vnc_err("cannot read the kernel's static PFs: %s", c->cmd.errmsg);
		return ret;
	}
	for (uint32_t i = 0; !ret && i < info.max_static_pf; i++) {
		struct virtnet_dev_new_req req = {
			.mtu = STATIC_PF_MTU,
			.num_queues = static_pf_queues(&info),
			.queue_size = STATIC_PF_QUEUE_SIZE,
			.static_pf = true,
			.pf_index = i,
		};
		struct virtnet_dev dev;

		if (virtnet_devs_find_static_pf(list.devs, list.count, i))
			continue;
		if (!c->conf.has_pf_mac) {
			vnc_err("pf_mac: not set in %s, but the module has %" PRIu32
				" static PF(s) (num_static_pf): set pf_mac", c->conf_path,
				info.max_static_pf);
			ret = -EINVAL;
			break;
		}
		ret = virtnet_conf_static_pf_mac(&c->conf, i, req.mac, err, sizeof(err));
		if (ret) {
			vnc_err("static PF %" PRIu32 ": %s", i, err);
			break;
		}
		snprintf(req.ibdev, sizeof(req.ibdev), "%s", c->conf.ib_dev_for_static_pf);
		ret = virtnet_dev_new(&c->cmd, &req, &dev);
		if (ret) {
			vnc_err("cannot bring up static PF %" PRIu32 ": %s", i, c->cmd.errmsg);
			break;
		}
		vnc_info("static PF %" PRIu32 " up: device %" PRIu32 " %s, MAC %s on %s, representor %s",
			 i, dev.id, dev.vuid, virtnet_mac_format(dev.mac, mac), dev.ibdev,
			 dev.sf_rep_ifname);
	}
	virtnet_dev_list_free(&list);
	return ret;
}
