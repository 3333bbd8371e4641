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
#include <errno.h>
#include <getopt.h>
#include <linux/virtio_config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vdpa_drv.h"

static const char *mode = "traffic";

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'c' },
		{ "hold", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t count = 1000, tx_got = 0, rx_got = 0, i;
	struct ring rx, tx;
	struct sockaddr_ll sll;
	uint8_t *bufs, pkt[BUF_SIZE];
	bool ro_rx, hold = false;
	uint64_t features;
	double end;
	int c, s, fd;

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

	fd = vdpa_open(argv[optind], 0, &features);
	s = packet_socket(argv[optind + 1], &sll);
	if (!(features & (1ull << VIRTIO_F_VERSION_1)) ||
	    !(features & (1ull << VIRTIO_F_ACCESS_PLATFORM))) {
		fprintf(stderr, "vhost-vdpa-peer: device features %#llx lack VERSION_1 or ACCESS_PLATFORM\n",
			(unsigned long long)features);
		return 1;
	}
	vdpa_negotiate(fd, (1ull << VIRTIO_F_VERSION_1) |
			   (1ull << VIRTIO_F_ACCESS_PLATFORM));
	mem_alloc();
	/* Rings in the first 64 KiB, buffers after: RX then TX. */
	bufs = mem + 65536;
	if (ro_rx) {
		iotlb(fd, 0, VHOST_IOTLB_UPDATE, IOVA_BASE, 65536, mem,
		      VHOST_ACCESS_RW);
		iotlb(fd, 0, VHOST_IOTLB_UPDATE, iova(bufs), QSIZE * BUF_SIZE,
		      bufs, VHOST_ACCESS_RO);
		iotlb(fd, 0, VHOST_IOTLB_UPDATE, iova(bufs + QSIZE * BUF_SIZE),
		      MEM_SIZE - 65536 - QSIZE * BUF_SIZE,
		      bufs + QSIZE * BUF_SIZE, VHOST_ACCESS_RW);
	} else {
		iotlb(fd, 0, VHOST_IOTLB_UPDATE, IOVA_BASE, MEM_SIZE, mem,
		      VHOST_ACCESS_RW);
	}
	ring_init(&rx, 0, mem);
	ring_init(&tx, 1, mem + 16384);
	ring_attach(fd, &rx, 0, 0);
	ring_attach(fd, &tx, 0, !strcmp(mode, "unmapped-ring") ?
				IOVA_BASE + 2ull * MEM_SIZE : 0);
	for (i = 0; i < QSIZE; i++)
		ring_add(&rx, i, iova(bufs + i * BUF_SIZE), BUF_SIZE, true);
	set_status(fd, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		       VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
	kick(&rx);

	if (!strcmp(mode, "exit-dirty"))
		return 0;
	if (!strcmp(mode, "unmapped-ring")) {
		kick(&tx);
		return expect_needs_reset(fd, mode, 10);
	}
	if (!strcmp(mode, "unmap-running")) {
		iotlb(fd, 0, VHOST_IOTLB_INVALIDATE, IOVA_BASE, 65536, NULL, 0);
		return expect_needs_reset(fd, mode, 10);
	}
	if (!strcmp(mode, "unmapped-buf")) {
		ring_add(&tx, 0, IOVA_BASE + 3ull * MEM_SIZE, HDR_LEN + 60,
			 false);
		kick(&tx);
		return expect_needs_reset(fd, mode, 10);
	}
	if (ro_rx) {
		frame(pkt, DIR_RX, 0);
		if (sendto(s, pkt, 60, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
			die("sendto");
		return expect_needs_reset(fd, mode, 10);
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
			ring_add(&tx, slot, iova(b),
				 HDR_LEN + frame(b + HDR_LEN, DIR_TX, i), false);
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
	end = now() + 60;
	for (i = 0; (i < count || rx_got < count) && now() < end;) {
		/* No more in flight than RX buffers: no qdisc queue, no drop. */
		if (i < count && i - rx_got < QSIZE / 2)
			i += rep_send(s, &sll, i);
		else
			usleep(200);
		if (rx_reap(&rx, bufs, &rx_got) < 0)
			return 1;
	}
	printf("tx %u/%u rx %u/%u\n", tx_got, count, rx_got, count);
	/* --hold: keep the device (and its counters) until stdin closes. */
	if (hold) {
		char c1;

		fflush(stdout);
		while (read(0, &c1, 1) > 0)
			;
	}
	if (get_status(fd) & VIRTIO_CONFIG_S_NEEDS_RESET) {
		fprintf(stderr, "vhost-vdpa-peer: device needs reset after valid traffic\n");
		return 1;
	}
	set_status(fd, 0);
	return tx_got == count && rx_got == count ? 0 : 1;
}
