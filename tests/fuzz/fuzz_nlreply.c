// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_nlreply.c - libFuzzer target for what the CLI and the controller
 * make of the kernel's netlink messages (userspace/lib and cli/): a
 * receive buffer of any bytes, walked message by message the way libnl
 * does (nlmsg_ok/nlmsg_next), each message copied to a heap block of
 * exactly nlmsg_len bytes so that ASan sees any read past it.
 *
 *  - NLMSG_ERROR and NLMSG_DONE: virtnet_genl_parse_ack() (genl.c: the
 *    error, extack message, missing attribute, offending attribute of the
 *    request echoed back, NLM_F_CAPPED and NLM_F_ACK_TLVS);
 *  - any other type is a reply or event of the family: the genl header
 *    check on_valid() does, the strict attribute parser (attrs.c), then
 *    every struct builder whatever the command (device.c's device and
 *    INFO_GET, ctrl.c's CTRL_GET), what the CLI prints of them (cli's
 *    JSON objects of list, query, hotplug, modify, stats, update and the
 *    controller) and the controller's recovery record of a device.
 *
 * Invariants checked (abort() on violation):
 *  - parse_ack returns 0 or a negative errno (never positive), and its
 *    message is NUL-terminated within the buffer;
 *  - attribute parsing rejects with -EBADMSG and a message; an accepted
 *    set has every known attribute in tb[] of exactly its spec's size
 *    (integers, flags, binary) or NUL-terminated within its bound
 *    (strings), and each appears once;
 *  - a builder rejects with -EBADMSG and a message; an accepted device has
 *    DEV_ID and DEV_VUID, a present mask of only known attributes, at
 *    most VIRTNET_MAX_VIRTQ queues and NUL-terminated strings; INFO at
 *    most VIRTNET_MAX_PORTS ports; CTRL NUL-terminated strings;
 *  - the JSON builders give an object; stats of one queue exactly when it
 *    is one of the device's (below NUM_QUEUES, or listed when NUM_QUEUES
 *    is absent or insane), else NULL with a message.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "attrs.h"
#include "cli.h"
#include "ctrl.h"
#include "device.h"
#include "genl.h"
#include "output.h"
#include "recovery.h"
#include "fuzz_check.h"

#define TERMINATED(s) CHECK(memchr((s), '\0', sizeof(s)))

static void drop(json_t *j)
{
	char *text;

	CHECK(j);
	text = json_dumps(j, JSON_COMPACT);
	CHECK(text);
	free(text);
	json_decref(j);
}

static void check_attrs(const struct virtnet_attr_space *space, struct nlattr **tb)
{
	static const int fixed[] = {
		[VIRTNET_KIND_U8] = 1, [VIRTNET_KIND_U16] = 2,
		[VIRTNET_KIND_U32] = 4, [VIRTNET_KIND_U64] = 8,
		[VIRTNET_KIND_FLAG] = 0,
	};

	for (int t = 0; t <= space->maxtype; t++) {
		const struct virtnet_attr_spec *spec = &space->specs[t];
		int len;

		if (!tb[t])
			continue;
		CHECK(nla_type(tb[t]) == t);
		len = nla_len(tb[t]);
		switch (spec->kind) {
		case VIRTNET_KIND_NONE:
			CHECK(!"an attribute the spec skips is in tb");
			break;
		case VIRTNET_KIND_U8:
		case VIRTNET_KIND_U16:
		case VIRTNET_KIND_U32:
		case VIRTNET_KIND_U64:
		case VIRTNET_KIND_FLAG:
			CHECK(len == fixed[spec->kind]);
			break;
		case VIRTNET_KIND_BINARY:
			CHECK(len == spec->len);
			break;
		case VIRTNET_KIND_STRING:
			CHECK(len >= 1 && len <= spec->len);
			CHECK(memchr(nla_data(tb[t]), '\0', (size_t)len));
			break;
		case VIRTNET_KIND_NEST:
			break;
		}
	}
}

/*
 * stats -q QID: the queues are NUM_QUEUES when reported (and sane), else
 * the ones listed; any other QID is refused with a message.
 */
static void check_stats_qid(const struct virtnet_dev *dev, uint16_t qid)
{
	unsigned int n = dev->nqueues;
	char err[VIRTNET_ERRMSG_MAX] = "";
	json_t *j;

	if (virtnet_dev_has(dev, VIRTNET_ATTR_NUM_QUEUES) &&
	    dev->num_queues <= VIRTNET_MAX_VIRTQ)
		n = dev->num_queues;
	j = virtnet_json_stats(dev, true, qid, err, sizeof(err));
	if (qid < n) {
		drop(j);
	} else {
		CHECK(!j);
		CHECK(err[0]);
	}
}

