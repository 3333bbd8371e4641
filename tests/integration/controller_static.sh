# Static PFs: the module parameter num_static_pf says how many exist; the
# controller brings them up with pf_mac, pf_mac+1, ... on
# ib_dev_for_static_pf, at the guide's addresses (85:00.3, VNETS0D0F2),
# and refuses to start without pf_mac while one of them is not up. They
# cannot be unplugged, are not duplicated by a restart, and come back with
# the same identity after a module reload. An out-of-range num_static_pf
# is refused at load.
#
# Tiers: 6.12 -- controller policy over module parameters: nothing kernel-version-specific
. "$(dirname "$0")/lib.bash"

setup_ports
reload() { # PARAMS...
	rmmod virtnet_emu
	insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "$@"
}

step "num_static_pf above 4 is refused at load"
rmmod virtnet_emu
if insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=5 2>/dev/null; then
	fail "num_static_pf=5 loaded"
fi
dmesg | grep -q 'num_static_pf=5: must be between 0 and 4' || fail "no load message"
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=2

step "without pf_mac the controller does not start"
write_conf '{"ib_dev_for_static_pf": "mlx5_0"}'
set +e
out=$(virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" "${CTL_ARGS[@]}" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "started without pf_mac"
grep -q "pf_mac: not set in $CTL_CONF, but the module has 2 static PF(s)" <<<"$out" || fail "message: $out"
expect_eq "$(device_count)" 0 "devices"

step "static PFs come up with pf_mac + i on ib_dev_for_static_pf"
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_1",
"pf_mac": "00:11:22:33:44:FF"}'
start_controller
virtnet list | jq -c '.devices[]'
expect_eq "$(virtnet list | jq -r '.devices[] | [.function_type, .vuid, .bdf, .net_mac, .sf_num, .sf_parent_device, .sf_rep_net_device] | @tsv')" \
	"$(printf 'static PF\tVNETS0D0F2\t85:00.3\t00:11:22:33:44:FF\t1000\tmlx5_1\ten3f1pf1sf1000\nstatic PF\tVNETS0D0F3\t85:00.4\t00:11:22:33:45:00\t1001\tmlx5_1\ten3f1pf1sf1001')" \
	"static PFs"
host=$(host_nic_by_bus 0000:85:00.3) || fail "no host NIC at 85:00.3"
ethtool -i "$host" | grep -q '^driver: virtio_net' || fail "not virtio_net"
expect_eq "$(cat /sys/class/net/"$host"/address)" 00:11:22:33:44:ff "host NIC MAC"
expect_in_step "static PFs recorded"
jq -e '.device_type == "static" and .function_type == "pf"' "$CTL_REC/VNETS0D0F2.json" >/dev/null ||
	fail "recovery file: $(cat "$CTL_REC/VNETS0D0F2.json")"

step "they pass traffic, cannot be unplugged, and coexist with hotplug PFs"
connect_ns "$host" en3f1pf1sf1000
ip netns exec vh ping -c 3 -W 2 10.77.0.2
expect_refused "unplug a static PF" "static PFs cannot be unplugged" -- virtnet unplug -u VNETS0D0F2
out=$(virtnet hotplug "${GUIDE_ARGS[@]}")
expect_eq "$(jq -r '[.bdf, .vuid, .sf_rep_net_device] | @tsv' <<<"$out")" \
	"$(printf '85:00.0\tVNETS1D0F0\ten3f0pf0sf2000')" "hotplug beside static PFs"
vnl_refused "a static PF by hand twice" "already up" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:80:01 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:0
vnl_refused "static PF index beyond num_static_pf" "num_static_pf" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:80:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:2
vnl_refused "static PF with a BDF" "dev_bdf" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:80:03 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:1 DEV_BDF=u16:0x8504

step "a restart makes no duplicates"
kill_controller
start_controller
expect_eq "$(device_count)" 3 "devices after restart"

step "module reload: static and hotplug PFs come back the same"
want=$(kernel_identities)
kill_controller TERM
ip netns del vh
ip netns del vd
reload num_static_pf=2
start_controller
expect_eq "$(kernel_identities)" "$want" "identities after reload"
expect_in_step "after reload"
kill_controller TERM
echo "ok"
