// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz_relay.c - nlfuzz -F relay: the controller relay (kmod/relay.c)
 * as two fake controllers see it. Two sockets of the "virtnet" family
 * send CTRL_REGISTER, CTRL_GET, CTRL_UPDATE and CTRL_LOG_LEVEL requests,
 * valid ones mutated (nlfuzz_msg.c), competing for the registration;
 * a socket is sometimes closed right after a request, before its answer
 * (a controller dying mid-operation), or between requests. Whatever the
 * relay forwards (CTRL_UPDATE, CTRL_LOG_LEVEL, sequence 0) is read and
 * must be nothing else. Now and then a live update handshake runs the
 * way the controller does it and its outcome is checked: register,
 * update asked from the other socket and relayed, the old socket closed
 * (UPDATING), the successor registering with UPDATE_STATUS DONE (RUNNING,
 * DONE, the previous version kept). And now and then a race: a child
 * process sends requests on a third socket (registering, asking for
 * updates and log levels) while this one registers and closes its
 * sockets, so forwarding and the socket's release meet in the kernel.
 * At the end every socket is closed: nothing stays registered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nlfuzz.h"

static struct {
	struct nlu other;
	struct nlu *sk[2];
	unsigned int handshakes, closed_mid, races;
} R;

static char relay_rx[NLU_RXBUF];

static void reopen(unsigned int i)
{
	nlu_close(R.sk[i]);
	if (nlu_open(R.sk[i], 0))
		die("%s", "reopening a controller socket");
}

/* Reads what the relay sent @u unasked: only forwarded requests. */
static unsigned int drain(struct nlu *u, int timeout_ms)
{
	const struct genlmsghdr *g;
	struct nlmsghdr *m;
	unsigned int n = 0;
	ssize_t len;
	int left;

	while (nlu_wait(u, timeout_ms) > 0) {
		len = mnl_socket_recvfrom(u->nl, relay_rx, sizeof(relay_rx));
		if (len < 0)
			die("recv: %s", strerror(errno));
		left = (int)len;
		for (m = (struct nlmsghdr *)relay_rx; mnl_nlmsg_ok(m, left);
		     m = mnl_nlmsg_next(m, &left)) {
			g = mnl_nlmsg_get_payload(m);
			if (m->nlmsg_seq || m->nlmsg_type != u->family ||
			    mnl_nlmsg_get_payload_len(m) < sizeof(*g) ||
			    (g->cmd != VIRTNET_CMD_CTRL_UPDATE &&
			     g->cmd != VIRTNET_CMD_CTRL_LOG_LEVEL))
				die("unasked message of type %u seq %u",
				    m->nlmsg_type, m->nlmsg_seq);
			n++;
			F.relayed++;
		}
		timeout_ms = 0;
	}
	return n;
}

struct ctrl {
	int state, update_status;
	char version[VIRTNET_CTRL_VERSION_MAX];
	char prev[VIRTNET_CTRL_VERSION_MAX];
};

static void ctrl_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct ctrl *c = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case VIRTNET_ATTR_CTRL_STATE:
			c->state = mnl_attr_get_u8(a);
			break;
		case VIRTNET_ATTR_CTRL_UPDATE_STATUS:
			c->update_status = mnl_attr_get_u8(a);
			break;
		case VIRTNET_ATTR_CTRL_VERSION:
			snprintf(c->version, sizeof(c->version), "%s",
				 mnl_attr_get_str(a));
			break;
		case VIRTNET_ATTR_CTRL_PREV_VERSION:
			snprintf(c->prev, sizeof(c->prev), "%s",
				 mnl_attr_get_str(a));
			break;
		}
	}
}

static void ctrl_get(struct nlu *u, struct ctrl *c)
{
	struct nlmsghdr *nlh = plain_request(u, VIRTNET_CMD_CTRL_GET,
					     VIRTNET_GENL_VERSION, false);
	int err;

	memset(c, 0, sizeof(*c));
	c->state = c->update_status = -1;
	err = exchange(u, nlh, ctrl_cb, c, NULL);
	if (err)
		die("CTRL_GET: %s", nlu_errname(err));
}

