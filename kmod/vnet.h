/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtnet_emu internals: an emulated virtio-net function, its queues and
 * its representor, and the interfaces between the module's subsystems.
 *
 * Locking: the whole order, outermost first. Every lock here may be
 * taken with the ones above it held, never the other way round; other
 * files' comments refer to this list.
 *  1. vdpa_dev_lock (the vdpa core's) is held around vdpa dev add/del,
 *     which take the locks below (2 and 3) inside; so the module's own netlink
 *     paths never call into the vdpa core under vnet_functions_lock: a
 *     hand-over (handover.c) marks the function `switching` under the
 *     lock, drops it to (un)register the bus devices, and takes it back.
 *  2. The devlink instance lock of each eswitch (devl_lock; eswitch.c),
 *     port 0's before port 1's. devlink holds one around every devlink
 *     command; the module's paths that create or remove representors
 *     (each is a devlink port) take both, then vnet_functions_lock, with
 *     vnet_lock(); a path that drops vnet_functions_lock to call into the
 *     vdpa core (handover.c) drops these too (vnet_unlock()).
 *  3. vnet_functions_lock (mutex, function.c) serialises create/destroy
 *     and protects the function table, the hotplug slot map, the SF pool,
 *     the port table (ports.c), the generation counter and each
 *     function's bus (mode, bus_dev, switching). Netlink handlers take
 *     it; never in atomic context. Nothing under it takes a devlink
 *     instance lock; devlink's port function getters, which also run
 *     inside notifications sent under it (and under RTNL), take neither.
 *  4. device_lock of a function's bus device (netlink.c, modify.c,
 *     vdpa.c: whether a driver is bound, held while it must stay so; the
 *     driver core holds it around a host driver's probe and remove).
 *  5. RTNL (representor changes; virtio_net registers its netdev and
 *     sets DRIVER_OK under it, inside its probe). It also keeps a
 *     representor's function, that function's pairs and the
 *     representor's channel count (ethtool -L, rep_ethtool.c) stable for
 *     ethtool and the netdev netlink family (rep_qstats.c); the driver's
 *     active pairs change under config_lock alone and are only read.
 *  6. vnet_function.state_lock (mutex) serialises the transport's state
 *     changes (reset, set_status, find_vqs, del_vqs; vDPA's queue setup,
 *     suspend, resume and address-space changes). Only the SF takeover
 *     (takeover.c) holds two: the source's, then the destination's.
 *  7. vnet_zc_ctx.lock (spinlock, IRQ-safe; zerocopy.c) detaches a
 *     stopping queue from the zero-copy destructors.
 *  8. vnet_queue.lock (spinlock, BH) guards a receive or control queue's
 *     ring state against reset; the host-TX queue is only touched by its
 *     NAPI poll, which reset stops with napi_disable(). A queue's
 *     coalescing timer signals the driver under it; the host-TX NAPI poll
 *     takes it only to publish and signal.
 *  9. vnet_vdpa.iotlb_lock (spinlock, BH; vdpa.c) guards a vDPA
 *     function's IOTLB against the queues translating through it.
 *  10. vnet_function.config_lock (spinlock) guards config space and the
 *     control-queue-owned state (rx mode, active pairs, MAC, coalescing).
 *     The receive filter is written under it and read locklessly by xmit
 *     through its seqcount.
 * The controller relay's vnet_relay_lock (mutex, relay.c) is a leaf:
 * taken alone, by its netlink handlers and the socket-release notifier.
 * Above all of these, generic netlink holds its own lock (genl_mutex)
 * around every handler.
 */
#ifndef VNET_H
#define VNET_H

#include <linux/hrtimer.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/seqlock.h>
#include <linux/stringify.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <linux/u64_stats_sync.h>
#include <linux/virtio.h>
#include <linux/virtio_net.h>
#include <uapi/linux/virtio_net.h>
#include <linux/virtnet.h>

#include "netlink_gen.h"

#include "vring.h"
#include "topology.h"

#define VNET_DRV_NAME		"virtnet_emu"
#define VNET_MAX_PORTS		2
/* Device ids: 0..65535 (the guide's pf_id). */
#define VNET_MAX_DEV_ID		65535
/* A vdpa device's name in characters (VIRTNET_VDPA_NAME_MAX holds the NUL). */
#define VNET_VDPA_NAME_LEN	63
static_assert(VIRTNET_VDPA_NAME_MAX - 1 == VNET_VDPA_NAME_LEN);
#define VNET_DEFAULT_MSIX	32
#define VNET_MAX_MSIX		64
/* Largest frame the host may transmit: 64 KiB GSO + Ethernet + VLAN. */
#define VNET_MAX_TX_FRAME	65550
#define VNET_MAX_RX_CHAIN	(128 * 1024)
/* Host TX frames up to this size are copied into a linear skb. */
#define VNET_COPYBREAK		1536
/* MAC filter entries kept; more means "accept all" of that kind (QEMU). */
#define VNET_MAC_TABLE_SIZE	64

/*
 * What QEMU's shadow virtqueue refuses (QEMU 7.2, the strictest; QEMU 8
 * and later take CTRL_RX and CTRL_VLAN): left out of a vDPA function's
 * default offer, so the VM it is given to can migrate.
 */
#define VNET_VDPA_SVQ_REFUSED	(BIT_ULL(VIRTIO_RING_F_INDIRECT_DESC) |	\
				 BIT_ULL(VIRTIO_NET_F_GUEST_ANNOUNCE) |	\
				 BIT_ULL(VIRTIO_NET_F_NOTF_COAL) |	\
				 BIT_ULL(VIRTIO_NET_F_CTRL_RX) |	\
				 BIT_ULL(VIRTIO_NET_F_CTRL_VLAN) |	\
				 BIT_ULL(VIRTIO_NET_F_SPEED_DUPLEX))

