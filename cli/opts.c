/*
 * opts.c - option tables to getopt_long, usage lines and argparse-style
 * help, with error messages that name the option.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>

static int usage_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int usage_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return CLI_USAGE;
}

static size_t count_opts(const struct cli_spec *spec)
{
	size_t n = 0;

	while (spec->opts[n].short_name)
		n++;
	return n;
}

static const struct cli_opt *find_short(const struct cli_spec *spec, int c)
{
	for (const struct cli_opt *o = spec->opts; o->short_name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

/* "-t/--mtu" */
static const char *opt_names(const struct cli_opt *o, char *buf, size_t len)
{
	snprintf(buf, len, "-%c/--%s", o->short_name, o->long_name);
	return buf;
}

/* Why getopt_long said '?': unknown, ambiguous, or a flag given a value. */
static int bad_option(const struct cli_spec *spec, const char *word, int optopt_,
		      char *err, size_t errlen)
{
	const struct cli_opt *o;
	char matches[256] = "";
	size_t n, used = 0;
	int count = 0;

	/* getopt sets optopt for short options and for "--flag=value" */
	if (optopt_ && (!find_short(spec, optopt_) || strncmp(word, "--", 2)))
		return usage_err(err, errlen, "unrecognized option '-%c'", optopt_);
	if (strncmp(word, "--", 2) != 0)
		return usage_err(err, errlen, "unrecognized option '%s'", word);
	n = strcspn(word + 2, "=");
	if (!strncmp(word + 2, "help", n) && n) {
		count++;
		used += snprintf(matches, sizeof(matches), "--help");
	}
	for (o = spec->opts; o->short_name; o++) {
		if (n && !strncmp(word + 2, o->long_name, n)) {
			if (strlen(o->long_name) == n && word[2 + n] == '=' && !o->metavar)
				return usage_err(err, errlen, "option '--%s' does not take a value",
						 o->long_name);
			if (used < sizeof(matches))
				used += snprintf(matches + used, sizeof(matches) - used,
						 "%s--%s", count ? ", " : "", o->long_name);
			count++;
		}
	}
	if (count > 1)
		return usage_err(err, errlen, "ambiguous option '%.*s' could match %s",
				 (int)(n + 2), word, matches);
	if (count == 1 && strchr(word, '='))
		return usage_err(err, errlen, "option '%.*s' does not take a value",
				 (int)(n + 2), word);
	return usage_err(err, errlen, "unrecognized option '%.*s'", (int)(n + 2), word);
}

/* After the options: required ones present, exactly one of the one_of group. */
static int check_presence(const struct cli_spec *spec, const bool *seen,
			  char *err, size_t errlen)
{
	char list[256] = "", names[48];
	size_t used = 0, i;
	int missing = 0, chosen = 0;
	const struct cli_opt *first = NULL;

	for (i = 0; spec->opts[i].short_name; i++) {
		const struct cli_opt *o = &spec->opts[i];

		if (!(o->flags & CLI_OPT_REQUIRED) || seen[i])
			continue;
		if (used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used, "%s%s",
					 missing ? ", " : "",
					 opt_names(o, names, sizeof(names)));
		missing++;
	}
	if (missing)
		return usage_err(err, errlen, "missing required option%s: %s",
				 missing > 1 ? "s" : "", list);
	if (!spec->one_of)
		return CLI_OK;

	used = 0;
	for (const char *c = spec->one_of; *c; c++) {
		const struct cli_opt *o = find_short(spec, *c);

		if (used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used, "%s%s",
					 c == spec->one_of ? "" : ", ",
					 opt_names(o, names, sizeof(names)));
		if (!seen[o - spec->opts])
			continue;
		if (chosen++) {
			char a[48];

			return usage_err(err, errlen, "options %s and %s cannot be used together",
					 opt_names(first, a, sizeof(a)),
					 opt_names(o, names, sizeof(names)));
		}
		first = o;
	}
	if (!chosen)
		return usage_err(err, errlen, "one of these options is required: %s", list);
	return CLI_OK;
}

