/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * virtnet: generic netlink API of the virtio-net device emulator
 * (virtnet_emu.ko).
 *
 * Family name VIRTNET_GENL_NAME, version VIRTNET_GENL_VERSION, one
 * multicast group VIRTNET_MCGRP_EVENTS. All attributes share one flat
 * namespace (enum virtnet_attr), like devlink. Every command has its own
 * strict policy: unknown attributes, wrong types and out-of-range values
 * are rejected with an extack message naming the attribute.
 *
 * Reads (GET commands, do and dump) are open to everybody. Commands that
 * change state need CAP_NET_ADMIN.
 *
 * VIRTNET_CMD_DEV_NEW  (hotplug a PF or bring up a static PF; CAP_NET_ADMIN)
 *   request:
 *     VIRTNET_ATTR_PORT_IBDEV     string, required: a configured port
 *     VIRTNET_ATTR_MAC            binary[6], required: unicast, non-zero,
 *                                 not used by another device
 *     VIRTNET_ATTR_MTU            u16, required: 68..9216
 *     VIRTNET_ATTR_NUM_QUEUES     u16, required: virtqueues including the
 *                                 control queue: 2 * pairs + 1, odd,
 *                                 3..max_virtq
 *     VIRTNET_ATTR_QUEUE_SIZE     u16, required: power of two, 64..32768
 *     VIRTNET_ATTR_FEATURES       u64, optional: 0 or absent = everything
 *                                 the device supports; otherwise exactly
 *                                 these bits, a subset of
 *                                 VIRTNET_ATTR_SUPPORTED_FEATURES
 *     VIRTNET_ATTR_LEGACY         flag, optional: transitional device
 *     VIRTNET_ATTR_DEV_ID         u32, optional: ask for this id (recovery)
 *     VIRTNET_ATTR_SF_NUM         u32, optional: ask for this SF number
 *                                 (recovery), 1000..99999
 *     VIRTNET_ATTR_DEV_BDF        u16, optional: ask for the hotplug switch
 *                                 port with this BDF (recovery): bus
 *                                 0x85 + port, device 0, function 0
 *     VIRTNET_ATTR_DEV_TYPE       u8, optional: HOTPLUG_PF (default),
 *                                 STATIC_PF (bring up a static PF; no BDF)
 *                                 or VF (rebuild a VF: recovery; the host
 *                                 makes VFs through sriov_numvfs)
 *     VIRTNET_ATTR_PF_INDEX       u32, with STATIC_PF or VF, required:
 *                                 which static PF, 0..num_static_pf-1 (for
 *                                 a VF: its parent, which must be up)
 *     VIRTNET_ATTR_VF_ID          u32, with VF, required: 0..num_vf-1
 *     VIRTNET_ATTR_LINK_UP        u8, optional: 0 = born with the link
 *                                 down (recovery); default up
 *     VIRTNET_ATTR_RX_COAL_USECS ... TX_COAL_MAX_PACKETS
 *                                 u32, optional: initial coalescing
 *                                 (recovery), as for DEV_SET; default 0
 *     VIRTNET_ATTR_DEV_MODE       u8, optional: enum virtnet_dev_mode,
 *                                 VIRTIO (default) or VDPA (EOPNOTSUPP on
 *                                 a kernel without CONFIG_VDPA)
 *     VIRTNET_ATTR_VDPA_NAME      string, optional, with DEV_MODE VDPA:
 *                                 the vdpa device's name, 1..63
 *                                 characters, no '/'; default the VUID
 *   A VF uses its parent's port (PORT_IBDEV must name it), cannot be
 *   transitional (LEGACY) and has no DEV_BDF of its own.
 *   reply: VIRTNET_CMD_DEV_NEW with the device attributes (see DEV_GET)
 *   event: VIRTNET_CMD_DEV_NEW to VIRTNET_MCGRP_EVENTS (also for each VF
 *          the host makes through sysfs)
 *
 * SR-IOV, host side: each static PF's virtio device has sriov_totalvfs
 * (num_vf) and sriov_numvfs in sysfs, like a PCI PF. Writing N to
 * sriov_numvfs makes VFs 0..N-1 and returns once all exist (all or none);
 * 0 removes them (event VIRTNET_CMD_DEV_DEL each). Changing N to another
 * non-zero N fails with EBUSY, as on PCI.
 *
 * VIRTNET_CMD_DEV_SET  (modify; CAP_NET_ADMIN)
 *   request: VIRTNET_ATTR_DEV_ID or VIRTNET_ATTR_DEV_VUID (exactly one) and
 *   at least one of:
 *     needing the host driver unbound (EBUSY otherwise; the driver sees
 *     them when it binds again), each as for DEV_NEW:
 *     VIRTNET_ATTR_MAC            binary[6]
 *     VIRTNET_ATTR_MTU            u16
 *     VIRTNET_ATTR_FEATURES       u64 (0 = everything supported)
 *     VIRTNET_ATTR_NUM_QUEUES     u16 (a VF: at most what its representor
 *                                 was made for)
 *     VIRTNET_ATTR_QUEUE_SIZE     u16
 *     live, bound or not:
 *     VIRTNET_ATTR_LINK_UP        u8, 0 or 1: the link state the driver
 *                                 sees (config-change interrupt; going up
 *                                 asks a GUEST_ANNOUNCE driver to announce)
 *     VIRTNET_ATTR_RX_COAL_USECS, VIRTNET_ATTR_RX_COAL_MAX_PACKETS,
 *     VIRTNET_ATTR_TX_COAL_USECS, VIRTNET_ATTR_TX_COAL_MAX_PACKETS
 *                                 u32: interrupt coalescing of every
 *                                 receive / transmit queue: interrupt after
 *                                 MAX_PACKETS completions or USECS after the
 *                                 first, whichever comes first (0 and 0:
 *                                 every completion). USECS 0..1000000,
 *                                 MAX_PACKETS 0..32768. A NOTF_COAL driver
 *                                 sets the same values (ethtool -C).
 *   or, alone (the hand-over; every other function keeps running):
 *     VIRTNET_ATTR_DEV_MODE       u8, enum virtnet_dev_mode: VIRTIO gives
 *                                 the function to the host's virtio bus,
 *                                 VDPA to the vdpa bus (vhost_vdpa or
 *                                 virtio_vdpa binds as the kernel
 *                                 chooses). Its id, VUID, BDF, MAC, SF
 *                                 and representor (ifindex) stay; the old
 *                                 bus's driver is unbound first. Refused
 *                                 with EBUSY while a vhost owner drives
 *                                 it (status not 0) or another hand-over
 *                                 of it runs, EALREADY in that mode.
 *     VIRTNET_ATTR_VDPA_NAME      string, optional, with DEV_MODE VDPA:
 *                                 as for DEV_NEW
 *   or, alone (the SF takeover after a live migration):
 *     VIRTNET_ATTR_SF_FROM        u32, the DEV_ID of another device on the
 *                                 same port: the two exchange their SFs
 *                                 (SF number and representor netdev with
 *                                 its name, ifindex, MAC and OVS port), so
 *                                 this device serves the other's
 *                                 representor. The other device must not
 *                                 run (vDPA-suspended, or DRIVER_OK not
 *                                 set; EBUSY otherwise); this one may,
 *                                 its rings stay. Each representor takes
 *                                 its new device's MTU, queue count,
 *                                 carrier and counters. ERANGE if a
 *                                 representor has room for fewer queue
 *                                 pairs than its new device has. Events:
 *                                 DEV_SET for both devices.
 *   The whole request is checked before anything changes. Nothing to
 *   change is EINVAL.
 *   reply and event: VIRTNET_CMD_DEV_SET with the device attributes
 *
 * VIRTNET_CMD_DEV_DEL  (unplug; CAP_NET_ADMIN)
 *   request: VIRTNET_ATTR_DEV_ID or VIRTNET_ATTR_DEV_VUID (exactly one)
 *   Static PFs cannot be unplugged (EOPNOTSUPP): they live with the module;
 *   neither can VFs: the host removes them (echo 0 > sriov_numvfs).
 *   event:   VIRTNET_CMD_DEV_DEL with the device attributes
 *
 * VIRTNET_CMD_DEV_GET  (do: one device by DEV_ID or DEV_VUID; dump: all,
 *                       in id order, with a generation counter: a dump
 *                       that raced with a change ends with
 *                       NLM_F_DUMP_INTR set)
 *   reply, per device:
 *     VIRTNET_ATTR_DEV_ID          u32
 *     VIRTNET_ATTR_DEV_VUID        string   e.g. "VNETS1D0F0"
 *     VIRTNET_ATTR_DEV_BDF         u16      bus << 8 | dev << 3 | fn
 *     VIRTNET_ATTR_DEV_TYPE        u8       enum virtnet_dev_type
 *     VIRTNET_ATTR_PF_INDEX        u32      (static PFs) its index; (VFs)
 *                                           its parent's index
 *     VIRTNET_ATTR_VF_ID           u32      (VFs) 0-based; VUID has VF_ID+1
 *     VIRTNET_ATTR_PARENT_ID       u32      (VFs) the parent PF's DEV_ID
 *     VIRTNET_ATTR_MAX_VF          u32      (static PFs) sriov_totalvfs
 *     VIRTNET_ATTR_NUM_VF          u32      (static PFs) sriov_numvfs
 *     VIRTNET_ATTR_PORT_IBDEV      string
 *     VIRTNET_ATTR_PORT_INDEX      u32
 *     VIRTNET_ATTR_MAC             binary[6]
 *     VIRTNET_ATTR_MTU             u16
 *     VIRTNET_ATTR_NUM_QUEUES      u16
 *     VIRTNET_ATTR_QUEUE_SIZE      u16
 *     VIRTNET_ATTR_NUM_MSIX        u16
 *     VIRTNET_ATTR_LEGACY          flag     (present when transitional)
 *     VIRTNET_ATTR_SF_NUM          u32
 *     VIRTNET_ATTR_SF_REP_IFNAME   string
 *     VIRTNET_ATTR_SF_REP_IFINDEX  u32
 *     VIRTNET_ATTR_DEVICE_FEATURES u64      offered to the driver
 *     VIRTNET_ATTR_DRIVER_FEATURES u64      negotiated (0 until FEATURES_OK)
 *     VIRTNET_ATTR_STATUS          u8       virtio device status byte
 *     VIRTNET_ATTR_LINK_UP         u8       1 if the link is up
 *     VIRTNET_ATTR_SPEED           u32      link speed in Mb/s
 *                                           (SPEED_DUPLEX; full duplex)
 *     VIRTNET_ATTR_RX_COAL_USECS ... TX_COAL_MAX_PACKETS   u32, see DEV_SET
 *     VIRTNET_ATTR_DRIVER_NAME     string   bound driver (absent if none)
 *     VIRTNET_ATTR_DEV_MODE        u8       enum virtnet_dev_mode
 *     VIRTNET_ATTR_VDPA_NAME       string   (vDPA mode) the vdpa device's
 *                                           name
 *     VIRTNET_ATTR_HOST_IFNAME     string   host netdev (absent if none)
 *     VIRTNET_ATTR_QUEUE_PAIRS_ACTIVE u16   pairs the driver enabled
 *     VIRTNET_ATTR_RX_MODE         u32      enum virtnet_rx_mode bits
 *     VIRTNET_ATTR_QUEUES          nest of VIRTNET_ATTR_QUEUE (nest):
 *        VIRTNET_QUEUE_ATTR_INDEX, _SIZE, _ENABLED, _BROKEN,
 *        _AVAIL_IDX, _USED_IDX, _PACKETS, _BYTES, _DROPS, _ERRORS,
 *        _KICKS, _INTERRUPTS
 *     VIRTNET_ATTR_GENERATION      u32      (dumps: the generation)
 *
 * VIRTNET_CMD_INFO_GET (do): the emulated topology and limits
 *   reply:
 *     VIRTNET_ATTR_MAX_HOTPLUG     u32      hotplug switch ports
 *     VIRTNET_ATTR_MAX_STATIC_PF   u32      static PFs (num_static_pf)
 *     VIRTNET_ATTR_MAX_VF          u32      VFs per static PF (num_vf)
 *     VIRTNET_ATTR_MAX_MSIX        u16      MSI-X vectors per function
 *                                           (num_msix); a function has at
 *                                           most min(num_msix, max_virtq)
 *                                           virtqueues
 *     VIRTNET_ATTR_PF_TOTAL_SF     u32      SFs each port has (pf_total_sf)
 *     VIRTNET_ATTR_SF_POOL_SIZE    u32      idle SFs the pool keeps per port
 *     VIRTNET_ATTR_NUM_HOTPLUG     u32      hotplug PFs present
 *     VIRTNET_ATTR_MAX_VIRTQ       u16      virtqueues per function
 *     VIRTNET_ATTR_MAX_QUEUE_SIZE  u16
 *     VIRTNET_ATTR_SUPPORTED_FEATURES u64
 *     VIRTNET_ATTR_GENERATION      u32
 *     VIRTNET_ATTR_INSTANCE_ID     u64      random, chosen at module load:
 *                                           a controller tells a reload
 *                                           (devices lost) from a restart
 *     VIRTNET_ATTR_PORT_LAG        flag     (present in LAG mode)
 *     VIRTNET_ATTR_PORTS           nest of VIRTNET_ATTR_PORT (nest):
 *        VIRTNET_ATTR_PORT_INDEX, VIRTNET_ATTR_PORT_IBDEV,
 *        VIRTNET_ATTR_PORT_NETDEV (when the controller gave one),
 *        VIRTNET_ATTR_SF_POOL_IDLE (idle pool SFs of this port)
 *
 * VIRTNET_CMD_PORT_SET (CAP_NET_ADMIN): replace the port table (the
 *                       controller does this from virtnet.conf)
 *   request:
 *     VIRTNET_ATTR_PORTS           nest, required: 1..2 VIRTNET_ATTR_PORT
 *                                  nests, each with
 *        VIRTNET_ATTR_PORT_INDEX   u32, required: 0..1, unique
 *        VIRTNET_ATTR_PORT_IBDEV   string, required: unique RDMA device
 *        VIRTNET_ATTR_PORT_NETDEV  string, optional: its uplink netdev
 *     VIRTNET_ATTR_PORT_LAG        flag, optional: one port, the LAG device
 *   A port that devices use keeps its index and RDMA device name: changing
 *   or removing it fails with EBUSY (only its netdev may change).
 *
 * VIRTNET_CMD_SF_POOL_SET (CAP_NET_ADMIN): size the SF pool (the
 *                          controller does this from virtnet.conf)
 *   request:
 *     VIRTNET_ATTR_SF_POOL_SIZE    u32, required: idle SFs to keep on each
 *                                  configured port, 0..pf_total_sf
 *   A pool SF is a representor netdev (en3f<p>pf<p>sf<N>, N from
 *   VIRTNET_POOL_SF_BASE up) without a device. The next device created on
 *   its port without an explicit SF_NUM (or with SF_NUM = N) takes the
 *   lowest-numbered one, keeping its number, netdev and ifindex; an
 *   unplugged device's SF returns to the pool while the pool is below its
 *   size. Growing creates the missing SFs, all or none; shrinking removes
 *   the highest-numbered idle ones. ENOSPC if devices plus pool would
 *   exceed pf_total_sf on a port.
 *
 * The controller relay. One controller (virtio-net-controller) registers
 * its socket; the kernel forwards the CLI's controller requests to it and
 * reports its state, so `virtnet update/log/version` need no other channel.
 * A registration ends when its socket closes (the controller exits, dies
 * or execs its successor during a live update).
 *
 * VIRTNET_CMD_CTRL_REGISTER (CAP_NET_ADMIN; sent by the controller)
 *   request:
 *     VIRTNET_ATTR_CTRL_VERSION     string, required: 1..31 characters
 *     VIRTNET_ATTR_CTRL_PID         u32, required
 *     VIRTNET_ATTR_CTRL_UPDATE_STATUS u8, optional: IN_PROGRESS from a
 *                                   live update's successor still starting,
 *                                   DONE once it is ready, FAILED when an
 *                                   update was abandoned. A registration
 *                                   without it during an update (a plain
 *                                   restart) marks the update FAILED.
 *     VIRTNET_ATTR_CTRL_LOG_LEVEL   u8, optional: the controller's level
 *     VIRTNET_ATTR_CTRL_STATUS      string, optional: 0..1023 characters,
 *                                   printable ASCII and newlines: what the
 *                                   controller reports as wrong, one
 *                                   problem per line (a static PF left
 *                                   down, recovery files it cannot
 *                                   write). Every registration replaces
 *                                   it (absent: none); it goes when the
 *                                   registration ends.
 *   The registered socket may register again (to report DONE or FAILED,
 *   or a new CTRL_STATUS); without UPDATE_STATUS that leaves the update
 *   status as it is.
 *   EBUSY while another socket is registered. The sender's socket then
 *   receives VIRTNET_CMD_CTRL_UPDATE and VIRTNET_CMD_CTRL_LOG_LEVEL.
 *
 * VIRTNET_CMD_CTRL_GET (do): the controller's state
 *   reply: VIRTNET_ATTR_CTRL_STATE (u8, enum virtnet_ctrl_state),
 *          VIRTNET_ATTR_CTRL_UPDATE_STATUS (u8, enum virtnet_update_status),
 *          VIRTNET_ATTR_CTRL_LOG_LEVEL (u8, enum virtnet_log_level),
 *          and while one is or was registered VIRTNET_ATTR_CTRL_PID,
 *          VIRTNET_ATTR_CTRL_VERSION; after an update
 *          VIRTNET_ATTR_CTRL_PREV_VERSION; while the registered controller
 *          reports a problem VIRTNET_ATTR_CTRL_STATUS
 *
 * VIRTNET_CMD_CTRL_UPDATE (CAP_NET_ADMIN): start a live update
 *   ENOENT without a controller, EBUSY while an update runs. Forwarded to
 *   the controller; CTRL_UPDATE_STATUS becomes IN_PROGRESS until the
 *   controller (its successor) registers with DONE or FAILED.
 *
 * VIRTNET_CMD_CTRL_LOG_LEVEL (CAP_NET_ADMIN): set the controller's level
 *   request: VIRTNET_ATTR_CTRL_LOG_LEVEL u8, required, enum virtnet_log_level
 *   ENOENT without a controller. Forwarded to the controller.
 *
 * VIRTNET_CMD_DEV_DRIVER (event only; nobody sends it)
 *   event: the device attributes, when a driver (host driver or vhost
 *   owner) brings the device up (VIRTNET_ATTR_STATUS has DRIVER_OK:
 *   bound) or resets it (no DRIVER_OK: unbound). Sent from a work item
 *   after the change, if the device still exists: one event per change of
 *   that state (a change undone before the work runs sends none).
 *
 * Events (VIRTNET_MCGRP_EVENTS), besides DEV_NEW, DEV_DEL, DEV_SET and
 * DEV_DRIVER:
 *   VIRTNET_CMD_CTRL_GET with the controller state, whenever it changes.
 *   VIRTNET_CMD_INFO_GET with the INFO_GET attributes after a change of
 *     the SF pool or the port table: SF_POOL_SET, PORT_SET, devlink port
 *     add and del (not for the idle SFs hotplug and unplug take and give
 *     back: DEV_NEW and DEV_DEL say that).
 */
