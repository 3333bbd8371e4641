// SPDX-License-Identifier: GPL-2.0
/*
 * vhost-vdpa-migrate: moves a VM's driver between two vDPA functions the
 * way QEMU's live migration does with the device's help: suspend the
 * source, read its ring bases, give the same rings to the destination at
 * those bases, start it, reset the source.
 *
 *   vhost-vdpa-migrate [--count N] [--takeover CMD] NODE_A REP_A NODE_B REP_B
 *   vhost-vdpa-migrate --mode MODE NODE REP
 *
 * Migration: a numbered frame stream from the driver to the representor
 * runs while the driver is moved from A to B: frames posted while the
 * device is suspended wait in the ring and leave through B. Before that,
 * a suspend/resume cycle on A: nothing moves while suspended, the bases
 * stay put, and it goes on after. Then a stream from the representor to
 * the driver moves back from B to A (a reset function taken up again):
 * receive buffers posted on one device are filled by the other. Every
 * frame arrives once, in order; a suspended device's used index equals
 * its base (everything taken was completed). Prints
 * "migrate: tx N/N rx N/N" and exits 0.
 *
 * --takeover CMD: right after the move to B, once every frame B sent has
 * reached REP_B, CMD (a shell command) makes B take over A's SF; from
 * then on B's frames must reach REP_A and A's REP_B, in order.
 *
 * Modes (one device; exit 0 when the device behaves as described):
 *   cvq-asid           the control queue is group 1, the data queues
 *                      group 0; with group 1 in address space 1 and the
 *                      queue enabled after DRIVER_OK (as QEMU does), a
 *                      command there works, one whose buffer only address
 *                      space 0 maps fails the control queue; the group
 *                      cannot move once DRIVER_OK is set
 *   resume-running     RESUME without SUSPEND is refused, nothing breaks
 *   base-out-of-range  a base set while suspended that the available
 *                      index is more than a ring ahead of fails the queue
 *   unmap-suspended    ring memory unmapped while suspended: the queue
 *                      fails, at the latest on resume
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <linux/virtio_config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vdpa_drv.h"

#define FEATURES	((1ull << VIRTIO_F_VERSION_1) | \
			 (1ull << VIRTIO_F_ACCESS_PLATFORM))
#define BACKEND		((1ull << VHOST_BACKEND_F_SUSPEND) | \
			 (1ull << VHOST_BACKEND_F_RESUME))
#define DRIVER_OK	(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER | \
			 VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK)

/* Frames the representor sends during the suspend/resume cycle. */
#define SUSPENDED_RX	5

/* The driver's side of one device: its fd and its representor's socket. */
struct side {
	const char *node;
	int fd, sock;
	struct sockaddr_ll sll;
};

static struct ring rx, tx;
static uint8_t *rx_bufs, *tx_bufs;
static const char *takeover_cmd;

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vhost-vdpa-migrate: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void open_side(struct side *d, const char *node, const char *rep)
{
	uint64_t offered;

	d->node = node;
	d->fd = vdpa_open(node, BACKEND, &offered);
	if ((offered & FEATURES) != FEATURES) {
		fprintf(stderr, "vhost-vdpa-migrate: %s offers %#llx: no VERSION_1 or ACCESS_PLATFORM\n",
			node, (unsigned long long)offered);
		exit(1);
	}
	d->sock = packet_socket(rep, &d->sll);
	iotlb(d->fd, 0, VHOST_IOTLB_UPDATE, IOVA_BASE, MEM_SIZE, mem,
	      VHOST_ACCESS_RW);
}

/* Hands both rings to @d at the given bases and starts it. */
static void start_side(struct side *d, uint16_t rx_base, uint16_t tx_base)
{
	vdpa_negotiate(d->fd, FEATURES);
	ring_attach(d->fd, &rx, rx_base, 0);
	ring_attach(d->fd, &tx, tx_base, 0);
	set_status(d->fd, DRIVER_OK);
	kick(&rx);
	kick(&tx);
}

static void vdpa_ioctl(int fd, unsigned long req, const char *name)
{
	if (ioctl(fd, req))
		die(name);
}

/*
 * Suspends @d; its bases must equal the used indices (everything taken
 * was completed). 0, or 1 with a message.
 */
