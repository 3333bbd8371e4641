/* rdma.c - RDMA device name -> uplink network device (libibverbs, RDMA netlink). */
#include "rdma.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <infiniband/verbs.h>
#include <libmnl/libmnl.h>
#include <rdma/rdma_netlink.h>

#include "devreq.h"
#include "util.h"

/* Receive buffer: one datagram of a dump (the kernel uses up to 32 KiB). */
#define RDMA_NL_RECV_SIZE	32768
/* Devices named in "present: ..." messages. */
#define RDMA_PRESENT_MAX	16

#define NLDEV_TYPE(cmd)		RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, cmd)

__attribute__((format(printf, 4, 5)))
static int fail(int ret, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

/* --- messages ---------------------------------------------------------- */

static size_t build(void *buf, size_t buflen, uint16_t type, uint16_t flags,
		    uint32_t seq, const uint32_t *u32_attrs, size_t nattrs)
{
	size_t need = NLMSG_HDRLEN + nattrs * NLA_ALIGN(NLA_HDRLEN + sizeof(uint32_t));
	struct nlmsghdr *nlh;

	if (!buf || buflen < need)
		return 0;
	memset(buf, 0, need);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	for (size_t i = 0; i < nattrs; i++)
		mnl_attr_put_u32(nlh, (uint16_t)u32_attrs[2 * i], u32_attrs[2 * i + 1]);
	return nlh->nlmsg_len;
}

size_t virtnet_rdma_build_dev_dump(void *buf, size_t buflen, uint32_t seq)
{
	return build(buf, buflen, NLDEV_TYPE(RDMA_NLDEV_CMD_GET),
		     NLM_F_REQUEST | NLM_F_DUMP, seq, NULL, 0);
}

size_t virtnet_rdma_build_port_get(void *buf, size_t buflen, uint32_t seq,
				   uint32_t rdma_index, uint32_t port)
{
	const uint32_t attrs[] = {
		RDMA_NLDEV_ATTR_DEV_INDEX, rdma_index,
		RDMA_NLDEV_ATTR_PORT_INDEX, port,
	};

	return build(buf, buflen, NLDEV_TYPE(RDMA_NLDEV_CMD_PORT_GET),
		     NLM_F_REQUEST | NLM_F_ACK, seq, attrs, ARRAY_SIZE(attrs) / 2);
}

/* The attributes a reply is checked for; everything else is skipped. */
enum {
	A_DEV_INDEX, A_DEV_NAME, A_PORT_INDEX, A_NDEV_INDEX, A_NDEV_NAME, A_COUNT
};

static const struct {
	uint16_t type;
	const char *name;
} wanted[A_COUNT] = {
#define W(a, t) [a] = { RDMA_NLDEV_ATTR_##t, "RDMA_NLDEV_ATTR_" #t }
	W(A_DEV_INDEX, DEV_INDEX), W(A_DEV_NAME, DEV_NAME),
	W(A_PORT_INDEX, PORT_INDEX), W(A_NDEV_INDEX, NDEV_INDEX),
	W(A_NDEV_NAME, NDEV_NAME),
#undef W
};

struct reply {
	const char *cmd;			/* for messages */
	const struct nlattr *tb[A_COUNT];
	char *err;
	size_t errlen;
};

/* -EBADMSG with "malformed RDMA netlink reply to CMD: ..." in err. */
__attribute__((format(printf, 2, 3)))
static int bad(struct reply *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!r->err || !r->errlen)
		return -EBADMSG;
	n = snprintf(r->err, r->errlen, "malformed RDMA netlink reply to %s: ", r->cmd);
	if (n >= 0 && (size_t)n < r->errlen) {
		va_start(ap, fmt);
		vsnprintf(r->err + n, r->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -EBADMSG;
}

/*
 * Check the header and walk every attribute: each must lie inside the
 * message. Remembers the wanted ones (the last one of a type wins).
 */
static int parse_reply(const struct nlmsghdr *nlh, uint16_t cmd, struct reply *r)
{
	const struct nlattr *a;
	int left;

	memset(r->tb, 0, sizeof(r->tb));
	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return bad(r, "message of %u bytes, shorter than its header",
			   nlh->nlmsg_len);
	/*
	 * The kernel answers a PORT_GET request (doit) with the type of
	 * RDMA_NLDEV_CMD_GET (nldev_port_get_doit); its dumps use PORT_GET.
	 */
	if (nlh->nlmsg_type != NLDEV_TYPE(cmd) &&
	    !(cmd == RDMA_NLDEV_CMD_PORT_GET &&
	      nlh->nlmsg_type == NLDEV_TYPE(RDMA_NLDEV_CMD_GET)))
		return bad(r, "message type 0x%x, expected 0x%x",
			   nlh->nlmsg_type, NLDEV_TYPE(cmd));
	if (nlh->nlmsg_len > INT_MAX)
		return bad(r, "message of %u bytes", nlh->nlmsg_len);

	a = mnl_nlmsg_get_payload(nlh);
	left = (int)(nlh->nlmsg_len - NLMSG_HDRLEN);
	while (left > 0) {
		if (!mnl_attr_ok(a, left))
			return bad(r, "attribute truncated at offset %u of %u bytes",
				   (unsigned int)((const char *)a - (const char *)nlh),
				   nlh->nlmsg_len);
		for (size_t i = 0; i < A_COUNT; i++)
			if (mnl_attr_get_type(a) == wanted[i].type)
				r->tb[i] = a;
		left -= (int)MNL_ALIGN(a->nla_len);
		a = mnl_attr_next(a);
	}
	return 0;
}

static int get_u32(struct reply *r, int i, bool required, uint32_t *v)
{
	const struct nlattr *a = r->tb[i];

	if (!a)
		return required ? bad(r, "no %s", wanted[i].name) : 0;
	if (mnl_attr_get_payload_len(a) != sizeof(uint32_t))
		return bad(r, "%s has %u bytes, must have 4 (u32)", wanted[i].name,
			   (unsigned int)mnl_attr_get_payload_len(a));
	*v = mnl_attr_get_u32(a);
	return 0;
}

/* A NUL-terminated, non-empty string of at most size - 1 characters. */
static int get_str(struct reply *r, int i, bool required, char *buf, size_t size)
{
	const struct nlattr *a = r->tb[i];
	const char *s;
	size_t plen, len;

	if (!a)
		return required ? bad(r, "no %s", wanted[i].name) : 0;
	s = mnl_attr_get_payload(a);
	plen = mnl_attr_get_payload_len(a);
	if (plen == 0 || s[plen - 1] != '\0')
		return bad(r, "%s is not a NUL-terminated string", wanted[i].name);
	len = strlen(s);
	if (len == 0)
		return bad(r, "%s is empty", wanted[i].name);
	if (len >= size)
		return bad(r, "%s has %zu characters, at most %zu allowed",
			   wanted[i].name, len, size - 1);
	memcpy(buf, s, len + 1);
	return 0;
}

int virtnet_rdma_parse_dev(const struct nlmsghdr *nlh, uint32_t *rdma_index,
			   char name[VIRTNET_IBDEV_MAX], char *err, size_t errlen)
{
	struct reply r = { .cmd = "RDMA_NLDEV_CMD_GET", .err = err, .errlen = errlen };
	int ret;

	name[0] = '\0';
	*rdma_index = 0;
	if ((ret = parse_reply(nlh, RDMA_NLDEV_CMD_GET, &r)) ||
	    (ret = get_u32(&r, A_DEV_INDEX, true, rdma_index)) ||
	    (ret = get_str(&r, A_DEV_NAME, true, name, VIRTNET_IBDEV_MAX)))
		name[0] = '\0';
	return ret;
}

int virtnet_rdma_parse_port(const struct nlmsghdr *nlh,
			    struct virtnet_rdma_port *out, char *err, size_t errlen)
{
	struct reply r = { .cmd = "RDMA_NLDEV_CMD_PORT_GET", .err = err, .errlen = errlen };
	struct virtnet_rdma_port p;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	if ((ret = parse_reply(nlh, RDMA_NLDEV_CMD_PORT_GET, &r)) ||
	    (ret = get_u32(&r, A_DEV_INDEX, true, &p.rdma_index)) ||
	    (ret = get_str(&r, A_DEV_NAME, true, p.ibdev, sizeof(p.ibdev))) ||
	    (ret = get_u32(&r, A_PORT_INDEX, true, &p.port)) ||
	    (ret = get_u32(&r, A_NDEV_INDEX, false, &p.ifindex)) ||
	    (ret = get_str(&r, A_NDEV_NAME, false, p.netdev, sizeof(p.netdev))))
		return ret;
	if (!r.tb[A_NDEV_INDEX] != !r.tb[A_NDEV_NAME])
		return bad(&r, "%s without %s",
			   wanted[r.tb[A_NDEV_INDEX] ? A_NDEV_INDEX : A_NDEV_NAME].name,
			   wanted[r.tb[A_NDEV_INDEX] ? A_NDEV_NAME : A_NDEV_INDEX].name);
	if (r.tb[A_NDEV_INDEX] && p.ifindex == 0)
		return bad(&r, "RDMA_NLDEV_ATTR_NDEV_INDEX is 0, not an ifindex");
	*out = p;
	if (!r.tb[A_NDEV_INDEX])
		return fail(-ENODEV, err, errlen,
			    "RDMA device '%s' has no network device on port %u "
			    "(an InfiniBand port, or its network device is in "
			    "another network namespace)", p.ibdev, p.port);
	return 0;
}

int virtnet_rdma_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t msglen)
{
	const char *p = (const char *)nlh;
	size_t len = nlh->nlmsg_len, off;
	const struct nlattr *a;
	int error, left;

	if (msg && msglen)
		msg[0] = '\0';
	if (len < NLMSG_HDRLEN + sizeof(int) || len > INT_MAX)
		return -EBADMSG;
	memcpy(&error, p + NLMSG_HDRLEN, sizeof(error));
	if (error > 0)
		error = -error;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsghdr orig;

		off = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
		if (len < off)
			return error;
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			memcpy(&orig, p + NLMSG_HDRLEN + offsetof(struct nlmsgerr, msg),
			       sizeof(orig));
			if (orig.nlmsg_len < NLMSG_HDRLEN || orig.nlmsg_len > len)
				return error;
			off += NLMSG_ALIGN(orig.nlmsg_len - NLMSG_HDRLEN);
		}
	} else {
		off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));
	}
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= len || !msg || !msglen)
		return error;

	a = (const struct nlattr *)(p + off);
	left = (int)(len - off);
	for (; mnl_attr_ok(a, left); a = mnl_attr_next(a)) {
		left -= (int)MNL_ALIGN(a->nla_len);
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG) {
			size_t n = mnl_attr_get_payload_len(a);
			const char *s = mnl_attr_get_payload(a);

			snprintf(msg, msglen, "%.*s", (int)strnlen(s, n), s);
			break;
		}
	}
	return error;
}

