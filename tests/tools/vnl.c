// SPDX-License-Identifier: GPL-2.0
/*
 * vnl - raw generic netlink probe of the "virtnet" family, for tests.
 * Sends one message built exactly as told (wrong types, unknown
 * attributes, truncated data...), prints every reply and the error with
 * its extack; or, with --monitor, prints events. See usage().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/virtnet.h>

#include "nlutil.h"

enum { EXIT_OK, EXIT_KERNEL, EXIT_USAGE, EXIT_LOCAL };

static void usage(void)
{
	fputs(
"usage: vnl [OPTION]... CMD [ATTR=TYPE:VALUE | raw:HEX]...\n"
"       vnl --monitor N [--timeout S]\n"
"       vnl --batch\n"
"Sends one message to the \"virtnet\" generic netlink family, prints the\n"
"replies (CMD NAME=value...) and the outcome: 'ok', or 'error ENAME' then\n"
"'extack MESSAGE', 'extack_offset N [ATTR]', 'extack_missing ATTR' when the\n"
"kernel gave them. Exit status: 0 success, 1 kernel error, 2 usage,\n"
"3 local failure (no family, timeout, socket error).\n"
"  CMD      DEV_NEW, DEV_DEL, DEV_GET, INFO_GET, PORT_SET, UNSPEC or a\n"
"           number 0..255\n"
"  ATTR     an attribute name (MTU, DEV_ID... as in uapi/linux/virtnet.h\n"
"           without VIRTNET_ATTR_) or a number 0..65535 (flag bits included)\n"
"  TYPE     u8, u16, u32, u64 (VALUE decimal or 0x..., host byte order),\n"
"           str (no NUL), strz (NUL added), hex (bytes, e.g. 02:00:00:00:00:01\n"
"           or 020000000001; empty for none), flag (no payload),\n"
"           nest (NLA_F_NESTED set, payload in hex)\n"
"  raw:HEX  bytes appended to the message as they are, unpadded (e.g. an\n"
"           attribute header announcing more bytes than follow)\n"
"  --dump         set NLM_F_DUMP\n"
"  --no-ack       do not set NLM_F_ACK (wait at most 1 s for a reply)\n"
"  --flags N      OR N into nlmsg_flags\n"
"  --type N       nlmsg_type N instead of the family id\n"
"  --version N    genl header version (default 1)\n"
"  --reserved N   genl header reserved field (default 0)\n"
"  --genlhdr HEX  these bytes instead of the genl header (CMD is ignored)\n"
"  --timeout S    give up after S seconds (default 5; --monitor 30)\n"
"  --recv-size N  receive with N-byte buffers (default 65536; the kernel\n"
"                 sizes dump messages after the reader's buffer)\n"
"  --fresh-socket send on a socket that has not received anything yet\n"
"                 (the family is looked up on another one)\n"
"  --monitor N    subscribe to the \"events\" group, print 'monitoring' and\n"
"                 then N events as 'event CMD NAME=value...'\n"
"  -q, --quiet    do not print replies\n"
"  --batch        (alone) read one command line per line of stdin (words\n"
"                 split at blanks, no quoting) and answer each with its\n"
"                 output and 'vnl: end STATUS' on stdout: one process for\n"
"                 many requests (an exec costs a second under TCG)\n", stderr);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "vnl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(vnl --help for usage)\n");
	return EXIT_USAGE;
}

static char txbuf[256 * 1024];
static char rxbuf[NLU_RXBUF];

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex digits, optionally separated by ':', '-' or '.'; -1 if invalid. */
static int parse_hex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;
	int hi, lo;

	while (*s) {
		if (*s == ':' || *s == '-' || *s == '.') {
			s++;
			continue;
		}
		hi = hexval(s[0]);
		lo = hi < 0 ? -1 : hexval(s[1]);
		if (lo < 0 || n >= max)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	return (int)n;
}

static size_t room(const struct nlmsghdr *nlh)
{
	return sizeof(txbuf) - MNL_ALIGN(nlh->nlmsg_len);
}

/* Appends raw bytes to the message, without padding. */
static int put_raw(struct nlmsghdr *nlh, const char *hex)
{
	unsigned char *tail = mnl_nlmsg_get_payload_tail(nlh);
	int n = parse_hex(hex, tail, room(nlh));

	if (n < 0)
		return usage_error("bad hex bytes '%s'", hex);
	nlh->nlmsg_len = MNL_ALIGN(nlh->nlmsg_len) + (uint32_t)n;
	return 0;
}

