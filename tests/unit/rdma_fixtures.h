/*
 * rdma_fixtures.h - what the RDMA netlink tests share: a message buffer and
 * builders of the kernel's device and port replies.
 */
#ifndef VIRTNET_TEST_RDMA_FIXTURES_H
#define VIRTNET_TEST_RDMA_FIXTURES_H

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

static inline struct nlmsghdr *msg_start(struct msg *m, uint16_t type)
{
	memset(m, 0, sizeof(*m));
	m->nlh = mnl_nlmsg_put_header(m->data);
	m->nlh->nlmsg_type = type;
	m->nlh->nlmsg_flags = NLM_F_MULTI;
	m->nlh->nlmsg_seq = 42;
	return m->nlh;
}

/* What the kernel sends first in every nldev reply (fill_nldev_handle). */
static inline void put_handle(struct msg *m, uint32_t index, const char *name)
{
	mnl_attr_put_u32(m->nlh, RDMA_NLDEV_ATTR_DEV_INDEX, index);
	mnl_attr_put_strz(m->nlh, RDMA_NLDEV_ATTR_DEV_NAME, name);
}

/*
 * A PORT_GET reply as a RoCE port sends it, with unrelated attributes
 * around. The kernel's doit answers with the type of RDMA_NLDEV_CMD_GET
 * (seen with rdma_rxe on 6.1), so that is what the fixture uses.
 */
static inline struct nlmsghdr *port_reply(struct msg *m, uint32_t index, const char *ibdev,
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

static inline const struct nlattr *find_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, 0)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

#endif /* VIRTNET_TEST_RDMA_FIXTURES_H */
