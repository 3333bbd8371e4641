/* recovery.c - the per-device recovery files: record, JSON, atomic store, scan. */
#include "recovery.h"
#include "bdf.h"
#include "parse.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR(x) #x
#define XSTR(x) STR(x)

/* The keys, in the order they are written. */
static const char *const rec_keys[] = {
	"version", "port_ib_dev", "pf_id", "function_type", "bdf_raw",
	"device_type", "mac", "pf_num", "sf_num", "mq", "vuid", "bdf", "mtu",
	"num_queues", "queue_size", "features", "legacy", "vf_id", "parent_pf_id",
	"pf_index", "link_up", "rx_coal_usecs", "rx_coal_max_packets",
	"tx_coal_usecs", "tx_coal_max_packets", "mode", "vdpa_name",
};
#define REC_KEYS_TEXT "version, port_ib_dev, pf_id, function_type, bdf_raw, " \
	"device_type, mac, pf_num, sf_num, mq, vuid, bdf, mtu, num_queues, " \
	"queue_size, features, legacy, vf_id, parent_pf_id, pf_index, " \
	"link_up, rx_coal_usecs, rx_coal_max_packets, tx_coal_usecs, " \
	"tx_coal_max_packets, mode, vdpa_name"

static const struct virtnet_num_rule rule_version = {
	VIRTNET_RECOVERY_VERSION, VIRTNET_RECOVERY_VERSION, 0,
	"must be " XSTR(VIRTNET_RECOVERY_VERSION)
	", the only format version this controller reads"
};
static const struct virtnet_num_rule rule_dev_id = {
	0, VIRTNET_RECOVERY_MAX_DEV_ID, 0,
	"must be a device id between 0 and " XSTR(VIRTNET_RECOVERY_MAX_DEV_ID)
};
static const struct virtnet_num_rule rule_bdf_raw = {
	0, UINT16_MAX, 0,
	"must be bus << 8 | device << 3 | function, between 0 and 65535"
};
static const struct virtnet_num_rule rule_pf_num = {
	0, VIRTNET_RECOVERY_MAX_PF_NUM, 0, NULL
};
static const struct virtnet_num_rule rule_sf_num = {
	VIRTNET_MIN_SF_NUM, VIRTNET_MAX_SF_NUM, 0, NULL
};
_Static_assert((VIRTNET_MAX_VIRTQ - 1) / 2 == 15, "rule_mq's text");
static const struct virtnet_num_rule rule_mq = {
	1, (VIRTNET_MAX_VIRTQ - 1) / 2, 0,
	"must be the number of queue pairs, (num_queues - 1) / 2, between 1 and 15"
};