/* --- libibverbs -------------------------------------------------------- */

/*
 * Walk the devices libibverbs lists: copy up to max names, say whether
 * want (if not NULL) is one of them. Returns the count or -errno.
 */
static int ibv_scan(const char *want, bool *found,
		    char names[][VIRTNET_IBDEV_MAX], size_t max, size_t *n)
{
	struct ibv_device **list;
	int count = 0;

	*n = 0;
	if (found)
		*found = false;
	errno = 0;
	list = ibv_get_device_list(&count);
	if (!list) {
		/* No /sys/class/infiniband_verbs: no RDMA in this kernel. */
		if (errno == ENOSYS)
			return 0;
		return errno ? -errno : -ENOMEM;
	}
	for (int i = 0; i < count; i++) {
		const char *name = ibv_get_device_name(list[i]);

		if (!name)
			continue;
		if (want && found && !strcmp(name, want))
			*found = true;
		if (*n < max)
			snprintf(names[(*n)++], VIRTNET_IBDEV_MAX, "%s", name);
	}
	ibv_free_device_list(list);
	return count;
}

int virtnet_rdma_list(char names[][VIRTNET_IBDEV_MAX], size_t max, size_t *n)
{
	return ibv_scan(NULL, NULL, names, max, n);
}

/* --- RDMA netlink ------------------------------------------------------ */

