/*
 * modify.c - `virtnet modify (-p ID [-v VF_ID] | -u VUID) device|queue
 * ...`: DEV_SET. As in the guide, what to change comes after a target
 * word: "device" for the device's attributes (MAC, MTU, features, MSI-X
 * vectors, queue size: only while the host driver is unbound; the link
 * state: live) or, alone, its mode (the hand-over between the host's
 * virtio bus and the vdpa bus) or, alone, the SF takeover of a live
 * migration (-S), "queue" for interrupt coalescing (live).
 * Every value is checked before anything is sent, and the kernel applies
 * all or nothing.
 */
#include "cli.h"

#define CMD_NAME "modify"

#include <errno.h>
#include <string.h>

#include "output.h"
#include "ops.h"

#define DEVICE_USAGE "device [-m MAC] [-t MTU] [-f FEATURES] [-n NUM_MSIX] " \
	"[-q MAX_QUEUE_SIZE] [-l {up,down}] [-M {virtio,vdpa} [-N NAME]] [-S DEVICE]"
#define QUEUE_USAGE "queue [-d {rx,tx,both}] [-p PERIOD] [-n MAX_COUNT]"
#define MODIFY_USAGE "(-p ID [-v VF_ID] | -u VUID) {device,queue} ..."

static const struct cli_opt modify_opts[] = {
	CLI_OPT_PF,
	CLI_OPT_VF,
	CLI_OPT_VUID,
	{ 0 }
};

static const struct cli_opt device_opts[] = {
	{ 'm', "mac", "MAC", "new unicast MAC address, e.g. 0C:C4:7A:FF:22:98", 0 },
	{ 't', "mtu", "MTU", "MTU, " CLI_RANGE(VIRTNET_MIN_MTU, VIRTNET_MAX_MTU), 0 },
	{ 'f', "features", "FEATURES",
	  "virtio-net feature bits, decimal or 0x hex (0: all the device supports)", 0 },
	{ 'n', "num_msix", "NUM_MSIX",
	  "MSI-X vectors: even, " CLI_RANGE(CLI_MIN_MSIX, CLI_MAX_MSIX) "; the device gets NUM_MSIX - 1 virtqueues "
	  "((NUM_MSIX - 2) / 2 queue pairs and the control queue)", 0 },
	{ 'q', "max_queue_size", "MAX_QUEUE_SIZE",
	  "queue depth: a power of two, "
	  CLI_RANGE(VIRTNET_MIN_QUEUE_SIZE, VIRTNET_MAX_QUEUE_SIZE), 0 },
	{ 'l', "link", "{up,down}", "link state the driver sees (live, also while bound)", 0 },
	{ 'M', "mode", "{virtio,vdpa}",
	  "hand the function over to the host's virtio bus or to the vdpa bus (the "
	  "old bus's driver is unbound first); alone, or with -N for vdpa", 0 },
	{ 'N', "vdpa-name", "NAME",
	  "with -M vdpa: the vdpa device's name, " CLI_RANGE(1, CLI_VDPA_NAME_LEN)
	  " characters without '/' "
	  "(default: the VUID)", 0 },
	{ 'S', "sf-from", "DEVICE",
	  "take over the SF (representor, its ifindex and OVS port) of DEVICE, a device "
	  "id or VUID on the same port that does not run (the source of a live "
	  "migration); it gets this device's SF. Alone", 0 },
	{ 0 }
};

static const struct cli_opt queue_opts[] = {
	{ 'd', "direction", "{rx,tx,both}",
	  "the host driver's receive queues, transmit queues or both (default both)", 0 },
	{ 'p', "period", "PERIOD",
	  "interrupt at the latest PERIOD microseconds after the first completion, "
	  CLI_RANGE(0, VIRTNET_MAX_COAL_USECS), 0 },
	{ 'n', "max_count", "MAX_COUNT",
	  "interrupt at the latest after MAX_COUNT completions, "
	  CLI_RANGE(0, VIRTNET_MAX_COAL_PACKETS), 0 },
	{ 0 }
};

#define DEVICE_HELP "change the device's attributes (-m, -t, -f, -n, -q: unbind its host " \
	"driver first) or its bus (-M)"
#define QUEUE_HELP "change the interrupt coalescing of its queues (live)"