/* A port, by index; the table is protected by vnet_functions_lock. */
struct vnet_port {
	u32 index;
	bool present;
	char ibdev[VIRTNET_IBDEV_MAX];
	char netdev[IFNAMSIZ];		/* uplink; "" if not given */
};

/* Written by the queue's single consumer (NAPI poll or lock holder). */
struct vnet_queue_stats {
	u64 packets;
	u64 bytes;
	u64 drops;
	u64 errors;
	u64 interrupts;
	struct u64_stats_sync syncp;
};

enum vnet_queue_kind {
	VNET_QUEUE_RX,			/* host RX: device writes */
	VNET_QUEUE_TX,			/* host TX: device reads */
	VNET_QUEUE_CTRL,
};

struct vnet_queue_counters {
	struct vnet_queue_stats s;
	u64 kicks;
};

struct vnet_queue {
	struct vnet_function *fn;
	struct vnet_pair *pair;		/* NULL for the control queue */
	u8 kind;			/* enum vnet_queue_kind */
	struct virtqueue *vq;		/* virtio transport: the driver's queue */
	struct vnet_vring vr;
	spinlock_t lock;		/* ring state vs. reset (RX, ctrl) */
	u16 index;
	bool bound;			/* vr has rings (vnet_queue_setup) */
	bool ready;			/* rings valid and DRIVER_OK */
	bool broken;			/* stopped on a ring violation */
	struct vnet_queue_stats stats;
	atomic64_t kicks;		/* from the driver's notify, any context */
	struct vnet_zc_ctx *zc;		/* host TX: zero-copy (zerocopy.c) */
	/* Interrupt coalescing (under lock): completions not yet signalled. */
	u32 coal_pending;
	struct hrtimer coal_timer;
	/* Scratch for the chain being processed (under lock or NAPI). */
	struct vnet_chain chain;
	struct vnet_chain chain2;
};

/* Interrupt after max_packets completions or usecs after the first. */
struct vnet_coal {
	u32 usecs;
	u32 max_packets;
};

/*
 * What the driver asked to receive (CTRL_RX, CTRL_MAC, CTRL_VLAN): frames
 * the representor sends that it does not want are dropped, as a NIC's
 * filter would. Written under config_lock; read by xmit with the seqcount.
 */
