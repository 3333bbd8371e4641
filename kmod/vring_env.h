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
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <linux/virtio_ring.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define virt_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define virt_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define virt_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)

/* The userspace build runs on little-endian hosts only. */
#define __virtio16_to_cpu(le, v)	((u16)(v))
#define __virtio32_to_cpu(le, v)	((u32)(v))
#define __virtio64_to_cpu(le, v)	((u64)(v))
#define __cpu_to_virtio16(le, v)	((__virtio16)(v))
#define __cpu_to_virtio32(le, v)	((__virtio32)(v))
#endif

#endif /* VNET_VRING_ENV_H */
