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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(void)
{
	fputs("usage: failnth -n N [-k K] [-c CMD] -- CMD [ARG...]\n"
	      "       failnth -n N -w FILE VALUE\n"
	      "       failnth -n N -m MODULE.ko [PARAMS]\n", stderr);
	exit(3);
}

static long n_arg;

static void result(const char *fired, long calls, const char *err, const char *extra)
{
	fprintf(stderr, "failnth: n=%ld fired=%s calls=%ld error=%s%s\n",
		n_arg, fired, calls, err, extra);
}

static int nth_open(void)
{
	int fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);

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
	int fd = open(file, O_WRONLY | O_CLOEXEC), nth, ok;
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
	close(fd);
	return finish(left, ok, errno);
}

static int do_module(const char *file, const char *params)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC), nth, ok;
	long left;

	if (fd < 0) {
		fprintf(stderr, "failnth: %s: %s\n", file, strerror(errno));
		return 3;
	}
	nth = nth_open();
	nth_arm(nth);
	ok = syscall(SYS_finit_module, fd, params, 0) == 0;
	left = nth_disarm(nth);
	close(fd);
	return finish(left, ok, errno);
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
		else if (sscanf(line, "noinject %39s", word) == 1) {
			fprintf(stderr, "failnth: the shim could not use fail-nth: %s\n", word);
			return 3;
		}
	}
	if (left >= 0)
		snprintf(fired, sizeof(fired), "%s", left ? "no" : "yes");
	result(fired, calls, err, armed);
	return rc;
}

int main(int argc, char **argv)
{
	int opt, skip = 0, cmd = -1;
	const char *wfile = NULL, *module = NULL;
	char *end;

	while ((opt = getopt(argc, argv, "+n:k:c:w:m:")) != -1) {
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
		default:
			usage();
		}
	}
	if (!n_arg)
		usage();
	if (wfile) {
		if (optind + 1 != argc)
			usage();
		return do_write(wfile, argv[optind]);
	}
	if (module) {
		if (optind + 1 < argc)
			usage();
		return do_module(module, optind < argc ? argv[optind] : "");
	}
	if (optind >= argc)
		usage();
	return do_exec(argv + optind, skip, cmd);
}
