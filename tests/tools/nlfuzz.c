// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz - bounded random-message fuzzer of the generic netlink families
 * that reach virtnet_emu: "virtnet" (default), and with -F the devlink
 * and vdpa families' commands the module implements (nlfuzz_mgmt.c) or
 * the controller relay's CTRL_* commands (nlfuzz_relay.c). Sends COUNT
 * messages, one at a time, and reads every answer (each message asks for
 * an ACK, so each ends with exactly one NLMSG_ERROR or NLMSG_DONE).
 * Some messages are plausible DEV_NEW and DEV_DEL requests: it keeps at
 * most MAX_OWN devices of its own and deletes them at the end, with any
 * SF pool it made. Devices that existed when it started are never
 * targeted by a DEV_DEL and must still exist at the end.
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

#include "nlfuzz.h"

struct nlfuzz_state F;
char txbuf[MSG_MAX + 4096];
static char rxbuf[NLU_RXBUF];

static void seed(uint64_t s)
{
	s += 0x9e3779b97f4a7c15ULL;
	s = (s ^ (s >> 30)) * 0xbf58476d1ce4e5b9ULL;
	s = (s ^ (s >> 27)) * 0x94d049bb133111ebULL;
	F.rng = (s ^ (s >> 31)) | 1;
}

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nlfuzz: FAIL after %lu messages: ", F.sent);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}
/* ---- the exchange ---- */

/*
 * A random CTRL_REGISTER can make this socket the controller; the kernel
 * then relays CTRL_UPDATE and CTRL_LOG_LEVEL requests to it, unasked
 * (sequence number 0). Those are the only messages allowed to arrive
 * outside an exchange.
 */
static bool is_relayed(const struct nlu *u, const struct nlmsghdr *m)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(m);

	return m->nlmsg_seq == 0 && m->nlmsg_type == u->family &&
	       !strcmp(u->name, VIRTNET_GENL_NAME) &&
	       mnl_nlmsg_get_payload_len(m) >= sizeof(*g) &&
	       (g->cmd == VIRTNET_CMD_CTRL_UPDATE ||
		g->cmd == VIRTNET_CMD_CTRL_LOG_LEVEL);
}

