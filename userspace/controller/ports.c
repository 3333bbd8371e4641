/*
 * ports.c - the ports of virtnet.conf, resolved through rdma-core to their
 * RDMA devices and uplink netdevs, become the kernel's port table.
 *
 * Non-LAG: port 0 is ib_dev_p0 (required), port 1 ib_dev_p1 (skipped with
 * a message when the device does not exist, unless static PFs use it).
 * LAG: one port, ib_dev_lag (required).
 */
#include "controller.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "ops.h"
#include "rdma.h"

/* Fill port; -ENODEV etc. with the reason logged by the caller. */
static int resolve(struct vnc *c, uint32_t index, const char *ibdev,
		   struct virtnet_port *port, char *err, size_t errlen)
{
	struct virtnet_rdma_port rp;
	int ret;

	memset(port, 0, sizeof(*port));
	port->index = index;
	snprintf(port->ibdev, sizeof(port->ibdev), "%s", ibdev);
	if (c->skip_rdma)
		return 0;
	ret = virtnet_rdma_resolve(ibdev, &rp, err, errlen);
	if (ret)
		return ret;
	snprintf(port->netdev, sizeof(port->netdev), "%s", rp.netdev);
	return 0;
}

int vnc_ports_configure(struct vnc *c)
{
	const struct virtnet_conf *conf = &c->conf;
	struct virtnet_port ports[2];
	char err[512];
	unsigned int n = 0;
	int ret;

	if (conf->is_lag) {
		ret = resolve(c, 0, conf->ib_dev_lag, &ports[n], err, sizeof(err));
		if (ret) {
			vnc_err("ib_dev_lag: %s", err);
			return ret;
		}
		n++;
	} else {
		ret = resolve(c, 0, conf->ib_dev_p0, &ports[n], err, sizeof(err));
		if (ret) {
			vnc_err("ib_dev_p0: %s", err);
			return ret;
		}
		n++;
		ret = resolve(c, 1, conf->ib_dev_p1, &ports[n], err, sizeof(err));
		if (!ret) {
			n++;
		} else if (ret == -ENODEV &&
			   strcmp(conf->ib_dev_for_static_pf, conf->ib_dev_p1)) {
			vnc_info("ib_dev_p1: %s: port 1 is left out", err);
		} else {
			vnc_err("ib_dev_p1: %s", err);
			return ret;
		}
	}

	ret = virtnet_ports_set(&c->cmd, ports, n, conf->is_lag);
	if (ret) {
		vnc_err("cannot configure the ports in the kernel: %s", c->cmd.errmsg);
		return ret;
	}
	for (unsigned int i = 0; i < n; i++)
		vnc_info("port %u: RDMA device %s, uplink %s", ports[i].index,
			 ports[i].ibdev, ports[i].netdev[0] ? ports[i].netdev : "(not looked up)");
	return 0;
}
