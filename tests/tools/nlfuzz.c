// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz - bounded random-message fuzzer of the "virtnet" generic netlink
 * family. Sends COUNT random messages, one at a time, and reads every
 * answer (each message asks for an ACK, so each ends with exactly one
 * NLMSG_ERROR or NLMSG_DONE). Some messages are plausible DEV_NEW and
 * DEV_DEL requests: it keeps at most MAX_OWN devices of its own and
 * deletes them at the end, with any SF pool it made. Devices that existed when it started are
 * never targeted by a DEV_DEL and must still exist at the end.
 *
 * Exit status: 0 done, 1 failure (socket error, timeout, stray message,
 * family gone, a pre-existing device gone), 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/virtnet.h>

#include "nlutil.h"

#define MAX_OWN		4	/* devices of our own alive at once */
#define MAX_DEVS	64	/* devices tracked in a resync */
#define MAX_ERRNO	4096
#define TIMEOUT_MS	10000
#define MSG_MAX		(60 * 1024)

struct dev {
	uint32_t id;
	char vuid[VIRTNET_VUID_MAX];
};

static struct {
	struct nlu u;
	uint64_t rng;
	unsigned long sent, replies, created, deleted, resyncs, relayed;
	unsigned long counts[MAX_ERRNO + 1];	/* [0]: success */
	unsigned long noextack[MAX_ERRNO + 1];	/* errors without a message */
	struct dev keep[MAX_DEVS];		/* pre-existing: never delete */
	unsigned int nkeep;
	struct dev own[MAX_DEVS];
	unsigned int nown;
} F;

static char txbuf[MSG_MAX + 4096];
static char rxbuf[NLU_RXBUF];

/* xorshift64*, seeded through splitmix64. */
static uint64_t rnd(void)
{
	F.rng ^= F.rng >> 12;
	F.rng ^= F.rng << 25;
	F.rng ^= F.rng >> 27;
	return F.rng * 2685821657736338717ULL;
}

static void seed(uint64_t s)
{
	s += 0x9e3779b97f4a7c15ULL;
	s = (s ^ (s >> 30)) * 0xbf58476d1ce4e5b9ULL;
	s = (s ^ (s >> 27)) * 0x94d049bb133111ebULL;
	F.rng = (s ^ (s >> 31)) | 1;
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

static int pct(unsigned int p)
{
	return below(100) < p;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						      noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nlfuzz: FAIL after %lu messages: ", F.sent);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- message building ---- */

static size_t room(const struct nlmsghdr *nlh)
{
	size_t used = MNL_ALIGN(nlh->nlmsg_len);

	return used < MSG_MAX ? MSG_MAX - used : 0;
}

static int put(struct nlmsghdr *nlh, uint16_t type, size_t len,
	       const void *data)
{
	if (MNL_ATTR_HDRLEN + MNL_ALIGN(len) > room(nlh))
		return -1;
	mnl_attr_put(nlh, type, len, data);
	return 0;
}

static void fill_random(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)rnd();
}

/* Integers near the limits the kernel checks. */
static uint64_t interesting(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 4, 5, 7, 31, 32, 33, 63, 64, 65, 67, 68, 100, 255,
		256, 999, 1000, 1024, 1500, 2000, 2015, 2016, 3000, 9216, 9217,
		32767, 32768, 32769, 65535, 65536, 70000, 99999, 100000,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
		0x4000000000000000ULL, 0xffffffffffffffffULL,
	};

	return pct(70) ? v[below(sizeof(v) / sizeof(v[0]))] : rnd();
}

static const char *const strings[] = {
	"mlx5_0", "mlx5_1", "mlx5_7", "", "VNETS1D0F0", "VNETS1D1F0",
	"VNETS1D15F0", "VNETS1D16F0", "VNETS0D0F2VF1", "%s%n", "\xff\xfe",
};

static size_t random_string(unsigned char *p, size_t max)
{
	size_t len;

	if (pct(60)) {
		const char *s = strings[below(sizeof(strings) /
					      sizeof(strings[0]))];
		len = strlen(s);
		memcpy(p, s, len);
	} else {
		len = below(pct(80) ? 80 : 300);
		fill_random(p, len);
		if (pct(50)) {
			size_t i;

			for (i = 0; i < len; i++)
				p[i] = (unsigned char)('!' + p[i] % 94);
		}
	}
	if (len > max - 1)
		len = max - 1;
	if (pct(80))
		p[len++] = '\0';	/* usually NUL-terminated */
	return len;
}