int exchange(struct nlu *u, const struct nlmsghdr *nlh, reply_cb cb,
	     void *arg, bool *has_msg)
{
	/* A doit may answer with its own multipart reply (devlink's dpipe
	 * gets do) and end it with NLMSG_DONE: the request's ack follows. */
	bool ack_after_done = (nlh->nlmsg_flags & NLM_F_REQUEST) &&
			      (nlh->nlmsg_flags & NLM_F_ACK) &&
			      (nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP;
	struct nlmsghdr *m;
	struct nlu_err e;
	ssize_t n;
	int len, ret;

	if (mnl_socket_sendto(u->nl, nlh, nlh->nlmsg_len) < 0)
		die("send: %s", strerror(errno));
	for (;;) {
		ret = nlu_wait(u, TIMEOUT_MS);
		if (ret < 0)
			die("poll: %s", strerror(-ret));
		if (!ret)
			die("no answer within %d ms (seq %u)", TIMEOUT_MS,
			    nlh->nlmsg_seq);
		n = mnl_socket_recvfrom(u->nl, rxbuf, sizeof(rxbuf));
		if (n < 0)
			die("recv: %s", strerror(errno));
		len = (int)n;
		for (m = (struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(m, len);
		     m = mnl_nlmsg_next(m, &len)) {
			if (is_relayed(u, m)) {
				F.relayed++;
				continue;
			}
			if (m->nlmsg_seq != nlh->nlmsg_seq ||
			    m->nlmsg_pid != u->portid)
				die("stray message: type %u seq %u pid %u",
				    m->nlmsg_type, m->nlmsg_seq, m->nlmsg_pid);
			if (m->nlmsg_type == NLMSG_DONE && ack_after_done) {
				ack_after_done = false;
				continue;
			}
			if (m->nlmsg_type == NLMSG_ERROR ||
			    m->nlmsg_type == NLMSG_DONE) {
				nlu_parse_err(m, &e);
				if (has_msg)
					*has_msg = e.msg && e.msg[0];
				if (len != (int)NLMSG_ALIGN(m->nlmsg_len))
					die("%s", "messages after the final one");
				return e.error > 0 ? -e.error : e.error;
			}
			if (m->nlmsg_type != u->family)
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
	struct nlmsghdr *nlh = plain_request(&F.u, VIRTNET_CMD_DEV_GET,
					     VIRTNET_GENL_VERSION, true);
	int err;

	l.n = 0;
	err = exchange(&F.u, nlh, collect_dev, &l, NULL);
	if (err)
		die("device dump: %s", nlu_errname(err));
	memcpy(devs, l.devs, l.n * sizeof(*devs));
	return l.n;
}

struct nlmsghdr *plain_request(struct nlu *u, uint8_t cmd, uint8_t version,
			       bool dump)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(txbuf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = u->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++u->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

static int del_dev(uint32_t id)
{
	struct nlmsghdr *nlh = plain_request(&F.u, VIRTNET_CMD_DEV_DEL,
					     VIRTNET_GENL_VERSION, false);

	mnl_attr_put_u32(nlh, VIRTNET_ATTR_DEV_ID, id);
	return exchange(&F.u, nlh, NULL, NULL, NULL);
}

/* Random SF_POOL_SETs leave idle SF representors: remove them. */
static int empty_sf_pool(void)
{
	struct nlmsghdr *nlh = plain_request(&F.u, VIRTNET_CMD_SF_POOL_SET,
					     VIRTNET_GENL_VERSION, false);

	mnl_attr_put_u32(nlh, VIRTNET_ATTR_SF_POOL_SIZE, 0);
	return exchange(&F.u, nlh, NULL, NULL, NULL);
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
		if (nlfuzz_is_kept_id(devs[j].id))
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

static const char *const fam_names[] = {
	[FAM_VIRTNET] = VIRTNET_GENL_NAME, [FAM_DEVLINK] = "devlink",
	[FAM_VDPA] = "vdpa", [FAM_RELAY] = "relay",
};

static void summary(unsigned long long seedv, double elapsed, bool timed_out)
{
	unsigned int i;

	printf("nlfuzz: family=%s seed=%llu sent=%lu time=%.1fs rate=%.0f/s%s replies=%lu"
	       " created=%lu deleted=%lu resyncs=%lu relayed=%lu",
	       fam_names[F.fam], seedv, F.sent, elapsed,
	       elapsed > 0 ? (double)F.sent / elapsed : 0,
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

void print_msg(const char *what, const struct nlmsghdr *nlh)
{
	const unsigned char *p = (const unsigned char *)nlh;
	uint32_t i;

	fprintf(stderr, "nlfuzz: %s:", what);
	for (i = 0; i < nlh->nlmsg_len && i < 256; i++)
		fprintf(stderr, "%s%02x", i % 4 ? "" : " ", p[i]);
	fprintf(stderr, "%s\n", nlh->nlmsg_len > 256 ? " ..." : "");
}

static void usage(void)
{
	fputs("usage: nlfuzz [-F FAMILY] -n COUNT -s SEED [-t SECONDS] [-v]\n"
	      "Sends COUNT random messages to a generic netlink family (at\n"
	      "most SECONDS long), then prints one summary line: the rate,\n"
	      "the answers counted by errno (OK = success), and the errors\n"
	      "that came without an extack message (-v: print the first\n"
	      "request of each such errno on stderr).\n"
	      "  -F virtnet  the module's family (default)\n"
	      "  -F devlink  port new/del/set, eswitch get/set and the rest of\n"
	      "              devlink on the platform/virtnet_emu.N instances\n"
	      "  -F vdpa     mgmtdev get, dev new/del/get, config, vstats\n"
	      "  -F relay    CTRL_* from two competing controller sockets\n",
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

static bool verbose;

void count_answer(const struct nlmsghdr *nlh, int err, bool has_msg)
{
	unsigned int e = -err <= MAX_ERRNO ? (unsigned int)-err : MAX_ERRNO;

	F.counts[e]++;
	/* -v: the first request of each errno that came without extack. */
	if (err && !has_msg && !F.noextack[e]++ && verbose)
		print_msg(nlu_errname(err), nlh);
}

/* One message of the "virtnet" family. */
static void virtnet_step(void)
{
	struct nlmsghdr *nlh;
	struct sent s;
	bool has_msg;
	int err;

	nlh = nlfuzz_build(&s);
	err = exchange(&F.u, nlh, count_new, NULL, &has_msg);
	count_answer(nlh, err, has_msg);
	if (err == -ENOENT && nlu_resolve(&F.u))
		die("the family disappeared");
	/* A device may have come or gone: see which. */
	if (!err && s.request && !s.dump &&
	    (s.cmd == VIRTNET_CMD_DEV_NEW || s.cmd == VIRTNET_CMD_DEV_DEL)) {
		F.deleted += s.cmd == VIRTNET_CMD_DEV_DEL;
		resync(MAX_OWN);
	} else if ((F.sent + 1) % 10000 == 0) {
		resync(MAX_OWN);
	}
}

static void virtnet_finish(void)
{
	int ret;

	/* Delete ours; the pre-existing ones must have survived. */
	resync(0);
	if (resync(0))
		die("%s", "could not delete every device of ours");
	ret = empty_sf_pool();
	if (ret)
		die("emptying the SF pool: %s", nlu_errname(ret));
}

int main(int argc, char **argv)
{
	unsigned long long count = 0, seedv = 0, limit = 0;
	bool has_count = false, has_seed = false, timed_out = false;
	double start, elapsed;
	const char *fam = VIRTNET_GENL_NAME;
	char *end;
	int c, ret;

	while ((c = getopt(argc, argv, "F:n:s:t:vh")) != -1) {
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
		if (c == 'F') {
			fam = optarg;
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
	for (F.fam = FAM_VIRTNET; F.fam <= FAM_RELAY; F.fam++)
		if (!strcmp(fam, fam_names[F.fam]))
			break;
	if (!has_count || !has_seed || optind != argc || F.fam > FAM_RELAY) {
		usage();
		return 2;
	}
	seed(seedv);
	if (nlu_open_family(&F.u, 0, F.fam == FAM_RELAY ? VIRTNET_GENL_NAME :
				     fam_names[F.fam]))
		return 1;

	if (F.fam == FAM_VIRTNET)
		F.nkeep = dump_devs(F.keep);
	else if (F.fam == FAM_RELAY)
		relay_start();
	else
		mgmt_start();
	start = now();
	while (F.sent < count) {
		if (limit && (F.sent & 63) == 0 && now() - start > (double)limit) {
			timed_out = true;
			break;
		}
		if (F.fam == FAM_VIRTNET)
			virtnet_step();
		else if (F.fam == FAM_RELAY)
			relay_step();
		else
			mgmt_step();
		F.sent++;
	}
	elapsed = now() - start;

	if (F.fam == FAM_VIRTNET)
		virtnet_finish();
	else if (F.fam == FAM_RELAY)
		relay_finish();
	else
		mgmt_finish();
	if (F.u.nl) {
		ret = nlu_resolve(&F.u);
		if (ret)
			die("family lookup at the end: %s", nlu_errname(ret));
	}
	summary(seedv, elapsed, timed_out);
	nlu_close(&F.u);
	return 0;
}
