// SPDX-License-Identifier: GPL-2.0
/*
 * The controller relay: one userspace controller registers its generic
 * netlink socket; CLI requests for it (live update, log level) are
 * forwarded to that socket, and its state is reported to everybody. The
 * registration ends when the socket is released (NETLINK_URELEASE), which
 * is also how a live update is seen: the old process execs the new one,
 * whose registration with UPDATE_STATUS DONE completes the update.
 *
 * A successor that never registers (it died, or never started) would
 * leave the update in progress for good: update_timeout seconds after the
 * last controller's socket went away during an update, it is failed. A
 * successor that registers later still completes it.
 *
 * Locking: vnet_relay_lock (mutex) guards struct vnet_relay. The URELEASE
 * notifier runs in process context (a blocking notifier chain); so does
 * the expiry work, which takes the lock.
 */
#include <linux/netlink.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "vnet.h"

struct vnet_relay {
	u32 portid;			/* 0: none registered */
	u32 pid;
	u8 state;			/* enum virtnet_ctrl_state */
	u8 update_status;		/* enum virtnet_update_status */
	u8 log_level;			/* enum virtnet_log_level */
	char version[VIRTNET_CTRL_VERSION_MAX];
	char prev_version[VIRTNET_CTRL_VERSION_MAX];	/* before the last update */
	char update_from[VIRTNET_CTRL_VERSION_MAX];	/* of the running update */
	bool update_expired;		/* FAILED: no successor in time */
	char status[VIRTNET_CTRL_STATUS_MAX];	/* the controller's problems */
};

static DEFINE_MUTEX(vnet_relay_lock);
static struct vnet_relay vnet_relay = { .log_level = VIRTNET_LOG_INFO };

static void vnet_relay_expire(struct work_struct *work);
static DECLARE_DELAYED_WORK(vnet_relay_expire_work, vnet_relay_expire);

static int vnet_relay_put(struct sk_buff *skb)
{
	const struct vnet_relay *c = &vnet_relay;

	lockdep_assert_held(&vnet_relay_lock);
	if (nla_put_u8(skb, VIRTNET_ATTR_CTRL_STATE, c->state) ||
	    nla_put_u8(skb, VIRTNET_ATTR_CTRL_UPDATE_STATUS, c->update_status) ||
	    nla_put_u8(skb, VIRTNET_ATTR_CTRL_LOG_LEVEL, c->log_level))
		return -EMSGSIZE;
	if (c->version[0] &&
	    (nla_put_u32(skb, VIRTNET_ATTR_CTRL_PID, c->pid) ||
	     nla_put_string(skb, VIRTNET_ATTR_CTRL_VERSION, c->version)))
		return -EMSGSIZE;
	if (c->prev_version[0] &&
	    nla_put_string(skb, VIRTNET_ATTR_CTRL_PREV_VERSION, c->prev_version))
		return -EMSGSIZE;
	if (c->status[0] &&
	    nla_put_string(skb, VIRTNET_ATTR_CTRL_STATUS, c->status))
		return -EMSGSIZE;
	return 0;
}

static struct sk_buff *vnet_relay_msg(u32 portid, u32 seq, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, portid, seq, &vnet_family, 0, cmd);
	if (!hdr || vnet_relay_put(skb)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

/* Tell monitors; called with the lock held, sends after building. */
static void vnet_relay_changed(void)
{
	struct sk_buff *event = vnet_relay_msg(0, 0, VIRTNET_CMD_CTRL_GET);

	if (event)
		genlmsg_multicast(&vnet_family, event, 0, VNET_NLGRP_EVENTS,
				  GFP_KERNEL);
}

/*
 * CLI output shows the status as it is (JSON escapes it, a terminal does
 * not): only printable ASCII, with newlines between problems.
 */
static bool vnet_relay_status_ok(const struct nlattr *a, struct genl_info *info)
{
	const char *p = nla_data(a);
	int i;

	for (i = 0; i < nla_len(a) && p[i]; i++) {
		if (p[i] == '\n' || (p[i] >= 0x20 && p[i] < 0x7f))
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "ctrl_status: only printable ASCII and newlines are allowed");
		return false;
	}
	return true;
}

