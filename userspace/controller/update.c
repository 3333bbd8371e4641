/*
 * update.c - requests the kernel forwards from the CLI: live update and
 * log level. A live update replaces this process image with the binary
 * now installed at our path: the pid, the systemd unit and every device
 * stay; the kernel's data path never stops. The successor knows it is one
 * from VIRTNET_LIVE_UPDATE=1 and completes the update by registering with
 * VIRTNET_UPDATE_DONE once it is ready.
 */
#define _GNU_SOURCE
#include "controller.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netlink/socket.h>

#include "ctrl.h"
#include "log.h"
#include "notify.h"
#include "version.h"

int vnc_register(struct vnc *c, uint8_t update_status)
{
	int fd = nl_socket_get_fd(c->relay.sk);
	int flags = fcntl(fd, F_GETFL);
	char text[VIRTNET_CTRL_STATUS_MAX];
	int ret;

	vnc_status_text(&c->status, "\n", text, sizeof(text));
	/* The request waits for its ACK; the poll loop wants O_NONBLOCK. */
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	ret = virtnet_ctrl_register(&c->relay, VIRTNET_VERSION, (uint32_t)getpid(),
				    update_status, (uint8_t)vnc_log_get_level(), text);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (ret)
		vnc_err("cannot register with the kernel: %s", c->relay.errmsg);
	else
		memcpy(c->status_sent, text, sizeof(text));
	return ret;
}

void vnc_status_publish(struct vnc *c)
{
	char text[VIRTNET_CTRL_STATUS_MAX], line[VIRTNET_CTRL_STATUS_MAX + 32];

	vnc_status_text(&c->status, "\n", text, sizeof(text));
	/* Only the registered socket may; a failed start never registered. */
	if (c->relay.sk && strcmp(text, c->status_sent))
		vnc_register(c, 0);
	/* Before READY=1, start-up's own STATUS= lines are in charge. */
	if (!c->ready)
		return;
	vnc_status_text(&c->status, "; ", text, sizeof(text));
	snprintf(line, sizeof(line), "STATUS=%s%s", text[0] ? "degraded: " : "ready",
		 text);
	if (strcmp(line, c->notify_sent)) {
		vnc_notify(line);
		snprintf(c->notify_sent, sizeof(c->notify_sent), "%s", line);
	}
}

/* Run "EXE --check-config -c CONF": will the installed binary start? */
static int check_successor(struct vnc *c)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execl(c->exe, c->exe, "--check-config", "-c", c->conf_path, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	vnc_err("live update: '%s --check-config' %s %d", c->exe,
		WIFEXITED(status) ? "exited with status" : "died of signal",
		WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return -EINVAL;
}

static void live_update(struct vnc *c)
{
	vnc_info("live update requested: checking %s", c->exe);
	if (check_successor(c)) {
		vnc_err("live update abandoned: version %s keeps running", VIRTNET_VERSION);
		vnc_register(c, VIRTNET_UPDATE_FAILED);
		return;
	}
	vnc_info("live update: handing over to %s (devices stay)", c->exe);
	setenv("VIRTNET_LIVE_UPDATE", "1", 1);
	execv(c->exe, c->argv);
	vnc_err("live update: cannot run %s: %s; version %s keeps running", c->exe,
		strerror(errno), VIRTNET_VERSION);
	unsetenv("VIRTNET_LIVE_UPDATE");
	vnc_register(c, VIRTNET_UPDATE_FAILED);
}

void vnc_handle_relay(struct vnc *c, const struct virtnet_reply *reply)
{
	struct virtnet_ctrl_info info;
	char err[256];

	switch (reply->cmd) {
	case VIRTNET_CMD_CTRL_UPDATE:
		live_update(c);
		break;
	case VIRTNET_CMD_CTRL_LOG_LEVEL:
		if (virtnet_ctrl_from_attrs(reply->tb, &info, err, sizeof(err)) ||
		    info.log_level > VIRTNET_LOG_DEBUG) {
			vnc_err("ignoring a malformed log level request");
			break;
		}
		/* enum virtnet_log_level and enum vnc_log_level agree. */
		vnc_info("log level: %s -> %s", vnc_log_level_name(vnc_log_get_level()),
			 virtnet_log_level_name(info.log_level));
		vnc_log_set_level((enum vnc_log_level)info.log_level);
		vnc_debug("debug logging on");
		break;
	default:
		vnc_debug("relay: command %u ignored", reply->cmd);
	}
}
