// SPDX-License-Identifier: GPL-2.0
/* vdpa_drv: see vdpa_drv.h. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/virtio_config.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "vdpa_drv.h"

#define MAGIC		0x76647061u	/* "vdpa" */

uint8_t *mem;

void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(2);
}

void mem_alloc(void)
{
	mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap");
}

uint64_t iova(const void *p)
{
	return IOVA_BASE + (uint64_t)((const uint8_t *)p - mem);
}

void iotlb(int fd, uint32_t asid, uint8_t type, uint64_t io, uint64_t size,
	   void *uaddr, uint8_t perm)
{
	struct vhost_msg_v2 m = { .type = VHOST_IOTLB_MSG_V2, .asid = asid };

	m.iotlb.iova = io;
	m.iotlb.size = size;
	m.iotlb.uaddr = (uint64_t)(uintptr_t)uaddr;
	m.iotlb.perm = perm;
	m.iotlb.type = type;
	if (write(fd, &m, sizeof(m)) != sizeof(m))
		die(type == VHOST_IOTLB_UPDATE ? "IOTLB update" : "IOTLB invalidate");
}

void set_status(int fd, uint8_t s)
{
	if (ioctl(fd, VHOST_VDPA_SET_STATUS, &s))
		die("VHOST_VDPA_SET_STATUS");
}

uint8_t get_status(int fd)
{
	uint8_t s;

	if (ioctl(fd, VHOST_VDPA_GET_STATUS, &s))
		die("VHOST_VDPA_GET_STATUS");
	return s;
}

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int vdpa_open(const char *node, uint64_t backend, uint64_t *features)
{
	int fd = open(node, O_RDWR);

	if (fd < 0)
		die(node);
	backend |= 1ull << VHOST_BACKEND_F_IOTLB_MSG_V2;
	if (ioctl(fd, VHOST_SET_OWNER))
		die("VHOST_SET_OWNER");
	if (ioctl(fd, VHOST_SET_BACKEND_FEATURES, &backend))
		die("VHOST_SET_BACKEND_FEATURES");
	if (ioctl(fd, VHOST_GET_FEATURES, features))
		die("VHOST_GET_FEATURES");
	return fd;
}