static const char *const fn_type_names[] = {
	[VIRTNET_RECOVERY_PF] = "pf",
	[VIRTNET_RECOVERY_VF] = "vf",
};
static const char *const dev_type_names[] = {
	[VIRTNET_RECOVERY_HOTPLUG] = "hotplug",
	[VIRTNET_RECOVERY_STATIC] = "static",
};
static const char *const mode_names[] = {
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

static int check_mq(uint64_t mq, uint64_t num_queues, char *err, size_t errlen)
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
	    (ret = num_check(&rule_dev_id, "parent_pf_id", rec->parent_pf_id,
			     err, errlen)) ||
	    (ret = num_check(&virtnet_rule_pf_index, "pf_index", rec->pf_index,
			     err, errlen)))
		return ret;
	/* Only static PFs have SR-IOV; VFs cannot be transitional. */
	if (rec->device_type != VIRTNET_RECOVERY_STATIC)
		return virtnet_field_err(err, errlen, "device_type",
					 dev_type_names[rec->device_type],
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

	if (rec->mode >= ARRAY_SIZE(mode_names)) {
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
	    (ret = num_check(&rule_dev_id, "pf_id", rec->pf_id, err, errlen)))
		return ret;
	if (rec->function_type >= ARRAY_SIZE(fn_type_names)) {
		snprintf(value, sizeof(value), "%u", rec->function_type);
		return virtnet_field_err(err, errlen, "function_type", value,
					 "must be pf or vf");
	}
	if (rec->device_type >= ARRAY_SIZE(dev_type_names)) {
		snprintf(value, sizeof(value), "%u", rec->device_type);
		return virtnet_field_err(err, errlen, "device_type", value,
					 "must be hotplug or static");
	}
	if (!virtnet_mac_is_unicast(rec->mac))
		return virtnet_field_err(err, errlen, "mac",
					 virtnet_mac_format(rec->mac, buf),
					 "must be a unicast address, not multicast or all zeros");
	if ((ret = num_check(&rule_pf_num, "pf_num", rec->pf_num, err, errlen)) ||
	    (ret = num_check(&rule_sf_num, "sf_num", rec->sf_num, err, errlen)) ||
	    (ret = virtnet_check_vuid("vuid", rec->vuid, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_mtu, "mtu", rec->mtu, err, errlen)) ||
	    (ret = num_check(&virtnet_rule_num_queues, "num_queues", rec->num_queues,
			     err, errlen)) ||
	    (ret = check_mq(rec->mq, rec->num_queues, err, errlen)) ||
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

/* ---- JSON ---- */

/* The optional keys, only where they differ from their default. */
static int set_optional_run_state(json_t *obj, const struct virtnet_recovery_rec *rec)
{
	const struct { const char *key; uint32_t v; } coal[] = {
		{ "rx_coal_usecs", rec->rx_coal_usecs },
		{ "rx_coal_max_packets", rec->rx_coal_max_packets },
		{ "tx_coal_usecs", rec->tx_coal_usecs },
		{ "tx_coal_max_packets", rec->tx_coal_max_packets },
	};

	if (rec->link_down && json_object_set_new(obj, "link_up", json_false()))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(coal); i++)
		if (coal[i].v && json_object_set_new(obj, coal[i].key,
						     json_integer(coal[i].v)))
			return -1;
	/* virtio is the default: a virtio function's file has no mode. */
	if (rec->mode != VIRTNET_DEV_MODE_VIRTIO &&
	    json_object_set_new(obj, "mode", json_string(rec->mode < ARRAY_SIZE(mode_names)
							   ? mode_names[rec->mode] : "?")))
		return -1;
	if (rec->vdpa_name[0] &&
	    json_object_set_new(obj, "vdpa_name", json_string(rec->vdpa_name)))
		return -1;
	return 0;
}

json_t *virtnet_recovery_to_json(const struct virtnet_recovery_rec *rec)
{
	char mac[VIRTNET_MAC_STRLEN], bdf[VIRTNET_BDF_STRLEN], features[24];
	const char *fn = rec->function_type < ARRAY_SIZE(fn_type_names)
			 ? fn_type_names[rec->function_type] : "?";
	const char *dt = rec->device_type < ARRAY_SIZE(dev_type_names)
			 ? dev_type_names[rec->device_type] : "?";
	json_t *obj;

	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", rec->mac[0],
		 rec->mac[1], rec->mac[2], rec->mac[3], rec->mac[4], rec->mac[5]);
	snprintf(features, sizeof(features), "0x%" PRIx64, rec->features);
	obj = json_pack("{s:i, s:s, s:I, s:s, s:I, s:s, s:s, s:I, s:I, s:I,"
			" s:s, s:s, s:I, s:I, s:I, s:s, s:b}",
			"version", VIRTNET_RECOVERY_VERSION,
			"port_ib_dev", rec->port_ib_dev,
			"pf_id", (json_int_t)rec->pf_id,
			"function_type", fn,
			"bdf_raw", (json_int_t)rec->bdf,
			"device_type", dt,
			"mac", mac,
			"pf_num", (json_int_t)rec->pf_num,
			"sf_num", (json_int_t)rec->sf_num,
			"mq", (json_int_t)rec->mq,
			"vuid", rec->vuid,
			"bdf", virtnet_bdf_format(rec->bdf, bdf),
			"mtu", (json_int_t)rec->mtu,
			"num_queues", (json_int_t)rec->num_queues,
			"queue_size", (json_int_t)rec->queue_size,
			"features", features,
			"legacy", rec->legacy ? 1 : 0);
	if (obj && rec->function_type == VIRTNET_RECOVERY_VF &&
	    (json_object_set_new(obj, "vf_id", json_integer(rec->vf_id)) ||
	     json_object_set_new(obj, "parent_pf_id", json_integer(rec->parent_pf_id)) ||
	     json_object_set_new(obj, "pf_index", json_integer(rec->pf_index)))) {
		json_decref(obj);
		return NULL;
	}
	if (obj && (set_optional_run_state(obj, rec))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* The JSON text of v for messages, cut to fit buf. */
static const char *json_text(const json_t *v, char *buf, size_t len)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

	snprintf(buf, len, "%s", s ? s : "?");
	if (s && strlen(s) >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
	free(s);
	return buf;
}

static int missing(const char *key, char *err, size_t errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "missing field '%s'", key);
	return -EINVAL;
}

static int wrong_type(const char *key, const json_t *v, const char *what,
		      char *err, size_t errlen)
{
	char text[64];

	return virtnet_field_err(err, errlen, key, json_text(v, text, sizeof(text)),
				 "must be a JSON %s", what);
}

/* A JSON integer that the rule allows. */
static int get_num(const json_t *obj, const char *key,
		   const struct virtnet_num_rule *rule, uint64_t *out,
		   char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);
	json_int_t n;
	char value[24];

	if (!v)
		return missing(key, err, errlen);
	if (!json_is_integer(v))
		return wrong_type(key, v, "integer", err, errlen);
	n = json_integer_value(v);
	if (n < 0) {
		snprintf(value, sizeof(value), "%lld", (long long)n);
		if (rule->allowed)
			return virtnet_field_err(err, errlen, key, value, "%s",
						 rule->allowed);
		return virtnet_field_err(err, errlen, key, value,
					 "must be between %" PRIu64 " and %" PRIu64,
					 rule->min, rule->max);
	}
	if (num_check(rule, key, (uint64_t)n, err, errlen))
		return -EINVAL;
	*out = (uint64_t)n;
	return 0;
}

