/* test_genl.c - error/extack parsing and opening the family. */
#include "test.h"

#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/virtnet.h>
#include <linux/netlink.h>
#include <netlink/socket.h>

#include "genl.h"
#include "mac.h"

struct buf {
	_Alignas(8) unsigned char data[1024];
	size_t len;
};

static void *put(struct buf *b, const void *p, size_t n)
{
	void *at = b->data + b->len;

	memcpy(at, p, n);
	b->len += NLMSG_ALIGN(n);
	return at;
}

static void put_attr(struct buf *b, uint16_t type, const void *p, size_t n)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + n), .nla_type = type };

	memcpy(b->data + b->len, &a, sizeof(a));
	memcpy(b->data + b->len + NLA_HDRLEN, p, n);
	b->len += NLA_ALIGN(NLA_HDRLEN + n);
}

/* Our request: DEV_NEW with MAC then MTU; offset of the MTU attribute. */
static size_t build_request(struct buf *req)
{
	struct nlmsghdr nlh = { .nlmsg_type = 0x20, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 9 };
	struct genlmsghdr gh = { .cmd = 1, .version = 1 };
	uint8_t mac[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };
	uint16_t mtu = 9999;
	size_t offs;

	memset(req, 0, sizeof(*req));
	put(req, &nlh, sizeof(nlh));
	put(req, &gh, sizeof(gh));
	put_attr(req, VIRTNET_ATTR_MAC, mac, sizeof(mac));
	offs = req->len;
	put_attr(req, VIRTNET_ATTR_MTU, &mtu, sizeof(mtu));
	((struct nlmsghdr *)req->data)->nlmsg_len = (uint32_t)req->len;
	return offs;
}

/* NLMSG_ERROR for req: error, capped or not, then the TLVs in tlv. */
static struct nlmsghdr *build_error(struct buf *b, const struct buf *req, int error,
				    int capped, const struct buf *tlv)
{
	struct nlmsghdr nlh = { .nlmsg_type = NLMSG_ERROR, .nlmsg_seq = 9 };
	struct nlmsgerr e = { .error = error };
	struct nlmsghdr *out;

	memset(b, 0, sizeof(*b));
	memcpy(&e.msg, req->data, sizeof(e.msg));
	if (capped)
		nlh.nlmsg_flags |= NLM_F_CAPPED;
	if (tlv && tlv->len)
		nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
	out = put(b, &nlh, sizeof(nlh));
	put(b, &e, sizeof(e));
	if (!capped)
		put(b, req->data + NLMSG_HDRLEN, req->len - NLMSG_HDRLEN);
	if (tlv && tlv->len)
		put(b, tlv->data, tlv->len);
	out->nlmsg_len = (uint32_t)b->len;
	return out;
}

TEST(ack_extack_message_uncapped_with_offset)
{
	struct buf req, tlv = { .len = 0 }, b;
	char msg[256];
	uint32_t offs = (uint32_t)build_request(&req);
	struct nlmsghdr *nlh;

	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_MSG, "MTU out of range", 17);
	put_attr(&tlv, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	nlh = build_error(&b, &req, -ERANGE, 0, &tlv);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -ERANGE);
	CHECK_STREQ(msg, "MTU out of range (VIRTNET_ATTR_MTU)");

	/* A message that names the attribute itself stays as it is. */
	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_MSG, "mtu: must be between 68 and 9216", 33);
	put_attr(&tlv, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	nlh = build_error(&b, &req, -EINVAL, 0, &tlv);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "mtu: must be between 68 and 9216");

	/* No text, just the offset: the attribute alone. */
	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	nlh = build_error(&b, &req, -EINVAL, 0, &tlv);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "invalid attribute VIRTNET_ATTR_MTU");
}

TEST(ack_extack_message_capped)
{
	struct buf req, tlv, b;
	char msg[256];
	struct nlmsghdr *nlh;

	build_request(&req);
	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_MSG, "port mlx5_9 is not configured", 30);
	nlh = build_error(&b, &req, -ENODEV, 1, &tlv);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -ENODEV);
	CHECK_STREQ(msg, "port mlx5_9 is not configured");
}

TEST(ack_missing_attribute)
{
	struct buf req, tlv, b;
	uint32_t type = VIRTNET_ATTR_QUEUE_SIZE;
	char msg[256];
	struct nlmsghdr *nlh;

	build_request(&req);
	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_MISS_TYPE, &type, sizeof(type));
	nlh = build_error(&b, &req, -EINVAL, 1, &tlv);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "missing required attribute VIRTNET_ATTR_QUEUE_SIZE");
}

TEST(ack_without_tlvs_and_plain_ack)
{
	struct buf req, b;
	char msg[256] = "stale";
	struct nlmsghdr *nlh;

	build_request(&req);
	nlh = build_error(&b, &req, -EPERM, 0, NULL);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EPERM);
	CHECK_STREQ(msg, "");
	nlh = build_error(&b, &req, 0, 1, NULL);
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), 0);
}