static int suspend_side(struct side *d, uint16_t *rx_base, uint16_t *tx_base)
{
	vdpa_ioctl(d->fd, VHOST_VDPA_SUSPEND, "VHOST_VDPA_SUSPEND");
	*rx_base = vring_base(d->fd, 0);
	*tx_base = vring_base(d->fd, 1);
	if (*rx_base != used_idx(&rx))
		return fail("%s: suspended, rx base %u but used index %u",
			    d->node, *rx_base, used_idx(&rx));
	if (*tx_base != used_idx(&tx))
		return fail("%s: suspended, tx base %u but used index %u",
			    d->node, *tx_base, used_idx(&tx));
	return 0;
}

/* Posts TX frames from *@i on, as many as the ring and window allow. */
static void post_tx(uint32_t *i, uint32_t count, uint32_t got)
{
	uint32_t id, len;

	while (used_pop(&tx, &id, &len))
		;
	while (*i < count && *i - got < QSIZE / 4 &&
	       (uint16_t)(tx.avail_idx - tx.last_used) < QSIZE) {
		uint16_t slot = tx.avail_idx % QSIZE;
		uint8_t *b = tx_bufs + slot * BUF_SIZE;

		memset(b, 0, HDR_LEN);
		ring_add(&tx, slot, iova(b),
			 HDR_LEN + frame(b + HDR_LEN, DIR_TX, *i), false);
		(*i)++;
	}
	kick(&tx);
}

/* Reads every frame @s holds now; -1 on one out of order. */
static int drain(int s, uint32_t *got)
{
	int c;

	while ((c = rep_receive(s, 0, got)) > 0)
		;
	return c;
}

static int takeover(struct side *a, struct side *b, uint32_t posted,
		    uint32_t *got, double end);

/*
 * Driver -> representor, moved from @a to @b two thirds in, after a
 * suspend/resume cycle on @a one third in.
 */
static int tx_stream(struct side *a, struct side *b, uint32_t count)
{
	uint32_t i = 0, got = 0, cycled = 0, moved = 0, k, waiting;
	uint8_t pkt[BUF_SIZE];
	struct side *cur = a;
	uint16_t rb, tb, rb2;
	double end = now() + 120;

	while (got < count && now() < end) {
		post_tx(&i, count, got);
		if (drain(cur->sock, &got) < 0)
			return 1;
		if (!cycled && i >= count / 3) {
			uint32_t before;

			cycled = 1;
			if (suspend_side(a, &rb, &tb))
				return 1;
			/*
			 * Posted while suspended: they must wait. Frames for
			 * the driver meanwhile are dropped (and counted).
			 * What left before is in the socket already.
			 */
			if (drain(a->sock, &got) < 0)
				return 1;
			before = got;
			post_tx(&i, count, got);
			for (k = 0; k < SUSPENDED_RX; k++) {
				frame(pkt, DIR_RX, 0xdead0000u + k);
				if (sendto(a->sock, pkt, 60, 0,
					   (struct sockaddr *)&a->sll,
					   sizeof(a->sll)) != 60)
					die("sendto");
			}
			usleep(200000);
			if (drain(a->sock, &got) < 0)
				return 1;
			if (got != before || used_idx(&tx) != tb ||
			    vring_base(a->fd, 1) != tb)
				return fail("%s: suspended, yet the device moved (tx base %u, used %u)",
					    a->node, vring_base(a->fd, 1),
					    used_idx(&tx));
			if (used_idx(&rx) != rb)
				return fail("%s: suspended, yet it received (rx used %u, base %u)",
					    a->node, used_idx(&rx), rb);
			vdpa_ioctl(a->fd, VHOST_VDPA_RESUME, "VHOST_VDPA_RESUME");
			rb2 = vring_base(a->fd, 0);
			if (rb2 != rb)
				return fail("%s: rx base %u after resume, %u before",
					    a->node, rb2, rb);
		}
		if (!moved && i >= 2 * count / 3) {
			moved = 1;
			if (suspend_side(a, &rb, &tb))
				return 1;
			/* What A delivered is all in A's socket by now. */
			if (drain(a->sock, &got) < 0)
				return 1;
			/* Frames posted now must leave through B. */
			post_tx(&i, count, got);
			waiting = (uint16_t)(tx.avail_idx - tb);
			if (!waiting && i < count)
				return fail("%s: no frame waiting for the move", a->node);
			start_side(b, rb, tb);
			set_status(a->fd, 0);
			cur = b;
			printf("moved %s -> %s at tx base %u (%u frames waiting)\n",
			       a->node, b->node, tb, waiting);
			if (takeover_cmd && takeover(a, b, i, &got, end))
				return 1;
		}
		if (rep_receive(cur->sock, 1, &got) < 0)
			return 1;
	}
	return got == count ? 0 :
	       fail("tx: %u of %u frames arrived", got, count);
}

