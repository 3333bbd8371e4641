/*
 * modify.c - `virtnet modify (-p ID [-v VF_ID] | -u VUID) device -m MAC`:
 * DEV_SET. The device options come after the word "device", as in the
 * guide. Only the MAC can change today; the guide's other device options
 * are accepted by name and refused as not supported yet, so a script that
 * uses them fails loudly instead of half-applying.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>

#include "json.h"
#include "ops.h"

#define MODIFY_USAGE "(-p ID [-v VF_ID] | -u VUID) device [-m MAC] [-t MTU] " \
	"[-f FEATURES] [-n NUM_MSIX] [-q QUEUES] [-s QUEUE_SIZE]"

static const struct cli_opt modify_opts[] = {
	CLI_OPT_PF,
	CLI_OPT_VF,
	CLI_OPT_VUID,
	{ 0 }
};

static const struct cli_opt device_opts[] = {
	{ 'm', "mac", "MAC", "new unicast MAC address, e.g. 0C:C4:7A:FF:22:98", 0 },
	{ 't', "mtu", "MTU", "MTU (not supported yet)", 0 },
	{ 'f', "features", "FEATURES", "virtio-net feature bits (not supported yet)", 0 },
	{ 'n', "num_msix", "NUM_MSIX", "MSI-X vectors (not supported yet)", 0 },
	{ 'q', "max_queues", "QUEUES",
	  "virtqueues including the control queue (not supported yet)", 0 },
	{ 's', "max_queue_size", "QUEUE_SIZE", "queue depth (not supported yet)", 0 },
	{ 0 }
};

#define DEVICE_HELP "change the device's attributes; unbind its host driver first"

const struct cli_spec cli_modify_spec = {
	.name = "modify",
	.summary = "modify virtnet device",
	.opts = modify_opts,
	.one_of = "pu",
	.usage = MODIFY_USAGE,
	.target = "device",
	.target_opts = device_opts,
	.target_help = DEVICE_HELP,
};

/* What follows "device": same name, so messages read "virtnet modify: ...". */
static const struct cli_spec device_spec = {
	.name = "modify",
	.summary = DEVICE_HELP,
	.opts = device_opts,
	.usage = MODIFY_USAGE,
};

static int target_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	struct cli_target *t = ctx;

	if (opt->short_name == 'v')
		return cli_vf_opt(t, arg, err, errlen);
	return cli_sel_opt(&t->sel, opt, arg, err, errlen);
}

static int device_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	struct virtnet_dev_set_req *set = ctx;

	if (opt->short_name == 'm') {
		if (virtnet_mac_parse_unicast("--mac", arg, set->mac, err, errlen))
			return CLI_FAIL;
		set->has_mac = true;
		return CLI_OK;
	}
	snprintf(err, errlen, "-%c/--%s is not supported yet: modify can change only "
		 "the MAC (-m/--mac) for now", opt->short_name, opt->long_name);
	return CLI_FAIL;
}

/* The device part: argv[0] is the target word. */
static int parse_device(int argc, char **argv, struct virtnet_modify_args *out,
			char *err, size_t errlen)
{
	int ret;

	if (strcmp(argv[0], "device")) {
		snprintf(err, errlen, "unknown target '%s' (choose from device)", argv[0]);
		return CLI_USAGE;
	}
	ret = cli_parse(&device_spec, argc, argv, device_opt, &out->set, err, errlen);
	if (ret == CLI_HELP)
		out->device_help = true;
	if (!ret && !out->set.has_mac) {
		snprintf(err, errlen, "nothing to modify: give -m/--mac after 'device'");
		return CLI_USAGE;
	}
	return ret;
}

int virtnet_modify_args_parse(int argc, char **argv, struct virtnet_modify_args *out,
			      char *err, size_t errlen)
{
	char derr[CLI_ERRLEN];
	int next, ret, dret;

	memset(out, 0, sizeof(*out));
	ret = cli_parse_until_word(&cli_modify_spec, argc, argv, target_opt, &out->target,
				   &next, err, errlen);
	if (ret == CLI_HELP)
		return ret;
	if (next < 0)
		return ret;		/* a bad option before the target */
	if (next == argc) {
		if (!ret)
			snprintf(err, errlen, "a target is required: device "
				 "(e.g. virtnet modify -p 0 device -m 0C:C4:7A:FF:22:98)");
		return ret ? ret : CLI_USAGE;
	}
	/* `modify device -h` shows the device options even without a selector. */
	dret = parse_device(argc - next, argv + next, out, derr, sizeof(derr));
	if (dret == CLI_HELP)
		return dret;
	if (!ret)
		ret = cli_vf_check(&out->target, false, err, errlen);
	if (!ret && dret) {
		snprintf(err, errlen, "%s", derr);
		ret = dret;
	}
	return ret;
}

int cmd_modify(struct cli *cli, int argc, char **argv)
{
	struct virtnet_modify_args args;
	struct virtnet_genl g;
	struct virtnet_dev dev;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_modify_args_parse(argc, argv, &args, err, sizeof(err));
	if (ret == CLI_HELP && args.device_help)
		return cli_parse_done(cli, &device_spec, ret, err);
	if (ret)
		return cli_parse_done(cli, &cli_modify_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	/* -p -v names a VF through its parent: find its VUID first. */
	args.set.sel = args.target.sel;
	if (args.target.has_vf) {
		ret = cli_target_get(cli, "modify", &g, &args.target, &dev);
		args.set.sel = (struct virtnet_dev_sel){ .by_vuid = true };
		if (!ret)
			snprintf(args.set.sel.vuid, sizeof(args.set.sel.vuid), "%s", dev.vuid);
	}
	if (!ret) {
		ret = virtnet_dev_set(&g, &args.set, &dev);
		if (ret == -EBUSY && !g.errmsg[0])
			snprintf(g.errmsg, sizeof(g.errmsg), "the host driver is bound to "
				 "the device: unbind it first, modify, then bind it again");
		if (ret)
			ret = cli_kernel_error(cli, "modify", &g, ret);
		else
			ret = cli_print_json(cli, "modify", virtnet_json_modify(&dev));
	}
	virtnet_genl_close(&g);
	return ret;
}
