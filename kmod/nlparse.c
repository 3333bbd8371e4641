// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink request validation beyond the policies: the per-command
 * policies (types and lengths, enforced strictly by the genetlink core)
 * are generated from uapi/virtnet.yaml into netlink_gen.c; here are the
 * range checks and the rules between attributes, each naming the
 * offending attribute in the extack message. Kept apart from the handlers
 * so the KUnit suite can drive it directly.
 */
#include <linux/etherdevice.h>
#include <net/genetlink.h>

#include "vnet.h"

/*
 * True if @attr is missing; the extack then names it twice: for tools, as
 * the missing attribute type (GENL_REQ_ATTR_CHECK), and for people, @msg.
 */
bool vnet_missing(struct genl_info *info, int attr, const char *msg)
{
	if (!GENL_REQ_ATTR_CHECK(info, attr))
		return false;
	vnet_extack_set(info->extack, msg);
	return true;
}

/*
 * The device attributes DEV_NEW and DEV_SET share, each checked when
 * present: MAC, MTU, NUM_QUEUES, QUEUE_SIZE.
 */
static int vnet_parse_dev_attrs(struct nlattr **a, u8 *mac, u16 *mtu,
				u16 *num_queues, u16 *queue_size,
				struct netlink_ext_ack *extack)
{
	if (a[VIRTNET_ATTR_MAC]) {
		memcpy(mac, nla_data(a[VIRTNET_ATTR_MAC]), ETH_ALEN);
		if (!vnet_mac_is_valid_unicast(mac)) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_MAC],
					    "mac: must be a unicast, non-zero MAC address");
			return -EINVAL;
		}
	}
	if (a[VIRTNET_ATTR_MTU]) {
		*mtu = nla_get_u16(a[VIRTNET_ATTR_MTU]);
		if (*mtu < VIRTNET_MIN_MTU || *mtu > VIRTNET_MAX_MTU) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_MTU],
					    "mtu: must be between " __stringify(VIRTNET_MIN_MTU)
					    " and " __stringify(VIRTNET_MAX_MTU));
			return -EINVAL;
		}
	}
	if (a[VIRTNET_ATTR_NUM_QUEUES]) {
		*num_queues = nla_get_u16(a[VIRTNET_ATTR_NUM_QUEUES]);
		if (!vnet_num_queues_is_valid(*num_queues, vnet_max_queues())) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_NUM_QUEUES],
					    "num_queues: must be odd (2 per queue pair + 1 control queue), 3 to min(num_msix, max_virtq)");
			return -EINVAL;
		}
	}
	if (a[VIRTNET_ATTR_QUEUE_SIZE]) {
		*queue_size = nla_get_u16(a[VIRTNET_ATTR_QUEUE_SIZE]);
		if (!vnet_queue_size_is_valid(*queue_size)) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_QUEUE_SIZE],
					    "queue_size: must be a power of two between "
					    __stringify(VIRTNET_MIN_QUEUE_SIZE) " and "
					    __stringify(VIRTNET_MAX_QUEUE_SIZE));
			return -EINVAL;
		}
	}
	return 0;
}

/* DEV_MODE and VDPA_NAME, shared by DEV_NEW and DEV_SET. */
static int vnet_parse_mode(struct nlattr **a, u8 *mode, char *vdpa_name,
			   struct netlink_ext_ack *extack)
{
	*mode = a[VIRTNET_ATTR_DEV_MODE] ?
		nla_get_u8(a[VIRTNET_ATTR_DEV_MODE]) : VNET_MODE_VIRTIO;
	vdpa_name[0] = '\0';
	if (!a[VIRTNET_ATTR_VDPA_NAME])
		return 0;
	if (*mode != VNET_MODE_VDPA) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_VDPA_NAME],
				    "vdpa_name: only with dev_mode vdpa");
		return -EINVAL;
	}
	nla_strscpy(vdpa_name, a[VIRTNET_ATTR_VDPA_NAME], VIRTNET_VDPA_NAME_MAX);
	if (!vdpa_name[0] || strchr(vdpa_name, '/')) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_VDPA_NAME],
				    "vdpa_name: 1 to 63 characters, no '/'");
		return -EINVAL;
	}
	return 0;
}

/*
 * One direction's coalescing: either attribute alone keeps the other's
 * current value, so the caller passes the current setting in @coal.
 */
