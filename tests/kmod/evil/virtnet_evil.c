// SPDX-License-Identifier: GPL-2.0
/*
 * virtnet_evil: a hostile virtio-net driver, for testing the device side of
 * virtnet_emu. Test-only; never installed.
 *
 * It binds only to the device named by the "target" parameter (a virtio
 * device name such as "virtio3", or the bus name the transport reports,
 * such as "0000:85:00.0"), negotiates a minimal feature set, creates the
 * queues the way virtio_net does (0 = rx0, 1 = tx0, 2 = ctrl) and sets
 * DRIVER_OK. Then, on each write of an attack name to
 * /sys/kernel/debug/virtnet_evil/attack (or once at bind time through the
 * "attack" parameter), it writes a malformed chain straight into its own
 * ring memory and kicks the queue. The kernel's vring code never sees
 * these chains: buffers are not added with virtqueue_add_*() and no
 * callbacks are registered, so used entries are never consumed through
 * virtqueue_get_buf().
 *
 * The attacks are listed in evil_attacks[]; valid_tx and valid_ctrl are
 * well-formed controls. /sys/kernel/debug/virtnet_evil/state shows the RAM
 * holes found at load, the bound device, its status, the config change
 * interrupts received and the rings' indexes. Written for the 6.1 virtio
 * API (virtio_find_vqs() with names and callbacks).
 *
 * Devices it was not asked for are refused in validate() with -ENODEV
 * (silent in the driver core), before the driver touches anything else.
 * The virtio core still marks such a device DRIVER, then FAILED; that
 * only happens to a device no earlier-registered driver (virtio_net)
 * took.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <uapi/linux/virtio_ids.h>
#include <uapi/linux/virtio_net.h>

#define EVIL_NAME	"virtnet_evil"

enum { EVIL_RXQ, EVIL_TXQ, EVIL_CTRLQ, EVIL_NR_VQS };

static char evil_target[64];
module_param_string(target, evil_target, sizeof(evil_target), 0644);
MODULE_PARM_DESC(target,
		 "Only device to bind: virtio device name (virtioN) or bus name (0000:85:00.0)");

static char evil_attack_at_bind[32];
module_param_string(attack, evil_attack_at_bind, sizeof(evil_attack_at_bind),
		    0444);
MODULE_PARM_DESC(attack, "Attack to run once when the device is bound");

struct evil_dev {
	struct virtio_device *vdev;
	struct virtqueue *vqs[EVIL_NR_VQS];
	unsigned int nvqs;
	u16 avail_idx[EVIL_NR_VQS];	/* what we last wrote to avail->idx */
	u16 next_desc[EVIL_NR_VQS];	/* next descriptor slot to use */
	void *buf;			/* a page of plain RAM for buffers */
	atomic_t config_changes;
	char last[96];			/* result of the last attack */
};

/* Serialises bind/unbind against attacks and state reads. */
static DEFINE_MUTEX(evil_lock);
static struct evil_dev *evil_bound;
static struct dentry *evil_dir;
/* Pages with a struct page that are not RAM; see evil_find_ram_holes(). */
static u64 evil_hole_mapped, evil_hole_unmapped;

static bool evil_is_target(struct virtio_device *vdev)
{
	bool match;

	kernel_param_lock(THIS_MODULE);
	match = evil_target[0] &&
		(sysfs_streq(evil_target, dev_name(&vdev->dev)) ||
		 sysfs_streq(evil_target, virtio_bus_name(vdev)));
	kernel_param_unlock(THIS_MODULE);
	return match;
}

/* Ring access: we are the driver, the ring memory is ours to scribble on. */
static const struct vring *evil_vring(struct evil_dev *ed, unsigned int q)
{
	return virtqueue_get_vring(ed->vqs[q]);
}

static u16 evil_desc(struct evil_dev *ed, unsigned int q, u64 addr, u32 len,
		     u16 flags, u16 next)
{
	const struct vring *vr = evil_vring(ed, q);
	u16 i = ed->next_desc[q]++ & (vr->num - 1);

	WRITE_ONCE(vr->desc[i].addr, cpu_to_virtio64(ed->vdev, addr));
	WRITE_ONCE(vr->desc[i].len, cpu_to_virtio32(ed->vdev, len));
	WRITE_ONCE(vr->desc[i].flags, cpu_to_virtio16(ed->vdev, flags));
	WRITE_ONCE(vr->desc[i].next, cpu_to_virtio16(ed->vdev, next));
	return i;
}