static void check_dev(struct nlattr **tb)
{
	struct virtnet_recovery_rec rec;
	struct virtnet_dev *dev = malloc(sizeof(*dev));
	char err[VIRTNET_ERRMSG_MAX] = "";
	int ret;

	CHECK(dev);
	ret = virtnet_dev_from_attrs(tb, dev, err, sizeof(err));
	CHECK(ret == 0 || ret == -EBADMSG);
	TERMINATED(err);
	if (ret) {
		CHECK(err[0]);
		free(dev);
		return;
	}
	CHECK(virtnet_dev_has(dev, VIRTNET_ATTR_DEV_ID));
	CHECK(virtnet_dev_has(dev, VIRTNET_ATTR_DEV_VUID));
	CHECK(!(dev->present & ~((UINT64_C(2) << VIRTNET_ATTR_MAX) - 1)));
	CHECK(dev->nqueues <= VIRTNET_MAX_VIRTQ);
	TERMINATED(dev->vuid);
	TERMINATED(dev->ibdev);
	TERMINATED(dev->sf_rep_ifname);
	TERMINATED(dev->driver_name);
	TERMINATED(dev->host_ifname);
	TERMINATED(dev->vdpa_name);

	/* What the CLI prints of it. */
	drop(virtnet_json_dev(dev));
	drop(virtnet_json_dev_query(dev));
	drop(virtnet_json_hotplug(dev));
	drop(virtnet_json_modify(dev));
	drop(virtnet_json_coalescing(dev));
	drop(virtnet_json_unplug(dev->id, dev->vuid));
	drop(virtnet_json_dev_array(dev, 1, virtnet_json_dev));
	drop(virtnet_json_stats(dev, false, 0, err, sizeof(err)));
	for (unsigned int i = 0; i < dev->nqueues && i < 4; i++) {
		drop(virtnet_json_queue_counters(&dev->queues[i]));
		check_stats_qid(dev, dev->queues[i].index);
	}
	check_stats_qid(dev, 0);
	check_stats_qid(dev, 0xffff);

	/* What the controller records of it. */
	virtnet_recovery_from_dev(dev, 0, &rec);
	err[0] = '\0';
	ret = virtnet_recovery_check(&rec, err, sizeof(err));
	CHECK(ret <= 0);
	TERMINATED(err);
	if (!ret)
		drop(virtnet_recovery_to_json(&rec));
	free(dev);
}

static void check_info(struct nlattr **tb)
{
	struct virtnet_info info;
	char err[VIRTNET_ERRMSG_MAX] = "";
	int ret;

	ret = virtnet_info_from_attrs(tb, &info, err, sizeof(err));
	CHECK(ret == 0 || ret == -EBADMSG);
	TERMINATED(err);
	if (ret) {
		CHECK(err[0]);
		return;
	}
	CHECK(info.nports <= VIRTNET_MAX_PORTS);
	for (unsigned int i = 0; i < info.nports; i++) {
		TERMINATED(info.ports[i].ibdev);
		TERMINATED(info.ports[i].netdev);
		CHECK(virtnet_info_port_ibdev(&info, info.ports[i].index));
	}
	drop(virtnet_json_controller(&info));
}

static void check_ctrl(struct nlattr **tb)
{
	struct virtnet_ctrl_info info;
	char err[VIRTNET_ERRMSG_MAX] = "";
	int ret;

	ret = virtnet_ctrl_from_attrs(tb, &info, err, sizeof(err));
	CHECK(ret == 0 || ret == -EBADMSG);
	TERMINATED(err);
	if (ret) {
		CHECK(err[0]);
		return;
	}
	TERMINATED(info.version);
	TERMINATED(info.prev_version);
	TERMINATED(info.status);
	drop(virtnet_json_ctrl(&info));
	drop(virtnet_json_ctrl_status(info.status));
}

static void one_message(const struct nlmsghdr *nlh)
{
	struct nlattr *tb[VIRTNET_ATTR_MAX + 1];
	char err[VIRTNET_ERRMSG_MAX];
	struct genlmsghdr *gh;
	int ret;

	if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
		memset(err, 'x', sizeof(err));
		ret = virtnet_genl_parse_ack(nlh, err, sizeof(err));
		CHECK(ret <= 0);
		TERMINATED(err);
		/* No message buffer at all. */
		CHECK(virtnet_genl_parse_ack(nlh, NULL, 0) == ret);
		return;
	}
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return;			/* NOOP, OVERRUN: libnl's business */
	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return;
	gh = nlmsg_data(nlh);
	memset(err, 'x', sizeof(err));
	err[0] = '\0';
	ret = virtnet_attrs_parse(&virtnet_attrs, tb, genlmsg_attrdata(gh, 0),
				  genlmsg_attrlen(gh, 0), err, sizeof(err));
	CHECK(ret == 0 || ret == -EBADMSG);
	TERMINATED(err);
	if (ret) {
		CHECK(err[0]);
		return;
	}
	check_attrs(&virtnet_attrs, tb);
	if (tb[VIRTNET_ATTR_QUEUES] || tb[VIRTNET_ATTR_PORTS]) {
		/* The nests' own parser, on each nest. */
		struct nlattr *qt[VIRTNET_QUEUE_ATTR_MAX + 1];
		const struct nlattr *pos;
		int rem;

		if (tb[VIRTNET_ATTR_QUEUES])
			nla_for_each_nested(pos, tb[VIRTNET_ATTR_QUEUES], rem)
				if (!virtnet_attrs_parse_nested(&virtnet_queue_attrs, qt,
								pos, err, sizeof(err)))
					check_attrs(&virtnet_queue_attrs, qt);
	}
	check_dev(tb);
	check_info(tb);
	check_ctrl(tb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A receive buffer is aligned; the fuzzer's data need not be. */
	void *buf = malloc(size ? size : 1);
	struct nlmsghdr *nlh;
	int rem = (int)size;

	CHECK(buf);
	memcpy(buf, data, size);
	for (nlh = buf; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
		struct nlmsghdr *copy = malloc(nlh->nlmsg_len);

		CHECK(copy);
		memcpy(copy, nlh, nlh->nlmsg_len);
		one_message(copy);
		free(copy);
	}
	free(buf);
	return 0;
}
