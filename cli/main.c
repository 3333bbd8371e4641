/*
 * main.c - `virtnet`: global options, then a prefix-matched subcommand
 * from the dispatch table. Add a command: write NAME.c with its name
 * (CMD_NAME, the only place it is written), its cli_spec and cmd_NAME(),
 * add a line below and the man page; the bash completion asks the program
 * for the commands and how a prefix resolves.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

#include "version.h"

const struct cli_cmd cli_cmds[] = {
	{ cmd_hotplug,	&cli_hotplug_spec },
	{ cmd_unplug,	&cli_unplug_spec },
	{ cmd_list,	&cli_list_spec },
	{ cmd_query,	&cli_query_spec },
	{ cmd_modify,	&cli_modify_spec },
	{ cmd_stats,	&cli_stats_spec },
	{ cmd_log,	&cli_log_spec },
	{ cmd_update,	&cli_update_spec },
	{ cmd_version,	&cli_version_spec },
	/* Last: "m" stays modify and "mo" too; "mon" is enough. */
	{ cmd_monitor,	&cli_monitor_spec },
};
const size_t cli_ncmds = sizeof(cli_cmds) / sizeof(cli_cmds[0]);

/* "{hotplug,unplug,list,query}" */
static void print_choices(FILE *f)
{
	fputc('{', f);
	for (size_t i = 0; i < cli_ncmds; i++)
		fprintf(f, "%s%s", i ? "," : "", cli_cmds[i].spec->name);
	fputc('}', f);
}

static void main_usage(FILE *f)
{
	fprintf(f, "usage: %s [-h] [-v] ", CLI_PROG);
	print_choices(f);
	fputs(" ...\n", f);
}

static void main_help(FILE *f)
{
	char choices[256];
	size_t used = 0;

	main_usage(f);
	fprintf(f, "\n%s command line interface v%s (virtio-net device emulation)\n\n",
		CLI_PROG, VIRTNET_VERSION);
	fputs("positional arguments:\n", f);
	for (size_t i = 0; i < cli_ncmds && used < sizeof(choices); i++)
		used += snprintf(choices + used, sizeof(choices) - used, "%s%s",
				 i ? "," : "{", cli_cmds[i].spec->name);
	fprintf(f, "  %s}\n", choices);
	fprintf(f, "%24s** Use -h for sub-command usage\n", "");
	for (size_t i = 0; i < cli_ncmds; i++)
		fprintf(f, "    %-20s%s\n", cli_cmds[i].spec->name, cli_cmds[i].spec->summary);
	fputs("\noptional arguments:\n", f);
	cli_help_line(f, "-h, --help", "show this help message and exit");
	cli_help_line(f, "-v, --version", "show program's version number and exit");
	cli_help_line(f, "-j, --json", "print JSON on one line (default: pretty-printed)");
	cli_help_line(f, "-p, --pretty", "pretty-print JSON, 2-space indent (the default)");
}

/*
 * iproute2's rule: an exact name, else the first command in table order
 * that the word is a prefix of (so "u" is unplug and "l" is list; the table
 * lists the everyday commands first). The bash completion asks this same
 * function through "virtnet WORD -h".
 */
const struct cli_cmd *cli_cmd_find(const struct cli_cmd *cmds, size_t n,
				   const char *name, char *err, size_t errlen)
{
	size_t len = strlen(name), used = 0;
	char list[256] = "";

	for (size_t i = 0; i < n; i++)
		if (!strcmp(cmds[i].spec->name, name))
			return &cmds[i];
	for (size_t i = 0; len && i < n; i++)
		if (!strncmp(cmds[i].spec->name, name, len))
			return &cmds[i];
	for (size_t i = 0; i < n && used < sizeof(list); i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", cmds[i].spec->name);
	snprintf(err, errlen, "unknown command '%s' (choose from %s)", name, list);
	return NULL;
}

int cli_main(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ 0 }
	};
	const struct cli_cmd *cmd;
	bool json = false, pretty = false;
	char err[CLI_ERRLEN];
	int c;

	optind = 0;
	opterr = 0;
	/* '+': stop at the subcommand; its options are its own. */
	while ((c = getopt_long(argc, argv, "+:hvjp", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			main_help(cli->out);
			return CLI_OK;
		case 'v':
			fprintf(cli->out, "%s %s\n", CLI_PROG, VIRTNET_VERSION);
			return CLI_OK;
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		default:
			main_usage(cli->err);
			if (optopt)
				cli_error(cli, NULL, "unrecognized option '-%c'", optopt);
			else
				cli_error(cli, NULL, "unrecognized option '%s'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	/* Always JSON; -j alone prints it on one line. */
	cli->pretty = pretty || !json;

	if (optind >= argc) {
		main_usage(cli->err);
		cli_error(cli, NULL, "a command is required");
		return CLI_USAGE;
	}
	cmd = cli_cmd_find(cli_cmds, cli_ncmds, argv[optind], err, sizeof(err));
	if (!cmd) {
		main_usage(cli->err);
		cli_error(cli, NULL, "%s", err);
		return CLI_USAGE;
	}
	return cmd->run(cli, argc - optind, argv + optind);
}

#ifndef VIRTNET_CLI_NO_MAIN
int main(int argc, char **argv)
{
	struct cli cli = { .out = stdout, .err = stderr, .pretty = true };

	return cli_main(&cli, argc, argv);
}
#endif