/* The slot the next evil_desc() call will fill. */
static u16 evil_next_slot(struct evil_dev *ed, unsigned int q, u16 ahead)
{
	return (ed->next_desc[q] + ahead) & (evil_vring(ed, q)->num - 1);
}

/* Makes @head available, moving avail->idx by @step (1 when honest). */
static void evil_publish(struct evil_dev *ed, unsigned int q, u16 head,
			 u16 step)
{
	const struct vring *vr = evil_vring(ed, q);
	u16 idx = ed->avail_idx[q];

	WRITE_ONCE(vr->avail->ring[idx & (vr->num - 1)],
		   cpu_to_virtio16(ed->vdev, head));
	/* Descriptors and the entry before the index that covers them. */
	virt_wmb();
	ed->avail_idx[q] = idx + step;
	WRITE_ONCE(vr->avail->idx, cpu_to_virtio16(ed->vdev, idx + step));
	/* The index before the kick (virtqueue_kick_prepare does the same). */
	virt_mb();
	virtqueue_notify(ed->vqs[q]);
}

static u64 evil_pa(struct evil_dev *ed, unsigned int off)
{
	return virt_to_phys((u8 *)ed->buf + off);
}

static u16 evil_used_idx(struct evil_dev *ed, unsigned int q)
{
	return virtio16_to_cpu(ed->vdev, READ_ONCE(evil_vring(ed, q)->used->idx));
}

/* Waits up to ~1 s for the device to consume everything we published. */
static int evil_wait_used(struct evil_dev *ed, unsigned int q)
{
	int i;

	for (i = 0; i < 50; i++) {
		if (evil_used_idx(ed, q) == ed->avail_idx[q])
			return 0;
		msleep(20);
	}
	return -ETIMEDOUT;
}

/* Whether the kernel's direct map covers @addr (x86 only; else "yes"). */
static bool evil_direct_mapped(u64 addr)
{
#ifdef CONFIG_X86
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)phys_to_virt(addr), &level);

	return pte && pte_present(*pte);
#else
	return true;
#endif
}

/*
 * Finds pages that have a struct page (pfn_valid, reserved) but are not
 * System RAM: firmware areas such as the legacy BIOS/VGA range (in the
 * kernel's direct map) or the reserved tail of the last RAM section (not
 * in it). 0 where there is none.
 */
static void __init evil_find_ram_holes(void)
{
	unsigned long end = PHYS_PFN(__pa(high_memory - 1)) + PAGES_PER_SECTION;
	unsigned long pfn;

	/* pfn 0 is special enough to be left out. */
	for (pfn = 1; pfn < end; pfn++) {
		if (!(pfn % 4096))
			cond_resched();
		if (!pfn_valid(pfn) || !PageReserved(pfn_to_page(pfn)) ||
		    page_is_ram(pfn))
			continue;
		if (evil_direct_mapped(PFN_PHYS(pfn))) {
			if (!evil_hole_mapped)
				evil_hole_mapped = PFN_PHYS(pfn);
		} else if (!evil_hole_unmapped) {
			evil_hole_unmapped = PFN_PHYS(pfn);
		}
		if (evil_hole_mapped && evil_hole_unmapped)
			break;
	}
}

struct evil_attack {
	const char *name;
	unsigned int q;
	int (*run)(struct evil_dev *ed, unsigned int q);
};

static int evil_loop(struct evil_dev *ed, unsigned int q)
{
	u16 a = evil_next_slot(ed, q, 0), b = evil_next_slot(ed, q, 1);

	/* Zero-length, so no segment limit cuts the walk short. */
	evil_desc(ed, q, evil_pa(ed, 0), 0, VRING_DESC_F_NEXT, b);
	evil_desc(ed, q, evil_pa(ed, 0), 0, VRING_DESC_F_NEXT, a);
	evil_publish(ed, q, a, 1);
	return 0;
}

static int evil_head_range(struct evil_dev *ed, unsigned int q)
{
	evil_publish(ed, q, evil_vring(ed, q)->num, 1);
	return 0;
}

