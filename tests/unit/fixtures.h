/* fixtures.h - sample devices and messages shared by the unit tests. */
#ifndef VIRTNET_TEST_FIXTURES_H
#define VIRTNET_TEST_FIXTURES_H

#include <netlink/msg.h>

#include "device.h"

/* The guide's hotplug PF: id 0, VNETS1D0F0, 85:00.0, sf 2000, 3 queues. */
void fixture_dev(struct virtnet_dev *dev);
void fixture_info(struct virtnet_info *info);
/* The guide's VF: VF 0 (VNETS0D0F2VF1, id 4) of static PF 0 (id 1), sf 3000. */
void fixture_vf(struct virtnet_dev *dev);
/* Static PF 0: id 1, VNETS0D0F2, 85:00.3, sf 1000, 2 of 126 VFs. */
void fixture_static_pf(struct virtnet_dev *dev);

/* A DEV_GET reply carrying every attribute of fixture_dev(). */
struct nl_msg *fixture_dev_msg(void);
/* An INFO_GET reply for fixture_info(). */
struct nl_msg *fixture_info_msg(void);

/* The attributes after the genl header of msg. */
struct nlattr *fixture_attrs(struct nl_msg *msg, int *len);

#endif /* VIRTNET_TEST_FIXTURES_H */
