// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_msg.c - nlfuzz's messages: random attributes and payloads
 * (interesting numbers, strings, nested junk), the mutations of a valid
 * message's header and attributes every family uses, plausible DEV_NEW
 * and DEV_DEL requests, and the protection of devices that existed before.
 */
#define _GNU_SOURCE
#include <string.h>

#include <libmnl/libmnl.h>

#include "nlfuzz.h"

static size_t room(const struct nlmsghdr *nlh)
{
	size_t used = MNL_ALIGN(nlh->nlmsg_len);

	return used < MSG_MAX ? MSG_MAX - used : 0;
}

int put(struct nlmsghdr *nlh, uint16_t type, size_t len, const void *data)
{
	if (MNL_ATTR_HDRLEN + MNL_ALIGN(len) > room(nlh))
		return -1;
	mnl_attr_put(nlh, type, len, data);
	return 0;
}

void fill_random(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)rnd();
}

/* Integers near the limits the kernel checks. */
uint64_t interesting(void)
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

size_t random_string(unsigned char *p, size_t max)
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
		case NLU_STRING:
			return random_string(p, max < 300 ? max : 300);
		case NLU_BINARY:
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

/* Truncated attribute: a header announcing too much, a length below
 * the header size, or stray bytes. */
static void truncated_tail(struct nlmsghdr *nlh, unsigned int maxtype)
{
	unsigned char *tail = mnl_nlmsg_get_payload_tail(nlh);
	struct nlattr *a = (struct nlattr *)tail;
	uint32_t extra = 1 + below(7);

	if (room(nlh) < 16)
		return;
	a->nla_type = (uint16_t)below(maxtype + 2);
	a->nla_len = (uint16_t)(pct(50) ? 4 + extra + 1 + below(200) :
				below(4));
	fill_random(tail + 4, extra);
	nlh->nlmsg_len = MNL_ALIGN(nlh->nlmsg_len) +
			 (pct(30) ? below(4) : 4 + extra);
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
	if (pct(5))
		truncated_tail(nlh, VIRTNET_ATTR_MAX);
}

void mutate_header(struct nlmsghdr *nlh, unsigned int maxcmd)
{
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	unsigned int r = below(100);

	g->cmd = (uint8_t)(r < 75 ? 1 + below(maxcmd) :
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
}

#define MUT_MAX		48	/* attributes a mutated message carries */
#define MUT_LEN		512	/* bytes of one attribute's payload */

struct mut_attr {
	uint16_t type;
	uint16_t len;
	unsigned char data[MUT_LEN];
};

static uint16_t mutated_type(unsigned int maxtype)
{
	uint16_t t = (uint16_t)(pct(80) ? below(maxtype + 3) : rnd());

	if (pct(10))
		t |= pct(50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
	return t;
}

/* A new value for @m: of its size if it is an integer's, else a string,
 * bytes or a nest of junk. */
static void mutated_value(struct mut_attr *m)
{
	uint64_t v;

	if ((m->len == 1 || m->len == 2 || m->len == 4 || m->len == 8) &&
	    pct(70)) {
		v = interesting();
		memcpy(m->data, &v, m->len);	/* little endian: low bytes */
		return;
	}
	switch (below(3)) {
	case 0:
		m->len = (uint16_t)random_string(m->data, 300);
		break;
	case 1:
		m->len = (uint16_t)below(40);
		fill_random(m->data, m->len);
		break;
	default:
		m->len = (uint16_t)nested_junk(m->data, 300, 1);
		break;
	}
}

void mutate_attrs(struct nlmsghdr *nlh, unsigned int maxtype, unsigned int p)
{
	static struct mut_attr list[MUT_MAX];
	unsigned int i, j, n = 0, rounds;
	int len = (int)nlh->nlmsg_len - (int)MNL_NLMSG_HDRLEN - GENL_HDRLEN;
	struct nlattr *a;

	if (!pct(p) || len < 0)
		return;
	/* The list, as built (well-formed: ours). */
	a = (struct nlattr *)((char *)nlh + MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	for (; len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len && n < MUT_MAX;
	     len -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		list[n].type = a->nla_type;
		list[n].len = (uint16_t)(a->nla_len - NLA_HDRLEN);
		if (list[n].len > MUT_LEN)
			list[n].len = MUT_LEN;
		memcpy(list[n].data, (char *)a + NLA_HDRLEN, list[n].len);
		n++;
	}
	rounds = 1 + (pct(30) ? below(4) : 0);
	while (rounds--) {
		struct mut_attr *m = n ? &list[below(n)] : NULL;

		switch (below(10)) {
		case 0:		/* drop one */
			if (m) {
				*m = list[--n];
				break;
			}
			/* fall through */
		case 1:		/* one more, anything */
			if (n < MUT_MAX) {
				list[n].type = mutated_type(maxtype);
				list[n].len = (uint16_t)(pct(50) ? 1 << below(4) : 0);
				mutated_value(&list[n]);
				n++;
			}
			break;
		case 2:		/* duplicate one */
			if (m && n < MUT_MAX)
				list[n++] = *m;
			break;
		case 3:		/* another type */
			if (m)
				m->type = mutated_type(maxtype);
			break;
		case 4:		/* truncated */
			if (m)
				m->len = (uint16_t)below(m->len + 1U);
			break;
		case 5:		/* grown */
			if (m && m->len < MUT_LEN) {
				j = below(MUT_LEN - m->len + 1U);
				fill_random(m->data + m->len, j);
				m->len = (uint16_t)(m->len + j);
			}
			break;
		case 6:
		case 7:		/* bits flipped, nests' insides included */
			if (m && m->len)
				for (j = 1 + below(3); j; j--) {
					i = below(m->len * 8U);
					m->data[i / 8] ^= (unsigned char)(1 << (i % 8));
				}
			break;
		case 8:		/* swapped with another */
			if (n > 1) {
				static struct mut_attr t;
				struct mut_attr *o = &list[below(n)];

				t = *m;
				*m = *o;
				*o = t;
			}
			break;
		default:	/* a new value */
			if (m)
				mutated_value(m);
			break;
		}
	}
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + GENL_HDRLEN;
	for (i = 0; i < n; i++)
		if (put(nlh, list[i].type, list[i].len, list[i].data))
			break;
	if (pct(5))
		truncated_tail(nlh, maxtype);
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

bool nlfuzz_is_kept_id(uint32_t id)
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
			if (nlfuzz_is_kept_id(id)) {
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

struct nlmsghdr *nlfuzz_build(struct sent *s)
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
		mutate_header(nlh, VIRTNET_CMD_MAX);
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
