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

# volume FULL REDUCED [STOCK]: how many of something a script does. The
# debug tier (VIRTNET_TIER=debug, set by tests/check) runs at REDUCED what
# the stock tiers already carry; the stock tiers of `make check`
# (VIRTNET_TIER=stock) run at STOCK if given, else FULL; `make check-full`
# and a hand-run tests/vm/run get FULL.
volume() {
	case ${VIRTNET_TIER:-full} in
	debug) echo "$2" ;;
	stock) echo "${3:-$1}" ;;
	*) echo "$1" ;;
	esac
}

# klog_has TEXT: the kernel log holds TEXT (a fixed string). Not `dmesg |
# grep -q`: grep quits at the first match, dmesg gets EPIPE writing the
# rest of a long log, and pipefail fails the pipeline (sriov.sh in a
# make check-full run, the message logged a second before).
klog_has() {
	local log
	log=$(dmesg)
	grep -qF -- "$1" <<<"$log"
}

# step WHAT: names the script's next part. The seconds since the script
# began lead the line, so a log shows where a script's time goes.
step() {
	echo "== [${SECONDS}s] $*"
}

# profile_phase NAME: names what runs next for tests/vm/profile, which
# samples only while a phase is named ("" pauses); harmless elsewhere.
profile_phase() {
	[ -s "$VIRTNET_RESULTS/kallsyms" ] || cat /proc/kallsyms >"$VIRTNET_RESULTS/kallsyms"
	echo "$1" >"$VIRTNET_RESULTS/phase"
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

# vnl_refused WHAT PATTERN -- VNL-ARGS: the kernel refuses with an extack
# message matching PATTERN and the devices stay as they are.
vnl_refused() {
	local what=$1 pattern=$2 before out rc
	shift 3
	before=$(kernel_identities)
	set +e
	out=$(vnl "$@" 2>&1)
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "$what: vnl exited $rc: $out"
	grep -Eq "^extack .*($pattern)" <<<"$out" || fail "$what: $out"
	[ "$before" = "$(kernel_identities)" ] || fail "$what: devices changed"
	echo "refused as expected ($what): $(sed -n 's/^extack //p' <<<"$out")"
}

# wait_lines FILE ERE [COUNT]: until COUNT (default 1) lines of FILE (a
# monitor's output) match ERE; fails after 10 s, showing FILE.
wait_lines() {
	local i
	for ((i = 0; i < 100; i++)); do
		(($(grep -Ec -- "$2" "$1") >= ${3:-1})) && return 0
		sleep 0.1
	done
	fail "no '$2' (x${3:-1}) in $1: $(cat "$1")"
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

# tcp_checked FROM-NS TO-NS TO-ADDR PORT FILE WHAT: FILE over TCP from
# netns FROM-NS to a listener in TO-NS; the bytes received must hash the
# same.
tcp_checked() {
	local from=$1 to=$2 addr=$3 port=$4 file=$5 what=$6 got
	got=$(mktemp)
	ip netns exec "$to" socat -u "TCP-LISTEN:$port,reuseaddr" "CREATE:$got" &
	wait_listen "$to" "$port"
	ip netns exec "$from" socat -u "OPEN:$file" "TCP:$addr:$port"
	wait $!
	expect_eq "$(sha256sum <"$got" | cut -d' ' -f1)" "$(sha256sum <"$file" | cut -d' ' -f1)" "checksum $what"
	rm -f "$got"
}

# flood_count NS ADDR SECONDS: how many packets a ping flood from netns NS
# to ADDR sends in about SECONDS here (measured with 2000 of them), so a
# flood can be sized to span an event on machines of any speed.
flood_count() {
	local out ms
	out=$(ip netns exec "$1" ping -q -f -c 2000 "$2")
	ms=$(sed -n 's/.* time \([0-9]*\)ms$/\1/p' <<<"$out")
	echo "2000 packets in ${ms} ms" >&2
	echo $((2000 * $3 * 1000 / (ms > 0 ? ms : 1)))
}

# --- vDPA (kernels with CONFIG_VDPA) -----------------------------------
# vdpa_prepare: the vdpa bus drivers loaded (modules on Debian's 6.12,
# built in on the debug kernel); each device goes to the driver a script
# names (bind_to), not to whichever probes first.
# A kernel without vDPA (bookworm's 6.1; make check-full runs every script
# everywhere) skips the script: netlink_hostile.sh checks the refusal.
vdpa_prepare() {
	if ! [ -d /sys/bus/vdpa ] && ! modprobe vdpa 2>/dev/null; then
		echo "no vDPA in this kernel ($(uname -r)): skipped"
		exit 77
	fi
	modprobe vhost_vdpa 2>/dev/null || [ -d /sys/bus/vdpa/drivers/vhost_vdpa ] ||
		fail "no vhost_vdpa"
	modprobe virtio_vdpa 2>/dev/null || true
	echo 0 >/sys/bus/vdpa/drivers_autoprobe
	trap 'echo 1 >/sys/bus/vdpa/drivers_autoprobe' EXIT
}

# bind_to DEV DRIVER: the vdpa bus driver that takes DEV, by override.
bind_to() {
	local dev=/sys/bus/vdpa/devices/$1
	if [ -e "$dev/driver" ]; then
		[ "$(basename "$(readlink "$dev/driver")")" = "$2" ] && return 0
		echo "$1" >"$dev/driver/unbind"
	fi
	echo "$2" >"$dev/driver_override"
	echo "$1" >"/sys/bus/vdpa/drivers/$2/bind"
}

# The representor of the function with MAC $1, from virtnet list.
rep_of_mac() {
	virtnet list | jq -r --arg m "$1" \
		'.devices[] | select((.net_mac | ascii_downcase) == $m) | .sf_rep_net_device'
}

# The /dev/vhost-vdpa-N of vdpa device $1.
vhost_node() {
	local n
	n=$(ls -d "/sys/bus/vdpa/devices/$1"/vhost-vdpa-* 2>/dev/null | head -1)
	[ -n "$n" ] || fail "$1 has no vhost-vdpa char device"
	echo "/dev/${n##*/}"
}

# --- the controller (virtio-net-controller) ---------------------------
# A directory of its own per script: one VM runs many scripts on one /tmp.
CTL_DIR=$(mktemp -d /tmp/vnc.XXXXXX)
CTL_CONF=$CTL_DIR/virtnet.conf
CTL_REC=$CTL_DIR/recovery
CTL_LOG=$CTL_DIR/controller.log
CTL_PIDFILE=$CTL_DIR/controller.pid
CTL_PID=
CTL_ARGS=()

# setup_ports: soft-RoCE devices mlx5_0 (on p0) and mlx5_1 (on p1), as the
# guide names them. Without rdma_rxe (the debug kernel) the controller
# runs with --skip-rdma instead; RDMA_OK says which.
setup_ports() {
	local p
	for p in p0 p1; do
		ip link add "$p" type veth peer name "${p}peer"
		ip link set "$p" up
		ip link set "${p}peer" up
	done
	RDMA_OK=0
	if modprobe rdma_rxe 2>/dev/null &&
		rdma link add mlx5_0 type rxe netdev p0 &&
		rdma link add mlx5_1 type rxe netdev p1; then
		RDMA_OK=1
	else
		echo "no soft-RoCE here: the controller runs with --skip-rdma"
		CTL_ARGS+=(--skip-rdma)
	fi
}

# write_conf JSON
write_conf() {
	printf '%s\n' "$1" >"$CTL_CONF"
}

# start_controller [ARGS...]: start it in the background, wait for "ready".
start_controller() {
	local i
	: >"$CTL_LOG.cur"
	virtio-net-controller -c "$CTL_CONF" -r "$CTL_REC" -p "$CTL_PIDFILE" \
		"${CTL_ARGS[@]}" "$@" >"$CTL_LOG.cur" 2>&1 &
	CTL_PID=$!
	for i in $(seq 300); do
		if grep -q '\] ready$' "$CTL_LOG.cur"; then
			cat "$CTL_LOG.cur" >>"$CTL_LOG"
			return 0
		fi
		kill -0 "$CTL_PID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$CTL_LOG.cur" >&2
	fail "the controller did not become ready"
}

# kill_controller [SIGNAL]: default KILL; waits for it to be gone.
kill_controller() {
	[ -n "$CTL_PID" ] || return 0
	kill "-${1:-KILL}" "$CTL_PID" 2>/dev/null || true
	wait "$CTL_PID" 2>/dev/null || true
	cat "$CTL_LOG.cur" >>"$CTL_LOG" 2>/dev/null || true
	CTL_PID=
}

# notify_listen: a fake systemd notification socket for the controller
# (start it with NOTIFY_SOCKET=$NOTIFY_SOCK); what it is sent is appended
# to $NOTIFY_TXT. notify_stop ends the listener.
NOTIFY_SOCK=$CTL_DIR/notify.sock
NOTIFY_TXT=$CTL_DIR/notify.txt
NOTIFY_PID=
notify_listen() {
	socat -u "UNIX-RECV:$NOTIFY_SOCK,unlink-early" "OPEN:$NOTIFY_TXT,creat,append" &
	NOTIFY_PID=$!
	for _ in $(seq 50); do [ -S "$NOTIFY_SOCK" ] && break; sleep 0.1; done
}
notify_stop() {
	[ -n "$NOTIFY_PID" ] || return 0
	kill "$NOTIFY_PID" 2>/dev/null || true
	wait "$NOTIFY_PID" 2>/dev/null || true
	NOTIFY_PID=
}

# The notifications so far, one assignment a line: socat writes the
# datagrams back to back, so one ends where the next READY=, STATUS= or
# STOPPING= begins.
notifications() {
	sed -E 's/(READY=|STATUS=|STOPPING=)/\n\1/g' "$NOTIFY_TXT" | grep .
}

# notify_wait ERE: until a whole assignment matches ERE (5 s).
notify_wait() {
	for _ in $(seq 50); do
		notifications | grep -qxE "$1" && return 0
		sleep 0.1
	done
	fail "no notification matching '$1': $(notifications | tr '\n' '|')"
}

# notify_status STATUS: until the last STATUS= sent is exactly STATUS (5 s).
notify_status() {
	for _ in $(seq 50); do
		[ "$(notifications | grep '^STATUS=' | tail -1)" = "STATUS=$1" ] && return 0
		sleep 0.1
	done
	fail "the last STATUS= is not '$1': $(notifications | tr '\n' '|')"
}

# The identity of every kernel device, one line each, sorted. `list`
# shows no device id for VFs (the guide's fields): "-" on both sides.
kernel_identities() {
	virtnet list | jq -r '.devices[] | "\(.vuid) \(.pf_id // "-") \(.bdf) \(.sf_num) \(.net_mac | ascii_downcase) \(.net_mtu) \(.max_queues)"' | sort
}

# The same from the recovery files (every *.json must be valid).
file_identities() {
	local files=("$CTL_REC"/*.json)
	[ -e "${files[0]}" ] || return 0
	# One jq for all of them: 524 files at scale.
	jq -r '"\(.vuid) \(if .vf_id == null then .pf_id else "-" end) \(.bdf) \(.sf_num) \(.mac) \(.mtu) \(.num_queues)"' "${files[@]}" | sort
}

# expect_in_step [WHAT]: the files match the kernel (waits up to 10 s for
# the controller to catch up with events).
expect_in_step() {
	local i k f
	for i in $(seq 100); do
		k=$(kernel_identities)
		f=$(file_identities)
		[ "$k" = "$f" ] && { echo "in step (${1:-}): $(echo "$k" | grep -c . || true) device(s)"; return 0; }
		sleep 0.1
	done
	fail "${1:-}: recovery files do not match the kernel:
$(diff <(echo "$k") <(echo "$f"))"
}

# Netlink attribute builders for vnl raw: and nest: arguments (hex):
# le16/le32 N, strz STRING (NUL added), attr TYPE HEXPAYLOAD (one
# attribute, padded to 4 bytes).
le16() { printf '%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)); }
le32() { printf '%s%s' "$(le16 $(($1 & 65535)))" "$(le16 $(($1 >> 16)))"; }
strz() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; printf '00'; }
attr() { # TYPE HEXPAYLOAD
	local len=$((4 + ${#2} / 2)) pad
	pad=$(((4 - len % 4) % 4))
	printf '%s%s%s' "$(le16 "$len")" "$(le16 "$1")" "$2"
	((pad)) && printf "%0$((pad * 2))d" 0
	return 0
}
# port INDEX IBDEV [NETDEV]: one PORT nest of PORT_SET's PORTS (PORT_INDEX 7,
# PORT_IBDEV 6, PORT_NETDEV 36 in PORT 35, nested).
port() {
	local p
	p=$(attr 7 "$(le32 "$1")")$(attr 6 "$(strz "$2")")
	[ -n "${3:-}" ] && p+=$(attr 36 "$(strz "$3")")
	attr $((32768 | 35)) "$p"
}