static struct nlmsghdr *reg_request(struct nlu *u, const char *version,
				    int update_status)
{
	struct nlmsghdr *nlh = plain_request(u, VIRTNET_CMD_CTRL_REGISTER,
					     VIRTNET_GENL_VERSION, false);

	mnl_attr_put_strz(nlh, VIRTNET_ATTR_CTRL_VERSION, version);
	mnl_attr_put_u32(nlh, VIRTNET_ATTR_CTRL_PID, 4000 + below(1000));
	if (update_status >= 0)
		mnl_attr_put_u8(nlh, VIRTNET_ATTR_CTRL_UPDATE_STATUS,
				(uint8_t)update_status);
	return nlh;
}

static void must(struct nlu *u, struct nlmsghdr *nlh, const char *what)
{
	int err = exchange(u, nlh, NULL, NULL, NULL);

	if (err)
		die("handshake %u: %s: %s", R.handshakes, what,
		    nlu_errname(err));
}

/* A live update as the controller does it; every step must succeed. */
static void handshake(void)
{
	char old[16], new[16];
	struct ctrl c;

	R.handshakes++;
	snprintf(old, sizeof(old), "old-%u", R.handshakes);
	snprintf(new, sizeof(new), "new-%u", R.handshakes);
	reopen(0);
	reopen(1);
	must(R.sk[0], reg_request(R.sk[0], old, -1), "register");
	must(R.sk[1], plain_request(R.sk[1], VIRTNET_CMD_CTRL_UPDATE,
				    VIRTNET_GENL_VERSION, false), "update");
	if (!drain(R.sk[0], 2000))
		die("handshake %u: the update was not relayed",
		    R.handshakes);
	reopen(0);	/* the old process execs the new one */
	ctrl_get(R.sk[1], &c);
	if (c.state != VIRTNET_CTRL_STATE_UPDATING ||
	    c.update_status != VIRTNET_UPDATE_IN_PROGRESS)
		die("handshake %u: state %d status %d after the old socket closed",
		    R.handshakes, c.state, c.update_status);
	must(R.sk[0], reg_request(R.sk[0], new, VIRTNET_UPDATE_DONE),
	     "successor's register");
	ctrl_get(R.sk[1], &c);
	if (c.state != VIRTNET_CTRL_STATE_RUNNING ||
	    c.update_status != VIRTNET_UPDATE_DONE || strcmp(c.version, new) ||
	    strcmp(c.prev, old))
		die("handshake %u: state %d status %d version '%s' previous '%s' at the end",
		    R.handshakes, c.state, c.update_status, c.version, c.prev);
}

static void status_string(struct nlmsghdr *nlh)
{
	unsigned char s[300];
	size_t i, len = pct(50) ? below(200) : random_string(s, sizeof(s));

	if (len && s[len - 1] == '\0')
		len--;
	if (pct(50) || !len)
		for (i = 0, len = below(200); i < len; i++)
			s[i] = (unsigned char)(pct(5) ? '\n' : ' ' + below(95));
	s[len] = '\0';
	put(nlh, VIRTNET_ATTR_CTRL_STATUS, len + 1, s);
}

static struct nlmsghdr *relay_build(struct nlu *u)
{
	struct nlmsghdr *nlh = plain_request(u, 0, VIRTNET_GENL_VERSION, false);
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	unsigned int r = below(100);
	char version[VIRTNET_CTRL_VERSION_MAX + 8];

