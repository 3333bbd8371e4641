# The controller relay: `virtnet version`, `virtnet log -l`, and live
# update (`virtnet update -s/-t`) through the kernel. A live update execs
# the newly installed binary in place (same pid), loses no packet of a
# flood across a device, keeps the devices and their recovery files, and
# CLI commands work throughout; a broken installed binary fails the
# update and the old controller runs on; without a controller the
# requests fail clearly; a second controller is refused by the kernel.
#
# Tiers: 6.12 -- the controller's live update is userspace only
. "$(dirname "$0")/lib.bash"

setup_ports
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0"}'
# The "installed" controller, replaced the way a package upgrade does it.
mkdir -p /tmp/inst
cp "$TOP/build/bin/virtio-net-controller" /tmp/inst/
export PATH=/tmp/inst:$PATH
install_controller() { # SOURCE
	cp "$1" /tmp/inst/.virtio-net-controller.new
	mv -f /tmp/inst/.virtio-net-controller.new /tmp/inst/virtio-net-controller
}
ctl() { virtnet update -t | jq -r "$1"; }

step "no controller yet"
expect_eq "$(ctl .controller)" none "state before start"
expect_refused "update without a controller" "no controller is running" -- virtnet update -s
expect_refused "log without a controller" "no controller is running" -- virtnet log -l debug

start_controller
step "version and state"
virtnet version
expect_eq "$(virtnet version | jq -c .)" \
	'{"virtnet":"0.1.0","controller_running":"0.1.0","controller_installed":"0.1.0"}' "version"
virtnet update status
expect_eq "$(ctl '[.controller, .update_status, .version, .pid] | @tsv')" \
	"$(printf 'running\tnone\t0.1.0\t%s' "$CTL_PID")" "state"

step "log level"
expect_eq "$(virtnet log -l debug | jq -r .log_level)" debug "log -l debug"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
for _ in $(seq 50); do grep -q '\[debug\] recovery: recorded device 0' "$CTL_LOG.cur" && break; sleep 0.1; done
grep -q '\[debug\] recovery: recorded device 0' "$CTL_LOG.cur" || fail "no debug line: $(cat "$CTL_LOG.cur")"
expect_eq "$(virtnet log --level err | jq -r .log_level)" err "log --level err"
expect_eq "$(ctl .log_level)" err "level in the state"
set +e
out=$(virtnet log -l loud 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] && grep -q "invalid --level 'loud'" <<<"$out" || fail "log -l loud: $rc $out"
virtnet log -l info >/dev/null

step "live update under a ping flood"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf2000
count=$(flood_count vh 10.77.0.2 8)
want=$(kernel_identities)
install_controller "$TOP/build/bin/test/virtio-net-controller-next"
expect_eq "$(virtnet version | jq -r '[.controller_running, .controller_installed] | @tsv')" \
	"$(printf '0.1.0\t0.1.0+next')" "running and installed before the update"
ip netns exec vh ping -q -f -c "$count" 10.77.0.2 >/tmp/flood.txt 2>&1 &
pinger=$!
sleep 1
virtnet update --start | tee /tmp/update.json
jq -e '.update_status == "in progress" or .update_status == "done"' /tmp/update.json >/dev/null ||
	fail "update --start said $(cat /tmp/update.json)"
for _ in $(seq 300); do
	virtnet list >/dev/null || fail "list failed during the update"
	[ "$(ctl .update_status)" = done ] && break
	sleep 0.1
done
virtnet update -t
expect_eq "$(ctl '[.controller, .update_status, .version, .previous_version, .pid] | @tsv')" \
	"$(printf 'running\tdone\t0.1.0+next\t0.1.0\t%s' "$CTL_PID")" "state after the update"
kill -0 "$CTL_PID" || fail "the controller's pid is gone"
grep -q 'live update complete: version 0.1.0+next' "$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
kill -0 "$pinger" 2>/dev/null || echo "note: the flood ended before the update did"
wait "$pinger" || true
cat /tmp/flood.txt
grep -q ' 0% packet loss' /tmp/flood.txt || fail "packets lost during the live update"
expect_eq "$(kernel_identities)" "$want" "devices after the update"
virtnet hotplug -i mlx5_1 -m 02:00:00:00:70:01 -t 1500 -n 3 -s 256 >/dev/null
expect_in_step "the updated controller records new devices"

step "a broken installed binary: the update fails, the controller runs on"
printf '#!/bin/sh\necho broken >&2\nexit 3\n' >/tmp/broken
chmod +x /tmp/broken
install_controller /tmp/broken
expect_eq "$(virtnet version | jq -c '[.controller_running, .controller_installed]')" \
	'["0.1.0+next",null]' "versions with a broken install"