/* cli_parse() and, with next, cli_parse_until_word(). */
static int parse(const struct cli_spec *spec, int argc, char **argv,
		 cli_opt_fn fn, void *ctx, int *next, char *err, size_t errlen)
{
	struct option longopts[CLI_MAX_OPTS + 2];
	/* '+': stop at the first word that is not an option (a target). */
	char optstring[4 + 2 * CLI_MAX_OPTS + 1];
	bool seen[CLI_MAX_OPTS] = { false };
	size_t n = count_opts(spec), len;
	int c, ret;

	err[0] = '\0';
	if (next)
		*next = -1;
	if (n > CLI_MAX_OPTS)
		return usage_err(err, errlen, "internal error: too many options");
	snprintf(optstring, sizeof(optstring), "%s:h", next ? "+" : "");
	len = strlen(optstring);
	for (size_t i = 0; i < n; i++) {
		const struct cli_opt *o = &spec->opts[i];

		longopts[i] = (struct option){ o->long_name,
			o->metavar ? required_argument : no_argument, NULL, o->short_name };
		optstring[len++] = o->short_name;
		if (o->metavar)
			optstring[len++] = ':';
	}
	optstring[len] = '\0';
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n + 1] = (struct option){ 0 };

	optind = 0;		/* glibc: start afresh, also when called again */
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		const struct cli_opt *o;
		char names[48];

		if (c == 'h')
			return CLI_HELP;
		if (c == '?')
			return bad_option(spec, argv[optind - 1], optopt, err, errlen);
		if (c == ':') {
			o = find_short(spec, optopt);
			if (!o)
				return usage_err(err, errlen, "option '%s' requires a value",
						 argv[optind - 1]);
			return usage_err(err, errlen, "option %s requires a value (%s)",
					 opt_names(o, names, sizeof(names)), o->metavar);
		}
		o = find_short(spec, c);
		seen[o - spec->opts] = true;
		ret = fn ? fn(ctx, o, optarg, err, errlen) : CLI_OK;
		if (ret)
			return ret;
	}
	if (next)
		*next = optind;
	else if (optind < argc)
		return usage_err(err, errlen, "unexpected argument '%s'", argv[optind]);
	return check_presence(spec, seen, err, errlen);
}

int cli_parse(const struct cli_spec *spec, int argc, char **argv,
	      cli_opt_fn fn, void *ctx, char *err, size_t errlen)
{
	return parse(spec, argc, argv, fn, ctx, NULL, err, errlen);
}

int cli_parse_until_word(const struct cli_spec *spec, int argc, char **argv,
			 cli_opt_fn fn, void *ctx, int *next, char *err, size_t errlen)
{
	return parse(spec, argc, argv, fn, ctx, next, err, errlen);
}

/* " -i IBDEV" or " [-l]" or " (-p ID | -u VUID)" pieces of the usage line. */
static void usage_opt(FILE *f, const struct cli_opt *o, bool bracket)
{
	fprintf(f, "%s-%c%s%s%s", bracket ? "[" : "", o->short_name,
		o->metavar ? " " : "", o->metavar ? o->metavar : "",
		bracket ? "]" : "");
}

void cli_usage(FILE *f, const struct cli_spec *spec)
{
	bool group_done = false;

	fprintf(f, "usage: %s %s [-h]", CLI_PROG, spec->name);
	if (spec->usage) {
		fprintf(f, " %s\n", spec->usage);
		return;
	}
	for (const struct cli_opt *o = spec->opts; o->short_name; o++) {
		bool in_group = spec->one_of && strchr(spec->one_of, o->short_name);

		if (in_group) {
			if (group_done)
				continue;
			group_done = true;
			fputs(" (", f);
			for (const char *c = spec->one_of; *c; c++) {
				fputs(c == spec->one_of ? "" : " | ", f);
				usage_opt(f, find_short(spec, *c), false);
			}
			fputs(")", f);
			continue;
		}
		fputc(' ', f);
		usage_opt(f, o, !(o->flags & CLI_OPT_REQUIRED));
	}
	fputc('\n', f);
}

void cli_help_line(FILE *f, const char *invocation, const char *help)
{
	const int column = 24;
	int width = (int)strlen(invocation) + 2;

	if (width <= column - 2)
		fprintf(f, "  %-*s%s\n", column - 2, invocation, help);
	else
		fprintf(f, "  %s\n%*s%s\n", invocation, column, "", help);
}

static void help_opts(FILE *f, const struct cli_opt *opts)
{
	char inv[128];

	for (const struct cli_opt *o = opts; o->short_name; o++) {
		if (o->metavar)
			snprintf(inv, sizeof(inv), "-%c %s, --%s %s", o->short_name,
				 o->metavar, o->long_name, o->metavar);
		else
			snprintf(inv, sizeof(inv), "-%c, --%s", o->short_name,
				 o->long_name);
		cli_help_line(f, inv, o->help);
	}
}

void cli_help(FILE *f, const struct cli_spec *spec)
{
	cli_usage(f, spec);
	fprintf(f, "\n%s\n", spec->summary);
	if (spec->targets) {
		fputs("\npositional arguments:\n", f);
		for (const struct cli_word *t = spec->targets; t->name; t++)
			cli_help_line(f, t->name, t->help);
	}
	fputs("\noptional arguments:\n", f);
	cli_help_line(f, "-h, --help", "show this help message and exit");
	help_opts(f, spec->opts);
	for (const struct cli_word *t = spec->targets; t && t->name; t++) {
		fprintf(f, "\n%s options (after '%s'):\n", t->name, t->name);
		help_opts(f, t->opts);
	}
}
