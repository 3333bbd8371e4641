/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels the module builds for: Debian bookworm's
 * 6.1 and Debian's 6.12 (trixie, bookworm-backports).
 *
 * Each VNET_HAVE_* switch is set by Kbuild from a probe of the headers the
 * module is built against (see the probe list in Kbuild), never from
 * LINUX_VERSION_CODE: Debian backports interfaces into its stable kernels,
 * so a version number can say "no" where the headers say "yes".
 */
#ifndef _VNET_COMPAT_H
#define _VNET_COMPAT_H

#include <linux/virtio_config.h>

/*
 * virtio_config_ops.find_vqs() takes one struct virtqueue_info per queue
 * (name, callback, ctx) since 6.11; before, three parallel arrays.
 * VNET_FIND_VQS_ARGS is the tail of the op's parameter list and
 * vnet_vq_info() reads queue i's entries from it, whichever form it has.
 */
struct vnet_vq_info {
	const char *name;
	vq_callback_t *callback;
	bool ctx;
};

#ifdef VNET_HAVE_VIRTQUEUE_INFO
#define VNET_FIND_VQS_ARGS \
	struct virtqueue_info vqs_info[], struct irq_affinity *desc
#define vnet_vq_info(i) ((struct vnet_vq_info){			\
	.name = vqs_info[i].name,				\
	.callback = vqs_info[i].callback,			\
	.ctx = vqs_info[i].ctx,					\
})
#else
#define VNET_FIND_VQS_ARGS \
	vq_callback_t *callbacks[], const char * const names[],	\
	const bool *ctx, struct irq_affinity *desc
#define vnet_vq_info(i) ((struct vnet_vq_info){			\
	.name = names[i],					\
	.callback = callbacks[i],				\
	.ctx = ctx ? ctx[i] : false,				\
})
#endif

#endif /* _VNET_COMPAT_H */
