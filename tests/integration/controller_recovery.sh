# Recovery: the controller keeps one file per device in step with the
# kernel, catches up at restart with what changed while it was dead, skips
# corrupt and foreign files without touching good devices, rebuilds every
# device with the same identity, link state and coalescing after a module
# reload, and a ping flood across a device loses nothing while the
# controller restarts. Writes that fail (a read-only directory, a full
# disk) are reported (log, `virtnet list`, STATUS=), leave no partial
# file, never touch the device, and are retried until they work. (kill -9
# at random points of a long run of operations: controller_churn.sh.)
#
# Tiers: 6.12 -- the controller's recovery is userspace; the module reload
# and DEV_NEW paths under it run on the debug kernel in unload, sriov and
# netlink_hostile, on 6.1 in sriov (VFs back after a reload) and the systemd
# tier (every device back after a reboot)
. "$(dirname "$0")/lib.bash"

setup_ports
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0", "recovery": 1}'
start_controller

step "files follow hotplug and unplug"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:01 -t 9000 -n 5 -s 256 >/dev/null
virtnet hotplug -i mlx5_0 -m 02:00:00:00:60:02 -t 1500 -n 3 -s 64 -f 0x100000020 >/dev/null
expect_in_step "after 3 hotplugs"
jq . "$CTL_REC/VNETS1D0F0.json"
jq -e '.port_ib_dev == "mlx5_0" and .function_type == "pf" and .device_type == "hotplug" and
	.bdf_raw == 34048 and .mac == "0c:c4:7a:ff:22:93" and .pf_num == 0 and .sf_num == 2000 and
	.mq == 1 and .pf_id == 0' "$CTL_REC/VNETS1D0F0.json" >/dev/null || fail "the guide's fields"
[ "$(stat -c %a "$CTL_REC/VNETS1D0F0.json")" = 600 ] || fail "file mode"
virtnet unplug -u VNETS1D1F0 >/dev/null
expect_in_step "after an unplug"
[ ! -e "$CTL_REC/VNETS1D1F0.json" ] || fail "the unplugged device's file is still there"

step "changes while the controller is dead (kill -9) are caught up at restart"
kill_controller
virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:03 -t 1500 -n 3 -s 256 >/dev/null
virtnet unplug -u VNETS1D2F0 >/dev/null
start_controller
expect_in_step "after restart"
grep -q 'VNETS1D2F0 was unplugged while the controller was away' "$CTL_LOG" || fail "log"

step "corrupt and foreign files are reported and skipped"
printf '{"port_ib_dev": "mlx5_0", "pf_id": ' >"$CTL_REC/VNETS1D9F0.json"
head -c 300 /dev/urandom >"$CTL_REC/VNETS1D8F0.json"
echo '{"hello": "world"}' >"$CTL_REC/foreign.json"
cp "$CTL_REC/VNETS1D0F0.json" "$CTL_REC/VNETS1D7F0.json"	# misnamed duplicate
kill_controller
start_controller
for f in VNETS1D9F0 VNETS1D8F0 foreign VNETS1D7F0; do
	grep -q "skipping $CTL_REC/$f.json" "$CTL_LOG.cur" || fail "$f.json not reported: $(cat "$CTL_LOG.cur")"
	[ -e "$CTL_REC/$f.json" ] || fail "$f.json was deleted"
done
expect_eq "$(device_count)" 2 "devices after the bad files"
rm -f "$CTL_REC"/VNETS1D9F0.json "$CTL_REC"/VNETS1D8F0.json "$CTL_REC"/foreign.json "$CTL_REC"/VNETS1D7F0.json
kill_controller
start_controller	# VNETS1D0F0's clash with the copy is gone: recorded again
expect_in_step "after removing the bad files"

step "a ping flood loses nothing across kill -9 and restart"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf2000
restarts() {
	kill_controller
	start_controller
	kill_controller TERM
	start_controller
}
# The flood must span the restarts, whose length varies several times over
# on a loaded machine (6 s alone; on one run a flood sized for 16 s ended
# first, on another one sized the same way lasted 106 s). So it is a loop
# of short floods (about 1 s each by a calibration, every reply awaited, so
# none is cut short) from before the restarts begin until after they end;
# every flood must have lost nothing. (Not two loops to fill the gaps
# between floods: two floods from one netns make ping report a lost reply
# now and then, without any restart, while the host's IcmpInEchoReps
# counts every reply: that tests ping, not the device.)
chunk=$(flood_count vh 10.77.0.2 1)
rm -f /tmp/flood.stop /tmp/flood.txt
flood_loop() {
	while [ ! -e /tmp/flood.stop ]; do
		ip netns exec vh ping -q -f -c "$chunk" 10.77.0.2 >>/tmp/flood.txt 2>&1 ||
			echo "ping exited with status $?" >>/tmp/flood.txt
	done
}
flood_loop &
flooder=$!
sleep 1
restarts
touch /tmp/flood.stop
wait "$flooder"
grep -E 'packets transmitted|status' /tmp/flood.txt || :
floods=$(grep -c 'packets transmitted' /tmp/flood.txt) || :
[ "${floods:-0}" -ge 2 ] || fail "only ${floods:-0} flood(s) ran across the restarts"
if grep -E 'packets transmitted|status' /tmp/flood.txt | grep -qv ' 0% packet loss'; then
	fail "packets lost during the restarts"
