# Concurrency: parallel hotplug/unplug from several processes while
# traffic flows through another device; host driver unbind/bind under
# traffic. The harness then unloads the module and checks the kernel log
# (on the debug kernel: KASAN, lockdep, kmemleak).
#
# Tiers: stock debug
. "$(dirname "$0")/lib.bash"

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf2000
ip netns exec vd iperf3 -s -D
wait_listen vd 5201
ip netns exec vh iperf3 -c 10.77.0.2 -t 3600 -P 2 >/tmp/iperf.log 2>&1 &
iperf=$!
ip netns exec vd ping -f 10.77.0.1 >/dev/null 2>&1 &
flood=$!

# The debug kernel needs each path once for lockdep and a few overlaps
# for KASAN; the stock kernels carry the volume.
rounds=$(volume 6 3)
step "4 workers x $rounds rounds of hotplug/unplug while traffic flows"
worker() {
	local w=$1 r out id
	for r in $(seq "$rounds"); do
		out=$(virtnet hotplug -i "mlx5_$((w % 2))" \
			-m "$(printf '02:00:00:%02X:%02X:01' "$w" "$r")" \
			-t 1500 -n 5 -s 256 2>&1) || {
			# Only running out of switch ports is acceptable.
			echo "$out" | grep -q "hotplug switch ports" || {
				echo "worker $w: $out" >&2
				return 1
			}
			continue
		}
		id=$(jq -r .id <<<"$out")
		virtnet list >/dev/null || return 1
		virtnet unplug -p "$id" >/dev/null || return 1
	done
}
pids=()
for w in 1 2 3 4; do
	worker "$w" &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || fail "a hotplug/unplug worker failed"
done
expect_eq "$(device_count)" 1 "devices left"

step "host driver unbind/bind under traffic, 5 times"
vdev=$(for d in /sys/bus/virtio/drivers/virtio_net/virtio*; do
	[ "$(readlink -f "$d/..")" = "$(readlink -f /sys/devices/virtnet_emu)" ] && basename "$d"
done | head -1)
[ -n "$vdev" ] || fail "cannot find the emulated virtio device"
for i in $(seq 5); do
	echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/unbind
	sleep 0.3
	echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/bind
	sleep 0.5
done

step "the device works again after the last bind"
kill "$iperf" "$flood" 2>/dev/null || true
wait 2>/dev/null || true
host=$(ls "/sys/bus/virtio/devices/$vdev/net/")
ip link set "$host" netns vh
ip -n vh addr add 10.77.0.1/24 dev "$host"
ip -n vh link set "$host" up
sleep 1
ip netns exec vh ping -c 3 -W 2 10.77.0.2 || fail "no traffic after rebind"
echo "ok"
