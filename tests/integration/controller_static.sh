# Static PFs: the module parameter num_static_pf says how many exist; the
# controller brings them up with pf_mac, pf_mac+1, ... on
# ib_dev_for_static_pf, at the guide's addresses (85:00.3, VNETS0D0F2),
# and refuses to start without pf_mac while one of them is not up. They
# cannot be unplugged, are not duplicated by a restart, and come back with
# the same identity after a module reload. An out-of-range num_static_pf
# is refused at load. A static PF whose MAC a hotplug PF holds is left
# down, and the controller starts anyway and says why (log, `virtnet
# list`, sd_notify STATUS=); it comes up when that MAC is unplugged, and
# after a module reload the VFs recorded under it come back with it.
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
klog_has 'num_static_pf=5: must be between 0 and 4' || fail "no load message"
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

step "a hotplug PF holding pf_mac + 1: the controller starts, static PF 1 stays down and says why"
# A fresh module and no recovery files: the static PFs come from virtnet.conf.
ip netns del vh 2>/dev/null || true
ip netns del vd 2>/dev/null || true
reload num_static_pf=2 num_vf=2
rm -rf "$CTL_REC"
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0",
"pf_mac": "00:11:22:33:44:55"}'
holder=$(virtnet hotplug -i mlx5_0 -m 00:11:22:33:44:56 -t 1500 -n 3 -s 256)
expect_eq "$(jq -r '[.id, .vuid] | @tsv' <<<"$holder")" "$(printf '0\tVNETS1D0F0')" "the hotplug PF"
why='MAC 00:11:22:33:44:56 is held by device 0 (VNETS1D0F0)'
notify_listen
NOTIFY_SOCKET=$NOTIFY_SOCK start_controller
kill -0 "$CTL_PID" || fail "the controller is not running"
expect_eq "$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | .vuid')" \
	VNETS0D0F2 "static PFs up"
grep -qF "static PF 1 left down: $why" "$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
grep -q '\[err\] static PF 1 left down' "$CTL_LOG.cur" || fail "not logged as an error"
expect_eq "$(virtnet list | jq -c .controller.status)" "[\"static PF 1: down: $why\"]" "list status"
expect_eq "$(virtnet -j list | jq -c .controller.status)" "[\"static PF 1: down: $why\"]" "list -j status"
expect_eq "$(virtnet update -t | jq -c .status)" "[\"static PF 1: down: $why\"]" "update -t status"
notify_wait 'READY=1'
notify_status "degraded: static PF 1: down: $why"
echo "list status: $(virtnet -j list | jq -c .controller.status)"

step "static PF 1 comes up once the MAC is free (unplug), and the status clears"
virtnet unplug -u VNETS1D0F0 >/dev/null
for _ in $(seq 100); do
	[ "$(virtnet list | jq '[.devices[] | select(.function_type == "static PF")] | length')" = 2 ] && break
	sleep 0.1
done
expect_eq "$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | [.vuid, .net_mac] | @tsv' | sort)" \
	"$(printf 'VNETS0D0F2\t00:11:22:33:44:55\nVNETS0D0F3\t00:11:22:33:44:56')" "static PFs after the unplug"
expect_eq "$(virtnet list | jq -c .controller.status)" "[]" "list status after"
notify_status ready
grep -q 'static PF 1 up: device' "$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
expect_in_step "static PF 1 recorded"
echo "notifications: $(notifications | tr '\n' '|')"

step "after a module reload, the VFs of a static PF left down come back when it comes up"
pf1=/sys/class/net/$(host_nic_by_bus 0000:85:00.4)/device
echo 1 >"$pf1/sriov_numvfs"
vf=$(virtnet list | jq -r '.devices[] | select(.function_type == "VF") | .vuid')
[ -n "$vf" ] || fail "no VF: $(virtnet list | jq -c '.devices[]')"
expect_in_step "the VF recorded"
vf_want=$(kernel_identities | grep "^$vf ")
kill_controller TERM
reload num_static_pf=2 num_vf=2
# The same holder again, before the controller: static PF 1 cannot be rebuilt.
virtnet hotplug -i mlx5_0 -m 00:11:22:33:44:56 -t 1500 -n 3 -s 256 >/dev/null
holder=$(virtnet list | jq -r '.devices[] | select(.net_mac == "00:11:22:33:44:56") | "device \(.pf_id) (\(.vuid))"')
start_controller
expect_eq "$(virtnet list | jq -c .controller.status)" \
	"[\"static PF 1: down: MAC 00:11:22:33:44:56 is held by $holder\"]" "status after the reload"
grep -q "recovery: cannot rebuild $vf (VF 0 of static PF 1): static PF 1 is not up; keeping $vf.json" \
	"$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
[ -e "$CTL_REC/$vf.json" ] || fail "the VF's file is gone"
virtnet unplug -u "$(virtnet list | jq -r '.devices[] | select(.net_mac == "00:11:22:33:44:56") | .vuid')" >/dev/null
for _ in $(seq 100); do
	[ -n "$(kernel_identities | grep "^$vf ")" ] && break
	sleep 0.1
done
expect_eq "$(kernel_identities | grep "^$vf ")" "$vf_want" "the VF after its static PF came up"
expect_eq "$(virtnet list | jq -c .controller.status)" "[]" "status after"
grep -q 'recovery: a static PF came up: rebuilding the VF(s) that waited for it' "$CTL_LOG.cur" ||
	fail "log: $(cat "$CTL_LOG.cur")"
expect_in_step "after the VF came back"

step "the kernel takes a status of printable ASCII and newlines only"
vnl_refused "a status with a control byte" "ctrl_status: only printable ASCII" -- \
	CTRL_REGISTER CTRL_VERSION=strz:9.9 CTRL_PID=u32:4242 CTRL_STATUS=strz:$'bad\tbyte'
kill_controller TERM
notify_stop
expect_eq "$(virtnet update -t | jq -c .status)" null "status after the controller stopped"
echo "ok"