/*
 * B (running) takes over A's SF (A reset): once B's frames so far
 * (@posted) have left through B's representor, the two exchange
 * representors, and so do their sockets here.
 */
static int takeover(struct side *a, struct side *b, uint32_t posted,
		    uint32_t *got, double end)
{
	struct sockaddr_ll sll;
	int rc, sock;

	while (*got < posted && now() < end)
		if (rep_receive(b->sock, 1, got) < 0)
			return 1;
	if (*got < posted)
		return fail("%u of %u frames before the takeover", *got, posted);
	fflush(stdout);
	rc = system(takeover_cmd);
	if (rc)
		return fail("takeover command failed (status %d): %s", rc,
			    takeover_cmd);
	sock = a->sock;
	sll = a->sll;
	a->sock = b->sock;
	a->sll = b->sll;
	b->sock = sock;
	b->sll = sll;
	printf("%s took over the representor of %s at frame %u\n",
	       b->node, a->node, posted);
	return 0;
}

/* Representor -> driver, moved from @a back to a reset @b half way. */
static int rx_stream(struct side *a, struct side *b, uint32_t count)
{
	uint32_t i = 0, got = 0;
	struct side *cur = a;
	uint16_t rb, tb;
	double end = now() + 120;
	int moved = 0;

	while (got < count && now() < end) {
		if (!moved && i == count / 2 && got == i) {
			moved = 1;
			if (suspend_side(a, &rb, &tb))
				return 1;
			start_side(b, rb, tb);
			set_status(a->fd, 0);
			cur = b;
			printf("moved %s -> %s at rx base %u (%u buffers posted)\n",
			       a->node, b->node, rb,
			       (unsigned int)(uint16_t)(rx.avail_idx - rb));
		}
		if (i < count && i - got < QSIZE / 2 &&
		    (moved || i < count / 2))
			i += rep_send(cur->sock, &cur->sll, i);
		else
			usleep(200);
		if (rx_reap(&rx, rx_bufs, &got) < 0)
			return 1;
	}
	return got == count ? 0 :
	       fail("rx: %u of %u frames arrived", got, count);
}

static int migrate(char **argv, uint32_t count)
{
	struct side a, b;
	uint32_t k;

	open_side(&a, argv[0], argv[1]);
	open_side(&b, argv[2], argv[3]);
	for (k = 0; k < QSIZE; k++)
		ring_add(&rx, k, iova(rx_bufs + k * BUF_SIZE), BUF_SIZE, true);
	start_side(&a, 0, 0);
	if (tx_stream(&a, &b, count) || rx_stream(&b, &a, count))
		return 1;
	if (get_status(a.fd) & VIRTIO_CONFIG_S_NEEDS_RESET)
		return fail("%s: needs reset after valid traffic",
			    a.node);
	printf("migrate: tx %u/%u rx %u/%u\n", count, count, count, count);
	set_status(a.fd, 0);
	return 0;
}

/* One device, started with both rings; the hostile modes. */
static int hostile(const char *mode, char **argv)
{
	struct vhost_vring_state st = { .index = 1 };
	struct side d;
	uint16_t rb, tb;

	open_side(&d, argv[0], argv[1]);
	start_side(&d, 0, 0);
	if (!strcmp(mode, "resume-running")) {
		if (!ioctl(d.fd, VHOST_VDPA_RESUME))
			return fail("%s: RESUME of a running device succeeded",
				    d.node);
		printf("refused: %s\n", strerror(errno));
		if (get_status(d.fd) & VIRTIO_CONFIG_S_NEEDS_RESET)
			return fail("%s: a refused RESUME broke the device",
				    d.node);
		set_status(d.fd, 0);
		return 0;
	}
	if (!strcmp(mode, "base-out-of-range")) {
		st.num = 3 * QSIZE + 5;
		if (!ioctl(d.fd, VHOST_SET_VRING_BASE, &st))
			return fail("%s: SET_VRING_BASE on a running queue succeeded",
				    d.node);
		if (suspend_side(&d, &rb, &tb))
			return 1;
		if (ioctl(d.fd, VHOST_SET_VRING_BASE, &st))
			die("VHOST_SET_VRING_BASE while suspended");
		vdpa_ioctl(d.fd, VHOST_VDPA_RESUME, "VHOST_VDPA_RESUME");
		return expect_needs_reset(d.fd, mode, 10);
	}
	if (!strcmp(mode, "unmap-suspended")) {
		if (suspend_side(&d, &rb, &tb))
			return 1;
		iotlb(d.fd, 0, VHOST_IOTLB_INVALIDATE, IOVA_BASE, 65536, NULL, 0);
		ioctl(d.fd, VHOST_VDPA_RESUME);
		return expect_needs_reset(d.fd, mode, 10);
	}
	fprintf(stderr, "vhost-vdpa-migrate: unknown mode '%s'\n", mode);
	return 2;
}

