/* fixtures.c - sample devices and messages shared by the unit tests. */
#include "fixtures.h"

#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "bdf.h"

void fixture_dev(struct virtnet_dev *dev)
{
	static const uint8_t mac[6] = { 0x0c, 0xc4, 0x7a, 0xff, 0x22, 0x93 };

	memset(dev, 0, sizeof(*dev));
	dev->id = 0;
	strcpy(dev->vuid, "VNETS1D0F0");
	dev->bdf = VIRTNET_BDF(0x85, 0, 0);
	dev->type = VIRTNET_DEV_TYPE_HOTPLUG_PF;
	strcpy(dev->ibdev, "mlx5_0");
	dev->port_index = 0;
	memcpy(dev->mac, mac, 6);
	dev->mtu = 1500;
	dev->num_queues = 3;
	dev->queue_size = 1024;
	dev->num_msix = 10;
	dev->sf_num = 2000;
	strcpy(dev->sf_rep_ifname, "en3f0pf0sf2000");
	dev->sf_rep_ifindex = 19;
	dev->device_features = (1ULL << 32) | (1ULL << 17) | (1ULL << 5) | 1;
	dev->driver_features = (1ULL << 32) | (1ULL << 5);
	dev->status = 0x0f;
	dev->link_up = 1;
	strcpy(dev->driver_name, "virtio_net");
	strcpy(dev->host_ifname, "eth1");
	dev->queue_pairs_active = 1;
	dev->rx_mode = VIRTNET_RX_MODE_PROMISC;
	dev->generation = 7;
	dev->nqueues = 3;
	for (unsigned int i = 0; i < 3; i++) {
		struct virtnet_queue *q = &dev->queues[i];

		q->index = (uint16_t)i;
		q->size = i == 2 ? 64 : 1024;
		q->enabled = 1;
		q->broken = i == 1;
		q->avail_idx = (uint16_t)(100 + i);
		q->used_idx = (uint16_t)(90 + i);
		q->packets = 1000 + i;
		q->bytes = 5000000000ULL + i;	/* needs 64 bits */
		q->drops = i;
		q->errors = 0;
		q->kicks = 50 + i;
		q->interrupts = 40 + i;
	}
	for (int a = VIRTNET_ATTR_DEV_ID; a <= VIRTNET_ATTR_GENERATION; a++)
		if (a != VIRTNET_ATTR_QUEUE && a != VIRTNET_ATTR_FEATURES &&
		    a != VIRTNET_ATTR_LEGACY)
			dev->present |= 1ULL << a;
}

void fixture_vf(struct virtnet_dev *dev)
{
	static const uint8_t mac[6] = { 0x5a, 0x94, 0x07, 0x04, 0xf6, 0x1c };

	fixture_dev(dev);
	dev->id = 4;
	strcpy(dev->vuid, "VNETS0D0F2VF1");
	dev->bdf = VIRTNET_BDF(0x85, 4, 5);
	dev->type = VIRTNET_DEV_TYPE_VF;
	dev->pf_index = 0;
	dev->vf_id = 0;
	dev->parent_id = 1;
	memcpy(dev->mac, mac, 6);
	dev->num_queues = 3;
	dev->queue_size = 256;
	dev->num_msix = 4;
	dev->sf_num = 3000;
	strcpy(dev->sf_rep_ifname, "en3f0pf0sf3000");
	dev->present |= (1ULL << VIRTNET_ATTR_PF_INDEX) | (1ULL << VIRTNET_ATTR_VF_ID) |
			(1ULL << VIRTNET_ATTR_PARENT_ID);
}

void fixture_static_pf(struct virtnet_dev *dev)
{
	static const uint8_t mac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };

	fixture_dev(dev);
	dev->id = 1;
	strcpy(dev->vuid, "VNETS0D0F2");
	dev->bdf = VIRTNET_BDF(0x85, 0, 3);
	dev->type = VIRTNET_DEV_TYPE_STATIC_PF;
	dev->pf_index = 0;
	dev->max_vf = 126;
	dev->num_vf = 2;
	memcpy(dev->mac, mac, 6);
	dev->num_queues = 5;
	dev->queue_size = 256;
	dev->num_msix = 6;
	dev->sf_num = 1000;
	strcpy(dev->sf_rep_ifname, "en3f0pf0sf1000");
	dev->present |= (1ULL << VIRTNET_ATTR_PF_INDEX) | (1ULL << VIRTNET_ATTR_MAX_VF) |
			(1ULL << VIRTNET_ATTR_NUM_VF);
}

void fixture_info(struct virtnet_info *info)
{
	memset(info, 0, sizeof(*info));
	info->max_hotplug = 16;
	info->num_hotplug = 1;
	info->max_static_pf = 2;
	info->max_vf = 126;
	info->max_msix = 10;
	info->pf_total_sf = 64;
	info->sf_pool_size = 3;
	info->max_virtq = 31;
	info->max_queue_size = 32768;
	info->supported_features = 0x1000f0023ULL;
	info->generation = 3;
	info->nports = 2;
	info->ports[0].index = 0;
	strcpy(info->ports[0].ibdev, "mlx5_0");
	info->ports[0].sf_pool_idle = 1;
	info->ports[1].index = 1;
	strcpy(info->ports[1].ibdev, "mlx5_1");
	info->ports[1].sf_pool_idle = 3;
	info->present = (1ULL << VIRTNET_ATTR_MAX_HOTPLUG) | (1ULL << VIRTNET_ATTR_NUM_HOTPLUG) |
			(1ULL << VIRTNET_ATTR_MAX_VIRTQ) | (1ULL << VIRTNET_ATTR_MAX_QUEUE_SIZE) |
			(1ULL << VIRTNET_ATTR_SUPPORTED_FEATURES) |
			(1ULL << VIRTNET_ATTR_GENERATION) | (1ULL << VIRTNET_ATTR_PORTS) |
			(1ULL << VIRTNET_ATTR_MAX_STATIC_PF) | (1ULL << VIRTNET_ATTR_PF_TOTAL_SF) |
			(1ULL << VIRTNET_ATTR_SF_POOL_SIZE) | (1ULL << VIRTNET_ATTR_MAX_VF) |
			(1ULL << VIRTNET_ATTR_MAX_MSIX);
}

static struct nl_msg *new_reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 1, 1, 0x20, 0, 0, cmd, VIRTNET_GENL_VERSION);
	return msg;
}

struct nl_msg *fixture_dev_msg(void)
{
	struct virtnet_dev d;
	struct nl_msg *msg = new_reply(VIRTNET_CMD_DEV_GET);
	struct nlattr *queues;

	fixture_dev(&d);
	nla_put_u32(msg, VIRTNET_ATTR_DEV_ID, d.id);
	nla_put_string(msg, VIRTNET_ATTR_DEV_VUID, d.vuid);
	nla_put_u16(msg, VIRTNET_ATTR_DEV_BDF, d.bdf);
	nla_put_u8(msg, VIRTNET_ATTR_DEV_TYPE, d.type);
	nla_put_string(msg, VIRTNET_ATTR_PORT_IBDEV, d.ibdev);
	nla_put_u32(msg, VIRTNET_ATTR_PORT_INDEX, d.port_index);
	nla_put(msg, VIRTNET_ATTR_MAC, 6, d.mac);
	nla_put_u16(msg, VIRTNET_ATTR_MTU, d.mtu);
	nla_put_u16(msg, VIRTNET_ATTR_NUM_QUEUES, d.num_queues);
	nla_put_u16(msg, VIRTNET_ATTR_QUEUE_SIZE, d.queue_size);
	nla_put_u16(msg, VIRTNET_ATTR_NUM_MSIX, d.num_msix);
	nla_put_u32(msg, VIRTNET_ATTR_SF_NUM, d.sf_num);
	nla_put_string(msg, VIRTNET_ATTR_SF_REP_IFNAME, d.sf_rep_ifname);
	nla_put_u32(msg, VIRTNET_ATTR_SF_REP_IFINDEX, d.sf_rep_ifindex);
	nla_put(msg, VIRTNET_ATTR_PAD, 0, NULL);	/* as nla_put_u64_64bit() adds */
	nla_put_u64(msg, VIRTNET_ATTR_DEVICE_FEATURES, d.device_features);
	nla_put_u64(msg, VIRTNET_ATTR_DRIVER_FEATURES, d.driver_features);
	nla_put_u8(msg, VIRTNET_ATTR_STATUS, d.status);
	nla_put_u8(msg, VIRTNET_ATTR_LINK_UP, d.link_up);
	nla_put_string(msg, VIRTNET_ATTR_DRIVER_NAME, d.driver_name);
	nla_put_string(msg, VIRTNET_ATTR_HOST_IFNAME, d.host_ifname);
	nla_put_u16(msg, VIRTNET_ATTR_QUEUE_PAIRS_ACTIVE, d.queue_pairs_active);
	nla_put_u32(msg, VIRTNET_ATTR_RX_MODE, d.rx_mode);
	queues = nla_nest_start(msg, VIRTNET_ATTR_QUEUES);
	for (unsigned int i = 0; i < d.nqueues; i++) {
		const struct virtnet_queue *q = &d.queues[i];
		struct nlattr *nest = nla_nest_start(msg, VIRTNET_ATTR_QUEUE);

		nla_put_u16(msg, VIRTNET_QUEUE_ATTR_INDEX, q->index);
		nla_put_u16(msg, VIRTNET_QUEUE_ATTR_SIZE, q->size);
		nla_put_u8(msg, VIRTNET_QUEUE_ATTR_ENABLED, q->enabled);
		nla_put_u8(msg, VIRTNET_QUEUE_ATTR_BROKEN, q->broken);
		nla_put_u16(msg, VIRTNET_QUEUE_ATTR_AVAIL_IDX, q->avail_idx);
		nla_put_u16(msg, VIRTNET_QUEUE_ATTR_USED_IDX, q->used_idx);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_PACKETS, q->packets);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_BYTES, q->bytes);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_DROPS, q->drops);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_ERRORS, q->errors);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_KICKS, q->kicks);
		nla_put_u64(msg, VIRTNET_QUEUE_ATTR_INTERRUPTS, q->interrupts);
		nla_nest_end(msg, nest);
	}
	nla_nest_end(msg, queues);
	nla_put_u32(msg, VIRTNET_ATTR_GENERATION, d.generation);
	return msg;
}

