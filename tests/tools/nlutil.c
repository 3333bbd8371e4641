// SPDX-License-Identifier: GPL-2.0
/* nlutil.c - see nlutil.h. */
#define _GNU_SOURCE
#include "nlutil.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/virtnet.h>

#include "virtnet_attrs.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* The table comes from uapi/virtnet.yaml (scripts/ynl-gen.py). */
#define A(attr, t, len)	[VIRTNET_ATTR_##attr] = { #attr, NLU_##t },
static const struct nlu_attr attrs[VIRTNET_ATTR_MAX + 1] = {
	A(PAD, BINARY, 0)
	VIRTNET_ATTR_TABLE(A)
};
#undef A

const struct nlu_attr *nlu_attr_info(unsigned int type)
{
	return type <= VIRTNET_ATTR_MAX && attrs[type].name ? &attrs[type] : NULL;
}

static const char *const cmd_names[] = {
	[VIRTNET_CMD_UNSPEC] = "UNSPEC",
	[VIRTNET_CMD_DEV_NEW] = "DEV_NEW",
	[VIRTNET_CMD_DEV_DEL] = "DEV_DEL",
	[VIRTNET_CMD_DEV_GET] = "DEV_GET",
	[VIRTNET_CMD_INFO_GET] = "INFO_GET",
	[VIRTNET_CMD_PORT_SET] = "PORT_SET",
	[VIRTNET_CMD_CTRL_REGISTER] = "CTRL_REGISTER",
	[VIRTNET_CMD_CTRL_GET] = "CTRL_GET",
	[VIRTNET_CMD_CTRL_UPDATE] = "CTRL_UPDATE",
	[VIRTNET_CMD_CTRL_LOG_LEVEL] = "CTRL_LOG_LEVEL",
	[VIRTNET_CMD_SF_POOL_SET] = "SF_POOL_SET",
	[VIRTNET_CMD_DEV_SET] = "DEV_SET",
	[VIRTNET_CMD_DEV_DRIVER] = "DEV_DRIVER",
};
_Static_assert(sizeof(cmd_names) / sizeof(cmd_names[0]) == VIRTNET_CMD_MAX + 1,
	       "a name for every command of the uapi header");

const char *nlu_cmd_name(unsigned int cmd)
{
	return cmd < sizeof(cmd_names) / sizeof(cmd_names[0]) ?
	       cmd_names[cmd] : NULL;
}

static int parse_num(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > max || s[0] == '-')
		return -1;
	return (int)v;
}

int nlu_cmd_parse(const char *s)
{
	unsigned int i;

	if (!strncasecmp(s, "VIRTNET_CMD_", 12))
		s += 12;
	for (i = 0; i < sizeof(cmd_names) / sizeof(cmd_names[0]); i++)
		if (!strcasecmp(s, cmd_names[i]))
			return (int)i;
	return parse_num(s, 255);
}

int nlu_attr_parse(const char *s)
{
	unsigned int i;

	if (!strncasecmp(s, "VIRTNET_ATTR_", 13))
		s += 13;
	for (i = 1; i <= VIRTNET_ATTR_MAX; i++)
		if (attrs[i].name && !strcasecmp(s, attrs[i].name))
			return (int)i;
	return parse_num(s, 0xffff);
}

const char *nlu_errname(int err)
{
	static char buf[16];
	const char *name;

	if (err < 0)
		err = -err;
	if (!err)
		return "OK";
	name = strerrorname_np(err);
	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

int nlu_wait(struct nlu *u, int timeout_ms)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(u->nl), .events = POLLIN };
	int n;

	do
		n = poll(&p, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n > 0;
}

void nlu_parse_err(const struct nlmsghdr *nlh, struct nlu_err *e)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	size_t off;

	memset(e, 0, sizeof(*e));
	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
			return;
		e->error = *(const int *)mnl_nlmsg_get_payload(nlh);
		off = sizeof(int);
	} else {
		if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
			e->error = -EBADMSG;
			return;
		}
		e->error = err->error;
		off = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - sizeof(err->msg);
	}
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    off > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_for_each(a, nlh, off) {
		switch (mnl_attr_get_type(a)) {
		case NLMSGERR_ATTR_MSG:
			if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				e->msg = mnl_attr_get_str(a);
			break;
		case NLMSGERR_ATTR_OFFS:
			if (!mnl_attr_validate(a, MNL_TYPE_U32)) {
				e->has_offs = true;
				e->offs = mnl_attr_get_u32(a);
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (!mnl_attr_validate(a, MNL_TYPE_U32)) {
				e->has_miss = true;
				e->miss_type = mnl_attr_get_u32(a);
			}
			break;
		}
	}
}

struct family_info {
	int id;
	uint32_t mcgrp;
};

static void parse_mcgrps(const struct nlattr *grps, struct family_info *fi)
{
	const struct nlattr *grp, *a;

	mnl_attr_for_each_nested(grp, grps) {
		const char *name = NULL;
		uint32_t id = 0;

		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME &&
			    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				name = mnl_attr_get_str(a);
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
			    !mnl_attr_validate(a, MNL_TYPE_U32))
				id = mnl_attr_get_u32(a);
		}
		if (name && !strcmp(name, VIRTNET_MCGRP_EVENTS))
			fi->mcgrp = id;
	}
}

static void parse_family(const struct nlmsghdr *nlh, struct family_info *fi)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID &&
		    !mnl_attr_validate(a, MNL_TYPE_U16))
			fi->id = mnl_attr_get_u16(a);
		if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
			parse_mcgrps(a, fi);
	}
}

int nlu_resolve(struct nlu *u)
{
	static char buf[NLU_RXBUF];
	struct family_info fi = { .id = -1 };
	struct genlmsghdr *g;
	struct nlmsghdr *nlh;
	struct nlu_err e;
	uint32_t seq;
	ssize_t n;
	int ret;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq = ++u->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, u->name);
	if (mnl_socket_sendto(u->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		ret = nlu_wait(u, 5000);
		if (ret <= 0)
			return ret ? ret : -ETIMEDOUT;
		n = mnl_socket_recvfrom(u->nl, buf, u->rxsize);
		if (n < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; mnl_nlmsg_ok(nlh, (int)n);
		     nlh = mnl_nlmsg_next(nlh, (int *)&n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == GENL_ID_CTRL)
				parse_family(nlh, &fi);
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				nlu_parse_err(nlh, &e);
				if (e.error)
					return e.error;
				if (fi.id < 0)
					return -ENOENT;
				u->family = (uint16_t)fi.id;
				u->mcgrp_events = fi.mcgrp;
				return 0;
			}
		}
	}
}

int nlu_socket(struct nlu *u)
{
	int one = 1, ret;

	u->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!u->nl) {
		ret = -errno;
		perror("netlink socket");
		return ret;
	}
	if (mnl_socket_bind(u->nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_setsockopt(u->nl, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    mnl_socket_setsockopt(u->nl, NETLINK_CAP_ACK, &one, sizeof(one))) {
		ret = -errno;
		perror("netlink socket setup");
		nlu_close(u);
		return ret;
	}
	u->portid = mnl_socket_get_portid(u->nl);
	return 0;
}

int nlu_open(struct nlu *u, size_t rxsize)
{
	return nlu_open_family(u, rxsize, VIRTNET_GENL_NAME);
}

int nlu_open_family(struct nlu *u, size_t rxsize, const char *name)
{
	int ret;

	memset(u, 0, sizeof(*u));
	u->name = name;
	u->rxsize = rxsize && rxsize < NLU_RXBUF ? rxsize : NLU_RXBUF;
	u->seq = (uint32_t)rand();
	ret = nlu_socket(u);
	if (ret)
		return ret;
	ret = nlu_resolve(u);
	if (ret) {
		fprintf(stderr, "generic netlink family \"%s\": %s%s\n",
			name, nlu_errname(ret),
			ret == -ENOENT ? " (is the module loaded?)" : "");
		nlu_close(u);
	}
	return ret;
}

void nlu_close(struct nlu *u)
{
	if (u->nl)
		mnl_socket_close(u->nl);
	u->nl = NULL;
}

static void print_str(const struct nlattr *a)
{
	const unsigned char *p = mnl_attr_get_payload(a);
	uint16_t i, len = mnl_attr_get_payload_len(a);

	for (i = 0; i < len && p[i]; i++)
		if (p[i] > ' ' && p[i] < 0x7f && p[i] != '\\')
			putchar(p[i]);
		else
			printf("\\x%02x", p[i]);
}

static void print_hex(const struct nlattr *a, char sep)
{
	const unsigned char *p = mnl_attr_get_payload(a);
	uint16_t i, len = mnl_attr_get_payload_len(a);

	for (i = 0; i < len; i++) {
		if (sep && i)
			putchar(sep);
		printf("%02x", p[i]);
	}
	if (!len)
		printf("-");
}

static void print_ports(const struct nlattr *ports)
{
	const struct nlattr *port, *a;
	bool first = true;

	mnl_attr_for_each_nested(port, ports) {
		printf("%s", first ? "" : ",");
		first = false;
		mnl_attr_for_each_nested(a, port) {
			if (mnl_attr_get_type(a) == VIRTNET_ATTR_PORT_INDEX &&
			    !mnl_attr_validate(a, MNL_TYPE_U32))
				printf("%u:", mnl_attr_get_u32(a));
			if (mnl_attr_get_type(a) == VIRTNET_ATTR_PORT_IBDEV)
				print_str(a);
			if (mnl_attr_get_type(a) == VIRTNET_ATTR_PORT_NETDEV) {
				printf("@");
				print_str(a);
			}
		}
	}
}

void nlu_print_attrs(const struct nlmsghdr *nlh)
{
	const struct nlattr *a, *q;
	const struct nlu_attr *info;
	static const int sizes[] = { [NLU_U8] = 1, [NLU_U16] = 2,
				     [NLU_U32] = 4, [NLU_U64] = 8 };
	unsigned int n;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		uint16_t type = mnl_attr_get_type(a);
		uint16_t len = mnl_attr_get_payload_len(a);

		info = nlu_attr_info(type);
		if (info)
			printf(" %s=", info->name);
		else
			printf(" attr%u=", type);
		if (!info || (info->type <= NLU_U64 && len != sizes[info->type])) {
			print_hex(a, 0);
			continue;
		}
		switch (info->type) {
		case NLU_U8:
			printf("%u", mnl_attr_get_u8(a));
			break;
		case NLU_U16:
			printf("%u", mnl_attr_get_u16(a));
			break;
		case NLU_U32:
			printf("%u", mnl_attr_get_u32(a));
			break;
		case NLU_U64:
			printf("0x%llx",
			       (unsigned long long)mnl_attr_get_u64(a));
			break;
		case NLU_STRING:
			print_str(a);
			break;
		case NLU_BINARY:
			print_hex(a, type == VIRTNET_ATTR_MAC ? ':' : 0);
			break;
		case NLU_FLAG:
			printf("1");
			break;
		case NLU_NEST:
			if (type == VIRTNET_ATTR_PORTS) {
				print_ports(a);
				break;
			}
			/* Queues: only their count (counters move). */
			n = 0;
			mnl_attr_for_each_nested(q, a)
				n++;
			printf("%u", n);
			break;
		}
	}
}
