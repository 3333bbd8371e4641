# make bench, vDPA (issue 14 target): DPDK's testpmd (virtio_user PMD)
# over this device's /dev/vhost-vdpa-N against the same testpmd over the
# kernel's vhost-net with a tap (the standard VM backend), side by side,
# 64-byte frames, packets per second each way:
#  - testpmd -> kernel (txonly): received by the representor / the tap;
#  - kernel -> testpmd (pktgen into the representor / the tap, testpmd
#    rxonly): received by testpmd.
# Target: at least 1.0x vhost-net each way. Needs CONFIG_VDPA (6.12).
. "$(dirname "$0")/../integration/lib.bash"

vdpa_prepare
command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd missing (make deps installs dpdk-dev)"
modprobe vhost_net
modprobe pktgen
ulimit -l unlimited
SECS=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
mac=02:00:00:00:be:0d

vdpa dev add name vdb mgmtdev virtnet mac $mac
bind_to vdb vhost_vdpa
node=$(vhost_node vdb)
rep=$(virtnet list | jq -r '.devices[] | select(.vdpa_device == "vdb") | .sf_rep_net_device')
ip link set "$rep" up
# The default fq_codel drops what waits over 5 ms, which emulated CPUs
# reach; the tap gets the same.
tc qdisc replace dev "$rep" root pfifo limit 100000

# testpmd_start MODE VDEV: testpmd in the background until testpmd_stop,
# returning once it forwards (start-up takes seconds under emulation).
testpmd_start() {
	rm -f /tmp/bench_pmd.in
	mkfifo /tmp/bench_pmd.in
	exec {hold}<>/tmp/bench_pmd.in
	# Line-buffered: its "Press enter to exit" says it forwards.
	stdbuf -oL dpdk-testpmd -l 0-1 --no-huge -m 512 --no-pci --vdev "$2" \
		-- --total-num-mbufs=16384 --forward-mode="$1" --txpkts=64 \
		--nb-cores=1 <&"$hold" >/tmp/bench_pmd.out 2>&1 &
	pmd=$!
	for i in $(seq 600); do
		grep -q "Press enter to exit" /tmp/bench_pmd.out && return 0
		kill -0 "$pmd" 2>/dev/null || break
		sleep 0.2
	done
	fail "testpmd did not start: $(tail -20 /tmp/bench_pmd.out)"
}
testpmd_stop() {
	echo >&"$hold"
	wait "$pmd" || fail "testpmd: $(tail -30 /tmp/bench_pmd.out)"
	exec {hold}>&-
}
pmd_total() { # RX or TX
	sed -n "s/.*$1-packets: *\([0-9]*\).*/\1/p" /tmp/bench_pmd.out | tail -1
}
now_ms() { date +%s%3N; }
stat() { cat "/sys/class/net/$1/statistics/$2"; }

VDPA_VDEV="net_virtio_user0,path=$node,queues=1,queue_size=256,mac=$mac"
TAP_VDEV="net_virtio_user0,path=/dev/vhost-net,iface=vbtap0,queues=1,queue_size=256,mac=$mac"

# to_kernel VDEV NETDEV: testpmd txonly; frames per second NETDEV receives.
to_kernel() {
	local dev=$2 a b t0 t1
	testpmd_start txonly "$1"
	ip link set "$dev" up 2>/dev/null || true
	sleep 1
	a=$(stat "$dev" rx_packets); t0=$(now_ms)
	profile_phase "testpmd->kernel $dev"
	sleep "$SECS"
	profile_phase ""
	b=$(stat "$dev" rx_packets); t1=$(now_ms)
	testpmd_stop
	echo $(((b - a) * 1000 / (t1 - t0)))
}

# from_kernel VDEV NETDEV: pktgen into NETDEV; frames per second testpmd
# (rxonly) receives.
from_kernel() {
	local dev=$2 t0 t1 rx
	testpmd_start rxonly "$1"
	ip link set "$dev" up 2>/dev/null || true
	echo rem_device_all >/proc/net/pktgen/kpktgend_0
	echo "add_device $dev" >/proc/net/pktgen/kpktgend_0
	{
		echo "count 0"; echo "pkt_size 60"; echo "delay 0"
		echo "clone_skb 0"; echo "dst_mac $mac"; echo "dst 10.99.0.1"
	} | while read -r l; do echo "$l" >"/proc/net/pktgen/$dev"; done
	t0=$(now_ms)
	echo start >/proc/net/pktgen/pgctrl &
	local pg=$!
	profile_phase "kernel->testpmd $dev"
	sleep "$SECS"
	profile_phase ""
	echo stop >/proc/net/pktgen/pgctrl
	wait "$pg" 2>/dev/null || true
	t1=$(now_ms)
	testpmd_stop
	rx=$(pmd_total RX)
	echo $((${rx:-0} * 1000 / (t1 - t0)))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
vt=() nt=() vr=() nr=()
for ((round = 1; round <= ROUNDS; round++)); do
	vt+=("$(to_kernel "$VDPA_VDEV" "$rep")")
	nt+=("$(to_kernel "$TAP_VDEV" vbtap0)")
	vr+=("$(from_kernel "$VDPA_VDEV" "$rep")")
	nr+=("$(from_kernel "$TAP_VDEV" vbtap0)")
	echo "round $round: testpmd->kernel vdpa ${vt[-1]} vhost-net ${nt[-1]}; kernel->testpmd vdpa ${vr[-1]} vhost-net ${nr[-1]}"
done
vdpa dev del vdb

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "not met") }'; }
v_t=$(median "${vt[@]}"); n_t=$(median "${nt[@]}")
v_r=$(median "${vr[@]}"); n_r=$(median "${nr[@]}")
printf '\nkernel: Linux %s\n%-38s %12s %12s %7s\n' "$(uname -r)" "testpmd, 64 B (${SECS}s, median of $ROUNDS)" vhost-vdpa vhost-net ratio
printf '%-38s %12s %12s %7s\n' "testpmd -> kernel, packets/s" "$v_t" "$n_t" "$(ratio "$v_t" "$n_t")"
printf '%-38s %12s %12s %7s\n' "kernel -> testpmd, packets/s" "$v_r" "$n_r" "$(ratio "$v_r" "$n_r")"
echo
r=$(ratio "$v_t" "$n_t"); echo "target testpmd->kernel >= 1.0x vhost-net: $r: $(verdict "$r" 1.0)"
r=$(ratio "$v_r" "$n_r"); echo "target kernel->testpmd >= 1.0x vhost-net: $r: $(verdict "$r" 1.0)"