/* A payload that fits the uapi type of @attr, or not. */
static size_t payload(unsigned int attr, unsigned char *p, size_t max,
		      int depth);

static size_t nested_junk(unsigned char *p, size_t max, int depth)
{
	size_t off = 0, len;
	unsigned int i, n = below(6);
	struct nlattr *a;

	for (i = 0; i < n && off + 64 <= max; i++) {
		a = (struct nlattr *)(p + off);
		a->nla_type = (uint16_t)(pct(70) ? below(VIRTNET_ATTR_MAX + 3) :
					 rnd());
		len = payload(a->nla_type & NLA_TYPE_MASK, p + off + NLA_HDRLEN,
			      max - off - NLA_HDRLEN - 4, depth + 1);
		a->nla_len = (uint16_t)(NLA_HDRLEN + len);
		if (pct(5))	/* a lying length */
			a->nla_len = (uint16_t)below(pct(50) ? 8 : 0x10000);
		off += NLA_ALIGN(NLA_HDRLEN + len);
	}
	if (pct(10) && off < max)	/* trailing bytes */
		off += below((uint32_t)(max - off < 4 ? max - off : 4));
	return off;
}

static size_t payload(unsigned int attr, unsigned char *p, size_t max,
		      int depth)
{
	const struct nlu_attr *info = nlu_attr_info(attr);
	uint64_t v;
	size_t len;

	if (max > 4000)
		max = 4000;
	switch (below(10)) {
	case 0:			/* wrong length */
		len = below(17);
		break;
	case 1:			/* oversized */
		len = 64 + below((uint32_t)(max > 64 ? max - 64 : 1));
		break;
	case 2:			/* nested junk */
		if (depth < 3 && max >= 64)
			return nested_junk(p, max, depth);
		len = below(9);
		break;
	default:		/* the right type, maybe a bad value */
		if (!info)
			return random_string(p, max < 300 ? max : 300);
		v = interesting();
		switch (info->type) {
		case NLU_U8:  len = 1; break;
		case NLU_U16: len = 2; break;
		case NLU_U32: len = 4; break;
		case NLU_U64: len = 8; break;
		case NLU_FLAG: return pct(90) ? 0 : below(9);
		case NLU_STR:
			return random_string(p, max < 300 ? max : 300);
		case NLU_BIN:
			len = pct(80) ? 6 : below(12);
			fill_random(p, len);
			if (pct(50))
				p[0] &= 0xfe;	/* unicast */
			return len;
		case NLU_NEST:
		default:
			return depth < 3 && max >= 64 ?
			       nested_junk(p, max, depth) : 0;
		}
		memcpy(p, &v, len);	/* little endian: low bytes */
		return len;
	}
	if (len > max)
		len = max;
	fill_random(p, len);
	return len;
}

static void random_attrs(struct nlmsghdr *nlh)
{
	static unsigned char data[4096];
	unsigned int i, n = pct(90) ? below(9) : below(40);
	uint16_t type;
	size_t len;

	for (i = 0; i < n; i++) {
		unsigned int r = below(100);

		if (r < 65)
			type = (uint16_t)(1 + below(VIRTNET_ATTR_MAX));
		else if (r < 80)
			type = (uint16_t)(pct(30) ? 0 : VIRTNET_ATTR_MAX + 1 +
					  below(20));
		else if (r < 90)
			type = (uint16_t)rnd();
		else
			type = (uint16_t)((1 + below(VIRTNET_ATTR_MAX)) |
					  (pct(50) ? NLA_F_NESTED :
					   NLA_F_NET_BYTEORDER));
		len = payload(type & NLA_TYPE_MASK, data, sizeof(data), 0);
		if (put(nlh, type, len, data))
			return;
	}
	if (pct(5) && room(nlh) >= 16) {
		/* Truncated attribute: a header announcing too much, a
		 * length below the header size, or stray bytes. */
		unsigned char *tail = mnl_nlmsg_get_payload_tail(nlh);
		struct nlattr *a = (struct nlattr *)tail;
		uint32_t extra = 1 + below(7);

		a->nla_type = (uint16_t)below(VIRTNET_ATTR_MAX + 2);
		a->nla_len = (uint16_t)(pct(50) ? 4 + extra + 1 + below(200) :
					below(4));
		fill_random(tail + 4, extra);
		nlh->nlmsg_len = MNL_ALIGN(nlh->nlmsg_len) +
				 (pct(30) ? below(4) : 4 + extra);
	}
}

