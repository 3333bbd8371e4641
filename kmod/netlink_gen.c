// SPDX-License-Identifier: GPL-2.0
/* Generated from uapi/virtnet.yaml by scripts/ynl-gen.py --kernel: do not edit. */
/* Change the spec, then: make gen-kmod */

#include "netlink_gen.h"

/* Nests a request carries (parsed by their handler) */
const struct nla_policy vnet_port_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_PORT_INDEX] = { .type = NLA_U32, },
	[VIRTNET_ATTR_PORT_IBDEV] = { .type = NLA_NUL_STRING, .len = 63, },
	[VIRTNET_ATTR_PORT_NETDEV] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* Requests, one policy per command */
const struct nla_policy vnet_dev_new_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_PORT_IBDEV] = { .type = NLA_NUL_STRING, .len = 63, },
	[VIRTNET_ATTR_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VIRTNET_ATTR_MTU] = { .type = NLA_U16, },
	[VIRTNET_ATTR_NUM_QUEUES] = { .type = NLA_U16, },
	[VIRTNET_ATTR_QUEUE_SIZE] = { .type = NLA_U16, },
	[VIRTNET_ATTR_FEATURES] = { .type = NLA_U64, },
	[VIRTNET_ATTR_LEGACY] = { .type = NLA_FLAG, },
	[VIRTNET_ATTR_DEV_ID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_SF_NUM] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_BDF] = { .type = NLA_U16, },
	[VIRTNET_ATTR_DEV_TYPE] =
		NLA_POLICY_RANGE(NLA_U8, VIRTNET_DEV_TYPE_STATIC_PF, VIRTNET_DEV_TYPE_VF),
	[VIRTNET_ATTR_PF_INDEX] = { .type = NLA_U32, },
	[VIRTNET_ATTR_VF_ID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_LINK_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VIRTNET_ATTR_RX_COAL_USECS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_RX_COAL_MAX_PACKETS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_TX_COAL_USECS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_TX_COAL_MAX_PACKETS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_MODE] =
		NLA_POLICY_RANGE(NLA_U8, VIRTNET_DEV_MODE_VIRTIO, VIRTNET_DEV_MODE_VDPA),
	[VIRTNET_ATTR_VDPA_NAME] = { .type = NLA_NUL_STRING, .len = 63, },
};

const struct nla_policy vnet_dev_del_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_DEV_ID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_VUID] = { .type = NLA_NUL_STRING, .len = 31, },
};

const struct nla_policy vnet_dev_get_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_DEV_ID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_VUID] = { .type = NLA_NUL_STRING, .len = 31, },
};

const struct nla_policy vnet_info_get_nl_policy[VIRTNET_ATTR_MAX + 1] = {
};

const struct nla_policy vnet_port_set_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_PORTS] = { .type = NLA_NESTED, },
	[VIRTNET_ATTR_PORT_LAG] = { .type = NLA_FLAG, },
};

const struct nla_policy vnet_ctrl_register_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_CTRL_VERSION] = { .type = NLA_NUL_STRING, .len = 31, },
	[VIRTNET_ATTR_CTRL_PID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_CTRL_UPDATE_STATUS] =
		NLA_POLICY_RANGE(NLA_U8, VIRTNET_UPDATE_IN_PROGRESS, VIRTNET_UPDATE_FAILED),
	[VIRTNET_ATTR_CTRL_LOG_LEVEL] = NLA_POLICY_MAX(NLA_U8, VIRTNET_LOG_DEBUG),
	[VIRTNET_ATTR_CTRL_STATUS] = { .type = NLA_NUL_STRING, .len = 1023, },
};

const struct nla_policy vnet_ctrl_get_nl_policy[VIRTNET_ATTR_MAX + 1] = {
};

const struct nla_policy vnet_ctrl_update_nl_policy[VIRTNET_ATTR_MAX + 1] = {
};

const struct nla_policy vnet_ctrl_log_level_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_CTRL_LOG_LEVEL] = NLA_POLICY_MAX(NLA_U8, VIRTNET_LOG_DEBUG),
};

