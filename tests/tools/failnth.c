// SPDX-License-Identifier: GPL-2.0
/*
 * failnth - run one state-changing operation with its N-th fault-injectable
 * kernel call failing (CONFIG_FAULT_INJECTION's /proc/thread-self/fail-nth,
 * syzkaller's mechanism), for tests/integration/faults.sh.
 *
 *   failnth -n N [-k K] [-c CMD] -- CMD [ARG...]
 *        CMD (virtnet, vdpa, devlink, vnl...) runs with failnth_shim.so
 *        preloaded, which arms fail-nth around its K-th (0-based, default
 *        0) generic netlink request that is not a family lookup or a dump
 *        (and has genl command number CMD, with -c)
 *   failnth -n N -w FILE VALUE      write(2) VALUE to FILE (sysfs)
 *   failnth -n N -m MODULE.ko [PARAMS]   finit_module(2)
 *   failnth -n N -r REQUEST         send the generic netlink request saved
 *        in the file REQUEST (failnth_shim.so's FAILNTH_SAVE, by a run
 *        of the tool) on a fresh socket, armed, and read its ack
 *   failnth -s (-w|-m|-r ...)       serve: one N per line of stdin, each
 *        answered by the result line on stdout ("... rc=R" added): the
 *        exhaustive sweep, with no exec per N (an exec costs about a
 *        second under TCG on the debug kernel). A line "rmmod NAME"
 *        unloads a module instead (unarmed; "failnth: rmmod NAME
 *        error=ENAME|0 rc=R"): the undo of a load that absorbed its fault
 *
 * Prints one line on stderr after the operation:
 *   failnth: n=N fired=yes|no calls=C error=ENAME|0 [armed=TYPE/CMD]
 * fired=no means the operation made fewer than N faultable calls: C is
 * how many it made (N minus what fail-nth reads back), so a sweep is
 * complete. error is the kernel's answer (errno name, 0 for success; for
 * CMD, the netlink error of the armed request, "lost" when the socket
 * reported an error instead, "none" when no request was armed).
 * Exit status: the command's, or for -w/-m 0 on success, 1 on failure;
 * 3 when the operation could not be set up (no fail-nth, no shim...).
 *
 * The fault attributes themselves (failslab and fail_page_alloc with
 * ignore-gfp-wait N...) are faults.sh's to set in debugfs. The shim is
 * $FAILNTH_SHIM, else ../lib/failnth_shim.so beside this program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(void)
{
	fputs("usage: failnth -n N [-k K] [-c CMD] -- CMD [ARG...]\n"
	      "       failnth -n N -w FILE VALUE\n"
	      "       failnth -n N -m MODULE.ko [PARAMS]\n"
	      "       failnth -n N -r REQUEST\n"
	      "       failnth -s -w FILE VALUE | -m MODULE.ko [PARAMS] | -r REQUEST\n", stderr);
	exit(3);
}

static long n_arg;
static int serving;	/* -s: results on stdout, with the status */

static void result(const char *fired, long calls, const char *err, const char *extra)
{
	fprintf(serving ? stdout : stderr, "failnth: n=%ld fired=%s calls=%ld error=%s%s",
		n_arg, fired, calls, err, extra);
	if (!serving)
		fputc('\n', stderr);
}

static int nth_open(void)
{
	static int fd = -1;

	if (fd >= 0)
		return fd;
	fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "failnth: /proc/thread-self/fail-nth: %s (no CONFIG_FAULT_INJECTION?)\n",
			strerror(errno));
		exit(3);
	}
	return fd;
}

static void nth_arm(int fd)
{
	char s[24];
	int n = snprintf(s, sizeof(s), "%ld", n_arg);

	if (pwrite(fd, s, (size_t)n, 0) != n) {
		fprintf(stderr, "failnth: arming fail-nth: %s\n", strerror(errno));
		exit(3);
	}
}

/* Disarm; how many of the N calls are left (0: the fault fired). */
static long nth_disarm(int fd)
{
	char s[24] = "";
	ssize_t n;
	int saved = errno;

	n = pread(fd, s, sizeof(s) - 1, 0);
	if (pwrite(fd, "0", 1, 0) != 1 || n <= 0) {
		fprintf(stderr, "failnth: reading fail-nth back: %s\n", strerror(errno));
		exit(3);
	}
	s[n] = '\0';
	errno = saved;
	return strtol(s, NULL, 10);
}

static int finish(long left, int ok, int err)
{
	result(left ? "no" : "yes", n_arg - left, ok ? "0" : strerrorname_np(err), "");
	if (!ok)
		fprintf(stderr, "failnth: %s\n", strerror(err));
	return ok ? 0 : 1;
}

