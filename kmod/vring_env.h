/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vring.c needs from its environment: the kernel, or a userspace
 * build of the same source for unit tests and fuzzing.
 */
#ifndef VNET_VRING_ENV_H
#define VNET_VRING_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_ring.h>
#include <asm/barrier.h>
#else
#include "vring_env_user.h"
#endif

#endif /* VNET_VRING_ENV_H */