static const struct dev *pick(const struct dev *devs, unsigned int n)
{
	return n ? &devs[below(n)] : NULL;
}

/* A request to select a device: mostly valid, ours or not. */
static void put_selector(struct nlmsghdr *nlh, const struct dev *d)
{
	uint32_t id = d ? d->id : (uint32_t)interesting();
	const char *vuid = d ? d->vuid : "VNETS1D9F0";

	if (pct(60))
		put(nlh, VIRTNET_ATTR_DEV_ID, sizeof(id), &id);
	else
		put(nlh, VIRTNET_ATTR_DEV_VUID, strlen(vuid) + 1, vuid);
	if (pct(5))	/* both */
		put(nlh, VIRTNET_ATTR_DEV_ID, sizeof(id), &id);
}

/* A DEV_NEW that may well succeed; sometimes one field is off. */
static void plausible_new(struct nlmsghdr *nlh)
{
	static const uint16_t sizes[] = { 64, 128, 256, 1024, 4096 };
	const char *ibdev = pct(50) ? "mlx5_0" : "mlx5_1";
	uint16_t mtu = (uint16_t)(68 + below(9216 - 68 + 1));
	uint16_t nq = (uint16_t)(pct(80) ? 3 : 3 + 2 * below(15));
	uint16_t qs = sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
	unsigned char mac[6] = { 0x0a, 0xf0 };
	uint32_t id = 100 + below(100), sf = 3000 + below(1000);
	uint64_t features = 0;

	fill_random(mac + 2, 4);
	if (pct(10))
		features = interesting();
	put(nlh, VIRTNET_ATTR_PORT_IBDEV, strlen(ibdev) + 1, ibdev);
	put(nlh, VIRTNET_ATTR_MAC, sizeof(mac), mac);
	put(nlh, VIRTNET_ATTR_MTU, sizeof(mtu), &mtu);
	put(nlh, VIRTNET_ATTR_NUM_QUEUES, sizeof(nq), &nq);
	put(nlh, VIRTNET_ATTR_QUEUE_SIZE, sizeof(qs), &qs);
	if (features)
		put(nlh, VIRTNET_ATTR_FEATURES, sizeof(features), &features);
	if (pct(20))
		put(nlh, VIRTNET_ATTR_LEGACY, 0, NULL);
	if (pct(20))
		put(nlh, VIRTNET_ATTR_DEV_ID, sizeof(id), &id);
	if (pct(20)) {
		if (pct(20))
			sf = (uint32_t)interesting();
		put(nlh, VIRTNET_ATTR_SF_NUM, sizeof(sf), &sf);
	}
	if (pct(30))	/* one more, anything */
		random_attrs(nlh);
}

static bool is_kept_id(uint32_t id)
{
	unsigned int i;

	for (i = 0; i < F.nkeep; i++)
		if (F.keep[i].id == id)
			return true;
	return false;
}

/* Walks the attributes as the kernel parses them and disarms every
 * DEV_ID / DEV_VUID / SF_FROM that names a pre-existing device: a valid
 * DEV_DEL or DEV_SET (coalescing, link, an SF takeover) would change a
 * device the run must leave as it found it. */