struct vnet_mac_tables {
	bool uc_overflow, mc_overflow;	/* tables too big: accept all */
	u8 uc_count, mc_count;
	u8 macs[VNET_MAC_TABLE_SIZE][ETH_ALEN];	/* unicast, then multicast */
};

struct vnet_rx_filter {
	seqcount_spinlock_t seq;
	bool mac_active;		/* the driver set a MAC table */
	bool vlan_active;		/* CTRL_VLAN negotiated */
	struct vnet_mac_tables tables;
	DECLARE_BITMAP(vlans, VLAN_N_VID);
};

struct vnet_pair {
	struct vnet_queue rxq;		/* host RX: device writes */
	struct vnet_queue txq;		/* host TX: device reads */
	struct napi_struct napi;	/* drains txq into the representor */
	u16 index;
};

/*
 * What the queues and the data path need from the bus the rings came
 * from: the virtio bus (transport.c) or vDPA (vdpa.c). Every member may
 * be called in softirq context with a queue lock held.
 */
struct vnet_transport {
	/* Driver address -> kernel address (a vnet_map_fn; ctx: the queue). */
	vnet_map_fn map;
	/* Tell the driver @q has new used entries. */
	void (*signal)(struct vnet_queue *q);
	/* Config space changed (link, NEEDS_RESET, announce). */
	void (*config_changed)(struct vnet_function *fn);
	/* @q broke a ring rule; optional: end a driver's busy wait on it. */
	void (*queue_failed)(struct vnet_queue *q);
};

enum vnet_mode {
	VNET_MODE_VIRTIO = VIRTNET_DEV_MODE_VIRTIO, /* transport.c */
	VNET_MODE_VDPA = VIRTNET_DEV_MODE_VDPA,	   /* vdpa.c */
};

struct vnet_vdpa;

struct vnet_function {
	/*
	 * One reference for the function table, one for each bus device
	 * that points here (dropped by the bus device's release).
	 */
	struct kref ref;
	/*
	 * The bus the function is on. Changed only with switching set or
	 * under vnet_functions_lock, while no driver uses the function.
	 */
	const struct vnet_transport *tp;
	u8 mode;			/* enum vnet_mode */
	bool switching;			/* a hand-over runs (handover.c) */
	bool del_requested;		/* vdpa dev del came meanwhile */
	struct virtio_device *vdev;	/* VNET_MODE_VIRTIO, on the bus */
	struct vnet_vdpa *vdpa;		/* VNET_MODE_VDPA, on the bus */
	struct device *bus_dev;		/* what a driver binds to, or NULL */
	u64 virtio_features;		/* device_features before vDPA */
	u32 id;
	u8 type;			/* enum virtnet_dev_type */
	u32 slot;			/* hotplug switch port, static PF index or VF id */
	struct vnet_function *parent;	/* VF: its static PF */
	/* Static PF: its VFs (vnet_functions_lock); VFs hold a reference. */
	DECLARE_BITMAP(vf_map, VIRTNET_MAX_VF);
	u32 num_vfs;
	u16 bdf;
	char vuid[VIRTNET_VUID_MAX];
	char bus_name[VNET_NAME_MAX];
	const struct vnet_port *port;
	u32 sf_num;

	/* Fixed at creation. */
	u8 mac[ETH_ALEN];
	u16 mtu;
	u16 num_queues;
	u16 num_pairs;
	u16 queue_size;
	bool legacy;
	u64 device_features;

	struct mutex state_lock;	/* transport state changes */
	u8 status;
	bool needs_reset;		/* a queue broke; until reset */
	u64 features;			/* negotiated (FEATURES_OK) */
	bool little_endian;		/* the rings' and headers' byte order */
	bool running;			/* NAPI enabled, queues ready */
	bool threads_made;		/* first bind made the NAPI threads */
	u32 hdr_len;			/* negotiated virtio-net header */
	bool guest_csum;
	bool mergeable;
	netdev_features_t guest_gso;	/* NETIF_F_TSO* the driver takes */

