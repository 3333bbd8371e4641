/* output.c - the CLI's output: the guide's JSON objects, built and printed. */
#include "output.h"
#include "bdf.h"
#include "utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

json_t *virtnet_json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_string(buf);
}

json_t *virtnet_json_textn(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, used = 0;
	json_t *j;
	char *buf;

	j = json_stringn(s, len);
	if (j)
		return j;
	buf = malloc(len * 3 + 1);
	if (!buf)
		return NULL;
	while (i < len) {
		size_t n = virtnet_utf8_seq(p + i, len - i);

		if (n) {
			memcpy(buf + used, p + i, n);
			used += n;
			i += n;
		} else {
			memcpy(buf + used, "\xef\xbf\xbd", 3);
			used += 3;
			i++;
		}
	}
	j = json_stringn(buf, used);
	free(buf);
	return j;
}

json_t *virtnet_json_text(const char *s)
{
	return virtnet_json_textn(s, strlen(s));
}

static int append_name(const char *name, void *arg)
{
	return json_array_append_new(arg, json_string(name)) ? -ENOMEM : 0;
}

json_t *virtnet_json_names(const struct virtnet_bitnames *names, uint64_t bits)
{
	json_t *arr = json_array();

	if (arr && virtnet_bits_foreach(names, bits, append_name, arr)) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *virtnet_json_bits(const struct virtnet_bitnames *names, uint64_t bits)
{
	return json_pack("{s:o, s:o}", "hex", virtnet_json_hex(bits),
			 "names", virtnet_json_names(names, bits));
}

static json_t *ports_json(const struct virtnet_info *info)
{
	json_t *arr = json_array();

	for (unsigned int i = 0; arr && i < info->nports; i++) {
		const struct virtnet_port *port = &info->ports[i];
		json_t *obj = json_pack("{s:I, s:o, s:I}", "index", (json_int_t)port->index,
					"ib_device", virtnet_json_text(port->ibdev),
					"sf_pool_idle", (json_int_t)port->sf_pool_idle);

		/* The uplink is known once a controller configured the port. */
		if (obj && port->netdev[0] &&
		    json_object_set_new(obj, "net_device", virtnet_json_text(port->netdev))) {
			json_decref(obj);
			obj = NULL;
		}
		if (json_array_append_new(arr, obj)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

json_t *virtnet_json_controller(const struct virtnet_info *info)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:i, s:o}",
			 "max_hotplug_devices", (json_int_t)info->max_hotplug,
			 "num_hotplug_devices", (json_int_t)info->num_hotplug,
			 "max_static_pfs", (json_int_t)info->max_static_pf,
			 "pf_total_sf", (json_int_t)info->pf_total_sf,
			 "sf_pool_size", (json_int_t)info->sf_pool_size,
			 "max_vfs", (json_int_t)info->max_vf,
			 "max_msix", (json_int_t)info->max_msix,
			 "max_virt_queues", (json_int_t)info->max_virtq,
			 "max_queue_size", (json_int_t)info->max_queue_size,
			 "supported_features", virtnet_json_hex(info->supported_features),
			 "is_lag", info->lag ? 1 : 0,
			 "ports", ports_json(info));
}

/*
 * A VF as the guide lists it: identified by its parent and index, not by
 * an id of its own. This emulation has no per-SF RDMA device or vhca, so
 * sf_rdma_device and sf_vhca_id are null.
 */
static json_t *vf_json(const struct virtnet_dev *dev)
{
	char bdf[VIRTNET_BDF_STRLEN], mac[VIRTNET_MAC_STRLEN];

	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:I, s:o, s:o, s:I, s:n, s:n,"
			 " s:s, s:I, s:I, s:I, s:s, s:I}",
			 "vf_id", (json_int_t)dev->vf_id,
			 "parent_pf_id", (json_int_t)dev->parent_id,
			 "function_type", virtnet_dev_type_name(dev->type),
			 "vuid", virtnet_json_text(dev->vuid),
			 "bdf", virtnet_bdf_format(dev->bdf, bdf),
			 "sf_num", (json_int_t)dev->sf_num,
			 "sf_parent_device", virtnet_json_text(dev->ibdev),
			 "sf_rep_net_device", virtnet_json_text(dev->sf_rep_ifname),
			 "sf_rep_net_ifindex", (json_int_t)dev->sf_rep_ifindex,
			 "sf_rdma_device",
			 "sf_vhca_id",
			 "msix_config_vector", "0x0",
			 "num_msix", (json_int_t)dev->num_msix,
			 "max_queues", (json_int_t)dev->num_queues,
			 "max_queues_size", (json_int_t)dev->queue_size,
			 "net_mac", virtnet_mac_format(dev->mac, mac),
			 "net_mtu", (json_int_t)dev->mtu);
}

