/*
 * cli.h - shared declarations of the virtnet command line tool: the
 * command table, option tables and their parser, and helpers every
 * subcommand uses.
 */
#ifndef VIRTNET_CLI_H
#define VIRTNET_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "device.h"
#include "devreq.h"
#include "genl.h"

#define CLI_PROG	"virtnet"

/* A limit in a help text, from its constant: CLI_NUM(VIRTNET_MAX_MTU). */
#define CLI_STR(x)	#x
#define CLI_NUM(x)	CLI_STR(x)
/* "MIN..MAX" of two constants. */
#define CLI_RANGE(min, max)	CLI_NUM(min) ".." CLI_NUM(max)
/*
 * Limits the uapi header gives only as expressions, spelled out so a help
 * text can print them; the asserts keep them equal.
 */
#define CLI_MIN_MSIX		4	/* VIRTNET_MIN_VIRTQ + the config vector */
#define CLI_MAX_MSIX		32	/* VIRTNET_MAX_VIRTQ + the config vector */
#define CLI_VDPA_NAME_LEN	63	/* VIRTNET_VDPA_NAME_MAX without the NUL */
_Static_assert(CLI_MIN_MSIX == VIRTNET_MIN_VIRTQ + 1, "CLI_MIN_MSIX");
_Static_assert(CLI_MAX_MSIX == VIRTNET_MAX_VIRTQ + 1, "CLI_MAX_MSIX");
_Static_assert(CLI_VDPA_NAME_LEN == VIRTNET_VDPA_NAME_MAX - 1, "CLI_VDPA_NAME_LEN");
#define CLI_ERRLEN	512
#define CLI_MAX_OPTS	16

/* Exit codes, and what the argument parsers return. */
enum {
	CLI_OK		= 0,
	CLI_FAIL	= 1,	/* a bad value, or the kernel said no */
	CLI_USAGE	= 2,	/* wrong options, like argparse */
	CLI_HELP	= 3,	/* parsers only: -h was given */
};

/* Where a command writes and how it prints JSON. */
struct cli {
	FILE *out;
	FILE *err;
	bool pretty;
};

/* One option of a command. */
struct cli_opt {
	char short_name;
	const char *long_name;
	const char *metavar;		/* NULL: a flag without a value */
	const char *help;
	unsigned int flags;		/* CLI_OPT_* */
};

#define CLI_OPT_REQUIRED	(1u << 0)

/* The device selector options, handled by cli_sel_opt(). */
#define CLI_OPT_PF \
	{ 'p', "pf", "ID", "device id (pf_id in `virtnet list`)", 0 }
#define CLI_OPT_VUID \
	{ 'u', "vuid", "VUID", "VUID of the device, e.g. VNETS1D0F0", 0 }
/* With -p: VF VF_ID of that PF (handled by cli_vf_opt()). */
#define CLI_OPT_VF \
	{ 'v', "vf", "VF_ID", "with -p: the VF of that static PF (vf_id in `virtnet list`)", 0 }

/* A word after a command's options that takes options of its own (modify's "device"). */
struct cli_word {
	const char *name;		/* "device" */
	const char *help;		/* what it does */
	const struct cli_opt *opts;	/* ends with { 0 } */
};

/* A command's options, for parsing, usage and help. */
struct cli_spec {
	const char *name;		/* "hotplug" */
	const char *summary;		/* "hotplug virtnet device" */
	const struct cli_opt *opts;	/* ends with { 0 } */
	const char *one_of;		/* short options of which exactly one must be given */
	const char *usage;		/* after "[-h]"; NULL: made from opts */
	const struct cli_word *targets;	/* NULL, or ends with { 0 } */
};

/* One subcommand: `virtnet NAME ...`. */
struct cli_cmd {
	int (*run)(struct cli *cli, int argc, char **argv);
	const struct cli_spec *spec;	/* its name; its summary is the help line */
};

extern const struct cli_cmd cli_cmds[];
extern const size_t cli_ncmds;