int vnet_nl_ctrl_register_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct vnet_relay *c = &vnet_relay;
	int err = 0;

	if (vnet_missing(info, VIRTNET_ATTR_CTRL_VERSION, "ctrl_version: required") ||
	    vnet_missing(info, VIRTNET_ATTR_CTRL_PID, "ctrl_pid: required"))
		return -EINVAL;
	if (!nla_len(a[VIRTNET_ATTR_CTRL_VERSION]) ||
	    !*(char *)nla_data(a[VIRTNET_ATTR_CTRL_VERSION])) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[VIRTNET_ATTR_CTRL_VERSION],
				    "ctrl_version: must not be empty");
		return -EINVAL;
	}
	if (a[VIRTNET_ATTR_CTRL_STATUS] &&
	    !vnet_relay_status_ok(a[VIRTNET_ATTR_CTRL_STATUS], info))
		return -EINVAL;

	mutex_lock(&vnet_relay_lock);
	if (c->portid && c->portid != info->snd_portid) {
		NL_SET_ERR_MSG(info->extack,
			       "another controller is registered (see 'virtnet version')");
		err = -EBUSY;
		goto out_unlock;
	}
	/* Registered: a pending expiry finds a controller and does nothing. */
	cancel_delayed_work(&vnet_relay_expire_work);
	if (a[VIRTNET_ATTR_CTRL_UPDATE_STATUS]) {
		u8 status = nla_get_u8(a[VIRTNET_ATTR_CTRL_UPDATE_STATUS]);

		/* A successor later than update_timeout still completes it. */
		if (c->update_expired && c->update_status == VIRTNET_UPDATE_FAILED)
			c->update_status = VIRTNET_UPDATE_IN_PROGRESS;
		if (c->update_status != VIRTNET_UPDATE_IN_PROGRESS) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[VIRTNET_ATTR_CTRL_UPDATE_STATUS],
					    "ctrl_update_status: no live update is in progress");
			err = -EINVAL;
			goto out_unlock;
		}
		/* IN_PROGRESS: the successor is up but not ready yet. */
		c->update_status = status;
		if (status == VIRTNET_UPDATE_DONE)
			strscpy(c->prev_version, c->update_from,
				sizeof(c->prev_version));
	} else if (c->update_status == VIRTNET_UPDATE_IN_PROGRESS &&
		   c->portid != info->snd_portid) {
		/*
		 * A plain start (e.g. systemd's restart) ends the update; the
		 * registered socket only reporting a new status does not.
		 */
		c->update_status = VIRTNET_UPDATE_FAILED;
	}
	if (a[VIRTNET_ATTR_CTRL_LOG_LEVEL])
		c->log_level = nla_get_u8(a[VIRTNET_ATTR_CTRL_LOG_LEVEL]);
	c->update_expired = false;
	c->portid = info->snd_portid;
	c->pid = nla_get_u32(a[VIRTNET_ATTR_CTRL_PID]);
	nla_strscpy(c->version, a[VIRTNET_ATTR_CTRL_VERSION], sizeof(c->version));
	if (a[VIRTNET_ATTR_CTRL_STATUS])
		nla_strscpy(c->status, a[VIRTNET_ATTR_CTRL_STATUS], sizeof(c->status));
	else
		c->status[0] = '\0';
	c->state = VIRTNET_CTRL_STATE_RUNNING;
	vnet_relay_changed();
out_unlock:
	mutex_unlock(&vnet_relay_lock);
	return err;
}

int vnet_nl_ctrl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;

	mutex_lock(&vnet_relay_lock);
	reply = vnet_relay_msg(info->snd_portid, info->snd_seq,
			       VIRTNET_CMD_CTRL_GET);
	mutex_unlock(&vnet_relay_lock);
	if (!reply)
		return -ENOMEM;
	return genlmsg_reply(reply, info);
}

/* Forward @cmd to the registered controller. Lock held. */
static int vnet_relay_forward(struct genl_info *info, u8 cmd)
{
	struct sk_buff *msg = vnet_relay_msg(vnet_relay.portid, 0, cmd);
	int err;

	if (!msg)
		return -ENOMEM;
	err = genlmsg_unicast(&init_net, msg, vnet_relay.portid);
	if (err)
		NL_SET_ERR_MSG(info->extack,
			       "the controller did not take the request (its socket is full or closed)");
	return err;
}

