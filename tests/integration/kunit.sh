# The module's KUnit suites (kmod/kunit/). They exist only when the module
# was built against a kernel with CONFIG_KUNIT (the debug tier's kernel);
# elsewhere this script skips.
#
# Tiers: debug -- needs a kernel with CONFIG_KUNIT
. "$(dirname "$0")/lib.bash"

ko=$(dirname "$VIRTNET_MODULE")/virtnet_emu_kunit.ko
if [ ! -f "$ko" ]; then
	echo "no $ko: the kernel the module was built for has no KUnit"
	exit 77
fi

dmesg -c >/dev/null
insmod "$ko" || fail "insmod $ko"
rmmod virtnet_emu_kunit || fail "rmmod virtnet_emu_kunit"
log=$(dmesg)
echo "$log" | sed -n '/KTAP\|TAP version/,$p'

# Every suite must report, and report ok.
for suite in virtnet_vring virtnet_topology virtnet_netlink; do
	echo "$log" | grep -Eq "^\[[ 0-9.]+\] +ok [0-9]+ - $suite$|ok [0-9]+ $suite$" ||
		fail "suite $suite did not pass"
done
if echo "$log" | grep -E "not ok" | grep -v "# SKIP"; then
	fail "KUnit reported failures"
fi
echo "all KUnit suites passed"
