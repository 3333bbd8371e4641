// SPDX-License-Identifier: GPL-2.0
/*
 * rdma-resolve - resolve RDMA device names with libvirtnet's resolver
 * (userspace/controller/rdma.h), for tests with soft-RoCE (rxe) devices.
 *
 *   rdma-resolve IBDEV...   one line per name:
 *                           "IBDEV RDMA_INDEX NETDEV IFINDEX" on stdout, or
 *                           "rdma-resolve: MESSAGE (ENAME)" on stderr
 *   rdma-resolve --list     the RDMA devices libibverbs lists, one a line
 *
 * Exit status: 0 when every name resolved, 1 when one did not, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rdma.h"

static const char *errname(int e)
{
	switch (e) {
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case EBADMSG: return "EBADMSG";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EPERM: return "EPERM";
	case ENOMEM: return "ENOMEM";
	default: return "errno";
	}
}

static int list(void)
{
	char names[256][VIRTNET_IBDEV_MAX];
	size_t n;
	int count = virtnet_rdma_list(names, 256, &n);

	if (count < 0) {
		fprintf(stderr, "rdma-resolve: cannot list RDMA devices: %s\n",
			strerror(-count));
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\n", names[i]);
	if ((size_t)count > n)
		fprintf(stderr, "rdma-resolve: %d more not shown\n", count - (int)n);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(argc < 2 ? stderr : stdout,
			"usage: rdma-resolve IBDEV...\n"
			"       rdma-resolve --list\n"
			"Prints \"IBDEV RDMA_INDEX NETDEV IFINDEX\" for each RDMA device\n"
			"(the network device of port 1), or the error; exit 1 on error.\n");
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--list")) {
		if (argc != 2) {
			fprintf(stderr, "rdma-resolve: --list takes no names\n");
			return 2;
		}
		return list();
	}
	for (int i = 1; i < argc; i++) {
		struct virtnet_rdma_port p;
		char err[512];
		int ret = virtnet_rdma_resolve(argv[i], &p, err, sizeof(err));

		if (ret) {
			fprintf(stderr, "rdma-resolve: %s (%s %d)\n",
				err[0] ? err : strerror(-ret), errname(-ret), -ret);
			status = 1;
			continue;
		}
		printf("%s %u %s %u\n", p.ibdev, p.rdma_index, p.netdev, p.ifindex);
	}
	return status;
}