static bool vnet_relay_present(struct genl_info *info)
{
	if (vnet_relay.portid)
		return true;
	NL_SET_ERR_MSG(info->extack,
		       "no controller is running (start virtio-net-controller)");
	return false;
}

int vnet_nl_ctrl_update_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_relay *c = &vnet_relay;
	u8 old_status;
	int err;

	mutex_lock(&vnet_relay_lock);
	/* First: between exec and re-register no controller is present. */
	err = -EBUSY;
	if (c->update_status == VIRTNET_UPDATE_IN_PROGRESS) {
		NL_SET_ERR_MSG(info->extack,
			       "a live update is already in progress (see 'virtnet update -t')");
		goto out_unlock;
	}
	err = -ENOENT;
	if (!vnet_relay_present(info))
		goto out_unlock;
	old_status = c->update_status;
	c->update_status = VIRTNET_UPDATE_IN_PROGRESS;
	c->update_expired = false;
	strscpy(c->update_from, c->version, sizeof(c->update_from));
	err = vnet_relay_forward(info, VIRTNET_CMD_CTRL_UPDATE);
	if (err)
		c->update_status = old_status;
	else
		vnet_relay_changed();
out_unlock:
	mutex_unlock(&vnet_relay_lock);
	return err;
}

int vnet_nl_ctrl_log_level_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_relay *c = &vnet_relay;
	u8 old_level;
	int err;

	if (vnet_missing(info, VIRTNET_ATTR_CTRL_LOG_LEVEL,
			 "ctrl_log_level: required"))
		return -EINVAL;
	mutex_lock(&vnet_relay_lock);
	err = -ENOENT;
	if (!vnet_relay_present(info))
		goto out_unlock;
	old_level = c->log_level;
	c->log_level = nla_get_u8(info->attrs[VIRTNET_ATTR_CTRL_LOG_LEVEL]);
	err = vnet_relay_forward(info, VIRTNET_CMD_CTRL_LOG_LEVEL);
	if (err)
		c->log_level = old_level;
	else
		vnet_relay_changed();
out_unlock:
	mutex_unlock(&vnet_relay_lock);
	return err;
}

static int vnet_relay_release(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct netlink_notify *n = ptr;
	struct vnet_relay *c = &vnet_relay;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !net_eq(n->net, &init_net))
		return NOTIFY_DONE;
	mutex_lock(&vnet_relay_lock);
	if (c->portid && c->portid == n->portid) {
		c->portid = 0;
		/* Nobody is left to keep the status true. */
		c->status[0] = '\0';
		/* An update execs the successor: wait for it to register. */
		c->state = c->update_status == VIRTNET_UPDATE_IN_PROGRESS ?
			   VIRTNET_CTRL_STATE_UPDATING : VIRTNET_CTRL_STATE_NONE;
		if (c->state == VIRTNET_CTRL_STATE_UPDATING)
			mod_delayed_work(system_wq, &vnet_relay_expire_work,
					 READ_ONCE(vnet_update_timeout) * HZ);
		vnet_relay_changed();
	}
	mutex_unlock(&vnet_relay_lock);
	return NOTIFY_DONE;
}

/* No successor registered within update_timeout: the update failed. */
static void vnet_relay_expire(struct work_struct *work)
{
	struct vnet_relay *c = &vnet_relay;

	mutex_lock(&vnet_relay_lock);
	if (!c->portid && c->update_status == VIRTNET_UPDATE_IN_PROGRESS) {
		pr_warn("live update from %s: no successor registered within %u s: failed\n",
			c->update_from, READ_ONCE(vnet_update_timeout));
		c->update_status = VIRTNET_UPDATE_FAILED;
		c->update_expired = true;
		c->state = VIRTNET_CTRL_STATE_NONE;
		vnet_relay_changed();
	}
	mutex_unlock(&vnet_relay_lock);
}

static struct notifier_block vnet_relay_nb = {
	.notifier_call = vnet_relay_release,
};

int vnet_relay_init(void)
{
	return netlink_register_notifier(&vnet_relay_nb);
}

void vnet_relay_uninit(void)
{
	netlink_unregister_notifier(&vnet_relay_nb);
	cancel_delayed_work_sync(&vnet_relay_expire_work);
}