#ifndef _UAPI_LINUX_VIRTNET_H
#define _UAPI_LINUX_VIRTNET_H

#define VIRTNET_GENL_NAME	"virtnet"
#define VIRTNET_GENL_VERSION	1
#define VIRTNET_MCGRP_EVENTS	"events"

/* Limits shared by the kernel and the tools. */
#define VIRTNET_MAX_HOTPLUG	16
#define VIRTNET_MIN_MTU		68
#define VIRTNET_MAX_MTU		9216
#define VIRTNET_MIN_QUEUE_SIZE	64
#define VIRTNET_MAX_QUEUE_SIZE	32768
#define VIRTNET_MIN_VIRTQ	3	/* one RX/TX pair + control queue */
#define VIRTNET_MAX_VIRTQ	31	/* 15 pairs + control queue */
#define VIRTNET_MIN_SF_NUM	1000
#define VIRTNET_MAX_SF_NUM	99999	/* en3f1pf1sf99999 fits IFNAMSIZ */
#define VIRTNET_HOTPLUG_SF_BASE	2000
#define VIRTNET_STATIC_SF_BASE	1000
#define VIRTNET_POOL_SF_BASE	3000	/* SF pool */
#define VIRTNET_MAX_TOTAL_SF	4096	/* pf_total_sf; keeps numbers < 99999 */
#define VIRTNET_MAX_STATIC_PF	4
#define VIRTNET_MAX_VF		126	/* per static PF (num_vf) */
#define VIRTNET_MAX_COAL_USECS	1000000
#define VIRTNET_MAX_COAL_PACKETS	32768
#define VIRTNET_LINK_SPEED	100000	/* Mb/s, as a 100G port; full duplex */
#define VIRTNET_VF_SF_BASE	3000	/* VFs, like the pool */
#define VIRTNET_IBDEV_MAX	64	/* including the NUL */
#define VIRTNET_VUID_MAX	32	/* including the NUL */
#define VIRTNET_VDPA_NAME_MAX	64	/* including the NUL */