struct rdma_nl {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	_Alignas(NLMSG_ALIGNTO) char buf[RDMA_NL_RECV_SIZE];
};

static int rdma_nl_open(struct rdma_nl *s, char *err, size_t errlen)
{
	int one = 1, ret;

	s->nl = mnl_socket_open(NETLINK_RDMA);
	if (!s->nl) {
		ret = -errno;
		if (ret == -EPROTONOSUPPORT)
			return fail(ret, err, errlen,
				    "RDMA netlink is not available (%s): the kernel "
				    "has no RDMA support loaded (ib_core)", strerror(-ret));
		return fail(ret, err, errlen, "cannot open an RDMA netlink socket: %s",
			    strerror(-ret));
	}
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		mnl_socket_close(s->nl);
		s->nl = NULL;
		return fail(ret, err, errlen, "cannot bind an RDMA netlink socket: %s",
			    strerror(-ret));
	}
	/* Best effort: the kernel's error messages, without the request echoed. */
	mnl_socket_setsockopt(s->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(s->nl, NETLINK_CAP_ACK, &one, sizeof(one));
	s->portid = mnl_socket_get_portid(s->nl);
	s->seq = (uint32_t)time(NULL);
	return 0;
}

static void rdma_nl_close(struct rdma_nl *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	s->nl = NULL;
}