const struct nla_policy vnet_sf_pool_set_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_SF_POOL_SIZE] = { .type = NLA_U32, },
};

const struct nla_policy vnet_dev_set_nl_policy[VIRTNET_ATTR_MAX + 1] = {
	[VIRTNET_ATTR_DEV_ID] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_VUID] = { .type = NLA_NUL_STRING, .len = 31, },
	[VIRTNET_ATTR_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VIRTNET_ATTR_MTU] = { .type = NLA_U16, },
	[VIRTNET_ATTR_FEATURES] = { .type = NLA_U64, },
	[VIRTNET_ATTR_NUM_QUEUES] = { .type = NLA_U16, },
	[VIRTNET_ATTR_QUEUE_SIZE] = { .type = NLA_U16, },
	[VIRTNET_ATTR_LINK_UP] = NLA_POLICY_MAX(NLA_U8, 1),
	[VIRTNET_ATTR_RX_COAL_USECS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_RX_COAL_MAX_PACKETS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_TX_COAL_USECS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_TX_COAL_MAX_PACKETS] = { .type = NLA_U32, },
	[VIRTNET_ATTR_DEV_MODE] =
		NLA_POLICY_RANGE(NLA_U8, VIRTNET_DEV_MODE_VIRTIO, VIRTNET_DEV_MODE_VDPA),
	[VIRTNET_ATTR_VDPA_NAME] = { .type = NLA_NUL_STRING, .len = 63, },
	[VIRTNET_ATTR_SF_FROM] = { .type = NLA_U32, },
};

/* Commands (the KUnit suite takes the policies alone) */
#ifndef VNET_NL_POLICIES_ONLY
const struct genl_ops vnet_nl_ops[11] = {
	{
		.cmd		= VIRTNET_CMD_DEV_NEW,
		.doit		= vnet_nl_dev_new_doit,
		.policy		= vnet_dev_new_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_DEV_DEL,
		.doit		= vnet_nl_dev_del_doit,
		.policy		= vnet_dev_del_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_DEV_GET,
		.doit		= vnet_nl_dev_get_doit,
		.start		= vnet_nl_dev_get_start,
		.dumpit		= vnet_nl_dev_get_dumpit,
		.policy		= vnet_dev_get_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
	},
	{
		.cmd		= VIRTNET_CMD_INFO_GET,
		.doit		= vnet_nl_info_get_doit,
		.policy		= vnet_info_get_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
	},
	{
		.cmd		= VIRTNET_CMD_PORT_SET,
		.doit		= vnet_nl_port_set_doit,
		.policy		= vnet_port_set_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_CTRL_REGISTER,
		.doit		= vnet_nl_ctrl_register_doit,
		.policy		= vnet_ctrl_register_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_CTRL_GET,
		.doit		= vnet_nl_ctrl_get_doit,
		.policy		= vnet_ctrl_get_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
	},
	{
		.cmd		= VIRTNET_CMD_CTRL_UPDATE,
		.doit		= vnet_nl_ctrl_update_doit,
		.policy		= vnet_ctrl_update_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_CTRL_LOG_LEVEL,
		.doit		= vnet_nl_ctrl_log_level_doit,
		.policy		= vnet_ctrl_log_level_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_SF_POOL_SET,
		.doit		= vnet_nl_sf_pool_set_doit,
		.policy		= vnet_sf_pool_set_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VIRTNET_CMD_DEV_SET,
		.doit		= vnet_nl_dev_set_doit,
		.policy		= vnet_dev_set_nl_policy,
		.maxattr	= VIRTNET_ATTR_MAX,
		.flags		= GENL_ADMIN_PERM,
	},
};
#endif

/* Multicast groups */
const struct genl_multicast_group vnet_nl_mcgrps[1] = {
	[VNET_NLGRP_EVENTS] = { .name = VIRTNET_MCGRP_EVENTS, },
};