enum virtnet_cmd {
	VIRTNET_CMD_UNSPEC,
	VIRTNET_CMD_DEV_NEW,
	VIRTNET_CMD_DEV_DEL,
	VIRTNET_CMD_DEV_GET,
	VIRTNET_CMD_INFO_GET,
	VIRTNET_CMD_PORT_SET,
	VIRTNET_CMD_CTRL_REGISTER,
	VIRTNET_CMD_CTRL_GET,
	VIRTNET_CMD_CTRL_UPDATE,
	VIRTNET_CMD_CTRL_LOG_LEVEL,
	VIRTNET_CMD_SF_POOL_SET,
	VIRTNET_CMD_DEV_SET,
	VIRTNET_CMD_DEV_DRIVER,		/* event only */

	__VIRTNET_CMD_MAX,
	VIRTNET_CMD_MAX = __VIRTNET_CMD_MAX - 1
};

enum virtnet_dev_type {
	VIRTNET_DEV_TYPE_STATIC_PF,
	VIRTNET_DEV_TYPE_HOTPLUG_PF,
	VIRTNET_DEV_TYPE_VF,
};

/* Which bus a function is on; DEV_NEW and DEV_SET choose it. */
enum virtnet_dev_mode {
	VIRTNET_DEV_MODE_VIRTIO,	/* the host's virtio bus (virtio_net) */
	VIRTNET_DEV_MODE_VDPA,		/* the vdpa bus (vhost_vdpa, virtio_vdpa) */
};

