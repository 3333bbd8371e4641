/*
 * genl.c - generic netlink client for the "virtnet" family: socket and
 * family resolution, request/reply and dump loops with extack errors and
 * NLM_F_DUMP_INTR retries, event subscription.
 */
#include "genl.h"
#include "attrs.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* One request in flight (or the event stream when any_seq). */
struct xact {
	struct virtnet_genl *g;
	virtnet_reply_cb cb;
	void *arg;
	uint32_t seq;
	bool any_seq;
	bool done;		/* ACK, error or NLMSG_DONE seen */
	bool intr;		/* NLM_F_DUMP_INTR seen */
	int error;		/* first error, negative errno */
};

static int fail(struct virtnet_genl *g, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct virtnet_genl *g, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->errmsg, sizeof(g->errmsg), fmt, ap);
	va_end(ap);
	return error;
}

/* libnl's error codes to errno, for the few that matter here. */
static int nlerr_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_MSG_TRUNC:
	case NLE_MSG_TOOSHORT:
		return -EBADMSG;
	}
	return -EIO;
}

#define VIRTNET_GENL_RCVBUF	32768

int virtnet_genl_open(struct virtnet_genl *g)
{
	int one = 1, ret;

	memset(g, 0, sizeof(*g));
	g->sk = nl_socket_alloc();
	if (!g->sk)
		return fail(g, -ENOMEM, "cannot allocate a netlink socket");
	ret = genl_connect(g->sk);
	if (ret < 0) {
		ret = fail(g, nlerr_to_errno(ret),
			   "cannot open a generic netlink socket: %s",
			   nl_geterror(ret));
		goto free_sock;
	}
	/* Ask for the kernel's error messages; kernels without it just say less. */
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	/*
	 * The kernel sizes each dump message batch by our largest read: a
	 * page (libnl's default) means a round trip per few devices.
	 */
	nl_socket_set_msg_buf_size(g->sk, VIRTNET_GENL_RCVBUF);

	ret = genl_ctrl_resolve(g->sk, VIRTNET_GENL_NAME);
	if (ret == -NLE_OBJ_NOTFOUND) {
		ret = fail(g, -ENOENT, "%s", VIRTNET_ENOFAMILY_MSG);
		goto free_sock;
	}
	if (ret < 0) {
		ret = fail(g, nlerr_to_errno(ret),
			   "cannot resolve generic netlink family '%s': %s",
			   VIRTNET_GENL_NAME, nl_geterror(ret));
		goto free_sock;
	}
	g->family = ret;
	return 0;

free_sock:
	nl_socket_free(g->sk);
	g->sk = NULL;
	return ret;
}

void virtnet_genl_close(struct virtnet_genl *g)
{
	if (g->sk)
		nl_socket_free(g->sk);
	g->sk = NULL;
}

