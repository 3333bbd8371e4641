/*
 * recovery_json.c - the recovery record's JSON form: written with the
 * optional keys only where they differ from their default, read strictly
 * (jsonfield.h) with every field and the record as a whole checked.
 */
#include "recovery.h"
#include "recovery_fields.h"
#include "bdf.h"
#include "jsonfield.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
static const struct virtnet_num_rule rule_bdf_raw = {
	0, UINT16_MAX, 0,
	"must be bus << 8 | device << 3 | function, " VIRTNET_RULE_RANGE
};
static const struct virtnet_num_rule rule_mq = {
	1, (VIRTNET_MAX_VIRTQ - 1) / 2, 0,
	"must be the number of queue pairs, (num_queues - 1) / 2, " VIRTNET_RULE_RANGE
};

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
	    json_object_set_new(obj, "mode", json_string(rec->mode < ARRAY_SIZE(virtnet_rec_mode_names)
							   ? virtnet_rec_mode_names[rec->mode] : "?")))
		return -1;
	if (rec->vdpa_name[0] &&
	    json_object_set_new(obj, "vdpa_name", json_string(rec->vdpa_name)))
		return -1;
	return 0;
}

json_t *virtnet_recovery_to_json(const struct virtnet_recovery_rec *rec)
{
	char mac[VIRTNET_MAC_STRLEN], bdf[VIRTNET_BDF_STRLEN], features[24];
	const char *fn = rec->function_type < ARRAY_SIZE(virtnet_rec_fn_type_names)
			 ? virtnet_rec_fn_type_names[rec->function_type] : "?";
	const char *dt = rec->device_type < ARRAY_SIZE(virtnet_rec_dev_type_names)
			 ? virtnet_rec_dev_type_names[rec->device_type] : "?";
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

/* The getters of a field that must be present. */
static int get_num(const json_t *obj, const char *key,
		   const struct virtnet_num_rule *rule, uint64_t *out,
		   char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	if (!v)
		return virtnet_jf_missing(key, err, errlen);
	return virtnet_jf_uint(v, key, rule, NULL, out, err, errlen);
}

static int get_str(const json_t *obj, const char *key, const char **out,
		   char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	if (!v)
		return virtnet_jf_missing(key, err, errlen);
	return virtnet_jf_str(v, key, out, err, errlen);
}

static int get_bool(const json_t *obj, const char *key, bool *out,
		    char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	if (!v)
		return virtnet_jf_missing(key, err, errlen);
	return virtnet_jf_bool(v, key, false, out, err, errlen);
}

static int get_enum(const json_t *obj, const char *key, const char *const *names,
		    size_t n, uint8_t *out, char *err, size_t errlen)
{
	const json_t *v = json_object_get(obj, key);

	if (!v)
		return virtnet_jf_missing(key, err, errlen);
	return virtnet_jf_enum(v, key, names, n, out, err, errlen);
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
	bool up;
	uint64_t v;
	int ret;

	if (val) {
		if ((ret = virtnet_jf_bool(val, "link_up", false, &up, err, errlen)))
			return ret;
		r->link_down = !up;
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
	    (ret = get_enum(obj, "mode", virtnet_rec_mode_names,
			    ARRAY_SIZE(virtnet_rec_mode_names), &r->mode, err, errlen)))
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
	uint64_t v, nq = 0, mq = 0;
	json_t *val;
	uint16_t bdf;
	int ret;

	memset(&r, 0, sizeof(r));
	if (!json_is_object(obj))
		return virtnet_jf_err(err, errlen, "recovery record", obj, false,
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
	if ((ret = get_num(obj, "pf_id", &virtnet_rec_rule_dev_id, &v, err, errlen)))
		return ret;
	r.pf_id = (uint32_t)v;
	if ((ret = get_enum(obj, "function_type", virtnet_rec_fn_type_names,
			    ARRAY_SIZE(virtnet_rec_fn_type_names), &r.function_type,
			    err, errlen)))
		return ret;
	if ((ret = get_num(obj, "bdf_raw", &rule_bdf_raw, &v, err, errlen)))
		return ret;
	r.bdf = (uint16_t)v;
	if ((ret = get_enum(obj, "device_type", virtnet_rec_dev_type_names,
			    ARRAY_SIZE(virtnet_rec_dev_type_names), &r.device_type,
			    err, errlen)) ||
	    (ret = get_str(obj, "mac", &s, err, errlen)) ||
	    (ret = virtnet_mac_parse_unicast("mac", s, r.mac, err, errlen)))
		return ret;
	if ((ret = get_num(obj, "pf_num", &virtnet_rec_rule_pf_num, &v, err, errlen)))
		return ret;
	r.pf_num = (uint32_t)v;
	if ((ret = get_num(obj, "sf_num", &virtnet_rec_rule_sf_num, &v, err, errlen)))
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
	    (ret = virtnet_rec_check_mq(mq, nq, err, errlen)))
		return ret;
	r.num_queues = (uint16_t)nq;
	if ((ret = get_num(obj, "queue_size", &virtnet_rule_queue_size, &v,
			   err, errlen)))
		return ret;
	r.queue_size = (uint16_t)v;
	if ((ret = get_features(obj, &r.features, err, errlen)))
		return ret;
	if ((ret = get_bool(obj, "legacy", &r.legacy, err, errlen)) ||
	    (ret = get_optional_run_state(obj, &r, err, errlen)) ||
	    (ret = get_mode(obj, &r, err, errlen)))
		return ret;

	if (r.function_type == VIRTNET_RECOVERY_VF) {
		if ((ret = get_num(obj, "vf_id", &virtnet_rule_vf_id, &v, err, errlen)))
			return ret;
		r.vf_id = (uint32_t)v;
		if ((ret = get_num(obj, "parent_pf_id", &virtnet_rec_rule_dev_id, &v,
				   err, errlen)))
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
				return virtnet_jf_err(err, errlen, vf_keys[i], val, false,
						      "allowed only when function_type is vf");
		}
	}

	/* Everything is checked above; this keeps the two rule sets in step. */
	if ((ret = virtnet_recovery_check(&r, err, errlen)))
		return ret;
	*rec = r;
	return 0;
}

