// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "virtnet": the API is described in
 * uapi/virtnet.yaml (and documented in uapi/linux/virtnet.h). Its
 * policies, operation table and multicast group are generated from the
 * spec (netlink_gen.c: which command needs CAP_NET_ADMIN, which attributes
 * it takes, their types); the handlers here, vnet_nl_<command>_doit and
 * _dumpit, check ranges and rules between attributes so the extack message
 * can name the attribute and what it allows.
 */
#include <linux/etherdevice.h>
#include <net/genetlink.h>

#include "vnet.h"

static int vnet_put_queue(struct sk_buff *skb, struct vnet_queue *q)
{
	struct vnet_queue_counters c;
	struct nlattr *nest;
	u16 size, avail, used;
	bool ready, broken;

	spin_lock_bh(&q->lock);
	size = q->bound ? q->vr.num : 0;
	avail = q->bound ? q->vr.last_avail_idx : 0;
	used = q->bound ? q->vr.used_idx : 0;
	ready = q->ready;
	broken = q->broken;
	spin_unlock_bh(&q->lock);
	vnet_queue_counters_read(q, &c);

	nest = nla_nest_start(skb, VIRTNET_ATTR_QUEUE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, VIRTNET_QUEUE_ATTR_INDEX, q->index) ||
	    nla_put_u16(skb, VIRTNET_QUEUE_ATTR_SIZE, size) ||
	    nla_put_u8(skb, VIRTNET_QUEUE_ATTR_ENABLED, ready) ||
	    nla_put_u8(skb, VIRTNET_QUEUE_ATTR_BROKEN, broken) ||
	    nla_put_u16(skb, VIRTNET_QUEUE_ATTR_AVAIL_IDX, avail) ||
	    nla_put_u16(skb, VIRTNET_QUEUE_ATTR_USED_IDX, used) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_PACKETS, c.s.packets,
			      VIRTNET_QUEUE_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_BYTES, c.s.bytes,
			      VIRTNET_QUEUE_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_DROPS, c.s.drops,
			      VIRTNET_QUEUE_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_ERRORS, c.s.errors,
			      VIRTNET_QUEUE_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_KICKS, c.kicks,
			      VIRTNET_QUEUE_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_QUEUE_ATTR_INTERRUPTS,
			      c.s.interrupts, VIRTNET_QUEUE_ATTR_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vnet_put_queues(struct sk_buff *skb, struct vnet_function *fn)
{
	struct nlattr *nest = nla_nest_start(skb, VIRTNET_ATTR_QUEUES);
	u16 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < fn->num_pairs; i++)
		if (vnet_put_queue(skb, &fn->pairs[i].rxq) ||
		    vnet_put_queue(skb, &fn->pairs[i].txq))
			goto err_cancel;
	if (vnet_put_queue(skb, &fn->ctrlq))
		goto err_cancel;
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int vnet_host_netdev_name(struct device *dev, void *data)
{
	if (!dev->class || strcmp(dev->class->name, "net"))
		return 0;
	strscpy(data, dev_name(dev), IFNAMSIZ);
	return 1;
}

/* The bound driver and its netdev, read under the device lock. */
static int vnet_put_driver(struct sk_buff *skb, struct vnet_function *fn)
{
	struct device *dev = fn->bus_dev;
	char ifname[IFNAMSIZ] = "";
	int err = 0;

	/* In a hand-over the bus device may go at any time: no driver. */
	if (!dev || fn->switching)
		return 0;
	device_lock(dev);
	if (dev->driver) {
		device_for_each_child(dev, ifname, vnet_host_netdev_name);
		err = nla_put_string(skb, VIRTNET_ATTR_DRIVER_NAME,
				     dev->driver->name);
		if (!err && ifname[0])
			err = nla_put_string(skb, VIRTNET_ATTR_HOST_IFNAME,
					     ifname);
	}
	device_unlock(dev);
	return err;
}

/* @status: the device status to report (DEV_DRIVER: as it changed). */
static int vnet_put_dev(struct sk_buff *skb, struct vnet_function *fn,
			u8 status)
{
	struct vnet_coal rx_coal, tx_coal;
	u16 active_pairs, link;
	u8 mac[ETH_ALEN];
	u32 rx_mode;

	spin_lock_bh(&fn->config_lock);
	ether_addr_copy(mac, fn->config_mac);
	link = fn->link_status;
	rx_mode = fn->rx_mode;
	active_pairs = fn->active_pairs;
	rx_coal = fn->rx_coal;
	tx_coal = fn->tx_coal;
	spin_unlock_bh(&fn->config_lock);

	if (nla_put_u32(skb, VIRTNET_ATTR_DEV_ID, fn->id) ||
	    nla_put_string(skb, VIRTNET_ATTR_DEV_VUID, fn->vuid) ||
	    nla_put_u16(skb, VIRTNET_ATTR_DEV_BDF, fn->bdf) ||
	    nla_put_u8(skb, VIRTNET_ATTR_DEV_TYPE, fn->type) ||
	    (fn->type == VIRTNET_DEV_TYPE_STATIC_PF &&
	     (nla_put_u32(skb, VIRTNET_ATTR_PF_INDEX, fn->slot) ||
	      nla_put_u32(skb, VIRTNET_ATTR_MAX_VF, vnet_num_vf) ||
	      nla_put_u32(skb, VIRTNET_ATTR_NUM_VF, fn->num_vfs))) ||
	    (fn->type == VIRTNET_DEV_TYPE_VF &&
	     (nla_put_u32(skb, VIRTNET_ATTR_PF_INDEX, fn->parent->slot) ||
	      nla_put_u32(skb, VIRTNET_ATTR_VF_ID, fn->slot) ||
	      nla_put_u32(skb, VIRTNET_ATTR_PARENT_ID, fn->parent->id))) ||
	    nla_put_string(skb, VIRTNET_ATTR_PORT_IBDEV, fn->port->ibdev) ||
	    nla_put_u32(skb, VIRTNET_ATTR_PORT_INDEX, fn->port->index) ||
	    nla_put(skb, VIRTNET_ATTR_MAC, ETH_ALEN, mac) ||
	    nla_put_u16(skb, VIRTNET_ATTR_MTU, fn->mtu) ||
	    nla_put_u16(skb, VIRTNET_ATTR_NUM_QUEUES, fn->num_queues) ||
	    nla_put_u16(skb, VIRTNET_ATTR_QUEUE_SIZE, fn->queue_size) ||
	    nla_put_u16(skb, VIRTNET_ATTR_NUM_MSIX, fn->num_queues + 1) ||
	    (fn->legacy && nla_put_flag(skb, VIRTNET_ATTR_LEGACY)) ||
	    nla_put_u32(skb, VIRTNET_ATTR_SF_NUM, fn->sf_num) ||
	    nla_put_u8(skb, VIRTNET_ATTR_DEV_MODE, fn->mode) ||
	    (vnet_vdpa_name(fn) &&
	     nla_put_string(skb, VIRTNET_ATTR_VDPA_NAME, vnet_vdpa_name(fn))) ||
	    nla_put_string(skb, VIRTNET_ATTR_SF_REP_IFNAME, fn->rep->name) ||
	    nla_put_u32(skb, VIRTNET_ATTR_SF_REP_IFINDEX, fn->rep->ifindex) ||
	    nla_put_u64_64bit(skb, VIRTNET_ATTR_DEVICE_FEATURES,
			      fn->device_features, VIRTNET_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VIRTNET_ATTR_DRIVER_FEATURES,
			      /* A legacy driver never sets FEATURES_OK. */
			      (status & (VIRTIO_CONFIG_S_FEATURES_OK |
					 VIRTIO_CONFIG_S_DRIVER_OK)) ?
			      fn->features : 0, VIRTNET_ATTR_PAD) ||
	    nla_put_u8(skb, VIRTNET_ATTR_STATUS, status) ||
	    nla_put_u8(skb, VIRTNET_ATTR_LINK_UP,
		       !!(link & VIRTIO_NET_S_LINK_UP)) ||
	    nla_put_u32(skb, VIRTNET_ATTR_SPEED, VIRTNET_LINK_SPEED) ||
	    nla_put_u16(skb, VIRTNET_ATTR_QUEUE_PAIRS_ACTIVE, active_pairs) ||
	    nla_put_u32(skb, VIRTNET_ATTR_RX_MODE, rx_mode) ||
	    nla_put_u32(skb, VIRTNET_ATTR_RX_COAL_USECS, rx_coal.usecs) ||
	    nla_put_u32(skb, VIRTNET_ATTR_RX_COAL_MAX_PACKETS,
			rx_coal.max_packets) ||
	    nla_put_u32(skb, VIRTNET_ATTR_TX_COAL_USECS, tx_coal.usecs) ||
	    nla_put_u32(skb, VIRTNET_ATTR_TX_COAL_MAX_PACKETS,
			tx_coal.max_packets))
		return -EMSGSIZE;
	if (vnet_put_driver(skb, fn))
		return -EMSGSIZE;
	return vnet_put_queues(skb, fn);
}

/* Largest device message: 31 queues of counters plus the device. */
#define VNET_DEV_MSG_SIZE	8192

/*
 * Fill @skb (from genlmsg_new(VNET_DEV_MSG_SIZE), or NULL) with @fn;
 * frees it and gives NULL if that fails. A request that changes a device
 * allocates its reply and event before the change, so that running out
 * of memory refuses the request instead of answering ENOBUFS for a change
 * that was made.
 */
static struct sk_buff *vnet_dev_msg_fill(struct sk_buff *skb,
					 struct vnet_function *fn, u32 portid,
					 u32 seq, u8 cmd, u8 status)
{
	void *hdr;

	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, portid, seq, &vnet_family, 0, cmd);
	if (!hdr || vnet_put_dev(skb, fn, status)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

static struct sk_buff *vnet_dev_msg_status(struct vnet_function *fn,
					   u32 portid, u32 seq, u8 cmd,
					   u8 status)
{
	return vnet_dev_msg_fill(genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL),
				 fn, portid, seq, cmd, status);
}

static struct sk_buff *vnet_dev_msg(struct vnet_function *fn, u32 portid,
				    u32 seq, u8 cmd)
{
	return vnet_dev_msg_status(fn, portid, seq, cmd,
				   vnet_function_status(fn));
}

/*
 * Send an event; NULL if it could not be built: the listeners get ENOBUFS
 * then, as for an overrun, and resynchronise (a dump) instead of missing
 * a change without knowing.
 */
static void vnet_notify(struct sk_buff *event)
{
	if (event)
		genlmsg_multicast(&vnet_family, event, 0,
				  VNET_NLGRP_EVENTS, GFP_KERNEL);
	else
		genl_set_err(&vnet_family, &init_net, 0, VNET_NLGRP_EVENTS,
			     -ENOBUFS);
}

/*
 * After a change made under the lock, whose event went out under it (so
 * a device's events keep the order of its changes, the DEV_DRIVER work's
 * included): the reply. The event is sent even if the reply could not be
 * built (the change happened; only the answer is lost).
 */
static int vnet_reply(struct sk_buff *reply, struct genl_info *info)
{
	if (!reply)
		return -ENOBUFS;
	return genlmsg_reply(reply, info);
}

/* An event for a change that did not come through netlink (sysfs). */
void vnet_netlink_notify(struct vnet_function *fn, u8 cmd)
{
	vnet_netlink_notify_status(fn, cmd, vnet_function_status(fn));
}

void vnet_netlink_notify_status(struct vnet_function *fn, u8 cmd, u8 status)
{
	lockdep_assert_held(&vnet_functions_lock);
	/*
	 * Unloading removes every function without a word, so the
	 * controller keeps their recovery files for the next load.
	 */
	if (vnet_handover_closed())
		return;
	vnet_notify(vnet_dev_msg_status(fn, 0, 0, cmd, status));
}

int vnet_nl_dev_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_create_args args;
	struct sk_buff *reply, *event;
	struct vnet_function *fn;
	int err;

	reply = genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL);
	event = genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL);
	if (!reply || !event) {
		err = -ENOMEM;
		goto out_free;
	}
	/* The port table may change under PORT_SET: parse under the lock. */
	vnet_lock();
	err = vnet_parse_new(info, &args);
	if (err)
		goto out_unlock;
	if (args.mode == VNET_MODE_VDPA)
		err = vnet_function_create_vdpa(&args, args.vdpa_name[0] ?
						args.vdpa_name : NULL,
						&fn, info->extack);
	else
		err = vnet_function_create(&args, &fn, info->extack);
	if (err)
		goto out_unlock;
	reply = vnet_dev_msg_fill(reply, fn, info->snd_portid, info->snd_seq,
				  VIRTNET_CMD_DEV_NEW, vnet_function_status(fn));
	vnet_notify(vnet_dev_msg_fill(event, fn, 0, 0, VIRTNET_CMD_DEV_NEW,
				      vnet_function_status(fn)));
	vnet_unlock();
	return vnet_reply(reply, info);

