/* test_rdma.c - RDMA netlink requests and replies, the resolver without devices. */
#include "test.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <rdma/rdma_netlink.h>

#include "rdma.h"

#define T_GET		RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_GET)
#define T_PORT_GET	RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_PORT_GET)

struct msg {
	_Alignas(8) unsigned char data[1024];
	struct nlmsghdr *nlh;
};

static struct nlmsghdr *msg_start(struct msg *m, uint16_t type)
{
	memset(m, 0, sizeof(*m));
	m->nlh = mnl_nlmsg_put_header(m->data);
	m->nlh->nlmsg_type = type;
	m->nlh->nlmsg_flags = NLM_F_MULTI;
	m->nlh->nlmsg_seq = 42;
	return m->nlh;
}

/* What the kernel sends first in every nldev reply (fill_nldev_handle). */
static void put_handle(struct msg *m, uint32_t index, const char *name)
{
	mnl_attr_put_u32(m->nlh, RDMA_NLDEV_ATTR_DEV_INDEX, index);
	mnl_attr_put_strz(m->nlh, RDMA_NLDEV_ATTR_DEV_NAME, name);
}

/*
 * A PORT_GET reply as a RoCE port sends it, with unrelated attributes
 * around. The kernel's doit answers with the type of RDMA_NLDEV_CMD_GET
 * (seen with rdma_rxe on 6.1), so that is what the fixture uses.
 */
static struct nlmsghdr *port_reply(struct msg *m, uint32_t index, const char *ibdev,
				   uint32_t port, const char *netdev, uint32_t ifindex)
{
	msg_start(m, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_GET));
	put_handle(m, index, ibdev);
	mnl_attr_put_u32(m->nlh, RDMA_NLDEV_ATTR_PORT_INDEX, port);
	mnl_attr_put_u64(m->nlh, RDMA_NLDEV_ATTR_CAP_FLAGS, 0x1234);
	mnl_attr_put_u8(m->nlh, RDMA_NLDEV_ATTR_PORT_STATE, 4);
	if (netdev) {
		mnl_attr_put_u32(m->nlh, RDMA_NLDEV_ATTR_NDEV_INDEX, ifindex);
		mnl_attr_put_strz(m->nlh, RDMA_NLDEV_ATTR_NDEV_NAME, netdev);
	}
	return m->nlh;
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, 0)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

TEST(rdma_build_dev_dump)
{
	_Alignas(8) unsigned char buf[VIRTNET_RDMA_REQ_MAX];
	const struct nlmsghdr *nlh = (const void *)buf;
	size_t len;

	len = virtnet_rdma_build_dev_dump(buf, sizeof(buf), 77);
	CHECK_EQ(len, NLMSG_HDRLEN);
	CHECK_EQ(nlh->nlmsg_len, len);
	CHECK_EQ(nlh->nlmsg_type, (RDMA_NL_NLDEV << 10) + RDMA_NLDEV_CMD_GET);
	CHECK_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	CHECK_EQ(nlh->nlmsg_seq, 77);
	CHECK_EQ(virtnet_rdma_build_dev_dump(buf, NLMSG_HDRLEN - 1, 1), 0);
	CHECK_EQ(virtnet_rdma_build_dev_dump(NULL, 100, 1), 0);
}