static int put_attr(struct nlmsghdr *nlh, const char *spec)
{
	static unsigned char data[65536];
	const char *eq = strchr(spec, '='), *val;
	char name[64], type[16];
	unsigned long long v;
	int attr, len;
	size_t tlen;
	char *end;

	if (!strncmp(spec, "raw:", 4))
		return put_raw(nlh, spec + 4);
	if (!eq || (size_t)(eq - spec) >= sizeof(name))
		return usage_error("'%s' is not ATTR=TYPE:VALUE", spec);
	memcpy(name, spec, (size_t)(eq - spec));
	name[eq - spec] = '\0';
	attr = nlu_attr_parse(name);
	if (attr < 0)
		return usage_error("unknown attribute '%s'", name);
	val = strchr(eq + 1, ':');
	tlen = val ? (size_t)(val - eq - 1) : strlen(eq + 1);
	if (tlen >= sizeof(type))
		return usage_error("unknown type in '%s'", spec);
	memcpy(type, eq + 1, tlen);
	type[tlen] = '\0';
	val = val ? val + 1 : "";

	if (!strcmp(type, "u8") || !strcmp(type, "u16") ||
	    !strcmp(type, "u32") || !strcmp(type, "u64")) {
		int bits = atoi(type + 1);

		errno = 0;
		v = strtoull(val, &end, 0);
		if (errno || end == val || *end || val[0] == '-' ||
		    (bits < 64 && v >> bits))
			return usage_error("bad %s value", type);
		len = bits / 8;
		if (bits == 8) {
			uint8_t x = (uint8_t)v;
			memcpy(data, &x, 1);
		} else if (bits == 16) {
			uint16_t x = (uint16_t)v;
			memcpy(data, &x, 2);
		} else if (bits == 32) {
			uint32_t x = (uint32_t)v;
			memcpy(data, &x, 4);
		} else {
			uint64_t x = v;
			memcpy(data, &x, 8);
		}
	} else if (!strcmp(type, "str") || !strcmp(type, "strz")) {
		len = (int)strlen(val) + (type[3] == 'z');
		if (len > 65531)
			return usage_error("string too long in '%s'", name);
		memcpy(data, val, (size_t)len);
	} else if (!strcmp(type, "hex") || !strcmp(type, "nest")) {
		len = parse_hex(val, data, 65531);
		if (len < 0)
			return usage_error("bad hex bytes '%s'", val);
		if (type[0] == 'n')
			attr |= NLA_F_NESTED;
	} else if (!strcmp(type, "flag")) {
		if (*val)
			return usage_error("flag '%s' takes no value", name);
		len = 0;
	} else {
		return usage_error("unknown type '%s'", type);
	}
	if (MNL_ATTR_HDRLEN + MNL_ALIGN((size_t)len) > room(nlh))
		return usage_error("message too long at '%s'", name);
	mnl_attr_put(nlh, (uint16_t)attr, (size_t)len, data);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Waits until the deadline: 1 readable, 0 timeout, <0 error. */
static int wait_until(struct nlu *u, long long deadline)
{
	long long left = deadline - now_ms();

	return nlu_wait(u, left > 0 ? (int)left : 0);
}

static void print_msg(const char *prefix, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const char *name;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*g)) {
		printf("%sshort message (%u bytes)\n", prefix, nlh->nlmsg_len);
		return;
	}
	name = nlu_cmd_name(g->cmd);
	if (name)
		printf("%s%s", prefix, name);
	else
		printf("%scmd%u", prefix, g->cmd);
	nlu_print_attrs(nlh);
	putchar('\n');
}

/* The attribute of the request at byte offset @offs, if any. */
static void print_offset(const struct nlmsghdr *req, uint32_t offs)
{
	const struct nlattr *a;
	const struct nlu_attr *info;

	printf("extack_offset %u", offs);
	if (mnl_nlmsg_get_payload_len(req) >= GENL_HDRLEN) {
		mnl_attr_for_each(a, req, GENL_HDRLEN) {
			if ((const char *)a - (const char *)req != offs)
				continue;
			info = nlu_attr_info(mnl_attr_get_type(a));
			if (info)
				printf(" %s", info->name);
			else
				printf(" attr%u", mnl_attr_get_type(a));
		}
	}
	putchar('\n');
}

