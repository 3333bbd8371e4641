// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: netlink request validation: the strict policies the genetlink
 * core applies (generated: netlink_gen.c), then the range checks of
 * nlparse.c that name the attribute.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <net/genetlink.h>

#include "../nlparse.c"
/* The generated policies, without the operation table and its handlers. */
#define VNET_NL_POLICIES_ONLY
#include "../netlink_gen.c"

/* What nlparse.c needs from main.c. */
unsigned int vnet_max_virtq = VIRTNET_MAX_VIRTQ;

u32 vnet_max_queues(void)
{
	return vnet_max_virtq;
}

static const struct vnet_port vnet_test_ports[] = {
	{ .index = 0, .ibdev = "mlx5_0" },
	{ .index = 1, .ibdev = "mlx5_1" },
};

const struct vnet_port *vnet_port_find(const char *ibdev)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(vnet_test_ports); i++)
		if (!strcmp(vnet_test_ports[i].ibdev, ibdev))
			return &vnet_test_ports[i];
	return NULL;
}

struct nl_case {
	struct sk_buff *skb;
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct netlink_ext_ack extack;
	struct genl_info info;
	struct vnet_create_args args;
};

static const u8 guide_mac[ETH_ALEN] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };

static int nl_skb_init(struct kunit_resource *res, void *context)
{
	res->data = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	return res->data ? 0 : -ENOMEM;
}

static void nl_skb_free(struct kunit_resource *res)
{
	kfree_skb(res->data);
}

/* A request buffer freed with the test. */
static struct nl_case *nl_new(struct kunit *test)
{
	struct nl_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	c->skb = kunit_alloc_resource(test, nl_skb_init, nl_skb_free,
				      GFP_KERNEL, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c->skb);
	return c;
}

/* The guide's hotplug request, minus the attribute @skip. */
static void nl_put_guide(struct nl_case *c, int skip)
{
	if (skip != VIRTNET_ATTR_PORT_IBDEV)
		nla_put_string(c->skb, VIRTNET_ATTR_PORT_IBDEV, "mlx5_0");
	if (skip != VIRTNET_ATTR_MAC)
		nla_put(c->skb, VIRTNET_ATTR_MAC, ETH_ALEN, guide_mac);
	if (skip != VIRTNET_ATTR_MTU)
		nla_put_u16(c->skb, VIRTNET_ATTR_MTU, 1500);
	if (skip != VIRTNET_ATTR_NUM_QUEUES)
		nla_put_u16(c->skb, VIRTNET_ATTR_NUM_QUEUES, 3);
	if (skip != VIRTNET_ATTR_QUEUE_SIZE)
		nla_put_u16(c->skb, VIRTNET_ATTR_QUEUE_SIZE, 1024);
}

/* Strict policy validation then parsing, as a DEV_NEW request gets. */
static int nl_parse(struct kunit *test, struct nl_case *c)
{
	int err;

	err = nla_parse(c->tb, VIRTNET_ATTR_MAX, (struct nlattr *)c->skb->data,
			c->skb->len, vnet_dev_new_nl_policy, &c->extack);
	if (err)
		return err;
	c->info.attrs = c->tb;
	c->info.extack = &c->extack;
	return vnet_parse_new(&c->info, &c->args);
}

static void nl_msg_has(struct kunit *test, struct nl_case *c, const char *s)
{
	KUNIT_ASSERT_NOT_NULL(test, c->extack._msg);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(c->extack._msg, s),
				  "extack: %s", c->extack._msg);
}

static void netlink_guide_request_parses(struct kunit *test)
{
	struct nl_case *c = nl_new(test);

	nl_put_guide(c, -1);
	KUNIT_ASSERT_EQ(test, nl_parse(test, c), 0);
	KUNIT_EXPECT_EQ(test, c->args.mtu, 1500);
	KUNIT_EXPECT_EQ(test, c->args.num_queues, 3);
	KUNIT_EXPECT_EQ(test, c->args.queue_size, 1024);
	KUNIT_EXPECT_EQ(test, c->args.id, -1);
	KUNIT_EXPECT_EQ(test, c->args.sf_num, -1);
	KUNIT_EXPECT_STREQ(test, c->args.port->ibdev, "mlx5_0");
}

static void netlink_missing_attributes(struct kunit *test)
{
	static const struct { int attr; const char *msg; } req[] = {
		{ VIRTNET_ATTR_PORT_IBDEV, "port_ibdev" },
		{ VIRTNET_ATTR_MAC, "mac" },
		{ VIRTNET_ATTR_MTU, "mtu" },
		{ VIRTNET_ATTR_NUM_QUEUES, "num_queues" },
		{ VIRTNET_ATTR_QUEUE_SIZE, "queue_size" },
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(req); i++) {
		struct nl_case *c = nl_new(test);

			nl_put_guide(c, req[i].attr);
		KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
		nl_msg_has(test, c, req[i].msg);
	}
}