TEST(rdma_build_port_get)
{
	_Alignas(8) unsigned char buf[VIRTNET_RDMA_REQ_MAX];
	const struct nlmsghdr *nlh = (const void *)buf;
	const struct nlattr *a;
	size_t len;
	int i = 0;

	memset(buf, 0xa5, sizeof(buf));
	len = virtnet_rdma_build_port_get(buf, sizeof(buf), 5, 7, 1);
	CHECK_EQ(len, NLMSG_HDRLEN + 2 * 8);
	CHECK_EQ(nlh->nlmsg_len, len);
	CHECK_EQ(nlh->nlmsg_type, (RDMA_NL_NLDEV << 10) + RDMA_NLDEV_CMD_PORT_GET);
	CHECK_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CHECK_EQ(nlh->nlmsg_seq, 5);
	CHECK_EQ(nlh->nlmsg_pid, 0);
	mnl_attr_for_each(a, nlh, 0) {
		CHECK_EQ(mnl_attr_get_payload_len(a), 4);
		if (i == 0) {
			CHECK_EQ(mnl_attr_get_type(a), RDMA_NLDEV_ATTR_DEV_INDEX);
			CHECK_EQ(mnl_attr_get_u32(a), 7);
		} else {
			CHECK_EQ(mnl_attr_get_type(a), RDMA_NLDEV_ATTR_PORT_INDEX);
			CHECK_EQ(mnl_attr_get_u32(a), 1);
		}
		i++;
	}
	CHECK_EQ(i, 2);
	CHECK_EQ(virtnet_rdma_build_port_get(buf, len - 1, 5, 7, 1), 0);
	CHECK_EQ(virtnet_rdma_build_port_get(buf, len, 5, 7, 1), len);
}

TEST(rdma_parse_dev)
{
	struct msg m;
	char name[VIRTNET_IBDEV_MAX], err[256];
	uint32_t index = 99;

	msg_start(&m, T_GET);
	put_handle(&m, 3, "rxe0");
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_FW_VERSION, "1.0.0");
	mnl_attr_put_u64(m.nlh, RDMA_NLDEV_ATTR_NODE_GUID, 0x0cc47afffe229300ULL);
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), 0);
	CHECK_EQ(index, 3);
	CHECK_STREQ(name, "rxe0");

	/* The reply of another command. */
	m.nlh->nlmsg_type = T_PORT_GET;
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "malformed RDMA netlink reply to RDMA_NLDEV_CMD_GET");
	CHECK_CONTAINS(err, "message type");
	CHECK_STREQ(name, "");

	/* No name. */
	msg_start(&m, T_GET);
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_DEV_INDEX, 3);
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "no RDMA_NLDEV_ATTR_DEV_NAME");

	/* No index. */
	msg_start(&m, T_GET);
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_DEV_NAME, "mlx5_0");
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "no RDMA_NLDEV_ATTR_DEV_INDEX");

	/* err may be left out. */
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, NULL, 0), -EBADMSG);
}

TEST(rdma_parse_dev_name_lengths)
{
	struct msg m;
	char name[VIRTNET_IBDEV_MAX], err[256], longest[VIRTNET_IBDEV_MAX + 1];
	uint32_t index;

	memset(longest, 'x', sizeof(longest));
	longest[VIRTNET_IBDEV_MAX - 1] = '\0';		/* 63 characters: fits */
	msg_start(&m, T_GET);
	put_handle(&m, 1, longest);
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), 0);
	CHECK_STREQ(name, longest);

	longest[VIRTNET_IBDEV_MAX - 1] = 'x';
	longest[VIRTNET_IBDEV_MAX] = '\0';		/* 64: one too many */
	msg_start(&m, T_GET);
	put_handle(&m, 1, longest);
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_NAME has 64 characters, at most 63 allowed");
	CHECK_STREQ(name, "");

	/* Empty, and without its NUL. */
	msg_start(&m, T_GET);
	put_handle(&m, 1, "");
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_NAME is empty");
	msg_start(&m, T_GET);
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_DEV_INDEX, 1);
	mnl_attr_put(m.nlh, RDMA_NLDEV_ATTR_DEV_NAME, 4, "rxe0");
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_NAME is not a NUL-terminated string");
	msg_start(&m, T_GET);
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_DEV_INDEX, 1);
	mnl_attr_put(m.nlh, RDMA_NLDEV_ATTR_DEV_NAME, 0, NULL);
	CHECK_EQ(virtnet_rdma_parse_dev(m.nlh, &index, name, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "not a NUL-terminated string");
}