static int vnet_parse_coal(struct nlattr **a, int usecs_attr, int max_attr,
			   struct vnet_coal *coal, bool *has,
			   struct netlink_ext_ack *extack)
{
	if (a[usecs_attr]) {
		coal->usecs = nla_get_u32(a[usecs_attr]);
		if (coal->usecs > VIRTNET_MAX_COAL_USECS) {
			NL_SET_ERR_MSG_ATTR(extack, a[usecs_attr],
					    "coalescing usecs: must be 0 to "
					    __stringify(VIRTNET_MAX_COAL_USECS));
			return -EINVAL;
		}
		*has = true;
	}
	if (a[max_attr]) {
		coal->max_packets = nla_get_u32(a[max_attr]);
		if (coal->max_packets > VIRTNET_MAX_COAL_PACKETS) {
			NL_SET_ERR_MSG_ATTR(extack, a[max_attr],
					    "coalescing max_packets: must be 0 to "
					    __stringify(VIRTNET_MAX_COAL_PACKETS));
			return -EINVAL;
		}
		*has = true;
	}
	return 0;
}

int vnet_parse_new(struct genl_info *info, struct vnet_create_args *args)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	bool has_coal = false;
	const char *ibdev;
	int err;

	memset(args, 0, sizeof(*args));
	if (vnet_missing(info, VIRTNET_ATTR_PORT_IBDEV, "port_ibdev: required") ||
	    vnet_missing(info, VIRTNET_ATTR_MAC, "mac: required") ||
	    vnet_missing(info, VIRTNET_ATTR_MTU, "mtu: required") ||
	    vnet_missing(info, VIRTNET_ATTR_NUM_QUEUES, "num_queues: required") ||
	    vnet_missing(info, VIRTNET_ATTR_QUEUE_SIZE, "queue_size: required"))
		return -EINVAL;

	ibdev = nla_data(a[VIRTNET_ATTR_PORT_IBDEV]);
	args->port = vnet_port_find(ibdev);
	if (!args->port) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_PORT_IBDEV],
				    "port_ibdev: not a configured port (see 'virtnet list')");
		return -ENODEV;
	}

	err = vnet_parse_dev_attrs(a, args->mac, &args->mtu, &args->num_queues,
				   &args->queue_size, extack);
	if (err)
		return err;

	args->features = a[VIRTNET_ATTR_FEATURES] ?
			 nla_get_u64(a[VIRTNET_ATTR_FEATURES]) : 0;
	args->legacy = nla_get_flag(a[VIRTNET_ATTR_LEGACY]);

	args->id = -1;
	if (a[VIRTNET_ATTR_DEV_ID]) {
		args->id = nla_get_u32(a[VIRTNET_ATTR_DEV_ID]);
		if (args->id > VNET_MAX_DEV_ID) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_DEV_ID],
					    "dev_id: must be at most "
					    __stringify(VNET_MAX_DEV_ID));
			return -EINVAL;
		}
	}
	args->slot = -1;
	args->type = a[VIRTNET_ATTR_DEV_TYPE] ?
		     nla_get_u8(a[VIRTNET_ATTR_DEV_TYPE]) :
		     VIRTNET_DEV_TYPE_HOTPLUG_PF;
	if (args->type == VIRTNET_DEV_TYPE_STATIC_PF ||
	    args->type == VIRTNET_DEV_TYPE_VF) {
		if (vnet_missing(info, VIRTNET_ATTR_PF_INDEX,
				 "pf_index: required for a static PF or a VF"))
			return -EINVAL;
		if (a[VIRTNET_ATTR_DEV_BDF]) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_DEV_BDF],
					    "dev_bdf: a static PF's or VF's address follows from its pf_index and vf_id");
			return -EINVAL;
		}
		/* Its range (num_static_pf) is checked with the table. */
		args->pf_index = nla_get_u32(a[VIRTNET_ATTR_PF_INDEX]);
	} else if (a[VIRTNET_ATTR_PF_INDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_PF_INDEX],
				    "pf_index: only for static PFs and VFs (dev_type STATIC_PF or VF)");
		return -EINVAL;
	}
	if (args->type == VIRTNET_DEV_TYPE_VF) {
		if (vnet_missing(info, VIRTNET_ATTR_VF_ID,
				 "vf_id: required for a VF"))
			return -EINVAL;
		/* Its range (num_vf) is checked with the table. */
		args->vf_id = nla_get_u32(a[VIRTNET_ATTR_VF_ID]);
	} else if (a[VIRTNET_ATTR_VF_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_VF_ID],
				    "vf_id: only for VFs (dev_type VF)");
		return -EINVAL;
	}
	if (a[VIRTNET_ATTR_DEV_BDF]) {
		u16 bdf = nla_get_u16(a[VIRTNET_ATTR_DEV_BDF]);
		u32 bus = bdf >> 8;

		if ((bdf & 0xff) || bus < VNET_HOTPLUG_FIRST_BUS ||
		    bus >= VNET_HOTPLUG_FIRST_BUS + VIRTNET_MAX_HOTPLUG) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_DEV_BDF],
					    "dev_bdf: not a hotplug PF address (85:00.0 to 94:00.0)");
			return -EINVAL;
		}
		args->slot = bus - VNET_HOTPLUG_FIRST_BUS;
	}
	args->sf_num = -1;
	if (a[VIRTNET_ATTR_SF_NUM]) {
		args->sf_num = nla_get_u32(a[VIRTNET_ATTR_SF_NUM]);
		if (args->sf_num < VIRTNET_MIN_SF_NUM ||
		    args->sf_num > VIRTNET_MAX_SF_NUM) {
			NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_SF_NUM],
					    "sf_num: must be between "
					    __stringify(VIRTNET_MIN_SF_NUM) " and "
					    __stringify(VIRTNET_MAX_SF_NUM));
			return -EINVAL;
		}
	}
	err = vnet_parse_mode(a, &args->mode, args->vdpa_name, extack);
	if (err)
		return err;
	/* Recovery rebuilds a device with the link and coalescing it had. */
	args->link_down = a[VIRTNET_ATTR_LINK_UP] &&
			  !nla_get_u8(a[VIRTNET_ATTR_LINK_UP]);
	err = vnet_parse_coal(a, VIRTNET_ATTR_RX_COAL_USECS,
			      VIRTNET_ATTR_RX_COAL_MAX_PACKETS, &args->rx_coal,
			      &has_coal, extack);
	if (!err)
		err = vnet_parse_coal(a, VIRTNET_ATTR_TX_COAL_USECS,
				      VIRTNET_ATTR_TX_COAL_MAX_PACKETS,
				      &args->tx_coal, &has_coal, extack);
	return err;
}

