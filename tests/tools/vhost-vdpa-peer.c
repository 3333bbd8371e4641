// SPDX-License-Identifier: GPL-2.0
/*
 * vhost-vdpa-peer: plays a VM's virtio-net driver over /dev/vhost-vdpa-N
 * and exchanges numbered frames with the function's representor.
 *
 *   vhost-vdpa-peer [--mode MODE] [--count N] [--hold]
 *                   /dev/vhost-vdpa-N REPRESENTOR
 *
 * It maps its own memory through the IOTLB (at IOVAs unlike its virtual
 * addresses, so an identity map would be caught), sets up one RX and one
 * TX split ring, sends N frames through TX and checks the representor
 * receives them in order, once each; then sends N frames from the
 * representor and checks they land in its RX buffers in order, once each.
 * Prints "tx N/N rx N/N" and exits 0 when nothing was lost, duplicated or
 * reordered. With --hold it keeps the device, as a running VM would,
 * until its standard input closes.
 *
 * Hostile modes (the device must fail the queue, never the kernel; the
 * program exits 0 when the queue stopped and NEEDS_RESET is set):
 *   unmapped-ring   TX ring at an IOVA the IOTLB does not map
 *   unmapped-buf    a TX buffer outside the IOTLB
 *   ro-rx-buf       RX buffers mapped read-only
 *   unmap-running   the TX ring unmapped while the queue runs
 *   exit-dirty      exits at DRIVER_OK with rings and maps in place
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/vhost.h>
#include <linux/virtio_config.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define QSIZE		256
#define BUF_SIZE	2048
#define MEM_SIZE	(4u << 20)
#define IOVA_BASE	0x40000000ull	/* never the buffers' virtual address */
#define ETH_P_VNTEST	0x88b5
#define MAGIC		0x76647061u	/* "vdpa" */
#define HDR_LEN		sizeof(struct virtio_net_hdr_mrg_rxbuf)

struct ring {
	unsigned int index;
	struct vring v;
	uint16_t avail_idx, last_used;
	int kick, call;
};

static int fd;
static uint8_t *mem;		/* MEM_SIZE bytes at IOVA_BASE */
static const char *mode = "traffic";

static void die(const char *what)
{
	fprintf(stderr, "vhost-vdpa-peer: %s: %s\n", what, strerror(errno));
	exit(2);
}

static uint64_t iova(const void *p)
{
	return IOVA_BASE + (uint64_t)((const uint8_t *)p - mem);
}

static void iotlb(uint8_t type, uint64_t io, uint64_t size, void *uaddr,
		  uint8_t perm)
{
	struct vhost_msg_v2 m = { .type = VHOST_IOTLB_MSG_V2 };

	m.iotlb.iova = io;
	m.iotlb.size = size;
	m.iotlb.uaddr = (uint64_t)(uintptr_t)uaddr;
	m.iotlb.perm = perm;
	m.iotlb.type = type;
	if (write(fd, &m, sizeof(m)) != sizeof(m))
		die(type == VHOST_IOTLB_UPDATE ? "IOTLB update" : "IOTLB invalidate");
}

static void set_status(uint8_t s)
{
	if (ioctl(fd, VHOST_VDPA_SET_STATUS, &s))
		die("VHOST_VDPA_SET_STATUS");
}

static uint8_t get_status(void)
{
	uint8_t s;

	if (ioctl(fd, VHOST_VDPA_GET_STATUS, &s))
		die("VHOST_VDPA_GET_STATUS");
	return s;
}