TEST(rdma_parse_port_roce)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256] = "untouched";

	port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), 0);
	CHECK_STREQ(p.ibdev, "mlx5_0");
	CHECK_EQ(p.rdma_index, 2);
	CHECK_EQ(p.port, 1);
	CHECK_STREQ(p.netdev, "p0");
	CHECK_EQ(p.ifindex, 3);

	/* The longest interface name, 15 characters. */
	port_reply(&m, 2, "rxe0", 1, "en3f1pf1sf99999", 4000);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), 0);
	CHECK_STREQ(p.netdev, "en3f1pf1sf99999");
	CHECK_EQ(p.ifindex, 4000);
}

TEST(rdma_parse_port_reply_types)
{
	struct virtnet_rdma_port p;
	struct msg m;
	char err[256];

	/* Dumps of ports carry PORT_GET's own type: accepted too. */
	port_reply(&m, 3, "mlx5_0", 1, "p0", 7);
	m.nlh->nlmsg_type = T_PORT_GET;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), 0);
	CHECK_STREQ(p.netdev, "p0");
	/* Any other nldev command is not a port reply. */
	port_reply(&m, 3, "mlx5_0", 1, "p0", 7);
	m.nlh->nlmsg_type = RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_SET);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "message type");
}

TEST(rdma_parse_port_without_netdev)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256];

	port_reply(&m, 5, "mlx5_1", 1, NULL, 0);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -ENODEV);
	CHECK_PREFIX(err, "RDMA device 'mlx5_1' has no network device on port 1");
	CHECK_STREQ(p.ibdev, "mlx5_1");
	CHECK_EQ(p.rdma_index, 5);
	CHECK_STREQ(p.netdev, "");
	CHECK_EQ(p.ifindex, 0);

	/* Half of the pair is malformed, not "no netdev". */
	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX, 1);
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_NDEV_INDEX, 9);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_NDEV_INDEX without RDMA_NLDEV_ATTR_NDEV_NAME");
	CHECK_STREQ(p.ibdev, "");

	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX, 1);
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_NDEV_NAME, "p1");
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_NDEV_NAME without RDMA_NLDEV_ATTR_NDEV_INDEX");

	port_reply(&m, 5, "mlx5_1", 1, "p1", 0);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_NDEV_INDEX is 0");
}

TEST(rdma_parse_port_missing_attributes)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256];

	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_NDEV_INDEX, 9);
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_NDEV_NAME, "p1");
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_STREQ(err, "malformed RDMA netlink reply to RDMA_NLDEV_CMD_PORT_GET: "
		    "no RDMA_NLDEV_ATTR_PORT_INDEX");
	CHECK_STREQ(p.netdev, "");

	/* An empty message: the first thing missing is named. */
	msg_start(&m, T_PORT_GET);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "no RDMA_NLDEV_ATTR_DEV_INDEX");

	/*
	 * (A CMD_GET-typed message is what the kernel really sends for a port
	 * reply: see rdma_parse_port_reply_types for the types refused.)
	 */
}

TEST(rdma_parse_port_wrong_attribute_length)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256];
	uint16_t small = 3;

	/* u64 where a u32 belongs. */
	msg_start(&m, T_PORT_GET);
	mnl_attr_put_u64(m.nlh, RDMA_NLDEV_ATTR_DEV_INDEX, 5);
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_DEV_NAME, "mlx5_1");
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_INDEX has 8 bytes, must have 4 (u32)");

	/* u16 ifindex. */
	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX, 1);
	mnl_attr_put(m.nlh, RDMA_NLDEV_ATTR_NDEV_INDEX, sizeof(small), &small);
	mnl_attr_put_strz(m.nlh, RDMA_NLDEV_ATTR_NDEV_NAME, "p1");
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_NDEV_INDEX has 2 bytes, must have 4 (u32)");

	/* A flag (no payload) as the port. */
	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX, 0, NULL);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_PORT_INDEX has 0 bytes");
}

