/*
 * list.c - `virtnet list`: the controller (INFO_GET, CTRL_GET's status) and
 * every device (DEV_GET dump).
 */
#include "cli.h"

#define CMD_NAME "list"

#include "ctrl.h"
#include "output.h"
#include "ops.h"

static const struct cli_opt list_opts[] = { { 0 } };

const struct cli_spec cli_list_spec = {
	.name = CMD_NAME,
	.summary = "list all virtnet devices",
	.opts = list_opts,
};

int virtnet_list_args_parse(int argc, char **argv, char *err, size_t errlen)
{
	return cli_parse(&cli_list_spec, argc, argv, NULL, NULL, err, errlen);
}

/*
 * The module's limits and ports, then what the running controller reports
 * as wrong (a static PF it left down, recovery files it cannot write), so
 * the operator's first look shows it.
 */
static json_t *list_json(const struct virtnet_info *info, const struct virtnet_ctrl_info *ctrl,
			 const struct virtnet_dev_list *list)
{
	json_t *c = virtnet_json_controller(info);

	if (c && json_object_set_new(c, "status", virtnet_json_ctrl_status(ctrl->status))) {
		json_decref(c);
		c = NULL;
	}
	return json_pack("{s:o, s:o}", "controller", c,
			 "devices", virtnet_json_dev_array(list->devs, list->count,
							   virtnet_json_dev));
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	struct virtnet_dev_list list;
	struct virtnet_ctrl_info ctrl;
	struct virtnet_info info;
	struct virtnet_genl g;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_list_args_parse(argc, argv, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_list_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = virtnet_info_get(&g, &info);
	if (!ret)
		ret = virtnet_ctrl_get(&g, &ctrl);
	if (!ret)
		ret = virtnet_dev_dump(&g, &list);
	if (ret) {
		ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
	} else {
		ret = cli_print_json(cli, CMD_NAME, list_json(&info, &ctrl, &list));
		virtnet_dev_list_free(&list);
	}
	virtnet_genl_close(&g);
	return ret;
}
