/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlutil.h - shared helpers of the netlink test tools (vnl, nlfuzz):
 * a libmnl generic netlink socket bound to the "virtnet" family, error
 * and extack decoding, the attribute name table of uapi/linux/virtnet.h.
 */
#ifndef VIRTNET_NLUTIL_H
#define VIRTNET_NLUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

/* Large enough for any reply: dump skbs are at most 32 KiB. */
#define NLU_RXBUF	(64 * 1024)

struct nlu {
	struct mnl_socket *nl;
	uint32_t portid;
	const char *name;	/* genl family name ("virtnet" by nlu_open) */
	uint16_t family;	/* its id */
	uint32_t mcgrp_events;	/* multicast group id, 0 if none */
	uint32_t seq;
	size_t rxsize;		/* bytes asked for per recv (<= NLU_RXBUF) */
};

/* An NLMSG_ERROR (or NLMSG_DONE) decoded, extack included. */
struct nlu_err {
	int error;		/* 0 or a negative errno */
	const char *msg;	/* NLMSGERR_ATTR_MSG or NULL */
	bool has_offs;
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS */
	bool has_miss;
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
};

enum nlu_type { NLU_U8, NLU_U16, NLU_U32, NLU_U64, NLU_STRING, NLU_BINARY,
		NLU_FLAG, NLU_NEST };

struct nlu_attr {
	const char *name;	/* without VIRTNET_ATTR_ */
	enum nlu_type type;
};

/* The uapi attribute @type, NULL if unknown. */
const struct nlu_attr *nlu_attr_info(unsigned int type);

/* Opens a socket with NETLINK_EXT_ACK and NETLINK_CAP_ACK set and
 * resolves the family; -errno with a message on stderr on failure
 * (-ENOENT: the family is not registered). @rxsize: the buffer size to
 * receive with (the kernel sizes dump skbs after it), 0 for NLU_RXBUF. */
int nlu_open(struct nlu *u, size_t rxsize);
/* The same for the family @name (devlink, vdpa...). */
int nlu_open_family(struct nlu *u, size_t rxsize, const char *name);
/* Replaces u->nl with a new socket (same options), nothing received on
 * it yet: the kernel sizes its first dump skb at NLMSG_GOODSIZE. */
int nlu_socket(struct nlu *u);
void nlu_close(struct nlu *u);
/* Looks the family up again (is it still there?): 0 or -errno. */
int nlu_resolve(struct nlu *u);

/* poll() for input: 1 readable, 0 timeout, -errno on error. */
int nlu_wait(struct nlu *u, int timeout_ms);

/* Decodes the payload of an NLMSG_ERROR or NLMSG_DONE message. */
void nlu_parse_err(const struct nlmsghdr *nlh, struct nlu_err *e);

/* "EINVAL" for -EINVAL or EINVAL; "E<n>" if unknown; "OK" for 0. */
const char *nlu_errname(int err);

const char *nlu_cmd_name(unsigned int cmd);	/* NULL if unknown */
int nlu_cmd_parse(const char *s);		/* -1 if invalid */
int nlu_attr_parse(const char *s);		/* -1 if invalid */

/* Prints a message's top-level attributes as " NAME=value...": integers in
 * decimal (u64 in hex), the MAC as aa:bb:..., nests as their element count
 * (PORTS as index:ibdev,...), anything malformed or unknown in hex. */
void nlu_print_attrs(const struct nlmsghdr *nlh);

#endif
