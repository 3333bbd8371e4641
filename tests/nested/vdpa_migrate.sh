#!/bin/bash
# Live migration of a VM on a virtnet function: a nested QEMU guest
# (tests/nested/mkguest, `virtnet.migrate=` init) on function vmg0 through
# vhost-vdpa migrates to a second QEMU on function vmg1, and back,
# MIGRATIONS times (default 2), while the DPU side pings it every 50 ms.
# The VM's representor is a port of a bridge, as of an OVS bridge: after
# each migration the destination function takes over the source's SF
# (`virtnet modify -S`), so the VM stays behind that same port (same
# ifindex); TAKEOVER=0 puts both representors on the bridge instead and
# leaves the SFs where they are. For each migration it reports the downtime (last reply before the switch to
# first reply after) and the pings lost, and fails if the guest stops
# answering. Run with each QEMU there is: the system's (Debian bookworm's
# 7.2: shadow virtqueues from the start, `x-svq=on`, and no control queue,
# whose shadow 7.2 refuses to migrate) and, if tests/nested/get-qemu
# unpacked one into build/nested/qemu, QEMU 8 or later (its own switch to
# shadow virtqueues at migration: the device is suspended, its control
# queue shadowed in its own address space). Minutes of nested emulation:
# `make vdpa-migrate` runs it, and `make bench` through
# tests/bench/migrate.sh; not make check.
#
# Tiers: none -- make vdpa-migrate, make bench (needs CONFIG_VDPA, 6.12)
. "$TOP/tests/integration/lib.bash"

guest_initrd=${VIRTNET_GUEST_INITRD:-$TOP/build/nested/guest-initrd.gz}
[ -s "$guest_initrd" ] || fail "no $guest_initrd (make vdpa-migrate builds it)"
MIGRATIONS=${MIGRATIONS:-2}
TAKEOVER=${TAKEOVER:-1}
mac=02:00:00:00:99:10
guest=10.66.0.2
out=${VIRTNET_RESULTS:-/tmp}
work=$(mktemp -d /tmp/vmig.XXXXXX)
: >"$out/migrate-results"
qemus=()
pinger=""
# An EXIT trap runs under set -e too: nothing in it may fail the script.
cleanup() {
	if [ -n "$pinger" ]; then kill "$pinger" 2>/dev/null || true; fi
	for p in "${qemus[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	echo 1 >/sys/bus/vdpa/drivers_autoprobe
}

vdpa_prepare
trap cleanup EXIT
ulimit -l unlimited

step "two functions, the VM's representor on a bridge (both with TAKEOVER=0)"
ip link add br-mig type bridge
ip addr add 10.66.0.1/24 dev br-mig
ip link set br-mig up
nodes=() vuids=()
for n in 0 1; do
	vdpa dev add name "vmg$n" mgmtdev virtnet mac "02:00:00:00:99:2$n"
	bind_to "vmg$n" vhost_vdpa
	nodes+=("$(vhost_node "vmg$n")")
	dev=$(virtnet list | jq -c --arg d "vmg$n" '.devices[] | select(.vdpa_device == $d)')
	vuids+=("$(jq -r .vuid <<<"$dev")")
	rep=$(jq -r .sf_rep_net_device <<<"$dev")
	ip link set "$rep" up
	[ "$TAKEOVER" = 1 ] && [ "$n" = 1 ] && continue
	ip link set "$rep" master br-mig
	# No learning: the guest's MAC is behind whichever port is live.
	bridge link set dev "$rep" learning off
done
port=$(virtnet query -u "${vuids[0]}" | jq .sf_rep_net_ifindex)
default_offer=$(virtnet query -u "${vuids[0]}" | jq -r .device_features.hex)

# hmp NAME COMMAND: a human monitor command to QEMU NAME; its answer.
hmp() {
	echo "$2" | socat -t 5 - "UNIX-CONNECT:$work/$1.mon" | tr -d '\r'
}