	spinlock_t config_lock;		/* config space, ctrl-queue state */
	u8 config_mac[ETH_ALEN];
	u16 link_status;		/* VIRTIO_NET_S_* */
	u32 config_generation;
	u32 rx_mode;			/* enum virtnet_rx_mode */
	u16 active_pairs;
	struct vnet_coal rx_coal;	/* host RX queues: packets delivered */
	struct vnet_coal tx_coal;	/* host TX queues: buffers completed */
	struct vnet_rx_filter filter;
	struct delayed_work announce_work; /* link up, then ANNOUNCE */
	struct work_struct ctrlq_work;	/* vDPA: control queue kicks */
	struct work_struct driver_work;	/* the DEV_DRIVER event (events.c) */
	bool driver_reported;		/* DRIVER_OK, as the last one said */

	struct vnet_pair *pairs;
	struct vnet_queue ctrlq;
	struct net_device *rep;
};

/* NL_SET_ERR_MSG() for a message chosen at run time (static storage). */
static inline void vnet_extack_set(struct netlink_ext_ack *extack,
				   const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

static inline bool vnet_has(const struct vnet_function *fn, unsigned int bit)
{
	return fn->features & BIT_ULL(bit);
}

/* The bus device's link back to its function (virtio or vdpa device). */
static inline struct vnet_function *vnet_bus_dev_fn(struct device *dev)
{
	return dev->platform_data;
}

static inline struct vnet_function *vdev_to_fn(struct virtio_device *vdev)
{
	return vnet_bus_dev_fn(&vdev->dev);
}

/* main.c */
u64 vnet_instance_id(void);
struct device *vnet_root_device(void);

/* params.c: the module parameters */
extern unsigned int vnet_hotplug_ports;
extern unsigned int vnet_max_virtq;
extern unsigned int vnet_num_static_pf;
extern unsigned int vnet_pf_total_sf;
extern unsigned int vnet_num_vf;
extern unsigned int vnet_num_msix;
extern bool vnet_tx_zerocopy;
#define VNET_UPDATE_TIMEOUT_DEFAULT	30
#define VNET_UPDATE_TIMEOUT_MAX		3600
extern unsigned int vnet_update_timeout;
const char *vnet_param_ibdev(u32 port);
u32 vnet_max_queues(void);
int vnet_params_check(void);

/* eswitch.c: devlink */
struct devlink_port;
int vnet_eswitch_init(void);
void vnet_eswitch_uninit(void);
struct device *vnet_eswitch_device(u32 port);
void vnet_lock(void);
bool vnet_trylock(void);
void vnet_unlock(void);
void vnet_eswitch_assert_locked(u32 port);
int vnet_eswitch_port_add(struct net_device *rep, struct devlink_port *dl,
			  u32 port, u32 sf_num);
void vnet_eswitch_port_del(struct devlink_port *dl);

/* ports.c */
int vnet_ports_init(void);
const struct vnet_port *vnet_port_find(const char *ibdev);
const struct vnet_port *vnet_port_get(u32 index);
bool vnet_ports_lag(void);
int vnet_ports_set(const struct vnet_port *ports, u32 n, bool lag,
		   struct netlink_ext_ack *extack);
void vnet_switch_id(u32 port_index, u8 *id, u32 len);

/* function.c */
struct vnet_create_args {
	const struct vnet_port *port;
	u8 mac[ETH_ALEN];
	u16 mtu;
	u16 num_queues;
	u16 queue_size;
	u64 features;
	bool legacy;
	s64 id;			/* -1: any */
	s64 sf_num;		/* -1: derived from the slot */
	s32 slot;		/* -1: the lowest free hotplug slot */
	u8 type;		/* enum virtnet_dev_type */
	u32 pf_index;		/* STATIC_PF: which one; VF: its parent */
	u32 vf_id;		/* VF */
	bool link_down;		/* recovery: born with the link down */
	u8 mode;		/* enum vnet_mode */
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];	/* "": the VUID */
	struct vnet_coal rx_coal, tx_coal;	/* recovery: coalescing */
};

