/*
 * recovery.c - the recovery record: built from a device, checked field by
 * field and across fields, turned into the request that rebuilds the
 * device, compared and ordered. Its JSON form is recovery_json.c, the
 * files recovery_store.c.
 */
#include "recovery.h"
#include "recovery_fields.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

const struct virtnet_num_rule virtnet_rec_rule_dev_id = {
	0, VIRTNET_RECOVERY_MAX_DEV_ID, 0,
	"must be a device id " VIRTNET_RULE_RANGE
};
const struct virtnet_num_rule virtnet_rec_rule_pf_num = {
	0, VIRTNET_RECOVERY_MAX_PF_NUM, 0, NULL
};
const struct virtnet_num_rule virtnet_rec_rule_sf_num = {
	VIRTNET_MIN_SF_NUM, VIRTNET_MAX_SF_NUM, 0, NULL
};
const char *const virtnet_rec_fn_type_names[2] = {
	[VIRTNET_RECOVERY_PF] = "pf",
	[VIRTNET_RECOVERY_VF] = "vf",
};
const char *const virtnet_rec_dev_type_names[2] = {
	[VIRTNET_RECOVERY_HOTPLUG] = "hotplug",
	[VIRTNET_RECOVERY_STATIC] = "static",
};
const char *const virtnet_rec_mode_names[2] = {
	[VIRTNET_DEV_MODE_VIRTIO] = "virtio",
	[VIRTNET_DEV_MODE_VDPA] = "vdpa",
};

/* ---- the record ---- */

void virtnet_recovery_from_dev(const struct virtnet_dev *dev,
			       uint64_t requested_features,
			       struct virtnet_recovery_rec *rec)
{
	memset(rec, 0, sizeof(*rec));
	snprintf(rec->port_ib_dev, sizeof(rec->port_ib_dev), "%s", dev->ibdev);
	rec->pf_id = dev->id;
	rec->function_type = dev->type == VIRTNET_DEV_TYPE_VF ? VIRTNET_RECOVERY_VF
							      : VIRTNET_RECOVERY_PF;
	rec->device_type = dev->type == VIRTNET_DEV_TYPE_HOTPLUG_PF
			   ? VIRTNET_RECOVERY_HOTPLUG : VIRTNET_RECOVERY_STATIC;
	rec->bdf = dev->bdf;
	memcpy(rec->mac, dev->mac, VIRTNET_MAC_LEN);
	rec->pf_num = dev->port_index;
	rec->sf_num = dev->sf_num;
	rec->mq = dev->num_queues >= 1 ? (uint16_t)((dev->num_queues - 1) / 2) : 0;
	snprintf(rec->vuid, sizeof(rec->vuid), "%s", dev->vuid);
	rec->mtu = dev->mtu;
	rec->num_queues = dev->num_queues;
	rec->queue_size = dev->queue_size;
	rec->features = requested_features;
	rec->legacy = dev->legacy;
	rec->link_down = !dev->link_up;
	rec->rx_coal_usecs = dev->rx_coal_usecs;
	rec->rx_coal_max_packets = dev->rx_coal_max_packets;
	rec->tx_coal_usecs = dev->tx_coal_usecs;
	rec->tx_coal_max_packets = dev->tx_coal_max_packets;
	if (dev->type == VIRTNET_DEV_TYPE_VF) {
		rec->vf_id = dev->vf_id;
		rec->parent_pf_id = dev->parent_id;
		rec->pf_index = dev->pf_index;
	}
	rec->mode = virtnet_dev_mode(dev);
	if (rec->mode == VIRTNET_DEV_MODE_VDPA && virtnet_dev_has(dev, VIRTNET_ATTR_VDPA_NAME))
		snprintf(rec->vdpa_name, sizeof(rec->vdpa_name), "%s", dev->vdpa_name);
}

/* A range error with -EINVAL (virtnet_num_check says -ERANGE). */
static int num_check(const struct virtnet_num_rule *rule, const char *field,
		     uint64_t v, char *err, size_t errlen)
{
	return virtnet_num_check(rule, field, v, err, errlen) ? -EINVAL : 0;
}

int virtnet_rec_check_mq(uint64_t mq, uint64_t num_queues, char *err, size_t errlen)
{
	char value[24];

	if (mq == (num_queues - 1) / 2)
		return 0;
	snprintf(value, sizeof(value), "%" PRIu64, mq);
	return virtnet_field_err(err, errlen, "mq", value,
				 "must be (num_queues - 1) / 2 = %" PRIu64
				 " for num_queues %" PRIu64,
				 (num_queues - 1) / 2, num_queues);
}