# start_qemu NAME NODE [INCOMING]: the guest on NODE with $qemu (waiting
# for a migration stream on INCOMING if given). CPU qemu64: with `max`,
# nested TCG once double-faulted in the guest's SLUB cmpxchg16b fast path
# during early boot.
start_qemu() {
	rm -f "$work/$1.mon"
	"${qemu[@]}" -machine pc -accel tcg -cpu qemu64 -smp 1 -m 128 \
		-nodefaults -no-user-config -display none -no-reboot \
		-serial "file:$out/$1-console.log" \
		-monitor "unix:$work/$1.mon,server=on,wait=off" \
		-kernel "/boot/vmlinuz-$(uname -r)" -initrd "$guest_initrd" \
		-append "console=ttyS0 panic=-1 loglevel=7 virtnet.migrate=$guest/24" \
		-netdev "vhost-vdpa,vhostdev=$2,id=v0$svq" \
		-device "virtio-net-pci,netdev=v0,mac=$mac,romfile=" \
		${3:+-incoming "unix:$3"} </dev/null >"$out/$1-qemu.log" 2>&1 &
	qemus+=($!)
	for i in $(seq 300); do
		[ -S "$work/$1.mon" ] && return 0
		kill -0 $! 2>/dev/null || break
		sleep 0.1
	done
	cat "$out/$1-qemu.log"
	fail "QEMU $1 did not start"
}

# replies_after T: pings answered after Unix time T.
replies_after() {
	awk -v t="$1" -F'[][]' '/bytes from/ && $2 > t' "$work/ping.log" | wc -l
}

