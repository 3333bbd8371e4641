# virtio-net-controller and virtnet.conf: the guide's two examples start
# it (non-LAG and LAG, with the ports resolved through soft-RoCE); every
# bad file, a missing RDMA device and a second instance are refused at
# start with a message naming the problem, and change nothing in the
# kernel. It notifies systemd (READY=1, STOPPING=1) over NOTIFY_SOCKET.
#
# Tiers: 6.12 -- virtnet.conf policy in the controller: nothing kernel-version-specific
. "$(dirname "$0")/lib.bash"

setup_ports
ports() { virtnet list | jq -c '[.controller.is_lag, .controller.ports]'; }

step "options"
virtio-net-controller --version | grep -Eq '^virtio-net-controller [0-9]' || fail "--version"
virtio-net-controller --help | grep -q -- '--recovery-dir' || fail "--help"
expect_fail() { # PATTERN -- CMD...: CMD exits non-zero and says PATTERN
	local pattern=$1 out rc
	shift 2
	set +e
	out=$("$@" 2>&1)
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "'$*' succeeded"
	grep -Eq -- "$pattern" <<<"$out" || fail "'$*': '$out' does not match /$pattern/"
	echo "refused as expected: $(tail -n2 <<<"$out" | head -n1)"
}
expect_fail "unknown option" -- virtio-net-controller --bogus
expect_fail "invalid --log-level 'loud'" -- virtio-net-controller -l loud
expect_fail "unexpected argument" -- virtio-net-controller extra

step "--check-config prints the effective configuration"
write_conf '{}'
out=$(virtio-net-controller -c "$CTL_CONF" --check-config)
expect_eq "$(jq -c '[.ib_dev_p0, .ib_dev_p1, .is_lag, .recovery, .sf_pool_percent]' <<<"$out")" \
	'["mlx5_0","mlx5_1",0,1,0]' "defaults"
out=$(virtio-net-controller -c /nonexistent/virtnet.conf --check-config)
expect_eq "$(jq -r .ib_dev_p0 <<<"$out")" mlx5_0 "a missing file means defaults"

step "bad files are refused before anything changes"
before=$(ports)
check_bad() { # JSON PATTERN
	write_conf "$1"
	expect_fail "$2" -- virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" "${CTL_ARGS[@]}"
	[ "$(ports)" = "$before" ] || fail "ports changed by a refused start"
	[ ! -e "$CTL_REC" ] || fail "a refused start created $CTL_REC"
}
check_bad '{"sf_pool_percent": 150}' "sf_pool_percent '150'.*between 0 and 100"
check_bad '{"sf_pool_percent": "5"}' "sf_pool_percent"
check_bad '{"is_lag": 2}' "is_lag '2'"
check_bad '{"recovery": "yes"}' "recovery"
check_bad '{"pf_mac": "01:00:00:00:00:01"}' "pf_mac '01:00:00:00:00:01'"
check_bad '{"pf_mac": "00:11:22:33:44"}' "pf_mac"
check_bad '{"ib_dev_p0": ""}' "ib_dev_p0"
check_bad '{"ib_dev_p0": "mlx5/0"}' "ib_dev_p0"
check_bad '{"ib_dev_p0": "mlx5_0", "ib_dev_lag": "mlx5_bond_0", "is_lag": 1}' "ib_dev_lag|ib_dev_p0"
check_bad '{"ib_dev_lag": "mlx5_bond_0"}' "ib_dev_lag"
check_bad '{"ib_dev_for_static_pf": "mlx5_7"}' "ib_dev_for_static_pf 'mlx5_7'"
check_bad '{"bogus_key": 1}' "bogus_key"
check_bad '{"is_lag": 0, "is_lag": 0}' "duplicate|is_lag"
check_bad '{"is_lag": 0,' "line [0-9]+, column [0-9]+: invalid JSON"
check_bad '[1, 2]' "object"

step "an RDMA device that does not exist"
if ((RDMA_OK)); then
	write_conf '{"ib_dev_p0": "mlx5_9", "ib_dev_for_static_pf": "mlx5_9"}'
	expect_fail "mlx5_9.*not found" -- virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE"
	[ "$(ports)" = "$before" ] || fail "ports changed by a refused start"
fi

