# The SF pool: at start the controller makes sf_pool_percent of each
# port's SFs (pf_total_sf) as idle representors; a new device takes the
# lowest-numbered one (same netdev, same ifindex) and an unplug gives it
# back. sf_pool_force_destroy decides whether a stop removes the idle ones.
# A pool that does not fit beside the devices is refused and changes
# nothing; pf_total_sf too small for the topology is refused at load.
#
# Tiers: 6.12 -- controller policy; the SF pool's kernel side is in netlink_hostile and sriov
. "$(dirname "$0")/lib.bash"

setup_ports
reload() { # PARAMS...
	rmmod virtnet_emu
	insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "$@"
}
# pool_idle: the idle SFs of port 0 and port 1, as "N M".
pool_idle() {
	virtnet list | jq -r '[.controller.ports[].sf_pool_idle] | join(" ")'
}
ifindex() { cat "/sys/class/net/$1/ifindex"; }
CONF='{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "sf_pool_percent": 25'

step "pf_total_sf below hotplug_ports + num_static_pf is refused at load"
rmmod virtnet_emu
if insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=1 pf_total_sf=16 2>/dev/null; then
	fail "pf_total_sf=16 with 16 hotplug ports and a static PF loaded"
fi
klog_has 'pf_total_sf=16: must be between hotplug_ports + num_static_pf * (1 + num_vf) (17) and 4096' ||
	fail "no load message"
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS pf_total_sf=20

step "sf_pool_percent 25 of pf_total_sf 20: 5 idle SFs per port"
write_conf "$CONF}"
start_controller
virtnet list | jq -c .controller
expect_eq "$(virtnet list | jq -r '.controller | [.pf_total_sf, .sf_pool_size] | @tsv')" \
	"$(printf '20\t5')" "pf_total_sf and sf_pool_size"
expect_eq "$(pool_idle)" "5 5" "idle SFs"
for sf in 3000 3001 3002 3003 3004; do
	netdev_exists "en3f0pf0sf$sf" || fail "no pool representor en3f0pf0sf$sf"
done
for sf in 3005 3006 3007 3008 3009; do
	netdev_exists "en3f1pf1sf$sf" || fail "no pool representor en3f1pf1sf$sf"
done
if ip link set en3f0pf0sf3000 up 2>/dev/null; then
	fail "an idle pool SF went up"
fi
grep -q 'SF pool: 5 idle SFs per port (25% of 20)' "$CTL_LOG.cur" || fail "no pool log line"

step "a new device takes the lowest pool SF, netdev and ifindex included"
want_ifindex=$(ifindex en3f0pf0sf3000)
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
expect_eq "$(virtnet query -u VNETS1D0F0 | jq -r '[.sf_num, .sf_rep_net_device, .sf_rep_net_ifindex] | @tsv')" \
	"$(printf '3000\ten3f0pf0sf3000\t%s' "$want_ifindex")" "device's SF"
expect_eq "$(pool_idle)" "4 5" "idle SFs after a hotplug"
expect_in_step "pool SF recorded"
expect_eq "$(jq -r .sf_num "$CTL_REC/VNETS1D0F0.json")" 3000 "recovery file sf_num"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf3000
ip netns exec vh ping -c 3 -W 2 10.77.0.2

step "unplug gives the SF back, down and with its ifindex"
ip netns del vh
ip netns del vd
for i in $(seq 50); do
	netdev_exists en3f0pf0sf3000 && break
	sleep 0.1
done
virtnet unplug -u VNETS1D0F0 >/dev/null
expect_eq "$(pool_idle)" "5 5" "idle SFs after unplug"
expect_eq "$(ifindex en3f0pf0sf3000)" "$want_ifindex" "ifindex kept"
ip -o link show en3f0pf0sf3000 | grep -q 'state DOWN' || fail "pool SF left up"

step "an explicit SF number outside the pool: made for it, destroyed after"
vnl DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:90:01 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 SF_NUM=u32:2500 >/dev/null
netdev_exists en3f0pf0sf2500 || fail "no en3f0pf0sf2500"
expect_eq "$(pool_idle)" "5 5" "idle SFs beside an explicit SF"
virtnet unplug -u VNETS1D0F0 >/dev/null
netdev_exists en3f0pf0sf2500 && fail "en3f0pf0sf2500 outlived its device (pool full)"
vnl_refused "SF number of the other port's pool" "other port's pool" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:90:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 SF_NUM=u32:3005
expect_eq "$(pool_idle)" "5 5" "idle SFs after a refusal"

step "a pool that does not fit is refused and changes nothing"
for i in 1 2 3; do
	virtnet hotplug -i mlx5_0 -m "02:00:00:00:91:0$i" -t 1500 -n 3 -s 256 >/dev/null
done
expect_eq "$(pool_idle)" "2 5" "idle SFs after three hotplugs"
vnl_refused "pool above pf_total_sf" "at most pf_total_sf" -- SF_POOL_SET SF_POOL_SIZE=u32:21
vnl_refused "pool plus devices above pf_total_sf" "more than pf_total_sf" -- \
	SF_POOL_SET SF_POOL_SIZE=u32:18
vnl_refused "SF_POOL_SET without a size" "sf_pool_size: required" -- SF_POOL_SET
expect_eq "$(pool_idle)" "2 5" "idle SFs after refusals"
kill_controller TERM
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "sf_pool_percent": 95}'
set +e
out=$(virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" "${CTL_ARGS[@]}" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "started with a pool that does not fit"
grep -q 'sf_pool_percent 95: cannot keep 19 idle SFs per port (95% of pf_total_sf 20)' <<<"$out" ||
	fail "message: $out"
expect_eq "$(pool_idle)" "2 5" "idle SFs after the refused start"
expect_eq "$(device_count)" 3 "devices after the refused start"

step "sf_pool_force_destroy 0: the pool survives a stop"
write_conf "$CONF}"
start_controller
expect_eq "$(pool_idle)" "5 5" "pool refilled to its size at start"
kill_controller TERM
expect_eq "$(pool_idle)" "5 5" "idle SFs after a stop"

step "sf_pool_force_destroy 1: a stop removes the idle SFs, a start makes them"
write_conf "$CONF, \"sf_pool_force_destroy\": 1}"
start_controller
kill_controller TERM
expect_eq "$(pool_idle)" "0 0" "idle SFs after a forced stop"
netdev_exists en3f1pf1sf3005 && fail "pool representor outlived sf_pool_force_destroy"
expect_eq "$(device_count)" 3 "devices after a forced stop"
start_controller
expect_eq "$(pool_idle)" "5 5" "idle SFs after the start"

step "sf_pool_percent 0 removes a pool left from before"
kill_controller KILL
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1"}'
start_controller
expect_eq "$(pool_idle)" "0 0" "idle SFs with sf_pool_percent 0"

step "module reload: devices on pool SFs come back with their SF numbers"
want=$(kernel_identities)
echo "$want"
kill_controller TERM
reload pf_total_sf=20
write_conf "$CONF}"
start_controller
expect_eq "$(kernel_identities)" "$want" "identities after reload"
expect_eq "$(pool_idle)" "5 5" "idle SFs after reload"
expect_in_step "after reload"
kill_controller TERM
echo "ok"
