// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_mgmt.c - nlfuzz -F devlink and -F vdpa: valid requests for the
 * devlink and vdpa commands virtnet_emu implements (eswitch.c,
 * vdpa_mgmt.c, vdpa.c), mutated (nlfuzz_msg.c's mutate_attrs: dropped,
 * duplicated, retyped, truncated attributes, random values, bit flips,
 * wrong handles). The ports and vDPA devices that existed before the run
 * are kept: no fuzzed request may delete or change one (their handles in
 * a PORT_DEL, PORT_SET or DEV_DEL are rewritten), and each must still
 * exist at the end. What the run creates (idle SFs, vDPA devices) stays
 * bounded by MGMT_OWN and is deleted at the end. -F devlink also
 * hotplugs one device of its own (SF MGMT_DEV_SF on port 0) so that
 * port function hw_addr/state sets have an active port to land on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/devlink.h>
#include <linux/vdpa.h>

#include "nlfuzz.h"

#define MGMT_OWN	3	/* idle SFs or vDPA devices of ours at once */
#define MGMT_MAX	256	/* ports or vDPA devices tracked in a resync */
#define MGMT_DEV_SF	1999	/* our device's SF, so its port index */
#define MGMT_SF_BASE	1900	/* the sfnums our port adds ask for */
#define NAME_MAX_LEN	64

struct obj {
	char dev[NAME_MAX_LEN];		/* devlink instance; vdpa: unused */
	char name[NAME_MAX_LEN];	/* vdpa device name */
	uint32_t index;			/* devlink port index */
};

static struct {
	struct obj keep[MGMT_MAX], own[MGMT_MAX];
	unsigned int nkeep, nown;
	unsigned int ours;		/* after the last resync */
	struct nlu vn;			/* "virtnet": our device */
	uint32_t dev_id;		/* our device's, if any */
	bool has_dev;
} M;

static const char *const dl_devs[] = {
	"virtnet_emu.0", "virtnet_emu.1", "virtnet_emu.2", "virtnet_emu",
	"", "virtnet_emu.0\n",
};

/* ---- dumps and bookkeeping ---- */

struct obj_list {
	struct obj objs[MGMT_MAX];
	unsigned int n;
};

static void collect_port(const struct nlmsghdr *nlh, void *arg)
{
	struct obj_list *l = arg;
	const struct nlattr *a;
	struct obj o = { .index = UINT32_MAX };
	bool ours = false;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case DEVLINK_ATTR_DEV_NAME:
			if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING)) {
				snprintf(o.dev, sizeof(o.dev), "%s",
					 mnl_attr_get_str(a));
				ours = !strncmp(o.dev, "virtnet_emu.", 12);
			}
			break;
		case DEVLINK_ATTR_PORT_INDEX:
			if (!mnl_attr_validate(a, MNL_TYPE_U32))
				o.index = mnl_attr_get_u32(a);
			break;
		}
	}
	if (!ours)
		return;
	if (l->n >= MGMT_MAX)
		die("more than %d devlink ports", MGMT_MAX);
	l->objs[l->n++] = o;
}

static void collect_vdpa(const struct nlmsghdr *nlh, void *arg)
{
	struct obj_list *l = arg;
	const struct nlattr *a;
	struct obj o = { .index = 0 };

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == VDPA_ATTR_DEV_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(o.name, sizeof(o.name), "%s",
				 mnl_attr_get_str(a));
	if (l->n >= MGMT_MAX)
		die("more than %d vDPA devices", MGMT_MAX);
	l->objs[l->n++] = o;
}

static bool is_devlink(void)
{
	return F.fam == FAM_DEVLINK;
}

static unsigned int dump_objs(struct obj *objs)
{
	static struct obj_list l;
	struct nlmsghdr *nlh;
	int err;

	l.n = 0;
	if (is_devlink()) {
		nlh = plain_request(&F.u, DEVLINK_CMD_PORT_GET,
				    DEVLINK_GENL_VERSION, true);
		err = exchange(&F.u, nlh, collect_port, &l, NULL);
	} else {
		nlh = plain_request(&F.u, VDPA_CMD_DEV_GET, VDPA_GENL_VERSION,
				    true);
		err = exchange(&F.u, nlh, collect_vdpa, &l, NULL);
	}
	if (err)
		die("%s dump: %s", F.u.name, nlu_errname(err));
	memcpy(objs, l.objs, l.n * sizeof(*objs));
	return l.n;
}

