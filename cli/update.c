/*
 * update.c - `virtnet update -s|--start` and `virtnet update -t|--status`
 * (the guide also writes them `update start` and `update status`): the
 * live update of the controller, through the kernel's relay.
 */
#include "cli.h"

#define CMD_NAME "update"

#include <string.h>

#include "ctrl.h"
#include "output.h"

static const struct cli_opt update_opts[] = {
	{ 's', "start", NULL, "start a live update to the installed controller", 0 },
	{ 't', "status", NULL, "show the state of the live update", 0 },
	{ 0 }
};

const struct cli_spec cli_update_spec = {
	.name = CMD_NAME,
	.summary = "live update of the controller",
	.opts = update_opts,
	.one_of = "st",
};

static int update_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	(void)arg;
	(void)err;
	(void)errlen;
	*(char *)ctx = opt->short_name;
	return CLI_OK;
}

int virtnet_update_args_parse(int argc, char **argv, char *what, char *err, size_t errlen)
{
	char *args[3];

	*what = 0;
	/* The guide's `virtnet update status` and `update start`. */
	if (argc == 2 && (!strcmp(argv[1], "status") || !strcmp(argv[1], "start"))) {
		args[0] = argv[0];
		args[1] = !strcmp(argv[1], "status") ? "--status" : "--start";
		args[2] = NULL;
		argv = args;
	}
	return cli_parse(&cli_update_spec, argc, argv, update_opt, what, err, errlen);
}

json_t *virtnet_json_ctrl_status(const char *status)
{
	json_t *a = json_array();
	const char *p = status;

	while (a && *p) {
		size_t len = strcspn(p, "\n");

		if (len && json_array_append_new(a, virtnet_json_textn(p, len))) {
			json_decref(a);
			return NULL;
		}
		p += len;
		p += *p == '\n';
	}
	return a;
}

json_t *virtnet_json_ctrl(const struct virtnet_ctrl_info *info)
{
	json_t *j = json_pack("{s:s, s:s, s:s}",
			      "controller", virtnet_ctrl_state_name(info->state),
			      "update_status", virtnet_update_status_name(info->update_status),
			      "log_level", virtnet_log_level_name(info->log_level));

	if (j && info->version[0] &&
	    (json_object_set_new(j, "version", virtnet_json_text(info->version)) ||
	     json_object_set_new(j, "pid", json_integer(info->pid)))) {
		json_decref(j);
		return NULL;
	}
	if (j && info->prev_version[0] &&
	    json_object_set_new(j, "previous_version", virtnet_json_text(info->prev_version))) {
		json_decref(j);
		return NULL;
	}
	if (j && info->status[0] &&
	    json_object_set_new(j, "status", virtnet_json_ctrl_status(info->status))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int cmd_update(struct cli *cli, int argc, char **argv)
{
	struct virtnet_ctrl_info info;
	struct virtnet_genl g;
	char err[CLI_ERRLEN], what;
	int ret;

	ret = virtnet_update_args_parse(argc, argv, &what, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_update_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = what == 's' ? virtnet_ctrl_update(&g) : 0;
	if (!ret)
		ret = virtnet_ctrl_get(&g, &info);
	if (ret)
		ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
	else
		ret = cli_print_json(cli, CMD_NAME, virtnet_json_ctrl(&info));
	virtnet_genl_close(&g);
	return ret;
}