enum virtnet_ctrl_state {
	VIRTNET_CTRL_STATE_NONE,	/* no controller registered */
	VIRTNET_CTRL_STATE_RUNNING,
	VIRTNET_CTRL_STATE_UPDATING,	/* between exec and re-register */
};

enum virtnet_update_status {
	VIRTNET_UPDATE_NONE,		/* no update since the module loaded */
	VIRTNET_UPDATE_IN_PROGRESS,
	VIRTNET_UPDATE_DONE,
	VIRTNET_UPDATE_FAILED,
};

enum virtnet_log_level {
	VIRTNET_LOG_ERR,
	VIRTNET_LOG_INFO,
	VIRTNET_LOG_DEBUG,
};

#define VIRTNET_CTRL_VERSION_MAX	32	/* including the NUL */
#define VIRTNET_CTRL_STATUS_MAX		1024	/* including the NUL */

enum virtnet_rx_mode {
	VIRTNET_RX_MODE_PROMISC		= 1 << 0,
	VIRTNET_RX_MODE_ALLMULTI	= 1 << 1,
};

enum virtnet_attr {
	VIRTNET_ATTR_UNSPEC,
	VIRTNET_ATTR_PAD,
	VIRTNET_ATTR_DEV_ID,		/* u32 */
	VIRTNET_ATTR_DEV_VUID,		/* string */
	VIRTNET_ATTR_DEV_BDF,		/* u16 */
	VIRTNET_ATTR_DEV_TYPE,		/* u8, enum virtnet_dev_type */
	VIRTNET_ATTR_PORT_IBDEV,	/* string */
	VIRTNET_ATTR_PORT_INDEX,	/* u32 */
	VIRTNET_ATTR_MAC,		/* binary, ETH_ALEN */
	VIRTNET_ATTR_MTU,		/* u16 */
	VIRTNET_ATTR_NUM_QUEUES,	/* u16 */
	VIRTNET_ATTR_QUEUE_SIZE,	/* u16 */
	VIRTNET_ATTR_FEATURES,		/* u64 */
	VIRTNET_ATTR_LEGACY,		/* flag */
	VIRTNET_ATTR_NUM_MSIX,		/* u16 */
	VIRTNET_ATTR_SF_NUM,		/* u32 */
	VIRTNET_ATTR_SF_REP_IFNAME,	/* string */
	VIRTNET_ATTR_SF_REP_IFINDEX,	/* u32 */
	VIRTNET_ATTR_DEVICE_FEATURES,	/* u64 */
	VIRTNET_ATTR_DRIVER_FEATURES,	/* u64 */
	VIRTNET_ATTR_STATUS,		/* u8 */
	VIRTNET_ATTR_LINK_UP,		/* u8 */
	VIRTNET_ATTR_DRIVER_NAME,	/* string */
	VIRTNET_ATTR_HOST_IFNAME,	/* string */
	VIRTNET_ATTR_QUEUE_PAIRS_ACTIVE, /* u16 */
	VIRTNET_ATTR_RX_MODE,		/* u32, enum virtnet_rx_mode bits */
	VIRTNET_ATTR_QUEUES,		/* nest */
	VIRTNET_ATTR_QUEUE,		/* nest, enum virtnet_queue_attr */
	VIRTNET_ATTR_GENERATION,	/* u32 */
	VIRTNET_ATTR_MAX_HOTPLUG,	/* u32 */
	VIRTNET_ATTR_NUM_HOTPLUG,	/* u32 */
	VIRTNET_ATTR_MAX_VIRTQ,		/* u16 */
	VIRTNET_ATTR_MAX_QUEUE_SIZE,	/* u16 */
	VIRTNET_ATTR_SUPPORTED_FEATURES, /* u64 */
	VIRTNET_ATTR_PORTS,		/* nest */
	VIRTNET_ATTR_PORT,		/* nest: PORT_INDEX, PORT_IBDEV */
	VIRTNET_ATTR_PORT_NETDEV,	/* string: the port's uplink netdev */
	VIRTNET_ATTR_PORT_LAG,		/* flag */
	VIRTNET_ATTR_INSTANCE_ID,	/* u64 */
	VIRTNET_ATTR_CTRL_STATE,	/* u8, enum virtnet_ctrl_state */
	VIRTNET_ATTR_CTRL_PID,		/* u32 */
	VIRTNET_ATTR_CTRL_VERSION,	/* string */
	VIRTNET_ATTR_CTRL_PREV_VERSION,	/* string */
	VIRTNET_ATTR_CTRL_UPDATE_STATUS, /* u8, enum virtnet_update_status */
	VIRTNET_ATTR_CTRL_LOG_LEVEL,	/* u8, enum virtnet_log_level */
	VIRTNET_ATTR_PF_INDEX,		/* u32: static PF index */
	VIRTNET_ATTR_MAX_STATIC_PF,	/* u32 */
	VIRTNET_ATTR_PF_TOTAL_SF,	/* u32: SFs per port (pf_total_sf) */
	VIRTNET_ATTR_SF_POOL_SIZE,	/* u32: idle SFs kept per port */
	VIRTNET_ATTR_SF_POOL_IDLE,	/* u32: idle SFs a port has now */
	VIRTNET_ATTR_VF_ID,		/* u32: VF index in its PF, 0-based */
	VIRTNET_ATTR_PARENT_ID,		/* u32: a VF's parent PF DEV_ID */
	VIRTNET_ATTR_MAX_VF,		/* u32: VFs per static PF (num_vf) */
	VIRTNET_ATTR_NUM_VF,		/* u32: a static PF's VFs now */
	VIRTNET_ATTR_MAX_MSIX,		/* u16: MSI-X vectors (num_msix) */
	VIRTNET_ATTR_SPEED,		/* u32: Mb/s */
	VIRTNET_ATTR_RX_COAL_USECS,	/* u32 */
	VIRTNET_ATTR_RX_COAL_MAX_PACKETS, /* u32 */
	VIRTNET_ATTR_TX_COAL_USECS,	/* u32 */
	VIRTNET_ATTR_TX_COAL_MAX_PACKETS, /* u32 */
	VIRTNET_ATTR_VDPA_NAME,		/* string: a vDPA function's device */
	VIRTNET_ATTR_DEV_MODE,		/* u8, enum virtnet_dev_mode */
	VIRTNET_ATTR_SF_FROM,		/* u32: DEV_SET, take this device's SF */
	/*
	 * The controller's problems, one per line. 63 is the last number the
	 * tools' 64-bit presence masks (userspace/lib) can hold.
	 */
	VIRTNET_ATTR_CTRL_STATUS,	/* string */