static int get_str(const json_t *obj, const char *key, const char **out,
		   char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	if (!v)
		return missing(key, err, errlen);
	if (!json_is_string(v))
		return wrong_type(key, v, "string", err, errlen);
	*out = json_string_value(v);
	return 0;
}

/* One of names[n]; its index in *out. */
static int get_enum(const json_t *obj, const char *key, const char *const *names,
		    size_t n, uint8_t *out, char *err, size_t errlen)
{
	const char *s;
	int ret = get_str(obj, key, &s, err, errlen);

	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(s, names[i])) {
			*out = (uint8_t)i;
			return 0;
		}
	}
	return virtnet_field_err(err, errlen, key, s, "must be %s or %s",
				 names[0], names[1]);
}

static int get_features(const json_t *obj, uint64_t *out, char *err, size_t errlen)
{
	const char *s;
	int ret = get_str(obj, "features", &s, err, errlen);

	if (ret)
		return ret;
	if (strncmp(s, "0x", 2) || strlen(s) > 18 ||
	    virtnet_parse_u64(s, 0, UINT64_MAX, out))
		return virtnet_field_err(err, errlen, "features", s,
			"must be a 64-bit mask in hex, \"0x\" and 1 to 16 digits "
			"(0x0: all the device supports)");
	return 0;
}

static bool known_key(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(rec_keys); i++)
		if (!strcmp(key, rec_keys[i]))
			return true;
	return false;
}

/* link_up and the coalescing keys: absent means up and 0. */
static int get_optional_run_state(const json_t *obj, struct virtnet_recovery_rec *r,
				  char *err, size_t errlen)
{
	struct { const char *key; const struct virtnet_num_rule *rule; uint32_t *out; } coal[] = {
		{ "rx_coal_usecs", &virtnet_rule_coal_usecs, &r->rx_coal_usecs },
		{ "rx_coal_max_packets", &virtnet_rule_coal_max_packets,
		  &r->rx_coal_max_packets },
		{ "tx_coal_usecs", &virtnet_rule_coal_usecs, &r->tx_coal_usecs },
		{ "tx_coal_max_packets", &virtnet_rule_coal_max_packets,
		  &r->tx_coal_max_packets },
	};
	const json_t *val = json_object_get(obj, "link_up");
	uint64_t v;
	int ret;

	if (val) {
		if (!json_is_boolean(val))
			return wrong_type("link_up", val, "boolean (true or false)",
					  err, errlen);
		r->link_down = !json_is_true(val);
	}
	for (size_t i = 0; i < ARRAY_SIZE(coal); i++) {
		if (!json_object_get(obj, coal[i].key))
			continue;
		if ((ret = get_num(obj, coal[i].key, coal[i].rule, &v, err, errlen)))
			return ret;
		*coal[i].out = (uint32_t)v;
	}
	return 0;
}