static const struct cli_word modify_targets[] = {
	{ "device", DEVICE_HELP, device_opts },
	{ "queue", QUEUE_HELP, queue_opts },
	{ 0 }
};

const struct cli_spec cli_modify_spec = {
	.name = CMD_NAME,
	.summary = "modify virtnet device",
	.opts = modify_opts,
	.one_of = "pu",
	.usage = MODIFY_USAGE,
	.targets = modify_targets,
};

/* What follows a target: same name, so messages read "virtnet modify: ...". */
static const struct cli_spec device_spec = {
	.name = CMD_NAME,
	.summary = DEVICE_HELP,
	.opts = device_opts,
	.usage = "(-p ID [-v VF_ID] | -u VUID) " DEVICE_USAGE,
};

static const struct cli_spec queue_spec = {
	.name = CMD_NAME,
	.summary = QUEUE_HELP,
	.opts = queue_opts,
	.usage = "(-p ID [-v VF_ID] | -u VUID) " QUEUE_USAGE,
};

static int target_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	struct cli_target *t = ctx;

	if (opt->short_name == 'v')
		return cli_vf_opt(t, arg, err, errlen);
	return cli_sel_opt(&t->sel, opt, arg, err, errlen);
}

/* -l up|down */
static int link_opt(struct virtnet_dev_set_req *set, const char *arg,
		    char *err, size_t errlen)
{
	if (!strcmp(arg, "up") || !strcmp(arg, "down")) {
		set->has_link_up = true;
		set->link_up = !strcmp(arg, "up");
		return CLI_OK;
	}
	virtnet_field_err(err, errlen, "--link", arg, "must be up or down");
	return CLI_FAIL;
}

/* -S ID or -S VUID */
static int sf_from_opt(struct virtnet_modify_args *args, const char *arg,
		       char *err, size_t errlen)
{
	uint64_t v;

	args->set.has_sf_from = true;
	if (arg[0] >= '0' && arg[0] <= '9') {
		if (virtnet_num_parse(&virtnet_rule_dev_id, "--sf-from", arg, &v, err, errlen))
			return CLI_FAIL;
		args->set.sf_from = (uint32_t)v;
		return CLI_OK;
	}
	if (virtnet_check_vuid("--sf-from", arg, err, errlen))
		return CLI_FAIL;
	snprintf(args->sf_from_vuid, sizeof(args->sf_from_vuid), "%s", arg);
	return CLI_OK;
}

static int device_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	struct virtnet_modify_args *args = ctx;
	struct virtnet_dev_set_req *set = &args->set;
	const struct virtnet_num_rule *rule;
	char field[40];
	uint64_t v;

	snprintf(field, sizeof(field), "--%s", opt->long_name);
	switch (opt->short_name) {
	case 'm':
		if (virtnet_mac_parse_unicast(field, arg, set->mac, err, errlen))
			return CLI_FAIL;
		set->has_mac = true;
		return CLI_OK;
	case 'l':
		return link_opt(set, arg, err, errlen);
	case 'M':
		if (virtnet_parse_dev_mode(field, arg, &set->mode, err, errlen))
			return CLI_FAIL;
		set->has_mode = true;
		return CLI_OK;
	case 'N':
		if (virtnet_check_vdpa_name(field, arg, err, errlen))
			return CLI_FAIL;
		snprintf(set->vdpa_name, sizeof(set->vdpa_name), "%s", arg);
		return CLI_OK;
	case 'S':
		return sf_from_opt(args, arg, err, errlen);
	case 't': rule = &virtnet_rule_mtu; break;
	case 'f': rule = &virtnet_rule_features; break;
	case 'n': rule = &virtnet_rule_num_msix; break;
	case 'q': rule = &virtnet_rule_queue_size; break;
	default: return CLI_OK;
	}
	if (virtnet_num_parse(rule, field, arg, &v, err, errlen))
		return CLI_FAIL;
	/* The rules keep v within each field's type. */
	switch (opt->short_name) {
	case 't':
		set->has_mtu = true;
		set->mtu = (uint16_t)v;
		break;
	case 'f':
		set->has_features = true;
		set->features = v;
		break;
	case 'n':
		/* One vector per virtqueue plus the configuration vector. */
		set->has_num_queues = true;
		set->num_queues = (uint16_t)(v - 1);
		break;
	case 'q':
		set->has_queue_size = true;
		set->queue_size = (uint16_t)v;
		break;
	}
	return CLI_OK;
}

