/* test_rdma_ack.c - RDMA netlink acks and dump walks, the resolver without devices. */
#include "test.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <rdma/rdma_netlink.h>

#include "rdma.h"
#include "rdma_fixtures.h"

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
