/* log.c - leveled logging to stderr, journal-aware. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum vnc_log_level log_level = VNC_LOG_INFO;

static const char *const level_names[] = {
	[VNC_LOG_ERR] = "err", [VNC_LOG_INFO] = "info", [VNC_LOG_DEBUG] = "debug",
};
/* syslog priorities: LOG_ERR, LOG_INFO, LOG_DEBUG */
static const int level_prio[] = {
	[VNC_LOG_ERR] = 3, [VNC_LOG_INFO] = 6, [VNC_LOG_DEBUG] = 7,
};

int vnc_log_level_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (!strcmp(name, level_names[i]))
			return (int)i;
	return -1;
}

const char *vnc_log_level_name(enum vnc_log_level level)
{
	return level_names[level];
}

void vnc_log_set_level(enum vnc_log_level level)
{
	log_level = level;
}

enum vnc_log_level vnc_log_get_level(void)
{
	return log_level;
}

void vnc_log(enum vnc_log_level level, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (getenv("JOURNAL_STREAM")) {
		fprintf(stderr, "<%d>%s\n", level_prio[level], line);
	} else {
		struct timespec ts;
		struct tm tm;
		char stamp[32];

		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ld [%s] %s\n", stamp, ts.tv_nsec / 1000000,
			level_names[level], line);
	}
	fflush(stderr);
}