extern struct mutex vnet_functions_lock;
int vnet_function_create(const struct vnet_create_args *args,
			 struct vnet_function **out,
			 struct netlink_ext_ack *extack);
void vnet_function_destroy(struct vnet_function *fn);
void vnet_function_get(struct vnet_function *fn);
void vnet_function_put(struct vnet_function *fn);
struct vnet_function *vnet_function_by_id(u32 id);
struct vnet_function *vnet_function_by_vuid(const char *vuid);
struct vnet_function *vnet_function_next(unsigned long *id);
u32 vnet_functions_generation(void);
u32 vnet_num_hotplug(void);
bool vnet_port_in_use(u32 index);
u32 vnet_port_functions(u32 index);
bool vnet_function_has_sf(u32 sf_num);
bool vnet_mac_in_use(const u8 *mac);
void vnet_functions_destroy_all(void);
struct vnet_function *vnet_static_pf(u32 index);
void vnet_functions_changed(void);

/* modify.c */
struct vnet_modify {
	bool has_mac, has_mtu, has_features, has_num_queues, has_queue_size;
	bool has_link, has_rx_coal, has_tx_coal;
	bool has_mode;			/* a hand-over; nothing else */
	bool has_sf_from;		/* an SF takeover; nothing else */
	u32 sf_from;			/* the source's DEV_ID */
	u8 mode;
	char vdpa_name[VIRTNET_VDPA_NAME_MAX];
	u8 mac[ETH_ALEN];
	u16 mtu;
	u64 features;
	u16 num_queues;
	u16 queue_size;
	bool link_up;
	struct vnet_coal rx_coal, tx_coal;
};

int vnet_function_modify(struct vnet_function *fn, const struct vnet_modify *m,
			 struct netlink_ext_ack *extack);

/* sriov.c */
extern const struct attribute_group *vnet_static_pf_groups[];
int vnet_vfs_set(struct vnet_function *pf, u32 n);
void vnet_vfs_destroy(struct vnet_function *pf);

/* transport.c: the virtio bus */
extern const struct vnet_transport vnet_detached_transport;
int vnet_virtio_attach(struct vnet_function *fn,
		       struct netlink_ext_ack *extack);
void vnet_virtio_detach(struct vnet_function *fn);
void vnet_transport_init(struct vnet_function *fn);
u8 vnet_function_status(struct vnet_function *fn);
void vnet_function_reset(struct vnet_function *fn);
size_t vnet_config_read(struct vnet_function *fn, unsigned int offset,
			void *buf, unsigned int len);
void vnet_config_write(struct vnet_function *fn, unsigned int offset,
		       const void *buf, unsigned int len);

/* queue.c (vnet_datapath_init needs fn->rep for its NAPI contexts) */
void *vnet_map_direct(void *ctx, u64 addr, u32 len, bool write, u32 *got,
		      const char **why);
void vnet_datapath_init(struct vnet_function *fn);
void vnet_datapath_napi_add(struct vnet_function *fn);
void vnet_datapath_napi_del(struct vnet_function *fn);
void vnet_datapath_start(struct vnet_function *fn);
void vnet_datapath_stop(struct vnet_function *fn);
int vnet_datapath_suspend(struct vnet_function *fn, unsigned long timeout);
bool vnet_datapath_notify(struct vnet_queue *q);
void vnet_queue_fail(struct vnet_queue *q, const char *why);
void vnet_queue_setup(struct vnet_queue *q, u32 num, const void *desc,
		      const void *avail, void *used);
void vnet_queue_clear(struct vnet_queue *q);
void vnet_queue_start(struct vnet_queue *q);
void vnet_queue_counters_read(const struct vnet_queue *q,
			      struct vnet_queue_counters *out);
void vnet_stats_add(struct vnet_queue *q, u64 packets, u64 bytes,
		    u64 drops, u64 errors, u64 interrupts);
