/*
 * log.h - the controller's log: one line per event on stderr, which
 * systemd sends to the journal. Under systemd (JOURNAL_STREAM set) each
 * line starts with its syslog priority ("<3>") so journalctl -p works;
 * otherwise with a time stamp and the level name.
 */
#ifndef VNC_LOG_H
#define VNC_LOG_H

enum vnc_log_level {
	VNC_LOG_ERR,
	VNC_LOG_INFO,
	VNC_LOG_DEBUG,
};

/* "err", "info", "debug" -> level; -1 for anything else. */
int vnc_log_level_parse(const char *name);
const char *vnc_log_level_name(enum vnc_log_level level);

void vnc_log_set_level(enum vnc_log_level level);
enum vnc_log_level vnc_log_get_level(void);

void vnc_log(enum vnc_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define vnc_err(...)	vnc_log(VNC_LOG_ERR, __VA_ARGS__)
#define vnc_info(...)	vnc_log(VNC_LOG_INFO, __VA_ARGS__)
#define vnc_debug(...)	vnc_log(VNC_LOG_DEBUG, __VA_ARGS__)

#endif /* VNC_LOG_H */