/* mode (absent: virtio) and vdpa_name (mode vdpa only; absent: none). */
static int get_mode(const json_t *obj, struct virtnet_recovery_rec *r,
		    char *err, size_t errlen)
{
	const char *s;
	int ret;

	r->mode = VIRTNET_DEV_MODE_VIRTIO;
	if (json_object_get(obj, "mode") &&
	    (ret = get_enum(obj, "mode", mode_names, ARRAY_SIZE(mode_names), &r->mode,
			    err, errlen)))
		return ret;
	if (!json_object_get(obj, "vdpa_name"))
		return 0;
	if ((ret = get_str(obj, "vdpa_name", &s, err, errlen)))
		return ret;
	if (r->mode != VIRTNET_DEV_MODE_VDPA)
		return virtnet_field_err(err, errlen, "vdpa_name", s,
					 "allowed only when mode is vdpa");
	if (virtnet_check_vdpa_name("vdpa_name", s, err, errlen))
		return -EINVAL;
	snprintf(r->vdpa_name, sizeof(r->vdpa_name), "%s", s);
	return 0;
}

int virtnet_recovery_from_json(const json_t *obj, struct virtnet_recovery_rec *rec,
			       char *err, size_t errlen)
{
	struct virtnet_recovery_rec r;
	const char *key, *s;
	char text[64];
	uint64_t v, nq = 0, mq = 0;
	json_t *val;
	uint16_t bdf;
	int ret;

	memset(&r, 0, sizeof(r));
	if (!json_is_object(obj))
		return virtnet_field_err(err, errlen, "recovery record",
					 json_text(obj, text, sizeof(text)),
					 "must be a JSON object");

	/* First the version: a newer format may have other keys. */
	if ((ret = get_num(obj, "version", &rule_version, &v, err, errlen)))
		return ret;

	json_object_foreach((json_t *)obj, key, val) {
		if (!known_key(key))
			return virtnet_field_err(err, errlen, "field", key,
				"unknown; the fields are " REC_KEYS_TEXT);
	}

	if ((ret = get_str(obj, "port_ib_dev", &s, err, errlen)) ||
	    (ret = virtnet_check_ibdev("port_ib_dev", s, err, errlen)))
		return ret;
	snprintf(r.port_ib_dev, sizeof(r.port_ib_dev), "%s", s);
	if ((ret = get_num(obj, "pf_id", &rule_dev_id, &v, err, errlen)))
		return ret;
	r.pf_id = (uint32_t)v;
	if ((ret = get_enum(obj, "function_type", fn_type_names,
			    ARRAY_SIZE(fn_type_names), &r.function_type, err, errlen)))
		return ret;
	if ((ret = get_num(obj, "bdf_raw", &rule_bdf_raw, &v, err, errlen)))
		return ret;
	r.bdf = (uint16_t)v;
	if ((ret = get_enum(obj, "device_type", dev_type_names,
			    ARRAY_SIZE(dev_type_names), &r.device_type, err, errlen)) ||
	    (ret = get_str(obj, "mac", &s, err, errlen)) ||
	    (ret = virtnet_mac_parse_unicast("mac", s, r.mac, err, errlen)))
		return ret;
	if ((ret = get_num(obj, "pf_num", &rule_pf_num, &v, err, errlen)))
		return ret;
	r.pf_num = (uint32_t)v;
	if ((ret = get_num(obj, "sf_num", &rule_sf_num, &v, err, errlen)))
		return ret;
	r.sf_num = (uint32_t)v;
	if ((ret = get_num(obj, "mq", &rule_mq, &mq, err, errlen)))
		return ret;
	r.mq = (uint16_t)mq;
	if ((ret = get_str(obj, "vuid", &s, err, errlen)) ||
	    (ret = virtnet_check_vuid("vuid", s, err, errlen)))
		return ret;
	snprintf(r.vuid, sizeof(r.vuid), "%s", s);
	if ((ret = get_str(obj, "bdf", &s, err, errlen)))
		return ret;
	if (virtnet_bdf_parse(s, &bdf))
		return virtnet_field_err(err, errlen, "bdf", s,
			"must be a PCI address BB:DD.F in hex, e.g. 85:00.0");
	if (bdf != r.bdf) {
		char want[VIRTNET_BDF_STRLEN];

		return virtnet_field_err(err, errlen, "bdf", s,
			"must match bdf_raw %u, which is %s", r.bdf,
			virtnet_bdf_format(r.bdf, want));
	}
	if ((ret = get_num(obj, "mtu", &virtnet_rule_mtu, &v, err, errlen)))
		return ret;
	r.mtu = (uint16_t)v;
	if ((ret = get_num(obj, "num_queues", &virtnet_rule_num_queues, &nq,
			   err, errlen)) ||
	    (ret = check_mq(mq, nq, err, errlen)))
		return ret;
	r.num_queues = (uint16_t)nq;
	if ((ret = get_num(obj, "queue_size", &virtnet_rule_queue_size, &v,
			   err, errlen)))
		return ret;
	r.queue_size = (uint16_t)v;
	if ((ret = get_features(obj, &r.features, err, errlen)))
		return ret;
	val = json_object_get(obj, "legacy");
	if (!val)
		return missing("legacy", err, errlen);
	if (!json_is_boolean(val))
		return wrong_type("legacy", val, "boolean (true or false)", err, errlen);
	r.legacy = json_is_true(val);
	if ((ret = get_optional_run_state(obj, &r, err, errlen)) ||
	    (ret = get_mode(obj, &r, err, errlen)))
		return ret;

	if (r.function_type == VIRTNET_RECOVERY_VF) {
		if ((ret = get_num(obj, "vf_id", &virtnet_rule_vf_id, &v, err, errlen)))
			return ret;
		r.vf_id = (uint32_t)v;
		if ((ret = get_num(obj, "parent_pf_id", &rule_dev_id, &v, err, errlen)))
			return ret;
		r.parent_pf_id = (uint32_t)v;
		if ((ret = get_num(obj, "pf_index", &virtnet_rule_pf_index, &v, err, errlen)))
			return ret;
		r.pf_index = (uint32_t)v;
	} else {
		static const char *const vf_keys[] = { "vf_id", "parent_pf_id", "pf_index" };

		for (size_t i = 0; i < ARRAY_SIZE(vf_keys); i++) {
			val = json_object_get(obj, vf_keys[i]);
			if (val)
				return virtnet_field_err(err, errlen, vf_keys[i],
					json_text(val, text, sizeof(text)),
					"allowed only when function_type is vf");
		}
	}

	/* Everything is checked above; this keeps the two rule sets in step. */
	if ((ret = virtnet_recovery_check(&r, err, errlen)))
		return ret;
	*rec = r;
	return 0;
}

