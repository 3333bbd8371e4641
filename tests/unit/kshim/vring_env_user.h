/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for the kernel helpers kmod/vring.c and
 * kmod/topology.c use, so the unit tests and the fuzzer compile the
 * module's own sources.
 */
#ifndef VNET_VRING_ENV_USER_H
#define VNET_VRING_ENV_USER_H

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
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif
#define BIT_ULL(n)		(1ULL << (n))

#endif /* VNET_VRING_ENV_USER_H */