static bool same(const struct obj *a, const struct obj *b)
{
	return is_devlink() ? a->index == b->index && !strcmp(a->dev, b->dev) :
			      !strcmp(a->name, b->name);
}

static bool is_kept_port(uint32_t index)
{
	unsigned int i;

	for (i = 0; i < M.nkeep; i++)
		if (M.keep[i].index == index)
			return true;
	return false;
}

static bool is_kept(const struct obj *o)
{
	unsigned int i;

	for (i = 0; i < M.nkeep; i++)
		if (same(&M.keep[i], o))
			return true;
	return false;
}

static void put_handle(struct nlmsghdr *nlh, const char *dev)
{
	mnl_attr_put_strz(nlh, DEVLINK_ATTR_BUS_NAME, "platform");
	mnl_attr_put_strz(nlh, DEVLINK_ATTR_DEV_NAME, dev);
}

static int del_obj(const struct obj *o)
{
	struct nlmsghdr *nlh;

	if (is_devlink()) {
		nlh = plain_request(&F.u, DEVLINK_CMD_PORT_DEL,
				    DEVLINK_GENL_VERSION, false);
		put_handle(nlh, o->dev);
		mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_INDEX, o->index);
	} else {
		nlh = plain_request(&F.u, VDPA_CMD_DEV_DEL, VDPA_GENL_VERSION,
				    false);
		mnl_attr_put_strz(nlh, VDPA_ATTR_DEV_NAME, o->name);
	}
	return exchange(&F.u, nlh, NULL, NULL, NULL);
}

/* Re-reads the ports or vDPA devices: the kept ones must all be there,
 * the others are ours (at most @max kept, the rest deleted). Returns
 * how many of ours there were. */
static unsigned int mgmt_resync(unsigned int max)
{
	static struct obj objs[MGMT_MAX];
	unsigned int i, j, n, ours = 0;
	int err;

	F.resyncs++;
	n = dump_objs(objs);
	for (i = 0; i < M.nkeep; i++) {
		for (j = 0; j < n && !same(&objs[j], &M.keep[i]); j++)
			;
		if (j == n)
			die("pre-existing %s %s/%u disappeared",
			    is_devlink() ? "port" : "vDPA device",
			    is_devlink() ? M.keep[i].dev : M.keep[i].name,
			    M.keep[i].index);
	}
	M.nown = 0;
	for (j = 0; j < n; j++) {
		if (is_kept(&objs[j]) ||
		    (is_devlink() && M.has_dev && objs[j].index == MGMT_DEV_SF))
			continue;
		ours++;
		if (M.nown < max) {
			M.own[M.nown++] = objs[j];
			continue;
		}
		err = del_obj(&objs[j]);
		if (err)
			die("cannot delete our %s %s%s/%u: %s", F.u.name,
			    objs[j].dev, objs[j].name, objs[j].index,
			    nlu_errname(err));
		F.deleted++;
	}
	return ours;
}

/* ---- our device (devlink) ---- */

static void dev_id_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;

	(void)arg;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == VIRTNET_ATTR_DEV_ID &&
		    !mnl_attr_validate(a, MNL_TYPE_U32)) {
			M.dev_id = mnl_attr_get_u32(a);
			M.has_dev = true;
		}
}