TEST(rdma_parse_port_oversized_names)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256], ibdev[VIRTNET_IBDEV_MAX + 1];

	port_reply(&m, 5, "mlx5_1", 1, "en3f1pf1sf999999", 9);	/* 16 */
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_NDEV_NAME has 16 characters, at most 15 allowed");
	CHECK_STREQ(p.netdev, "");

	memset(ibdev, 'm', sizeof(ibdev));
	ibdev[VIRTNET_IBDEV_MAX] = '\0';
	port_reply(&m, 5, ibdev, 1, "p1", 9);
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_NAME has 64 characters, at most 63 allowed");
	CHECK_STREQ(p.ibdev, "");

	/* A terminated name with junk after the NUL is read up to the NUL. */
	msg_start(&m, T_PORT_GET);
	put_handle(&m, 5, "mlx5_1");
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX, 1);
	mnl_attr_put_u32(m.nlh, RDMA_NLDEV_ATTR_NDEV_INDEX, 9);
	mnl_attr_put(m.nlh, RDMA_NLDEV_ATTR_NDEV_NAME, 24, "p1\0xxxxxxxxxxxxxxxxxxxx");
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), 0);
	CHECK_STREQ(p.netdev, "p1");
}

TEST(rdma_parse_port_truncated)
{
	struct msg m;
	struct virtnet_rdma_port p;
	char err[256];
	const struct nlattr *a;
	uint32_t full;

	/* Cut inside the last attribute (NDEV_NAME "p0\0" + padding). */
	port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
	full = m.nlh->nlmsg_len;
	m.nlh->nlmsg_len = full - 4;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "attribute truncated at offset");

	/* Cut inside an attribute header. */
	m.nlh->nlmsg_len = full - 6;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "attribute truncated");

	/*
	 * Every cut is an error, or the answer without NDEV when it falls
	 * between attributes; only the padding after "p0\0" may go.
	 */
	for (uint32_t len = 0; len < full; len++) {
		int ret;

		port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
		m.nlh->nlmsg_len = len;
		ret = virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err));
		if (len == full - 1 ? ret != 0 : ret != -EBADMSG && ret != -ENODEV)
			test_fail(__FILE__, __LINE__, "length %u: %d", len, ret);
	}

	/* Shorter than the header. */
	port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
	m.nlh->nlmsg_len = NLMSG_HDRLEN - 1;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "shorter than its header");

	/* An attribute claiming less than its own header. */
	port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
	a = find_attr(m.nlh, RDMA_NLDEV_ATTR_PORT_INDEX);
	REQUIRE(a);
	((struct nlattr *)a)->nla_len = 2;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "attribute truncated");

	/* One claiming more than the message has. */
	port_reply(&m, 2, "mlx5_0", 1, "p0", 3);
	a = find_attr(m.nlh, RDMA_NLDEV_ATTR_NDEV_NAME);
	REQUIRE(a);
	((struct nlattr *)a)->nla_len = 200;
	CHECK_EQ(virtnet_rdma_parse_port(m.nlh, &p, err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "attribute truncated");
}

/* NLMSG_ERROR answering req: error, capped or not, extack text if any. */
static struct nlmsghdr *error_msg(struct msg *m, const struct nlmsghdr *req, int error,
				  int capped, const char *text)
{
	struct nlmsgerr *e;

	msg_start(m, NLMSG_ERROR);
	m->nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e = mnl_nlmsg_put_extra_header(m->nlh, sizeof(*e));
	e->error = error;
	memcpy(&e->msg, req, sizeof(e->msg));
	if (!capped) {
		size_t plen = req->nlmsg_len - NLMSG_HDRLEN;

		memcpy(mnl_nlmsg_put_extra_header(m->nlh, plen),
		       (const char *)req + NLMSG_HDRLEN, plen);
	}
	if (text) {
		m->nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(m->nlh, NLMSGERR_ATTR_MSG, text);
	}
	return m->nlh;
}