u64 vnet_queue_complete(struct vnet_queue *q, u32 n);
bool vnet_rxq_needs_signal(struct vnet_queue *q);
void vnet_pair_threads(struct vnet_function *fn);

/* host_tx.c */
int vnet_pair_poll(struct napi_struct *napi, int budget);

/* host_rx.c */
netdev_tx_t vnet_rep_xmit(struct sk_buff *skb, struct net_device *dev);

/* zerocopy.c */
struct vnet_iov_iter;
void vnet_zc_start(struct vnet_queue *q);
void vnet_zc_stop(struct vnet_queue *q);
bool vnet_zc_possible(const struct vnet_queue *q, u32 len);
u32 vnet_zc_inflight(const struct vnet_queue *q);
bool vnet_zc_add_frags(struct sk_buff *skb, struct vnet_iov_iter *it,
		       u32 len);
bool vnet_zc_attach(struct sk_buff *skb, struct vnet_queue *q, u16 head);
void vnet_txq_complete_deferred(struct vnet_queue *q, u16 head);

/* ctrlq.c */
void vnet_ctrlq_process(struct vnet_queue *q);

/* rxfilter.c */
void vnet_rx_filter_init(struct vnet_function *fn);
void vnet_rx_filter_reset(struct vnet_function *fn);
void vnet_rx_filter_start(struct vnet_function *fn);
bool vnet_rx_filter_accepts(struct vnet_function *fn,
			    const struct sk_buff *skb);
void vnet_rx_filter_set_macs(struct vnet_function *fn,
			     const struct vnet_mac_tables *t);
void vnet_rx_filter_set_vlan(struct vnet_function *fn, u16 vid, bool on);

/* transport.c: live config changes the driver hears about */
void vnet_function_set_link(struct vnet_function *fn, bool up);
bool vnet_function_link_up(const struct vnet_function *fn);
void vnet_function_set_coal(struct vnet_function *fn, bool rx,
			    const struct vnet_coal *coal);

/* rep.c */
struct net_device *vnet_rep_alloc(u32 port_index, u32 sf_num, u32 max_pairs);
struct vnet_function *vnet_rep_function(struct net_device *dev);
struct vnet_function *vnet_rep_function_rcu(struct net_device *dev);
struct vnet_function *vnet_rep_function_locked(struct net_device *dev);
struct devlink_port *vnet_rep_dl_port(struct net_device *dev);
struct net_device *vnet_rep_from_dl_port(struct devlink_port *dl);
struct vnet_function *vnet_rep_function_rtnl(struct net_device *dev);
u32 vnet_rep_sf_num(struct net_device *dev);
u32 vnet_rep_port_index(struct net_device *dev);
struct list_head *vnet_rep_pool_node(struct net_device *dev);
struct net_device *vnet_rep_from_pool_node(struct list_head *node);
int vnet_rep_bind(struct vnet_function *fn);
void vnet_rep_unbind(struct vnet_function *fn);
int vnet_rep_register(struct net_device *dev);
void vnet_rep_destroy(struct net_device *dev);
void vnet_rep_set_function(struct net_device *dev, struct vnet_function *fn);
void vnet_rep_sync_carrier(struct net_device *dev);

/* rep_ethtool.c */
extern const struct ethtool_ops vnet_rep_ethtool_ops;

/* rep_qstats.c (kernels with netdev_stat_ops / netif_queue_set_napi) */
#ifdef VNET_HAVE_NETDEV_STAT_OPS
void vnet_rep_qstats_init(struct net_device *dev);
#else
static inline void vnet_rep_qstats_init(struct net_device *dev) {}
#endif
#ifdef VNET_HAVE_QUEUE_SET_NAPI
void vnet_rep_queues_link(struct vnet_function *fn);
void vnet_rep_queues_unlink(struct vnet_function *fn);
#else
static inline void vnet_rep_queues_link(struct vnet_function *fn) {}
static inline void vnet_rep_queues_unlink(struct vnet_function *fn) {}
#endif