/* A VF: its place (static PF index, VF index, parent id) and what VFs cannot be. */
static int check_vf(const struct virtnet_recovery_rec *rec, char *err, size_t errlen)
{
	int ret;

	if ((ret = num_check(&virtnet_rule_vf_id, "vf_id", rec->vf_id, err, errlen)) ||
	    (ret = num_check(&virtnet_rec_rule_dev_id, "parent_pf_id", rec->parent_pf_id,
			     err, errlen)) ||
	    (ret = num_check(&virtnet_rule_pf_index, "pf_index", rec->pf_index,
			     err, errlen)))
		return ret;
	/* Only static PFs have SR-IOV; VFs cannot be transitional. */
	if (rec->device_type != VIRTNET_RECOVERY_STATIC)
		return virtnet_field_err(err, errlen, "device_type",
					 virtnet_rec_dev_type_names[rec->device_type],
					 "a vf belongs to a static pf, so it must be static");
	if (rec->legacy)
		return virtnet_field_err(err, errlen, "legacy", "true",
					 "a vf cannot be transitional");
	return 0;
}

/* The bus, and a vdpa device's name only in vDPA mode. */
static int check_mode(const struct virtnet_recovery_rec *rec, char *err, size_t errlen)
{
	char value[8];

	if (rec->mode >= ARRAY_SIZE(virtnet_rec_mode_names)) {
		snprintf(value, sizeof(value), "%u", rec->mode);
		return virtnet_field_err(err, errlen, "mode", value, "must be virtio or vdpa");
	}
	if (!rec->vdpa_name[0])
		return 0;
	if (rec->mode != VIRTNET_DEV_MODE_VDPA)
		return virtnet_field_err(err, errlen, "vdpa_name", rec->vdpa_name,
					 "allowed only when mode is vdpa");
	return virtnet_check_vdpa_name("vdpa_name", rec->vdpa_name, err, errlen) ? -EINVAL : 0;
}

int virtnet_recovery_check(const struct virtnet_recovery_rec *rec,
			   char *err, size_t errlen)
{
	char buf[VIRTNET_MAC_STRLEN], value[24];
	int ret;

	if ((ret = virtnet_check_ibdev("port_ib_dev", rec->port_ib_dev, err, errlen)) ||
	    (ret = num_check(&virtnet_rec_rule_dev_id, "pf_id", rec->pf_id, err, errlen)))
		return ret;
	if (rec->function_type >= ARRAY_SIZE(virtnet_rec_fn_type_names)) {
		snprintf(value, sizeof(value), "%u", rec->function_type);
		return virtnet_field_err(err, errlen, "function_type", value,
					 "must be pf or vf");
	}
	if (rec->device_type >= ARRAY_SIZE(virtnet_rec_dev_type_names)) {
		snprintf(value, sizeof(value), "%u", rec->device_type);
		return virtnet_field_err(err, errlen, "device_type", value,
					 "must be hotplug or static");
	}
	if (!virtnet_mac_is_unicast(rec->mac))
		return virtnet_field_err(err, errlen, "mac",
					 virtnet_mac_format(rec->mac, buf),
					 "must be a unicast address, not multicast or all zeros");
	if ((ret = num_check(&virtnet_rec_rule_pf_num, "pf_num", rec->pf_num, err, errlen)) ||
	    (ret = num_check(&virtnet_rec_rule_sf_num, "sf_num", rec->sf_num, err, errlen)) ||
	    (ret = virtnet_check_vuid("vuid", rec->vuid, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_mtu, "mtu", rec->mtu, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_num_queues, "num_queues", rec->num_queues,
			     err, errlen)) ||
	    (ret = virtnet_rec_check_mq(rec->mq, rec->num_queues, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_queue_size, "queue_size", rec->queue_size,
			     err, errlen)) ||
	    (ret = num_check(&virtnet_rule_coal_usecs, "rx_coal_usecs",
			     rec->rx_coal_usecs, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_coal_max_packets, "rx_coal_max_packets",
			     rec->rx_coal_max_packets, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_coal_usecs, "tx_coal_usecs",
			     rec->tx_coal_usecs, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_coal_max_packets, "tx_coal_max_packets",
			     rec->tx_coal_max_packets, err, errlen)))
		return ret;
	if ((ret = check_mode(rec, err, errlen)))
		return ret;
	if (rec->function_type == VIRTNET_RECOVERY_VF)
		return check_vf(rec, err, errlen);
	return 0;
}

/* Ask for a coalescing setting only if it is not the default 0/0. */
static void coal_req(struct virtnet_coal_set *c, uint32_t usecs, uint32_t max_packets)
{
	c->has_usecs = usecs != 0;
	c->usecs = usecs;
	c->has_max_packets = max_packets != 0;
	c->max_packets = max_packets;
}

