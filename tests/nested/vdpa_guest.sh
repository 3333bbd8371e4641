#!/bin/bash
# A VM on a virtnet function: a nested QEMU guest (Debian's kernel and a
# busybox initramfs, tests/nested/mkguest) attached with -netdev
# vhost-vdpa to /dev/vhost-vdpa-N takes an address by DHCP from a server
# on the representor's side and pings it. Nested emulation makes this
# minutes long: `make vdpa-guest` runs it, not make check.
#
# Tiers: none -- make vdpa-guest (needs CONFIG_VDPA, 6.12)
. "$TOP/tests/integration/lib.bash"

guest_initrd=${VIRTNET_GUEST_INITRD:-$TOP/build/nested/guest-initrd.gz}
[ -s "$guest_initrd" ] || fail "no $guest_initrd (make vdpa-guest builds it)"
mac=02:00:00:00:99:01

vdpa_prepare
vdpa dev add name vg0 mgmtdev virtnet mac $mac
bind_to vg0 vhost_vdpa
node=$(vhost_node vg0)
rep=$(virtnet list | jq -r '.devices[] | select(.vdpa_device == "vg0") | .sf_rep_net_device')
ip addr add 10.66.0.1/24 dev "$rep"
ip link set "$rep" up

step "a DHCP server on the representor's side"
cat >/tmp/udhcpd.conf <<CONF
start 10.66.0.100
end 10.66.0.110
interface $rep
lease_file /tmp/udhcpd.leases
option subnet 255.255.255.0
CONF
: >/tmp/udhcpd.leases
busybox udhcpd -f /tmp/udhcpd.conf &

step "the nested guest boots on vg0 ($node)"
ulimit -l unlimited
t0=$(date +%s)
timeout "${VIRTNET_GUEST_TIMEOUT:-1500}" qemu-system-x86_64 -machine pc -accel tcg \
	-cpu max -smp 1 -m 256 -nodefaults -no-user-config -display none \
	-no-reboot -serial stdio -kernel "/boot/vmlinuz-$(uname -r)" \
	-initrd "$guest_initrd" -append "console=ttyS0 panic=-1 loglevel=4" \
	-netdev "vhost-vdpa,vhostdev=$node,id=v0" \
	-device "virtio-net-pci,netdev=v0,mac=$mac,romfile=" </dev/null |
	tee "$VIRTNET_RESULTS/nested-console.log" || true
t1=$(date +%s)
echo "nested guest: $((t1 - t0)) s from start to power-off"
grep -a "NESTED-ADDRESS" "$VIRTNET_RESULTS/nested-console.log" || fail "the guest got no address"
grep -aq "NESTED-PING-OK" "$VIRTNET_RESULTS/nested-console.log" || fail "the guest's ping failed"
virtnet stats -p "$(virtnet list | jq -r '.devices[] | select(.vdpa_device == "vg0") | .pf_id')" | head -30 || true
vdpa dev del vg0
echo "ok"
