# Helpers for the integration scripts; sourced, runs inside the test VM as
# root with the module freshly loaded and build/bin on PATH.
set -euo pipefail

# The guide's walkthrough device.
GUIDE_MAC=0C:C4:7A:FF:22:93
GUIDE_ARGS=(-i mlx5_0 -f 0x0 -m "$GUIDE_MAC" -t 1500 -n 3 -s 1024)

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

step() {
	echo "== $*"
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# The netdev whose parent device has PCI-style bus-info $1 (host side).
host_nic_by_bus() {
	local dev
	for dev in /sys/class/net/*; do
		dev=${dev##*/}
		if [ "$(ethtool -i "$dev" 2>/dev/null | sed -n 's/^bus-info: //p')" = "$1" ]; then
			echo "$dev"
			return 0
		fi
	done
	return 1
}

# Count of devices `virtnet list` reports.
device_count() {
	virtnet list | jq '.devices | length'
}

netdev_exists() {
	ip link show dev "$1" >/dev/null 2>&1
}

# connect_ns HOSTIF REPIF: host NIC into netns vh (10.77.0.1), the
# representor into netns vd (10.77.0.2), both up.
connect_ns() {
	local host=$1 rep=$2
	ip netns add vh
	ip netns add vd
	ip link set "$host" netns vh
	ip link set "$rep" netns vd
	ip -n vh addr add 10.77.0.1/24 dev "$host"
	ip -n vd addr add 10.77.0.2/24 dev "$rep"
	ip -n vh link set lo up
	ip -n vd link set lo up
	ip -n vh link set "$host" up
	ip -n vd link set "$rep" up
	# Wait for carrier on the host NIC.
	local i
	for i in $(seq 50); do
		[ "$(ip netns exec vh cat "/sys/class/net/$host/operstate")" = up ] && return 0
		sleep 0.1
	done
	fail "host NIC $host did not come up"
}

# expect_refused WHAT PATTERN -- CMD...: CMD must fail, print PATTERN
# (an extended regexp) on stderr, and leave the device set unchanged.
expect_refused() {
	local what=$1 pattern=$2 before after out rc
	shift 3
	before=$(virtnet list | jq -c '[.devices[].vuid]')
	set +e
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "$what: '$*' succeeded"
	echo "$out" | grep -Eq -- "$pattern" ||
		fail "$what: message '$out' does not match /$pattern/"
	after=$(virtnet list | jq -c '[.devices[].vuid]')
	[ "$before" = "$after" ] || fail "$what: devices changed: $before -> $after"
	echo "refused as expected ($what): $out"
}

# wait_listen NS PORT: until a TCP listener is up on PORT in netns NS.
wait_listen() {
	local i
	for i in $(seq 100); do
		[ -n "$(ip netns exec "$1" ss -ltnH "sport = :$2")" ] && return 0
		sleep 0.1
	done
	fail "nothing listens on port $2 in netns $1"
}