out_unlock:
	vnet_unlock();
out_free:
	nlmsg_free(reply);
	nlmsg_free(event);
	return err;
}

static struct vnet_function *vnet_dev_select(struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct vnet_function *fn;

	if (!!a[VIRTNET_ATTR_DEV_ID] == !!a[VIRTNET_ATTR_DEV_VUID]) {
		NL_SET_ERR_MSG(info->extack,
			       "give exactly one of dev_id and dev_vuid");
		return ERR_PTR(-EINVAL);
	}
	if (a[VIRTNET_ATTR_DEV_ID]) {
		fn = vnet_function_by_id(nla_get_u32(a[VIRTNET_ATTR_DEV_ID]));
		if (!fn) {
			NL_SET_ERR_MSG_ATTR(info->extack, a[VIRTNET_ATTR_DEV_ID],
					    "dev_id: no such device");
			return ERR_PTR(-ENODEV);
		}
	} else {
		fn = vnet_function_by_vuid(nla_data(a[VIRTNET_ATTR_DEV_VUID]));
		if (!fn) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[VIRTNET_ATTR_DEV_VUID],
					    "dev_vuid: no such device");
			return ERR_PTR(-ENODEV);
		}
	}
	return fn;
}

int vnet_nl_dev_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_function *fn;
	struct sk_buff *event;

	vnet_lock();
	fn = vnet_dev_select(info);
	if (IS_ERR(fn)) {
		vnet_unlock();
		return PTR_ERR(fn);
	}
	if (fn->type == VIRTNET_DEV_TYPE_STATIC_PF) {
		vnet_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "static PFs cannot be unplugged: they exist while the module is loaded");
		return -EOPNOTSUPP;
	}
	if (fn->type == VIRTNET_DEV_TYPE_VF) {
		vnet_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "VFs cannot be unplugged: the host removes them (echo 0 > sriov_numvfs of their PF)");
		return -EOPNOTSUPP;
	}
	if (fn->switching) {
		vnet_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "a hand-over of this device is in progress");
		return -EBUSY;
	}
	if (fn->mode == VNET_MODE_VDPA) {
		vnet_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "the device is in vDPA mode: remove it with 'vdpa dev del NAME', or hand it back first (dev_mode virtio)");
		return -EOPNOTSUPP;
	}
	event = vnet_dev_msg(fn, 0, 0, VIRTNET_CMD_DEV_DEL);
	if (!event) {
		vnet_unlock();
		return -ENOMEM;
	}
	vnet_function_destroy(fn);
	vnet_notify(event);
	vnet_unlock();
	return 0;
}

