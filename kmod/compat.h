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

#include <linux/ethtool.h>
#include <linux/virtio_config.h>

/*
 * virtio_config_ops.find_vqs() takes one struct virtqueue_info per queue
 * (name, callback, ctx) since 6.11; before, three parallel arrays. The
 * transport's queue setup works on the 6.11 form; on older kernels the
 * struct is defined here and find_vqs() packs the arrays into it.
 */
#ifndef VNET_HAVE_VIRTQUEUE_INFO
struct virtqueue_info {
	const char *name;
	vq_callback_t *callback;
	bool ctx;
};
#endif

/* ethtool_puts() (6.8): one string of an ethtool string set. */
#ifndef VNET_HAVE_ETHTOOL_PUTS
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy(*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

#endif /* _VNET_COMPAT_H */
