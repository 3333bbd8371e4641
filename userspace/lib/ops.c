/* ops.c - the virtnet family's requests, on top of genl.c. */
#include "ops.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

void virtnet_dev_list_free(struct virtnet_dev_list *list)
{
	free(list->devs);
	memset(list, 0, sizeof(*list));
}

/* Reply callbacks: one device, a list of devices, the controller info. */
struct one_dev {
	struct virtnet_dev *dev;
	bool got;
};

static int collect_one(const struct virtnet_reply *r, void *arg)
{
	struct one_dev *one = arg;

	if (one->got)
		return 0;	/* a do request has one reply; ignore extras */
	one->got = true;
	return virtnet_dev_from_attrs(r->tb, one->dev, r->err, r->errlen);
}

static int collect_list(const struct virtnet_reply *r, void *arg)
{
	struct virtnet_dev_list *list = arg;

	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct virtnet_dev *devs = realloc(list->devs, cap * sizeof(*devs));

		if (!devs)
			return -ENOMEM;
		list->devs = devs;
		list->cap = cap;
	}
	if (virtnet_dev_from_attrs(r->tb, &list->devs[list->count], r->err, r->errlen))
		return -EBADMSG;
	list->count++;
	return 0;
}

static void restart_list(void *arg)
{
	((struct virtnet_dev_list *)arg)->count = 0;
}

static int collect_info(const struct virtnet_reply *r, void *arg)
{
	return virtnet_info_from_attrs(r->tb, arg, r->err, r->errlen);
}

static int no_memory(struct virtnet_genl *g)
{
	snprintf(g->errmsg, sizeof(g->errmsg), "out of memory building the request");
	return -ENOMEM;
}

static int no_reply(struct virtnet_genl *g)
{
	snprintf(g->errmsg, sizeof(g->errmsg), "the kernel sent no reply");
	return -ENODATA;
}

int virtnet_info_get(struct virtnet_genl *g, struct virtnet_info *info)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_INFO_GET, 0);
	int ret;

	if (!msg)
		return no_memory(g);
	memset(info, 0, sizeof(*info));
	ret = virtnet_genl_run(g, msg, collect_info, NULL, info);
	if (!ret && !info->present)
		return no_reply(g);
	return ret;
}

static int put_sel(struct nl_msg *msg, const void *sel)
{
	return virtnet_dev_sel_put(msg, sel);
}

static int put_new(struct nl_msg *msg, const void *req)
{
	return virtnet_dev_new_req_put(msg, req);
}

static int put_set(struct nl_msg *msg, const void *req)
{
	return virtnet_dev_set_req_put(msg, req);
}

/* A do request for cmd, attributes from put(), replying with one device. */
static int dev_request(struct virtnet_genl *g, uint8_t cmd,
		       int (*put)(struct nl_msg *, const void *), const void *what,
		       struct virtnet_dev *dev, bool need_reply)
{
	struct nl_msg *msg = virtnet_genl_msg(g, cmd, 0);
	struct virtnet_dev scratch;
	struct one_dev one = { .dev = dev ? dev : &scratch };
	int ret;

	if (!msg)
		return no_memory(g);
	if (put(msg, what)) {
		nlmsg_free(msg);
		return no_memory(g);
	}
	memset(one.dev, 0, sizeof(*one.dev));
	ret = virtnet_genl_run(g, msg, collect_one, NULL, &one);
	if (!ret && need_reply && !one.got)
		return no_reply(g);
	return ret;
}

int virtnet_dev_get(struct virtnet_genl *g, const struct virtnet_dev_sel *sel,
		    struct virtnet_dev *dev)
{
	return dev_request(g, VIRTNET_CMD_DEV_GET, put_sel, sel, dev, true);
}

int virtnet_dev_dump(struct virtnet_genl *g, struct virtnet_dev_list *list)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_DEV_GET, NLM_F_DUMP);
	int ret;

	memset(list, 0, sizeof(*list));
	if (!msg)
		return no_memory(g);
	ret = virtnet_genl_run(g, msg, collect_list, restart_list, list);
	if (ret)
		virtnet_dev_list_free(list);
	return ret;
}

int virtnet_dev_new(struct virtnet_genl *g, const struct virtnet_dev_new_req *req,
		    struct virtnet_dev *dev)
{
	return dev_request(g, VIRTNET_CMD_DEV_NEW, put_new, req, dev, true);
}

int virtnet_dev_set(struct virtnet_genl *g, const struct virtnet_dev_set_req *req,
		    struct virtnet_dev *dev)
{
	return dev_request(g, VIRTNET_CMD_DEV_SET, put_set, req, dev, true);
}

int virtnet_dev_del(struct virtnet_genl *g, const struct virtnet_dev_sel *sel,
		    struct virtnet_dev *dev)
{
	return dev_request(g, VIRTNET_CMD_DEV_DEL, put_sel, sel, dev, false);
}

int virtnet_sf_pool_set(struct virtnet_genl *g, uint32_t size)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_SF_POOL_SET, 0);

	if (!msg)
		return no_memory(g);
	if (nla_put_u32(msg, VIRTNET_ATTR_SF_POOL_SIZE, size)) {
		nlmsg_free(msg);
		return no_memory(g);
	}
	return virtnet_genl_run(g, msg, NULL, NULL, NULL);
}

int virtnet_ports_set(struct virtnet_genl *g, const struct virtnet_port *ports,
		      unsigned int n, bool lag)
{
	struct nl_msg *msg = virtnet_genl_msg(g, VIRTNET_CMD_PORT_SET, 0);
	struct nlattr *nest, *port;

	if (!msg)
		return no_memory(g);
	/* The kernel's strict validation wants NLA_F_NESTED on nests. */
	nest = nla_nest_start(msg, VIRTNET_ATTR_PORTS | NLA_F_NESTED);
	if (!nest)
		goto err_msgsize;
	for (unsigned int i = 0; i < n; i++) {
		port = nla_nest_start(msg, VIRTNET_ATTR_PORT | NLA_F_NESTED);
		if (!port ||
		    nla_put_u32(msg, VIRTNET_ATTR_PORT_INDEX, ports[i].index) ||
		    nla_put_string(msg, VIRTNET_ATTR_PORT_IBDEV, ports[i].ibdev) ||
		    (ports[i].netdev[0] &&
		     nla_put_string(msg, VIRTNET_ATTR_PORT_NETDEV, ports[i].netdev)))
			goto err_msgsize;
		nla_nest_end(msg, port);
	}
	nla_nest_end(msg, nest);
	if (lag && nla_put_flag(msg, VIRTNET_ATTR_PORT_LAG))
		goto err_msgsize;
	return virtnet_genl_run(g, msg, NULL, NULL, NULL);

err_msgsize:
	nlmsg_free(msg);
	return no_memory(g);
}