/*
 * DEV_SET with SF_FROM: @fn takes over another device's SF; *@src_event,
 * allocated before anything changed, becomes the other device's event.
 */
static int vnet_dev_takeover(struct vnet_function *fn,
			     const struct vnet_modify *m,
			     struct sk_buff **src_event,
			     struct genl_info *info)
{
	struct vnet_function *src = vnet_function_by_id(m->sf_from);
	int err;

	if (!src) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VIRTNET_ATTR_SF_FROM],
				    "sf_from: no device with this id");
		return -ENODEV;
	}
	err = vnet_sf_takeover(fn, src, info->extack);
	if (!err)
		*src_event = vnet_dev_msg_fill(*src_event, src, 0, 0,
					       VIRTNET_CMD_DEV_SET,
					       vnet_function_status(src));
	return err;
}

int vnet_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply, *event, *src_event = NULL;
	struct vnet_modify m = {};
	struct vnet_function *fn;
	int err;

	reply = genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL);
	event = genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL);
	if (info->attrs[VIRTNET_ATTR_SF_FROM])
		src_event = genlmsg_new(VNET_DEV_MSG_SIZE, GFP_KERNEL);
	if (!reply || !event ||
	    (info->attrs[VIRTNET_ATTR_SF_FROM] && !src_event)) {
		err = -ENOMEM;
		goto out_free;
	}
	vnet_lock();
	fn = vnet_dev_select(info);
	if (IS_ERR(fn)) {
		err = PTR_ERR(fn);
		goto out_unlock;
	}
	/* One direction's usecs alone keeps its max_packets, and so on. */
	spin_lock_bh(&fn->config_lock);
	m.rx_coal = fn->rx_coal;
	m.tx_coal = fn->tx_coal;
	spin_unlock_bh(&fn->config_lock);
	err = vnet_parse_modify(info, &m);
	if (!err && m.has_sf_from)
		err = vnet_dev_takeover(fn, &m, &src_event, info);
	else if (!err && m.has_mode)
		err = vnet_handover(fn, m.mode, m.vdpa_name[0] ?
				    m.vdpa_name : NULL, info->extack);
	else if (!err)
		err = vnet_function_modify(fn, &m, info->extack);
	if (err)
		goto out_unlock;
	reply = vnet_dev_msg_fill(reply, fn, info->snd_portid, info->snd_seq,
				  VIRTNET_CMD_DEV_SET, vnet_function_status(fn));
	if (m.has_sf_from)
		vnet_notify(src_event);
	else
		nlmsg_free(src_event);
	vnet_notify(vnet_dev_msg_fill(event, fn, 0, 0, VIRTNET_CMD_DEV_SET,
				      vnet_function_status(fn)));
	vnet_unlock();
	return vnet_reply(reply, info);

