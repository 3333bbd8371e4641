// SPDX-License-Identifier: GPL-2.0
/*
 * Naming and topology rules; see topology.h and docs/topology.md.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/virtio_config.h>
#include <linux/virtio_net.h>
#else
#include <stdio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_net.h>
#endif
#include <linux/virtnet.h>
#include "topology.h"

static int vnet_fmt_result(int n, u32 len)
{
	return n < 0 || (u32)n >= len ? -ENAMETOOLONG : 0;
}

u16 vnet_static_bdf(u32 index)
{
	return (u16)(VNET_HOTPLUG_FIRST_BUS << 8 | (VNET_STATIC_FIRST_FN + index));
}

u32 vnet_static_sf_num(u32 index)
{
	return VIRTNET_STATIC_SF_BASE + index;
}

u16 vnet_vf_bdf(u32 pf, u32 vf)
{
	if (!pf)
		return (u16)(VNET_HOTPLUG_FIRST_BUS << 8 | (VNET_VF0_FIRST_DEVFN + vf));
	return (u16)((VNET_VF_FIRST_BUS + pf - 1) << 8 | (1 + vf));
}

int vnet_vf_vuid(u32 pf, u32 vf, char *buf, u32 len)
{
	return vnet_fmt_result(snprintf(buf, len, "VNETS0D0F%uVF%u", pf + 2,
					vf + 1), len);
}

u16 vnet_hotplug_bdf(u32 slot)
{
	return (u16)((VNET_HOTPLUG_FIRST_BUS + slot) << 8);
}

u32 vnet_hotplug_sf_num(u32 slot)
{
	return VIRTNET_HOTPLUG_SF_BASE + slot;
}

int vnet_hotplug_vuid(u32 slot, char *buf, u32 len)
{
	return vnet_fmt_result(snprintf(buf, len, "VNETS1D%uF0", slot), len);
}

int vnet_static_vuid(u32 index, char *buf, u32 len)
{
	return vnet_fmt_result(snprintf(buf, len, "VNETS0D0F%u", index + 2), len);
}

int vnet_bus_name(u16 bdf, char *buf, u32 len)
{
	return vnet_fmt_result(snprintf(buf, len, "0000:%02x:%02x.%x",
					bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7),
			       len);
}

/* udev's naming for an SF representor: en3f<port>pf<pf>sf<sfnum>. */
int vnet_rep_name(u32 port, u32 sf_num, char *buf, u32 len)
{
	return vnet_fmt_result(snprintf(buf, len, "en3f%upf%usf%u",
					port, port, sf_num), len);
}

#define F(x)	BIT_ULL(VIRTIO_NET_F_##x)

u64 vnet_supported_features(void)
{
	return BIT_ULL(VIRTIO_F_VERSION_1) |
	       BIT_ULL(VIRTIO_RING_F_INDIRECT_DESC) |
	       BIT_ULL(VIRTIO_RING_F_EVENT_IDX) |
	       F(CSUM) | F(GUEST_CSUM) | F(MTU) | F(MAC) |
	       F(GUEST_TSO4) | F(GUEST_TSO6) |
	       F(HOST_TSO4) | F(HOST_TSO6) | F(MRG_RXBUF) | F(STATUS) |
	       F(CTRL_VQ) | F(CTRL_RX) | F(CTRL_VLAN) | F(GUEST_ANNOUNCE) |
	       F(CTRL_MAC_ADDR) | F(MQ) | F(NOTF_COAL) | F(SPEED_DUPLEX);
}

int vnet_features_resolve(u64 requested, u32 num_queues, bool legacy,
			  u64 *offered, const char **why)
{
	static const struct {
		u64 feature, needs;
		const char *why;
	} deps[] = {
		{ F(HOST_TSO4), F(CSUM), "HOST_TSO4 requires CSUM" },
		{ F(HOST_TSO6), F(CSUM), "HOST_TSO6 requires CSUM" },
		{ F(GUEST_TSO4), F(GUEST_CSUM),
		  "GUEST_TSO4 requires GUEST_CSUM" },
		{ F(GUEST_TSO6), F(GUEST_CSUM),
		  "GUEST_TSO6 requires GUEST_CSUM" },
		{ F(CTRL_RX), F(CTRL_VQ), "CTRL_RX requires CTRL_VQ" },
		{ F(CTRL_VLAN), F(CTRL_VQ), "CTRL_VLAN requires CTRL_VQ" },
		{ F(GUEST_ANNOUNCE), F(CTRL_VQ),
		  "GUEST_ANNOUNCE requires CTRL_VQ" },
		{ F(NOTF_COAL), F(CTRL_VQ), "NOTF_COAL requires CTRL_VQ" },
		{ F(CTRL_MAC_ADDR), F(CTRL_VQ),
		  "CTRL_MAC_ADDR requires CTRL_VQ" },
		{ F(MQ), F(CTRL_VQ), "MQ requires CTRL_VQ" },
	};
	u64 f;
	u32 i;

	if (!requested) {
		f = vnet_supported_features();
	} else {
		/*
		 * A device always offers its MAC. A modern one always offers
		 * VERSION_1; a transitional one may leave it out, and a
		 * driver then drives it in legacy mode.
		 */
		f = requested | F(MAC);
		if (!legacy)
			f |= BIT_ULL(VIRTIO_F_VERSION_1);
		if (f & ~vnet_supported_features()) {
			*why = "features: unsupported feature bit requested";
			return -EINVAL;
		}
		for (i = 0; i < ARRAY_SIZE(deps); i++) {
			if ((f & deps[i].feature) && !(f & deps[i].needs)) {
				*why = deps[i].why;
				return -EINVAL;
			}
		}
	}
	if (num_queues > VIRTNET_MIN_VIRTQ && !(f & F(MQ))) {
		*why = "num_queues: more than one queue pair requires MQ";
		return -EINVAL;
	}
	*offered = f;
	return 0;
}

#undef F

bool vnet_mac_is_valid_unicast(const u8 *mac)
{
	return !(mac[0] & 1) &&
	       (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
}

bool vnet_queue_size_is_valid(u32 size)
{
	return size >= VIRTNET_MIN_QUEUE_SIZE &&
	       size <= VIRTNET_MAX_QUEUE_SIZE && !(size & (size - 1));
}

bool vnet_num_queues_is_valid(u32 num, u32 max_virtq)
{
	return num >= VIRTNET_MIN_VIRTQ && num <= max_virtq && (num & 1);
}