static void netlink_policy_rejects_types(struct kunit *test)
{
	struct nl_case *c = nl_new(test);
	char longname[VIRTNET_IBDEV_MAX + 8];

	nl_put_guide(c, VIRTNET_ATTR_MAC);
	/* The core's errnos: a length range -ERANGE, a bad type -EINVAL. */
	nla_put(c->skb, VIRTNET_ATTR_MAC, 5, guide_mac);	/* short MAC */
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -ERANGE);

	c = nl_new(test);
	nl_put_guide(c, VIRTNET_ATTR_MTU);
	nla_put_u32(c->skb, VIRTNET_ATTR_MTU, 1500);		/* wrong width */
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);

	c = nl_new(test);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	nl_put_guide(c, VIRTNET_ATTR_PORT_IBDEV);
	nla_put_string(c->skb, VIRTNET_ATTR_PORT_IBDEV, longname);
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u32(c->skb, VIRTNET_ATTR_MAX + 5, 1);		/* unknown */
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u32(c->skb, VIRTNET_ATTR_GENERATION, 1);	/* reply-only */
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
}

static void netlink_range_checks_name_the_field(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 1, 0, 0x5e, 0, 0, 1 };
	static const struct { int attr; u16 val; const char *msg; } bad[] = {
		{ VIRTNET_ATTR_MTU, 67, "mtu" },
		{ VIRTNET_ATTR_MTU, 9217, "mtu" },
		{ VIRTNET_ATTR_NUM_QUEUES, 0, "num_queues" },
		{ VIRTNET_ATTR_NUM_QUEUES, 4, "num_queues" },
		{ VIRTNET_ATTR_NUM_QUEUES, 33, "num_queues" },
		{ VIRTNET_ATTR_QUEUE_SIZE, 100, "queue_size" },
		{ VIRTNET_ATTR_QUEUE_SIZE, 32, "queue_size" },
	};
	struct nl_case *c;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		c = nl_new(test);
			nl_put_guide(c, bad[i].attr);
		nla_put_u16(c->skb, bad[i].attr, bad[i].val);
		KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
		nl_msg_has(test, c, bad[i].msg);
	}

	c = nl_new(test);
	nl_put_guide(c, VIRTNET_ATTR_MAC);
	nla_put(c->skb, VIRTNET_ATTR_MAC, ETH_ALEN, mcast);
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
	nl_msg_has(test, c, "mac");

	c = nl_new(test);
	nl_put_guide(c, VIRTNET_ATTR_PORT_IBDEV);
	nla_put_string(c->skb, VIRTNET_ATTR_PORT_IBDEV, "mlx5_7");
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -ENODEV);
	nl_msg_has(test, c, "port_ibdev");

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u32(c->skb, VIRTNET_ATTR_SF_NUM, 999);
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
	nl_msg_has(test, c, "sf_num");

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u32(c->skb, VIRTNET_ATTR_DEV_ID, 70000);
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
	nl_msg_has(test, c, "dev_id");
}

static void netlink_dev_mode(struct kunit *test)
{
	struct nl_case *c = nl_new(test);

	nl_put_guide(c, -1);
	nla_put_u8(c->skb, VIRTNET_ATTR_DEV_MODE, VIRTNET_DEV_MODE_VDPA);
	nla_put_string(c->skb, VIRTNET_ATTR_VDPA_NAME, "vm0");
	KUNIT_ASSERT_EQ(test, nl_parse(test, c), 0);
	KUNIT_EXPECT_EQ(test, c->args.mode, VNET_MODE_VDPA);
	KUNIT_EXPECT_STREQ(test, c->args.vdpa_name, "vm0");

	c = nl_new(test);
	nl_put_guide(c, -1);
	KUNIT_ASSERT_EQ(test, nl_parse(test, c), 0);
	KUNIT_EXPECT_EQ(test, c->args.mode, VNET_MODE_VIRTIO);
	KUNIT_EXPECT_STREQ(test, c->args.vdpa_name, "");

	/* A name only with vDPA; no '/'; the mode in range. */
	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_string(c->skb, VIRTNET_ATTR_VDPA_NAME, "vm0");
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
	nl_msg_has(test, c, "vdpa_name: only with dev_mode vdpa");

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u8(c->skb, VIRTNET_ATTR_DEV_MODE, VIRTNET_DEV_MODE_VDPA);
	nla_put_string(c->skb, VIRTNET_ATTR_VDPA_NAME, "a/b");
	KUNIT_EXPECT_EQ(test, nl_parse(test, c), -EINVAL);
	nl_msg_has(test, c, "vdpa_name: 1 to 63 characters");

	c = nl_new(test);
	nl_put_guide(c, -1);
	nla_put_u8(c->skb, VIRTNET_ATTR_DEV_MODE, 2);
	KUNIT_EXPECT_NE(test, nl_parse(test, c), 0);
}

static struct kunit_case netlink_cases[] = {
	KUNIT_CASE(netlink_guide_request_parses),
	KUNIT_CASE(netlink_missing_attributes),
	KUNIT_CASE(netlink_policy_rejects_types),
	KUNIT_CASE(netlink_range_checks_name_the_field),
	KUNIT_CASE(netlink_dev_mode),
	{}
};

static struct kunit_suite netlink_suite = {
	.name = "virtnet_netlink",
	.test_cases = netlink_cases,
};

kunit_test_suites(&netlink_suite);
