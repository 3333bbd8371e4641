// SPDX-License-Identifier: GPL-2.0
/*
 * static-key-hold - keep the kernel static keys that tests would toggle
 * again and again turned on for as long as this process lives.
 *
 *   static-key-hold    holds the sockets below, prints "ready" and
 *                      sleeps until killed; exit 1 with a message if one
 *                      cannot be set up
 *
 * Why: a static key's first user turns it on and its last turns it off,
 * and each turn patches kernel text at every site of the key with int3
 * breakpoints (text_poke_bp). Under QEMU's software emulation (TCG) a
 * vCPU has been seen resuming in the middle of such a site while another
 * vCPU patched it (RIP one byte into the jmp of net_timestamp_check() in
 * netif_receive_skb_list_internal(): a kernel panic in the 6.12 VM tier,
 * while ping started beside traffic). With a holder started before the
 * scripts, each key is patched once at boot and never again; a test's
 * users only move its counter. Measured with a kprobe on
 * arch_jump_label_transform_queue during the scripts:
 *  - netstamp_needed_key: every ping (SO_TIMESTAMP) turned it on and off;
 *    held here by one SO_TIMESTAMP socket;
 *  - udp_encap_needed_key, udpv6_encap_needed_key: every soft-RoCE (rxe)
 *    device's UDP tunnel socket; held by an IPv6 UDP socket with
 *    UDP_ENCAP set (which enables both);
 *  - xps_needed: every virtio_net probe and remove; held by the VM runner
 *    (tests/vm/guest-run) with an XPS map on a dummy device.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#ifndef UDP_ENCAP
#define UDP_ENCAP 100
#endif
#ifndef UDP_ENCAP_L2TPINUDP
#define UDP_ENCAP_L2TPINUDP 3
#endif

static int hold(int family, int type, int level, int name, int val,
		const char *what)
{
	int fd = socket(family, type, 0);

	if (fd < 0 || setsockopt(fd, level, name, &val, sizeof(val)) < 0) {
		fprintf(stderr, "static-key-hold: %s: %s\n", what,
			strerror(errno));
		return -1;
	}
	return fd;
}

int main(void)
{
	if (hold(AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_TIMESTAMP, 1,
		 "SO_TIMESTAMP socket (netstamp_needed_key)") < 0 ||
	    hold(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, UDP_ENCAP,
		 UDP_ENCAP_L2TPINUDP,
		 "UDP_ENCAP socket (udp_encap_needed_key, udpv6_encap_needed_key)") < 0)
		return 1;
	puts("ready");
	fflush(stdout);
	for (;;)
		pause();
}
