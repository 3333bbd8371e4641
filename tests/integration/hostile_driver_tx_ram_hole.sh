# A hostile driver's descriptors pointing into RAM holes: pages that have a
# struct page (pfn_valid, reserved) but are not System RAM. virtnet_evil
# finds one in the kernel's direct map (the legacy BIOS/VGA range) and one
# outside it (in the 2 GiB test VM the firmware-reserved tail of the last
# memory section, 7ffe0000-7fffffff). The device must refuse them on every
# queue: stop the queue, flag NEEDS_RESET ("descriptor points outside
# RAM"), like any other violation. See hostile_driver.sh for the set-up
# (devices A, B, C) and the checks.
#
# The device reads a TX buffer through the direct map: a TX descriptor to
# the unmapped hole that is not refused is a page fault in NAPI (softirq),
# i.e. a kernel panic that ends the VM and fails every script after this
# one. So the mapped hole goes first, and the unmapped one is tried only if
# the device refused the mapped one.
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching)
HOSTILE_DRIVER_LIB=1
. "$(dirname "$0")/hostile_driver.sh"

hd_require_evil
hd_setup
insmod "$EVIL_KO" target="$A_BUS"
unmapped=$(sed -n 's/^ram_hole //p' "$EVIL_DBG/state")
mapped=$(sed -n 's/^ram_hole_mapped //p' "$EVIL_DBG/state")
echo "RAM holes with a struct page: $mapped (direct-mapped), $unmapped (not mapped)"
if [ "$mapped" = 0 ] && [ "$unmapped" = 0 ]; then
	echo "SKIP: no pfn_valid page outside System RAM in this VM"
	exit 77
fi

hd_attack "$A_VDEV" ram_hole_rx 0 "descriptor points outside RAM"
if [ "$mapped" != 0 ]; then
	HD_HINT="the device accepted a TX buffer in a non-RAM page ($mapped);"
	HD_HINT+=" not trying the unmapped one ($unmapped), which would panic the kernel"
	hd_attack "$A_VDEV" ram_hole_mapped 1 "descriptor points outside RAM"
	HD_HINT=
fi
if [ "$unmapped" != 0 ]; then
	hd_attack "$A_VDEV" ram_hole 1 "descriptor points outside RAM"
fi
echo "ok"