/* ---- files ---- */

static int sys_err(char *err, size_t errlen, int e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "<what>: <strerror(e)>"; returns -e. */
static int sys_err(char *err, size_t errlen, int e, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || !errlen)
		return -e;
	va_start(ap, fmt);
	n = vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < errlen)
		snprintf(err + n, errlen - n, ": %s", strerror(e));
	return -e;
}

int virtnet_recovery_mkdir(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct stat st;
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return sys_err(err, errlen, len ? ENAMETOOLONG : ENOENT,
			       "recovery directory '%s'", dir);
	memcpy(path, dir, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		if (path[i - 1] == '/')
			continue;	/* "a//b", "a/" */
		path[i] = '\0';
		if (mkdir(path, 0700) && errno != EEXIST)
			return sys_err(err, errlen, errno,
				       "cannot create directory '%s'", path);
		if (stat(path, &st))
			return sys_err(err, errlen, errno, "cannot stat '%s'", path);
		if (!S_ISDIR(st.st_mode))
			return sys_err(err, errlen, ENOTDIR,
				       "cannot create directory '%s'", path);
		path[i] = dir[i];
	}
	return 0;
}

static int open_dir(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return sys_err(err, errlen, errno, "cannot open directory '%s'", dir);
	return fd;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int virtnet_recovery_write(const char *dir, const struct virtnet_recovery_rec *rec,
			   char *err, size_t errlen)
{
	char name[VIRTNET_VUID_MAX + 8], tmp[VIRTNET_VUID_MAX + 40];
	char *text = NULL;
	json_t *obj;
	int dfd, fd = -1, ret;

	if ((ret = virtnet_recovery_check(rec, err, errlen)))
		return ret;
	if ((ret = virtnet_recovery_mkdir(dir, err, errlen)))
		return ret;
	obj = virtnet_recovery_to_json(rec);
	text = obj ? json_dumps(obj, JSON_INDENT(2)) : NULL;
	json_decref(obj);
	if (!text)
		return sys_err(err, errlen, ENOMEM, "recovery file of %s", rec->vuid);
	dfd = open_dir(dir, err, errlen);
	if (dfd < 0) {
		free(text);
		return dfd;
	}
	snprintf(name, sizeof(name), "%s.json", rec->vuid);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", name, (long)getpid());

	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST) {
		/* Left by an earlier process with our pid that crashed. */
		if (!unlinkat(dfd, tmp, 0))
			fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
				    O_CLOEXEC | O_NOFOLLOW, 0600);
	}
	if (fd < 0) {
		ret = sys_err(err, errlen, errno, "cannot create '%s/%s'", dir, tmp);
		goto out;	/* not ours: do not unlink */
	}
	if ((ret = write_all(fd, text, strlen(text))) ||
	    (ret = write_all(fd, "\n", 1))) {
		ret = sys_err(err, errlen, -ret, "cannot write '%s/%s'", dir, tmp);
		goto fail;
	}
	if (fsync(fd)) {
		ret = sys_err(err, errlen, errno, "cannot fsync '%s/%s'", dir, tmp);
		goto fail;
	}
	ret = close(fd);
	fd = -1;
	if (ret) {
		ret = sys_err(err, errlen, errno, "cannot close '%s/%s'", dir, tmp);
		goto fail;
	}
	if (renameat(dfd, tmp, dfd, name)) {
		ret = sys_err(err, errlen, errno, "cannot rename '%s/%s' to '%s'",
			      dir, tmp, name);
		goto fail;
	}
	/* The new file is in place; only its durability is in question now. */
	if (fsync(dfd))
		ret = sys_err(err, errlen, errno, "cannot fsync directory '%s'", dir);
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlinkat(dfd, tmp, 0);
out:
	close(dfd);
	free(text);
	return ret;
}

