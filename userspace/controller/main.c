/*
 * virtio-net-controller - the policy half of virtnet: reads virtnet.conf,
 * gives the kernel its ports, keeps one recovery file per device in step
 * with the kernel's events and rebuilds devices after a module reload.
 * The kernel keeps the data path: stopping, crashing or restarting the
 * controller never touches a device.
 *
 * Start-up: options, virtnet.conf (refused as a whole if anything is
 * wrong), single-instance lock, registration with the kernel (which
 * refuses a second controller), events subscription (before anything is
 * read, so nothing is missed), ports, recovery reconcile of the PFs,
 * static PFs, the VF rebuilds (a VF needs its static PF up), SF pool,
 * READY=1. Then
 * events, forwarded requests (live update, log level) and the recovery
 * write retries until SIGTERM/SIGINT. What goes wrong at run time (a
 * static PF left down, a recovery file it cannot write) is reported in
 * the log, to the kernel (`virtnet list`) and to systemd (STATUS=), and
 * never stops the controller.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "controller.h"
#include "ctrl.h"
#include "log.h"
#include "notify.h"
#include "ops.h"
#include "recovery.h"
#include "version.h"

#define PROG			"virtio-net-controller"
#define DEFAULT_PIDFILE		"/run/virtio-net-controller.pid"
#define EVENT_RCVBUF		(4 * 1024 * 1024)

enum { EXIT_OK, EXIT_FAIL, EXIT_USAGE };

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [-c FILE] [-r DIR] [-p FILE] [-l LEVEL] [--skip-rdma]\n"
"       " PROG " --check-config [-c FILE]\n"
"       " PROG " -h | -v\n"
"The virtio-net device controller daemon (see virtio-net-controller(8)).\n"
"  -c, --config FILE        virtnet.conf (default " VIRTNET_CONF_DEFAULT_PATH ")\n"
"  -r, --recovery-dir DIR   recovery files (default " VIRTNET_RECOVERY_DEFAULT_DIR ")\n"
"  -p, --pidfile FILE       lock and pid file (default " DEFAULT_PIDFILE ")\n"
"  -l, --log-level LEVEL    info, err or debug (default info)\n"
"      --skip-rdma          use the configured RDMA device names as they\n"
"                           are, without looking them up (no RDMA stack)\n"
"      --check-config       check virtnet.conf, print the effective\n"
"                           configuration as JSON and exit\n"
"  -h, --help               this help\n"
"  -v, --version            the version\n");
}

struct options {
	const char *pidfile;
	bool check_config;
};

static int parse_options(int argc, char **argv, struct vnc *c, struct options *o)
{
	enum { OPT_SKIP_RDMA = 256, OPT_CHECK_CONFIG };
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "recovery-dir", required_argument, NULL, 'r' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "skip-rdma", no_argument, NULL, OPT_SKIP_RDMA },
		{ "check-config", no_argument, NULL, OPT_CHECK_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, level;

	c->conf_path = VIRTNET_CONF_DEFAULT_PATH;
	c->recovery_dir = VIRTNET_RECOVERY_DEFAULT_DIR;
	o->pidfile = DEFAULT_PIDFILE;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:r:p:l:hv", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			c->conf_path = optarg;
			break;
		case 'r':
			if (!optarg[0]) {
				fprintf(stderr, PROG ": invalid --recovery-dir '': must be a directory path\n");
				return EXIT_USAGE;
			}
			c->recovery_dir = optarg;
			break;
		case 'p':
			o->pidfile = optarg;
			break;
		case 'l':
			level = vnc_log_level_parse(optarg);
			if (level < 0) {
				fprintf(stderr, PROG ": invalid --log-level '%s': must be info, err or debug\n",
					optarg);
				return EXIT_USAGE;
			}
			vnc_log_set_level(level);
			break;
		case OPT_SKIP_RDMA:
			c->skip_rdma = true;
			break;
		case OPT_CHECK_CONFIG:
			o->check_config = true;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'v':
			printf(PROG " %s\n", VIRTNET_VERSION);
			exit(EXIT_OK);
		case ':':
			fprintf(stderr, PROG ": option '%s' needs a value\n", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			fprintf(stderr, PROG ": unknown option '%s' (see --help)\n", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, PROG ": unexpected argument '%s' (see --help)\n", argv[optind]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* One controller at a time: an flock held for the process's life. */