static void own_device_new(void)
{
	static const unsigned char mac[6] = { 0x0a, 0xf0, 0, 0, 0x19, 0x99 };
	struct nlmsghdr *nlh;
	int err;

	if (nlu_open(&M.vn, 0))
		die("%s", "no virtnet family");
	nlh = plain_request(&M.vn, VIRTNET_CMD_DEV_NEW, VIRTNET_GENL_VERSION,
			    false);
	mnl_attr_put_strz(nlh, VIRTNET_ATTR_PORT_IBDEV, "mlx5_0");
	mnl_attr_put(nlh, VIRTNET_ATTR_MAC, sizeof(mac), mac);
	mnl_attr_put_u16(nlh, VIRTNET_ATTR_MTU, 1500);
	mnl_attr_put_u16(nlh, VIRTNET_ATTR_NUM_QUEUES, 3);
	mnl_attr_put_u16(nlh, VIRTNET_ATTR_QUEUE_SIZE, 256);
	mnl_attr_put_u32(nlh, VIRTNET_ATTR_SF_NUM, MGMT_DEV_SF);
	err = exchange(&M.vn, nlh, dev_id_cb, NULL, NULL);
	if (err || !M.has_dev)
		die("our device (SF %d): %s", MGMT_DEV_SF, nlu_errname(err));
}

static void own_device_del(void)
{
	struct nlmsghdr *nlh;
	int err;

	if (!M.has_dev)
		return;
	nlh = plain_request(&M.vn, VIRTNET_CMD_DEV_DEL, VIRTNET_GENL_VERSION,
			    false);
	mnl_attr_put_u32(nlh, VIRTNET_ATTR_DEV_ID, M.dev_id);
	err = exchange(&M.vn, nlh, NULL, NULL, NULL);
	if (err)
		die("deleting our device %u: %s", M.dev_id, nlu_errname(err));
	M.has_dev = false;
	nlu_close(&M.vn);
}

/* ---- devlink messages ---- */

static const struct obj *pick_own(void)
{
	return M.nown ? &M.own[below(M.nown)] : NULL;
}

/* A port to name: ours (idle or our device's), a kept one, or none. */
static uint32_t pick_port(void)
{
	const struct obj *o = pick_own();
	unsigned int r = below(100);

	if (r < 30 && M.has_dev)
		return MGMT_DEV_SF;
	if (r < 60 && o)
		return o->index;
	if (r < 85 && M.nkeep)
		return M.keep[below(M.nkeep)].index;
	return (uint32_t)interesting();
}

static void random_mac(unsigned char *mac)
{
	fill_random(mac, 6);
	mac[0] = pct(90) ? 0x0a : mac[0];
}

static void dl_port_function(struct nlmsghdr *nlh)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, DEVLINK_ATTR_PORT_FUNCTION);
	unsigned char mac[6];

	if (pct(60)) {
		random_mac(mac);
		mnl_attr_put(nlh, DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR,
			     pct(90) ? 6 : below(7), mac);
	}
	if (pct(50))
		mnl_attr_put_u8(nlh, DEVLINK_PORT_FN_ATTR_STATE,
				(uint8_t)(pct(90) ? below(2) : rnd()));
	mnl_attr_nest_end(nlh, nest);
}

static const uint8_t dl_gets[] = {
	DEVLINK_CMD_GET, DEVLINK_CMD_INFO_GET, DEVLINK_CMD_PARAM_GET,
	DEVLINK_CMD_PORT_PARAM_GET, DEVLINK_CMD_HEALTH_REPORTER_GET,
	DEVLINK_CMD_RATE_GET, DEVLINK_CMD_TRAP_GET, DEVLINK_CMD_SB_GET,
	DEVLINK_CMD_RESOURCE_DUMP, DEVLINK_CMD_REGION_GET,
	DEVLINK_CMD_RELOAD, DEVLINK_CMD_PORT_SPLIT, DEVLINK_CMD_PORT_UNSPLIT,
};

