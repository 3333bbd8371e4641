/*
 * runner.c - runs every TEST() linked in, one line per test, and closes
 * with "N passed, N failed". Arguments select tests whose name contains
 * one of them. Exit status 1 if any failed.
 */
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_TESTS 4096

static struct {
	const char *name, *file;
	void (*fn)(void);
} tests[MAX_TESTS];
static int ntests;
static int current_failed;

void test_register(const char *name, const char *file, void (*fn)(void))
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "runner: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].file = file;
	tests[ntests].fn = fn;
	ntests++;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("  %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	current_failed = 1;
}

int test_failed(void)
{
	return current_failed;
}

static int selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < ntests; i++) {
		const char *file = strrchr(tests[i].file, '/');

		if (!selected(tests[i].name, argc, argv))
			continue;
		current_failed = 0;
		tests[i].fn();
		printf("%s %s (%s)\n", current_failed ? "FAIL" : "ok  ",
		       tests[i].name, file ? file + 1 : tests[i].file);
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