static int lock_pidfile(const char *path)
{
	char buf[32];
	int fd, len;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		vnc_err("cannot open the pid file %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		vnc_err("another controller is running (pid %s, lock %s)",
			buf[0] ? buf : "unknown", path);
		close(fd);
		return -1;
	}
	len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) || pwrite(fd, buf, len, 0) != len)
		vnc_err("cannot write the pid file %s: %s", path, strerror(errno));
	return fd;		/* kept open: the lock lives with the process */
}

static int open_kernel(struct vnc *c)
{
	struct virtnet_info info;
	int ret;

	/* Registering first: a second controller stops before any change. */
	ret = virtnet_genl_open(&c->relay);
	if (ret) {
		vnc_err("%s", c->relay.errmsg);
		return ret;
	}
	nl_socket_disable_seq_check(c->relay.sk);
	nl_socket_set_nonblocking(c->relay.sk);
	ret = vnc_register(c, c->live_update ? VIRTNET_UPDATE_IN_PROGRESS : 0);
	if (ret == -EINVAL && c->live_update) {
		/* The module was reloaded meanwhile: no update to complete. */
		vnc_info("no live update is in progress in the kernel: starting plainly");
		c->live_update = false;
		ret = vnc_register(c, 0);
	}
	if (ret)
		return ret;

	ret = virtnet_genl_open(&c->ev);
	if (!ret)
		ret = virtnet_genl_subscribe(&c->ev);
	if (ret) {
		vnc_err("%s", c->ev.errmsg);
		return ret;
	}
	nl_socket_set_buffer_size(c->ev.sk, EVENT_RCVBUF, 0);
	nl_socket_set_nonblocking(c->ev.sk);

	ret = virtnet_genl_open(&c->cmd);
	if (!ret)
		ret = virtnet_info_get(&c->cmd, &info);
	if (ret) {
		vnc_err("%s", c->cmd.errmsg);
		return ret;
	}
	c->instance_id = info.instance_id;
	return 0;
}

static int on_event(const struct virtnet_reply *reply, void *arg)
{
	vnc_handle_event(arg, reply);
	/* An unplug or a MAC change may free a static PF's MAC. */
	if (reply->cmd == VIRTNET_CMD_DEV_DEL || reply->cmd == VIRTNET_CMD_DEV_SET)
		vnc_static_pfs_retry(arg);
	return 0;
}

static int on_relay(const struct virtnet_reply *reply, void *arg)
{
	vnc_handle_relay(arg, reply);
	return 0;
}

static int run(struct vnc *c)
{
	struct pollfd pfd[3];
	sigset_t mask;
	int sfd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0) {
		vnc_err("signalfd: %s", strerror(errno));
		return -errno;
	}
	pfd[0] = (struct pollfd){ .fd = nl_socket_get_fd(c->ev.sk), .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	pfd[2] = (struct pollfd){ .fd = nl_socket_get_fd(c->relay.sk), .events = POLLIN };

	for (;;) {
		struct signalfd_siginfo si;
		int ret;

		ret = poll(pfd, 3, vnc_recovery_timeout_ms(c));
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			vnc_err("poll: %s", strerror(errno));
			break;
		}
		if (!vnc_recovery_timeout_ms(c))
			vnc_recovery_retry(c);
		if (pfd[1].revents & POLLIN) {
			if (read(sfd, &si, sizeof(si)) != sizeof(si))
				continue;
			if (si.ssi_signo == SIGHUP) {
				vnc_info("SIGHUP: virtnet.conf is read only at start; restart the service to apply changes");
				continue;
			}
			vnc_info("signal %u: stopping (devices stay)", si.ssi_signo);
			vnc_notify("STOPPING=1");
			break;
		}
		if (pfd[2].revents & (POLLIN | POLLERR)) {
			ret = virtnet_genl_recv_events(&c->relay, on_relay, c);
			if (ret && ret != -EAGAIN)
				vnc_err("receiving requests: %s", c->relay.errmsg);
		}
		if (pfd[0].revents & (POLLIN | POLLERR)) {
			ret = virtnet_genl_recv_events(&c->ev, on_event, c);
			if (ret && ret != -EAGAIN) {
				/* Most likely ENOBUFS: the socket overran. */
				vnc_err("receiving events: %s", c->ev.errmsg);
				if (c->conf.recovery)
					vnc_resync(c);
			}
		}
	}
	close(sfd);
	return 0;
}