out_unlock:
	vnet_unlock();
out_free:
	nlmsg_free(reply);
	nlmsg_free(event);
	nlmsg_free(src_event);
	return err;
}

int vnet_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_function *fn;
	struct sk_buff *reply;

	mutex_lock(&vnet_functions_lock);
	fn = vnet_dev_select(info);
	if (IS_ERR(fn)) {
		mutex_unlock(&vnet_functions_lock);
		return PTR_ERR(fn);
	}
	reply = vnet_dev_msg(fn, info->snd_portid, info->snd_seq,
			     VIRTNET_CMD_DEV_GET);
	mutex_unlock(&vnet_functions_lock);
	if (!reply)
		return -ENOBUFS;
	return genlmsg_reply(reply, info);
}

/* A dump skb must hold at least one whole device, whatever the socket. */
int vnet_nl_dev_get_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = VNET_DEV_MSG_SIZE;
	return 0;
}

/* cb->args[0]: id of the next device to dump. */
int vnet_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_function *fn;
	unsigned long id = cb->args[0];
	int err = 0;

	mutex_lock(&vnet_functions_lock);
	cb->seq = vnet_functions_generation();
	while ((fn = vnet_function_next(&id))) {
		void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, &vnet_family,
					NLM_F_MULTI, VIRTNET_CMD_DEV_GET);

		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (vnet_put_dev(skb, fn, vnet_function_status(fn)) ||
		    nla_put_u32(skb, VIRTNET_ATTR_GENERATION, cb->seq)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		id++;
	}
	mutex_unlock(&vnet_functions_lock);
	cb->args[0] = id;

	/* A full skb is not an error: the dump goes on from id. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

static int vnet_put_ports(struct sk_buff *skb)
{
	struct nlattr *ports = nla_nest_start(skb, VIRTNET_ATTR_PORTS);
	u32 i;

	if (!ports)
		return -EMSGSIZE;
	for (i = 0; i < VNET_MAX_PORTS; i++) {
		const struct vnet_port *port = vnet_port_get(i);
		struct nlattr *nest;

		if (!port)
			continue;
		nest = nla_nest_start(skb, VIRTNET_ATTR_PORT);
		if (!nest ||
		    nla_put_u32(skb, VIRTNET_ATTR_PORT_INDEX, port->index) ||
		    nla_put_string(skb, VIRTNET_ATTR_PORT_IBDEV, port->ibdev) ||
		    (port->netdev[0] &&
		     nla_put_string(skb, VIRTNET_ATTR_PORT_NETDEV, port->netdev)) ||
		    nla_put_u32(skb, VIRTNET_ATTR_SF_POOL_IDLE,
				vnet_sf_pool_idle(i))) {
			nla_nest_cancel(skb, ports);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, ports);
	return 0;
}

/* INFO_GET's reply, or with portid 0 its event (pool or ports changed). */
static struct sk_buff *vnet_info_msg(u32 portid, u32 seq)
{
	struct sk_buff *reply;
	void *hdr;