/* Parse PORT_SET's VIRTNET_ATTR_PORTS into @ports (VNET_MAX_PORTS long). */
int vnet_parse_ports(struct genl_info *info, struct vnet_port *ports, u32 *n)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	struct nlattr *nest;
	int rem, err;
	u32 i;

	if (vnet_missing(info, VIRTNET_ATTR_PORTS, "ports: required"))
		return -EINVAL;
	*n = 0;
	nla_for_each_nested(nest, info->attrs[VIRTNET_ATTR_PORTS], rem) {
		struct vnet_port *p;

		if (nla_type(nest) != VIRTNET_ATTR_PORT) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "ports: holds only VIRTNET_ATTR_PORT nests");
			return -EINVAL;
		}
		if (*n == VNET_MAX_PORTS) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "ports: at most " __stringify(VNET_MAX_PORTS) " ports");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, VIRTNET_ATTR_MAX, nest,
				       vnet_port_nl_policy, extack);
		if (err)
			return err;
		if (NL_REQ_ATTR_CHECK(extack, nest, tb, VIRTNET_ATTR_PORT_INDEX) ||
		    NL_REQ_ATTR_CHECK(extack, nest, tb, VIRTNET_ATTR_PORT_IBDEV)) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "port: port_index and port_ibdev are required");
			return -EINVAL;
		}
		p = &ports[*n];
		memset(p, 0, sizeof(*p));
		p->present = true;
		p->index = nla_get_u32(tb[VIRTNET_ATTR_PORT_INDEX]);
		if (p->index >= VNET_MAX_PORTS) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VIRTNET_ATTR_PORT_INDEX],
					    "port_index: must be below "
					    __stringify(VNET_MAX_PORTS));
			return -EINVAL;
		}
		nla_strscpy(p->ibdev, tb[VIRTNET_ATTR_PORT_IBDEV],
			    sizeof(p->ibdev));
		if (!p->ibdev[0]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VIRTNET_ATTR_PORT_IBDEV],
					    "port_ibdev: must not be empty");
			return -EINVAL;
		}
		if (tb[VIRTNET_ATTR_PORT_NETDEV])
			nla_strscpy(p->netdev, tb[VIRTNET_ATTR_PORT_NETDEV],
				    sizeof(p->netdev));
		for (i = 0; i < *n; i++) {
			if (ports[i].index == p->index ||
			    !strcmp(ports[i].ibdev, p->ibdev)) {
				NL_SET_ERR_MSG_ATTR(extack, nest,
						    "port: port_index and port_ibdev must be unique");
				return -EINVAL;
			}
		}
		(*n)++;
	}
	if (!*n) {
		vnet_extack_set(extack, "ports: at least one port");
		return -EINVAL;
	}
	return 0;
}