int main(int argc, char **argv)
{
	struct vnc c = { 0 };
	struct options o = { 0 };
	char err[1024];
	int ret, lockfd;

	ret = parse_options(argc, argv, &c, &o);
	if (ret)
		return ret;
	c.argv = argv;
	c.live_update = getenv("VIRTNET_LIVE_UPDATE") &&
			!strcmp(getenv("VIRTNET_LIVE_UPDATE"), "1");
	unsetenv("VIRTNET_LIVE_UPDATE");
	ret = (int)readlink("/proc/self/exe", c.exe, sizeof(c.exe) - 1);
	if (ret < 0)
		snprintf(c.exe, sizeof(c.exe), "%s", argv[0]);
	else
		c.exe[ret] = '\0';

	if (virtnet_conf_load(c.conf_path, &c.conf, err, sizeof(err))) {
		vnc_err("%s", err);
		vnc_err("not starting: fix %s", c.conf_path);
		return EXIT_FAIL;
	}
	if (o.check_config) {
		json_t *j = virtnet_conf_to_json(&c.conf);

		if (!j || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) {
			json_decref(j);
			return EXIT_FAIL;
		}
		putchar('\n');
		json_decref(j);
		return EXIT_OK;
	}

	vnc_info(PROG " %s starting%s (config %s, recovery %s)", VIRTNET_VERSION,
		 c.live_update ? " by live update" : "",
		 c.conf_path, c.conf.recovery ? c.recovery_dir : "disabled");
	lockfd = lock_pidfile(o.pidfile);
	if (lockfd < 0)
		return EXIT_FAIL;
	if (open_kernel(&c) || vnc_ports_configure(&c))
		goto err_close;
	if (c.conf.recovery && vnc_reconcile_start(&c))
		goto err_close;
	if (vnc_static_pfs_up(&c))
		goto err_close;
	if (c.conf.recovery && vnc_reconcile_finish(&c))
		goto err_close;
	if (vnc_sf_pool_start(&c))
		goto err_close;

	if (c.live_update && !vnc_register(&c, VIRTNET_UPDATE_DONE))
		vnc_info("live update complete: version %s", VIRTNET_VERSION);
	vnc_info("ready");
	vnc_notify("READY=1");
	c.ready = true;
	vnc_status_publish(&c);		/* STATUS=ready, or what is wrong */
	ret = run(&c);
	vnc_sf_pool_stop(&c);

	free(c.rm_pending);
	free(c.vf_pending);
	virtnet_genl_close(&c.relay);
	virtnet_genl_close(&c.cmd);
	virtnet_genl_close(&c.ev);
	unlink(o.pidfile);
	close(lockfd);
	return ret ? EXIT_FAIL : EXIT_OK;

err_close:
	free(c.vf_pending);
	free(c.rm_pending);
	vnc_notify("STATUS=failed to start");
	if (c.live_update && c.relay.sk)
		vnc_register(&c, VIRTNET_UPDATE_FAILED);
	virtnet_genl_close(&c.relay);
	virtnet_genl_close(&c.cmd);
	virtnet_genl_close(&c.ev);
	unlink(o.pidfile);
	close(lockfd);
	return EXIT_FAIL;
}