/* The queue options; the direction applies once all are read. */
struct queue_args {
	bool rx, tx;
	struct virtnet_coal_set coal;
};

static int queue_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		     char *err, size_t errlen)
{
	struct queue_args *q = ctx;
	char field[40];
	uint64_t v;

	snprintf(field, sizeof(field), "--%s", opt->long_name);
	switch (opt->short_name) {
	case 'd':
		if (strcmp(arg, "rx") && strcmp(arg, "tx") && strcmp(arg, "both")) {
			virtnet_field_err(err, errlen, field, arg, "must be rx, tx or both");
			return CLI_FAIL;
		}
		q->rx = strcmp(arg, "tx") != 0;
		q->tx = strcmp(arg, "rx") != 0;
		return CLI_OK;
	case 'p':
		if (virtnet_num_parse(&virtnet_rule_coal_usecs, field, arg, &v, err, errlen))
			return CLI_FAIL;
		q->coal.has_usecs = true;
		q->coal.usecs = (uint32_t)v;
		return CLI_OK;
	case 'n':
		if (virtnet_num_parse(&virtnet_rule_coal_max_packets, field, arg, &v,
				      err, errlen))
			return CLI_FAIL;
		q->coal.has_max_packets = true;
		q->coal.max_packets = (uint32_t)v;
		return CLI_OK;
	}
	return CLI_OK;
}

/* The first device option other than -M/-N that set has, or NULL. */
static const char *other_change(const struct virtnet_dev_set_req *set)
{
	if (set->has_mac)
		return "-m/--mac";
	if (set->has_mtu)
		return "-t/--mtu";
	if (set->has_features)
		return "-f/--features";
	if (set->has_num_queues)
		return "-n/--num_msix";
	if (set->has_queue_size)
		return "-q/--max_queue_size";
	if (set->has_link_up)
		return "-l/--link";
	return NULL;
}

static int parse_device(int argc, char **argv, struct virtnet_modify_args *args,
			char *err, size_t errlen)
{
	int ret = cli_parse(&device_spec, argc, argv, device_opt, args, err, errlen);
	struct virtnet_dev_set_req *set = &args->set;
	const char *other = other_change(set);

	if (ret)
		return ret;
	/* The takeover exchanges two devices' SFs and changes nothing else. */
	if (set->has_sf_from && (other || set->has_mode || set->vdpa_name[0])) {
		snprintf(err, errlen, "option -S/--sf-from cannot be used with %s: the SF "
			 "takeover must be the only change", other ? other :
			 set->has_mode ? "-M/--mode" : "-N/--vdpa-name");
		return CLI_USAGE;
	}
	if (set->has_sf_from)
		return CLI_OK;
	/* The hand-over moves the function to another bus and changes nothing else. */
	if (other && set->has_mode) {
		snprintf(err, errlen, "options -M/--mode and %s cannot be used together: "
			 "-M hands the function over to another bus and must be the only "
			 "change (only -N/--vdpa-name may go with -M vdpa)", other);
		return CLI_USAGE;
	}
	ret = cli_vdpa_name_check(set->has_mode, set->mode, set->vdpa_name, err, errlen);
	if (!ret && !other && !set->has_mode) {
		snprintf(err, errlen, "nothing to modify: give at least one of -m/--mac, "
			 "-t/--mtu, -f/--features, -n/--num_msix, -q/--max_queue_size, "
			 "-l/--link after 'device', or -M/--mode or -S/--sf-from alone");
		return CLI_USAGE;
	}
	return ret;
}

static int parse_queue(int argc, char **argv, struct virtnet_dev_set_req *set,
		       char *err, size_t errlen)
{
	struct queue_args q = { .rx = true, .tx = true };
	int ret = cli_parse(&queue_spec, argc, argv, queue_opt, &q, err, errlen);

	if (ret)
		return ret;
	if (!q.coal.has_usecs && !q.coal.has_max_packets) {
		snprintf(err, errlen, "nothing to modify: give -p/--period, "
			 "-n/--max_count or both after 'queue'");
		return CLI_USAGE;
	}
	if (q.rx)
		set->rx_coal = q.coal;
	if (q.tx)
		set->tx_coal = q.coal;
	return CLI_OK;
}