/* One control command at @cmd_iova (class, command, MAC); its ack. */
static int ctrl_mac_set(int fd, struct ring *cvq, uint8_t *cmd,
			uint64_t cmd_iova, const uint8_t *mac)
{
	struct vring_desc *d = cvq->v.desc;
	uint16_t slot = cvq->avail_idx % QSIZE;
	uint32_t id, len;
	double end = now() + 10;

	cmd[0] = VIRTIO_NET_CTRL_MAC;
	cmd[1] = VIRTIO_NET_CTRL_MAC_ADDR_SET;
	memcpy(cmd + 2, mac, 6);
	cmd[64] = 0xff;
	d[0] = (struct vring_desc){ .addr = cmd_iova, .len = 8,
				    .flags = VRING_DESC_F_NEXT, .next = 1 };
	d[1] = (struct vring_desc){ .addr = cmd_iova + 64, .len = 1,
				    .flags = VRING_DESC_F_WRITE };
	cvq->v.avail->ring[slot] = 0;
	__atomic_store_n(&cvq->v.avail->idx, ++cvq->avail_idx,
			 __ATOMIC_RELEASE);
	kick(cvq);
	while (now() < end) {
		if (used_pop(cvq, &id, &len))
			return cmd[64];
		if (get_status(fd) & VIRTIO_CONFIG_S_NEEDS_RESET)
			return -1;
		usleep(10000);
	}
	return -2;
}