static void dl_build(struct nlmsghdr *nlh)
{
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const char *dev = dl_devs[pct(85) ? below(2) : below(6)];
	unsigned int port = dev[12] == '1' ? 1 : 0;
	unsigned int r = below(100);
	uint32_t sf;

	put_handle(nlh, dev);
	if (r < 12 && M.nown < MGMT_OWN) {
		g->cmd = DEVLINK_CMD_PORT_NEW;
		mnl_attr_put_u16(nlh, DEVLINK_ATTR_PORT_FLAVOUR,
				 pct(90) ? DEVLINK_PORT_FLAVOUR_PCI_SF :
					   (uint16_t)below(9));
		mnl_attr_put_u16(nlh, DEVLINK_ATTR_PORT_PCI_PF_NUMBER,
				 (uint16_t)(pct(90) ? port : below(3)));
		if (pct(70)) {
			sf = MGMT_SF_BASE + below(40);
			mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_PCI_SF_NUMBER,
					 sf);
		}
		if (pct(20))
			mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_CONTROLLER_NUMBER,
					 pct(70) ? 0 : (uint32_t)interesting());
		if (pct(5))
			mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_INDEX,
					 (uint32_t)interesting());
	} else if (r < 24) {
		g->cmd = DEVLINK_CMD_PORT_DEL;
		mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_INDEX, pick_port());
	} else if (r < 50) {
		g->cmd = DEVLINK_CMD_PORT_SET;
		mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_INDEX, pick_port());
		dl_port_function(nlh);
		if (pct(5))
			mnl_attr_put_u16(nlh, DEVLINK_ATTR_PORT_TYPE,
					 (uint16_t)below(4));
	} else if (r < 65) {
		g->cmd = DEVLINK_CMD_PORT_GET;
		if (pct(20))
			nlh->nlmsg_flags |= NLM_F_DUMP;
		else
			mnl_attr_put_u32(nlh, DEVLINK_ATTR_PORT_INDEX,
					 pick_port());
	} else if (r < 80) {
		g->cmd = pct(40) ? DEVLINK_CMD_ESWITCH_GET :
				   DEVLINK_CMD_ESWITCH_SET;
		if (g->cmd == DEVLINK_CMD_ESWITCH_SET || pct(10))
			mnl_attr_put_u16(nlh, DEVLINK_ATTR_ESWITCH_MODE,
					 (uint16_t)(pct(90) ? below(2) : rnd()));
		if (pct(10))
			mnl_attr_put_u8(nlh, DEVLINK_ATTR_ESWITCH_INLINE_MODE,
					(uint8_t)below(5));
		if (pct(10))
			mnl_attr_put_u8(nlh, DEVLINK_ATTR_ESWITCH_ENCAP_MODE,
					(uint8_t)below(3));
	} else if (r < 92) {
		g->cmd = dl_gets[below(sizeof(dl_gets))];
		if (pct(30))
			nlh->nlmsg_flags |= NLM_F_DUMP;
	} else {
		mutate_header(nlh, DEVLINK_CMD_MAX);
		mutate_attrs(nlh, DEVLINK_ATTR_MAX, 100);
		return;
	}
	if (pct(3))
		mutate_header(nlh, DEVLINK_CMD_MAX);
	mutate_attrs(nlh, DEVLINK_ATTR_MAX, 50);
}

/* ---- vdpa messages ---- */

static const char *pick_vdpa(void)
{
	const struct obj *o = pick_own();
	unsigned int r = below(100);

	if (r < 40 && o)
		return o->name;
	if (r < 75 && M.nkeep)
		return M.keep[below(M.nkeep)].name;
	return r < 90 ? "nlfz9" : "";
}