int virtnet_recovery_remove(const char *dir, const char *vuid,
			    char *err, size_t errlen)
{
	char name[VIRTNET_VUID_MAX + 8];
	int dfd, ret = 0;

	if ((ret = virtnet_check_vuid("vuid", vuid, err, errlen)))
		return ret;
	snprintf(name, sizeof(name), "%s.json", vuid);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		if (errno == ENOENT)
			return 0;
		return sys_err(err, errlen, errno, "cannot open directory '%s'", dir);
	}
	if (unlinkat(dfd, name, 0)) {
		if (errno != ENOENT)
			ret = sys_err(err, errlen, errno, "cannot remove '%s/%s'", dir, name);
	} else if (fsync(dfd)) {
		ret = sys_err(err, errlen, errno, "cannot fsync directory '%s'", dir);
	}
	close(dfd);
	return ret;
}

/* Read and check name in dfd; messages without the path. */
static int read_at(int dfd, const char *name, struct virtnet_recovery_rec *rec,
		   char *err, size_t errlen)
{
	char *buf;
	size_t got = 0;
	struct stat st;
	json_error_t jerr;
	json_t *obj;
	int fd, ret;

	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ELOOP) {
			snprintf(err, errlen, "a symbolic link, not a regular file");
			return -ELOOP;
		}
		return sys_err(err, errlen, errno, "cannot open");
	}
	if (fstat(fd, &st)) {
		ret = sys_err(err, errlen, errno, "cannot stat");
		close(fd);
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "not a regular file");
		return -EINVAL;
	}
	if (st.st_size > VIRTNET_RECOVERY_MAX_SIZE) {
		close(fd);
		snprintf(err, errlen, "too large: %lld bytes, at most %d",
			 (long long)st.st_size, VIRTNET_RECOVERY_MAX_SIZE);
		return -EFBIG;
	}
	buf = malloc(VIRTNET_RECOVERY_MAX_SIZE + 1);
	if (!buf) {
		close(fd);
		return sys_err(err, errlen, ENOMEM, "cannot read");
	}
	/* The size may have changed since fstat: read one byte past the limit. */
	while (got <= VIRTNET_RECOVERY_MAX_SIZE) {
		ssize_t n = read(fd, buf + got, VIRTNET_RECOVERY_MAX_SIZE + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = sys_err(err, errlen, errno, "cannot read");
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > VIRTNET_RECOVERY_MAX_SIZE) {
		snprintf(err, errlen, "too large: more than %d bytes",
			 VIRTNET_RECOVERY_MAX_SIZE);
		ret = -EFBIG;
		goto out;
	}
	if (got == 0) {
		snprintf(err, errlen, "empty file");
		ret = -EINVAL;
		goto out;
	}
	obj = json_loadb(buf, got, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		snprintf(err, errlen, "not valid JSON: %s (line %d, column %d)",
			 jerr.text, jerr.line, jerr.column);
		ret = -EINVAL;
		goto out;
	}
	ret = virtnet_recovery_from_json(obj, rec, err, errlen);
	json_decref(obj);
out:
	free(buf);
	close(fd);
	return ret;
}

