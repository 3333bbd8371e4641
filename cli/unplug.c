/* unplug.c - `virtnet unplug -p ID | -u VUID`: DEV_DEL. */
#include "cli.h"

#define CMD_NAME "unplug"

#include <string.h>

#include "output.h"
#include "ops.h"

static const struct cli_opt unplug_opts[] = {
	CLI_OPT_PF,
	CLI_OPT_VUID,
	{ 0 }
};

const struct cli_spec cli_unplug_spec = {
	.name = CMD_NAME,
	.summary = "unplug virtnet device",
	.opts = unplug_opts,
	.one_of = "pu",
};

static int unplug_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		      char *err, size_t errlen)
{
	return cli_sel_opt(ctx, opt, arg, err, errlen);
}

int virtnet_unplug_args_parse(int argc, char **argv, struct virtnet_dev_sel *out,
			      char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	return cli_parse(&cli_unplug_spec, argc, argv, unplug_opt, out, err, errlen);
}

int cmd_unplug(struct cli *cli, int argc, char **argv)
{
	struct virtnet_dev_sel sel;
	struct virtnet_dev dev, gone;
	struct virtnet_genl g;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_unplug_args_parse(argc, argv, &sel, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_unplug_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	/* Look the device up first: the output names both its id and VUID. */
	ret = virtnet_dev_get(&g, &sel, &dev);
	if (!ret)
		ret = virtnet_dev_del(&g, &sel, &gone);
	if (ret) {
		ret = cli_kernel_error(cli, CMD_NAME, &g, ret);
	} else {
		const struct virtnet_dev *d = gone.present ? &gone : &dev;

		ret = cli_print_json(cli, CMD_NAME, virtnet_json_unplug(d->id, d->vuid));
	}
	virtnet_genl_close(&g);
	return ret;
}
