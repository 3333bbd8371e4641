/* test_docs.c - the man page and bash completion cover every command and option. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

#ifndef VIRTNET_TOP
#error "build with -DVIRTNET_TOP=\"<repo top>\""
#endif

static char *slurp(const char *rel)
{
	char path[512], *text = NULL;
	FILE *f;
	long len;

	snprintf(path, sizeof(path), "%s/%s", VIRTNET_TOP, rel);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		text = calloc(1, (size_t)len + 1);
		if (text && fread(text, 1, (size_t)len, f) != (size_t)len) {
			free(text);
			text = NULL;
		}
	}
	fclose(f);
	return text;
}

static void check_opts(const char *text, const char *rel, const char *long_fmt,
		       const char *what, const struct cli_opt *opts)
{
	char word[64];

	for (const struct cli_opt *o = opts; o->short_name; o++) {
		snprintf(word, sizeof(word), long_fmt, o->long_name);
		if (!strstr(text, word))
			test_fail(__FILE__, __LINE__, "%s lacks %s of %s", rel, word, what);
	}
}

/* Every command and every option's long form appears in the file. */
static void check_covers(const char *rel, const char *long_fmt)
{
	char *text = slurp(rel);

	if (!text) {
		test_fail(__FILE__, __LINE__, "cannot read %s", rel);
		return;
	}
	for (size_t i = 0; i < cli_ncmds; i++) {
		const struct cli_spec *spec = cli_cmds[i].spec;

		if (!strstr(text, spec->name))
			test_fail(__FILE__, __LINE__, "%s does not mention %s", rel, spec->name);
		check_opts(text, rel, long_fmt, spec->name, spec->opts);
		/* modify's "device" and "queue" and the options after them. */
		for (const struct cli_word *t = spec->targets; t && t->name; t++) {
			if (!strstr(text, t->name))
				test_fail(__FILE__, __LINE__, "%s does not mention %s %s",
					  rel, spec->name, t->name);
			check_opts(text, rel, long_fmt, t->name, t->opts);
		}
	}
	free(text);
}

TEST(man_page_covers_options)
{
	/* roff escapes the dashes: \-\-mtu */
	check_covers("cli/virtnet.8", "\\-\\-%s");
}

TEST(bash_completion_covers_options)
{
	check_covers("cli/virtnet.bash-completion", "--%s");
}