/* main.c: the whole program, testable: returns the exit status. */
int cli_main(struct cli *cli, int argc, char **argv);
/* The command of cmds[n] NAME names: exact or a unique prefix; NULL with err set. */
const struct cli_cmd *cli_cmd_find(const struct cli_cmd *cmds, size_t n,
				   const char *name, char *err, size_t errlen);

/* opts.c */
typedef int (*cli_opt_fn)(void *ctx, const struct cli_opt *opt,
			  const char *arg, char *err, size_t errlen);
/*
 * Parse argv[1..] (argv[0] is the command name) against spec, calling fn
 * for every option in order. Returns CLI_OK, CLI_HELP, CLI_USAGE (with
 * err) or what fn returned (CLI_FAIL with err for a bad value).
 */
int cli_parse(const struct cli_spec *spec, int argc, char **argv,
	      cli_opt_fn fn, void *ctx, char *err, size_t errlen);
/*
 * The same, but the options end at the first word that is not an option
 * (a target such as modify's "device"): *next is its index, argc if there
 * is none, or -1 when the parse stopped before the end of the options.
 */
int cli_parse_until_word(const struct cli_spec *spec, int argc, char **argv,
			 cli_opt_fn fn, void *ctx, int *next, char *err, size_t errlen);
void cli_usage(FILE *f, const struct cli_spec *spec);
void cli_help(FILE *f, const struct cli_spec *spec);
/* "  -i IBDEV, --ib_device IBDEV" + help, wrapped like argparse. */
void cli_help_line(FILE *f, const char *invocation, const char *help);

