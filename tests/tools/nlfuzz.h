/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz.h - what nlfuzz's parts share: the run's state, the random
 * numbers (one seeded sequence, so a seed replays a run), the exchange
 * and the message builders' interface. nlfuzz.c runs the exchange,
 * nlfuzz_msg.c builds the "virtnet" family's messages and holds the
 * mutations every family uses, nlfuzz_mgmt.c the devlink and vdpa
 * families' (-F devlink, -F vdpa), nlfuzz_relay.c the controller relay's
 * (-F relay).
 */
#ifndef NLFUZZ_H
#define NLFUZZ_H

#include <stdbool.h>
#include <stdint.h>

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

enum nlfuzz_family { FAM_VIRTNET, FAM_DEVLINK, FAM_VDPA, FAM_RELAY };

struct nlfuzz_state {
	struct nlu u;
	enum nlfuzz_family fam;
	uint64_t rng;
	unsigned long sent, replies, created, deleted, resyncs, relayed;
	unsigned long counts[MAX_ERRNO + 1];	/* [0]: success */
	unsigned long noextack[MAX_ERRNO + 1];	/* errors without a message */
	struct dev keep[MAX_DEVS];		/* pre-existing: never delete */
	unsigned int nkeep;
	struct dev own[MAX_DEVS];
	unsigned int nown;
};
extern struct nlfuzz_state F;

extern char txbuf[MSG_MAX + 4096];

struct sent {
	uint8_t cmd;
	bool request, dump;
};

/* The next message to send, in txbuf; *s says what it is. */
struct nlmsghdr *nlfuzz_build(struct sent *s);
/* Is id a device that existed before the run (never to be deleted)? */
bool nlfuzz_is_kept_id(uint32_t id);

/* ---- nlfuzz.c: the run ---- */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
					      noreturn));
typedef void (*reply_cb)(const struct nlmsghdr *nlh, void *arg);
/* Sends @nlh on @u and reads up to its NLMSG_ERROR/DONE: the error
 * (<= 0); @has_msg, if not NULL: whether it came with an extack message. */
int exchange(struct nlu *u, const struct nlmsghdr *nlh, reply_cb cb,
	     void *arg, bool *has_msg);
/* A well-formed request header of @u's family, in txbuf. */
struct nlmsghdr *plain_request(struct nlu *u, uint8_t cmd, uint8_t version,
			       bool dump);
/* @nlh in hex on stderr, after "nlfuzz: @what:". */
void print_msg(const char *what, const struct nlmsghdr *nlh);
/* Counts one fuzzed message's answer (F.counts, F.noextack). */
void count_answer(const struct nlmsghdr *nlh, int err, bool has_msg);

/* ---- nlfuzz_msg.c: values and mutations any family uses ---- */
int put(struct nlmsghdr *nlh, uint16_t type, size_t len, const void *data);
void fill_random(unsigned char *p, size_t len);
uint64_t interesting(void);
size_t random_string(unsigned char *p, size_t max);
/* Mutates the attributes after the genl header, as a list: drops,
 * duplicates, retypes (below @maxtype + 3, or any), truncates, replaces
 * with random values, flips bits, appends junk; @p percent of the time. */
void mutate_attrs(struct nlmsghdr *nlh, unsigned int maxtype, unsigned int p);
/* Fuzzes the genl header and flags of a message (cmd below @maxcmd + 3). */
void mutate_header(struct nlmsghdr *nlh, unsigned int maxcmd);

/* ---- nlfuzz_mgmt.c: -F devlink, -F vdpa ---- */
/* Before the run: what exists (kept), and the targets of our own. */
void mgmt_start(void);
/* One fuzzed message sent and answered (counted). */
void mgmt_step(void);
/* After the run: ours deleted, the kept ones still there. */
void mgmt_finish(void);

/* ---- nlfuzz_relay.c: -F relay ---- */
void relay_start(void);
void relay_step(void);
void relay_finish(void);

/* xorshift64*, seeded through splitmix64. */
static inline uint64_t rnd(void)
{
	F.rng ^= F.rng >> 12;
	F.rng ^= F.rng << 25;
	F.rng ^= F.rng >> 27;
	return F.rng * 2685821657736338717ULL;
}

static inline uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

static inline int pct(unsigned int p)
{
	return below(100) < p;
}

#endif /* NLFUZZ_H */