virtnet update -s >/dev/null
for _ in $(seq 100); do [ "$(ctl .update_status)" = failed ] && break; sleep 0.1; done
expect_eq "$(ctl '[.controller, .update_status, .version] | @tsv')" \
	"$(printf 'running\tfailed\t0.1.0+next')" "state after a failed update"
grep -q 'live update abandoned: version 0.1.0+next keeps running' "$CTL_LOG.cur" || fail "log"
virtnet unplug -u VNETS1D1F0 >/dev/null
expect_in_step "the old controller still records changes"
install_controller "$TOP/build/bin/virtio-net-controller"

step "unprivileged callers read but cannot update"
if command -v setpriv >/dev/null; then
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }
	nobody virtnet update -t >/dev/null || fail "unprivileged update -t"
	nobody virtnet version >/dev/null || fail "unprivileged version"
	expect_refused "unprivileged update -s" "permitted|EPERM" -- nobody virtnet update -s
	expect_refused "unprivileged log" "permitted|EPERM" -- nobody virtnet log -l debug
fi

step "a second controller is refused by the kernel"
set +e
out=$(virtio-net-controller -c "$CTL_CONF" -r /tmp/rec2 -p /tmp/second.pid "${CTL_ARGS[@]}" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a second controller started"
grep -q "another controller is registered" <<<"$out" || fail "second controller: $out"
[ ! -e /tmp/rec2 ] || fail "the refused controller touched its recovery directory"
expect_eq "$(ctl .pid)" "$CTL_PID" "the registered controller"

step "a successor that dies before it is ready: a plain restart ends the update as failed"
# Passes the check, then fails to start: the update stays in progress (the
# kernel waits for a successor) until a controller registers without one.
printf '#!/bin/sh\ncase "$*" in *--check-config*) exit 0 ;; esac\nexit 1\n' >/tmp/dies
chmod +x /tmp/dies
install_controller /tmp/dies
virtnet update -s >/dev/null
wait "$CTL_PID" 2>/dev/null || true
CTL_PID=
for _ in $(seq 50); do [ "$(ctl .controller)" = updating ] && break; sleep 0.1; done
expect_eq "$(ctl '[.controller, .update_status] | @tsv')" "$(printf 'updating\tin progress')" \
	"while the successor is missing"
expect_refused "a second update meanwhile" "in progress" -- virtnet update -s
install_controller "$TOP/build/bin/virtio-net-controller"
start_controller -l debug
expect_eq "$(ctl '[.controller, .update_status, .log_level] | @tsv')" \
	"$(printf 'running\tfailed\tdebug')" "after a plain start (with -l debug)"

step "a successor that never registers: failed after update_timeout, the state none"
P=/sys/module/virtnet_emu/parameters/update_timeout
expect_eq "$(cat "$P")" 30 "update_timeout's default"
expect_refused "update_timeout 0" "out of range" -- bash -c "echo 0 >$P"
expect_refused "update_timeout 3601" "out of range" -- bash -c "echo 3601 >$P"
klog_has "update_timeout: '3601' is not a number of seconds between 1 and 3600" ||
	fail "no kernel message naming update_timeout and its range"
expect_eq "$(cat "$P")" 30 "update_timeout after refused values"
echo 2 >"$P"
install_controller /tmp/dies
virtnet update -s >/dev/null
wait "$CTL_PID" 2>/dev/null || true
CTL_PID=
t0=$SECONDS
for _ in $(seq 100); do [ "$(ctl .update_status)" = failed ] && break; sleep 0.1; done
expect_eq "$(ctl '[.controller, .update_status] | @tsv')" "$(printf 'none\tfailed')" \
	"no successor within update_timeout"
((SECONDS - t0 >= 1)) || fail "failed after $((SECONDS - t0)) s, before update_timeout (2 s)"
klog_has 'no successor registered within 2 s: failed' || fail "no kernel message for the expiry"
install_controller "$TOP/build/bin/virtio-net-controller"
start_controller -l debug
expect_eq "$(ctl '[.controller, .update_status] | @tsv')" "$(printf 'running\tfailed')" \
	"a plain start after the expiry"
echo 30 >"$P"

step "kill -9: the kernel sees the controller go"
kill_controller
for _ in $(seq 50); do [ "$(ctl .controller)" = none ] && break; sleep 0.1; done
expect_eq "$(ctl .controller)" none "state after kill -9"
expect_refused "update after kill" "no controller is running" -- virtnet update -s
start_controller
expect_eq "$(ctl '[.controller, .version, .log_level] | @tsv')" "$(printf 'running\t0.1.0\tinfo')" "after restart"
grep -q 'ignoring a malformed event' "$CTL_LOG" && fail "controller events were taken for device events"
kill_controller TERM
echo "ok"