static int cvq_asid(char **argv)
{
	/* The control queue's memory: the last 64 KiB, at its own IOVA. */
	const uint64_t cvq_iova = 0x80000000ull;
	const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x0d, 0x77 };
	uint64_t offered, want = FEATURES |
		(1ull << VIRTIO_NET_F_CTRL_VQ) |
		(1ull << VIRTIO_NET_F_CTRL_MAC_ADDR);
	uint8_t *area = mem + MEM_SIZE - 65536, got[6];
	struct vhost_vring_state st;
	struct vhost_vdpa_config *cfg;
	unsigned int n;
	struct ring cvq;
	int fd, ack;

	fd = vdpa_open(argv[0], (1ull << VHOST_BACKEND_F_IOTLB_ASID) |
			       (1ull << VHOST_BACKEND_F_ENABLE_AFTER_DRIVER_OK),
		       &offered);
	if ((offered & want) != want)
		return fail("%s: offers no CTRL_VQ/CTRL_MAC_ADDR",
			    argv[0]);
	if (ioctl(fd, VHOST_VDPA_GET_GROUP_NUM, &n) || n != 2)
		return fail("%s: %u virtqueue groups, want 2", argv[0], n);
	if (ioctl(fd, VHOST_VDPA_GET_AS_NUM, &n) || n != 2)
		return fail("%s: %u address spaces, want 2", argv[0], n);
	vdpa_negotiate(fd, want);
	for (n = 0; n < 3; n++) {
		st = (struct vhost_vring_state){ .index = n };
		if (ioctl(fd, VHOST_VDPA_GET_VRING_GROUP, &st))
			die("VHOST_VDPA_GET_VRING_GROUP");
		if (st.num != (n == 2))
			return fail("%s: vq %u in group %u", argv[0], n, st.num);
	}
	st = (struct vhost_vring_state){ .index = 1, .num = 1 };
	if (ioctl(fd, VHOST_VDPA_SET_GROUP_ASID, &st))
		die("VHOST_VDPA_SET_GROUP_ASID");
	/* Data memory in space 0, the control queue's in space 1 only. */
	iotlb(fd, 0, VHOST_IOTLB_UPDATE, IOVA_BASE, MEM_SIZE - 65536, mem,
	      VHOST_ACCESS_RW);
	iotlb(fd, 1, VHOST_IOTLB_UPDATE, cvq_iova, 65536, area,
	      VHOST_ACCESS_RW);
	ring_init(&cvq, 2, area);
	{
		/* ring_attach() takes IOVAs of the data region: by hand. */
		struct vhost_vring_addr a = {
			.index = 2,
			.desc_user_addr = cvq_iova,
			.avail_user_addr = cvq_iova + 4096,
			.used_user_addr = cvq_iova + 8192,
		};
		struct vhost_vring_file f = { .index = 2 };

		st = (struct vhost_vring_state){ .index = 2, .num = QSIZE };
		if (ioctl(fd, VHOST_SET_VRING_NUM, &st) ||
		    ioctl(fd, VHOST_SET_VRING_ADDR, &a))
			die("control queue setup");
		st.num = 0;
		if (ioctl(fd, VHOST_SET_VRING_BASE, &st))
			die("VHOST_SET_VRING_BASE");
		cvq.kick = eventfd(0, EFD_NONBLOCK);
		f.fd = cvq.kick;
		if (ioctl(fd, VHOST_SET_VRING_KICK, &f))
			die("VHOST_SET_VRING_KICK");
	}
	set_status(fd, DRIVER_OK);
	/* Enabled after DRIVER_OK, as QEMU enables its shadow one. */
	st = (struct vhost_vring_state){ .index = 2, .num = 1 };
	if (ioctl(fd, VHOST_VDPA_SET_VRING_ENABLE, &st))
		die("VHOST_VDPA_SET_VRING_ENABLE");
	st = (struct vhost_vring_state){ .index = 1, .num = 0 };
	if (!ioctl(fd, VHOST_VDPA_SET_GROUP_ASID, &st))
		return fail("%s: the control group moved after DRIVER_OK",
			    argv[0]);

	ack = ctrl_mac_set(fd, &cvq, area + 16384, cvq_iova + 16384, mac);
	if (ack != VIRTIO_NET_OK)
		return fail("%s: MAC_ADDR_SET in address space 1: ack %d",
			    argv[0], ack);
	cfg = calloc(1, sizeof(*cfg) + 6);
	cfg->off = 0;
	cfg->len = 6;
	if (ioctl(fd, VHOST_VDPA_GET_CONFIG, cfg))
		die("VHOST_VDPA_GET_CONFIG");
	memcpy(got, cfg->buf, 6);
	if (memcmp(got, mac, 6))
		return fail("%s: config MAC did not follow MAC_ADDR_SET",
			    argv[0]);
	printf("control queue in address space 1: MAC_ADDR_SET acked\n");
	/* A command in memory only space 0 maps: not the queue's. */
	ack = ctrl_mac_set(fd, &cvq, mem + 65536, IOVA_BASE + 65536, mac);
	if (ack != -1)
		return fail("%s: a command outside the queue's space: ack %d",
			    argv[0], ack);
	printf("command in address space 0 only: queue failed\n");
	set_status(fd, 0);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'c' },
		{ "takeover", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *mode = "migrate";
	uint32_t count = 3000;
	int c, args;

	while ((c = getopt_long(argc, argv, "m:c:t:", opts, NULL)) != -1) {
		if (c == 'm')
			mode = optarg;
		else if (c == 't')
			takeover_cmd = optarg;
		else if (c == 'c')
			count = strtoul(optarg, NULL, 0);
		else
			return 2;
	}
	args = strcmp(mode, "migrate") ? 2 : 4;
	if (argc - optind != args || count < 3 || count > 1000000) {
		fprintf(stderr, "usage: vhost-vdpa-migrate [--count 3..1000000] [--takeover CMD] NODE_A REP_A NODE_B REP_B\n"
				"       vhost-vdpa-migrate --mode cvq-asid|resume-running|base-out-of-range|unmap-suspended NODE REP\n");
		return 2;
	}
	mem_alloc();
	/* Rings in the first 64 KiB, buffers after: RX then TX. */
	rx_bufs = mem + 65536;
	tx_bufs = rx_bufs + QSIZE * BUF_SIZE;
	ring_init(&rx, 0, mem);
	ring_init(&tx, 1, mem + 16384);
	if (!strcmp(mode, "migrate"))
		return migrate(argv + optind, count);
	if (!strcmp(mode, "cvq-asid"))
		return cvq_asid(argv + optind);
	return hostile(mode, argv + optind);
}
