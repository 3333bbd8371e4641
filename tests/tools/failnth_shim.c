// SPDX-License-Identifier: GPL-2.0
/*
 * failnth_shim.so - LD_PRELOAD half of failnth (see failnth.c): arms the
 * kernel's per-task fault injection (/proc/thread-self/fail-nth) around
 * exactly one generic netlink request of an unmodified tool (virtnet,
 * vdpa, devlink, vnl), so the N-th fault-injectable allocation of that
 * request fails and nothing else of the tool's run does.
 *
 * The request armed is the FAILNTH_SKIP-th (0-based) sendmsg/sendto/send
 * on a NETLINK_GENERIC socket that is neither a controller lookup
 * (GENL_ID_CTRL) nor a dump, and has genl command FAILNTH_CMD if set
 * (`virtnet unplug` asks DEV_GET before its DEV_DEL). The kernel runs a netlink request in the
 * sender's context, so the allocations of the module's doit, of what it
 * calls synchronously (device_add, register_netdev...) and of the ack
 * are all this task's. The reply to it (NLMSG_ERROR with the request's
 * sequence number, or a socket error such as ENOBUFS when the ack
 * itself could not be allocated) is watched on the receive side.
 *
 * Environment: FAILNTH_N (the n, 1..), FAILNTH_SKIP (default 0), FAILNTH_CMD,
 * FAILNTH_SAVE (a file to save the armed request's bytes in, for
 * `failnth -r`), FAILNTH_FD (where to report, one "key value" line each):
 *   armed TYPE CMD        the request's nlmsg_type and genl command
 *   left R                fail-nth read back after the request: 0 = the
 *                         fault fired, else the request made N-R calls
 *   error ENAME|0         the kernel's answer to it (or the send's errno)
 *   sockerr ENAME         recv on its socket failed (e.g. the ack was lost)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static long fn_n;
static const char *fn_save;
static int fn_skip, fn_cmd = -1, fn_out = -1, fn_nthfd = -1;
static int armed_fd = -1, done;
static __u32 armed_seq;

static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	if (fn_out < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0 && write(fn_out, buf, (size_t)n) < 0)
		fn_out = -1;
}

__attribute__((constructor)) static void failnth_init(void)
{
	const char *s;

	/* The tool's children (if any) run unarmed. */
	unsetenv("LD_PRELOAD");
	s = getenv("FAILNTH_N");
	if (!s)
		return;
	fn_n = strtol(s, NULL, 10);
	s = getenv("FAILNTH_SKIP");
	fn_skip = s ? atoi(s) : 0;
	s = getenv("FAILNTH_CMD");
	fn_cmd = s ? atoi(s) : -1;
	s = getenv("FAILNTH_FD");
	fn_out = s ? atoi(s) : -1;
	fn_save = getenv("FAILNTH_SAVE");
	/* Opened now: nothing but the write runs between arming and the request. */
	fn_nthfd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fn_nthfd < 0)
		report("noinject %s\n", strerrorname_np(errno));
}

static int is_genl(int fd)
{
	struct sockaddr_nl sa;
	socklen_t len = sizeof(sa);
	int proto = 0;
	socklen_t plen = sizeof(proto);

	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0 ||
	    sa.nl_family != AF_NETLINK)
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &plen) < 0)
		return 0;
	return proto == NETLINK_GENERIC;
}

