# The "events" multicast group: monitors (vnl --monitor, one of them
# unprivileged) see DEV_NEW, DEV_DRIVER (virtio_net bound) and DEV_DEL for
# a hotplug and an unplug, with the device's attributes; DEV_DRIVER for
# the host driver's unbind and bind, with and without DRIVER_OK; INFO_GET
# with the pool for SF_POOL_SET; refused requests send no event.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

command -v vnl >/dev/null || { echo "vnl is not built (make -C tests/tools)"; exit 77; }

dir=$(mktemp -d)
declare -A pid	# monitor name -> pid
cleanup() {
	local p
	for p in "${pid[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	rm -rf "$dir"
}
trap cleanup EXIT

# start_monitor NAME N TIMEOUT [WRAPPER...]: vnl --monitor in the
# background, output in $dir/NAME; returns once it has subscribed.
start_monitor() {
	local name=$1 n=$2 timeout=$3 i
	shift 3
	: >"$dir/$name"
	"$@" vnl --monitor "$n" --timeout "$timeout" >"$dir/$name" 2>&1 &
	pid[$name]=$!
	for ((i = 0; i < 100; i++)); do
		[[ $(<"$dir/$name") == monitoring* ]] && return 0
		sleep 0.1
	done
	fail "monitor $name did not start: $(cat "$dir/$name")"
}

# fields VAR LINE: the NAME=value words of a vnl output line into the
# associative array VAR.
fields() {
	local -n map=$1
	local w
	map=()
	for w in $2; do
		# shellcheck disable=SC2034 # map is a nameref
		[[ $w == *=* ]] && map[${w%%=*}]=${w#*=}
	done
}

# wait_event NAME CMD [COUNT]: until NAME's output has COUNT events CMD.
wait_event() { wait_lines "$dir/$1" "^event $2 " "${3:-1}"; }

step "a hotplug, its driver unbound and bound again, a pool change and an unplug, seen by two monitors"
start_monitor root 6 60
if command -v setpriv >/dev/null; then
	start_monitor nobody 6 60 setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=-all --bounding-set=-all --
else
	echo "no setpriv: skipping the unprivileged monitor"
fi
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
# The driver's events come from a work item: each change is waited for,
# or the next one could undo it before it is told (one event per change).
wait_event root DEV_DRIVER
declare -A want got
fields want "$(vnl DEV_GET DEV_VUID=strz:VNETS1D0F0 | grep '^DEV_GET ')"
nic=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC on 85:00.0"
vdev=$(basename "$(readlink -f "/sys/class/net/$nic/device")")
echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/unbind
wait_event root DEV_DRIVER 2
echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/bind
wait_event root DEV_DRIVER 3
vnl SF_POOL_SET SF_POOL_SIZE=u32:1 >/dev/null
virtnet unplug -u VNETS1D0F0 >/dev/null

for name in root nobody; do
	[ -e "$dir/$name" ] || continue
	wait "${pid[$name]}" || fail "monitor $name: $(cat "$dir/$name")"
	echo "--- monitor $name:"
	cat "$dir/$name"
	mapfile -t ev < <(grep '^event ' "$dir/$name")
	expect_eq "$(cut -d' ' -f2 <<<"$(printf '%s\n' "${ev[@]}")" | tr '\n' ' ')" \
		"DEV_NEW DEV_DRIVER DEV_DRIVER DEV_DRIVER INFO_GET DEV_DEL " "$name: events"
	for e in "${ev[@]}"; do
		[[ $e == "event INFO_GET "* ]] && continue
		fields got "$e"
		for f in DEV_ID DEV_VUID MAC MTU NUM_QUEUES QUEUE_SIZE SF_NUM \
			SF_REP_IFNAME PORT_IBDEV; do
			expect_eq "${got[$f]:-}" "${want[$f]}" "$name: $f in '${e:0:20}...'"
		done
	done
	# DEV_DRIVER: bound (DRIVER_OK, 0x4, with the driver and its netdev),
	# unbound (reset: no DRIVER_OK, no driver), bound again.
	for i in 1 2 3; do
		fields got "${ev[i]}"
		if ((i == 2)); then
			expect_eq "$((${got[STATUS]:-0} & 4))" 0 "$name: STATUS after the unbind"
			expect_eq "${got[DRIVER_NAME]:-none}" none "$name: DRIVER_NAME after the unbind"
		else
			expect_eq "$((${got[STATUS]:-0} & 4))" 4 "$name: STATUS of bound event $i"
			expect_eq "${got[DRIVER_NAME]:-none}" virtio_net "$name: DRIVER_NAME of bound event $i"
			[ -n "${got[HOST_IFNAME]:-}" ] || fail "$name: no HOST_IFNAME in bound event $i"
		fi
	done
	fields got "${ev[4]}"
	expect_eq "${got[SF_POOL_SIZE]:-}" 1 "$name: SF_POOL_SIZE of the INFO_GET event"
	expect_eq "${want[MAC]}" "${GUIDE_MAC,,}" "MAC"
done

step "refused requests send no event"
start_monitor quiet 1 8
expect_refused "hotplug with MTU 67" "mtu" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:01 -t 67 -n 3 -s 1024
expect_refused "unplug of an unknown device" "no such device" -- virtnet unplug -p 3
set +e
vnl DEV_NEW MTU=u32:1500 >/dev/null
vnl DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:00:01 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 FEATURES=u64:0x4000000000000000 >/dev/null
vnl DEV_DEL DEV_ID=u32:9 >/dev/null
wait "${pid[quiet]}"
rc=$?
set -e
expect_eq "$rc" 3 "quiet monitor's exit status (3: timeout)"
grep -q '^event ' "$dir/quiet" && fail "events for refused requests: $(cat "$dir/quiet")"
echo "no event, as expected: $(tail -n 1 "$dir/quiet")"
echo "ok"