TEST(ack_malformed_never_overreads)
{
	struct buf req, tlv, b;
	char msg[256];
	struct nlmsghdr *nlh;

	build_request(&req);
	memset(&tlv, 0, sizeof(tlv));
	put_attr(&tlv, NLMSGERR_ATTR_MSG, "x", 2);
	nlh = build_error(&b, &req, -EINVAL, 0, &tlv);
	/* The embedded request claims to be longer than the whole message. */
	((struct nlmsgerr *)NLMSG_DATA(nlh))->msg.nlmsg_len = 4096;
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EINVAL);
	CHECK_STREQ(msg, "");
	/* Too short to hold the error code. */
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EBADMSG);
	/* A TLV whose length runs past the end is ignored. */
	nlh = build_error(&b, &req, -EINVAL, 1, &tlv);
	((struct nlattr *)(b.data + b.len - NLA_ALIGN(NLA_HDRLEN + 2)))->nla_len = 200;
	CHECK_EQ(virtnet_genl_parse_ack(nlh, msg, sizeof(msg)), -EINVAL);
}

TEST(done_with_error_and_message)
{
	struct buf b;
	struct nlmsghdr nlh = { .nlmsg_type = NLMSG_DONE, .nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS };
	int error = -EMSGSIZE;
	char msg[256];
	struct nlmsghdr *out;

	memset(&b, 0, sizeof(b));
	out = put(&b, &nlh, sizeof(nlh));
	put(&b, &error, sizeof(error));
	put_attr(&b, NLMSGERR_ATTR_MSG, "dump failed", 12);
	out->nlmsg_len = (uint32_t)b.len;
	CHECK_EQ(virtnet_genl_parse_ack(out, msg, sizeof(msg)), -EMSGSIZE);
	CHECK_STREQ(msg, "dump failed");

	/* A plain DONE: error 0, no flags. */
	memset(&b, 0, sizeof(b));
	nlh.nlmsg_flags = NLM_F_MULTI;
	error = 0;
	out = put(&b, &nlh, sizeof(nlh));
	put(&b, &error, sizeof(error));
	out->nlmsg_len = (uint32_t)b.len;
	CHECK_EQ(virtnet_genl_parse_ack(out, msg, sizeof(msg)), 0);
}

TEST(genl_open_reports_missing_family)
{
	struct virtnet_genl g;
	int ret = virtnet_genl_open(&g);

	if (ret == 0) {		/* the module is loaded here: fine too */
		CHECK(g.family > 0);
		virtnet_genl_close(&g);
		return;
	}
	CHECK(g.sk == NULL);
	if (ret == -ENOENT)
		CHECK_STREQ(g.errmsg, VIRTNET_ENOFAMILY_MSG);
	else
		CHECK_CONTAINS(g.errmsg, "cannot");
}

/*
 * An overrun reads as -ENOBUFS, not as the -ENOMEM libnl makes of it:
 * NETLINK_USERSOCK lets any process multicast, so a burst to a group
 * overruns a member with the smallest receive buffer, as the kernel's
 * events overrun `virtnet monitor`.
 */
TEST(recv_events_tells_an_overrun)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	struct virtnet_genl g = { .family = 0x7fff };
	struct buf msg = { .len = 0 };
	struct nlmsghdr nlh = { .nlmsg_type = NLMSG_MIN_TYPE };
	int one = 1, sender, ret;

	g.sk = nl_socket_alloc();
	CHECK(g.sk != NULL);
	if (!g.sk)
		return;
	nl_socket_disable_seq_check(g.sk);
	if (nl_connect(g.sk, NETLINK_USERSOCK) < 0) {
		nl_socket_free(g.sk);
		return;		/* no netlink here: nothing to check */
	}
	CHECK_EQ(nl_socket_add_membership(g.sk, 1), 0);
	CHECK_EQ(setsockopt(nl_socket_get_fd(g.sk), SOL_SOCKET, SO_RCVBUF, &one, sizeof(one)), 0);
	CHECK_EQ(nl_socket_set_nonblocking(g.sk), 0);

	sender = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);
	CHECK(sender >= 0);
	nlh.nlmsg_len = 512;
	put(&msg, &nlh, sizeof(nlh));
	/*
	 * Each goes to the group, then to port 0 as well, where no kernel
	 * socket of this protocol listens: ECONNREFUSED after the delivery.
	 */
	for (int i = 0; i < 32; i++)
		(void)!sendto(sender, msg.data, 512, 0, (struct sockaddr *)&to, sizeof(to));
	close(sender);

	ret = virtnet_genl_recv_events(&g, NULL, NULL);
	CHECK_EQ(ret, -ENOBUFS);
	CHECK_CONTAINS(g.errmsg, "events were lost");
	/* Then what fitted is read, and the socket is empty. */
	CHECK_EQ(virtnet_genl_recv_events(&g, NULL, NULL), 0);
	do
		ret = virtnet_genl_recv_events(&g, NULL, NULL);
	while (ret == 0);
	CHECK_EQ(ret, -EAGAIN);
	virtnet_genl_close(&g);
}
