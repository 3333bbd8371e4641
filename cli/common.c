/* common.c - what every subcommand does the same way: errors, JSON, selectors. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

#include "devfind.h"
#include "output.h"
#include "ops.h"

void cli_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(cli->err, "%s%s%s: ", CLI_PROG, cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(cli->err, fmt, ap);
	va_end(ap);
	fputc('\n', cli->err);
}

int cli_parse_done(struct cli *cli, const struct cli_spec *spec, int ret,
		   const char *err)
{
	switch (ret) {
	case CLI_OK:
		return CLI_OK;
	case CLI_HELP:
		cli_help(cli->out, spec);
		return CLI_OK;
	case CLI_USAGE:
		cli_usage(cli->err, spec);
		cli_error(cli, spec->name, "%s", err);
		return CLI_USAGE;
	default:
		cli_error(cli, spec->name, "%s", err);
		return CLI_FAIL;
	}
}

int cli_open(struct cli *cli, struct virtnet_genl *g)
{
	if (virtnet_genl_open(g) == 0)
		return CLI_OK;
	cli_error(cli, NULL, "%s", g->errmsg);
	return CLI_FAIL;
}

int cli_kernel_error(struct cli *cli, const char *cmd, struct virtnet_genl *g, int ret)
{
	cli_error(cli, cmd, "%s", g->errmsg[0] ? g->errmsg : strerror(-ret));
	return CLI_FAIL;
}

int cli_print_json(struct cli *cli, const char *cmd, json_t *json)
{
	int ret;

	if (!json) {
		cli_error(cli, cmd, "out of memory");
		return CLI_FAIL;
	}
	ret = virtnet_json_print(cli->out, json, cli->pretty);
	json_decref(json);
	if (ret) {
		cli_error(cli, cmd, "cannot write the output");
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cli_sel_opt(struct virtnet_dev_sel *sel, const struct cli_opt *opt,
		const char *arg, char *err, size_t errlen)
{
	char field[40];
	uint64_t v;

	snprintf(field, sizeof(field), "--%s", opt->long_name);
	switch (opt->short_name) {
	case 'p':
		if (virtnet_num_parse(&virtnet_rule_dev_id, field, arg, &v, err, errlen))
			return CLI_FAIL;
		sel->by_vuid = false;
		sel->id = (uint32_t)v;
		return CLI_OK;
	case 'u':
		if (virtnet_check_vuid(field, arg, err, errlen))
			return CLI_FAIL;
		sel->by_vuid = true;
		snprintf(sel->vuid, sizeof(sel->vuid), "%s", arg);
		return CLI_OK;
	}
	return CLI_OK;
}

int cli_vf_opt(struct cli_target *t, const char *arg, char *err, size_t errlen)
{
	uint64_t v;

	if (virtnet_num_parse(&virtnet_rule_vf_id, "--vf", arg, &v, err, errlen))
		return CLI_FAIL;
	t->has_vf = true;
	t->vf_id = (uint32_t)v;
	return CLI_OK;
}

int cli_vf_check(const struct cli_target *t, bool all, char *err, size_t errlen)
{
	const char *other = all ? "-a/--all" : t->sel.by_vuid ? "-u/--vuid" : NULL;

	if (!t->has_vf || !other)
		return CLI_OK;
	/* A VUID names a VF on its own; -v picks a VF of the -p PF. */
	snprintf(err, errlen, "options %s and -v/--vf cannot be used together "
		 "(-v selects a VF of the static PF given with -p)", other);
	return CLI_USAGE;
}

/* VF t->vf_id of PF t->sel.id, from a dump: the kernel looks up by id or VUID only. */
static int get_vf(struct cli *cli, const char *cmd, struct virtnet_genl *g,
		  const struct cli_target *t, struct virtnet_dev *dev)
{
	struct virtnet_dev_list list;
	const struct virtnet_dev *vf;
	char err[CLI_ERRLEN];
	int ret = virtnet_dev_dump(g, &list);

	if (ret)
		return cli_kernel_error(cli, cmd, g, ret);
	vf = virtnet_devs_find_vf(list.devs, list.count, t->sel.id, t->vf_id,
				  err, sizeof(err));
	if (vf)
		*dev = *vf;
	else
		cli_error(cli, cmd, "%s", err);
	virtnet_dev_list_free(&list);
	return vf ? CLI_OK : CLI_FAIL;
}

int cli_target_get(struct cli *cli, const char *cmd, struct virtnet_genl *g,
		   const struct cli_target *t, struct virtnet_dev *dev)
{
	int ret;

	if (t->has_vf)
		return get_vf(cli, cmd, g, t, dev);
	ret = virtnet_dev_get(g, &t->sel, dev);
	return ret ? cli_kernel_error(cli, cmd, g, ret) : CLI_OK;
}

int cli_vdpa_name_check(bool has_mode, uint8_t mode, const char *vdpa_name,
			char *err, size_t errlen)
{
	if (!vdpa_name[0] || (has_mode && mode == VIRTNET_DEV_MODE_VDPA))
		return CLI_OK;
	if (has_mode)
		snprintf(err, errlen, "option -N/--vdpa-name goes only with -M/--mode vdpa, "
			 "not with --mode virtio (a function on the virtio bus has no vdpa device)");
	else
		snprintf(err, errlen, "option -N/--vdpa-name needs -M/--mode vdpa "
			 "(it names the function's vdpa device)");
	return CLI_USAGE;
}
