/* test_cli_main.c - the whole program: dispatch, global options, output, exit codes. */
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "genl.h"

static char *out_text, *err_text;

/* Run `virtnet ARGS...`; stdout and stderr land in out_text/err_text. */
static int run(const char *first, ...)
{
	char *argv[32] = { "virtnet" };
	size_t out_len, err_len;
	struct cli cli = { .pretty = true };
	va_list ap;
	int argc = 1, ret;

	va_start(ap, first);
	for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;

	free(out_text);
	free(err_text);
	out_text = err_text = NULL;
	cli.out = open_memstream(&out_text, &out_len);
	cli.err = open_memstream(&err_text, &err_len);
	ret = cli_main(&cli, argc, argv);
	fclose(cli.out);
	fclose(cli.err);
	return ret;
}

TEST(main_help_lists_commands)
{
	CHECK_EQ(run("-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet [-h] [-v] {hotplug,unplug,list,query,modify,stats,log,update,version,monitor} ...\n");
	CHECK_CONTAINS(out_text, "    hotplug             hotplug virtnet device\n");
	CHECK_CONTAINS(out_text, "    query               query all or individual virtnet device(s)\n");
	CHECK_CONTAINS(out_text, "  -v, --version         show program's version number and exit\n");
	CHECK_STREQ(err_text, "");
	CHECK_EQ(run("--help", "list", NULL), 0);
}

TEST(main_version)
{
	CHECK_EQ(run("-v", NULL), 0);
	CHECK_STREQ(out_text, "virtnet 0.1.0\n");
	CHECK_EQ(run("--version", NULL), 0);
	CHECK_STREQ(out_text, "virtnet 0.1.0\n");
}

TEST(main_usage_errors_exit_2)
{
	CHECK_EQ(run(NULL), 2);
	CHECK_STREQ(err_text, "usage: virtnet [-h] [-v] {hotplug,unplug,list,query,modify,stats,log,update,version,monitor} ...\n"
			      "virtnet: a command is required\n");
	CHECK_EQ(run("frobnicate", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet: unknown command 'frobnicate' (choose from hotplug, unplug, list, query, modify, stats, log, update, version, monitor)\n");
	CHECK_EQ(run("-x", "list", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet: unrecognized option '-x'\n");
	CHECK_EQ(run("--nope", "list", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet: unrecognized option '--nope'\n");
}

TEST(main_prefix_matching)
{
	CHECK_EQ(run("hot", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet hotplug [-h] -i IBDEV [-f FEATURES] -m MAC -t MTU "
				 "-n QUEUES -s QUEUE_SIZE [-l] [-M {virtio,vdpa}] [-N NAME]\n");
	CHECK_EQ(run("q", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet query [-h] (-p ID [-v VF_ID] | -u VUID | -a)\n");
	CHECK_EQ(run("unp", "--help", NULL), 0);
	CHECK_CONTAINS(out_text, "usage: virtnet unplug [-h] (-p ID | -u VUID)\n");
	CHECK_EQ(run("-j", "-p", "li", "-h", NULL), 0);
	CHECK_CONTAINS(out_text, "usage: virtnet list [-h]\n\nlist all virtnet devices\n");
	CHECK_EQ(run("up", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet update [-h] (-s | -t)\n");
	/* iproute2's rule: a shared prefix names the first in table order. */
	CHECK_EQ(run("u", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet unplug ");
	CHECK_EQ(run("l", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet list ");
	CHECK_EQ(run("lo", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet log ");
	/* modify starts with a letter of its own: "m" is enough. */
	CHECK_EQ(run("m", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet modify [-h] (-p ID [-v VF_ID] | -u VUID) {device,queue} ...\n");
	CHECK_EQ(run("mod", "-p", "0", "device", "-h", NULL), 0);
	CHECK_CONTAINS(out_text, "  -m MAC, --mac MAC     new unicast MAC address");
	CHECK(!strstr(out_text, "--vuid"));
	CHECK_EQ(run("modiffy", "-h", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet: unknown command 'modiffy' (choose from hotplug, unplug, "
				 "list, query, modify, stats, log, update, version, monitor)\n");
	/* stats: "s" is enough, and its help lists -q. */
	CHECK_EQ(run("s", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet stats [-h] (-p ID [-v VF_ID] | -u VUID) [-q QID]\n");
	CHECK_CONTAINS(out_text, "-q QID, --qid QID");
	CHECK_EQ(run("mod", "queue", "-h", NULL), 0);
	CHECK_CONTAINS(out_text, "-d {rx,tx,both}, --direction {rx,tx,both}");
	CHECK_EQ(run("v", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet version [-h]");
	/* monitor comes last: "m" and "mo" still mean modify. */
	CHECK_EQ(run("mo", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet modify ");
	CHECK_EQ(run("mon", "-h", NULL), 0);
	CHECK_PREFIX(out_text, "usage: virtnet monitor [-h] [-j] [-s] [-r BYTES]\n");
	CHECK_CONTAINS(out_text, "-r BYTES, --rcvbuf BYTES");
}

TEST(main_modify_errors_before_netlink)
{
	/* Nothing is sent: the CLI refuses first, and says why. */
	CHECK_EQ(run("modify", "-p", "0", "device", "-t", "9300", NULL), 1);
	CHECK_STREQ(out_text, "");
	CHECK_STREQ(err_text, "virtnet modify: invalid --mtu '9300': must be between 68 and 9216\n");
	CHECK_EQ(run("modify", "-p", "0", "device", "-n", "3", NULL), 1);
	CHECK_PREFIX(err_text, "virtnet modify: invalid --num_msix '3': must be an even number "
			       "between 4 and 32 (MSI-X vectors: ");
	/* A target's usage error shows that target's usage line. */
	CHECK_EQ(run("modify", "-p", "0", "device", NULL), 2);
	CHECK_STREQ(err_text, "usage: virtnet modify [-h] (-p ID [-v VF_ID] | -u VUID) device "
			      "[-m MAC] [-t MTU] [-f FEATURES] [-n NUM_MSIX] [-q MAX_QUEUE_SIZE] "
			      "[-l {up,down}] [-M {virtio,vdpa} [-N NAME]] [-S DEVICE]\n"
			      "virtnet modify: nothing to modify: give at least one of -m/--mac, "
			      "-t/--mtu, -f/--features, -n/--num_msix, -q/--max_queue_size, "
			      "-l/--link after 'device', or -M/--mode or -S/--sf-from alone\n");
	CHECK_EQ(run("modify", "-p", "0", "queue", "-d", "rx", NULL), 2);
	CHECK_PREFIX(err_text, "usage: virtnet modify [-h] (-p ID [-v VF_ID] | -u VUID) queue "
			       "[-d {rx,tx,both}] [-p PERIOD] [-n MAX_COUNT]\n");
	CHECK_EQ(run("modify", "-p", "0", "queue", "-d", "up", "-p", "10", NULL), 1);
	CHECK_STREQ(err_text, "virtnet modify: invalid --direction 'up': must be rx, tx or both\n");
	CHECK_EQ(run("st", "-p", "0", "-q", "99", NULL), 1);
	CHECK_STREQ(err_text, "virtnet stats: invalid --qid '99': must be a virtqueue index "
			      "between 0 and 30\n");
	CHECK_EQ(run("modify", "-p", "0", "device", "-m", "01:00:5E:00:00:01", NULL), 1);
	CHECK_PREFIX(err_text, "virtnet modify: invalid --mac '01:00:5E:00:00:01': must be a unicast");
	CHECK_EQ(run("query", "-p", "1", "-u", "VNETS0D0F2VF1", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet query: options -p/--pf and -u/--vuid cannot be used together\n");
}

TEST(main_controller_commands_parse)
{
	char err[256], what;
	char *start[] = { "update", "start", NULL }, *status[] = { "update", "status", NULL };
	char *s[] = { "update", "-s", NULL }, *both[] = { "update", "-s", "-t", NULL };
	char *lvl[] = { "log", "-l", "debug", NULL }, *bad[] = { "log", "-l", "loud", NULL };
	char *none[] = { "log", NULL };
	int level;

	CHECK_EQ(virtnet_update_args_parse(2, start, &what, err, sizeof(err)), 0);
	CHECK_EQ(what, 's');
	CHECK_EQ(virtnet_update_args_parse(2, status, &what, err, sizeof(err)), 0);
	CHECK_EQ(what, 't');
	CHECK_EQ(virtnet_update_args_parse(2, s, &what, err, sizeof(err)), 0);
	CHECK_EQ(what, 's');
	CHECK(virtnet_update_args_parse(3, both, &what, err, sizeof(err)) != 0);
	CHECK_EQ(virtnet_log_args_parse(3, lvl, &level, err, sizeof(err)), 0);
	CHECK_EQ(level, 2);
	CHECK(virtnet_log_args_parse(3, bad, &level, err, sizeof(err)) != 0);
	CHECK_CONTAINS(err, "invalid --level 'loud': must be info, err or debug");
	CHECK(virtnet_log_args_parse(1, none, &level, err, sizeof(err)) != 0);
}

static int nop(struct cli *cli, int argc, char **argv)
{
	(void)cli, (void)argc, (void)argv;
	return 0;
}

TEST(cmd_find_exact_then_first_prefix)
{
	static const struct cli_spec specs[] = {
		{ .name = "unplug" }, { .name = "update" }, { .name = "list" },
		{ .name = "log" }, { .name = "query" },
	};
	static const struct cli_cmd cmds[] = {
		{ nop, &specs[0] }, { nop, &specs[1] }, { nop, &specs[2] },
		{ nop, &specs[3] }, { nop, &specs[4] },
	};
	char err[256];

	CHECK(cli_cmd_find(cmds, 5, "unplug", err, sizeof(err)) == &cmds[0]);
	CHECK(cli_cmd_find(cmds, 5, "unp", err, sizeof(err)) == &cmds[0]);
	CHECK(cli_cmd_find(cmds, 5, "upd", err, sizeof(err)) == &cmds[1]);
	CHECK(cli_cmd_find(cmds, 5, "li", err, sizeof(err)) == &cmds[2]);
	/* iproute2's rule: the first in table order */
	CHECK(cli_cmd_find(cmds, 5, "u", err, sizeof(err)) == &cmds[0]);
	CHECK(cli_cmd_find(cmds, 5, "up", err, sizeof(err)) == &cmds[1]);
	CHECK(cli_cmd_find(cmds, 5, "l", err, sizeof(err)) == &cmds[2]);
	CHECK(cli_cmd_find(cmds, 5, "lo", err, sizeof(err)) == &cmds[3]);
	CHECK(cli_cmd_find(cmds, 5, "", err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "unknown command ''");
	CHECK(cli_cmd_find(cmds, 5, "listx", err, sizeof(err)) == NULL);
	CHECK_STREQ(err, "unknown command 'listx' (choose from unplug, update, list, log, query)");
}

TEST(main_every_command_has_help)
{
	for (size_t i = 0; i < cli_ncmds; i++) {
		CHECK_EQ(run(cli_cmds[i].spec->name, "-h", NULL), 0);
		CHECK_CONTAINS(out_text, "usage: virtnet ");
		CHECK_CONTAINS(out_text, cli_cmds[i].spec->summary);
		CHECK_CONTAINS(out_text, "  -h, --help            show this help message and exit\n");
		CHECK_STREQ(err_text, "");
	}
}

TEST(main_hotplug_validation_before_netlink)
{
	CHECK_EQ(run("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "9999",
		     "-n", "3", "-s", "1024", NULL), 1);
	CHECK_STREQ(err_text, "virtnet hotplug: invalid --mtu '9999': must be between 68 and 9216\n");
	CHECK_STREQ(out_text, "");
	CHECK_EQ(run("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", NULL), 2);
	CHECK_STREQ(err_text, "usage: virtnet hotplug [-h] -i IBDEV [-f FEATURES] -m MAC -t MTU "
			      "-n QUEUES -s QUEUE_SIZE [-l] [-M {virtio,vdpa}] [-N NAME]\n"
			      "virtnet hotplug: missing required options: -t/--mtu, -n/--num_queues, "
			      "-s/--queue_size\n");
	CHECK_EQ(run("unplug", "-p", "0", "-u", "VNETS1D0F0", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet unplug: options -p/--pf and -u/--vuid cannot be used together\n");
	CHECK_EQ(run("query", "-p", "abc", NULL), 1);
	CHECK_STREQ(err_text, "virtnet query: invalid --pf 'abc': not a number; must be a device id, "
			      "a number between 0 and 4294967295\n");
}

TEST(main_mode_errors_before_netlink)
{
	/* The hand-over goes alone: refused before anything is sent, status 2. */
	CHECK_EQ(run("modify", "-p", "0", "device", "-M", "vdpa", "-t", "9000", NULL), 2);
	CHECK_STREQ(out_text, "");
	CHECK_STREQ(err_text, "usage: virtnet modify [-h] (-p ID [-v VF_ID] | -u VUID) device "
			      "[-m MAC] [-t MTU] [-f FEATURES] [-n NUM_MSIX] [-q MAX_QUEUE_SIZE] "
			      "[-l {up,down}] [-M {virtio,vdpa} [-N NAME]] [-S DEVICE]\n"
			      "virtnet modify: options -M/--mode and -t/--mtu cannot be used "
			      "together: -M hands the function over to another bus and must be "
			      "the only change (only -N/--vdpa-name may go with -M vdpa)\n");
	CHECK_EQ(run("modify", "-p", "0", "device", "--mode", "vhost", NULL), 1);
	CHECK_STREQ(out_text, "");
	CHECK_STREQ(err_text, "virtnet modify: invalid --mode 'vhost': must be virtio or vdpa\n");
	CHECK_EQ(run("modify", "-u", "VNETS1D0F0", "device", "-M", "virtio", "-N", "vdpa0",
		     NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet modify: option -N/--vdpa-name goes only with "
				 "-M/--mode vdpa, not with --mode virtio");
	CHECK_EQ(run("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "1500",
		     "-n", "3", "-s", "1024", "--mode", "bus", NULL), 1);
	CHECK_STREQ(out_text, "");
	CHECK_STREQ(err_text, "virtnet hotplug: invalid --mode 'bus': must be virtio or vdpa\n");
	CHECK_EQ(run("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "1500",
		     "-n", "3", "-s", "1024", "-N", "vdpa0", NULL), 2);
	CHECK_CONTAINS(err_text, "virtnet hotplug: option -N/--vdpa-name needs -M/--mode vdpa "
				 "(it names the function's vdpa device)\n");
	/* The help shows both options. */
	CHECK_EQ(run("hotplug", "-h", NULL), 0);
	CHECK_CONTAINS(out_text, "  -M {virtio,vdpa}, --mode {virtio,vdpa}\n");
	CHECK_CONTAINS(out_text, "  -N NAME, --vdpa-name NAME\n");
	CHECK_EQ(run("modify", "device", "-h", NULL), 0);
	CHECK_CONTAINS(out_text, "  -M {virtio,vdpa}, --mode {virtio,vdpa}\n");
}

TEST(main_list_without_module)
{
	struct virtnet_genl g;

	if (virtnet_genl_open(&g) == 0) {	/* the module is loaded here */
		virtnet_genl_close(&g);
		return;
	}
	CHECK_EQ(run("list", NULL), 1);
	CHECK_STREQ(out_text, "");
	if (!strcmp(g.errmsg, VIRTNET_ENOFAMILY_MSG))
		CHECK_STREQ(err_text, "virtnet: the virtnet_emu kernel module is not loaded "
				      "(generic netlink family 'virtnet' not found)\n");
	CHECK_EQ(run("query", "-a", NULL), 1);
	CHECK_EQ(run("unplug", "-u", "VNETS1D0F0", NULL), 1);
	CHECK_EQ(run("hotplug", "-i", "mlx5_0", "-m", "0C:C4:7A:FF:22:93", "-t", "1500",
		     "-n", "3", "-s", "1024", NULL), 1);
	CHECK_CONTAINS(err_text, "virtnet: ");
}

__attribute__((destructor)) static void free_texts(void)
{
	free(out_text);
	free(err_text);
}
