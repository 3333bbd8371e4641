/*
 * devreq.c - device selectors, DEV_NEW and DEV_SET parameters: rules,
 * checks, attributes.
 */
#include "devreq.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>

#define STR(x) #x
#define XSTR(x) STR(x)

const struct virtnet_num_rule virtnet_rule_mtu = {
	VIRTNET_MIN_MTU, VIRTNET_MAX_MTU, 0, NULL
};
const struct virtnet_num_rule virtnet_rule_num_queues = {
	VIRTNET_MIN_VIRTQ, VIRTNET_MAX_VIRTQ, VIRTNET_NUM_ODD,
	"must be an odd number " VIRTNET_RULE_RANGE " (virtqueues including the control queue: "
	"queue pairs = (n - 1) / 2)"
};
const struct virtnet_num_rule virtnet_rule_queue_size = {
	VIRTNET_MIN_QUEUE_SIZE, VIRTNET_MAX_QUEUE_SIZE, VIRTNET_NUM_POW2,
	"must be a power of two " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rule_features = {
	0, UINT64_MAX, 0,
	"must be a 64-bit feature mask, decimal or 0x hex (0: all the device supports)"
};
/* The kernel reports NUM_MSIX = NUM_QUEUES + 1, so the odd queue counts become even. */
const struct virtnet_num_rule virtnet_rule_num_msix = {
	VIRTNET_MIN_VIRTQ + 1, VIRTNET_MAX_VIRTQ + 1, VIRTNET_NUM_EVEN,
	"must be an even number " VIRTNET_RULE_RANGE " (MSI-X vectors: one per virtqueue plus "
	"the configuration vector, so the device gets n - 1 virtqueues: "
	"(n - 2) / 2 queue pairs and the control queue)"
};
const struct virtnet_num_rule virtnet_rule_coal_usecs = {
	0, VIRTNET_MAX_COAL_USECS, 0,
	"must be a time in microseconds " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rule_coal_max_packets = {
	0, VIRTNET_MAX_COAL_PACKETS, 0,
	"must be a number of completions " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rule_dev_id = {
	0, UINT32_MAX, 0, "must be a device id, a number " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rule_sf_num = {
	VIRTNET_MIN_SF_NUM, UINT32_MAX, 0,
	"must be an SF number of at least " XSTR(VIRTNET_MIN_SF_NUM)
};

const struct virtnet_num_rule virtnet_rule_pf_index = {
	0, VIRTNET_MAX_STATIC_PF - 1, 0, "must be a static PF index " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rule_vf_id = {
	0, VIRTNET_MAX_VF - 1, 0, "must be a VF index " VIRTNET_RULE_RANGE
};

int virtnet_check_ibdev(const char *field, const char *s, char *err, size_t errlen)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 0 || len >= VIRTNET_IBDEV_MAX)
		return virtnet_field_err(err, errlen, field, s,
			"must be an RDMA device name of 1 to %d characters, e.g. mlx5_0",
			VIRTNET_IBDEV_MAX - 1);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '/' || !isgraph((unsigned char)s[i]))
			return virtnet_field_err(err, errlen, field, s,
				"must be an RDMA device name without '/' or white space, e.g. mlx5_0");
	return 0;
}

int virtnet_check_vuid(const char *field, const char *s, char *err, size_t errlen)
{
	size_t len = s ? strlen(s) : 0;
	size_t i;

	for (i = 0; i < len && isalnum((unsigned char)s[i]); i++)
		;
	if (len == 0 || len >= VIRTNET_VUID_MAX || i != len)
		return virtnet_field_err(err, errlen, field, s,
			"must be a VUID of 1 to %d letters and digits, e.g. VNETS1D0F0",
			VIRTNET_VUID_MAX - 1);
	return 0;
}

int virtnet_check_vdpa_name(const char *field, const char *s, char *err, size_t errlen)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 0 || len >= VIRTNET_VDPA_NAME_MAX || strchr(s, '/'))
		return virtnet_field_err(err, errlen, field, s ? s : "",
			"must be a vdpa device name of 1 to %d characters without '/', e.g. vdpa0",
			VIRTNET_VDPA_NAME_MAX - 1);
	/* The recovery file (JSON) keeps the name to give it back. */
	if (!virtnet_utf8_valid(s))
		return virtnet_field_err(err, errlen, field, s,
			"must be valid UTF-8, e.g. vdpa0");
	return 0;
}

int virtnet_parse_dev_mode(const char *field, const char *s, uint8_t *mode,
			   char *err, size_t errlen)
{
	if (!strcmp(s, "virtio"))
		*mode = VIRTNET_DEV_MODE_VIRTIO;
	else if (!strcmp(s, "vdpa"))
		*mode = VIRTNET_DEV_MODE_VDPA;
	else
		return virtnet_field_err(err, errlen, field, s, "must be virtio or vdpa");
	return 0;
}

