/* test_rdma.c - RDMA netlink requests and the device and port replies. */
#include "test.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <rdma/rdma_netlink.h>

#include "rdma.h"
#include "rdma_fixtures.h"

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