int virtnet_rdma_walk(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		      const char *what, virtnet_rdma_msg_cb cb, void *arg,
		      char *err, size_t errlen)
{
	const struct nlmsghdr *nlh = buf;
	char text[256];
	int left, ret;

	if (len > INT_MAX)
		return fail(-EBADMSG, err, errlen, "RDMA netlink %s: datagram of %zu bytes",
			    what, len);
	left = (int)len;
	for (; mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (!mnl_nlmsg_seq_ok(nlh, seq) || !mnl_nlmsg_portid_ok(nlh, portid))
			continue;	/* not an answer to this request */
		if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
			if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
				return fail(-EBADMSG, err, errlen,
					    "RDMA netlink %s: truncated %s message", what,
					    nlh->nlmsg_type == NLMSG_DONE ? "NLMSG_DONE" :
					    "NLMSG_ERROR");
			ret = virtnet_rdma_parse_ack(nlh, text, sizeof(text));
			if (ret < 0)
				return fail(ret, err, errlen, "RDMA netlink %s failed: %s",
					    what, text[0] ? text : strerror(-ret));
			return 0;
		}
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
			continue;	/* NLMSG_NOOP, NLMSG_OVERRUN */
		ret = cb(nlh, arg, err, errlen);
		if (ret < 0)
			return ret;
	}
	if (left > 0)
		return fail(-EBADMSG, err, errlen,
			    "RDMA netlink %s: datagram with a truncated message "
			    "(%d bytes left over)", what, left);
	return 1;
}

/*
 * Send the request in req (its seq is set here) and hand every reply to
 * cb until the ACK/error or NLMSG_DONE. what names the request in
 * messages. Returns 0 or a negative errno with err set.
 */
static int rdma_nl_run(struct rdma_nl *s, void *req, size_t len, const char *what,
		       virtnet_rdma_msg_cb cb, void *arg, char *err, size_t errlen)
{
	struct nlmsghdr *rq = req;
	int ret;

	rq->nlmsg_seq = ++s->seq;
	if (mnl_socket_sendto(s->nl, req, len) < 0) {
		ret = -errno;
		return fail(ret, err, errlen, "RDMA netlink %s: cannot send: %s",
			    what, strerror(-ret));
	}
	do {
		ssize_t n = mnl_socket_recvfrom(s->nl, s->buf, sizeof(s->buf));

		if (n < 0) {
			if (errno == EINTR) {
				ret = 1;
				continue;
			}
			ret = -errno;
			return fail(ret, err, errlen, "RDMA netlink %s: cannot receive: %s",
				    what, strerror(-ret));
		}
		ret = virtnet_rdma_walk(s->buf, (size_t)n, s->seq, s->portid, what,
					cb, arg, err, errlen);
	} while (ret == 1);
	return ret;
}