step "the guide's non-LAG example"
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0",
"is_lag": 0, "pf_mac": "00:11:22:33:44:55", "recovery": 1, "sf_pool_percent": 0,
"sf_pool_force_destroy": 0}'
start_controller
if ((RDMA_OK)); then
	expect_eq "$(ports)" '[0,[{"index":0,"ib_device":"mlx5_0","sf_pool_idle":0,"net_device":"p0"},{"index":1,"ib_device":"mlx5_1","sf_pool_idle":0,"net_device":"p1"}]]' "ports"
else
	expect_eq "$(ports)" '[0,[{"index":0,"ib_device":"mlx5_0","sf_pool_idle":0},{"index":1,"ib_device":"mlx5_1","sf_pool_idle":0}]]' "ports"
fi
[ "$(cat "$CTL_PIDFILE")" = "$CTL_PID" ] || fail "pid file"

step "a second instance is refused"
expect_fail "another controller is running \\(pid $CTL_PID" -- \
	virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" "${CTL_ARGS[@]}"
kill -0 "$CTL_PID" || fail "the first instance died"
out=$(virtnet hotplug "${GUIDE_ARGS[@]}")
kill_controller TERM
grep -q 'stopping (devices stay)' "$CTL_LOG" || fail "no clean stop in the log"
expect_eq "$(device_count)" 1 "devices after the controller stopped"
virtnet unplug -p 0 >/dev/null

step "the guide's LAG example (bond of the two uplinks)"
if ((RDMA_OK)); then
	rdma link delete mlx5_0
	rdma link delete mlx5_1
	ip link add bond0 type bond mode active-backup
	ip link set p0 down
	ip link set p0 master bond0
	ip link set p1 down
	ip link set p1 master bond0
	ip link set bond0 up
	rdma link add mlx5_bond_0 type rxe netdev bond0
fi
write_conf '{"ib_dev_lag": "mlx5_bond_0", "ib_dev_for_static_pf": "mlx5_bond_0", "is_lag": 1,
"pf_mac": "00:11:22:33:44:55", "recovery": 1, "sf_pool_percent": 0, "sf_pool_force_destroy": 0}'
rm -rf "$CTL_REC"
start_controller
if ((RDMA_OK)); then
	expect_eq "$(ports)" '[1,[{"index":0,"ib_device":"mlx5_bond_0","sf_pool_idle":0,"net_device":"bond0"}]]' "LAG ports"
else
	expect_eq "$(ports)" '[1,[{"index":0,"ib_device":"mlx5_bond_0","sf_pool_idle":0}]]' "LAG ports"
fi
out=$(virtnet hotplug -i mlx5_bond_0 -m 02:00:00:00:50:01 -t 1500 -n 3 -s 256)
expect_eq "$(jq -r .sf_rep_net_device <<<"$out")" en3f0pf0sf2000 "LAG representor"
expect_refused "mlx5_0 in LAG mode" "port_ibdev|not a configured port" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:02 -t 1500 -n 3 -s 256
expect_in_step "LAG device recorded"
jq -e '.port_ib_dev == "mlx5_bond_0" and .pf_num == 0' "$CTL_REC"/VNETS1D0F0.json >/dev/null ||
	fail "recovery file: $(cat "$CTL_REC"/VNETS1D0F0.json)"

step "going back to non-LAG while a device uses the LAG port is refused"
kill_controller TERM
write_conf '{"ib_dev_p0": "mlx5_7", "ib_dev_for_static_pf": "mlx5_7"}'
before=$(ports)
expect_fail "mlx5_7|unplug" -- virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" --skip-rdma
expect_eq "$(ports)" "$before" "ports after a refused change"

step "systemd notification (Type=notify): READY=1 when ready, STOPPING=1 on SIGTERM"
write_conf '{"ib_dev_lag": "mlx5_bond_0", "ib_dev_for_static_pf": "mlx5_bond_0", "is_lag": 1}'
notify_listen
NOTIFY_SOCKET=$NOTIFY_SOCK start_controller
kill_controller TERM
sleep 0.5
notify_stop
grep -q 'READY=1' "$NOTIFY_TXT" || fail "no READY=1: $(cat "$NOTIFY_TXT" 2>&1)"
grep -q 'STOPPING=1' "$NOTIFY_TXT" || fail "no STOPPING=1: $(cat "$NOTIFY_TXT")"
echo "notifications: $(tr '\n' ' ' <"$NOTIFY_TXT")"
echo "ok"