int virtnet_recovery_read(const char *path, struct virtnet_recovery_rec *rec,
			  char *err, size_t errlen)
{
	return read_at(AT_FDCWD, path, rec, err, errlen);
}

/* ---- scan ---- */

enum scan_state {
	SCAN_GOOD,
	SCAN_BAD,		/* does not pass on its own */
	SCAN_CLASH,		/* valid, but shares a key with another file */
	SCAN_TMP,		/* temporary file, removed (or not) */
	SCAN_SKIP,		/* not ours */
};

struct scan_entry {
	char *name;
	enum scan_state state;
	char why[384];
	struct virtnet_recovery_rec rec;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* "<something>.json.tmp.<digits>", as virtnet_recovery_write() names them. */
static bool is_tmp_name(const char *s)
{
	const char *p = strstr(s, ".json.tmp.");
	const char *d;

	for (; p; p = strstr(p + 1, ".json.tmp.")) {
		d = p + strlen(".json.tmp.");
		if (p == s || !*d)
			continue;
		while (*d >= '0' && *d <= '9')
			d++;
		if (!*d)
			return true;
	}
	return false;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct scan_entry *)a)->name,
		      ((const struct scan_entry *)b)->name);
}

static void scan_one(int dfd, struct scan_entry *e)
{
	char want[VIRTNET_VUID_MAX + 8];
	struct stat st;

	if (is_tmp_name(e->name)) {
		e->state = SCAN_TMP;
		if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			e->state = SCAN_SKIP;
		else if (unlinkat(dfd, e->name, 0))
			sys_err(e->why, sizeof(e->why), errno,
				"temporary file left by an interrupted write; cannot remove it");
		else
			snprintf(e->why, sizeof(e->why),
				 "removed: temporary file left by an interrupted write");
		return;
	}
	if (!ends_with(e->name, ".json")) {
		e->state = SCAN_SKIP;
		return;
	}
	e->state = SCAN_BAD;
	if (fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW)) {
		sys_err(e->why, sizeof(e->why), errno, "cannot stat");
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		snprintf(e->why, sizeof(e->why), "a symbolic link, not a regular file");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(e->why, sizeof(e->why), "not a regular file");
		return;
	}
	if (read_at(dfd, e->name, &e->rec, e->why, sizeof(e->why)))
		return;
	snprintf(want, sizeof(want), "%s.json", e->rec.vuid);
	if (strcmp(e->name, want)) {
		snprintf(e->why, sizeof(e->why),
			 "file name does not match its vuid '%s' (must be %s)",
			 e->rec.vuid, want);
		return;
	}
	e->state = SCAN_GOOD;
}