void vdpa_negotiate(int fd, uint64_t features)
{
	set_status(fd, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	if (ioctl(fd, VHOST_SET_FEATURES, &features))
		die("VHOST_SET_FEATURES");
	set_status(fd, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		       VIRTIO_CONFIG_S_FEATURES_OK);
}

void ring_init(struct ring *r, unsigned int index, uint8_t *at)
{
	memset(r, 0, sizeof(*r));
	r->index = index;
	r->v.num = QSIZE;
	r->v.desc = (void *)at;
	r->v.avail = (void *)(at + 4096);
	r->v.used = (void *)(at + 8192);
	r->kick = r->call = -1;
}

void ring_attach(int fd, struct ring *r, uint16_t base, uint64_t desc_iova)
{
	struct vhost_vring_state st = { .index = r->index, .num = QSIZE };
	struct vhost_vring_addr a = { .index = r->index };
	struct vhost_vring_file f = { .index = r->index };

	if (ioctl(fd, VHOST_SET_VRING_NUM, &st))
		die("VHOST_SET_VRING_NUM");
	a.desc_user_addr = desc_iova ? desc_iova : iova(r->v.desc);
	a.avail_user_addr = iova(r->v.avail);
	a.used_user_addr = iova(r->v.used);
	if (ioctl(fd, VHOST_SET_VRING_ADDR, &a))
		die("VHOST_SET_VRING_ADDR");
	st.num = base;
	if (ioctl(fd, VHOST_SET_VRING_BASE, &st))
		die("VHOST_SET_VRING_BASE");
	if (r->kick >= 0)
		close(r->kick);
	if (r->call >= 0)
		close(r->call);
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

void ring_add(struct ring *r, uint16_t id, uint64_t addr, uint32_t len,
	      bool write)
{
	struct vring_desc *d = &r->v.desc[id];

	d->addr = addr;
	d->len = len;
	d->flags = write ? VRING_DESC_F_WRITE : 0;
	d->next = 0;
	r->v.avail->ring[r->avail_idx % QSIZE] = id;
	__atomic_store_n(&r->v.avail->idx, ++r->avail_idx, __ATOMIC_RELEASE);
}

void kick(struct ring *r)
{
	uint64_t one = 1;

	if (write(r->kick, &one, sizeof(one)) != sizeof(one))
		die("kick");
}

uint16_t used_idx(const struct ring *r)
{
	return __atomic_load_n(&r->v.used->idx, __ATOMIC_ACQUIRE);
}

bool used_pop(struct ring *r, uint32_t *id, uint32_t *len)
{
	if (used_idx(r) == r->last_used)
		return false;
	*id = r->v.used->ring[r->last_used % QSIZE].id;
	*len = r->v.used->ring[r->last_used % QSIZE].len;
	r->last_used++;
	return true;
}

uint16_t vring_base(int fd, unsigned int index)
{
	struct vhost_vring_state st = { .index = index };

	if (ioctl(fd, VHOST_GET_VRING_BASE, &st))
		die("VHOST_GET_VRING_BASE");
	return st.num;
}

int packet_socket(const char *ifname, struct sockaddr_ll *sll)
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

size_t frame(uint8_t *p, uint32_t dir, uint32_t seq)
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

bool frame_seq(const uint8_t *p, size_t len, uint32_t dir, uint32_t *seq)
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

int rep_receive(int s, int ms, uint32_t *got)
{
	struct pollfd p = { .fd = s, .events = POLLIN };
	uint8_t buf[BUF_SIZE];
	uint32_t seq;
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	n = recv(s, buf, sizeof(buf), 0);
	if (n > 0 && frame_seq(buf, n, DIR_TX, &seq)) {
		if (seq != *got) {
			fprintf(stderr, "tx: frame %u arrived, expected %u\n",
				seq, *got);
			return -1;
		}
		(*got)++;
	}
	return 1;
}

int rep_send(int s, const struct sockaddr_ll *sll, uint32_t seq)
{
	uint8_t pkt[64];
	size_t n = frame(pkt, DIR_RX, seq);

	if (sendto(s, pkt, n, 0, (const struct sockaddr *)sll,
		   sizeof(*sll)) == (ssize_t)n)
		return 1;
	if (errno != ENOBUFS && errno != EAGAIN)
		die("sendto");
	return 0;
}

int rx_reap(struct ring *rx, uint8_t *bufs, uint32_t *got)
{
	uint32_t id, len, seq;

	while (used_pop(rx, &id, &len)) {
		uint8_t *b = bufs + (size_t)id * BUF_SIZE;

		if (id >= QSIZE || len < HDR_LEN || len > BUF_SIZE) {
			fprintf(stderr, "rx: bad used entry id %u len %u\n",
				id, len);
			return -1;
		}
		if (frame_seq(b + HDR_LEN, len - HDR_LEN, DIR_RX, &seq)) {
			if (seq != *got) {
				fprintf(stderr, "rx: frame %u arrived, expected %u\n",
					seq, *got);
				return -1;
			}
			(*got)++;
		}
		ring_add(rx, id, iova(b), BUF_SIZE, true);
		kick(rx);
	}
	return 0;
}

int expect_needs_reset(int fd, const char *mode, double secs)
{
	double end = now() + secs;

	while (now() < end) {
		if (get_status(fd) & VIRTIO_CONFIG_S_NEEDS_RESET) {
			printf("queue failed: NEEDS_RESET set\n");
			return 0;
		}
		usleep(20000);
	}
	fprintf(stderr, "%s: %s: the device did not set NEEDS_RESET\n",
		program_invocation_short_name, mode);
	return 1;
}