/* A mode and, with vdpa, a vdpa device name (DEV_NEW and DEV_SET alike). */
static int check_mode(bool has_mode, uint8_t mode, const char *vdpa_name,
		      char *err, size_t errlen)
{
	char v[8];

	if (has_mode && mode != VIRTNET_DEV_MODE_VIRTIO && mode != VIRTNET_DEV_MODE_VDPA) {
		snprintf(v, sizeof(v), "%u", mode);
		return virtnet_field_err(err, errlen, "dev_mode", v,
					 "must be virtio (%d) or vdpa (%d)",
					 VIRTNET_DEV_MODE_VIRTIO, VIRTNET_DEV_MODE_VDPA);
	}
	if (!vdpa_name[0])
		return 0;
	if (!has_mode || mode != VIRTNET_DEV_MODE_VDPA)
		return virtnet_field_err(err, errlen, "vdpa_name", vdpa_name,
					 "only with dev_mode vdpa");
	return virtnet_check_vdpa_name("vdpa_name", vdpa_name, err, errlen);
}

/* What only a VF request must follow (the kernel refuses the rest too). */
static int check_vf_req(const struct virtnet_dev_new_req *req, char *err, size_t errlen)
{
	char v[8];

	if (req->static_pf) {
		snprintf(err, errlen,
			 "a DEV_NEW request is for a static PF or for a VF, not both");
		return -EINVAL;
	}
	if (req->legacy)
		return virtnet_field_err(err, errlen, "legacy", "true",
					 "a VF cannot be transitional");
	if (req->has_bdf) {
		snprintf(v, sizeof(v), "%u", req->bdf);
		return virtnet_field_err(err, errlen, "dev_bdf", v,
			"a VF has no BDF of its own: it follows from its parent and vf_id");
	}
	return virtnet_num_check(&virtnet_rule_vf_id, "vf_id", req->vf_id, err, errlen);
}

static bool coal_changes(const struct virtnet_coal_set *c)
{
	return c->has_usecs || c->has_max_packets;
}

/* prefix is "rx" or "tx": the fields are rx_coal_usecs etc. */
static int check_coal(const struct virtnet_coal_set *c, const char *prefix,
		      char *err, size_t errlen)
{
	char field[32];
	int ret = 0;

	if (c->has_usecs) {
		snprintf(field, sizeof(field), "%s_coal_usecs", prefix);
		ret = virtnet_num_check(&virtnet_rule_coal_usecs, field, c->usecs,
					err, errlen);
	}
	if (!ret && c->has_max_packets) {
		snprintf(field, sizeof(field), "%s_coal_max_packets", prefix);
		ret = virtnet_num_check(&virtnet_rule_coal_max_packets, field,
					c->max_packets, err, errlen);
	}
	return ret;
}

int virtnet_dev_new_req_check(const struct virtnet_dev_new_req *req,
			      char *err, size_t errlen)
{
	char mac[VIRTNET_MAC_STRLEN];
	int ret;

	ret = virtnet_check_ibdev("ib_device", req->ibdev, err, errlen);
	if (!ret && !virtnet_mac_is_unicast(req->mac))
		ret = virtnet_field_err(err, errlen, "mac",
					virtnet_mac_format(req->mac, mac),
					"must be a unicast address, not multicast or all zeros");
	if (!ret)
		ret = virtnet_num_check(&virtnet_rule_mtu, "mtu", req->mtu, err, errlen);
	if (!ret)
		ret = virtnet_num_check(&virtnet_rule_num_queues, "num_queues",
					req->num_queues, err, errlen);
	if (!ret)
		ret = virtnet_num_check(&virtnet_rule_queue_size, "queue_size",
					req->queue_size, err, errlen);
	if (!ret && req->has_sf_num)
		ret = virtnet_num_check(&virtnet_rule_sf_num, "sf_num", req->sf_num,
					err, errlen);
	if (!ret && (req->static_pf || req->vf))
		ret = virtnet_num_check(&virtnet_rule_pf_index, "pf_index",
					req->pf_index, err, errlen);
	if (!ret && req->vf)
		ret = check_vf_req(req, err, errlen);
	if (!ret)
		ret = check_coal(&req->rx_coal, "rx", err, errlen);
	if (!ret)
		ret = check_coal(&req->tx_coal, "tx", err, errlen);
	if (!ret)
		ret = check_mode(req->has_mode, req->mode, req->vdpa_name, err, errlen);
	return ret;
}

