# A hostile virtio-net driver against the device side of the rings.
#
# tests/kmod/evil/virtnet_evil.ko (prebuilt: make -C tests/kmod) is a
# virtio driver that binds only the device named by its "target"
# parameter and, on each write to /sys/kernel/debug/virtnet_evil/attack
# (or once at bind time: insmod ... attack=NAME), writes one malformed
# chain straight into its ring memory and kicks.
#
# Three hotplug PFs: A (85:00.0) is attacked, B (86:00.0) carries ping
# traffic between netns vh and vd the whole time, C (87:00.0) stands by.
# For each attack: unbind virtio_net from A, bind virtnet_evil, attack;
# then the kernel log must have virtnet_emu's rate-limited "queue N:
# <reason>; queue stopped, device needs reset" line naming that fault,
# `virtnet query` must show exactly that queue broken and NEEDS_RESET in
# device_status, the driver must have had a config change interrupt, and
# B must still answer pings; then unbind virtnet_evil, rebind virtio_net
# (its reset clears the fault) and ping through A's host NIC and
# representor both ways. At the end: B lost no ping over the whole run,
# and C shows no broken queue and no NEEDS_RESET (both stick until a
# reset, and nothing resets C). Also checked: virtnet_evil takes no
# device but its target, and well-formed chains written the same raw way
# are accepted (so the attacks fail for their own reason).
#
# Finding A's virtio device: the virtio bus has no sysfs attribute for the
# transport's bus name, but ethtool shows it as the host NIC's bus-info;
# that NIC (as `virtnet query` names it) has virtioN as its parent device
# (/sys/class/net/NIC/device), which must sit under the virtnet_emu root
# device (/sys/devices/virtnet_emu). virtioN stays the same across
# unbind/bind.
#
# Sourced with HOSTILE_DRIVER_LIB=1, this file only defines its helpers
# (hostile_driver_no_mq.sh and hostile_driver_tx_ram_hole.sh use them).
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching)
. "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

# VIRTNET_TEST_KMOD_DIR: tests/kmod built for another kernel (tests/debug).
EVIL_KO=${VIRTNET_TEST_KMOD_DIR:-$TOP/tests/kmod}/evil/virtnet_evil.ko
EVIL_DBG=/sys/kernel/debug/virtnet_evil
VIRTIO=/sys/bus/virtio
A_ID=0 A_BUS=0000:85:00.0 A_REP=en3f0pf0sf2000 A_VUID=VNETS1D0F0
B_ID=1 B_BUS=0000:86:00.0 B_REP=en3f0pf0sf2001
C_ID=2
hd_mark='' hd_mark_n=0
hd_ping_pid=

hd_require_evil() {
	local vermagic
	if [ ! -f "$EVIL_KO" ]; then
		echo "SKIP: $EVIL_KO is not built (make -C tests/kmod)"
		exit 77
	fi
	vermagic=$(modinfo -F vermagic "$EVIL_KO")
	if [ "${vermagic%% *}" != "$(uname -r)" ]; then
		echo "SKIP: $EVIL_KO is built for ${vermagic%% *}, not $(uname -r)"
		exit 77
	fi
}

kmsg() {
	echo "hostile_driver: $*" >/dev/kmsg
}

# hd_host_nic ID BUS: the host NIC of function ID (virtio_net bound), as
# `virtnet query` names it; ethtool must show BUS as its bus-info.
hd_host_nic() {
	local nic
	nic=$(virtnet query -p "$1" | jq -r '.host_net_device // empty')
	[ -n "$nic" ] || fail "device $1 has no host NIC"
	expect_eq "$(ethtool -i "$nic" | sed -n 's/^bus-info: //p')" "$2" \
		"bus-info of $nic (device $1)"
	echo "$nic"
}

# hd_vdev_of ID BUS: the virtio device (virtioN) of function ID: the parent
# of its host NIC, which must sit under the virtnet_emu root device.
hd_vdev_of() {
	local nic dev
	nic=$(hd_host_nic "$1" "$2")
	dev=$(cd -P "/sys/class/net/$nic/device" && pwd)
	[ "${dev%/*}" = /sys/devices/virtnet_emu ] ||
		fail "$nic ($2): parent $dev is not under /sys/devices/virtnet_emu"
	[ -e "$VIRTIO/devices/${dev##*/}" ] || fail "$dev is not on the virtio bus"
	echo "${dev##*/}"
}

