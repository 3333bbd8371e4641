/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CHECK() for the fuzz targets: a failed invariant aborts, so libFuzzer
 * treats a wrong answer like a crash and keeps the input.
 */
#ifndef VIRTNET_FUZZ_CHECK_H
#define VIRTNET_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif
