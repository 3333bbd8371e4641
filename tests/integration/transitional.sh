# Transitional devices (`virtnet hotplug -l`): with VERSION_1 offered the
# stock driver runs them as modern devices; offered without VERSION_1 (a
# feature mask that leaves it out, allowed only with -l) the same driver
# runs them in legacy mode: 10-byte header (12 with MRG_RXBUF) and legacy
# ring layout. Traffic must pass both ways in every mode. A modern-only
# device never loses VERSION_1.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

# F bits: CSUM 0x1, MTU 0x8, MAC 0x20, MRG_RXBUF 0x8000, STATUS 0x10000
LEGACY_MASK=0x10029
LEGACY_MRG_MASK=0x18029

# check_mode VUID BUS MODERN(0/1) MASK-OF-NEGOTIATED-BITS
traffic() { # BUS REP
	local host
	host=$(host_nic_by_bus "$1") || fail "no host NIC at $1"
	ethtool -i "$host" | grep -q '^driver: virtio_net' || fail "$host is not virtio_net"
	connect_ns "$host" "$2"
	ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2
	ip netns exec vd ping -c 3 -i 0.2 -W 2 10.77.0.1
	ip netns exec vh ping -c 3 -s 1472 -M do -W 2 10.77.0.2
	head -c 4M /dev/urandom >/tmp/payload
	ip netns exec vd socat -u TCP-LISTEN:5000,reuseaddr CREATE:/tmp/recv &
	wait_listen vd 5000
	ip netns exec vh socat -u OPEN:/tmp/payload TCP:10.77.0.2:5000
	wait
	cmp /tmp/payload /tmp/recv || fail "TCP payload differs"
	ip netns del vh
	ip netns del vd
}
negotiated() { # VUID
	virtnet query -u "$1" | jq -r '.driver_features.hex'
}

step "transitional device, modern driver"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:c0:01 -t 1500 -n 3 -s 256 -l >/dev/null
expect_eq "$(virtnet query -u VNETS1D0F0 | jq -r .transitional)" 1 "transitional"
[ $(( $(negotiated VNETS1D0F0) >> 32 & 1 )) -eq 1 ] || fail "VERSION_1 not negotiated"
traffic 0000:85:00.0 en3f0pf0sf2000

step "transitional device without VERSION_1: legacy mode, 10-byte header"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:c0:02 -t 1500 -n 3 -s 256 -l -f $LEGACY_MASK >/dev/null
expect_eq "$(negotiated VNETS1D1F0)" "$LEGACY_MASK" "negotiated features (legacy)"
traffic 0000:86:00.0 en3f0pf0sf2001

step "legacy mode with MRG_RXBUF: 12-byte header"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:c0:03 -t 1500 -n 3 -s 256 -l -f $LEGACY_MRG_MASK >/dev/null
expect_eq "$(negotiated VNETS1D2F0)" "$LEGACY_MRG_MASK" "negotiated features (legacy, MRG_RXBUF)"
traffic 0000:87:00.0 en3f0pf0sf2002

step "a modern-only device keeps VERSION_1 whatever the mask"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:c0:04 -t 1500 -n 3 -s 256 -f $LEGACY_MASK >/dev/null
[ $(( $(negotiated VNETS1D3F0) >> 32 & 1 )) -eq 1 ] || fail "modern device without VERSION_1"
traffic 0000:88:00.0 en3f0pf0sf2003
echo "ok"