/* Prints the outcome of an NLMSG_ERROR / NLMSG_DONE; returns the error. */
static int print_outcome(const struct nlmsghdr *req, const struct nlmsghdr *nlh)
{
	const struct nlu_attr *info;
	struct nlu_err e;

	nlu_parse_err(nlh, &e);
	if (!e.error) {
		printf("ok\n");
		return 0;
	}
	printf("error %s\n", nlu_errname(e.error));
	if (e.msg)
		printf("extack %s\n", e.msg);
	if (e.has_offs)
		print_offset(req, e.offs);
	if (e.has_miss) {
		info = nlu_attr_info(e.miss_type);
		if (info)
			printf("extack_missing %s\n", info->name);
		else
			printf("extack_missing attr%u\n", e.miss_type);
	}
	return e.error;
}

struct request {
	bool ack, dump, quiet;
	int timeout_ms;
};

static int run_request(struct nlu *u, const struct nlmsghdr *req,
		       const struct request *r)
{
	long long deadline = now_ms() + r->timeout_ms;
	bool intr = false;
	struct nlmsghdr *nlh;
	ssize_t n;
	int ret, len;

	if (mnl_socket_sendto(u->nl, req, req->nlmsg_len) < 0) {
		perror("vnl: send");
		return EXIT_LOCAL;
	}
	for (;;) {
		ret = wait_until(u, deadline);
		if (ret < 0) {
			fprintf(stderr, "vnl: poll: %s\n", strerror(-ret));
			return EXIT_LOCAL;
		}
		if (!ret) {
			if (!r->ack && !r->dump) {
				printf("no reply\n");
				return EXIT_OK;
			}
			fprintf(stderr, "vnl: no answer within %d ms\n",
				r->timeout_ms);
			return EXIT_LOCAL;
		}
		n = mnl_socket_recvfrom(u->nl, rxbuf, u->rxsize);
		if (n < 0) {
			perror("vnl: recv");
			return EXIT_LOCAL;
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)rxbuf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != req->nlmsg_seq) {
				print_msg("stray ", nlh);
				continue;
			}
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = true;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				if (intr)
					printf("dump_interrupted\n");
				return print_outcome(req, nlh) ?
				       EXIT_KERNEL : EXIT_OK;
			}
			if (!r->quiet)
				print_msg("", nlh);
			if (!r->ack && !r->dump)
				return EXIT_OK;	/* the reply, no ACK follows */
		}
	}
}

static int monitor(struct nlu *u, long count, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	struct nlmsghdr *nlh;
	long seen = 0;
	int grp = (int)u->mcgrp_events, ret, len;
	ssize_t n;

	if (!grp) {
		fprintf(stderr, "vnl: the family has no \"%s\" group\n",
			VIRTNET_MCGRP_EVENTS);
		return EXIT_LOCAL;
	}
	if (mnl_socket_setsockopt(u->nl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp))) {
		perror("vnl: NETLINK_ADD_MEMBERSHIP");
		return EXIT_LOCAL;
	}
	printf("monitoring\n");
	fflush(stdout);
	while (seen < count) {
		ret = wait_until(u, deadline);
		if (ret <= 0) {
			fprintf(stderr, "vnl: %s after %ld of %ld events\n",
				ret ? strerror(-ret) : "timeout", seen, count);
			return EXIT_LOCAL;
		}
		n = mnl_socket_recvfrom(u->nl, rxbuf, u->rxsize);
		if (n < 0) {
			perror("vnl: recv");
			return EXIT_LOCAL;
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)rxbuf;
		     mnl_nlmsg_ok(nlh, len) && seen < count;
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_type != u->family)
				continue;
			print_msg("event ", nlh);
			fflush(stdout);
			seen++;
		}
	}
	return EXIT_OK;
}

/* The value of a number option, or exit with a usage error. */
static unsigned long num_arg(const char *s, unsigned long min,
			     unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > max)
		exit(usage_error("bad number '%s'", s));
	return v;
}