/* The target part: argv[0] is the target word. */
static int parse_target(int argc, char **argv, struct virtnet_modify_args *out,
			char *err, size_t errlen)
{
	if (!strcmp(argv[0], "device")) {
		out->target_name = "device";
		return parse_device(argc, argv, out, err, errlen);
	}
	if (!strcmp(argv[0], "queue")) {
		out->target_name = "queue";
		return parse_queue(argc, argv, &out->set, err, errlen);
	}
	snprintf(err, errlen, "unknown target '%s' (choose from device, queue)", argv[0]);
	return CLI_USAGE;
}

int virtnet_modify_args_parse(int argc, char **argv, struct virtnet_modify_args *out,
			      char *err, size_t errlen)
{
	char terr[CLI_ERRLEN];
	int next, ret, tret;

	memset(out, 0, sizeof(*out));
	ret = cli_parse_until_word(&cli_modify_spec, argc, argv, target_opt, &out->target,
				   &next, err, errlen);
	if (ret == CLI_HELP)
		return ret;
	if (next < 0)
		return ret;		/* a bad option before the target */
	if (next == argc) {
		if (!ret)
			snprintf(err, errlen, "a target is required: device or queue "
				 "(e.g. virtnet modify -p 0 device -m 0C:C4:7A:FF:22:98)");
		return ret ? ret : CLI_USAGE;
	}
	/* `modify device -h` shows the target's options even without a selector. */
	tret = parse_target(argc - next, argv + next, out, terr, sizeof(terr));
	if (tret == CLI_HELP)
		return tret;
	if (!ret)
		ret = cli_vf_check(&out->target, false, err, errlen);
	if (!ret && tret) {
		snprintf(err, errlen, "%s", terr);
		ret = tret;
	}
	return ret;
}

/* The kernel's EBUSY comes with an extack message; older kernels' without. */
static void explain_busy(struct virtnet_genl *g, const struct virtnet_dev_set_req *set)
{
	if (g->errmsg[0] || !virtnet_dev_set_req_needs_unbound(set))
		return;
	snprintf(g->errmsg, sizeof(g->errmsg), "the host driver is bound to the device: "
		 "unbind it first, modify, then bind it again (only -l/--link and the "
		 "queue coalescing change while it is bound)");
}

int cmd_modify(struct cli *cli, int argc, char **argv)
{
	struct virtnet_modify_args args;
	struct virtnet_genl g;
	struct virtnet_dev dev;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_modify_args_parse(argc, argv, &args, err, sizeof(err));
	/* Help and usage of the target given, if any: its options are what matter. */
	if (ret)
		return cli_parse_done(cli, !args.target_name ? &cli_modify_spec :
				      args.target_name[0] == 'd' ? &device_spec : &queue_spec,
				      ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	/* -p -v names a VF through its parent: find its VUID first. */
	args.set.sel = args.target.sel;
	if (args.target.has_vf) {
		ret = cli_target_get(cli, CMD_NAME, &g, &args.target, &dev);
		args.set.sel = (struct virtnet_dev_sel){ .by_vuid = true };
		if (!ret)
			snprintf(args.set.sel.vuid, sizeof(args.set.sel.vuid), "%s", dev.vuid);
	}
	/* -S by VUID: the kernel takes the source's id. */
	if (!ret && args.sf_from_vuid[0]) {
		struct virtnet_dev_sel src = { .by_vuid = true };

		snprintf(src.vuid, sizeof(src.vuid), "%s", args.sf_from_vuid);
		ret = virtnet_dev_get(&g, &src, &dev);
		if (ret)
			ret = cli_kernel_error(cli, "modify --sf-from", &g, ret);
		else
			args.set.sf_from = dev.id;
	}
	if (!ret) {
		ret = virtnet_dev_set(&g, &args.set, &dev);
		if (ret == -EBUSY)
			explain_busy(&g, &args.set);
		if (ret)
			ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
		else
			ret = cli_print_json(cli, CMD_NAME, virtnet_json_modify(&dev));
	}
	virtnet_genl_close(&g);
	return ret;
}