static int do_write(const char *file, const char *value)
{
	int fd = open(file, O_WRONLY | O_CLOEXEC), nth, ok, err;
	size_t len = strlen(value);
	long left;

	if (fd < 0) {
		fprintf(stderr, "failnth: %s: %s\n", file, strerror(errno));
		return 3;
	}
	nth = nth_open();
	nth_arm(nth);
	ok = write(fd, value, len) == (ssize_t)len;
	left = nth_disarm(nth);
	err = errno;
	close(fd);
	return finish(left, ok, err);
}

static int do_module(const char *file, const char *params)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC), nth, ok, err;
	long left;

	if (fd < 0) {
		fprintf(stderr, "failnth: %s: %s\n", file, strerror(errno));
		return 3;
	}
	nth = nth_open();
	nth_arm(nth);
	ok = syscall(SYS_finit_module, fd, params, 0) == 0;
	left = nth_disarm(nth);
	err = errno;
	close(fd);
	return finish(left, ok, err);
}

/* The request of -r, and its socket's answer. */
static char req[65536], rx[65536];
static size_t req_len;

static void load_request(const char *file)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		fprintf(stderr, "failnth: %s: %s\n", file, strerror(errno));
		exit(3);
	}
	n = read(fd, req, sizeof(req));
	close(fd);
	if (n < (ssize_t)(NLMSG_HDRLEN + GENL_HDRLEN) || nlh->nlmsg_len != (size_t)n) {
		fprintf(stderr, "failnth: %s: not one generic netlink request (%zd bytes)\n",
			file, n);
		exit(3);
	}
	req_len = (size_t)n;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
}

/*
 * Replays the request on a fresh socket (a lost ack leaves nothing queued
 * for the next n) and reads up to its ack. The error is the ack's, the
 * send's errno, or "lost:ENAME" when the socket reported an error instead.
 */
static int do_replay(void)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 60 };
	static __u32 seq;
	char err[48] = "none", armed[40];
	int s, nth, rc = 1;
	ssize_t r;
	long left;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		fprintf(stderr, "failnth: netlink socket: %s\n", strerror(errno));
		exit(3);
	}
	nlh->nlmsg_seq = ++seq;
	snprintf(armed, sizeof(armed), " armed=%u/%u", nlh->nlmsg_type, g->cmd);
	nth = nth_open();
	nth_arm(nth);
	r = send(s, req, req_len, 0);
	left = nth_disarm(nth);
	if (r < 0)
		snprintf(err, sizeof(err), "%s", strerrorname_np(errno));
	while (r >= 0 && !strcmp(err, "none")) {
		int rem;

		r = recv(s, rx, sizeof(rx), 0);
		if (r < 0) {
			snprintf(err, sizeof(err), "lost:%s", strerrorname_np(errno));
			break;
		}
		rem = (int)r;
		for (nlh = (struct nlmsghdr *)rx; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_seq != seq)
				continue;
			snprintf(err, sizeof(err), "%s", e->error ? strerrorname_np(-e->error) : "0");
			rc = e->error ? 1 : 0;
			break;
		}
	}
	close(s);
	if (rc)
		fprintf(stderr, "failnth: n=%ld: %s\n", n_arg, err);
	result(left ? "no" : "yes", n_arg - left, err, armed);
	return rc;
}

static const char *shim_path(void)
{
	static char path[PATH_MAX];
	const char *s = getenv("FAILNTH_SHIM");
	ssize_t n;
	char *slash;

	if (s)
		return s;
	n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	strcpy(slash, "/../lib/failnth_shim.so");
	return path;
}