fi
echo "$floods floods of $chunk packets across the restarts, none lost"
ip netns exec vh ip link set "$host" netns 1
ip netns exec vd ip link set en3f0pf0sf2000 netns 1
ip netns del vh
ip netns del vd

step "more devices, of every shape, for the reload"
virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:04 -t 9000 -n 5 -s 256 >/dev/null
virtnet hotplug -i mlx5_0 -m 02:00:00:00:60:05 -t 1500 -n 3 -s 64 -f 0x100000020 >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:06 -t 4000 -n 5 -s 512 >/dev/null
expect_in_step "before the reload"

step "module reload: every device comes back with the same identity"
want=$(kernel_identities)
echo "$want"
kill_controller TERM
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS
expect_eq "$(device_count)" 0 "devices after reload"
start_controller
expect_eq "$(kernel_identities)" "$want" "identities after the rebuild"
expect_in_step "after the rebuild"
grep -q 'rebuilding missing devices' "$CTL_LOG.cur" || fail "no rebuild in the log"
first=$(virtnet list | jq -r '.devices[0].bdf')
host=$(host_nic_by_bus "0000:$first") || fail "no host NIC for $first after the rebuild"
rep=$(virtnet list | jq -r '.devices[0].sf_rep_net_device')
connect_ns "$host" "$rep"
ip netns exec vh ping -c 3 -W 2 10.77.0.2

step "a restart on the same module does not rebuild what was unplugged"
kill_controller
virtnet unplug -u "$(virtnet list | jq -r '.devices[0].vuid')" >/dev/null
start_controller
expect_in_step "after unplug + restart"

# wait_file JQ-FILTER FILE WHAT: up to 10 s for the controller to write
# FILE so that the filter holds.
wait_file() {
	local i
	for i in $(seq 100); do
		jq -e "$1" "$2" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	fail "$3: $(cat "$2")"
}

step "module reload: the link state and coalescing come back"
vuid=$(virtnet hotplug -i mlx5_1 -m 02:00:00:00:60:0a -t 1500 -n 3 -s 256 | jq -r .vuid)
[ -n "$vuid" ] && [ "$vuid" != null ] || fail "hotplug gave no vuid"
virtnet modify -u "$vuid" device -l down >/dev/null
virtnet modify -u "$vuid" queue -d rx -p 50 -n 8 >/dev/null
virtnet modify -u "$vuid" queue -d tx -n 4 >/dev/null
want_file='.link_up == false and .rx_coal_usecs == 50 and .rx_coal_max_packets == 8 and
	.tx_coal_max_packets == 4 and (has("tx_coal_usecs") | not)'
wait_file "$want_file" "$CTL_REC/$vuid.json" "the file does not hold the link and coalescing"
kill_controller TERM
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS
start_controller
expect_in_step "after the second rebuild"
q=$(virtnet query -u "$vuid")
expect_eq "$(jq -c '[.link_status, .coalescing.rx.usecs, .coalescing.rx.max_packets,
	.coalescing.tx.usecs, .coalescing.tx.max_packets]' <<<"$q")" "[0,50,8,0,4]" \
	"link_status and coalescing after the rebuild"
host=$(host_nic_by_bus "0000:$(jq -r .bdf <<<"$q")") || fail "no host NIC for $vuid"
rep=$(jq -r .sf_rep_net_device <<<"$q")
ip link set "$host" up
ip link set "$rep" up
sleep 0.5
expect_eq "$(cat "/sys/class/net/$host/carrier")" 0 "host NIC carrier after the rebuild"
expect_eq "$(cat "/sys/class/net/$rep/carrier")" 0 "representor carrier after the rebuild"
virtnet modify -u "$vuid" device -l up >/dev/null
wait_file 'has("link_up") | not' "$CTL_REC/$vuid.json" "link up is the default, not written"
expect_eq "$(cat "/sys/class/net/$host/carrier")" 1 "host NIC carrier after link up"

step "recovery: 0 writes nothing"
kill_controller TERM
rm -rf "$CTL_REC"
write_conf '{"recovery": 0}'
start_controller
virtnet hotplug -i mlx5_0 -m 02:00:00:00:60:09 -t 1500 -n 3 -s 256 >/dev/null
sleep 1
[ ! -e "$CTL_REC" ] || fail "recovery 0 created $CTL_REC: $(ls -la "$CTL_REC")"
kill_controller TERM

