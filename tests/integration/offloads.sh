# Checksum and segmentation offloads end to end: GSO skbs cross the
# device intact in both directions when the driver negotiated TSO, and are
# segmented before the device when it did not; checksums as captured on
# the representor and the host NIC; every transfer verified by checksum.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

# mask BIT...: a feature mask with these virtio-net bits.
mask() {
	local m=0 b
	for b; do m=$((m | 1 << b)); done
	printf '0x%x' "$m"
}
# CSUM GUEST_CSUM MTU MAC GUEST_TSO4/6 HOST_TSO4/6 MRG_RXBUF STATUS CTRL_VQ
# CTRL_RX MQ VERSION_1 INDIRECT_DESC EVENT_IDX
ALL=(0 1 3 5 7 8 11 12 15 16 17 18 22 32 28 29)
NO_GUEST_TSO=(0 1 3 5 11 12 15 16 17 18 22 32 28 29)
NO_CSUM=(1 3 5 7 8 15 16 17 18 22 32 28 29)

head -c 8M /dev/urandom >/tmp/payload
want=$(sha256sum </tmp/payload | cut -d' ' -f1)

# capture NS IF FILTER: tcpdump in the background; CAP_PID, CAP_OUT.
capture() {
	CAP_OUT=$(mktemp)
	ip netns exec "$1" tcpdump -Z root -n -vv -l -i "$2" "$3" >"$CAP_OUT" 2>/dev/null &
	CAP_PID=$!
	sleep 1.5
}
capture_stop() {
	sleep 0.5
	kill "$CAP_PID" 2>/dev/null || true
	wait "$CAP_PID" 2>/dev/null || true
}
# Largest IP total length captured ("length N" of the IP header line).
max_ip_len() {
	sed -n 's/.*proto TCP (6), length \([0-9]*\)).*/\1/p' "$CAP_OUT" | sort -n | tail -n1
}

# transfer FROM_NS TO_NS TO_ADDR PORT: 8 MiB over TCP, checksummed.
transfer() {
	rm -f /tmp/recv
	ip netns exec "$2" socat -u TCP-LISTEN:"$4",reuseaddr CREATE:/tmp/recv &
	local listener=$!
	wait_listen "$2" "$4"
	if ! timeout 60 ip netns exec "$1" socat -u OPEN:/tmp/payload TCP:"$3":"$4"; then
		ip netns exec "$1" ss -tni >&2 || true
		virtnet stats -u "$VUID" >&2 || true
		fail "transfer $1 -> $2 did not finish in 60 s"
	fi
	wait "$listener"
	expect_eq "$(sha256sum </tmp/recv | cut -d' ' -f1)" "$want" "checksum $1 -> $2"
}

# setup FEATURES: a device with these features, connected; HOST, REP.
setup() {
	local vuid
	vuid=$(virtnet hotplug -i mlx5_0 -f "$1" -m 02:00:00:00:0f:01 -t 1500 -n 3 -s 1024 | jq -r .vuid)
	VUID=$vuid
	HOST=$(virtnet query -u "$vuid" | jq -r .host_net_device)
	REP=$(virtnet query -u "$vuid" | jq -r .sf_rep_net_device)
	connect_ns "$HOST" "$REP"
	# GRO would merge segments again and hide what crossed the device.
	ip netns exec vh ethtool -K "$HOST" gro off
	ip netns exec vd ethtool -K "$REP" gro off
}
teardown() {
	ip netns del vh
	ip netns del vd
	virtnet unplug -u "$VUID" >/dev/null
	sleep 0.5
}

step "all offloads: the host driver took TSO both ways"
setup "$(mask "${ALL[@]}")"
ip netns exec vh ethtool -k "$HOST" | grep -q '^tcp-segmentation-offload: on' ||
	fail "host TSO is off with HOST_TSO4/6 offered"
ip netns exec vh ethtool -k "$HOST" | grep -q '^rx-gro-hw: on' ||
	fail "host did not take GUEST_TSO4/6 (rx-gro-hw off)"

step "host -> representor: GSO frames arrive whole, checksum left partial"
capture vd "$REP" "tcp port 5000"
transfer vh vd 10.77.0.2 5000
capture_stop
big=$(max_ip_len)
echo "largest IP packet on the representor: $big"
[ "${big:-0}" -gt 1500 ] || fail "no GSO frame crossed host -> representor (max $big)"
# A partial checksum shows as "incorrect" to tcpdump: proof it was not
# finished in software on the way.
grep -q 'cksum 0x[0-9a-f]* (incorrect' "$CAP_OUT" ||
	fail "host -> representor checksums were not left to offload"

step "representor -> host: GSO frames cross to the driver"
capture vh "$HOST" "tcp port 5001"
transfer vd vh 10.77.0.1 5001
capture_stop
big=$(max_ip_len)
echo "largest IP packet on the host NIC: $big"
[ "${big:-0}" -gt 1500 ] || fail "no GSO frame crossed representor -> host (max $big)"
teardown

step "no GUEST_TSO: the representor's stack segments before the device"
setup "$(mask "${NO_GUEST_TSO[@]}")"
ip netns exec vh ethtool -k "$HOST" | grep -q '^rx-gro-hw: off' ||
	fail "host claims GUEST_TSO although it was not offered"
capture vd "$REP" "tcp port 5002 and src host 10.77.0.2"
transfer vd vh 10.77.0.1 5002
capture_stop
big=$(max_ip_len)
echo "largest IP packet sent by the representor: $big"
[ -n "$big" ] && [ "$big" -le 1500 ] || fail "frames above the MTU reached a driver without GUEST_TSO (max $big)"
teardown

step "no CSUM: the host finishes checksums, no TSO; still correct"
setup "$(mask "${NO_CSUM[@]}")"
ip netns exec vh ethtool -k "$HOST" | grep -q '^tcp-segmentation-offload: off' ||
	fail "host TSO on without CSUM"
capture vd "$REP" "tcp port 5003 and src host 10.77.0.1"
transfer vh vd 10.77.0.2 5003
capture_stop
big=$(max_ip_len)
[ -n "$big" ] && [ "$big" -le 1500 ] || fail "GSO frame from a host without CSUM (max $big)"
if grep -q 'cksum 0x[0-9a-f]* (incorrect' "$CAP_OUT"; then
	fail "partial checksum from a host without CSUM"
fi
grep -q 'cksum 0x[0-9a-f]* (correct)' "$CAP_OUT" || fail "no checksummed TCP captured"
transfer vd vh 10.77.0.1 5004
teardown
echo "offloads ok"