struct nl_msg *virtnet_genl_msg(struct virtnet_genl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, flags,
			 cmd, VIRTNET_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * Name the attribute at byte offset offs of our own request, unless the
 * message already does ("mtu: must be ..." names VIRTNET_ATTR_MTU).
 */
static void name_offending_attr(const struct nlmsghdr *orig, size_t orig_len,
				uint32_t offs, char *msg, size_t msglen)
{
	const size_t attrs = NLMSG_HDRLEN + GENL_HDRLEN;
	const struct nlattr *nla;
	size_t used = strlen(msg);
	char buf[32], shortname[32];
	const char *name;
	size_t i;

	if (offs < attrs || offs + sizeof(*nla) > orig_len || used >= msglen)
		return;
	nla = (const struct nlattr *)((const char *)orig + offs);
	name = virtnet_attr_name(&virtnet_attrs, nla_type(nla), buf, sizeof(buf));
	if (!strncmp(name, "VIRTNET_ATTR_", 13)) {
		for (i = 0; name[13 + i] && i < sizeof(shortname) - 1; i++)
			shortname[i] = (char)tolower((unsigned char)name[13 + i]);
		shortname[i] = '\0';
		if (strstr(msg, shortname))
			return;
	}
	if (used)
		snprintf(msg + used, msglen - used, " (%s)", name);
	else
		snprintf(msg, msglen, "invalid attribute %s", name);
}

int virtnet_genl_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t msglen)
{
	const char *p = (const char *)nlh;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const struct nlmsghdr *orig = NULL;
	size_t len = nlh->nlmsg_len, off, orig_len = 0;
	char buf[32];
	int error;

	if (msg && msglen)
		msg[0] = '\0';
	if (len < NLMSG_HDRLEN + sizeof(int))
		return -EBADMSG;
	memcpy(&error, p + NLMSG_HDRLEN, sizeof(error));
	if (error > 0)
		error = -error;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const void *)(p + NLMSG_HDRLEN);

		off = NLMSG_HDRLEN + sizeof(*e);
		if (len < off)
			return error;
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN || e->msg.nlmsg_len > len)
				return error;
			orig = &e->msg;
			orig_len = e->msg.nlmsg_len;
			off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
		}
	} else {
		off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));
	}
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= len || !msg || !msglen)
		return error;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(p + off),
		      (int)(len - off), NULL) < 0)
		return error;

	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(msg, msglen, "%.*s", nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	else if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
		 nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) == sizeof(uint32_t))
		snprintf(msg, msglen, "missing required attribute %s",
			 virtnet_attr_name(&virtnet_attrs,
					   (int)nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]),
					   buf, sizeof(buf)));
	if (orig && tb[NLMSGERR_ATTR_OFFS] &&
	    nla_len(tb[NLMSGERR_ATTR_OFFS]) == sizeof(uint32_t))
		name_offending_attr(orig, orig_len,
				    nla_get_u32(tb[NLMSGERR_ATTR_OFFS]), msg, msglen);
	return error;
}

/* Record the first error of a request; the message defaults to strerror(). */
static void xact_error(struct xact *x, int error, const char *msg)
{
	if (x->error)
		return;
	x->error = error;
	if (msg && msg[0])
		snprintf(x->g->errmsg, sizeof(x->g->errmsg), "%s", msg);
	else if (!x->g->errmsg[0])
		snprintf(x->g->errmsg, sizeof(x->g->errmsg), "%s", strerror(-error));
}

static int on_msg_in(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (!x->any_seq && nlh->nlmsg_seq != x->seq)
		return NL_SKIP;		/* left over from an earlier request */
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		x->intr = true;
	return NL_OK;
}

static int on_ok(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;			/* seq and DUMP_INTR: see on_msg_in() */
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	struct virtnet_genl *g = x->g;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct genlmsghdr *gh;
	int ret;

	if (x->error || x->intr)
		return NL_SKIP;		/* drain the rest of the reply */
	if (nlh->nlmsg_type != g->family)
		return NL_SKIP;
	if (!genlmsg_valid_hdr(nlh, 0)) {
		xact_error(x, -EBADMSG, "malformed message from the kernel: truncated header");
		return NL_SKIP;
	}
	gh = nlmsg_data(nlh);
	ret = virtnet_attrs_parse(&virtnet_attrs, tb, genlmsg_attrdata(gh, 0),
				  genlmsg_attrlen(gh, 0), g->errmsg, sizeof(g->errmsg));
	if (ret) {
		xact_error(x, ret, NULL);
		return NL_SKIP;
	}
	if (x->cb) {
		struct virtnet_reply r = {
			.cmd = gh->cmd, .nlmsg_flags = nlh->nlmsg_flags, .tb = tb,
			.err = g->errmsg, .errlen = sizeof(g->errmsg),
		};

		ret = x->cb(&r, x->arg);
		if (ret < 0)
			xact_error(x, ret, NULL);
	}
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;
	char text[VIRTNET_ERRMSG_MAX];
	int ret = virtnet_genl_parse_ack(nlmsg_hdr(msg), text, sizeof(text));

	if (ret < 0)
		xact_error(x, ret, text);
	x->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct xact *x = arg;

	(void)msg;
	x->done = true;
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct xact *x = arg;
	/* libnl hands over the payload; the header is right before it. */
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	char text[VIRTNET_ERRMSG_MAX];
	int ret;

	(void)nla;
	ret = virtnet_genl_parse_ack(nlh, text, sizeof(text));
	xact_error(x, ret ? ret : -EIO, text);
	x->done = true;
	return NL_STOP;
}

