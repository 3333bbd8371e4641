#!/bin/bash
# vDPA with a real userspace virtio driver: DPDK's testpmd drives a
# virtnet function through /dev/vhost-vdpa-N (virtio_user PMD), sending
# to the representor (txonly) and receiving from it (rxonly), counted on
# both sides.
#
# Tiers: 6.12 -- needs CONFIG_VDPA; the debug tier runs vdpa.sh's hostile owners
. "$(dirname "$0")/lib.bash"

vdpa_prepare
command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd missing (make deps installs dpdk-dev)"
ulimit -l unlimited
mac=02:00:00:00:dd:01
rx_count=$(volume 20000 5000)

vdpa dev add name vdd mgmtdev virtnet mac $mac
bind_to vdd vhost_vdpa
node=$(vhost_node vdd)
rep=$(virtnet list | jq -r --arg m "$mac" \
	'.devices[] | select((.net_mac | ascii_downcase) == $m) | .sf_rep_net_device')
# No IPv6 chatter (router solicitations, MLD reports): the counts below
# must be our frames only. A late report once made testpmd see 20001.
sysctl -qw "net.ipv6.conf.$rep.disable_ipv6=1"
ip link set "$rep" up
# A plain FIFO: the default fq_codel drops what waits over 5 ms, which
# emulated CPUs reach, and those drops would look like the device's.
tc qdisc replace dev "$rep" root pfifo limit 100000
rep_stat() { cat "/sys/class/net/$rep/statistics/$1"; }

id=$(virtnet list | jq -r --arg m "$mac" '.devices[] | select((.net_mac | ascii_downcase) == $m) | .pf_id')

# testpmd_start MODE: testpmd in the background (it stops at a line on its
# standard input, testpmd_stop), returning once it forwards: its device is
# DRIVER_OK and it printed "Press enter to exit". Starting takes seconds
# under emulation (minutes on the debug kernel), and what reaches its
# queue before forwarding starts, testpmd flushes uncounted.
testpmd_start() {
	rm -f /tmp/vdpa_dpdk.in
	mkfifo /tmp/vdpa_dpdk.in
	exec {hold}<>/tmp/vdpa_dpdk.in
	stdbuf -oL dpdk-testpmd -l 0-1 --no-huge -m 512 --no-pci \
		--vdev "net_virtio_user0,path=$node,queues=1,queue_size=256,mac=$mac" \
		-- --total-num-mbufs=16384 --forward-mode="$1" --txpkts=64 \
		--nb-cores=1 <&"$hold" >/tmp/vdpa_dpdk.out 2>&1 &
	pmd=$!
	for i in $(seq 3000); do
		kill -0 "$pmd" 2>/dev/null || break
		if grep -q "Press enter to exit" /tmp/vdpa_dpdk.out; then
			virtnet query -p "$id" | jq -e '.device_status.names | index("DRIVER_OK")' >/dev/null &&
				return 0
			fail "testpmd forwards, but its device is not DRIVER_OK: $(virtnet query -p "$id" | jq -c .device_status)"
		fi
		sleep 0.1
	done
	fail "testpmd did not start forwarding: $(cat /tmp/vdpa_dpdk.out)"
}

testpmd_stop() {
	echo >&"$hold"
	wait "$pmd" || fail "testpmd: $(tail -30 /tmp/vdpa_dpdk.out)"
	exec {hold}>&-
	rm -f /tmp/vdpa_dpdk.in
}

# pmd_wait FIELD COUNT: until testpmd's port has counted COUNT in FIELD
# (opackets, ipackets; asked through DPDK's telemetry socket), for as long
# as the count keeps moving: no speed is assumed (the debug kernel runs
# this at a hundredth of the stock kernel's rate), only progress.
pmd_wait() {
	python3 - "$1" "$2" <<'PY'
import json, socket, sys, time
field, want = sys.argv[1], int(sys.argv[2])
def count():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect("/var/run/dpdk/rte/dpdk_telemetry.v2")
    s.recv(16384)
    s.send(b"/ethdev/stats,0")
    n = json.loads(s.recv(65536))["/ethdev/stats"][field]
    s.close()
    return n
last, since = -1, time.time()
while True:
    n = count()
    if n >= want or time.time() - since > 10:
        break
    if n != last:
        last, since = n, time.time()
    time.sleep(0.2)
print("testpmd's port counted %d %s" % (n, field))
PY
}

step "testpmd txonly: frames reach the representor"
before=$(rep_stat rx_packets)
testpmd_start txonly
sleep 3
pmd_wait opackets 1000
testpmd_stop
tx=$(sed -n 's/.*TX-packets: *\([0-9]*\).*/\1/p' /tmp/vdpa_dpdk.out | tail -1)
got=$(($(rep_stat rx_packets) - before))
echo "testpmd sent $tx, the representor received $got"
[ "${tx:-0}" -ge 1000 ] || fail "testpmd sent only '$tx' frames, then none for 10 s: $(tail -30 /tmp/vdpa_dpdk.out)"
# What was still in the ring when testpmd stopped the port is not sent.
[ "$got" -le "$tx" ] && [ "$got" -ge $((tx - 256)) ] ||
	fail "representor received $got of $tx"

step "testpmd rxonly: $rx_count frames from the representor"
testpmd_start rxonly
rep_tx0=$(rep_stat tx_packets)
python3 - "$rep" "$rx_count" <<'PY'
import socket, sys, time
ifname, n = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
frame = b"\x02\x00\x00\x00\xdd\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x88\xb5" + bytes(46)
sent = 0
while sent < n:
    try:
        s.send(frame)
        sent += 1
    except OSError:
        time.sleep(0.001)
print("sent", sent)
PY
# Until testpmd has taken them all (through the qdisc, the device and its
# ring): on the debug kernel its polling core falls seconds behind.
pmd_wait ipackets "$rx_count"
testpmd_stop
rx=$(sed -n 's/.*RX-packets: *\([0-9]*\).*/\1/p' /tmp/vdpa_dpdk.out | tail -1)
echo "testpmd received $rx of $rx_count (the representor sent $(($(rep_stat tx_packets) - rep_tx0)), tx_dropped $(rep_stat tx_dropped))"
[ "${rx:-0}" -eq "$rx_count" ] || fail "testpmd received '$rx' of $rx_count: $(tail -30 /tmp/vdpa_dpdk.out)"

vdpa dev del vdd
echo "ok"