	lockdep_assert_held(&vnet_functions_lock);
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return NULL;
	hdr = genlmsg_put(reply, portid, seq, &vnet_family, 0,
			  VIRTNET_CMD_INFO_GET);
	if (!hdr)
		goto err_free;
	if (nla_put_u32(reply, VIRTNET_ATTR_MAX_HOTPLUG, vnet_hotplug_ports) ||
	    nla_put_u32(reply, VIRTNET_ATTR_MAX_STATIC_PF, vnet_num_static_pf) ||
	    nla_put_u32(reply, VIRTNET_ATTR_MAX_VF, vnet_num_vf) ||
	    nla_put_u16(reply, VIRTNET_ATTR_MAX_MSIX, vnet_num_msix) ||
	    nla_put_u32(reply, VIRTNET_ATTR_NUM_HOTPLUG, vnet_num_hotplug()) ||
	    nla_put_u32(reply, VIRTNET_ATTR_PF_TOTAL_SF, vnet_pf_total_sf) ||
	    nla_put_u32(reply, VIRTNET_ATTR_SF_POOL_SIZE, vnet_sf_pool_size()) ||
	    nla_put_u16(reply, VIRTNET_ATTR_MAX_VIRTQ, vnet_max_virtq) ||
	    nla_put_u16(reply, VIRTNET_ATTR_MAX_QUEUE_SIZE,
			VIRTNET_MAX_QUEUE_SIZE) ||
	    nla_put_u64_64bit(reply, VIRTNET_ATTR_SUPPORTED_FEATURES,
			      vnet_supported_features(), VIRTNET_ATTR_PAD) ||
	    nla_put_u32(reply, VIRTNET_ATTR_GENERATION,
			vnet_functions_generation()) ||
	    nla_put_u64_64bit(reply, VIRTNET_ATTR_INSTANCE_ID,
			      vnet_instance_id(), VIRTNET_ATTR_PAD) ||
	    (vnet_ports_lag() && nla_put_flag(reply, VIRTNET_ATTR_PORT_LAG)) ||
	    vnet_put_ports(reply))
		goto err_free;
	genlmsg_end(reply, hdr);
	return reply;

err_free:
	nlmsg_free(reply);
	return NULL;
}

