/* log.c - `virtnet log -l {info,err,debug}`: the controller's log level. */
#include "cli.h"

#define CMD_NAME "log"

#include <string.h>

#include "ctrl.h"

static const struct cli_opt log_opts[] = {
	{ 'l', "level", "{info,err,debug}", "log level: info/err/debug", CLI_OPT_REQUIRED },
	{ 0 }
};

const struct cli_spec cli_log_spec = {
	.name = CMD_NAME,
	.summary = "set log level",
	.opts = log_opts,
};

static int log_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		   char *err, size_t errlen)
{
	int level = virtnet_log_level_parse(arg);

	(void)opt;
	if (level < 0) {
		snprintf(err, errlen, "invalid --level '%s': must be info, err or debug", arg);
		return CLI_FAIL;
	}
	*(int *)ctx = level;
	return CLI_OK;
}

int virtnet_log_args_parse(int argc, char **argv, int *level, char *err, size_t errlen)
{
	*level = -1;
	return cli_parse(&cli_log_spec, argc, argv, log_opt, level, err, errlen);
}

int cmd_log(struct cli *cli, int argc, char **argv)
{
	struct virtnet_ctrl_info info;
	struct virtnet_genl g;
	char err[CLI_ERRLEN];
	int ret, level;

	ret = virtnet_log_args_parse(argc, argv, &level, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_log_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = virtnet_ctrl_log_level(&g, (uint8_t)level);
	if (!ret)
		ret = virtnet_ctrl_get(&g, &info);
	if (ret)
		ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
	else
		ret = cli_print_json(cli, CMD_NAME, json_pack("{s:s}", "log_level",
				     virtnet_log_level_name(info.log_level)));
	virtnet_genl_close(&g);
	return ret;
}