/*
 * For a change that comes alone: the first attribute besides the device's
 * selector (DEV_ID, DEV_VUID), @attr and @companion (0: none), or NULL.
 */
static struct nlattr *vnet_attr_besides(struct nlattr **a, int attr, int companion)
{
	int i;

	for (i = 0; i <= VIRTNET_ATTR_MAX; i++) {
		if (!a[i] || i == attr || (companion && i == companion) ||
		    i == VIRTNET_ATTR_DEV_ID || i == VIRTNET_ATTR_DEV_VUID)
			continue;
		return a[i];
	}
	return NULL;
}

/* DEV_SET: what to change; @m comes in with the current coalescing. */
int vnet_parse_modify(struct genl_info *info, struct vnet_modify *m)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **a = info->attrs;
	struct nlattr *other;
	int err;

	if (a[VIRTNET_ATTR_SF_FROM]) {
		other = vnet_attr_besides(a, VIRTNET_ATTR_SF_FROM, 0);
		if (other) {
			NL_SET_ERR_MSG_ATTR(extack, other,
					    "sf_from: an SF takeover changes nothing else (give sf_from alone)");
			return -EINVAL;
		}
		m->has_sf_from = true;
		m->sf_from = nla_get_u32(a[VIRTNET_ATTR_SF_FROM]);
		return 0;
	}
	if (a[VIRTNET_ATTR_DEV_MODE]) {
		other = vnet_attr_besides(a, VIRTNET_ATTR_DEV_MODE,
					  VIRTNET_ATTR_VDPA_NAME);
		if (other) {
			NL_SET_ERR_MSG_ATTR(extack, other,
					    "dev_mode: a hand-over changes nothing else (give dev_mode alone, with vdpa_name at most)");
			return -EINVAL;
		}
		m->has_mode = true;
		return vnet_parse_mode(a, &m->mode, m->vdpa_name, extack);
	}
	if (a[VIRTNET_ATTR_VDPA_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, a[VIRTNET_ATTR_VDPA_NAME],
				    "vdpa_name: only with dev_mode vdpa");
		return -EINVAL;
	}
	err = vnet_parse_dev_attrs(a, m->mac, &m->mtu, &m->num_queues,
				   &m->queue_size, extack);
	if (err)
		return err;
	m->has_mac = a[VIRTNET_ATTR_MAC];
	m->has_mtu = a[VIRTNET_ATTR_MTU];
	m->has_num_queues = a[VIRTNET_ATTR_NUM_QUEUES];
	m->has_queue_size = a[VIRTNET_ATTR_QUEUE_SIZE];
	if (a[VIRTNET_ATTR_FEATURES]) {
		m->features = nla_get_u64(a[VIRTNET_ATTR_FEATURES]);
		m->has_features = true;
	}
	if (a[VIRTNET_ATTR_LINK_UP]) {
		m->link_up = nla_get_u8(a[VIRTNET_ATTR_LINK_UP]);
		m->has_link = true;
	}
	err = vnet_parse_coal(a, VIRTNET_ATTR_RX_COAL_USECS,
			      VIRTNET_ATTR_RX_COAL_MAX_PACKETS, &m->rx_coal,
			      &m->has_rx_coal, extack);
	if (!err)
		err = vnet_parse_coal(a, VIRTNET_ATTR_TX_COAL_USECS,
				      VIRTNET_ATTR_TX_COAL_MAX_PACKETS,
				      &m->tx_coal, &m->has_tx_coal, extack);
	if (err)
		return err;
	if (!m->has_mac && !m->has_mtu && !m->has_num_queues &&
	    !m->has_queue_size && !m->has_features && !m->has_link &&
	    !m->has_rx_coal && !m->has_tx_coal) {
		NL_SET_ERR_MSG(extack,
			       "nothing to change: give mac, mtu, features, num_queues, queue_size, link_up, coalescing, dev_mode or sf_from");
		return -EINVAL;
	}
	return 0;
}