int vnet_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;

	mutex_lock(&vnet_functions_lock);
	reply = vnet_info_msg(info->snd_portid, info->snd_seq);
	mutex_unlock(&vnet_functions_lock);
	return vnet_reply(reply, info);
}

/* The SF pool or the port table changed (under the lock). */
void vnet_netlink_notify_info(void)
{
	vnet_notify(vnet_info_msg(0, 0));
}

int vnet_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_port ports[VNET_MAX_PORTS];
	u32 n;
	int err;

	err = vnet_parse_ports(info, ports, &n);
	if (err)
		return err;
	vnet_lock();
	err = vnet_ports_set(ports, n,
			     nla_get_flag(info->attrs[VIRTNET_ATTR_PORT_LAG]),
			     info->extack);
	if (!err)
		vnet_netlink_notify_info();
	vnet_unlock();
	return err;
}

int vnet_nl_sf_pool_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (vnet_missing(info, VIRTNET_ATTR_SF_POOL_SIZE,
			 "sf_pool_size: required"))
		return -EINVAL;
	vnet_lock();
	err = vnet_sf_pool_set(nla_get_u32(info->attrs[VIRTNET_ATTR_SF_POOL_SIZE]),
			       info->extack);
	if (!err)
		vnet_netlink_notify_info();
	vnet_unlock();
	return err;
}

struct genl_family vnet_family __ro_after_init = {
	.name		= VIRTNET_GENL_NAME,
	.version	= VIRTNET_GENL_VERSION,
	.module		= THIS_MODULE,
	.ops		= vnet_nl_ops,
	.n_ops		= ARRAY_SIZE(vnet_nl_ops),
	.mcgrps		= vnet_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vnet_nl_mcgrps),
};

int vnet_netlink_init(void)
{
	int err;

	err = vnet_relay_init();
	if (err)
		return err;
	err = genl_register_family(&vnet_family);
	if (err)
		goto err_ctrl_uninit;
	return 0;

err_ctrl_uninit:
	vnet_relay_uninit();
	return err;
}

void vnet_netlink_uninit(void)
{
	genl_unregister_family(&vnet_family);
	vnet_relay_uninit();
}