static int evil_next_range(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 0), 64, VRING_DESC_F_NEXT,
			     evil_vring(ed, q)->num);

	evil_publish(ed, q, head, 1);
	return 0;
}

static int evil_write_on_tx(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 0), 64, VRING_DESC_F_WRITE, 0);

	evil_publish(ed, q, head, 1);
	return 0;
}

/* Takes effect when the device next fills an RX buffer. */
static int evil_read_on_rx(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 0), 1536, 0, 0);

	evil_publish(ed, q, head, 1);
	return 0;
}

static int evil_read_after_write(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 64), 1,
			     VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
			     evil_next_slot(ed, q, 1));
	struct virtio_net_ctrl_hdr *hdr = ed->buf;

	hdr->class = VIRTIO_NET_CTRL_RX;
	hdr->cmd = VIRTIO_NET_CTRL_RX_PROMISC;
	evil_desc(ed, q, evil_pa(ed, 0), sizeof(*hdr), 0, 0);
	evil_publish(ed, q, head, 1);
	return 0;
}

/* An address well past any RAM a test VM has: 16 TiB. */
static int evil_bad_addr(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, 1ULL << 44, 64, 0, 0);

	evil_publish(ed, q, head, 1);
	return 0;
}

/* A 64-byte buffer at @addr, readable on TX, writable on RX. */
static int evil_hole_attack(struct evil_dev *ed, unsigned int q, u64 addr)
{
	size_t n = strlen(ed->last);
	u16 head;

	if (!addr)
		return -ENOENT;
	scnprintf(ed->last + n, sizeof(ed->last) - n, " at %#llx", addr);
	head = evil_desc(ed, q, addr, 64,
			 q == EVIL_RXQ ? VRING_DESC_F_WRITE : 0, 0);
	evil_publish(ed, q, head, 1);
	return 0;
}

/* RAM holes (evil_find_ram_holes()): outside the direct map... */
static int evil_ram_hole(struct evil_dev *ed, unsigned int q)
{
	return evil_hole_attack(ed, q, evil_hole_unmapped);
}

/* ... and in it. */
static int evil_ram_hole_mapped(struct evil_dev *ed, unsigned int q)
{
	return evil_hole_attack(ed, q, evil_hole_mapped);
}

static int evil_ram_hole_any(struct evil_dev *ed, unsigned int q)
{
	return evil_hole_attack(ed, q, evil_hole_unmapped ?: evil_hole_mapped);
}

static int evil_wrap(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, ~0ULL - 0xfff, 0x2000, 0, 0);

	evil_publish(ed, q, head, 1);
	return 0;
}

static int evil_huge_len(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 0), U32_MAX, 0, 0);

	evil_publish(ed, q, head, 1);
	return 0;
}

static int evil_avail_jump(struct evil_dev *ed, unsigned int q)
{
	u16 head = evil_desc(ed, q, evil_pa(ed, 0), 64, 0, 0);

	evil_publish(ed, q, head, evil_vring(ed, q)->num + 1);
	return 0;
}

/* A well-formed indirect table, but INDIRECT_DESC was not negotiated. */
static int evil_indirect(struct evil_dev *ed, unsigned int q)
{
	struct vring_desc *table = (struct vring_desc *)((u8 *)ed->buf + 1024);
	u16 head;

	table[0].addr = cpu_to_virtio64(ed->vdev, evil_pa(ed, 0));
	table[0].len = cpu_to_virtio32(ed->vdev, 64);
	table[0].flags = 0;
	table[0].next = 0;
	head = evil_desc(ed, q, evil_pa(ed, 1024), sizeof(*table),
			 VRING_DESC_F_INDIRECT, 0);
	evil_publish(ed, q, head, 1);
	return 0;
}

static int evil_ctrl_no_status(struct evil_dev *ed, unsigned int q)
{
	struct virtio_net_ctrl_hdr *hdr = ed->buf;
	u8 *on = (u8 *)ed->buf + sizeof(*hdr);
	u16 head;

	hdr->class = VIRTIO_NET_CTRL_RX;
	hdr->cmd = VIRTIO_NET_CTRL_RX_PROMISC;
	*on = 1;
	head = evil_desc(ed, q, evil_pa(ed, 0), sizeof(*hdr),
			 VRING_DESC_F_NEXT, evil_next_slot(ed, q, 1));
	evil_desc(ed, q, evil_pa(ed, sizeof(*hdr)), 1, 0, 0);
	evil_publish(ed, q, head, 1);
	return 0;
}