static int vnl_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dump", no_argument, NULL, 'd' },
		{ "no-ack", no_argument, NULL, 'n' },
		{ "flags", required_argument, NULL, 'f' },
		{ "type", required_argument, NULL, 'T' },
		{ "version", required_argument, NULL, 'V' },
		{ "reserved", required_argument, NULL, 'R' },
		{ "genlhdr", required_argument, NULL, 'g' },
		{ "timeout", required_argument, NULL, 't' },
		{ "monitor", required_argument, NULL, 'm' },
		{ "recv-size", required_argument, NULL, 'r' },
		{ "fresh-socket", no_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct request r = { .ack = true };
	unsigned long flags = 0, version = VIRTNET_GENL_VERSION, reserved = 0;
	unsigned long type = 0, timeout = 0, events = 0, rxsize = 0;
	const char *genlhdr = NULL;
	bool has_type = false, mon = false, fresh = false;
	struct nlmsghdr *nlh = NULL;
	struct genlmsghdr *g;
	struct nlu u;
	int c, cmd = 0, ret;

	while ((c = getopt_long(argc, argv, "+qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': r.dump = true; break;
		case 'n': r.ack = false; break;
		case 'q': r.quiet = true; break;
		case 'F': fresh = true; break;
		case 'g': genlhdr = optarg; break;
		case 'h': usage(); return EXIT_OK;
		case 'f': flags = num_arg(optarg, 0, 0xffff); break;
		case 'T': type = num_arg(optarg, 0, 0xffff); has_type = true; break;
		case 'V': version = num_arg(optarg, 0, 0xff); break;
		case 'R': reserved = num_arg(optarg, 0, 0xffff); break;
		case 't': timeout = num_arg(optarg, 1, 3600); break;
		case 'r': rxsize = num_arg(optarg, 256, NLU_RXBUF); break;
		case 'm': events = num_arg(optarg, 0, 1000000); mon = true; break;
		default:
			return usage_error("%s", "bad option");
		}
	}
	if (mon ? optind != argc : optind >= argc)
		return usage_error("%s", mon ? "--monitor takes no CMD" :
				   "CMD missing");
	if (!mon) {	/* build the request first: usage errors need no kernel */
		cmd = nlu_cmd_parse(argv[optind]);
		if (cmd < 0)
			return usage_error("unknown command '%s'", argv[optind]);
		nlh = mnl_nlmsg_put_header(txbuf);
		nlh->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags |
					      (r.ack ? NLM_F_ACK : 0) |
					      (r.dump ? NLM_F_DUMP : 0));
		if (genlhdr) {
			ret = put_raw(nlh, genlhdr);
		} else {
			g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
			g->cmd = (uint8_t)cmd;
			g->version = (uint8_t)version;
			g->reserved = (uint16_t)reserved;
			ret = 0;
		}
		for (optind++; !ret && optind < argc; optind++)
			ret = put_attr(nlh, argv[optind]);
		if (ret)
			return ret;
	}

	if (nlu_open(&u, rxsize))
		return EXIT_LOCAL;
	if (fresh) {
		nlu_close(&u);
		if (nlu_socket(&u))
			return EXIT_LOCAL;
	}
	if (mon) {
		ret = monitor(&u, (long)events,
			      (int)(timeout ? timeout : 30) * 1000);
		nlu_close(&u);
		return ret;
	}
	nlh->nlmsg_type = has_type ? (uint16_t)type : u.family;
	nlh->nlmsg_seq = ++u.seq;
	r.timeout_ms = (int)(timeout ? timeout : r.ack || r.dump ? 5 : 1) * 1000;
	ret = run_request(&u, nlh, &r);
	nlu_close(&u);
	return ret;
}

static int batch(char *prog)
{
	char line[4096], *words[256], *save, *w;
	int n, rc;

	while (fgets(line, sizeof(line), stdin)) {
		n = 0;
		words[n++] = prog;
		for (w = strtok_r(line, " \t\n", &save); w && n < 255;
		     w = strtok_r(NULL, " \t\n", &save))
			words[n++] = w;
		words[n] = NULL;
		optind = 0;	/* getopt starts over */
		rc = vnl_run(n, words);
		fflush(stderr);
		printf("vnl: end %d\n", rc);
		fflush(stdout);
	}
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--batch"))
		return batch(argv[0]);
	return vnl_run(argc, argv);
}