# hd_driver VDEV: name of the driver bound to VDEV, empty if none.
hd_driver() {
	local d
	for d in "$VIRTIO"/drivers/*/"$1"; do
		[ -e "$d" ] || continue
		d=${d%/*}
		echo "${d##*/}"
	done
}

hd_unbind() {
	local drv
	drv=$(hd_driver "$1")
	[ -n "$drv" ] || return 0
	echo "$1" >"$VIRTIO/drivers/$drv/unbind"
	[ -z "$(hd_driver "$1")" ] || fail "$1 still bound to $(hd_driver "$1")"
}

hd_bind() { # DRIVER VDEV
	echo "$2" >"$VIRTIO/drivers/$1/bind" || fail "bind $2 to $1 failed"
	expect_eq "$(hd_driver "$2")" "$1" "driver of $2"
}

# Kernel log since the last hd_new_mark. Marks are unique across scripts
# (the kernel log is not cleared between them).
hd_new_mark() {
	hd_mark_n=$((hd_mark_n + 1))
	hd_mark="$$-$SRANDOM-$hd_mark_n"
	kmsg "mark $hd_mark $*"
}

hd_log_since_mark() {
	dmesg | awk -v m="hostile_driver: mark $hd_mark " \
		'index($0, m) { on = 1; next } on'
}

# hd_wait_log STRING: waits up to 5 s for STRING in the log since the mark.
hd_wait_log() {
	local end=$((SECONDS + 5))
	while :; do
		dmesg | awk -v m="hostile_driver: mark $hd_mark " -v s="$1" \
			'index($0, m) { on = 1 } on && index($0, s) { f = 1 } END { exit !f }' &&
			return 0
		[ "$SECONDS" -lt "$end" ] || break
		sleep 0.2
	done
	echo "kernel log since the mark:" >&2
	hd_log_since_mark >&2
	fail "no kernel log line '$1'${HD_HINT:+; $HD_HINT}"
}

# hd_query_summary ID: "DRIVER DRIVER_OK? NEEDS_RESET? [broken queues]"
# from `virtnet query`.
hd_query_summary() {
	virtnet query -p "$1" | jq -r '[.driver // "none",
		(.device_status.names | index("DRIVER_OK") != null),
		(.device_status.names | index("NEEDS_RESET") != null),
		([.queues[] | select(.broken != 0) | .index] | tostring)]
		| map(tostring) | join(" ")'
}

# hd_expect_clean ID DRIVER WHAT: bound to DRIVER, DRIVER_OK, no
# NEEDS_RESET, no broken queue.
hd_expect_clean() {
	expect_eq "$(hd_query_summary "$1")" "$2 true false []" \
		"$3: driver, DRIVER_OK, NEEDS_RESET, broken queues"
}

# hd_expect_broken ID QUEUE WHAT: virtnet_evil bound, exactly QUEUE
# broken, NEEDS_RESET set.
hd_expect_broken() {
	expect_eq "$(hd_query_summary "$1")" "virtnet_evil true true [$2]" \
		"$3: driver, DRIVER_OK, NEEDS_RESET, broken queues"
}

# B's traffic goes on: a few pings now.
hd_expect_b_alive() {
	ip netns exec vh ping -c 1 -i 0.2 -w 5 10.77.0.2 >/dev/null ||
		fail "$1: device B lost traffic"
}

# A's representor into netns ad (10.78.0.2); once.
hd_setup_a_rep() {
	ip netns add ah
	ip netns add ad
	ip link set "$A_REP" netns ad
	ip -n ad addr add 10.78.0.2/24 dev "$A_REP"
	ip -n ad link set lo up
	ip -n ad link set "$A_REP" up
	ip -n ah link set lo up
}