TEST(rdma_parse_ack)
{
	_Alignas(8) unsigned char req[VIRTNET_RDMA_REQ_MAX];
	const struct nlmsghdr *rq = (const void *)req;
	struct msg m;
	char msg[64];

	REQUIRE(virtnet_rdma_build_port_get(req, sizeof(req), 42, 7, 1));

	error_msg(&m, rq, 0, 1, NULL);
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), 0);
	CHECK_STREQ(msg, "");

	error_msg(&m, rq, -EINVAL, 0, NULL);
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "");

	error_msg(&m, rq, -EINVAL, 0, "Invalid port index");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "Invalid port index");

	error_msg(&m, rq, -ENODEV, 1, "no such device");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -ENODEV);
	CHECK_STREQ(msg, "no such device");

	/* A positive error is taken as its negative. */
	error_msg(&m, rq, EPERM, 1, NULL);
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EPERM);

	/* Longer than msg: cut, terminated. */
	error_msg(&m, rq, -EINVAL, 1,
		  "a very long extack message that does not fit the small buffer given");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_EQ(strlen(msg), sizeof(msg) - 1);
	CHECK_PREFIX(msg, "a very long extack");

	/* Text without its NUL stops at the attribute's end. */
	error_msg(&m, rq, -EINVAL, 1, NULL);
	m.nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put(m.nlh, NLMSGERR_ATTR_MSG, 5, "bad!!");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "bad!!");

	/* The TLVs are cut off: error kept, no text read past the end. */
	error_msg(&m, rq, -EINVAL, 0, "Invalid port index");
	m.nlh->nlmsg_len -= 12;
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "");

	/* The echoed request claims more than the message has. */
	error_msg(&m, rq, -EINVAL, 0, "x");
	((struct nlmsgerr *)mnl_nlmsg_get_payload(m.nlh))->msg.nlmsg_len = 4000;
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "");

	/* Too short for the error itself. */
	error_msg(&m, rq, -EINVAL, 1, NULL);
	m.nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EBADMSG);

	/* No buffer for the text. */
	error_msg(&m, rq, -EINVAL, 1, "text");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, NULL, 0), -EINVAL);
}

TEST(rdma_parse_ack_done)
{
	struct msg m;
	char msg[64];
	int *err;

	msg_start(&m, NLMSG_DONE);
	err = mnl_nlmsg_put_extra_header(m.nlh, sizeof(int));
	*err = 0;
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), 0);

	*err = -EMSGSIZE;
	m.nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put_strz(m.nlh, NLMSGERR_ATTR_MSG, "dump failed");
	CHECK_EQ(virtnet_rdma_parse_ack(m.nlh, msg, sizeof(msg)), -EMSGSIZE);
	CHECK_STREQ(msg, "dump failed");
}

/*
 * No RDMA device of that name here (the build machine usually has no
 * RDMA at all): -ENODEV naming it, or another clean error naming it.
 */
TEST(rdma_resolve_unknown_device)
{
	struct virtnet_rdma_port p;
	char err[512] = "";
	int ret;

	memset(&p, 0xa5, sizeof(p));
	ret = virtnet_rdma_resolve("no_such_dev_xyz", &p, err, sizeof(err));
	CHECK(ret < 0);
	if (ret == -ENODEV)
		CHECK_PREFIX(err, "RDMA device 'no_such_dev_xyz' not found (");
	else
		printf("# resolve: %d, %s\n", ret, err);
	CHECK_CONTAINS(err, "no_such_dev_xyz");
	CHECK_STREQ(p.ibdev, "");
	CHECK_EQ(p.ifindex, 0);

	/* No room for a message: the error alone. */
	CHECK_EQ(virtnet_rdma_resolve("no_such_dev_xyz", &p, NULL, 0), ret);
}

