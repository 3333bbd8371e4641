/*
 * names.h - names for numbers the kernel reports: virtio-net feature bits,
 * virtio device status bits, rx modes, function types and modes.
 */
#ifndef VIRTNET_NAMES_H
#define VIRTNET_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* One named bit of a bit set. */
struct virtnet_bitname {
	unsigned int bit;
	const char *name;
};

/* A table of named bits, for the generic helpers below. */
struct virtnet_bitnames {
	const struct virtnet_bitname *names;
	size_t count;
	const char *unknown_fmt;	/* e.g. "BIT_%u" for unnamed bits */
};

extern const struct virtnet_bitnames virtnet_feature_names;	/* VIRTIO_NET_F_* etc */
extern const struct virtnet_bitnames virtnet_status_names;	/* VIRTIO_CONFIG_S_* */
extern const struct virtnet_bitnames virtnet_rx_mode_names;	/* enum virtnet_rx_mode */

/* Name of one bit, or NULL if the table has none. */
const char *virtnet_bitname(const struct virtnet_bitnames *t, unsigned int bit);

/* Bit number for a name (case-insensitive), or -ENOENT. */
int virtnet_bit_lookup(const struct virtnet_bitnames *t, const char *name);

/*
 * Call fn(name, arg) for every set bit, lowest first; unnamed bits get the
 * table's unknown_fmt. Stops and returns fn's value if it is non-zero.
 */
int virtnet_bits_foreach(const struct virtnet_bitnames *t, uint64_t bits,
			 int (*fn)(const char *name, void *arg), void *arg);

/* Shorthands used by the CLI. */
const char *virtnet_feature_name(unsigned int bit);

/*
 * What virtqueue index is, from the host driver's side, on a device with
 * num_queues virtqueues: "rx" (2i: the driver receives, the device writes),
 * "tx" (2i + 1) or "ctrl" (the last one); "unknown" past the end.
 */
const char *virtnet_queue_type_name(unsigned int index, unsigned int num_queues);

/* "static PF", "hotplug PF", "VF" or "unknown" (enum virtnet_dev_type). */
const char *virtnet_dev_type_name(unsigned int type);

/* "virtio", "vdpa" or "unknown" (enum virtnet_dev_mode). */
const char *virtnet_dev_mode_name(unsigned int mode);

#endif /* VIRTNET_NAMES_H */