int virtnet_recovery_to_new_req(const struct virtnet_recovery_rec *rec,
				struct virtnet_dev_new_req *req,
				char *err, size_t errlen)
{
	int ret = virtnet_recovery_check(rec, err, errlen);

	if (ret)
		return ret;
	memset(req, 0, sizeof(*req));
	if (rec->function_type == VIRTNET_RECOVERY_VF) {
		/* Its parent and index place it; the kernel derives BDF and VUID. */
		req->vf = true;
		req->pf_index = rec->pf_index;
		req->vf_id = rec->vf_id;
	} else if (rec->device_type == VIRTNET_RECOVERY_STATIC) {
		/* Static PF i is 85:00.(3 + i) (docs/topology.md). */
		unsigned int fn = rec->bdf & 7;

		if ((rec->bdf & ~7u) != 0x8500 || fn < 3 ||
		    fn >= 3 + VIRTNET_MAX_STATIC_PF) {
			char v[8];

			snprintf(v, sizeof(v), "%u", rec->bdf);
			return virtnet_field_err(err, errlen, "bdf_raw", v,
						 "a static pf is at 85:00.3 to 85:00.6");
		}
		req->static_pf = true;
		req->pf_index = fn - 3;
	} else {
		req->has_bdf = true;
		req->bdf = rec->bdf;
	}
	memcpy(req->ibdev, rec->port_ib_dev, sizeof(req->ibdev));
	memcpy(req->mac, rec->mac, VIRTNET_MAC_LEN);
	req->mtu = rec->mtu;
	req->num_queues = rec->num_queues;
	req->queue_size = rec->queue_size;
	req->features = rec->features;
	req->legacy = rec->legacy;
	req->has_id = true;
	req->id = rec->pf_id;
	req->has_sf_num = true;
	req->sf_num = rec->sf_num;
	req->link_down = rec->link_down;
	coal_req(&req->rx_coal, rec->rx_coal_usecs, rec->rx_coal_max_packets);
	coal_req(&req->tx_coal, rec->tx_coal_usecs, rec->tx_coal_max_packets);
	/* Back on the bus it was on; in vDPA mode under the same vdpa name. */
	req->has_mode = true;
	req->mode = rec->mode;
	memcpy(req->vdpa_name, rec->vdpa_name, sizeof(req->vdpa_name));
	return virtnet_dev_new_req_check(req, err, errlen);
}

int virtnet_recovery_rebuild_cmp(const void *a, const void *b)
{
	const struct virtnet_recovery_rec *x = a, *y = b;

	if (x->function_type != y->function_type)
		return x->function_type == VIRTNET_RECOVERY_PF ? -1 : 1;
	if (x->function_type == VIRTNET_RECOVERY_VF) {
		if (x->pf_index != y->pf_index)
			return x->pf_index < y->pf_index ? -1 : 1;
		if (x->vf_id != y->vf_id)
			return x->vf_id < y->vf_id ? -1 : 1;
	}
	return strcmp(x->vuid, y->vuid);
}

bool virtnet_recovery_equal(const struct virtnet_recovery_rec *a,
			    const struct virtnet_recovery_rec *b)
{
	if (strcmp(a->port_ib_dev, b->port_ib_dev) || a->pf_id != b->pf_id ||
	    a->function_type != b->function_type || a->bdf != b->bdf ||
	    a->device_type != b->device_type ||
	    memcmp(a->mac, b->mac, VIRTNET_MAC_LEN) || a->pf_num != b->pf_num ||
	    a->sf_num != b->sf_num || a->mq != b->mq || strcmp(a->vuid, b->vuid) ||
	    a->mtu != b->mtu || a->num_queues != b->num_queues ||
	    a->queue_size != b->queue_size || a->features != b->features ||
	    a->legacy != b->legacy || a->link_down != b->link_down ||
	    a->rx_coal_usecs != b->rx_coal_usecs ||
	    a->rx_coal_max_packets != b->rx_coal_max_packets ||
	    a->tx_coal_usecs != b->tx_coal_usecs ||
	    a->tx_coal_max_packets != b->tx_coal_max_packets ||
	    a->mode != b->mode || strcmp(a->vdpa_name, b->vdpa_name))
		return false;
	if (a->function_type == VIRTNET_RECOVERY_VF &&
	    (a->vf_id != b->vf_id || a->parent_pf_id != b->parent_pf_id ||
	     a->pf_index != b->pf_index))
		return false;
	return true;
}