static void vdpa_build(struct nlmsghdr *nlh)
{
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	unsigned int r = below(100);
	unsigned char mac[6];
	char name[16];

	if (r < 10 && M.nown < MGMT_OWN) {
		g->cmd = VDPA_CMD_DEV_NEW;
		snprintf(name, sizeof(name), "nlfz%u", below(8));
		mnl_attr_put_strz(nlh, VDPA_ATTR_DEV_NAME, name);
		if (pct(95))
			mnl_attr_put_strz(nlh, VDPA_ATTR_MGMTDEV_DEV_NAME,
					  pct(95) ? "virtnet" : "virtnet2");
		if (pct(70)) {
			random_mac(mac);
			mnl_attr_put(nlh, VDPA_ATTR_DEV_NET_CFG_MACADDR, 6, mac);
		}
		if (pct(50))
			mnl_attr_put_u16(nlh, VDPA_ATTR_DEV_NET_CFG_MTU,
					 (uint16_t)(pct(80) ? 68 + below(9149) :
						    interesting()));
		if (pct(50))
			mnl_attr_put_u16(nlh, VDPA_ATTR_DEV_NET_CFG_MAX_VQP,
					 (uint16_t)(pct(80) ? 1 + below(4) :
						    interesting()));
		if (pct(30))
			mnl_attr_put_u64(nlh, VDPA_ATTR_DEV_FEATURES,
					 pct(50) ? rnd() : interesting());
	} else if (r < 20) {
		g->cmd = VDPA_CMD_DEV_DEL;
		mnl_attr_put_strz(nlh, VDPA_ATTR_DEV_NAME, pick_vdpa());
	} else if (r < 30) {
		g->cmd = VDPA_CMD_MGMTDEV_GET;
		if (pct(30))
			nlh->nlmsg_flags |= NLM_F_DUMP;
		else
			mnl_attr_put_strz(nlh, VDPA_ATTR_MGMTDEV_DEV_NAME,
					  "virtnet");
	} else if (r < 85) {
		g->cmd = (uint8_t)(r < 45 ? VDPA_CMD_DEV_GET :
				   r < 65 ? VDPA_CMD_DEV_CONFIG_GET :
					    VDPA_CMD_DEV_VSTATS_GET);
		if (pct(20) && g->cmd != VDPA_CMD_DEV_VSTATS_GET) {
			nlh->nlmsg_flags |= NLM_F_DUMP;
		} else {
			mnl_attr_put_strz(nlh, VDPA_ATTR_DEV_NAME, pick_vdpa());
			if (g->cmd == VDPA_CMD_DEV_VSTATS_GET || pct(5))
				mnl_attr_put_u32(nlh, VDPA_ATTR_DEV_QUEUE_INDEX,
						 pct(80) ? below(12) :
						 (uint32_t)interesting());
		}
	} else {
		mutate_header(nlh, VDPA_CMD_DEV_VSTATS_GET + 2);
		mutate_attrs(nlh, VDPA_ATTR_MAX, 100);
		return;
	}
	if (pct(3))
		mutate_header(nlh, VDPA_CMD_DEV_VSTATS_GET + 2);
	mutate_attrs(nlh, VDPA_ATTR_MAX, 50);
}

/* ---- the kept ones ---- */

static bool is_get(uint8_t cmd)
{
	if (is_devlink())
		return cmd == DEVLINK_CMD_PORT_GET || cmd == DEVLINK_CMD_GET;
	return cmd == VDPA_CMD_DEV_GET || cmd == VDPA_CMD_DEV_CONFIG_GET ||
	       cmd == VDPA_CMD_DEV_VSTATS_GET || cmd == VDPA_CMD_MGMTDEV_GET;
}

/* Every port index or vDPA name of a kept one, in a request that could
 * change something, is rewritten: only what the run made may go. */