static json_t *pf_json(const struct virtnet_dev *dev)
{
	char bdf[VIRTNET_BDF_STRLEN], mac[VIRTNET_MAC_STRLEN];
	json_t *obj;

	obj = json_pack("{s:I, s:s, s:i, s:o, s:s, s:I, s:o, s:o, s:I, s:s,"
			" s:I, s:I, s:I, s:s, s:I}",
			"pf_id", (json_int_t)dev->id,
			"function_type", virtnet_dev_type_name(dev->type),
			"transitional", dev->legacy ? 1 : 0,
			"vuid", virtnet_json_text(dev->vuid),
			"bdf", virtnet_bdf_format(dev->bdf, bdf),
			"sf_num", (json_int_t)dev->sf_num,
			"sf_parent_device", virtnet_json_text(dev->ibdev),
			"sf_rep_net_device", virtnet_json_text(dev->sf_rep_ifname),
			"sf_rep_net_ifindex", (json_int_t)dev->sf_rep_ifindex,
			"msix_config_vector", "0x0",
			"num_msix", (json_int_t)dev->num_msix,
			"max_queues", (json_int_t)dev->num_queues,
			"max_queues_size", (json_int_t)dev->queue_size,
			"net_mac", virtnet_mac_format(dev->mac, mac),
			"net_mtu", (json_int_t)dev->mtu);
	/* Only static PFs have SR-IOV (sriov_totalvfs, sriov_numvfs). */
	if (obj && dev->type == VIRTNET_DEV_TYPE_STATIC_PF &&
	    (json_object_set_new(obj, "max_vfs", json_integer(dev->max_vf)) ||
	     json_object_set_new(obj, "num_vfs", json_integer(dev->num_vf)))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* The guide's list fields of a PF or a VF. */
static json_t *guide_json(const struct virtnet_dev *dev)
{
	return dev->type == VIRTNET_DEV_TYPE_VF ? vf_json(dev) : pf_json(dev);
}

/* "mode" when the kernel reported DEV_MODE; with "vdpa_device" too if vdpa. */
static int set_mode(json_t *obj, const struct virtnet_dev *dev, bool vdpa_device)
{
	int err = 0;

	if (virtnet_dev_has(dev, VIRTNET_ATTR_DEV_MODE))
		err |= json_object_set_new(obj, "mode",
					   json_string(virtnet_dev_mode_name(dev->mode)));
	if (vdpa_device && virtnet_dev_has(dev, VIRTNET_ATTR_VDPA_NAME))
		err |= json_object_set_new(obj, "vdpa_device", virtnet_json_text(dev->vdpa_name));
	return err;
}

json_t *virtnet_json_dev(const struct virtnet_dev *dev)
{
	json_t *obj = guide_json(dev);

	if (obj && set_mode(obj, dev, true)) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* A queue's state and counters; the caller names the queue. */
json_t *virtnet_json_queue_counters(const struct virtnet_queue *q)
{
	return json_pack("{s:I, s:i, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			 "size", (json_int_t)q->size,
			 "enabled", q->enabled ? 1 : 0,
			 "broken", q->broken ? 1 : 0,
			 "avail_idx", (json_int_t)q->avail_idx,
			 "used_idx", (json_int_t)q->used_idx,
			 "packets", (json_int_t)q->packets,
			 "bytes", (json_int_t)q->bytes,
			 "drops", (json_int_t)q->drops,
			 "errors", (json_int_t)q->errors,
			 "kicks", (json_int_t)q->kicks,
			 "interrupts", (json_int_t)q->interrupts);
}

static json_t *queue_json(const struct virtnet_queue *q)
{
	json_t *obj = json_pack("{s:I}", "index", (json_int_t)q->index);

	if (obj && json_object_update_new(obj, virtnet_json_queue_counters(q))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *queues_json(const struct virtnet_dev *dev)
{
	json_t *arr = json_array();

	for (unsigned int i = 0; arr && i < dev->nqueues; i++) {
		if (json_array_append_new(arr, queue_json(&dev->queues[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* {"usecs": N, "max_packets": N} */
static json_t *coal_dir_json(uint32_t usecs, uint32_t max_packets)
{
	return json_pack("{s:I, s:I}", "usecs", (json_int_t)usecs,
			 "max_packets", (json_int_t)max_packets);
}

json_t *virtnet_json_coalescing(const struct virtnet_dev *dev)
{
	return json_pack("{s:o, s:o}",
			 "rx", coal_dir_json(dev->rx_coal_usecs, dev->rx_coal_max_packets),
			 "tx", coal_dir_json(dev->tx_coal_usecs, dev->tx_coal_max_packets));
}

/* A kernel without coalescing reports none of the four: then say nothing. */
static bool has_coalescing(const struct virtnet_dev *dev)
{
	return virtnet_dev_has(dev, VIRTNET_ATTR_RX_COAL_USECS) ||
	       virtnet_dev_has(dev, VIRTNET_ATTR_RX_COAL_MAX_PACKETS) ||
	       virtnet_dev_has(dev, VIRTNET_ATTR_TX_COAL_USECS) ||
	       virtnet_dev_has(dev, VIRTNET_ATTR_TX_COAL_MAX_PACKETS);
}

/* "speed" and "coalescing", each when the kernel reported it. */
static int set_link_extras(json_t *obj, const struct virtnet_dev *dev)
{
	int err = 0;

	if (virtnet_dev_has(dev, VIRTNET_ATTR_SPEED))
		err |= json_object_set_new(obj, "speed", json_integer(dev->speed));
	if (has_coalescing(dev))
		err |= json_object_set_new(obj, "coalescing", virtnet_json_coalescing(dev));
	return err;
}

json_t *virtnet_json_dev_query(const struct virtnet_dev *dev)
{
	json_t *obj = guide_json(dev);
	int err = 0;

	if (!obj)
		return NULL;
	if (virtnet_dev_has(dev, VIRTNET_ATTR_HOST_IFNAME))
		err |= json_object_set_new(obj, "host_net_device",
					   virtnet_json_text(dev->host_ifname));
	if (virtnet_dev_has(dev, VIRTNET_ATTR_DRIVER_NAME))
		err |= json_object_set_new(obj, "driver", virtnet_json_text(dev->driver_name));
	err |= set_mode(obj, dev, true);
	err |= json_object_set_new(obj, "device_status",
				   virtnet_json_bits(&virtnet_status_names, dev->status));
	err |= json_object_set_new(obj, "link_status", json_integer(dev->link_up ? 1 : 0));
	err |= set_link_extras(obj, dev);
	err |= json_object_set_new(obj, "device_features",
				   virtnet_json_bits(&virtnet_feature_names, dev->device_features));
	err |= json_object_set_new(obj, "driver_features",
				   virtnet_json_bits(&virtnet_feature_names, dev->driver_features));
	err |= json_object_set_new(obj, "enabled_queue_pairs",
				   json_integer(dev->queue_pairs_active));
	err |= json_object_set_new(obj, "rx_mode",
				   virtnet_json_names(&virtnet_rx_mode_names, dev->rx_mode));
	err |= json_object_set_new(obj, "queues", queues_json(dev));
	if (err) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

json_t *virtnet_json_dev_array(const struct virtnet_dev *devs, size_t n,
			       json_t *(*build)(const struct virtnet_dev *dev))
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, build(&devs[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

json_t *virtnet_json_hotplug(const struct virtnet_dev *dev)
{
	char bdf[VIRTNET_BDF_STRLEN], mac[VIRTNET_MAC_STRLEN];

	return json_pack("{s:s, s:o, s:I, s:o, s:s}",
			 "bdf", virtnet_bdf_format(dev->bdf, bdf),
			 "vuid", virtnet_json_text(dev->vuid),
			 "id", (json_int_t)dev->id,
			 "sf_rep_net_device", virtnet_json_text(dev->sf_rep_ifname),
			 "mac", virtnet_mac_format(dev->mac, mac));
}

json_t *virtnet_json_unplug(uint32_t id, const char *vuid)
{
	return json_pack("{s:I, s:o, s:s}", "id", (json_int_t)id, "vuid", virtnet_json_text(vuid),
			 "status", "unplugged");
}

json_t *virtnet_json_modify(const struct virtnet_dev *dev)
{
	char mac[VIRTNET_MAC_STRLEN];
	json_t *obj = json_pack("{s:I, s:o}", "id", (json_int_t)dev->id,
				"vuid", virtnet_json_text(dev->vuid));
	int err = 0;

	if (!obj)
		return NULL;
	if (dev->type == VIRTNET_DEV_TYPE_VF) {
		err |= json_object_set_new(obj, "vf_id", json_integer(dev->vf_id));
		err |= json_object_set_new(obj, "parent_pf_id", json_integer(dev->parent_id));
	}
	/* Everything modify can change, as the device has it now. */
	err |= json_object_set_new(obj, "mac", json_string(virtnet_mac_format(dev->mac, mac)));
	err |= json_object_set_new(obj, "mtu", json_integer(dev->mtu));
	err |= json_object_set_new(obj, "device_features",
				   virtnet_json_bits(&virtnet_feature_names, dev->device_features));
	err |= json_object_set_new(obj, "num_msix", json_integer(dev->num_msix));
	err |= json_object_set_new(obj, "max_queues", json_integer(dev->num_queues));
	err |= json_object_set_new(obj, "max_queues_size", json_integer(dev->queue_size));
	err |= json_object_set_new(obj, "link_status", json_integer(dev->link_up ? 1 : 0));
	err |= set_link_extras(obj, dev);
	err |= set_mode(obj, dev, true);
	err |= json_object_set_new(obj, "status", json_string("modified"));
	if (err) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

int virtnet_json_print(FILE *f, const json_t *json, bool pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY |
		       (pretty ? JSON_INDENT(2) : 0);

	if (json_dumpf(json, f, flags) || fputc('\n', f) == EOF || fflush(f))
		return -EIO;
	return 0;
}