/* Ring memory: desc, avail, used, each in its own page. */
static void ring_setup(struct ring *r, unsigned int index, uint8_t *at,
		       bool unmapped)
{
	struct vhost_vring_state st = { .index = index, .num = QSIZE };
	struct vhost_vring_addr a = { .index = index };
	struct vhost_vring_file f = { .index = index };

	r->index = index;
	r->v.num = QSIZE;
	r->v.desc = (void *)at;
	r->v.avail = (void *)(at + 4096);
	r->v.used = (void *)(at + 8192);
	if (ioctl(fd, VHOST_SET_VRING_NUM, &st))
		die("VHOST_SET_VRING_NUM");
	a.desc_user_addr = iova(r->v.desc);
	a.avail_user_addr = iova(r->v.avail);
	a.used_user_addr = iova(r->v.used);
	if (unmapped)
		a.desc_user_addr = IOVA_BASE + 2ull * MEM_SIZE;
	if (ioctl(fd, VHOST_SET_VRING_ADDR, &a))
		die("VHOST_SET_VRING_ADDR");
	st.num = 0;
	if (ioctl(fd, VHOST_SET_VRING_BASE, &st))
		die("VHOST_SET_VRING_BASE");
	r->kick = eventfd(0, EFD_NONBLOCK);
	r->call = eventfd(0, EFD_NONBLOCK);
	f.fd = r->kick;
	if (ioctl(fd, VHOST_SET_VRING_KICK, &f))
		die("VHOST_SET_VRING_KICK");
	f.fd = r->call;
	if (ioctl(fd, VHOST_SET_VRING_CALL, &f))
		die("VHOST_SET_VRING_CALL");
	st.num = 1;
	if (ioctl(fd, VHOST_VDPA_SET_VRING_ENABLE, &st))
		die("VHOST_VDPA_SET_VRING_ENABLE");
}

static void ring_add(struct ring *r, uint16_t id, void *buf, uint32_t len,
		     bool write, uint64_t addr_override)
{
	struct vring_desc *d = &r->v.desc[id];

	d->addr = addr_override ? addr_override : iova(buf);
	d->len = len;
	d->flags = write ? VRING_DESC_F_WRITE : 0;
	d->next = 0;
	r->v.avail->ring[r->avail_idx % QSIZE] = id;
	__atomic_store_n(&r->v.avail->idx, ++r->avail_idx, __ATOMIC_RELEASE);
}

static void kick(struct ring *r)
{
	uint64_t one = 1;

	if (write(r->kick, &one, sizeof(one)) != sizeof(one))
		die("kick");
}

static bool used_pop(struct ring *r, uint32_t *id, uint32_t *len)
{
	uint16_t idx = __atomic_load_n(&r->v.used->idx, __ATOMIC_ACQUIRE);

	if (idx == r->last_used)
		return false;
	*id = r->v.used->ring[r->last_used % QSIZE].id;
	*len = r->v.used->ring[r->last_used % QSIZE].len;
	r->last_used++;
	return true;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int packet_socket(const char *ifname, struct sockaddr_ll *sll)
{
	int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_VNTEST));
	int rcvbuf = 8 << 20;

	if (s < 0)
		die("AF_PACKET socket");
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(ETH_P_VNTEST);
	sll->sll_ifindex = if_nametoindex(ifname);
	if (!sll->sll_ifindex)
		die(ifname);
	if (bind(s, (struct sockaddr *)sll, sizeof(*sll)))
		die("bind AF_PACKET");
	if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		die("SO_RCVBUFFORCE");
	return s;
}

/* A test frame: broadcast, our ethertype, magic, direction, sequence. */
static size_t frame(uint8_t *p, uint32_t dir, uint32_t seq)
{
	uint32_t v[3] = { htonl(MAGIC), htonl(dir), htonl(seq) };

	memset(p, 0xff, 6);
	memcpy(p + 6, "\x02\x00\x00\x00\x00\x01", 6);
	p[12] = ETH_P_VNTEST >> 8;
	p[13] = ETH_P_VNTEST & 0xff;
	memcpy(p + 14, v, sizeof(v));
	memset(p + 26, (int)(seq & 0xff), 34);
	return 60;
}

static bool frame_seq(const uint8_t *p, size_t len, uint32_t dir,
		      uint32_t *seq)
{
	uint32_t v[3];

	if (len < 26 || p[12] != ETH_P_VNTEST >> 8 ||
	    p[13] != (ETH_P_VNTEST & 0xff))
		return false;
	memcpy(v, p + 14, sizeof(v));
	if (ntohl(v[0]) != MAGIC || ntohl(v[1]) != dir)
		return false;
	*seq = ntohl(v[2]);
	return true;
}

/*
 * Takes one frame from the representor's socket, waiting up to @ms: 1 if
 * one was read, 0 if none came, -1 if a TX frame arrived out of order
 * (*@got counts those in order: it is also the next sequence expected).
 */
