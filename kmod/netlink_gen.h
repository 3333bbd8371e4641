/* SPDX-License-Identifier: GPL-2.0 */
/* Generated from uapi/virtnet.yaml by scripts/ynl-gen.py --kernel: do not edit. */
/* Change the spec, then: make gen-kmod */

#ifndef VNET_NETLINK_GEN_H
#define VNET_NETLINK_GEN_H

#include <net/genetlink.h>
#include <linux/virtnet.h>

/* Nests a request carries (parsed by their handler) */
extern const struct nla_policy vnet_port_nl_policy[VIRTNET_ATTR_MAX + 1];

/* Requests, one policy per command */
extern const struct nla_policy vnet_dev_new_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_dev_del_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_dev_get_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_info_get_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_port_set_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_ctrl_register_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_ctrl_get_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_ctrl_update_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_ctrl_log_level_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_sf_pool_set_nl_policy[VIRTNET_ATTR_MAX + 1];
extern const struct nla_policy vnet_dev_set_nl_policy[VIRTNET_ATTR_MAX + 1];

/* Handlers */
int vnet_nl_dev_new_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_dev_del_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_dev_get_start(struct netlink_callback *cb);
int vnet_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vnet_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_ctrl_register_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_ctrl_get_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_ctrl_update_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_ctrl_log_level_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_sf_pool_set_doit(struct sk_buff *skb, struct genl_info *info);
int vnet_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info);

/* Commands */
extern const struct genl_ops vnet_nl_ops[11];

/* Multicast groups */
enum {
	VNET_NLGRP_EVENTS,
};

extern const struct genl_multicast_group vnet_nl_mcgrps[1];

#endif /* VNET_NETLINK_GEN_H */
