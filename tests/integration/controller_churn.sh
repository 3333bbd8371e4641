# Churn: the controller survives kill -9 at random points of a run of
# hotplug/unplug operations, some of whose events it never saw; after each
# restart and at the end its recovery directory matches the kernel exactly.
# VNC_OPS sets the number of operations: 200 (make check-full), 120 in
# make check's 6.12 tier, 40 in the debug tier (a KASAN kernel runs every
# script about five times slower).
#
# Tiers: 6.12 -- the controller's catch-up logic is userspace; the
# hotplug/unplug and event paths it drives run on 6.1 in device_ops,
# netlink_events, concurrency and controller_recovery, and on the debug
# kernel in concurrency
. "$(dirname "$0")/lib.bash"

VNC_OPS=${VNC_OPS:-$(volume 200 40 120)}

setup_ports
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0", "recovery": 1}'
start_controller
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:01 -t 9000 -n 5 -s 256 >/dev/null
expect_in_step "after 2 hotplugs"

step "$((${VNC_OPS:-200})) random hotplug/unplug operations, kill -9 at random points"
RANDOM=4242
macs=0
ops=${VNC_OPS:-200}
mapfile -t ids < <(virtnet list | jq -r '.devices[].pf_id')
for ((i = 1; i <= ops; i++)); do
	n=${#ids[@]}
	if ((n < 2 || (n < 12 && RANDOM % 2))); then
		macs=$((macs + 1))
		out=$(virtnet hotplug -i "mlx5_$((RANDOM % 2))" \
			-m "$(printf '02:00:00:01:%02x:%02x' $((macs >> 8)) $((macs & 255)))" \
			-t 1500 -n 3 -s 256)
		ids+=("$(jq -r .id <<<"$out")")
	else
		k=$((RANDOM % n))
		virtnet unplug -p "${ids[k]}" >/dev/null
		ids=("${ids[@]:0:k}" "${ids[@]:k+1}")
	fi
	if [ -n "$CTL_PID" ] && ((RANDOM % 8 == 0)); then
		kill_controller		# right after an operation: its event is in flight
	elif [ -z "$CTL_PID" ] && ((RANDOM % 3 == 0)); then
		start_controller
	fi
done
[ -n "$CTL_PID" ] || start_controller
expect_in_step "after $ops operations"
grep -c 'ready$' "$CTL_LOG" | sed 's/^/controller starts: /'

kill_controller TERM
echo "ok"