TEST(rdma_resolve_invalid_names)
{
	struct virtnet_rdma_port p;
	char err[512], name[VIRTNET_IBDEV_MAX + 1];

	CHECK_EQ(virtnet_rdma_resolve("", &p, err, sizeof(err)), -EINVAL);
	CHECK_PREFIX(err, "invalid RDMA device '': must be an RDMA device name of 1 to 63");
	CHECK_EQ(virtnet_rdma_resolve("mlx5 0", &p, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "without '/' or white space");
	CHECK_EQ(virtnet_rdma_resolve("../mlx5_0", &p, err, sizeof(err)), -EINVAL);
	memset(name, 'a', sizeof(name));
	name[VIRTNET_IBDEV_MAX] = '\0';
	CHECK_EQ(virtnet_rdma_resolve(name, &p, err, sizeof(err)), -EINVAL);
	CHECK_EQ(virtnet_rdma_resolve(NULL, &p, err, sizeof(err)), -EINVAL);
}

TEST(rdma_list)
{
	char names[4][VIRTNET_IBDEV_MAX];
	size_t n = 99;
	int count;

	count = virtnet_rdma_list(names, 4, &n);
	CHECK(count >= 0);
	CHECK(n <= 4);
	CHECK(count < 0 || n == ((size_t)count < 4 ? (size_t)count : 4));
	for (size_t i = 0; i < n; i++)
		CHECK(names[i][0] != '\0');
	CHECK_EQ(virtnet_rdma_list(NULL, 0, &n), count);
	CHECK_EQ(n, 0);
}

/* A datagram of several messages, as recv() returns it. */
struct dgram {
	_Alignas(8) unsigned char data[2048];
	size_t len;
};

static void dgram_add(struct dgram *d, const struct nlmsghdr *nlh)
{
	memcpy(d->data + d->len, nlh, nlh->nlmsg_len);
	d->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void dgram_add_dev(struct dgram *d, uint32_t seq, uint32_t index, const char *name)
{
	struct msg m;

	msg_start(&m, T_GET);
	m.nlh->nlmsg_seq = seq;
	m.nlh->nlmsg_pid = 1000;
	put_handle(&m, index, name);
	dgram_add(d, m.nlh);
}

static void dgram_add_done(struct dgram *d, uint32_t seq, int error, const char *text)
{
	struct msg m;

	msg_start(&m, NLMSG_DONE);
	m.nlh->nlmsg_seq = seq;
	m.nlh->nlmsg_pid = 1000;
	*(int *)mnl_nlmsg_put_extra_header(m.nlh, sizeof(int)) = error;
	if (text) {
		m.nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(m.nlh, NLMSGERR_ATTR_MSG, text);
	}
	dgram_add(d, m.nlh);
}

struct seen {
	char names[256];
	int fail_at;		/* make the callback fail at this call, 0: never */
	int calls;
};

static int collect_dev(const struct nlmsghdr *nlh, void *arg, char *err, size_t errlen)
{
	struct seen *s = arg;
	char name[VIRTNET_IBDEV_MAX];
	uint32_t index;
	int ret;

	if (++s->calls == s->fail_at) {
		snprintf(err, errlen, "callback says no");
		return -ENOSPC;
	}
	ret = virtnet_rdma_parse_dev(nlh, &index, name, err, errlen);
	if (ret)
		return ret;
	snprintf(s->names + strlen(s->names), sizeof(s->names) - strlen(s->names),
		 "%s=%u,", name, index);
	return 0;
}

TEST(rdma_walk_dump)
{
	struct dgram d = { .len = 0 };
	struct seen s = { .names = "" };
	char err[256] = "";

	/* First datagram: two devices and a stray message of another request. */
	dgram_add_dev(&d, 8, 0, "mlx5_0");
	dgram_add_dev(&d, 7, 9, "stale0");
	dgram_add_dev(&d, 8, 1, "rxe0");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), 1);
	CHECK_STREQ(s.names, "mlx5_0=0,rxe0=1,");

	/* Second: one more, then the end. */
	d.len = 0;
	dgram_add_dev(&d, 8, 2, "mlx5_1");
	dgram_add_done(&d, 8, 0, NULL);
	dgram_add_dev(&d, 8, 3, "after_done");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), 0);
	CHECK_STREQ(s.names, "mlx5_0=0,rxe0=1,mlx5_1=2,");
	CHECK_STREQ(err, "");

	/* Messages for another socket are not ours either. */
	s.names[0] = '\0';
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1001, "dump", collect_dev, &s,
				   err, sizeof(err)), 1);
	CHECK_STREQ(s.names, "");

	/* An empty datagram: keep reading. */
	CHECK_EQ(virtnet_rdma_walk(d.data, 0, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), 1);
}

