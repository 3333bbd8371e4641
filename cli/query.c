/*
 * query.c - `virtnet query -p ID [-v VF_ID] | -u VUID | -a`: device state
 * and queue statistics.
 */
#include "cli.h"

#define CMD_NAME "query"

#include <string.h>

#include "output.h"
#include "ops.h"

static const struct cli_opt query_opts[] = {
	CLI_OPT_PF,
	CLI_OPT_VF,
	CLI_OPT_VUID,
	{ 'a', "all", NULL, "query every device", 0 },
	{ 0 }
};

const struct cli_spec cli_query_spec = {
	.name = CMD_NAME,
	.summary = "query all or individual virtnet device(s)",
	.opts = query_opts,
	.one_of = "pua",
	.usage = "(-p ID [-v VF_ID] | -u VUID | -a)",
};

static int query_opt(void *ctx, const struct cli_opt *opt, const char *arg,
		     char *err, size_t errlen)
{
	struct virtnet_query_args *q = ctx;

	switch (opt->short_name) {
	case 'a':
		q->all = true;
		return CLI_OK;
	case 'v':
		return cli_vf_opt(&q->target, arg, err, errlen);
	}
	return cli_sel_opt(&q->target.sel, opt, arg, err, errlen);
}

int virtnet_query_args_parse(int argc, char **argv, struct virtnet_query_args *out,
			     char *err, size_t errlen)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = cli_parse(&cli_query_spec, argc, argv, query_opt, out, err, errlen);
	return ret ? ret : cli_vf_check(&out->target, out->all, err, errlen);
}

static int query_all(struct cli *cli, struct virtnet_genl *g)
{
	struct virtnet_dev_list list;
	int ret = virtnet_dev_dump(g, &list);

	if (ret)
		return cli_kernel_error(cli, CMD_NAME, g, ret);
	ret = cli_print_json(cli, CMD_NAME,
			     json_pack("{s:o}", "devices",
				       virtnet_json_dev_array(list.devs, list.count,
							      virtnet_json_dev_query)));
	virtnet_dev_list_free(&list);
	return ret;
}

int cmd_query(struct cli *cli, int argc, char **argv)
{
	struct virtnet_query_args args;
	struct virtnet_genl g;
	struct virtnet_dev dev;
	char err[CLI_ERRLEN];
	int ret;

	ret = virtnet_query_args_parse(argc, argv, &args, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_query_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	if (args.all) {
		ret = query_all(cli, &g);
	} else {
		ret = cli_target_get(cli, CMD_NAME, &g, &args.target, &dev);
		if (!ret)
			ret = cli_print_json(cli, CMD_NAME, virtnet_json_dev_query(&dev));
	}
	virtnet_genl_close(&g);
	return ret;
}