# With virtio_net bound to A: its (new) host NIC into netns ah
# (10.78.0.1), then ping both ways.
hd_expect_a_works() {
	local vdev=$1 what=$2 nic nics
	nics=("$VIRTIO/devices/$vdev/net/"*)
	[ -e "${nics[0]}" ] || fail "$what: no host NIC under $vdev"
	nic=${nics[0]##*/}
	ip link set "$nic" netns ah
	ip -n ah addr add 10.78.0.1/24 dev "$nic"
	ip -n ah link set "$nic" up
	# No carrier wait: ping -w 5 retries until it has its reply.
	ip netns exec ah ping -c 1 -i 0.2 -w 5 10.78.0.2 >/dev/null ||
		fail "$what: no traffic host NIC -> representor on A"
	ip netns exec ad ping -c 1 -i 0.2 -w 5 10.78.0.1 >/dev/null ||
		fail "$what: no traffic representor -> host NIC on A"
}

# The driver was told: virtnet_evil counts config change interrupts.
hd_expect_config_change() {
	local key val
	while read -r key val; do
		[ "$key" != config_changes ] || [ "$val" -lt 1 ] || return 0
	done <"$EVIL_DBG/state"
	fail "$1: the driver got no config change interrupt"
}

# The device writes RX buffers only when the representor transmits.
hd_rx_trigger() {
	ip netns exec ad ping -c 1 -W 0.1 10.78.0.1 >/dev/null 2>&1 || :
}

# hd_attack VDEV NAME QUEUE REASON: one attack on A, checks, recovery.
# With HD_AT_BIND=1 the attack runs at bind time (insmod attack=NAME).
hd_attack() {
	local vdev=$1 name=$2 queue=$3 why=$4 line
	step "attack $name: queue $queue, expect '$why'"
	hd_new_mark "$name"
	hd_unbind "$vdev"
	if [ "${HD_AT_BIND:-0}" = 1 ]; then
		insmod "$EVIL_KO" target="$A_BUS" attack="$name"
		expect_eq "$(hd_driver "$vdev")" virtnet_evil "driver of $vdev after insmod"
	else
		hd_bind virtnet_evil "$vdev"
		echo "$name" >"$EVIL_DBG/attack" || fail "attack $name: write failed"
	fi
	[ "$queue" != 0 ] || hd_rx_trigger
	line="virtnet_emu: $A_VUID ($A_BUS) queue $queue: $why; queue stopped, device needs reset"
	hd_wait_log "$line"
	echo "kernel: $line"
	hd_expect_broken "$A_ID" "$queue" "$name"
	hd_expect_config_change "$name"
	hd_expect_b_alive "$name"
	hd_unbind "$vdev"
	hd_bind virtio_net "$vdev"
	hd_expect_clean "$A_ID" virtio_net "$name: A after rebinding virtio_net"
	hd_expect_a_works "$vdev" "$name: A after rebinding virtio_net"
}

hd_cleanup() {
	[ -z "$hd_ping_pid" ] || kill "$hd_ping_pid" 2>/dev/null || :
	if [ -d /sys/module/virtnet_evil ]; then
		for d in "$VIRTIO"/drivers/virtnet_evil/virtio*; do
			[ -e "$d" ] && echo "${d##*/}" >"$VIRTIO/drivers/virtnet_evil/unbind"
		done
		rmmod virtnet_evil || echo "rmmod virtnet_evil failed" >&2
	fi
}

# The three devices, B's traffic, A's representor. Sets A_VDEV.
hd_setup() {
	step "devices A, B, C"
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:0a -t 1500 -n 3 -s 256 >/dev/null
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:0b -t 1500 -n 3 -s 256 >/dev/null
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:0c -t 1500 -n 3 -s 256 >/dev/null
	A_VDEV=$(hd_vdev_of "$A_ID" "$A_BUS")
	echo "device A ($A_BUS) is $A_VDEV"
	connect_ns "$(hd_host_nic "$B_ID" "$B_BUS")" "$B_REP"
	hd_expect_b_alive "setup"
	hd_setup_a_rep
	hd_expect_a_works "$A_VDEV" "setup"
	trap hd_cleanup EXIT
}

hostile_driver_main() {
	local attack n why d d_vdev

	hd_require_evil
	hd_setup
	ip netns exec vh ping -i 0.2 10.77.0.2 >"$VIRTNET_RESULTS/b-ping.log" 2>&1 &
	hd_ping_pid=$!

	# At bind time: evil's probe attacks before the virtio core enables
	# config interrupts.
	HD_AT_BIND=1 hd_attack "$A_VDEV" loop 1 "descriptor chain loops"
	rmmod virtnet_evil

	step "virtnet_evil binds nothing it was not asked for"
	insmod "$EVIL_KO" target="$A_BUS"
	for d in "$VIRTIO"/drivers/virtnet_evil/virtio*; do
		[ ! -e "$d" ] || fail "virtnet_evil bound ${d##*/}"
	done
	grep -qx unbound "$EVIL_DBG/state" || fail "virtnet_evil: $(cat "$EVIL_DBG/state")"
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:50:0d -t 1500 -n 3 -s 256 >/dev/null
	d_vdev=$(hd_vdev_of 3 0000:88:00.0)
	expect_eq "$(hd_driver "$d_vdev")" virtio_net "driver of a device created while evil is loaded"
	hd_unbind "$d_vdev"
	if echo "$d_vdev" 2>/dev/null >"$VIRTIO/drivers/virtnet_evil/bind"; then
		fail "virtnet_evil bound $d_vdev, not its target"
	fi
	expect_eq "$(hd_driver "$d_vdev")" "" "driver of $d_vdev after the refused bind"
	virtnet unplug -p 3 >/dev/null

	step "controls: well-formed chains written the same way are accepted"
	hd_new_mark controls
	hd_unbind "$A_VDEV"
	hd_bind virtnet_evil "$A_VDEV"
	n=$(ip netns exec ad cat "/sys/class/net/$A_REP/statistics/rx_packets")
	echo valid_tx >"$EVIL_DBG/attack" || fail "valid_tx: not consumed"
	echo valid_ctrl >"$EVIL_DBG/attack" || fail "valid_ctrl: not acknowledged"
	[ "$(ip netns exec ad cat "/sys/class/net/$A_REP/statistics/rx_packets")" -gt "$n" ] ||
		fail "valid_tx: the representor received nothing"
	hd_expect_clean "$A_ID" virtnet_evil "controls"
	! hd_log_since_mark | grep -F "queue stopped" || fail "controls: a queue was stopped"
	hd_unbind "$A_VDEV"
	hd_bind virtio_net "$A_VDEV"
	hd_expect_a_works "$A_VDEV" "controls"

	while read -r -u 3 attack n why; do
		hd_attack "$A_VDEV" "$attack" "$n" "$why"
	done 3<<-'EOF'
		head_range 1 avail ring entry out of range
		next_range 1 next descriptor index out of range
		write_on_tx 1 writable descriptor on a transmit queue
		read_on_rx 0 readable descriptor on a receive queue
		read_after_write 2 readable descriptor after a writable one
		bad_addr 1 descriptor points outside RAM
		wrap 1 descriptor address range wraps
		huge_len 1 chain longer than the queue allows
		avail_jump 1 avail index moved further than the ring size
		indirect 1 indirect descriptor not negotiated
		ctrl_no_status 2 control command without a writable status byte
	EOF

	step "device B's traffic during all attacks"
	kill -INT "$hd_ping_pid"
	wait "$hd_ping_pid" || :
	hd_ping_pid=
	tail -n 3 "$VIRTNET_RESULTS/b-ping.log"
	read -r sent got < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' \
		"$VIRTNET_RESULTS/b-ping.log")
	[ "${sent:-0}" -ge 20 ] || fail "background ping on B sent only ${sent:-0}"
	[ "$got" -ge $((sent - 1)) ] || fail "background ping on B: $got of $sent answered"
	hd_expect_clean "$B_ID" virtio_net "device B"
	hd_expect_clean "$C_ID" virtio_net "device C"
	echo "ok"
}

if [ "${HOSTILE_DRIVER_LIB:-0}" != 1 ]; then
	hostile_driver_main
fi
