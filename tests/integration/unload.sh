# Unloading the module with devices present (and traffic flowing) removes
# them cleanly; reloading gives an empty, working module.
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching)
. "$(dirname "$0")/lib.bash"

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:40:01 -t 1500 -n 5 -s 256 >/dev/null
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf2000
ip netns exec vh ping -f -w 30 10.77.0.2 >/dev/null 2>&1 &
pinger=$!
sleep 2

step "rmmod virtnet_emu with two devices, one under a ping flood"
rmmod virtnet_emu
kill "$pinger" 2>/dev/null || true
wait "$pinger" 2>/dev/null || true
ip netns exec vh ip link show "$host" 2>/dev/null && fail "host NIC survived rmmod"
ip netns exec vd ip link show en3f0pf0sf2000 2>/dev/null && fail "representor survived rmmod"
netdev_exists en3f1pf1sf2001 && fail "second representor survived rmmod"
[ -d /sys/devices/virtnet_emu ] && fail "root device survived rmmod"

step "reload and use again"
insmod "$VIRTNET_MODULE"
expect_eq "$(device_count)" 0 "devices after reload"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
host_nic_by_bus 0000:85:00.0 >/dev/null || fail "no host NIC after reload"
echo "ok"
