/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naming and topology rules of the emulated functions: PCI addresses,
 * VUIDs, SF numbers, representor names, and which virtio-net feature sets
 * a function may offer. Pure functions, shared with the unit tests; the
 * rules are documented in docs/topology.md.
 */
#ifndef VNET_TOPOLOGY_H
#define VNET_TOPOLOGY_H

#include "vring_env.h"

/* Hotplug PFs: switch port @slot has its own bus, first one 0x85. */
#define VNET_HOTPLUG_FIRST_BUS	0x85
/* Long enough for "0000:85:00.0", "VNETS1D15F0", "en3f1pf1sf4294967295". */
#define VNET_NAME_MAX		24

/*
 * Static PF @i: function 3 + i of bus 0x85 (the guide's 85:00.3), VUID
 * VNETS0D0F<2 + i> (the guide's VNETS0D0F2), SF 1000 + i.
 */
#define VNET_STATIC_FIRST_FN	3
u16 vnet_static_bdf(u32 index);
u32 vnet_static_sf_num(u32 index);
int vnet_static_vuid(u32 index, char *buf, u32 len);

/*
 * VF @vf (0-based) of static PF @pf, as SR-IOV places it: stride 1, and a
 * first-VF offset that puts static PF 0's VFs from 85:04.5 on (the
 * guide's example) and static PF i >= 1's VFs from function 1 of bus
 * 0x94 + i, past the hotplug buses, so no two functions ever share an
 * address. VUID VNETS0D0F<2 + pf>VF<vf + 1> (the guide's VNETS0D0F2VF1).
 */
#define VNET_VF0_FIRST_DEVFN	0x25
#define VNET_VF_FIRST_BUS	0x95
u16 vnet_vf_bdf(u32 pf, u32 vf);
int vnet_vf_vuid(u32 pf, u32 vf, char *buf, u32 len);

u16 vnet_hotplug_bdf(u32 slot);
u32 vnet_hotplug_sf_num(u32 slot);
int vnet_hotplug_vuid(u32 slot, char *buf, u32 len);
int vnet_bus_name(u16 bdf, char *buf, u32 len);
int vnet_rep_name(u32 port, u32 sf_num, char *buf, u32 len);

/* Virtio feature bits this device can offer. */
u64 vnet_supported_features(void);
/*
 * Resolves what a function offers from the operator's mask (0 = every
 * supported feature), its queue count and whether it is transitional. Returns 0 and sets *offered,
 * or -EINVAL with *why naming the problem.
 */
int vnet_features_resolve(u64 requested, u32 num_queues, bool legacy,
			  u64 *offered, const char **why);

bool vnet_mac_is_valid_unicast(const u8 *mac);
bool vnet_queue_size_is_valid(u32 size);
bool vnet_num_queues_is_valid(u32 num, u32 max_virtq);

#endif /* VNET_TOPOLOGY_H */