/* Looking for one name in the device dump, collecting the others. */
struct dev_scan {
	const char *want;
	bool found;
	uint32_t index;
	char names[RDMA_PRESENT_MAX][VIRTNET_IBDEV_MAX];
	size_t n;
	size_t total;
};

static int dev_scan_cb(const struct nlmsghdr *nlh, void *arg, char *err, size_t errlen)
{
	struct dev_scan *d = arg;
	char name[VIRTNET_IBDEV_MAX];
	uint32_t index;
	int ret;

	ret = virtnet_rdma_parse_dev(nlh, &index, name, err, errlen);
	if (ret)
		return ret;
	if (!strcmp(name, d->want)) {
		d->found = true;
		d->index = index;
	}
	d->total++;
	if (d->n < RDMA_PRESENT_MAX)
		memcpy(d->names[d->n++], name, sizeof(name));
	return 0;
}

struct port_get {
	struct virtnet_rdma_port *out;
	int ret;		/* of the parser; 1 until a reply came */
	char err[256];
};

static int port_get_cb(const struct nlmsghdr *nlh, void *arg, char *err, size_t errlen)
{
	struct port_get *pg = arg;

	(void)err;
	(void)errlen;
	if (pg->ret != 1)
		return 0;	/* one reply expected: keep the first */
	pg->ret = virtnet_rdma_parse_port(nlh, pg->out, pg->err, sizeof(pg->err));
	return 0;
}

/* --- the resolver ------------------------------------------------------ */

/* Append the names in b that a does not have (a has room for max). */
static void merge_names(char a[][VIRTNET_IBDEV_MAX], size_t *na, size_t max,
			char b[][VIRTNET_IBDEV_MAX], size_t nb)
{
	for (size_t i = 0; i < nb; i++) {
		size_t j;

		for (j = 0; j < *na && strcmp(a[j], b[i]); j++)
			;
		if (j == *na && *na < max)
			memcpy(a[(*na)++], b[i], VIRTNET_IBDEV_MAX);
	}
}

static int not_found(const char *ibdev, char names[][VIRTNET_IBDEV_MAX],
		     size_t n, bool more, char *err, size_t errlen)
{
	char list[RDMA_PRESENT_MAX * (VIRTNET_IBDEV_MAX + 2) + 8] = "";
	size_t len = 0;

	if (!n)
		return fail(-ENODEV, err, errlen,
			    "RDMA device '%s' not found (no RDMA devices present)", ibdev);
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					i ? ", " : "", names[i]);
	if (more && len < sizeof(list))
		snprintf(list + len, sizeof(list) - len, ", ...");
	return fail(-ENODEV, err, errlen, "RDMA device '%s' not found (present: %s)",
		    ibdev, list);
}

/* Put "RDMA device 'ibdev': " in front of the message in err. */
static int name_device(int ret, const char *ibdev, char *err, size_t errlen)
{
	char why[512];

	if (!err || !errlen)
		return ret;
	snprintf(why, sizeof(why), "%s", err);
	return fail(ret, err, errlen, "RDMA device '%s': %s", ibdev, why);
}

/* Everything resolving one name needs beyond the stack's comfort. */
struct resolve {
	struct rdma_nl s;
	struct dev_scan d;
	struct port_get pg;
	char ibv_names[RDMA_PRESENT_MAX][VIRTNET_IBDEV_MAX];
	size_t n_ibv;
	char req[VIRTNET_RDMA_REQ_MAX];
};