static void protect(struct nlmsghdr *nlh)
{
	int len = (int)nlh->nlmsg_len - (int)MNL_NLMSG_HDRLEN - GENL_HDRLEN;
	struct nlattr *a;
	unsigned int i;

	if (len <= 0)
		return;
	a = (struct nlattr *)((char *)nlh + MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	for (; len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len;
	     len -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		unsigned char *p = (unsigned char *)a + NLA_HDRLEN;
		size_t plen = a->nla_len - NLA_HDRLEN;
		uint32_t id;

		switch (a->nla_type & NLA_TYPE_MASK) {
		case VIRTNET_ATTR_DEV_ID:
		case VIRTNET_ATTR_SF_FROM:
			if (plen < 4)
				break;
			memcpy(&id, p, 4);
			if (is_kept_id(id)) {
				id = 60000 + below(5000);
				memcpy(p, &id, 4);
			}
			break;
		case VIRTNET_ATTR_DEV_VUID:
			for (i = 0; i < F.nkeep; i++)
				if (plen > strlen(F.keep[i].vuid) &&
				    !memcmp(p, F.keep[i].vuid,
					    strlen(F.keep[i].vuid) + 1))
					p[0] = 'Z';
			break;
		}
	}
}

struct sent {
	uint8_t cmd;
	bool request, dump;
};

static struct nlmsghdr *build(struct sent *s)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(txbuf);
	struct genlmsghdr *g;
	unsigned int r = below(1000);

	nlh->nlmsg_type = F.u.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++F.u.seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->version = VIRTNET_GENL_VERSION;

	if (r < 5 && F.nown < MAX_OWN) {
		g->cmd = VIRTNET_CMD_DEV_NEW;
		plausible_new(nlh);
	} else if (r < 10 && F.nown) {
		g->cmd = VIRTNET_CMD_DEV_DEL;
		put_selector(nlh, pick(F.own, F.nown));
	} else if (r < 60) {
		g->cmd = pct(50) ? VIRTNET_CMD_DEV_GET : VIRTNET_CMD_DEV_DEL;
		put_selector(nlh, pct(50) ? pick(F.keep, F.nkeep) :
				  pct(50) ? pick(F.own, F.nown) : NULL);
		if (pct(30))
			random_attrs(nlh);
	} else {
		r = below(100);
		g->cmd = (uint8_t)(r < 75 ? 1 + below(VIRTNET_CMD_MAX) :
				   r < 85 ? 0 : below(256));
		if (pct(10))
			g->version = (uint8_t)rnd();
		if (pct(5))
			g->reserved = (uint16_t)rnd();
		if (pct(20))
			nlh->nlmsg_flags |= NLM_F_DUMP;
		if (pct(10))
			nlh->nlmsg_flags |= (uint16_t)(rnd() & 0xff0);
		if (pct(2))
			nlh->nlmsg_flags &= (uint16_t)~NLM_F_REQUEST;
		if (pct(1))	/* truncated genl header */
			nlh->nlmsg_len = MNL_NLMSG_HDRLEN + below(GENL_HDRLEN);
		else
			random_attrs(nlh);
	}
	if (nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + GENL_HDRLEN &&
	    (g->cmd == VIRTNET_CMD_DEV_DEL || g->cmd == VIRTNET_CMD_DEV_SET))
		protect(nlh);
	s->cmd = nlh->nlmsg_len >= MNL_NLMSG_HDRLEN + 1 ? g->cmd : 0;
	s->request = nlh->nlmsg_flags & NLM_F_REQUEST;
	s->dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	return nlh;
}

/* ---- the exchange ---- */

typedef void (*reply_cb)(const struct nlmsghdr *nlh, void *arg);

/*
 * A random CTRL_REGISTER can make this socket the controller; the kernel
 * then relays CTRL_UPDATE and CTRL_LOG_LEVEL requests to it, unasked
 * (sequence number 0). Those are the only messages allowed to arrive
 * outside an exchange.
 */
static bool is_relayed(const struct nlmsghdr *m)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(m);

	return m->nlmsg_seq == 0 && m->nlmsg_type == F.u.family &&
	       mnl_nlmsg_get_payload_len(m) >= sizeof(*g) &&
	       (g->cmd == VIRTNET_CMD_CTRL_UPDATE ||
		g->cmd == VIRTNET_CMD_CTRL_LOG_LEVEL);
}

/* Sends @nlh and reads up to its NLMSG_ERROR/DONE: the error (<= 0).
 * @has_msg, if not NULL: whether the error came with an extack message. */
static int exchange(const struct nlmsghdr *nlh, reply_cb cb, void *arg,
		    bool *has_msg)
{
	struct nlmsghdr *m;
	struct nlu_err e;
	ssize_t n;
	int len, ret;

	if (mnl_socket_sendto(F.u.nl, nlh, nlh->nlmsg_len) < 0)
		die("send: %s", strerror(errno));
	for (;;) {
		ret = nlu_wait(&F.u, TIMEOUT_MS);
		if (ret < 0)
			die("poll: %s", strerror(-ret));
		if (!ret)
			die("no answer within %d ms (seq %u)", TIMEOUT_MS,
			    nlh->nlmsg_seq);
		n = mnl_socket_recvfrom(F.u.nl, rxbuf, sizeof(rxbuf));
		if (n < 0)
			die("recv: %s", strerror(errno));
		len = (int)n;
		for (m = (struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (is_relayed(m)) {
				F.relayed++;
				continue;
			}
			if (m->nlmsg_seq != nlh->nlmsg_seq ||
			    m->nlmsg_pid != F.u.portid)
				die("stray message: type %u seq %u pid %u",
				    m->nlmsg_type, m->nlmsg_seq, m->nlmsg_pid);
			if (m->nlmsg_type == NLMSG_ERROR ||
			    m->nlmsg_type == NLMSG_DONE) {
				nlu_parse_err(m, &e);
				if (has_msg)
					*has_msg = e.msg && e.msg[0];
				if (len != (int)NLMSG_ALIGN(m->nlmsg_len))
					die("%s", "messages after the final one");
				return e.error > 0 ? -e.error : e.error;
			}
			if (m->nlmsg_type != F.u.family)
				die("reply of unexpected type %u", m->nlmsg_type);
			F.replies++;
			if (cb)
				cb(m, arg);
		}
		if (len)
			die("%s", "truncated message in a reply");
	}
}

struct dev_list {
	struct dev devs[MAX_DEVS];
	unsigned int n;
};

static void collect_dev(const struct nlmsghdr *nlh, void *arg)
{
	struct dev_list *l = arg;
	const struct nlattr *a;
	struct dev *d;

	if (l->n >= MAX_DEVS)
		die("more than %d devices", MAX_DEVS);
	d = &l->devs[l->n++];
	memset(d, 0, sizeof(*d));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == VIRTNET_ATTR_DEV_ID &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			d->id = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == VIRTNET_ATTR_DEV_VUID &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(d->vuid, sizeof(d->vuid), "%s",
				 mnl_attr_get_str(a));
	}
}

