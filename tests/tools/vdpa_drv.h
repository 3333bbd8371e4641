/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vdpa_drv: the pieces of a virtio-net driver over /dev/vhost-vdpa-N
 * that the vhost-vdpa test programs share. Their memory is one region
 * (MEM_SIZE bytes, mapped at IOVA_BASE, never at its virtual address, so
 * an identity map would be caught); rings take three pages each.
 */
#ifndef VDPA_DRV_H
#define VDPA_DRV_H

#include <linux/if_packet.h>
#include <linux/vhost.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>
#include <stdbool.h>
#include <stdint.h>

/* Newer than bookworm's linux-libc-dev (6.1). */
#ifndef VHOST_VDPA_RESUME
#define VHOST_VDPA_RESUME		_IO(VHOST_VIRTIO, 0x7E)
#endif
#ifndef VHOST_BACKEND_F_RESUME
#define VHOST_BACKEND_F_RESUME		0x5
#endif
#ifndef VHOST_BACKEND_F_ENABLE_AFTER_DRIVER_OK
#define VHOST_BACKEND_F_ENABLE_AFTER_DRIVER_OK	0x6
#endif

#define QSIZE		256
#define BUF_SIZE	2048
#define MEM_SIZE	(4u << 20)
#define IOVA_BASE	0x40000000ull	/* never the buffers' virtual address */
#define ETH_P_VNTEST	0x88b5
#define HDR_LEN		sizeof(struct virtio_net_hdr_mrg_rxbuf)
/* Frame directions: driver -> representor, representor -> driver. */
#define DIR_TX		1
#define DIR_RX		2

struct ring {
	unsigned int index;
	struct vring v;
	uint16_t avail_idx, last_used;
	int kick, call;
};

extern uint8_t *mem;		/* MEM_SIZE bytes at IOVA_BASE */

void die(const char *what);
void mem_alloc(void);
uint64_t iova(const void *p);
void iotlb(int fd, uint32_t asid, uint8_t type, uint64_t io, uint64_t size,
	   void *uaddr, uint8_t perm);
void set_status(int fd, uint8_t s);
uint8_t get_status(int fd);
double now(void);

/*
 * Opens @node as its owner with backend features @backend (MSG_V2 always
 * added) and returns the fd; *@features gets what the device offers.
 */
int vdpa_open(const char *node, uint64_t backend, uint64_t *features);
/* Status ACK|DRIVER, features @features, FEATURES_OK. */
void vdpa_negotiate(int fd, uint64_t features);

/* Ring memory at @at: desc, avail, used, each in its own page. */
void ring_init(struct ring *r, unsigned int index, uint8_t *at);
/*
 * Gives ring @r to device @fd starting at @base (new kick and call
 * eventfds); @desc_iova overrides the descriptor table's IOVA if not 0.
 */
void ring_attach(int fd, struct ring *r, uint16_t base, uint64_t desc_iova);
void ring_add(struct ring *r, uint16_t id, uint64_t addr, uint32_t len,
	      bool write);
void kick(struct ring *r);
bool used_pop(struct ring *r, uint32_t *id, uint32_t *len);
uint16_t used_idx(const struct ring *r);
/* The device's next available index for ring @index (GET_VRING_BASE). */
uint16_t vring_base(int fd, unsigned int index);

int packet_socket(const char *ifname, struct sockaddr_ll *sll);
/* A test frame: broadcast, our ethertype, magic, direction, sequence. */
size_t frame(uint8_t *p, uint32_t dir, uint32_t seq);
bool frame_seq(const uint8_t *p, size_t len, uint32_t dir, uint32_t *seq);
/*
 * Takes one frame from a representor's socket, waiting up to @ms: 1 if
 * one was read, 0 if none came, -1 if a TX frame arrived out of order
 * (*@got counts those in order: it is also the next sequence expected).
 */
int rep_receive(int s, int ms, uint32_t *got);
/*
 * Sends RX frame @seq from the representor's socket: 1 if it went, 0 if
 * the socket is full for now.
 */
int rep_send(int s, const struct sockaddr_ll *sll, uint32_t seq);
/*
 * Takes what the device put in the RX ring @rx (buffers at @bufs), checks
 * the RX frames arrive in order (*@got counts them: the next sequence
 * expected) and posts each buffer again. -1 on a bad used entry or a
 * frame out of order.
 */
int rx_reap(struct ring *rx, uint8_t *bufs, uint32_t *got);
/* Waits up to @secs for the device to flag NEEDS_RESET; 0 if it did. */
int expect_needs_reset(int fd, const char *mode, double secs);

#endif /* VDPA_DRV_H */