/*
 * Controls: well-formed chains written the same raw way. They must be
 * consumed without a fault, which shows the attacks fail for their own
 * reason and not because of how this driver writes its rings.
 */
static int evil_valid_tx(struct evil_dev *ed, unsigned int q)
{
	/* virtio_net_hdr_mrg_rxbuf (VERSION_1) + a 60-byte broadcast frame */
	static const u8 frame[60] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x02, 0x00, 0x00, 0xee, 0x11, 0x01,
		0x88, 0xb5,		/* local experimental ethertype */
		'v', 'i', 'r', 't', 'n', 'e', 't', '_', 'e', 'v', 'i', 'l',
	};
	u32 hdr_len = sizeof(struct virtio_net_hdr_mrg_rxbuf);
	u8 *p = ed->buf;
	u16 head;

	memset(p, 0, hdr_len);
	memcpy(p + hdr_len, frame, sizeof(frame));
	head = evil_desc(ed, q, evil_pa(ed, 0), hdr_len, VRING_DESC_F_NEXT,
			 evil_next_slot(ed, q, 1));
	evil_desc(ed, q, evil_pa(ed, hdr_len), sizeof(frame), 0, 0);
	evil_publish(ed, q, head, 1);
	return evil_wait_used(ed, q);
}

static int evil_valid_ctrl(struct evil_dev *ed, unsigned int q)
{
	struct virtio_net_ctrl_hdr *hdr = ed->buf;
	u8 *on = (u8 *)ed->buf + sizeof(*hdr);
	u8 *ack = on + 1;
	u16 head;

	hdr->class = VIRTIO_NET_CTRL_RX;
	hdr->cmd = VIRTIO_NET_CTRL_RX_PROMISC;
	*on = 0;
	*ack = 0xff;
	head = evil_desc(ed, q, evil_pa(ed, 0), sizeof(*hdr),
			 VRING_DESC_F_NEXT, evil_next_slot(ed, q, 1));
	evil_desc(ed, q, evil_pa(ed, sizeof(*hdr)), 1, VRING_DESC_F_NEXT,
		  evil_next_slot(ed, q, 1));
	evil_desc(ed, q, evil_pa(ed, sizeof(*hdr) + 1), 1, VRING_DESC_F_WRITE,
		  0);
	/* The device answers inside the kick. */
	evil_publish(ed, q, head, 1);
	if (evil_used_idx(ed, q) != ed->avail_idx[q])
		return -ETIMEDOUT;
	return READ_ONCE(*ack) == VIRTIO_NET_OK ? 0 : -EIO;
}

static const struct evil_attack evil_attacks[] = {
	{ "loop",		EVIL_TXQ,	evil_loop },
	{ "head_range",		EVIL_TXQ,	evil_head_range },
	{ "next_range",		EVIL_TXQ,	evil_next_range },
	{ "write_on_tx",	EVIL_TXQ,	evil_write_on_tx },
	{ "read_on_rx",		EVIL_RXQ,	evil_read_on_rx },
	{ "read_after_write",	EVIL_CTRLQ,	evil_read_after_write },
	{ "bad_addr",		EVIL_TXQ,	evil_bad_addr },
	{ "ram_hole",		EVIL_TXQ,	evil_ram_hole },
	{ "ram_hole_mapped",	EVIL_TXQ,	evil_ram_hole_mapped },
	{ "ram_hole_rx",	EVIL_RXQ,	evil_ram_hole_any },
	{ "wrap",		EVIL_TXQ,	evil_wrap },
	{ "huge_len",		EVIL_TXQ,	evil_huge_len },
	{ "avail_jump",		EVIL_TXQ,	evil_avail_jump },
	{ "indirect",		EVIL_TXQ,	evil_indirect },
	{ "ctrl_no_status",	EVIL_CTRLQ,	evil_ctrl_no_status },
	{ "valid_tx",		EVIL_TXQ,	evil_valid_tx },
	{ "valid_ctrl",		EVIL_CTRLQ,	evil_valid_ctrl },
};