/* The first key a and b share, written into buf, or NULL. */
static const char *clash(const struct virtnet_recovery_rec *a,
			 const struct virtnet_recovery_rec *b, char *buf, size_t len)
{
	if (a->pf_id == b->pf_id)
		snprintf(buf, len, "pf_id %u", a->pf_id);
	else if (!strcmp(a->vuid, b->vuid))
		snprintf(buf, len, "vuid %s", a->vuid);
	else if (a->sf_num == b->sf_num)
		snprintf(buf, len, "sf_num %u", a->sf_num);
	else if (!memcmp(a->mac, b->mac, VIRTNET_MAC_LEN))
		snprintf(buf, len, "mac %02x:%02x:%02x:%02x:%02x:%02x", a->mac[0],
			 a->mac[1], a->mac[2], a->mac[3], a->mac[4], a->mac[5]);
	else if (a->function_type == VIRTNET_RECOVERY_VF &&
		 b->function_type == VIRTNET_RECOVERY_VF &&
		 a->pf_index == b->pf_index && a->vf_id == b->vf_id)
		snprintf(buf, len, "vf_id %u of static pf %u", a->vf_id, a->pf_index);
	else
		return NULL;
	return buf;
}

static void mark_clash(struct scan_entry *e, const char *what, const char *other)
{
	if (e->state == SCAN_CLASH)
		return;		/* keep the first reason */
	e->state = SCAN_CLASH;
	snprintf(e->why, sizeof(e->why),
		 "%s is also in %s; neither file is used until one is fixed",
		 what, other);
}

int virtnet_recovery_scan(const char *dir,
			  int (*good)(const struct virtnet_recovery_rec *rec,
				      const char *path, void *arg),
			  void (*bad)(const char *path, const char *why, void *arg),
			  void *arg)
{
	struct scan_entry *ents = NULL;
	size_t n = 0, cap = 0;
	char err[256], what[64];
	struct dirent *de;
	DIR *d;
	int dfd, ret = 0, ngood = 0;

	if ((ret = virtnet_recovery_mkdir(dir, err, sizeof(err))))
		return ret;
	dfd = open_dir(dir, err, sizeof(err));
	if (dfd < 0)
		return dfd;
	d = fdopendir(dfd);
	if (!d) {
		ret = -errno;
		close(dfd);
		return ret;
	}
	errno = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct scan_entry *ne = realloc(ents, ncap * sizeof(*ents));

			if (!ne) {
				ret = -ENOMEM;
				goto out;
			}
			ents = ne;
			cap = ncap;
		}
		memset(&ents[n], 0, sizeof(ents[n]));
		ents[n].name = strdup(de->d_name);
		if (!ents[n].name) {
			ret = -ENOMEM;
			goto out;
		}
		n++;
		errno = 0;
	}
	if (errno) {
		ret = -errno;
		goto out;
	}
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_entry);

	for (size_t i = 0; i < n; i++)
		scan_one(dfd, &ents[i]);

	for (size_t i = 0; i < n; i++) {
		if (ents[i].state != SCAN_GOOD && ents[i].state != SCAN_CLASH)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (ents[j].state != SCAN_GOOD && ents[j].state != SCAN_CLASH)
				continue;
			if (!clash(&ents[i].rec, &ents[j].rec, what, sizeof(what)))
				continue;
			mark_clash(&ents[i], what, ents[j].name);
			mark_clash(&ents[j], what, ents[i].name);
		}
	}

	for (size_t i = 0; i < n; i++) {
		struct scan_entry *e = &ents[i];
		char *path;

		if (e->state == SCAN_SKIP)
			continue;
		path = malloc(strlen(dir) + strlen(e->name) + 2);
		if (!path) {
			ret = -ENOMEM;
			goto out;
		}
		sprintf(path, "%s/%s", dir, e->name);
		if (e->state == SCAN_GOOD) {
			ngood++;
			ret = good ? good(&e->rec, path, arg) : 0;
		} else if (bad) {
			bad(path, e->why, arg);
		}
		free(path);
		if (ret)
			goto out;
	}
	ret = ngood;
out:
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	closedir(d);
	return ret;
}