static void protect(struct nlmsghdr *nlh)
{
	int len = (int)nlh->nlmsg_len - (int)MNL_NLMSG_HDRLEN - GENL_HDRLEN;
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	unsigned char *end = (unsigned char *)nlh + nlh->nlmsg_len;
	struct nlattr *a;
	unsigned int i;

	if (len <= 0 || is_get(g->cmd))
		return;
	a = (struct nlattr *)((char *)nlh + MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	for (; len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len;
	     len -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		unsigned char *p = (unsigned char *)a + NLA_HDRLEN;
		size_t plen = a->nla_len - NLA_HDRLEN;
		uint32_t index;

		if (is_devlink() &&
		    (a->nla_type & NLA_TYPE_MASK) == DEVLINK_ATTR_PORT_INDEX &&
		    plen >= 4) {
			memcpy(&index, p, 4);
			if (is_kept_port(index)) {
				index = 70000 + below(5000);
				memcpy(p, &index, 4);
			}
		}
		/* The vdpa policy takes NLA_STRING, and the core compares
		 * names with strcmp(): a name without its NUL runs on into
		 * the bytes after it ("vdkee" then a 'p' of the padding is
		 * vdkeep). So what counts is the string up to the first NUL
		 * of the rest of the message; a payload that starts with a
		 * kept name is changed too. */
		if (!is_devlink() &&
		    (a->nla_type & NLA_TYPE_MASK) == VDPA_ATTR_DEV_NAME)
			for (i = 0; i < M.nkeep; i++) {
				const char *k = M.keep[i].name;
				size_t seen = strnlen((char *)p, end - p);

				if ((plen >= strlen(k) &&
				     !memcmp(p, k, strlen(k))) ||
				    (seen == strlen(k) && !memcmp(p, k, seen))) {
					if (plen)
						p[0] = 'Z';
					else
						g->cmd = VDPA_CMD_DEV_GET;
				}
			}
	}
}

/* ---- the run ---- */

void mgmt_start(void)
{
	M.nkeep = dump_objs(M.keep);
	if (is_devlink())
		own_device_new();
	M.ours = mgmt_resync(MGMT_OWN);
	if (M.ours)
		die("%u unexpected %s objects at the start", M.ours, F.u.name);
}

void mgmt_step(void)
{
	static char sent[MSG_MAX] __attribute__((aligned(4)));
	/* NLFUZZ_TRACE=1: every request and its answer on stderr. */
	static int trace = -1;
	struct nlmsghdr *nlh = plain_request(&F.u, 0, is_devlink() ?
					     DEVLINK_GENL_VERSION :
					     VDPA_GENL_VERSION, false);
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	bool has_msg, changes, is_new;
	unsigned int ours;
	int err, expect;
	uint8_t cmd;

	if (trace < 0)
		trace = !!getenv("NLFUZZ_TRACE");
	if (is_devlink())
		dl_build(nlh);
	else
		vdpa_build(nlh);
	if (nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + GENL_HDRLEN)
		protect(nlh);
	cmd = nlh->nlmsg_len > MNL_NLMSG_HDRLEN ? g->cmd : 0;
	if (trace)
		print_msg("send", nlh);
	err = exchange(&F.u, nlh, NULL, NULL, &has_msg);
	if (trace)
		fprintf(stderr, "nlfuzz: #%lu answered %s\n",
			(unsigned long)F.sent, nlu_errname(err));
	count_answer(nlh, err, has_msg);
	/* The kernel acks a message without NLM_F_REQUEST (a mutation
	 * clears it) with 0 and does nothing else. */
	changes = (nlh->nlmsg_flags & NLM_F_REQUEST) &&
		  (is_devlink() ?
		   cmd == DEVLINK_CMD_PORT_NEW || cmd == DEVLINK_CMD_PORT_DEL :
		   cmd == VDPA_CMD_DEV_NEW || cmd == VDPA_CMD_DEV_DEL);
	is_new = cmd == (is_devlink() ? DEVLINK_CMD_PORT_NEW : VDPA_CMD_DEV_NEW);
	if (!changes && (F.sent + 1) % 1000)
		return;
	/* The resync's dump reuses txbuf: keep the request to print. */
	memcpy(sent, nlh, nlh->nlmsg_len < sizeof(sent) ? nlh->nlmsg_len :
						       sizeof(sent));
	((struct nlmsghdr *)sent)->nlmsg_len = nlh->nlmsg_len < sizeof(sent) ?
						nlh->nlmsg_len : sizeof(sent);
	/* What the answer says happened must be what did: one more after
	 * a successful add, one less after a successful delete, none else. */
	expect = M.ours + (!err && changes ? (is_new ? 1 : -1) : 0);
	if (!err && changes) {
		F.created += is_new;
		F.deleted += !is_new;
	}
	ours = mgmt_resync(MGMT_OWN);
	if ((int)ours != expect) {
		print_msg("the request", (struct nlmsghdr *)sent);
		die("answered %s, then %u %s objects of ours exist, not %d",
		    nlu_errname(err), ours, F.u.name, expect);
	}
	M.ours = ours < MGMT_OWN ? ours : MGMT_OWN;
}

void mgmt_finish(void)
{
	mgmt_resync(0);
	if (mgmt_resync(0))
		die("could not delete every %s object of ours", F.u.name);
	own_device_del();
}