/* Whether this request is the one to arm (first bytes of the message). */
static int wanted(int fd, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	const struct genlmsghdr *g;

	if (done || fn_nthfd < 0 || armed_fd >= 0 || len < NLMSG_HDRLEN + GENL_HDRLEN)
		return 0;
	if (nlh->nlmsg_type == GENL_ID_CTRL || nlh->nlmsg_type < NLMSG_MIN_TYPE ||
	    (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		return 0;
	if (!is_genl(fd))
		return 0;
	g = NLMSG_DATA(nlh);
	if (fn_cmd >= 0 && g->cmd != fn_cmd)
		return 0;
	if (fn_skip-- > 0)
		return 0;
	report("armed %u %u\n", nlh->nlmsg_type, g->cmd);
	armed_seq = nlh->nlmsg_seq;
	return 1;
}

/* FAILNTH_SAVE: the armed request as sent (the iovecs of a sendmsg joined) */
static void save(const struct iovec *iov, size_t n)
{
	int fd;
	size_t i;

	if (!fn_save)
		return;
	fd = open(fn_save, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	for (i = 0; fd >= 0 && i < n; i++) {
		if (write(fd, iov[i].iov_base, iov[i].iov_len) != (ssize_t)iov[i].iov_len)
			break;
	}
	if (fd < 0 || i < n)
		report("nosave %s\n", strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
}

static void arm(void)
{
	char s[24];
	int n = snprintf(s, sizeof(s), "%ld", fn_n);

	if (pwrite(fn_nthfd, s, (size_t)n, 0) != n)
		report("noinject %s\n", strerrorname_np(errno));
}

static void disarm(int fd, ssize_t sent)
{
	char s[24] = "";
	ssize_t n;
	int saved = errno;

	n = pread(fn_nthfd, s, sizeof(s) - 1, 0);
	if (pwrite(fn_nthfd, "0", 1, 0) != 1)
		report("noinject %s\n", strerrorname_np(errno));
	s[n > 0 ? n : 0] = '\0';
	report("left %ld\n", strtol(s, NULL, 10));
	if (sent < 0) {
		/* refused before the family saw it (no skb...): no reply comes */
		report("error %s\n", strerrorname_np(saved));
		fd = -2;
	}
	armed_fd = fd;
	done = 1;
	errno = saved;
}

/* Watch the replies on the armed socket for the request's outcome. */
static void watch(int fd, const void *buf, ssize_t len)
{
	const struct nlmsghdr *nlh;
	int rem = (int)len;

	if (fd != armed_fd)
		return;
	if (len < 0) {
		if (errno != EAGAIN && errno != EINTR)
			report("sockerr %s\n", strerrorname_np(errno));
		return;
	}
	for (nlh = buf; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
		const struct nlmsgerr *e = NLMSG_DATA(nlh);

		if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_seq != armed_seq)
			continue;
		if (e->error)
			report("error %s\n", strerrorname_np(-e->error));
		else
			report("error 0\n");
		armed_fd = -2;	/* answered: stop watching */
		return;
	}
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	int w = wanted(fd, buf, len);
	ssize_t r;

	if (w) {
		struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

		save(&iov, 1);
		arm();
	}
	r = syscall(SYS_sendto, fd, buf, len, flags, to, tolen);
	if (w)
		disarm(fd, r);
	return r;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	int w = 0;
	ssize_t r;

	if (msg->msg_iovlen >= 1)
		w = wanted(fd, msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len);
	if (w) {
		save(msg->msg_iov, msg->msg_iovlen);
		arm();
	}
	r = syscall(SYS_sendmsg, fd, msg, flags);
	if (w)
		disarm(fd, r);
	return r;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	ssize_t r = syscall(SYS_recvmsg, fd, msg, flags);

	if (fd == armed_fd && !(flags & MSG_PEEK)) {
		if (r < 0 || msg->msg_iovlen < 1)
			watch(fd, NULL, r < 0 ? -1 : 0);
		else
			watch(fd, msg->msg_iov[0].iov_base,
			      r < (ssize_t)msg->msg_iov[0].iov_len ? r :
			      (ssize_t)msg->msg_iov[0].iov_len);
	}
	return r;
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	ssize_t r = syscall(SYS_recvfrom, fd, buf, len, flags, from, fromlen);

	if (fd == armed_fd && !(flags & MSG_PEEK))
		watch(fd, buf, r);
	return r;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}