# migrate_with LABEL QEMU...: boots the guest on vmg0 with that QEMU and
# migrates it MIGRATIONS times between the functions.
migrate_with() {
	local label=$1 k src=0 dst t0 t_start t_end status r down lost
	shift
	qemu=("$@")
	local version
	version=$("${qemu[@]}" --version | awk 'NR == 1 { split($4, v, "."); print v[1] }')
	if [ "$version" -lt 8 ]; then
		# 7.2 migrates only with every ring shadowed, and not a control
		# queue (its shadow control queue carries a migration blocker).
		svq=,x-svq=on
		offer=$(printf '0x%x' $(( default_offer & ~(1 << 17 | 1 << 22 | 1 << 23) & ~(1 << 33) )))
	else
		svq=""
		offer=$(printf '0x%x' $(( default_offer & ~(1 << 33) )))
	fi
	for n in 0 1; do
		echo "vmg${n}" >"/sys/bus/vdpa/drivers/vhost_vdpa/unbind"
		virtnet modify -u "${vuids[$n]}" device -f "$offer" >/dev/null
		echo "vmg${n}" >"/sys/bus/vdpa/drivers/vhost_vdpa/bind"
	done
	step "$label: the guest boots on vmg0 (${nodes[0]}), offer $offer${svq:+, x-svq=on}"
	t0=$(date +%s)
	start_qemu "$label-0" "${nodes[0]}"
	for i in $(seq 1500); do
		grep -aq NESTED-READY "$out/$label-0-console.log" 2>/dev/null && break
		kill -0 "${qemus[-1]}" 2>/dev/null || break
		sleep 1
	done
	grep -aq NESTED-READY "$out/$label-0-console.log" ||
		{ cat "$out/$label-0-qemu.log"; fail "$label: the guest did not come up"; }
	echo "guest up after $(( $(date +%s) - t0 )) s"
	ping -D -i 0.05 "$guest" >"$work/ping.log" 2>&1 &
	pinger=$!
	for i in $(seq 60); do
		[ "$(grep -c 'bytes from' "$work/ping.log")" -ge 5 ] && break
		sleep 1
	done
	[ "$(grep -c 'bytes from' "$work/ping.log")" -ge 5 ] ||
		fail "$label: the guest does not answer pings: $(tail -3 "$work/ping.log")"

	for k in $(seq "$MIGRATIONS"); do
		dst=$((1 - src))
		step "$label migration $k: vmg$src -> vmg$dst"
		start_qemu "$label-$k" "${nodes[$dst]}" "$work/mig$k.sock"
		# The destination listens once its device is set up (seconds
		# under nested TCG on a loaded machine).
		for i in $(seq 600); do
			[ -S "$work/mig$k.sock" ] && break
			sleep 0.1
		done
		[ -S "$work/mig$k.sock" ] || fail "$label migration $k: the destination does not listen"
		t_start=$(date +%s.%N)
		hmp "$label-$((k - 1))" "migrate -d unix:$work/mig$k.sock" |
			grep -v '^QEMU\|^(qemu)' || true
		status=""
		for i in $(seq 600); do
			status=$(hmp "$label-$((k - 1))" "info migrate" | sed -n 's/^Migration status: //p')
			case $status in completed|failed|cancelled|"") break;; esac
			sleep 0.5
		done
		if [ "$status" != completed ]; then
			hmp "$label-$((k - 1))" "info migrate"
			cat "$out/$label-$((k - 1))-qemu.log" "$out/$label-$k-qemu.log"
			fail "$label migration $k: status '$status'"
		fi
		if [ "$TAKEOVER" = 1 ]; then
			virtnet modify -u "${vuids[$dst]}" device -S "${vuids[$src]}" >/dev/null ||
				fail "$label migration $k: vmg$dst could not take over vmg$src's SF"
			[ "$(virtnet query -u "${vuids[$dst]}" | jq .sf_rep_net_ifindex)" = "$port" ] ||
				fail "$label migration $k: vmg$dst is not behind the bridge port $port"
		fi
		t_end=$(date +%s.%N)
		for i in $(seq 120); do
			[ "$(replies_after "$t_end")" -ge 20 ] && break
			sleep 0.5
		done
		[ "$(replies_after "$t_end")" -ge 20 ] ||
			fail "$label migration $k: the guest stopped answering on vmg$dst: $(tail -3 "$work/ping.log")"
		hmp "$label-$((k - 1))" quit >/dev/null || true
		# Downtime: the longest gap between answers around the switch;
		# lost: sequence numbers in that window never answered.
		r=$(awk -v a="$t_start" -v b="$t_end" -F'[][]' '
			/bytes from/ {
				t = $2 + 0
				match($0, /icmp_seq=[0-9]+/)
				seq = substr($0, RSTART + 9, RLENGTH - 9) + 0
				if (t >= a - 2 && last && t - last > gap) gap = t - last
				if (t >= a - 2 && t <= b + 5) {
					if (!first) first = seq
					n++
					lastseq = seq
				}
				last = t
			}
			END { printf "%d %d", gap * 1000, (lastseq - first + 1) - n }' "$work/ping.log")
		read -r down lost <<<"$r"
		echo "$label migration $k: $(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.1f", b - a }') s, downtime $down ms, pings lost $lost"
		echo "$label $k $down $lost" >>"$out/migrate-results"
		src=$dst
	done
	kill "$pinger"
	wait "$pinger" 2>/dev/null || true
	pinger=""
	hmp "$label-$MIGRATIONS" quit >/dev/null || true
	sleep 1
	# After an odd count the bridge port is vmg1's: the next guest
	# boots on vmg0, so vmg0 takes it back (both idle now).
	if [ "$TAKEOVER" = 1 ] && [ "$src" != 0 ]; then
		virtnet modify -u "${vuids[0]}" device -S "${vuids[1]}" >/dev/null ||
			fail "$label: vmg0 could not take the bridge port back"
	fi
}

# SYSTEM_QEMU=0 / NEWER_QEMU=0 (set by a wrapper script: the VM gets no
# environment) leave out the system's QEMU / the unpacked newer one.
if [ "${SYSTEM_QEMU:-1}" = 1 ]; then
	migrate_with "qemu$(qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }')" qemu-system-x86_64
fi
q=$TOP/build/nested/qemu
if [ "${NEWER_QEMU:-1}" = 1 ] && [ -x "$q/usr/bin/qemu-system-x86_64" ]; then
	QEMU_MODULE_DIR=$q/usr/lib/x86_64-linux-gnu/qemu
	export QEMU_MODULE_DIR
	migrate_with "qemu$("$q/usr/bin/qemu-system-x86_64" --version | awk 'NR == 1 { print $4 }')" \
		"$q/usr/bin/qemu-system-x86_64" -L "$q/usr/share/qemu" -L /usr/share/seabios
else
	echo "no QEMU 8 or later in $q (tests/nested/get-qemu): its own switch to shadow virtqueues not checked"
fi
for n in 0 1; do vdpa dev del "vmg$n"; done
ip link del br-mig
echo "ok"
