/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz.h - what nlfuzz's two halves share: the run's state, the random
 * numbers (one seeded sequence, so a seed replays a run) and the message
 * builder's interface. nlfuzz.c runs the exchange, nlfuzz_msg.c builds
 * the messages.
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

struct nlfuzz_state {
	struct nlu u;
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
