// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_cli.c - libFuzzer target for the CLI's argument parsing (cli/,
 * built with main() compiled out as tests/unit does): the command lookup
 * (exact name or unique prefix, cli_cmd_find) and every command's option
 * parser (virtnet_*_args_parse, on top of opts.c's getopt_long tables).
 * No netlink: the parsers are pure.
 *
 * Input: NUL-separated words, at most MAX_WORDS. The first is the command
 * as typed (looked up like `virtnet WORD`); the rest are its arguments.
 * argv is rebuilt from fresh heap copies on every run (getopt permutes
 * it), each word allocated to its exact size so ASan sees overreads.
 *
 * Invariants checked (abort() on violation):
 *  - an unknown command gives a message naming it; a found one is one of
 *    cli_cmds[] and the word is its name or a prefix of it;
 *  - a parser returns CLI_OK, CLI_FAIL, CLI_USAGE or CLI_HELP; FAIL and
 *    USAGE come with a non-empty message, OK with none; the message is
 *    always NUL-terminated within its buffer;
 *  - hotplug's accepted request passes virtnet_dev_new_req_check();
 *    modify's accepted request names its target word and, with the
 *    selector cmd_modify sends it with, passes virtnet_dev_set_req_check()
 *    (but -p N ... -S N, which that check refuses with a message);
 *  - the argv words themselves are not written;
 *  - help and usage of the command print without fault.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ctrl.h"
#include "devreq.h"
#include "fuzz_check.h"

#define MAX_WORDS	32

static int parse(const char *name, int argc, char **argv, char *err, size_t errlen)
{
	if (!strcmp(name, "hotplug")) {
		struct virtnet_dev_new_req req;
		char err2[CLI_ERRLEN];
		int ret;

		memset(&req, 0, sizeof(req));
		ret = virtnet_hotplug_args_parse(argc, argv, &req, err, errlen);
		if (ret == CLI_OK && virtnet_dev_new_req_check(&req, err2, sizeof(err2))) {
			fprintf(stderr, "hotplug accepted a request the library refuses: %s\n",
				err2);
			abort();
		}
		return ret;
	}
	if (!strcmp(name, "unplug")) {
		struct virtnet_dev_sel sel;

		return virtnet_unplug_args_parse(argc, argv, &sel, err, errlen);
	}
	if (!strcmp(name, "list"))
		return virtnet_list_args_parse(argc, argv, err, errlen);
	if (!strcmp(name, "query")) {
		struct virtnet_query_args q;

		return virtnet_query_args_parse(argc, argv, &q, err, errlen);
	}
	if (!strcmp(name, "modify")) {
		struct virtnet_modify_args m;
		char err2[CLI_ERRLEN];
		int ret;

		memset(&m, 0, sizeof(m));
		ret = virtnet_modify_args_parse(argc, argv, &m, err, errlen);
		if (ret == CLI_OK) {
			bool same, ok;

			CHECK(m.target_name);
			/*
			 * What cmd_modify sends: the target (a VF of -p -v by
			 * its VUID), and -S by VUID as the id the kernel gives
			 * (taken to be another device's here).
			 */
			m.set.sel = m.target.sel;
			if (m.target.has_vf) {
				m.set.sel = (struct virtnet_dev_sel){ .by_vuid = true };
				strcpy(m.set.sel.vuid, "VNETS0D0F2VF1");
			}
			if (m.sf_from_vuid[0])
				m.set.sf_from = m.set.sel.by_vuid ? 7 : m.set.sel.id + 1;
			/* -p N ... -S N: the library refuses it before sending. */
			same = m.set.has_sf_from && !m.set.sel.by_vuid &&
			       m.set.sf_from == m.set.sel.id;
			ok = !virtnet_dev_set_req_check(&m.set, err2, sizeof(err2));
			if (ok == same) {
				fprintf(stderr, "modify accepted a request the library %s: %s\n",
					same ? "takes" : "refuses", err2);
				abort();
			}
		}
		return ret;
	}
	if (!strcmp(name, "stats")) {
		struct virtnet_stats_args s;

		return virtnet_stats_args_parse(argc, argv, &s, err, errlen);
	}
	if (!strcmp(name, "update")) {
		char what = 0;
		int ret = virtnet_update_args_parse(argc, argv, &what, err, errlen);

		CHECK(ret != CLI_OK || what == 's' || what == 't');
		return ret;
	}
	if (!strcmp(name, "log")) {
		int level = -1;
		int ret = virtnet_log_args_parse(argc, argv, &level, err, errlen);

		CHECK(ret != CLI_OK ||
		      strcmp(virtnet_log_level_name((unsigned int)level), "unknown"));
		return ret;
	}
	if (!strcmp(name, "version"))
		return virtnet_version_args_parse(argc, argv, err, errlen);
	if (!strcmp(name, "monitor")) {
		struct virtnet_monitor_args mon;

		return virtnet_monitor_args_parse(argc, argv, &mon, err, errlen);
	}
	fprintf(stderr, "command %s has no parser in fuzz_cli.c\n", name);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words[MAX_WORDS + 1], *argv[MAX_WORDS + 1];
	size_t lens[MAX_WORDS];
	const struct cli_cmd *cmd;
	char err[CLI_ERRLEN];
	int nwords = 0, ret;
	size_t pos = 0;

	while (pos < size && nwords < MAX_WORDS) {
		const uint8_t *end = memchr(data + pos, '\0', size - pos);
		size_t len = end ? (size_t)(end - (data + pos)) : size - pos;

		words[nwords] = malloc(len + 1);
		CHECK(words[nwords]);
		memcpy(words[nwords], data + pos, len);
		words[nwords][len] = '\0';
		lens[nwords] = len;
		nwords++;
		pos += len + 1;
	}
	words[nwords] = NULL;
	if (!nwords)
		return 0;

	memset(err, 'x', sizeof(err));
	err[0] = '\0';
	cmd = cli_cmd_find(cli_cmds, cli_ncmds, words[0], err, sizeof(err));
	CHECK(memchr(err, '\0', sizeof(err)));
	if (!cmd) {
		CHECK(!strncmp(err, "unknown command '", 17));
		goto out;
	}
	CHECK(cmd >= cli_cmds && cmd < cli_cmds + cli_ncmds);
	CHECK(!strncmp(cmd->spec->name, words[0], lens[0]));

	argv[0] = (char *)cmd->spec->name;
	for (int i = 1; i < nwords; i++)
		argv[i] = words[i];
	argv[nwords] = NULL;
	memset(err, 'x', sizeof(err));
	err[0] = '\0';
	ret = parse(cmd->spec->name, nwords, argv, err, sizeof(err));
	CHECK(ret == CLI_OK || ret == CLI_FAIL || ret == CLI_USAGE || ret == CLI_HELP);
	CHECK(memchr(err, '\0', sizeof(err)));
	if (ret == CLI_FAIL || ret == CLI_USAGE)
		CHECK(err[0]);
	if (ret == CLI_OK)
		CHECK(!err[0]);
	for (int i = 1; i < nwords; i++)
		CHECK(strlen(words[i]) == lens[i]);
	if (ret == CLI_HELP || ret == CLI_USAGE) {
		FILE *f = fopen("/dev/null", "w");

		CHECK(f);
		if (ret == CLI_HELP)
			cli_help(f, cmd->spec);
		else
			cli_usage(f, cmd->spec);
		fclose(f);
	}
out:
	for (int i = 0; i < nwords; i++)
		free(words[i]);
	return 0;
}