/* Dumps the devices into @devs; returns their count. */
static unsigned int dump_devs(struct dev *devs)
{
	static struct dev_list l;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(txbuf);
	struct genlmsghdr *g;
	int err;

	nlh->nlmsg_type = F.u.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
	nlh->nlmsg_seq = ++F.u.seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = VIRTNET_CMD_DEV_GET;
	g->version = VIRTNET_GENL_VERSION;
	l.n = 0;
	err = exchange(nlh, collect_dev, &l, NULL);
	if (err)
		die("device dump: %s", nlu_errname(err));
	memcpy(devs, l.devs, l.n * sizeof(*devs));
	return l.n;
}

/* A well-formed request of ours (not a fuzzed one), in txbuf. */
static struct nlmsghdr *plain_request(uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(txbuf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = F.u.family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++F.u.seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = VIRTNET_GENL_VERSION;
	return nlh;
}

static int del_dev(uint32_t id)
{
	struct nlmsghdr *nlh = plain_request(VIRTNET_CMD_DEV_DEL);

	mnl_attr_put_u32(nlh, VIRTNET_ATTR_DEV_ID, id);
	return exchange(nlh, NULL, NULL, NULL);
}

/* Random SF_POOL_SETs leave idle SF representors: remove them. */
static int empty_sf_pool(void)
{
	struct nlmsghdr *nlh = plain_request(VIRTNET_CMD_SF_POOL_SET);

	mnl_attr_put_u32(nlh, VIRTNET_ATTR_SF_POOL_SIZE, 0);
	return exchange(nlh, NULL, NULL, NULL);
}

/* Re-reads the device table: pre-existing devices must all be there,
 * the others are ours (at most @max_own kept, the rest deleted).
 * Returns how many of ours there were. */
static unsigned int resync(unsigned int max_own)
{
	static struct dev devs[MAX_DEVS];
	unsigned int i, j, n, ours = 0;
	int err;

	F.resyncs++;
	n = dump_devs(devs);
	for (i = 0; i < F.nkeep; i++) {
		for (j = 0; j < n; j++)
			if (devs[j].id == F.keep[i].id &&
			    !strcmp(devs[j].vuid, F.keep[i].vuid))
				break;
		if (j == n)
			die("pre-existing device %u (%s) disappeared",
			    F.keep[i].id, F.keep[i].vuid);
	}
	F.nown = 0;
	for (j = 0; j < n; j++) {
		if (is_kept_id(devs[j].id))
			continue;
		ours++;
		if (F.nown < max_own) {
			F.own[F.nown++] = devs[j];
			continue;
		}
		err = del_dev(devs[j].id);
		if (err)
			die("cannot delete our device: %s", nlu_errname(err));
		F.deleted++;
	}
	return ours;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void summary(unsigned long long seedv, double elapsed, bool timed_out)
{
	unsigned int i;

	printf("nlfuzz: seed=%llu sent=%lu time=%.1fs rate=%.0f/s%s replies=%lu"
	       " created=%lu deleted=%lu resyncs=%lu relayed=%lu",
	       seedv, F.sent, elapsed, elapsed > 0 ? (double)F.sent / elapsed : 0,
	       timed_out ? " (time limit)" : "", F.replies, F.created,
	       F.deleted, F.resyncs, F.relayed);
	for (i = 0; i <= MAX_ERRNO; i++)
		if (F.counts[i])
			printf(" %s=%lu", nlu_errname((int)i), F.counts[i]);
	printf(" | without extack:");
	for (i = 1; i <= MAX_ERRNO; i++)
		if (F.noextack[i])
			printf(" %s=%lu", nlu_errname((int)i), F.noextack[i]);
	putchar('\n');
}

/* -v: the first request of each errno that came without extack. */
static void dump_msg(const struct nlmsghdr *nlh, int err)
{
	const unsigned char *p = (const unsigned char *)nlh;
	uint32_t i;

	fprintf(stderr, "nlfuzz: %s without extack for:", nlu_errname(err));
	for (i = 0; i < nlh->nlmsg_len && i < 256; i++)
		fprintf(stderr, "%s%02x", i % 4 ? "" : " ", p[i]);
	fprintf(stderr, "%s\n", nlh->nlmsg_len > 256 ? " ..." : "");
}

static void usage(void)
{
	fputs("usage: nlfuzz -n COUNT -s SEED [-t SECONDS] [-v]\n"
	      "Sends COUNT random messages to the \"virtnet\" generic netlink\n"
	      "family (at most SECONDS long), then prints one summary line:\n"
	      "the rate, the answers counted by errno (OK = success), and\n"
	      "the errors that came without an extack message (-v: print\n"
	      "the first request of each such errno on stderr).\n",
	      stderr);
}

static void count_new(const struct nlmsghdr *nlh, void *arg)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

	(void)arg;
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(*g) &&
	    g->cmd == VIRTNET_CMD_DEV_NEW)
		F.created++;
}