TEST(rdma_walk_errors)
{
	struct dgram d = { .len = 0 };
	struct seen s = { .names = "" };
	char err[256];
	_Alignas(8) unsigned char req[VIRTNET_RDMA_REQ_MAX];
	struct msg m;

	/* A dump that fails, with and without the kernel's message. */
	dgram_add_dev(&d, 8, 0, "mlx5_0");
	dgram_add_done(&d, 8, -EMSGSIZE, "dump failed");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "RDMA_NLDEV_CMD_GET (device dump)",
				   collect_dev, &s, err, sizeof(err)), -EMSGSIZE);
	CHECK_STREQ(err, "RDMA netlink RDMA_NLDEV_CMD_GET (device dump) failed: dump failed");
	d.len = 0;
	dgram_add_done(&d, 8, -EMSGSIZE, NULL);
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), -EMSGSIZE);
	CHECK_PREFIX(err, "RDMA netlink dump failed: ");
	CHECK_CONTAINS(err, strerror(EMSGSIZE));

	/* A request refused with extack; an ACK ends a request well. */
	REQUIRE(virtnet_rdma_build_port_get(req, sizeof(req), 8, 7, 1));
	d.len = 0;
	error_msg(&m, (const void *)req, -EINVAL, 1, "Invalid port index");
	m.nlh->nlmsg_seq = 8;
	dgram_add(&d, m.nlh);
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "port get", collect_dev, &s,
				   err, sizeof(err)), -EINVAL);
	CHECK_STREQ(err, "RDMA netlink port get failed: Invalid port index");
	d.len = 0;
	error_msg(&m, (const void *)req, 0, 0, NULL);
	m.nlh->nlmsg_seq = 8;
	dgram_add(&d, m.nlh);
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "port get", collect_dev, &s,
				   err, sizeof(err)), 0);

	/* The callback's error stops the walk with its message. */
	d.len = 0;
	s.names[0] = '\0';
	s.calls = 0;
	s.fail_at = 2;
	dgram_add_dev(&d, 8, 0, "mlx5_0");
	dgram_add_dev(&d, 8, 1, "mlx5_1");
	dgram_add_dev(&d, 8, 2, "mlx5_2");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), -ENOSPC);
	CHECK_STREQ(err, "callback says no");
	CHECK_STREQ(s.names, "mlx5_0=0,");

	/* A malformed device message. */
	s.fail_at = 0;
	s.calls = 0;
	d.len = 0;
	dgram_add_dev(&d, 8, 0, "");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "RDMA_NLDEV_ATTR_DEV_NAME is empty");

	/* A datagram cut inside a message, or a short NLMSG_DONE. */
	d.len = 0;
	dgram_add_dev(&d, 8, 0, "mlx5_0");
	dgram_add_dev(&d, 8, 1, "mlx5_1");
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len - 8, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "truncated message");
	d.len = 0;
	msg_start(&m, NLMSG_DONE);
	m.nlh->nlmsg_seq = 8;
	dgram_add(&d, m.nlh);
	CHECK_EQ(virtnet_rdma_walk(d.data, d.len, 8, 1000, "dump", collect_dev, &s,
				   err, sizeof(err)), -EBADMSG);
	CHECK_CONTAINS(err, "truncated NLMSG_DONE message");
}
