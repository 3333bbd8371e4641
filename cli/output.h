/*
 * output.h - the CLI's output: the guide's JSON objects (jansson), built
 * from what the kernel reports, and printing them: pretty (2-space indent)
 * or on one line, keys always in the order given here. Builders return a
 * new reference, or NULL when out of memory.
 */
#ifndef VIRTNET_CLI_OUTPUT_H
#define VIRTNET_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "device.h"
#include "names.h"

/* "0x1f" */
json_t *virtnet_json_hex(uint64_t v);

/*
 * A string the kernel reported (a name the host, an administrator or the
 * controller chose; the kernel checks only its length) as a JSON string:
 * jansson takes UTF-8 only, so every byte that is not part of a valid
 * UTF-8 sequence becomes U+FFFD. NULL only when out of memory.
 */
json_t *virtnet_json_text(const char *s);
json_t *virtnet_json_textn(const char *s, size_t len);

/* {"hex": "0xf", "names": ["ACKNOWLEDGE", ...]} */
json_t *virtnet_json_bits(const struct virtnet_bitnames *names, uint64_t bits);

/* ["promisc", ...] */
json_t *virtnet_json_names(const struct virtnet_bitnames *names, uint64_t bits);

/* `virtnet list` controller object: limits, supported features, ports. */
json_t *virtnet_json_controller(const struct virtnet_info *info);

/*
 * `virtnet list` device object: for a PF pf_id ... net_mtu (a static PF
 * adds max_vfs, num_vfs); for a VF the guide's vf_id, parent_pf_id ...
 * net_mtu; then "mode" ("virtio" or "vdpa") if the kernel reports it.
 */
json_t *virtnet_json_dev(const struct virtnet_dev *dev);

/*
 * `virtnet query` device object: the guide's list fields, then the state
 * (host_net_device, driver, mode, vdpa_device, ...) and queues.
 */
json_t *virtnet_json_dev_query(const struct virtnet_dev *dev);

/* [build(dev) for each of n devices]: list and query -a. */
json_t *virtnet_json_dev_array(const struct virtnet_dev *devs, size_t n,
			       json_t *(*build)(const struct virtnet_dev *dev));

/* `virtnet hotplug` result: bdf, vuid, id, sf_rep_net_device, mac. */
json_t *virtnet_json_hotplug(const struct virtnet_dev *dev);

/* `virtnet unplug` result: id, vuid, status "unplugged". */
json_t *virtnet_json_unplug(uint32_t id, const char *vuid);

/* {"rx": {"usecs": N, "max_packets": N}, "tx": {...}} */
json_t *virtnet_json_coalescing(const struct virtnet_dev *dev);
/* A virtqueue's size, state and counters (query and stats name it). */
json_t *virtnet_json_queue_counters(const struct virtnet_queue *q);

/*
 * `virtnet modify` result: id, vuid, for a VF vf_id and parent_pf_id, then
 * what modify can change as the device has it now (mac, mtu,
 * device_features, num_msix, max_queues, max_queues_size, link_status,
 * speed, coalescing, mode and vdpa_device when reported), status
 * "modified".
 */
json_t *virtnet_json_modify(const struct virtnet_dev *dev);

/* Print with a final newline. Returns 0 or -EIO. */
int virtnet_json_print(FILE *f, const json_t *json, bool pretty);

#endif /* VIRTNET_CLI_OUTPUT_H */