# wait_status JQ WHAT [SECONDS]: until `virtnet list`'s controller.status
# passes JQ (default 15 s).
wait_status() {
	local i
	for i in $(seq $((${3:-15} * 10))); do
		virtnet list | jq -e ".controller.status | $1" >/dev/null && return 0
		sleep 0.1
	done
	fail "$2: status $(virtnet list | jq -c .controller.status)"
}
no_temp_files() {
	! ls -A "$CTL_REC" | grep -q '\.tmp\.' || fail "$1: temporary files left: $(ls -A "$CTL_REC")"
}

step "a read-only recovery directory: reported, retried; the device runs without its file"
mkdir -p "$CTL_REC"
mount -t tmpfs -o size=1m,mode=0700 tmpfs "$CTL_REC"
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "ib_dev_for_static_pf": "mlx5_0", "recovery": 1}'
notify_listen
NOTIFY_SOCKET=$NOTIFY_SOCK start_controller
expect_in_step "on a fresh tmpfs"
gone=$(virtnet list | jq -r '[.devices[] | select(.function_type == "hotplug PF")][0].vuid')
mount -o remount,ro "$CTL_REC"
t0=$EPOCHREALTIME
out=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:61:01 -t 1500 -n 3 -s 256)
new=$(jq -r .vuid <<<"$out")
virtnet unplug -u "$gone" >/dev/null
# Each failure is shown as it happens; a retry then shows the first it
# meets, the write.
notify_wait "STATUS=degraded: recovery: cannot remove $CTL_REC/$gone.json: Read-only file system; retrying"
wait_status "index(\"recovery: cannot write $CTL_REC/$new.json: Read-only file system; retrying\")" \
	"the failed write" 40
grep -q "\[err\] recovery: cannot remove the file of $gone: cannot remove '$CTL_REC/$gone.json': Read-only file system" \
	"$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
grep -Eq "\[err\] recovery: cannot record device [0-9]+ \($new\): cannot create '$CTL_REC/$new.json.tmp.[0-9]+': Read-only file system" \
	"$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
grep -q '\[err\] recovery: retrying in 1 s (the devices keep running)' "$CTL_LOG.cur" || fail "log: no retry"
notify_wait "STATUS=degraded: recovery: cannot write $CTL_REC/$new.json: Read-only file system; retrying"
notify_status "degraded: recovery: cannot write $CTL_REC/$new.json: Read-only file system; retrying"
host=$(host_nic_by_bus "0000:$(jq -r .bdf <<<"$out")") || fail "no host NIC for $new"
ethtool -i "$host" | grep -q '^driver: virtio_net' || fail "$new: not bound to virtio_net"
expect_eq "$(virtnet query -u "$new" | jq -r .vuid)" "$new" "the device is there"
[ ! -e "$CTL_REC/$new.json" ] && [ -e "$CTL_REC/$gone.json" ] || fail "files: $(ls -A "$CTL_REC")"
no_temp_files "read-only"
echo "status: $(virtnet -j list | jq -c .controller.status)"

step "writable again: the files catch up within the retry bound, without a restart"
mount -o remount,rw "$CTL_REC"
t1=$EPOCHREALTIME
wait_status 'length == 0' "the status after the directory came back" 70
t2=$EPOCHREALTIME
expect_in_step "after the retry"
[ ! -e "$CTL_REC/$gone.json" ] || fail "the unplugged device's file is back or still there"
grep -q "recovery: writing to $CTL_REC works again" "$CTL_LOG.cur" || fail "log: $(cat "$CTL_LOG.cur")"
notify_status ready
echo "read-only for $(bc <<<"$t1 - $t0") s; files in step $(bc <<<"$t2 - $t1") s after the remount"

step "disk full: a failed rewrite keeps the old file whole, leaves no temporary file, and is retried"
cp "$CTL_REC/$new.json" "$CTL_DIR/before.json"
head -c 2M /dev/zero >"$CTL_REC/filler" 2>/dev/null || true
virtnet modify -u "$new" device -l down >/dev/null
wait_status "index(\"recovery: cannot write $CTL_REC/$new.json: No space left on device; retrying\")" \
	"the failed rewrite"
expect_eq "$(virtnet query -u "$new" | jq .link_status)" 0 "link_status: the link change stays"
notify_status "degraded: recovery: cannot write $CTL_REC/$new.json: No space left on device; retrying"
cmp "$CTL_REC/$new.json" "$CTL_DIR/before.json" || fail "the old file changed"
no_temp_files "disk full"
grep -Eq "cannot write '$CTL_REC/$new.json.tmp.[0-9]+': No space left on device" "$CTL_LOG.cur" ||
	fail "log: $(cat "$CTL_LOG.cur")"
rm "$CTL_REC/filler"
wait_status 'length == 0' "the status after space came back" 70
wait_file '.link_up == false' "$CTL_REC/$new.json" "the file does not hold the link change"
notify_status ready
expect_in_step "after space came back"
kill_controller TERM
notify_stop
echo "notifications: $(notifications | tr '\n' '|')"
umount "$CTL_REC"
echo "ok"
