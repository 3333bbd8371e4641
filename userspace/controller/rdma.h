/*
 * rdma.h - RDMA device name -> uplink network device.
 *
 * A port's "ib_device" (e.g. "mlx5_0", or a soft-RoCE device made with
 * `rdma link add rxe0 type rxe netdev p0`) is checked in two places:
 *   - libibverbs (ibv_get_device_list): the device exists and user space
 *     can open it (ib_uverbs loaded, a provider from ibverbs-providers);
 *   - RDMA netlink (NETLINK_RDMA, the "nldev" client, as `rdma dev` and
 *     `rdma link` use it): RDMA_NLDEV_CMD_GET dumps the devices to find the
 *     index of the name, RDMA_NLDEV_CMD_PORT_GET on port 1 gives the
 *     network device of the port (RDMA_NLDEV_ATTR_NDEV_INDEX/_NAME).
 *
 * The netlink messages are built and parsed by pure functions (below the
 * resolver), so they can be tested without RDMA hardware.
 *
 * Errors are a negative errno plus a message in err that names the device
 * and says what was expected; err may be NULL when errlen is 0.
 */
#ifndef VIRTNET_RDMA_H
#define VIRTNET_RDMA_H

#include <stddef.h>
#include <stdint.h>

#include <net/if.h>			/* IFNAMSIZ */
#include <linux/netlink.h>
#include <linux/virtnet.h>		/* VIRTNET_IBDEV_MAX */

/* The port whose network device is the uplink. */
#define VIRTNET_RDMA_PORT	1

/* An RDMA device and the network device of its port VIRTNET_RDMA_PORT. */
struct virtnet_rdma_port {
	char ibdev[VIRTNET_IBDEV_MAX];	/* RDMA device name, e.g. "mlx5_0" */
	uint32_t rdma_index;		/* RDMA_NLDEV_ATTR_DEV_INDEX */
	uint32_t port;			/* port number, VIRTNET_RDMA_PORT */
	char netdev[IFNAMSIZ];		/* e.g. "p0" */
	uint32_t ifindex;		/* of netdev, in our network namespace */
};

/*
 * Resolve ibdev to its index and the network device of port 1.
 * Returns 0 with *out filled, or a negative errno with err set and *out
 * all zeros:
 *   -EINVAL  ibdev is not a valid RDMA device name
 *   -ENODEV  "RDMA device 'mlx5_0' not found (present: rxe0, mlx5_1)",
 *            the device is only half visible (libibverbs without netlink
 *            or the reverse: the message says which and why), or
 *            "RDMA device 'mlx5_0' has no network device on port 1 (...)"
 *   other    RDMA netlink unavailable, a kernel error (with its extack
 *            message when there is one) or a malformed reply.
 */
int virtnet_rdma_resolve(const char *ibdev, struct virtnet_rdma_port *out,
			 char *err, size_t errlen);

/*
 * Names of the RDMA devices libibverbs lists, for messages: up to max of
 * them into names, their number in *n. Returns how many devices there are
 * (more than *n when names was too small), or a negative errno. A kernel
 * without RDMA support (libibverbs reports ENOSYS) has no devices: 0.
 */
int virtnet_rdma_list(char names[][VIRTNET_IBDEV_MAX], size_t max, size_t *n);

/* --- RDMA netlink messages: pure functions, no socket ----------------- */

/* Big enough for every request built below. */
#define VIRTNET_RDMA_REQ_MAX	64

/*
 * Build a RDMA_NLDEV_CMD_GET dump request (NLM_F_REQUEST | NLM_F_DUMP)
 * into buf. Returns the message length, or 0 if buflen is too small.
 */
size_t virtnet_rdma_build_dev_dump(void *buf, size_t buflen, uint32_t seq);

/*
 * Build a RDMA_NLDEV_CMD_PORT_GET request (NLM_F_REQUEST | NLM_F_ACK) for
 * port of the device with index rdma_index into buf. Returns the message
 * length, or 0 if buflen is too small.
 */
size_t virtnet_rdma_build_port_get(void *buf, size_t buflen, uint32_t seq,
				   uint32_t rdma_index, uint32_t port);

/*
 * Parse one message of a RDMA_NLDEV_CMD_GET reply: the device's index and
 * name. nlh->nlmsg_len bytes must be readable. Returns 0, or -EBADMSG
 * (wrong type, truncated, missing or malformed attribute, a name longer
 * than VIRTNET_IBDEV_MAX - 1) with err saying what is wrong.
 */
int virtnet_rdma_parse_dev(const struct nlmsghdr *nlh, uint32_t *rdma_index,
			   char name[VIRTNET_IBDEV_MAX], char *err, size_t errlen);

/*
 * Parse a RDMA_NLDEV_CMD_PORT_GET reply into *out (all of it is written).
 * Returns 0 when the port has a network device; -ENODEV when the reply
 * is well formed but has neither RDMA_NLDEV_ATTR_NDEV_INDEX nor _NAME
 * (an InfiniBand port, or its netdev is in another network namespace);
 * -EBADMSG when the message is malformed (as for virtnet_rdma_parse_dev;
 * also only one of the two NDEV attributes, a netdev name longer than
 * IFNAMSIZ - 1, ifindex 0). err says what is wrong.
 */
int virtnet_rdma_parse_port(const struct nlmsghdr *nlh,
			    struct virtnet_rdma_port *out, char *err, size_t errlen);

/*
 * The error of an NLMSG_ERROR or NLMSG_DONE message (0 or a negative
 * errno), with the kernel's extack message, when there is one, copied to
 * msg (msg[0] = '\0' otherwise). Honours NLM_F_CAPPED and NLM_F_ACK_TLVS,
 * never reads past nlh->nlmsg_len; -EBADMSG if the error is cut off.
 */
int virtnet_rdma_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t msglen);

/* Called for every reply message that is not NLMSG_ERROR/DONE/NOOP. */
typedef int (*virtnet_rdma_msg_cb)(const struct nlmsghdr *nlh, void *arg,
				   char *err, size_t errlen);

/*
 * Walk the messages of one received datagram of len bytes: messages of
 * another seq or portid are skipped, NLMSG_ERROR and NLMSG_DONE end the
 * request, the others go to cb (a negative return stops the walk). what
 * names the request in messages ("RDMA_NLDEV_CMD_GET (device dump)").
 * Returns 1 when the request needs more datagrams, 0 when it ended well,
 * or a negative errno with err set: the kernel's error (with its extack
 * message, else strerror), cb's error, or -EBADMSG when the datagram
 * ends in a truncated message.
 */
int virtnet_rdma_walk(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		      const char *what, virtnet_rdma_msg_cb cb, void *arg,
		      char *err, size_t errlen);

#endif /* VIRTNET_RDMA_H */
