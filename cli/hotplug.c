/*
 * hotplug.c - `virtnet hotplug`: validate the new PF's parameters, DEV_NEW
 * (on the virtio bus, or with -M vdpa on the vdpa bus).
 */
#include "cli.h"

#define CMD_NAME "hotplug"

#include <string.h>

#include "output.h"
#include "ops.h"

static const struct cli_opt hotplug_opts[] = {
	{ 'i', "ib_device", "IBDEV",
	  "RDMA device of the port to plug into, e.g. mlx5_0", CLI_OPT_REQUIRED },
	{ 'f', "features", "FEATURES",
	  "virtio-net feature bits, decimal or 0x hex (default 0: all the device supports)", 0 },
	{ 'm', "mac", "MAC", "unicast MAC address, e.g. 0C:C4:7A:FF:22:93",
	  CLI_OPT_REQUIRED },
	{ 't', "mtu", "MTU", "MTU, " CLI_RANGE(VIRTNET_MIN_MTU, VIRTNET_MAX_MTU),
	  CLI_OPT_REQUIRED },
	{ 'n', "num_queues", "QUEUES",
	  "virtqueues including the control queue: odd, "
	  CLI_RANGE(VIRTNET_MIN_VIRTQ, VIRTNET_MAX_VIRTQ) " (queue pairs = (n - 1) / 2)",
	  CLI_OPT_REQUIRED },
	{ 's', "queue_size", "QUEUE_SIZE", "queue depth: a power of two, "
	  CLI_RANGE(VIRTNET_MIN_QUEUE_SIZE, VIRTNET_MAX_QUEUE_SIZE),
	  CLI_OPT_REQUIRED },
	{ 'l', "legacy", NULL, "transitional device (also serves legacy virtio 0.95 drivers)", 0 },
	{ 'M', "mode", "{virtio,vdpa}",
	  "the bus the function is on: the host's virtio bus (virtio_net; the default) "
	  "or the vdpa bus (vhost_vdpa, virtio_vdpa)", 0 },
	{ 'N', "vdpa-name", "NAME",
	  "with -M vdpa: the vdpa device's name, " CLI_RANGE(1, CLI_VDPA_NAME_LEN)
	  " characters without '/' "
	  "(default: the VUID)", 0 },
	{ 0 }
};

const struct cli_spec cli_hotplug_spec = {
	.name = CMD_NAME,
	.summary = "hotplug virtnet device",
	.opts = hotplug_opts,
};

static int hotplug_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		       char *err, size_t errlen)
{
	struct virtnet_dev_new_req *req = ctx;
	const struct virtnet_num_rule *rule;
	char field[40];
	uint64_t v;

	snprintf(field, sizeof(field), "--%s", opt->long_name);
	switch (opt->short_name) {
	case 'i':
		if (virtnet_check_ibdev(field, arg, err, errlen))
			return CLI_FAIL;
		snprintf(req->ibdev, sizeof(req->ibdev), "%s", arg);
		return CLI_OK;
	case 'm':
		return virtnet_mac_parse_unicast(field, arg, req->mac, err, errlen)
			? CLI_FAIL : CLI_OK;
	case 'l':
		req->legacy = true;
		return CLI_OK;
	case 'M':
		if (virtnet_parse_dev_mode(field, arg, &req->mode, err, errlen))
			return CLI_FAIL;
		req->has_mode = true;
		return CLI_OK;
	case 'N':
		if (virtnet_check_vdpa_name(field, arg, err, errlen))
			return CLI_FAIL;
		snprintf(req->vdpa_name, sizeof(req->vdpa_name), "%s", arg);
		return CLI_OK;
	case 'f': rule = &virtnet_rule_features; break;
	case 't': rule = &virtnet_rule_mtu; break;
	case 'n': rule = &virtnet_rule_num_queues; break;
	case 's': rule = &virtnet_rule_queue_size; break;
	default: return CLI_OK;
	}
	if (virtnet_num_parse(rule, field, arg, &v, err, errlen))
		return CLI_FAIL;
	/* The rules keep v within each field's type. */
	switch (opt->short_name) {
	case 'f': req->features = v; break;
	case 't': req->mtu = (uint16_t)v; break;
	case 'n': req->num_queues = (uint16_t)v; break;
	case 's': req->queue_size = (uint16_t)v; break;
	}
	return CLI_OK;
}

int virtnet_hotplug_args_parse(int argc, char **argv,
			       struct virtnet_dev_new_req *out,
			       char *err, size_t errlen)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = cli_parse(&cli_hotplug_spec, argc, argv, hotplug_opt, out, err, errlen);
	if (!ret)
		ret = cli_vdpa_name_check(out->has_mode, out->mode, out->vdpa_name,
					  err, errlen);
	return ret;
}

int cmd_hotplug(struct cli *cli, int argc, char **argv)
{
	struct virtnet_dev_new_req req;
	struct virtnet_genl g;
	struct virtnet_dev dev;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_hotplug_args_parse(argc, argv, &req, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_hotplug_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = virtnet_dev_new(&g, &req, &dev);
	if (ret)
		ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
	else
		ret = cli_print_json(cli, CMD_NAME, virtnet_json_hotplug(&dev));
	virtnet_genl_close(&g);
	return ret;
}