	if (r < 40) {
		g->cmd = VIRTNET_CMD_CTRL_REGISTER;
		snprintf(version, sizeof(version), "nlfuzz-%u", below(100));
		if (pct(90))
			mnl_attr_put_strz(nlh, VIRTNET_ATTR_CTRL_VERSION, version);
		if (pct(90))
			mnl_attr_put_u32(nlh, VIRTNET_ATTR_CTRL_PID,
					 (uint32_t)interesting());
		if (pct(30))
			status_string(nlh);
		if (pct(30))
			mnl_attr_put_u8(nlh, VIRTNET_ATTR_CTRL_UPDATE_STATUS,
					(uint8_t)(pct(90) ? below(4) : rnd()));
		if (pct(30))
			mnl_attr_put_u8(nlh, VIRTNET_ATTR_CTRL_LOG_LEVEL,
					(uint8_t)(pct(90) ? below(3) : rnd()));
	} else if (r < 55) {
		g->cmd = VIRTNET_CMD_CTRL_GET;
	} else if (r < 75) {
		g->cmd = VIRTNET_CMD_CTRL_UPDATE;
	} else if (r < 90) {
		g->cmd = VIRTNET_CMD_CTRL_LOG_LEVEL;
		if (pct(95))
			mnl_attr_put_u8(nlh, VIRTNET_ATTR_CTRL_LOG_LEVEL,
					(uint8_t)(pct(90) ? below(3) : rnd()));
	} else {
		g->cmd = (uint8_t)(VIRTNET_CMD_CTRL_REGISTER + below(4));
		mutate_header(nlh, VIRTNET_CMD_MAX);
		/* DEV_* and the rest are the -F virtnet run's. */
		if (g->cmd < VIRTNET_CMD_CTRL_REGISTER ||
		    g->cmd > VIRTNET_CMD_CTRL_LOG_LEVEL)
			g->cmd = VIRTNET_CMD_CTRL_GET;
		mutate_attrs(nlh, VIRTNET_ATTR_MAX, 100);
		return nlh;
	}
	mutate_attrs(nlh, VIRTNET_ATTR_MAX, 50);
	return nlh;
}

/* A third, concurrent fake controller: RACE_N requests from a child. */
#define RACE_N	40

static void race(void)
{
	unsigned int k;
	struct nlmsghdr *nlh;
	int status, err;
	pid_t pid;

	R.races++;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		struct nlu u;

		/* Its own numbers: the parent's sequence stays replayable. */
		F.rng = F.rng * 6364136223846793005ULL + R.races;
		if (nlu_open(&u, 0))
			_exit(1);
		for (k = 0; k < RACE_N; k++) {
			nlh = relay_build(&u);
			exchange(&u, nlh, NULL, NULL, NULL);
		}
		_exit(0);
	}
	for (k = 0; k < RACE_N / 4; k++) {
		unsigned int i = below(2);

		nlh = relay_build(R.sk[i]);
		err = exchange(R.sk[i], nlh, NULL, NULL, NULL);
		(void)err;
		drain(R.sk[!i], 0);
		if (pct(40))
			reopen(i);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("the racing fake controller failed (status 0x%x)", status);
	drain(R.sk[0], 0);
	drain(R.sk[1], 0);
}

void relay_start(void)
{
	struct ctrl c;

	R.sk[0] = &F.u;
	R.sk[1] = &R.other;
	if (nlu_open(&R.other, 0))
		die("%s", "no virtnet family");
	ctrl_get(&F.u, &c);
	if (c.state == VIRTNET_CTRL_STATE_RUNNING)
		die("%s", "a controller is registered: stop it first");
}

void relay_step(void)
{
	unsigned int i = below(2), r = below(100);
	struct nlmsghdr *nlh;
	bool has_msg;
	int err;

	if (r < 3) {
		handshake();
		return;
	}
	if (r < 4) {
		race();
		return;
	}
	nlh = relay_build(R.sk[i]);
	if (r < 8) {
		/* Closed before the answer: a controller dying mid-request. */
		if (mnl_socket_sendto(R.sk[i]->nl, nlh, nlh->nlmsg_len) < 0)
			die("send: %s", strerror(errno));
		R.closed_mid++;
		reopen(i);
		return;
	}
	err = exchange(R.sk[i], nlh, NULL, NULL, &has_msg);
	count_answer(nlh, err, has_msg);
	drain(R.sk[!i], 0);
	if (r < 11)
		reopen(i);
}

void relay_finish(void)
{
	struct ctrl c;

	nlu_close(R.sk[0]);
	nlu_close(R.sk[1]);
	if (nlu_open(&R.other, 0))
		die("%s", "no virtnet family");
	ctrl_get(&R.other, &c);
	if (c.state == VIRTNET_CTRL_STATE_RUNNING)
		die("%s", "a controller stays registered after its sockets closed");
	nlu_close(&R.other);
	printf("nlfuzz: relay handshakes=%u closed_mid_request=%u races=%u\n",
	       R.handshakes, R.closed_mid, R.races);
}