/* takeover.c */
int vnet_sf_takeover(struct vnet_function *dst, struct vnet_function *src,
		     struct netlink_ext_ack *extack);

/* sfpool.c */
void vnet_sf_pool_init(void);
u32 vnet_sf_pool_size(void);
u32 vnet_sf_pool_idle(u32 port);
int vnet_sf_pool_set(u32 size, struct netlink_ext_ack *extack);
void vnet_sf_pool_port_gone(u32 port);
void vnet_sf_pool_destroy_all(void);
int vnet_sf_pool_add(u32 port, s64 sf_num, struct net_device **rep,
		     struct netlink_ext_ack *extack);
int vnet_sf_pool_del(u32 port, u32 sf_num, struct netlink_ext_ack *extack);
int vnet_sf_acquire(struct vnet_function *fn, s64 sf_num,
		    struct netlink_ext_ack *extack);
void vnet_sf_release(struct vnet_function *fn);

/* vdpa.c (kernels with CONFIG_VDPA and CONFIG_VHOST_IOTLB) */
#ifdef VNET_HAVE_VDPA
int vnet_vdpa_init(void);
void vnet_vdpa_uninit(void);
int vnet_vdpa_attach(struct vnet_function *fn, const char *name,
		     bool locked, struct netlink_ext_ack *extack);
void vnet_vdpa_publish(struct vnet_function *fn);
void vnet_vdpa_detach(struct vnet_function *fn, bool locked);
bool vnet_vdpa_owned(struct vnet_function *fn);
const char *vnet_vdpa_name(const struct vnet_function *fn);
#else
static inline int vnet_vdpa_init(void) { return 0; }
static inline void vnet_vdpa_uninit(void) {}
static inline int vnet_vdpa_attach(struct vnet_function *fn, const char *name,
				   bool locked, struct netlink_ext_ack *extack)
{
	return -EOPNOTSUPP;
}

static inline void vnet_vdpa_publish(struct vnet_function *fn) {}
static inline void vnet_vdpa_detach(struct vnet_function *fn, bool locked) {}
static inline bool vnet_vdpa_owned(struct vnet_function *fn) { return false; }
static inline const char *vnet_vdpa_name(const struct vnet_function *fn)
{
	return NULL;
}
#endif

/* handover.c: moving a function between the virtio and vdpa buses */
void vnet_switch_begin(struct vnet_function *fn);
void vnet_switch_end(struct vnet_function *fn);
int vnet_mode_check(u8 mode, struct netlink_ext_ack *extack);
int vnet_handover(struct vnet_function *fn, u8 mode, const char *vdpa_name,
		  struct netlink_ext_ack *extack);
int vnet_function_create_vdpa(struct vnet_create_args *args,
			      const char *vdpa_name,
			      struct vnet_function **out,
			      struct netlink_ext_ack *extack);
void vnet_handover_features(struct vnet_function *fn, u8 mode);
void vnet_handover_quiesce(void);
bool vnet_handover_closed(void);

/* nlparse.c */
bool vnet_missing(struct genl_info *info, int attr, const char *msg);
int vnet_parse_new(struct genl_info *info, struct vnet_create_args *args);
int vnet_parse_ports(struct genl_info *info, struct vnet_port *ports,
		     u32 *n);
int vnet_parse_modify(struct genl_info *info, struct vnet_modify *m);

/* netlink.c */
extern struct genl_family vnet_family;
int vnet_netlink_init(void);
void vnet_netlink_uninit(void);
void vnet_netlink_notify(struct vnet_function *fn, u8 cmd);
void vnet_netlink_notify_status(struct vnet_function *fn, u8 cmd, u8 status);
void vnet_netlink_notify_info(void);

/* events.c: DEV_DRIVER */
int vnet_events_init(void);
void vnet_events_uninit(void);
void vnet_events_function_init(struct vnet_function *fn);
void vnet_driver_status_changed(struct vnet_function *fn, u8 old);

/* relay.c: the controller relay */
int vnet_relay_init(void);
void vnet_relay_uninit(void);

#endif /* VNET_H */