static struct nl_cb *xact_callbacks(struct xact *x)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_CUSTOM);

	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, x);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, on_ok, x);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_ok, x);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, x);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, x);
	return cb;
}

/* Send req once and read until its end. */
static int run_once(struct virtnet_genl *g, struct nl_msg *req, struct xact *x)
{
	struct nl_cb *cb = xact_callbacks(x);
	int ret;

	if (!cb)
		return fail(g, -ENOMEM, "out of memory");
	nlmsg_hdr(req)->nlmsg_seq = NL_AUTO_SEQ;	/* a new one per attempt */
	ret = nl_send_auto(g->sk, req);
	if (ret < 0) {
		nl_cb_put(cb);
		return fail(g, nlerr_to_errno(ret), "cannot send to the kernel: %s",
			    nl_geterror(ret));
	}
	x->seq = nlmsg_hdr(req)->nlmsg_seq;
	while (!x->done) {
		ret = nl_recvmsgs(g->sk, cb);
		if (!x->done && ret < 0) {
			xact_error(x, nlerr_to_errno(ret), nl_geterror(ret));
			break;
		}
	}
	nl_cb_put(cb);
	return x->error;
}

int virtnet_genl_run(struct virtnet_genl *g, struct nl_msg *req,
		     virtnet_reply_cb cb, virtnet_restart_cb restart, void *arg)
{
	int ret = 0;

	g->errmsg[0] = '\0';
	for (int attempt = 0; ; attempt++) {
		struct xact x = { .g = g, .cb = cb, .arg = arg };

		ret = run_once(g, req, &x);
		if (ret || !x.intr)
			break;
		if (attempt == VIRTNET_DUMP_RETRIES) {
			ret = fail(g, -EAGAIN,
				   "the device list kept changing during %d attempts to read it",
				   attempt + 1);
			break;
		}
		if (restart)
			restart(arg);
	}
	nlmsg_free(req);
	return ret;
}

int virtnet_genl_subscribe(struct virtnet_genl *g)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(g->sk, VIRTNET_GENL_NAME, VIRTNET_MCGRP_EVENTS);
	if (grp < 0)
		return fail(g, nlerr_to_errno(grp),
			    "cannot resolve multicast group '%s': %s",
			    VIRTNET_MCGRP_EVENTS, nl_geterror(grp));
	nl_socket_disable_seq_check(g->sk);
	ret = nl_socket_add_membership(g->sk, grp);
	if (ret < 0)
		return fail(g, nlerr_to_errno(ret), "cannot join multicast group '%s': %s",
			    VIRTNET_MCGRP_EVENTS, nl_geterror(ret));
	return 0;
}

int virtnet_genl_recv_events(struct virtnet_genl *g, virtnet_reply_cb cb,
			     void *arg)
{
	struct xact x = { .g = g, .cb = cb, .arg = arg, .any_seq = true };
	struct nl_cb *ncb = xact_callbacks(&x);
	bool overrun;
	int ret;

	if (!ncb)
		return fail(g, -ENOMEM, "out of memory");
	g->errmsg[0] = '\0';
	ret = nl_recvmsgs(g->sk, ncb);
	/*
	 * libnl reports ENOBUFS as NLE_NOMEM, like ENOMEM; recvmsg()'s errno
	 * tells them apart (only free() runs after it, and keeps errno).
	 */
	overrun = ret == -NLE_NOMEM && errno == ENOBUFS;
	nl_cb_put(ncb);
	if (x.error)
		return x.error;
	if (overrun)
		return fail(g, -ENOBUFS, "events were lost: the socket's receive buffer overran");
	if (ret < 0)
		return fail(g, nlerr_to_errno(ret), "cannot receive events: %s",
			    nl_geterror(ret));
	return 0;
}