/* evil_lock held. */
static int evil_run(struct evil_dev *ed, const char *name)
{
	const struct evil_attack *a = NULL;
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(evil_attacks); i++)
		if (sysfs_streq(name, evil_attacks[i].name))
			a = &evil_attacks[i];
	if (!a)
		return -EINVAL;
	if (a->q >= ed->nvqs)
		return -EOPNOTSUPP;	/* no control queue */
	snprintf(ed->last, sizeof(ed->last), "%s", a->name);
	err = a->run(ed, a->q);
	dev_info(&ed->vdev->dev, "%s on queue %u (%s): %d\n", ed->last, a->q,
		 ed->vqs[a->q]->name, err);
	return err;
}

static ssize_t evil_attack_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char name[32];
	ssize_t err;

	if (!count || count >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, ubuf, count))
		return -EFAULT;
	name[count] = '\0';

	mutex_lock(&evil_lock);
	err = evil_bound ? evil_run(evil_bound, name) : -ENODEV;
	mutex_unlock(&evil_lock);
	return err ? err : count;
}

static const struct file_operations evil_attack_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= evil_attack_write,
	.llseek	= noop_llseek,
};

static int evil_state_show(struct seq_file *m, void *unused)
{
	struct evil_dev *ed;
	unsigned int q;

	seq_printf(m, "ram_hole %#llx\nram_hole_mapped %#llx\n",
		   evil_hole_unmapped, evil_hole_mapped);
	mutex_lock(&evil_lock);
	ed = evil_bound;
	if (!ed) {
		seq_puts(m, "unbound\n");
		goto out;
	}
	seq_printf(m, "device %s %s\n", dev_name(&ed->vdev->dev),
		   virtio_bus_name(ed->vdev));
	seq_printf(m, "status %#x\n", ed->vdev->config->get_status(ed->vdev));
	seq_printf(m, "config_changes %d\n",
		   atomic_read(&ed->config_changes));
	seq_printf(m, "last %s\n", ed->last[0] ? ed->last : "-");
	for (q = 0; q < ed->nvqs; q++)
		seq_printf(m, "queue %u %s num %u avail %u used %u broken %d\n",
			   q, ed->vqs[q]->name, evil_vring(ed, q)->num,
			   ed->avail_idx[q], evil_used_idx(ed, q),
			   virtqueue_is_broken(ed->vqs[q]));
out:
	mutex_unlock(&evil_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(evil_state);

static int evil_validate(struct virtio_device *vdev)
{
	if (!evil_is_target(vdev))
		return -ENODEV;
	/* The "indirect" attack needs INDIRECT_DESC not negotiated. */
	__virtio_clear_bit(vdev, VIRTIO_RING_F_INDIRECT_DESC);
	return 0;
}

/*
 * 6.11 replaced virtio_find_vqs()'s names/callbacks arrays with one
 * struct virtqueue_info per queue (probed by Kbuild, as in kmod/compat.h).
 */
static int evil_find_vqs(struct evil_dev *ed)
{
	static const char * const names[EVIL_NR_VQS] = { "rx0", "tx0", "ctrl" };
#ifdef EVIL_HAVE_VIRTQUEUE_INFO
	struct virtqueue_info info[EVIL_NR_VQS] = {};
	unsigned int i;

	for (i = 0; i < EVIL_NR_VQS; i++)
		info[i].name = names[i];
	return virtio_find_vqs(ed->vdev, ed->nvqs, ed->vqs, info, NULL);
#else
	vq_callback_t *callbacks[EVIL_NR_VQS] = {};

	return virtio_find_vqs(ed->vdev, ed->nvqs, ed->vqs, callbacks, names,
			       NULL);
#endif
}

static int evil_probe(struct virtio_device *vdev)
{
	struct evil_dev *ed;
	int err;

	mutex_lock(&evil_lock);
	if (evil_bound) {
		err = -EBUSY;
		goto err_unlock;
	}
	ed = kzalloc(sizeof(*ed), GFP_KERNEL);
	if (!ed) {
		err = -ENOMEM;
		goto err_unlock;
	}
	ed->vdev = vdev;
	atomic_set(&ed->config_changes, 0);
	ed->buf = (void *)get_zeroed_page(GFP_KERNEL);
	if (!ed->buf) {
		err = -ENOMEM;
		goto err_free_ed;
	}
	/* As virtio_net: rx0, tx0, then the control queue if there is one. */
	ed->nvqs = virtio_has_feature(vdev, VIRTIO_NET_F_CTRL_VQ) ?
		   EVIL_NR_VQS : EVIL_CTRLQ;
	err = evil_find_vqs(ed);
	if (err)
		goto err_free_buf;
	vdev->priv = ed;
	virtio_device_ready(vdev);
#ifdef EVIL_HAVE_CONFIG_DRIVER_ENABLE
	/*
	 * 6.12's virtio_net turns config-change callbacks off while its
	 * netdev is down (virtio_config_driver_disable) and leaves them off
	 * when it unbinds; the virtio core keeps that flag across drivers.
	 * A driver bound after it must turn them on again to hear any.
	 */
	virtio_config_driver_enable(vdev);
#endif
	evil_bound = ed;
	dev_info(&vdev->dev, "bound to %s: features %#llx, %u queues of %u\n",
		 virtio_bus_name(vdev), vdev->features, ed->nvqs,
		 virtqueue_get_vring_size(ed->vqs[0]));

	if (evil_attack_at_bind[0]) {
		err = evil_run(ed, evil_attack_at_bind);
		if (err)
			dev_info(&vdev->dev, "attack at bind failed: %d\n", err);
	}
	mutex_unlock(&evil_lock);
	return 0;

err_free_buf:
	free_page((unsigned long)ed->buf);
err_free_ed:
	kfree(ed);
err_unlock:
	mutex_unlock(&evil_lock);
	return err;
}

static void evil_remove(struct virtio_device *vdev)
{
	struct evil_dev *ed = vdev->priv;

	mutex_lock(&evil_lock);
	evil_bound = NULL;
	mutex_unlock(&evil_lock);

	/* The device must stop touching the rings before they are freed. */
	virtio_reset_device(vdev);
	vdev->config->del_vqs(vdev);
	vdev->priv = NULL;
	free_page((unsigned long)ed->buf);
	dev_info(&vdev->dev, "unbound after %d config changes\n",
		 atomic_read(&ed->config_changes));
	kfree(ed);
}

/* Atomic context (virtio core config lock): count only. */
static void evil_config_changed(struct virtio_device *vdev)
{
	struct evil_dev *ed = vdev->priv;

	if (ed)
		atomic_inc(&ed->config_changes);
}

static const struct virtio_device_id evil_id_table[] = {
	{ VIRTIO_ID_NET, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

static const unsigned int evil_features[] = {
	VIRTIO_NET_F_MAC, VIRTIO_NET_F_STATUS, VIRTIO_NET_F_CTRL_VQ,
	VIRTIO_NET_F_CTRL_RX,
};

static struct virtio_driver evil_driver = {
	.driver.name		= EVIL_NAME,
	.driver.owner		= THIS_MODULE,
	.id_table		= evil_id_table,
	.feature_table		= evil_features,
	.feature_table_size	= ARRAY_SIZE(evil_features),
	.validate		= evil_validate,
	.probe			= evil_probe,
	.remove			= evil_remove,
	.config_changed		= evil_config_changed,
};

static int __init evil_init(void)
{
	int err;

	evil_find_ram_holes();
	evil_dir = debugfs_create_dir(EVIL_NAME, NULL);
	debugfs_create_file("attack", 0200, evil_dir, NULL, &evil_attack_fops);
	debugfs_create_file("state", 0400, evil_dir, NULL, &evil_state_fops);
	err = register_virtio_driver(&evil_driver);
	if (err)
		debugfs_remove_recursive(evil_dir);
	return err;
}

static void __exit evil_exit(void)
{
	unregister_virtio_driver(&evil_driver);
	debugfs_remove_recursive(evil_dir);
}

module_init(evil_init);
module_exit(evil_exit);

MODULE_DESCRIPTION("Hostile virtio-net driver for testing virtnet_emu");
MODULE_LICENSE("GPL");