int main(int argc, char **argv)
{
	unsigned long long count = 0, seedv = 0, limit = 0;
	bool has_count = false, has_seed = false, timed_out = false, has_msg;
	bool verbose = false;
	double start, elapsed;
	struct nlmsghdr *nlh;
	struct sent s;
	char *end;
	int c, err, ret;

	while ((c = getopt(argc, argv, "n:s:t:vh")) != -1) {
		unsigned long long *p = c == 'n' ? &count :
					c == 's' ? &seedv : &limit;

		if (c == 'h') {
			usage();
			return 0;
		}
		if (c == 'v') {
			verbose = true;
			continue;
		}
		if (c == '?') {
			usage();
			return 2;
		}
		errno = 0;
		*p = strtoull(optarg, &end, 0);
		if (errno || end == optarg || *end || optarg[0] == '-') {
			fprintf(stderr, "nlfuzz: bad number '%s'\n", optarg);
			return 2;
		}
		has_count |= c == 'n';
		has_seed |= c == 's';
	}
	if (!has_count || !has_seed || optind != argc) {
		usage();
		return 2;
	}
	seed(seedv);
	if (nlu_open(&F.u, 0))
		return 1;

	F.nkeep = dump_devs(F.keep);
	start = now();
	while (F.sent < count) {
		if (limit && (F.sent & 63) == 0 && now() - start > (double)limit) {
			timed_out = true;
			break;
		}
		nlh = build(&s);
		F.sent++;
		err = exchange(nlh, count_new, NULL, &has_msg);
		F.counts[-err <= MAX_ERRNO ? -err : MAX_ERRNO]++;
		if (err && !has_msg &&
		    !F.noextack[-err <= MAX_ERRNO ? -err : MAX_ERRNO]++ && verbose)
			dump_msg(nlh, err);
		if (err == -ENOENT && nlu_resolve(&F.u))
			die("the family disappeared");
		/* A device may have come or gone: see which. */
		if (!err && s.request && !s.dump &&
		    (s.cmd == VIRTNET_CMD_DEV_NEW || s.cmd == VIRTNET_CMD_DEV_DEL)) {
			F.deleted += s.cmd == VIRTNET_CMD_DEV_DEL;
			resync(MAX_OWN);
		}
		else if (F.sent % 10000 == 0)
			resync(MAX_OWN);
	}
	elapsed = now() - start;

	/* Delete ours; the pre-existing ones must have survived. */
	resync(0);
	if (resync(0))
		die("%s", "could not delete every device of ours");
	ret = empty_sf_pool();
	if (ret)
		die("emptying the SF pool: %s", nlu_errname(ret));
	ret = nlu_resolve(&F.u);
	if (ret)
		die("family lookup at the end: %s", nlu_errname(ret));
	summary(seedv, elapsed, timed_out);
	nlu_close(&F.u);
	return 0;
}