/* common.c */
void cli_error(struct cli *cli, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* What to do with a parser's result: print help/usage/error; exit status. */
int cli_parse_done(struct cli *cli, const struct cli_spec *spec, int ret,
		   const char *err);
/* Open the family; prints "virtnet: <why>" on failure. 0 or CLI_FAIL. */
int cli_open(struct cli *cli, struct virtnet_genl *g);
/* Print "virtnet CMD: <kernel message or strerror>"; returns CLI_FAIL. */
int cli_kernel_error(struct cli *cli, const char *cmd, struct virtnet_genl *g, int ret);
/* Print and release json; NULL means out of memory. Exit status. */
int cli_print_json(struct cli *cli, const char *cmd, json_t *json);
/* -p ID / -u VUID into a selector (unplug, query). */
int cli_sel_opt(struct virtnet_dev_sel *sel, const struct cli_opt *opt,
		const char *arg, char *err, size_t errlen);

/*
 * After parsing -M/--mode and -N/--vdpa-name (hotplug, modify device): a
 * vdpa name goes only with --mode vdpa. CLI_OK or CLI_USAGE with err.
 */
int cli_vdpa_name_check(bool has_mode, uint8_t mode, const char *vdpa_name,
			char *err, size_t errlen);

/* A device as the user names it: -p ID [-v VF_ID] | -u VUID. */
struct cli_target {
	struct virtnet_dev_sel sel;
	bool has_vf;			/* -v: VF vf_id of PF sel.id */
	uint32_t vf_id;
};
/* -v VF_ID into t. */
int cli_vf_opt(struct cli_target *t, const char *arg, char *err, size_t errlen);
/* After parsing: -v goes with -p only (all: -a was given). CLI_OK or CLI_USAGE. */
int cli_vf_check(const struct cli_target *t, bool all, char *err, size_t errlen);
/*
 * Look the device up: by id or VUID (DEV_GET), or for -p -v the VF in a
 * dump. Prints the error as "virtnet CMD: ..." and returns CLI_FAIL.
 */
int cli_target_get(struct cli *cli, const char *cmd, struct virtnet_genl *g,
		   const struct cli_target *t, struct virtnet_dev *dev);

/* Argument parsers of the subcommands (pure: no output, no netlink). */
int virtnet_hotplug_args_parse(int argc, char **argv,
			       struct virtnet_dev_new_req *out,
			       char *err, size_t errlen);
int virtnet_unplug_args_parse(int argc, char **argv, struct virtnet_dev_sel *out,
			      char *err, size_t errlen);
struct virtnet_query_args {
	bool all;
	struct cli_target target;
};
int virtnet_query_args_parse(int argc, char **argv, struct virtnet_query_args *out,
			     char *err, size_t errlen);
int virtnet_list_args_parse(int argc, char **argv, char *err, size_t errlen);

/*
 * modify: the device, and what to change: `device` options (MAC, MTU,
 * features, MSI-X vectors, queue size, link) or `queue` options
 * (interrupt coalescing). Returns CLI_HELP for `modify -h` and for
 * `modify ... device -h` / `... queue -h`.
 */
struct virtnet_modify_args {
	struct cli_target target;
	struct virtnet_dev_set_req set;	/* set.sel is filled in when sending */
	const char *target_name;	/* "device", "queue"; NULL: none parsed */
	/* -S by VUID: looked up when sending (set.sf_from takes its id). */
	char sf_from_vuid[VIRTNET_VUID_MAX];
};
int virtnet_modify_args_parse(int argc, char **argv, struct virtnet_modify_args *out,
			      char *err, size_t errlen);

/* stats: the device, and one virtqueue (has_qid) or all of them. */
struct virtnet_stats_args {
	struct cli_target target;
	bool has_qid;
	uint16_t qid;
};
int virtnet_stats_args_parse(int argc, char **argv, struct virtnet_stats_args *out,
			     char *err, size_t errlen);
/*
 * stats' output for dev: {"id", "vuid", ["vf_id", "parent_pf_id",]
 * "queues": [...], "totals": {"rx": ..., "tx": ...}}; with has_qid only
 * that queue and no totals. NULL with err set when qid is not one of the
 * device's virtqueues.
 */
json_t *virtnet_json_stats(const struct virtnet_dev *dev, bool has_qid, uint16_t qid,
			   char *err, size_t errlen);

/* update: *what is 's' (--start) or 't' (--status). */
int virtnet_update_args_parse(int argc, char **argv, char *what, char *err,
			      size_t errlen);
/* log: *level is an enum virtnet_log_level. */
int virtnet_log_args_parse(int argc, char **argv, int *level, char *err,
			   size_t errlen);
int virtnet_version_args_parse(int argc, char **argv, char *err, size_t errlen);

/* monitor: JSON lines or text, a snapshot first, the event socket's buffer. */
struct virtnet_monitor_args {
	bool json;
	bool snapshot;
	int rcvbuf;			/* SO_RCVBUF; 0: the system's default */
};
int virtnet_monitor_args_parse(int argc, char **argv, struct virtnet_monitor_args *out,
			       char *err, size_t errlen);

struct virtnet_ctrl_info;
/* update's output: controller state, update status, version, pid, status. */
json_t *virtnet_json_ctrl(const struct virtnet_ctrl_info *info);
/* The controller's status text as an array of its non-empty lines. */
json_t *virtnet_json_ctrl_status(const char *status);

/* The subcommands' specs and handlers. */
extern const struct cli_spec cli_hotplug_spec, cli_unplug_spec, cli_list_spec,
	cli_query_spec, cli_modify_spec, cli_stats_spec, cli_update_spec, cli_log_spec,
	cli_version_spec, cli_monitor_spec;
int cmd_hotplug(struct cli *cli, int argc, char **argv);
int cmd_unplug(struct cli *cli, int argc, char **argv);
int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_query(struct cli *cli, int argc, char **argv);
int cmd_modify(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_update(struct cli *cli, int argc, char **argv);
int cmd_log(struct cli *cli, int argc, char **argv);
int cmd_version(struct cli *cli, int argc, char **argv);
int cmd_monitor(struct cli *cli, int argc, char **argv);

#endif /* VIRTNET_CLI_H */