struct nl_msg *fixture_info_msg(void)
{
	struct virtnet_info info;
	struct nl_msg *msg = new_reply(VIRTNET_CMD_INFO_GET);
	struct nlattr *ports;

	fixture_info(&info);
	nla_put_u32(msg, VIRTNET_ATTR_MAX_HOTPLUG, info.max_hotplug);
	nla_put_u32(msg, VIRTNET_ATTR_NUM_HOTPLUG, info.num_hotplug);
	nla_put_u32(msg, VIRTNET_ATTR_MAX_STATIC_PF, info.max_static_pf);
	nla_put_u32(msg, VIRTNET_ATTR_PF_TOTAL_SF, info.pf_total_sf);
	nla_put_u32(msg, VIRTNET_ATTR_SF_POOL_SIZE, info.sf_pool_size);
	nla_put_u32(msg, VIRTNET_ATTR_MAX_VF, info.max_vf);
	nla_put_u16(msg, VIRTNET_ATTR_MAX_MSIX, info.max_msix);
	nla_put_u16(msg, VIRTNET_ATTR_MAX_VIRTQ, info.max_virtq);
	nla_put_u16(msg, VIRTNET_ATTR_MAX_QUEUE_SIZE, info.max_queue_size);
	nla_put_u64(msg, VIRTNET_ATTR_SUPPORTED_FEATURES, info.supported_features);
	nla_put_u32(msg, VIRTNET_ATTR_GENERATION, info.generation);
	ports = nla_nest_start(msg, VIRTNET_ATTR_PORTS);
	for (unsigned int i = 0; i < info.nports; i++) {
		struct nlattr *nest = nla_nest_start(msg, VIRTNET_ATTR_PORT);

		nla_put_u32(msg, VIRTNET_ATTR_PORT_INDEX, info.ports[i].index);
		nla_put_string(msg, VIRTNET_ATTR_PORT_IBDEV, info.ports[i].ibdev);
		nla_put_u32(msg, VIRTNET_ATTR_SF_POOL_IDLE, info.ports[i].sf_pool_idle);
		nla_nest_end(msg, nest);
	}
	nla_nest_end(msg, ports);
	return msg;
}

struct nlattr *fixture_attrs(struct nl_msg *msg, int *len)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));

	*len = genlmsg_attrlen(gh, 0);
	return genlmsg_attrdata(gh, 0);
}