static int resolve(struct resolve *r, const char *ibdev,
		   struct virtnet_rdma_port *out, char *err, size_t errlen)
{
	bool in_ibv, more;
	size_t len;
	int count, ret;

	count = ibv_scan(ibdev, &in_ibv, r->ibv_names, RDMA_PRESENT_MAX, &r->n_ibv);
	if (count < 0)
		return fail(count, err, errlen,
			    "RDMA device '%s': cannot list RDMA devices (libibverbs): %s",
			    ibdev, strerror(-count));

	r->d.want = ibdev;
	ret = rdma_nl_open(&r->s, err, errlen);
	if (!ret) {
		len = virtnet_rdma_build_dev_dump(r->req, sizeof(r->req), 0);
		ret = rdma_nl_run(&r->s, r->req, len, "RDMA_NLDEV_CMD_GET (device dump)",
				  dev_scan_cb, &r->d, err, errlen);
	}

	if (!in_ibv) {
		/* Not usable from user space: say why as well as we can. */
		if (!ret && r->d.found)
			return fail(-ENODEV, err, errlen,
				    "RDMA device '%s' exists but libibverbs does not list it "
				    "(ib_uverbs not loaded, or no user-space provider: "
				    "install ibverbs-providers)", ibdev);
		/* Name every device either of them knows. */
		more = (size_t)count > r->n_ibv;
		if (!ret) {
			merge_names(r->ibv_names, &r->n_ibv, RDMA_PRESENT_MAX,
				    r->d.names, r->d.n);
			more = more || r->d.total > r->n_ibv;
		}
		return not_found(ibdev, r->ibv_names, r->n_ibv, more, err, errlen);
	}
	if (ret)
		return name_device(ret, ibdev, err, errlen);
	if (!r->d.found)
		return fail(-ENODEV, err, errlen,
			    "RDMA device '%s' is listed by libibverbs but not by RDMA "
			    "netlink (is it in another network namespace?)", ibdev);

	r->pg.out = out;
	r->pg.ret = 1;
	len = virtnet_rdma_build_port_get(r->req, sizeof(r->req), 0, r->d.index,
					  VIRTNET_RDMA_PORT);
	ret = rdma_nl_run(&r->s, r->req, len, "RDMA_NLDEV_CMD_PORT_GET (port 1)",
			  port_get_cb, &r->pg, err, errlen);
	if (ret)
		return name_device(ret, ibdev, err, errlen);
	if (r->pg.ret == 1)
		return fail(-EBADMSG, err, errlen,
			    "RDMA device '%s': RDMA netlink acknowledged "
			    "RDMA_NLDEV_CMD_PORT_GET without a reply", ibdev);
	if (r->pg.ret == -ENODEV)	/* the message names the device */
		return fail(r->pg.ret, err, errlen, "%s", r->pg.err);
	if (r->pg.ret)
		return fail(r->pg.ret, err, errlen, "RDMA device '%s': %s", ibdev,
			    r->pg.err);
	if (out->rdma_index != r->d.index || strcmp(out->ibdev, ibdev) ||
	    out->port != VIRTNET_RDMA_PORT)
		return fail(-EBADMSG, err, errlen,
			    "RDMA device '%s' (index %u): RDMA netlink answered for "
			    "'%s' (index %u) port %u instead", ibdev, r->d.index,
			    out->ibdev, out->rdma_index, out->port);
	return 0;
}

int virtnet_rdma_resolve(const char *ibdev, struct virtnet_rdma_port *out,
			 char *err, size_t errlen)
{
	struct resolve *r;
	int ret;

	memset(out, 0, sizeof(*out));
	if (err && errlen)
		err[0] = '\0';
	ret = virtnet_check_ibdev("RDMA device", ibdev, err, errlen);
	if (ret)
		return ret;
	r = calloc(1, sizeof(*r));
	if (!r)
		return fail(-ENOMEM, err, errlen, "RDMA device '%s': out of memory", ibdev);
	ret = resolve(r, ibdev, out, err, errlen);
	rdma_nl_close(&r->s);
	free(r);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}