static int rep_receive(int s, int ms, uint32_t *got)
{
	struct pollfd p = { .fd = s, .events = POLLIN };
	uint8_t buf[BUF_SIZE];
	uint32_t seq;
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	n = recv(s, buf, sizeof(buf), 0);
	if (n > 0 && frame_seq(buf, n, 1, &seq)) {
		if (seq != *got) {
			fprintf(stderr, "tx: frame %u arrived, expected %u\n",
				seq, *got);
			return -1;
		}
		(*got)++;
	}
	return 1;
}

/* Waits up to @secs for the device to flag NEEDS_RESET. */
static int expect_needs_reset(double secs)
{
	double end = now() + secs;

	while (now() < end) {
		if (get_status() & VIRTIO_CONFIG_S_NEEDS_RESET) {
			printf("queue failed: NEEDS_RESET set\n");
			return 0;
		}
		usleep(20000);
	}
	fprintf(stderr, "vhost-vdpa-peer: %s: the device did not set NEEDS_RESET\n",
		mode);
	return 1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'c' },
		{ "hold", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t features, backend = 1ull << VHOST_BACKEND_F_IOTLB_MSG_V2;
	uint32_t count = 1000, tx_got = 0, rx_got = 0, next, i;
	struct ring rx = { 0 }, tx = { 0 };
	struct sockaddr_ll sll;
	uint8_t *bufs, pkt[BUF_SIZE];
	bool ro_rx, hold = false;
	double end;
	int c, s;

	while ((c = getopt_long(argc, argv, "m:c:h", opts, NULL)) != -1) {
		if (c == 'm')
			mode = optarg;
		else if (c == 'c')
			count = strtoul(optarg, NULL, 0);
		else if (c == 'h')
			hold = true;
		else
			return 2;
	}
	if (argc - optind != 2 || !count || count > 1000000) {
		fprintf(stderr, "usage: vhost-vdpa-peer [--mode MODE] [--count 1..1000000] [--hold] /dev/vhost-vdpa-N REPRESENTOR\n");
		return 2;
	}
	ro_rx = !strcmp(mode, "ro-rx-buf");

	fd = open(argv[optind], O_RDWR);
	if (fd < 0)
		die(argv[optind]);
	s = packet_socket(argv[optind + 1], &sll);
	if (ioctl(fd, VHOST_SET_OWNER))
		die("VHOST_SET_OWNER");
	if (ioctl(fd, VHOST_SET_BACKEND_FEATURES, &backend))
		die("VHOST_SET_BACKEND_FEATURES");
	if (ioctl(fd, VHOST_GET_FEATURES, &features))
		die("VHOST_GET_FEATURES");
	if (!(features & (1ull << VIRTIO_F_VERSION_1)) ||
	    !(features & (1ull << VIRTIO_F_ACCESS_PLATFORM))) {
		fprintf(stderr, "vhost-vdpa-peer: device features %#llx lack VERSION_1 or ACCESS_PLATFORM\n",
			(unsigned long long)features);
		return 1;
	}
	set_status(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	features = (1ull << VIRTIO_F_VERSION_1) |
		   (1ull << VIRTIO_F_ACCESS_PLATFORM);
	if (ioctl(fd, VHOST_SET_FEATURES, &features))
		die("VHOST_SET_FEATURES");
	set_status(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		   VIRTIO_CONFIG_S_FEATURES_OK);

	mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap");
	/* Rings in the first 64 KiB, buffers after: RX then TX. */
	bufs = mem + 65536;
	if (ro_rx) {
		iotlb(VHOST_IOTLB_UPDATE, IOVA_BASE, 65536, mem, VHOST_ACCESS_RW);
		iotlb(VHOST_IOTLB_UPDATE, iova(bufs), QSIZE * BUF_SIZE, bufs,
		      VHOST_ACCESS_RO);
		iotlb(VHOST_IOTLB_UPDATE, iova(bufs + QSIZE * BUF_SIZE),
		      MEM_SIZE - 65536 - QSIZE * BUF_SIZE,
		      bufs + QSIZE * BUF_SIZE, VHOST_ACCESS_RW);
	} else {
		iotlb(VHOST_IOTLB_UPDATE, IOVA_BASE, MEM_SIZE, mem,
		      VHOST_ACCESS_RW);
	}
	ring_setup(&rx, 0, mem, false);
	ring_setup(&tx, 1, mem + 16384, !strcmp(mode, "unmapped-ring"));
	for (i = 0; i < QSIZE; i++)
		ring_add(&rx, i, bufs + i * BUF_SIZE, BUF_SIZE, true, 0);
	set_status(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		   VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
	kick(&rx);

	if (!strcmp(mode, "exit-dirty"))
		return 0;
	if (!strcmp(mode, "unmapped-ring")) {
		kick(&tx);
		return expect_needs_reset(10);
	}
	if (!strcmp(mode, "unmap-running")) {
		iotlb(VHOST_IOTLB_INVALIDATE, IOVA_BASE, 65536, NULL, 0);
		return expect_needs_reset(10);
	}
	if (!strcmp(mode, "unmapped-buf")) {
		uint8_t *b = bufs + QSIZE * BUF_SIZE;

		ring_add(&tx, 0, b, HDR_LEN + 60, false,
			 IOVA_BASE + 3ull * MEM_SIZE);
		kick(&tx);
		return expect_needs_reset(10);
	}
	if (ro_rx) {
		uint8_t *p = pkt;

		frame(p, 2, 0);
		if (sendto(s, p, 60, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
			die("sendto");
		return expect_needs_reset(10);
	}
	if (strcmp(mode, "traffic")) {
		fprintf(stderr, "vhost-vdpa-peer: unknown mode '%s'\n", mode);
		return 2;
	}

	/* TX: count frames through the device to the representor. */
	end = now() + 60;
	for (i = 0; i < count && now() < end;) {
		uint32_t id, len;

		/* Reclaim, then fill what the ring has room for. */
		while (used_pop(&tx, &id, &len))
			;
		/* In flight: within the socket's buffer and the ring. */
		while (i < count && i - tx_got < QSIZE / 4 &&
		       (uint16_t)(tx.avail_idx - tx.last_used) < QSIZE) {
			uint16_t slot = tx.avail_idx % QSIZE;
			uint8_t *b = bufs + (QSIZE + slot) * BUF_SIZE;

			memset(b, 0, HDR_LEN);
			ring_add(&tx, slot, b, HDR_LEN + frame(b + HDR_LEN, 1, i),
				 false, 0);
			i++;
		}
		kick(&tx);
		/* Drain the representor side as we go. */
		while ((c = rep_receive(s, 0, &tx_got)) > 0)
			;
		if (c < 0)
			return 1;
	}
	while (tx_got < count && now() < end)
		if (rep_receive(s, 200, &tx_got) < 0)
			return 1;

	/* RX: count frames from the representor into our buffers. */
	next = 0;
	end = now() + 60;
	for (i = 0; (i < count || rx_got < count) && now() < end;) {
		uint32_t id, len, seq;

		/* No more in flight than RX buffers: no qdisc queue, no drop. */
		if (i < count && i - rx_got < QSIZE / 2) {
			frame(pkt, 2, i);
			if (sendto(s, pkt, 60, 0, (struct sockaddr *)&sll,
				   sizeof(sll)) == 60)
				i++;
			else if (errno != ENOBUFS && errno != EAGAIN)
				die("sendto");
		} else {
			usleep(200);
		}
		while (used_pop(&rx, &id, &len)) {
			uint8_t *b;

			if (id >= QSIZE || len < HDR_LEN || len > BUF_SIZE) {
				fprintf(stderr, "rx: bad used entry id %u len %u\n",
					id, len);
				return 1;
			}
			b = bufs + id * BUF_SIZE;
			if (frame_seq(b + HDR_LEN, len - HDR_LEN, 2, &seq)) {
				if (seq != next) {
					fprintf(stderr, "rx: frame %u arrived, expected %u\n",
						seq, next);
					return 1;
				}
				next++;
				rx_got++;
			}
			ring_add(&rx, id, b, BUF_SIZE, true, 0);
			kick(&rx);
		}
	}
	printf("tx %u/%u rx %u/%u\n", tx_got, count, rx_got, count);
	/* --hold: keep the device (and its counters) until stdin closes. */
	if (hold) {
		char c1;

		fflush(stdout);
		while (read(0, &c1, 1) > 0)
			;
	}
	if (get_status() & VIRTIO_CONFIG_S_NEEDS_RESET) {
		fprintf(stderr, "vhost-vdpa-peer: device needs reset after valid traffic\n");
		return 1;
	}
	set_status(0);
	return tx_got == count && rx_got == count ? 0 : 1;
}