bool virtnet_dev_set_req_needs_unbound(const struct virtnet_dev_set_req *req)
{
	return req->has_mac || req->has_mtu || req->has_features ||
	       req->has_num_queues || req->has_queue_size;
}

int virtnet_dev_set_req_check(const struct virtnet_dev_set_req *req,
			      char *err, size_t errlen)
{
	char mac[VIRTNET_MAC_STRLEN];
	int ret = 0;

	if (req->sel.by_vuid && virtnet_check_vuid("vuid", req->sel.vuid, err, errlen))
		return -EINVAL;
	if (!virtnet_dev_set_req_needs_unbound(req) && !req->has_link_up &&
	    !coal_changes(&req->rx_coal) && !coal_changes(&req->tx_coal) &&
	    !req->has_mode && !req->has_sf_from) {
		snprintf(err, errlen, "nothing to change: a DEV_SET request needs at "
			 "least one of mac, mtu, features, num_queues, queue_size, "
			 "link_up, rx_coal_usecs, rx_coal_max_packets, tx_coal_usecs, "
			 "tx_coal_max_packets, or dev_mode or sf_from alone");
		return -EINVAL;
	}
	if (req->has_sf_from) {
		if (virtnet_dev_set_req_needs_unbound(req) || req->has_link_up ||
		    coal_changes(&req->rx_coal) || coal_changes(&req->tx_coal) ||
		    req->has_mode || req->vdpa_name[0]) {
			snprintf(err, errlen, "sf_from: the SF takeover is the only change "
				 "of its DEV_SET request");
			return -EINVAL;
		}
		if (!req->sel.by_vuid && req->sel.id == req->sf_from) {
			char v[16];

			snprintf(v, sizeof(v), "%" PRIu32, req->sf_from);
			return virtnet_field_err(err, errlen, "sf_from", v, "must be another "
						 "device than the one modified");
		}
		return 0;
	}
	if (req->has_mode && (virtnet_dev_set_req_needs_unbound(req) || req->has_link_up ||
			      coal_changes(&req->rx_coal) || coal_changes(&req->tx_coal))) {
		snprintf(err, errlen, "dev_mode: the hand-over to another bus is the only "
			 "change of its DEV_SET request (vdpa_name may go with dev_mode vdpa)");
		return -EINVAL;
	}
	ret = check_mode(req->has_mode, req->mode, req->vdpa_name, err, errlen);
	if (ret)
		return ret;
	if (req->has_mac && !virtnet_mac_is_unicast(req->mac))
		return virtnet_field_err(err, errlen, "mac",
					 virtnet_mac_format(req->mac, mac),
					 "must be a unicast address, not multicast or all zeros");
	if (req->has_mtu)
		ret = virtnet_num_check(&virtnet_rule_mtu, "mtu", req->mtu, err, errlen);
	/* Any 64-bit mask passes virtnet_rule_features: the kernel checks the bits. */
	if (!ret && req->has_num_queues)
		ret = virtnet_num_check(&virtnet_rule_num_queues, "num_queues",
					req->num_queues, err, errlen);
	if (!ret && req->has_queue_size)
		ret = virtnet_num_check(&virtnet_rule_queue_size, "queue_size",
					req->queue_size, err, errlen);
	if (!ret)
		ret = check_coal(&req->rx_coal, "rx", err, errlen);
	if (!ret)
		ret = check_coal(&req->tx_coal, "tx", err, errlen);
	return ret;
}

static int put_coal(struct nl_msg *msg, const struct virtnet_coal_set *c,
		    int usecs_attr, int max_packets_attr)
{
	if (c->has_usecs && nla_put_u32(msg, usecs_attr, c->usecs))
		return -EMSGSIZE;
	if (c->has_max_packets && nla_put_u32(msg, max_packets_attr, c->max_packets))
		return -EMSGSIZE;
	return 0;
}

/* DEV_MODE if given, VDPA_NAME if not empty. */
static int put_mode(struct nl_msg *msg, bool has_mode, uint8_t mode, const char *vdpa_name)
{
	if (has_mode && nla_put_u8(msg, VIRTNET_ATTR_DEV_MODE, mode))
		return -EMSGSIZE;
	if (vdpa_name[0] && nla_put_string(msg, VIRTNET_ATTR_VDPA_NAME, vdpa_name))
		return -EMSGSIZE;
	return 0;
}