	__VIRTNET_ATTR_MAX,
	VIRTNET_ATTR_MAX = __VIRTNET_ATTR_MAX - 1
};

enum virtnet_queue_attr {
	VIRTNET_QUEUE_ATTR_UNSPEC,
	VIRTNET_QUEUE_ATTR_PAD,
	VIRTNET_QUEUE_ATTR_INDEX,	/* u16 */
	VIRTNET_QUEUE_ATTR_SIZE,	/* u16, as set up by the driver */
	VIRTNET_QUEUE_ATTR_ENABLED,	/* u8 */
	VIRTNET_QUEUE_ATTR_BROKEN,	/* u8: stopped on a ring violation */
	VIRTNET_QUEUE_ATTR_AVAIL_IDX,	/* u16: device's last seen avail */
	VIRTNET_QUEUE_ATTR_USED_IDX,	/* u16 */
	VIRTNET_QUEUE_ATTR_PACKETS,	/* u64 */
	VIRTNET_QUEUE_ATTR_BYTES,	/* u64 */
	VIRTNET_QUEUE_ATTR_DROPS,	/* u64 */
	VIRTNET_QUEUE_ATTR_ERRORS,	/* u64 */
	VIRTNET_QUEUE_ATTR_KICKS,	/* u64 */
	VIRTNET_QUEUE_ATTR_INTERRUPTS,	/* u64 */

	__VIRTNET_QUEUE_ATTR_MAX,
	VIRTNET_QUEUE_ATTR_MAX = __VIRTNET_QUEUE_ATTR_MAX - 1
};

#endif /* _UAPI_LINUX_VIRTNET_H */
