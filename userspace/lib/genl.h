/*
 * genl.h - generic netlink client for the "virtnet" family (libnl-genl).
 *
 * Open a socket and resolve the family, build a request, run it: replies
 * are parsed with the strict attribute specs (attrs.h) and handed to a
 * callback one message at a time. Errors come back as a negative errno
 * with a readable message in g->errmsg: the kernel's extack message when
 * it sent one, else strerror(). Dumps interrupted by a concurrent change
 * (NLM_F_DUMP_INTR) are restarted, up to VIRTNET_DUMP_RETRIES times.
 */
#ifndef VIRTNET_GENL_H
#define VIRTNET_GENL_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#define VIRTNET_ERRMSG_MAX	512
#define VIRTNET_DUMP_RETRIES	5

#define VIRTNET_ENOFAMILY_MSG \
	"the virtnet_emu kernel module is not loaded " \
	"(generic netlink family 'virtnet' not found)"

struct nl_sock;

struct virtnet_genl {
	struct nl_sock *sk;
	int family;			/* resolved family id */
	char errmsg[VIRTNET_ERRMSG_MAX];	/* last error, "" if none */
};

/* One reply message, parsed. */
struct virtnet_reply {
	uint8_t cmd;			/* genl command of the message */
	uint16_t nlmsg_flags;
	struct nlattr *const *tb;	/* VIRTNET_ATTR_MAX + 1 entries */
	char *err;			/* where a callback explains a failure */
	size_t errlen;
};

/* Return 0 to go on, or a negative errno to fail the request. */
typedef int (*virtnet_reply_cb)(const struct virtnet_reply *reply, void *arg);
/* A dump starts over: forget what the callback collected so far. */
typedef void (*virtnet_restart_cb)(void *arg);

/*
 * Open a socket and resolve the family. Returns 0, -ENOENT when the
 * family does not exist (errmsg is VIRTNET_ENOFAMILY_MSG) or another
 * negative errno. On failure nothing needs closing.
 */
int virtnet_genl_open(struct virtnet_genl *g);
void virtnet_genl_close(struct virtnet_genl *g);

/* A request for cmd with the family header filled in; NULL when out of memory. */
struct nl_msg *virtnet_genl_msg(struct virtnet_genl *g, uint8_t cmd, int flags);

/*
 * Send req (NLM_F_DUMP in flags makes it a dump) and receive until the
 * final ACK, error or NLMSG_DONE. cb may be NULL; restart may be NULL for
 * requests that are not dumps. Frees req. Returns 0 or a negative errno,
 * with g->errmsg set.
 */
int virtnet_genl_run(struct virtnet_genl *g, struct nl_msg *req,
		     virtnet_reply_cb cb, virtnet_restart_cb restart, void *arg);

/*
 * Join the "events" multicast group. Use a socket of its own for events:
 * it stops checking sequence numbers. Returns 0 or a negative errno.
 */
int virtnet_genl_subscribe(struct virtnet_genl *g);

/*
 * Receive one batch of event messages and pass each to cb (may be NULL:
 * discard them). -ENOBUFS: events were lost since the last call, the
 * socket's receive buffer overran; -EAGAIN: nothing to read on a
 * non-blocking socket.
 */
int virtnet_genl_recv_events(struct virtnet_genl *g, virtnet_reply_cb cb,
			     void *arg);

/*
 * The error of an NLMSG_ERROR or NLMSG_DONE message (0 or a negative
 * errno), with the extack message, when there is one, copied to msg
 * (msg[0] = '\0' otherwise). Honours NLM_F_CAPPED and NLM_F_ACK_TLVS and
 * never reads past nlh->nlmsg_len.
 */
int virtnet_genl_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t msglen);

#endif /* VIRTNET_GENL_H */