int virtnet_dev_new_req_put(struct nl_msg *msg, const struct virtnet_dev_new_req *req)
{
	if (nla_put_string(msg, VIRTNET_ATTR_PORT_IBDEV, req->ibdev) ||
	    nla_put(msg, VIRTNET_ATTR_MAC, VIRTNET_MAC_LEN, req->mac) ||
	    nla_put_u16(msg, VIRTNET_ATTR_MTU, req->mtu) ||
	    nla_put_u16(msg, VIRTNET_ATTR_NUM_QUEUES, req->num_queues) ||
	    nla_put_u16(msg, VIRTNET_ATTR_QUEUE_SIZE, req->queue_size))
		return -EMSGSIZE;
	if (req->features && nla_put_u64(msg, VIRTNET_ATTR_FEATURES, req->features))
		return -EMSGSIZE;
	if (req->legacy && nla_put_flag(msg, VIRTNET_ATTR_LEGACY))
		return -EMSGSIZE;
	if (req->has_id && nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, req->id))
		return -EMSGSIZE;
	if (req->has_sf_num && nla_put_u32(msg, VIRTNET_ATTR_SF_NUM, req->sf_num))
		return -EMSGSIZE;
	if (req->has_bdf && nla_put_u16(msg, VIRTNET_ATTR_DEV_BDF, req->bdf))
		return -EMSGSIZE;
	if (req->static_pf &&
	    (nla_put_u8(msg, VIRTNET_ATTR_DEV_TYPE, VIRTNET_DEV_TYPE_STATIC_PF) ||
	     nla_put_u32(msg, VIRTNET_ATTR_PF_INDEX, req->pf_index)))
		return -EMSGSIZE;
	if (req->vf &&
	    (nla_put_u8(msg, VIRTNET_ATTR_DEV_TYPE, VIRTNET_DEV_TYPE_VF) ||
	     nla_put_u32(msg, VIRTNET_ATTR_PF_INDEX, req->pf_index) ||
	     nla_put_u32(msg, VIRTNET_ATTR_VF_ID, req->vf_id)))
		return -EMSGSIZE;
	if (req->link_down && nla_put_u8(msg, VIRTNET_ATTR_LINK_UP, 0))
		return -EMSGSIZE;
	if (put_mode(msg, req->has_mode, req->mode, req->vdpa_name))
		return -EMSGSIZE;
	return put_coal(msg, &req->rx_coal, VIRTNET_ATTR_RX_COAL_USECS,
			VIRTNET_ATTR_RX_COAL_MAX_PACKETS) ||
	       put_coal(msg, &req->tx_coal, VIRTNET_ATTR_TX_COAL_USECS,
			VIRTNET_ATTR_TX_COAL_MAX_PACKETS) ? -EMSGSIZE : 0;
}

int virtnet_dev_set_req_put(struct nl_msg *msg, const struct virtnet_dev_set_req *req)
{
	if (virtnet_dev_sel_put(msg, &req->sel))
		return -EMSGSIZE;
	if (req->has_mac && nla_put(msg, VIRTNET_ATTR_MAC, VIRTNET_MAC_LEN, req->mac))
		return -EMSGSIZE;
	if (req->has_mtu && nla_put_u16(msg, VIRTNET_ATTR_MTU, req->mtu))
		return -EMSGSIZE;
	if (req->has_features && nla_put_u64(msg, VIRTNET_ATTR_FEATURES, req->features))
		return -EMSGSIZE;
	if (req->has_num_queues && nla_put_u16(msg, VIRTNET_ATTR_NUM_QUEUES, req->num_queues))
		return -EMSGSIZE;
	if (req->has_queue_size && nla_put_u16(msg, VIRTNET_ATTR_QUEUE_SIZE, req->queue_size))
		return -EMSGSIZE;
	if (req->has_link_up && nla_put_u8(msg, VIRTNET_ATTR_LINK_UP, req->link_up ? 1 : 0))
		return -EMSGSIZE;
	if (put_mode(msg, req->has_mode, req->mode, req->vdpa_name))
		return -EMSGSIZE;
	if (req->has_sf_from && nla_put_u32(msg, VIRTNET_ATTR_SF_FROM, req->sf_from))
		return -EMSGSIZE;
	return put_coal(msg, &req->rx_coal, VIRTNET_ATTR_RX_COAL_USECS,
			VIRTNET_ATTR_RX_COAL_MAX_PACKETS) ||
	       put_coal(msg, &req->tx_coal, VIRTNET_ATTR_TX_COAL_USECS,
			VIRTNET_ATTR_TX_COAL_MAX_PACKETS) ? -EMSGSIZE : 0;
}

int virtnet_dev_sel_put(struct nl_msg *msg, const struct virtnet_dev_sel *sel)
{
	if (sel->by_vuid)
		return nla_put_string(msg, VIRTNET_ATTR_DEV_VUID, sel->vuid) ? -EMSGSIZE : 0;
	return nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, sel->id) ? -EMSGSIZE : 0;
}