static int do_exec(char **argv, int skip, int cmd)
{
	const char *shim = shim_path();
	int p[2], status, rc;
	char buf[4096], *line, *save, fdstr[16], nstr[24], kstr[16], cstr[16];
	char fired[8] = "none", err[48] = "none", armed[40] = "";
	long calls = 0, left = -1;
	size_t have = 0;
	ssize_t r;
	pid_t pid;

	if (!shim || access(shim, R_OK)) {
		fprintf(stderr, "failnth: no shim at %s\n", shim ? shim : "?");
		return 3;
	}
	nth_open();	/* fail early without fault injection */
	if (pipe(p) < 0)
		return 3;
	pid = fork();
	if (pid < 0)
		return 3;
	if (!pid) {
		close(p[0]);
		snprintf(fdstr, sizeof(fdstr), "%d", p[1]);
		snprintf(nstr, sizeof(nstr), "%ld", n_arg);
		snprintf(kstr, sizeof(kstr), "%d", skip);
		setenv("FAILNTH_FD", fdstr, 1);
		setenv("FAILNTH_N", nstr, 1);
		setenv("FAILNTH_SKIP", kstr, 1);
		if (cmd >= 0) {
			snprintf(cstr, sizeof(cstr), "%d", cmd);
			setenv("FAILNTH_CMD", cstr, 1);
		}
		setenv("LD_PRELOAD", shim, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "failnth: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	while (have < sizeof(buf) - 1 && (r = read(p[0], buf + have, sizeof(buf) - 1 - have)) > 0)
		have += (size_t)r;
	buf[have] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0)
		return 3;
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int type, cmd;
		char word[40];

		if (sscanf(line, "armed %u %u", &type, &cmd) == 2)
			snprintf(armed, sizeof(armed), " armed=%u/%u", type, cmd);
		else if (sscanf(line, "left %ld", &left) == 1)
			calls = n_arg - left;
		else if (sscanf(line, "error %39s", word) == 1 && !strcmp(err, "none"))
			snprintf(err, sizeof(err), "%s", word);
		else if (sscanf(line, "sockerr %39s", word) == 1 && !strcmp(err, "none"))
			snprintf(err, sizeof(err), "lost:%s", word);
		else if (sscanf(line, "nosave %39s", word) == 1) {
			fprintf(stderr, "failnth: the shim could not save the request: %s\n", word);
			return 3;
		} else if (sscanf(line, "noinject %39s", word) == 1) {
			fprintf(stderr, "failnth: the shim could not use fail-nth: %s\n", word);
			return 3;
		}
	}
	if (left >= 0)
		snprintf(fired, sizeof(fired), "%s", left ? "no" : "yes");
	result(fired, calls, err, armed);
	return rc;
}

/* -s: n after n from stdin, each result on stdout with " rc=R" */
static int serve(const char *wfile, const char *module, const char *params,
		 const char *value)
{
	char line[64], *end;
	int rc;

	serving = 1;
	nth_open();
	while (fgets(line, sizeof(line), stdin)) {
		if (!strncmp(line, "rmmod ", 6)) {
			line[strcspn(line, "\n")] = '\0';
			rc = syscall(SYS_delete_module, line + 6, O_NONBLOCK) ? 1 : 0;
			printf("failnth: rmmod %s error=%s rc=%d\n", line + 6,
			       rc ? strerrorname_np(errno) : "0", rc);
			fflush(stdout);
			continue;
		}
		n_arg = strtol(line, &end, 10);
		if (n_arg < 1 || (*end && *end != '\n')) {
			fprintf(stderr, "failnth: -s: not an n: %s", line);
			return 3;
		}
		if (wfile)
			rc = do_write(wfile, value);
		else if (module)
			rc = do_module(module, params);
		else
			rc = do_replay();
		if (rc == 3)
			return 3;
		printf(" rc=%d\n", rc);
		fflush(stdout);
		fflush(stderr);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt, skip = 0, cmd = -1, serve_mode = 0;
	const char *wfile = NULL, *module = NULL, *request = NULL;
	char *end;

	while ((opt = getopt(argc, argv, "+n:k:c:w:m:r:s")) != -1) {
		switch (opt) {
		case 'n':
			n_arg = strtol(optarg, &end, 10);
			if (*end || n_arg < 1)
				usage();
			break;
		case 'k':
			skip = atoi(optarg);
			break;
		case 'c':
			cmd = atoi(optarg);
			break;
		case 'w':
			wfile = optarg;
			break;
		case 'm':
			module = optarg;
			break;
		case 'r':
			request = optarg;
			break;
		case 's':
			serve_mode = 1;
			break;
		default:
			usage();
		}
	}
	if (!n_arg == !serve_mode)
		usage();
	if (wfile) {
		if (optind + 1 != argc)
			usage();
		if (serve_mode)
			return serve(wfile, NULL, NULL, argv[optind]);
		return do_write(wfile, argv[optind]);
	}
	if (module) {
		if (optind + 1 < argc)
			usage();
		if (serve_mode)
			return serve(NULL, module, optind < argc ? argv[optind] : "", NULL);
		return do_module(module, optind < argc ? argv[optind] : "");
	}
	if (request) {
		if (optind != argc)
			usage();
		load_request(request);
		return serve_mode ? serve(NULL, NULL, NULL, NULL) : do_replay();
	}
	if (serve_mode)
		usage();
	if (optind >= argc)
		usage();
	return do_exec(argv + optind, skip, cmd);
}
