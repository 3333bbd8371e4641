/*
 * sfpool.c - the SF pool of virtnet.conf: sf_pool_percent of each port's
 * SFs (the module's pf_total_sf, mlxconfig PF_TOTAL_SF) are made ahead of
 * time, and new devices take them; sf_pool_force_destroy says whether the
 * idle ones are removed when the controller stops. The kernel keeps the
 * pool, so it survives a crash, a restart and a live update either way.
 */
#include "controller.h"

#include <inttypes.h>

#include "log.h"
#include "ops.h"

/*
 * Always sets the configured size, 0 included: the pool is what
 * virtnet.conf says now, not what an earlier configuration left behind.
 */
int vnc_sf_pool_start(struct vnc *c)
{
	struct virtnet_info info;
	uint32_t size;
	int ret;

	ret = virtnet_info_get(&c->cmd, &info);
	if (ret) {
		vnc_err("cannot read the kernel's SF count: %s", c->cmd.errmsg);
		return ret;
	}
	/* Rounded down: the pool never asks for more than the percentage. */
	size = (uint32_t)((uint64_t)info.pf_total_sf * c->conf.sf_pool_percent / 100);
	ret = virtnet_sf_pool_set(&c->cmd, size);
	if (ret) {
		vnc_err("sf_pool_percent %u: cannot keep %" PRIu32 " idle SFs per port (%u%% of pf_total_sf %" PRIu32 "): %s",
			c->conf.sf_pool_percent, size, c->conf.sf_pool_percent,
			info.pf_total_sf, c->cmd.errmsg);
		return ret;
	}
	if (size)
		vnc_info("SF pool: %" PRIu32 " idle SFs per port (%u%% of %" PRIu32 ")",
			 size, c->conf.sf_pool_percent, info.pf_total_sf);
	return 0;
}

void vnc_sf_pool_stop(struct vnc *c)
{
	if (!c->conf.sf_pool_force_destroy)
		return;
	if (virtnet_sf_pool_set(&c->cmd, 0))
		vnc_err("sf_pool_force_destroy: cannot remove the SF pool: %s",
			c->cmd.errmsg);
	else
		vnc_info("sf_pool_force_destroy: SF pool removed");
}
