/* ctrl.c - requests and replies of the controller relay (CTRL_*). */
#include "ctrl.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "util.h"

static const char *const state_names[] = {
	[VIRTNET_CTRL_STATE_NONE] = "none",
	[VIRTNET_CTRL_STATE_RUNNING] = "running",
	[VIRTNET_CTRL_STATE_UPDATING] = "updating",
};

static const char *const update_names[] = {
	[VIRTNET_UPDATE_NONE] = "none",
	[VIRTNET_UPDATE_IN_PROGRESS] = "in progress",
	[VIRTNET_UPDATE_DONE] = "done",
	[VIRTNET_UPDATE_FAILED] = "failed",
};

static const char *const level_names[] = {
	[VIRTNET_LOG_ERR] = "err",
	[VIRTNET_LOG_INFO] = "info",
	[VIRTNET_LOG_DEBUG] = "debug",
};

const char *virtnet_ctrl_state_name(unsigned int state)
{
	return state < ARRAY_SIZE(state_names) ? state_names[state] : "unknown";
}

const char *virtnet_update_status_name(unsigned int status)
{
	return status < ARRAY_SIZE(update_names) ? update_names[status] : "unknown";
}

const char *virtnet_log_level_name(unsigned int level)
{
	return level < ARRAY_SIZE(level_names) ? level_names[level] : "unknown";
}

int virtnet_log_level_parse(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(level_names); i++)
		if (!strcmp(name, level_names[i]))
			return (int)i;
	return -1;
}

static void copy_str(char *dst, size_t len, const struct nlattr *a)
{
	/* attrs.c checked: NUL-terminated and at most len bytes. */
	snprintf(dst, len, "%s", a ? (const char *)nla_data(a) : "");
}

int virtnet_ctrl_from_attrs(struct nlattr *const *tb, struct virtnet_ctrl_info *info,
			    char *err, size_t errlen)
{
	memset(info, 0, sizeof(*info));
	if (!tb[VIRTNET_ATTR_CTRL_STATE] || !tb[VIRTNET_ATTR_CTRL_UPDATE_STATUS] ||
	    !tb[VIRTNET_ATTR_CTRL_LOG_LEVEL]) {
		snprintf(err, errlen, "malformed message from the kernel: controller "
			 "state without VIRTNET_ATTR_CTRL_STATE, _UPDATE_STATUS or _LOG_LEVEL");
		return -EBADMSG;
	}
	info->state = nla_get_u8(tb[VIRTNET_ATTR_CTRL_STATE]);
	info->update_status = nla_get_u8(tb[VIRTNET_ATTR_CTRL_UPDATE_STATUS]);
	info->log_level = nla_get_u8(tb[VIRTNET_ATTR_CTRL_LOG_LEVEL]);
	if (tb[VIRTNET_ATTR_CTRL_PID])
		info->pid = nla_get_u32(tb[VIRTNET_ATTR_CTRL_PID]);
	copy_str(info->version, sizeof(info->version), tb[VIRTNET_ATTR_CTRL_VERSION]);
	copy_str(info->prev_version, sizeof(info->prev_version),
		 tb[VIRTNET_ATTR_CTRL_PREV_VERSION]);
	copy_str(info->status, sizeof(info->status), tb[VIRTNET_ATTR_CTRL_STATUS]);
	return 0;
}

struct one_ctrl {
	struct virtnet_ctrl_info *info;
	bool got;
};

static int collect(const struct virtnet_reply *r, void *arg)
{
	struct one_ctrl *one = arg;

	if (one->got)
		return 0;
	one->got = true;
	return virtnet_ctrl_from_attrs(r->tb, one->info, r->err, r->errlen);
}

static int oom(struct virtnet_genl *g, struct nl_msg *msg)
{
	nlmsg_free(msg);
	snprintf(g->errmsg, sizeof(g->errmsg), "out of memory");
	return -ENOMEM;
}

int virtnet_ctrl_get(struct virtnet_genl *g, struct virtnet_ctrl_info *info)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_CTRL_GET, 0);
	struct one_ctrl one = { .info = info };
	int ret;

	if (!msg)
		return oom(g, NULL);
	ret = virtnet_genl_run(g, msg, collect, NULL, &one);
	if (!ret && !one.got) {
		snprintf(g->errmsg, sizeof(g->errmsg), "the kernel sent no reply");
		return -ENODATA;
	}
	return ret;
}

int virtnet_ctrl_register(struct virtnet_genl *g, const char *version,
			  uint32_t pid, uint8_t update_status, uint8_t log_level,
			  const char *status)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_CTRL_REGISTER, 0);

	if (!msg)
		return oom(g, NULL);
	if (nla_put_string(msg, VIRTNET_ATTR_CTRL_VERSION, version) ||
	    nla_put_u32(msg, VIRTNET_ATTR_CTRL_PID, pid) ||
	    nla_put_u8(msg, VIRTNET_ATTR_CTRL_LOG_LEVEL, log_level) ||
	    (update_status && nla_put_u8(msg, VIRTNET_ATTR_CTRL_UPDATE_STATUS, update_status)) ||
	    (status && status[0] && nla_put_string(msg, VIRTNET_ATTR_CTRL_STATUS, status)))
		return oom(g, msg);
	return virtnet_genl_run(g, msg, NULL, NULL, NULL);
}

int virtnet_ctrl_update(struct virtnet_genl *g)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_CTRL_UPDATE, 0);

	if (!msg)
		return oom(g, NULL);
	return virtnet_genl_run(g, msg, NULL, NULL, NULL);
}

int virtnet_ctrl_log_level(struct virtnet_genl *g, uint8_t level)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_CTRL_LOG_LEVEL, 0);

	if (!msg)
		return oom(g, NULL);
	if (nla_put_u8(msg, VIRTNET_ATTR_CTRL_LOG_LEVEL, level))
		return oom(g, msg);
	return virtnet_genl_run(g, msg, NULL, NULL, NULL);
}
