# The guide's service walkthrough under a real systemd (PID 1), first boot
# of tests/systemd/run: apt install of the packages on a machine without
# them; `systemctl enable --now` loads the module and is active only after
# READY=1; the journal; hotplug and list; `systemctl restart` keeps devices
# and traffic; kill -9 is followed by a restart by systemd with the
# recovery files in step; a package upgrade leaves the old binary running
# until `virtnet update -s`, which keeps the pid and every packet; the
# unit's sandbox. It leaves the devices and the enabled unit for the
# reboot (reboot.sh).
#
# Tiers: none -- tests/systemd/run boots it (tests/vm/run --systemd)
. "$TOP/tests/integration/lib.bash"
. "$TOP/tests/systemd/lib.bash"

VER=$(sed -n 's/^#define VIRTNET_VERSION "\(.*\)"/\1/p' "$TOP/userspace/lib/version.h")
DEBS=$TOP/build/systemd/debs
NEXT=$TOP/build/systemd/next
# GUIDE_MAC, from lib.bash, is the hotplug PF's; the static PF gets pf_mac.
PF_MAC=00:11:22:33:44:55

journal() { journalctl -u "$UNIT" -b --no-pager -o cat; }

step "nothing installed"
[ "$(ps -p 1 -o comm=)" = systemd ] || fail "PID 1 is $(ps -p 1 -o comm=), not systemd"
dpkg -s virtnet >/dev/null 2>&1 && fail "virtnet is installed already"
[ -d /sys/module/virtnet_emu ] && fail "virtnet_emu is loaded already"

step "apt install ./virtnet*.deb"
# DKMS builds the module, through tests/systemd/dkms-make (first on the
# maintainer scripts' PATH): it hands over the module tests/vm/run built for
# this kernel instead of compiling it under TCG (minutes). Only this kernel's headers stay visible: the
# postinst builds for every kernel with headers, and the others have no
# prebuilt module.
ln -s "$TOP/tests/systemd/dkms-make" /usr/local/bin/make
# The VM has no network, and parsing the host's package lists takes apt a
# minute under TCG: an offline machine's apt, which installs local
# packages whose dependencies are there.
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
# apt runs dpkg with its own PATH (DPkg::Path): put /usr/local/bin on it.
echo 'DPkg::Path "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";' \
	>/etc/apt/apt.conf.d/99virtnet-test
mkdir -p /etc/virtnet-test
echo "$VIRTNET_MODULE" >/etc/virtnet-test/prebuilt-module
for b in /lib/modules/*/build; do
	[ "$b" = "/lib/modules/$K/build" ] || rm -f "$b"
done
apt-get install -y "$DEBS/virtnet_${VER}_amd64.deb" "$DEBS/virtnet-dkms_${VER}_all.deb" ||
	fail "apt-get install failed"
dpkg -s virtnet virtnet-dkms | grep -q '^Status: install ok installed' || fail "not installed"
dkms status -m virtnet -v "$VER" -k "$K" | grep -q ': installed' ||
	fail "dkms status: $(dkms status)"
grep -q "make (virtnet test): the prebuilt module for $K" "/var/lib/dkms/virtnet/$VER/$K/x86_64/log/make.log" ||
	fail "DKMS did not build through tests/systemd/dkms-make: $(cat "/var/lib/dkms/virtnet/$VER/$K/x86_64/log/make.log" /var/log/virtnet-dkms-make.log)"
case $(modinfo -n virtnet_emu) in
"/lib/modules/$K/updates/dkms/virtnet_emu.ko"*) ;; # DKMS compresses it like the kernel's own
*) fail "the installed module: $(modinfo -n virtnet_emu)" ;;
esac
expect_eq "$(systemctl is-enabled "$UNIT" || true)" disabled "the unit after install"
expect_eq "$(systemctl is-active "$UNIT" || true)" inactive "the unit after install"
[ -d /sys/module/virtnet_emu ] && fail "the install loaded the module"
expect_eq "$(stat -c %a "$CTL_REC")" 700 "recovery directory mode"
[ -f "$SITE/virtnet.conf.example" ] || fail "no virtnet.conf.example"
[ -e "$SITE/virtnet.conf" ] && fail "virtnet.conf exists before the operator writes it"

step "the DPU's ports and the operator's configuration"
cat >/etc/systemd/system/virtnet-test-ports.service <<EOF
[Unit]
Description=The test DPU's uplinks and RDMA devices (tests/systemd/ports)
Before=$UNIT

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/bash $TOP/tests/systemd/ports

[Install]
WantedBy=multi-user.target
EOF
systemctl daemon-reload
systemctl enable --now virtnet-test-ports.service
jq '.pf_mac = "'$PF_MAC'" | .sf_pool_percent = 20 | .sf_pool_force_destroy = 1' \
	"$SITE/virtnet.conf.example" >"$SITE/virtnet.conf"
echo "options virtnet_emu num_static_pf=1 pf_total_sf=20" >/etc/modprobe.d/virtnet.conf

step "systemctl enable --now $UNIT"
systemctl enable --now "$UNIT"
systemctl status --no-pager "$UNIT" || fail "status"
expect_eq "$(prop ActiveState)/$(prop SubState)" active/running "the unit"
expect_eq "$(prop StatusText)" ready "the status the controller notified"
[ -d /sys/module/virtnet_emu ] || fail "ExecStartPre did not load the module"
PID=$(prop MainPID)
expect_eq "$(cat /run/virtio-net-controller/controller.pid)" "$PID" "the pid file"
# Type=notify: systemd's "Started" comes after the controller's READY=1,
# which it sends after its "ready" line.
journal >/tmp/journal.txt
grep -n -e '^ready$' -e '^Started ' /tmp/journal.txt || true
r=$(grep -n '^ready$' /tmp/journal.txt | head -1 | cut -d: -f1)
s=$(grep -n '^Started ' /tmp/journal.txt | head -1 | cut -d: -f1)
[ -n "$r" ] && [ -n "$s" ] && [ "$r" -lt "$s" ] ||
	fail "the journal does not show 'ready' before 'Started': $(cat /tmp/journal.txt)"
grep -q 'static PF 0 up' /tmp/journal.txt || fail "no static PF in the journal"

step "the sandbox"
systemd-analyze security --no-pager "$UNIT" | tee /tmp/security.txt | tail -n 3
score=$(sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p' /tmp/security.txt)
awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.0) }' ||
	fail "exposure level $score, more than the 2.0 the unit is written for"
expect_eq "$(awk '/^CapEff:/ { print $2 }' "/proc/$PID/status")" 0000000000001000 \
	"the controller's effective capabilities (CAP_NET_ADMIN alone)"
# The controller's mount namespace: / read-only, the recovery directory not.
nsenter -t "$PID" -m touch /etc/virtnet-probe 2>/dev/null && fail "/etc is writable for the controller"
nsenter -t "$PID" -m touch "$CTL_REC/.probe" || fail "$CTL_REC is not writable for the controller"
rm -f "$CTL_REC/.probe"

step "hotplug and list"
virtnet hotplug "${GUIDE_ARGS[@]}" | tee /tmp/hotplug.json
virtnet list | jq -c '[.devices[] | {vuid, net_mac, pf_id}]'
expect_eq "$(device_count)" 2 "devices (the static PF and the hotplug PF)"
expect_in_step "after the hotplug"

step "systemctl restart keeps devices and traffic"
host=$(host_nic_by_bus "0000:$(jq -r .bdf /tmp/hotplug.json)") || fail "no host NIC"
connect_ns "$host" "$(jq -r .sf_rep_net_device /tmp/hotplug.json)"
count=$(flood_count vh 10.77.0.2 6)
want=$(kernel_identities)
ip netns exec vh ping -q -f -c "$count" 10.77.0.2 >/tmp/flood.txt 2>&1 &
pinger=$!
sleep 1
systemctl restart "$UNIT"
expect_eq "$(prop ActiveState)" active "after restart"
[ "$(prop MainPID)" != "$PID" ] || fail "restart kept the pid"
PID=$(prop MainPID)
wait "$pinger" || true
cat /tmp/flood.txt
grep -q ' 0% packet loss' /tmp/flood.txt || fail "packets lost across systemctl restart"
expect_eq "$(kernel_identities)" "$want" "devices after restart"
expect_in_step "after restart"

step "kill -9: systemd restarts it (Restart=on-failure)"
expect_eq "$(prop NRestarts)" 0 "restarts before"
kill -9 "$PID"
for _ in $(seq 300); do
	new=$(prop MainPID)
	[ "$new" != 0 ] && [ "$new" != "$PID" ] && [ "$(prop ActiveState)" = active ] && break
	sleep 0.1
done
[ "$new" != 0 ] && [ "$new" != "$PID" ] || fail "no new controller after kill -9: $(systemctl status --no-pager "$UNIT")"
PID=$new
expect_eq "$(prop NRestarts)" 1 "restarts after kill -9"
journal | grep -E 'code=killed, status=9/KILL|Scheduled restart job' || fail "the journal has no kill and restart"
expect_eq "$(kernel_identities)" "$want" "devices after kill -9"
expect_in_step "after the restart by systemd"
virtnet hotplug -i mlx5_1 -m 02:00:00:00:70:01 -t 1500 -n 3 -s 256 >/dev/null
expect_in_step "the restarted controller records a new device"
want=$(kernel_identities)

step "a package upgrade, then virtnet update -s: same pid, no packet lost"
apt-get install -y "$NEXT/virtnet_${VER}+next_amd64.deb" || fail "the upgrade failed"
expect_eq "$(dpkg-query -W -f '${Version}' virtnet)" "$VER+next" "installed version"
expect_eq "$(prop MainPID)" "$PID" "the controller after the upgrade"
case $(readlink "/proc/$PID/exe") in
*'(deleted)') ;;
*) fail "the running controller is not the replaced binary: $(readlink "/proc/$PID/exe")" ;;
esac
expect_eq "$(virtnet version | jq -r '[.controller_running, .controller_installed] | @tsv')" \
	"$(printf '%s\t%s' "$VER" "$VER+next")" "running and installed before the update"
ip netns exec vh ping -q -f -c "$count" 10.77.0.2 >/tmp/flood.txt 2>&1 &
pinger=$!
sleep 1
virtnet update -s >/dev/null
for _ in $(seq 300); do
	[ "$(virtnet update -t | jq -r .update_status)" = done ] && break
	sleep 0.1
done
virtnet update -t
expect_eq "$(virtnet update -t | jq -r '[.update_status, .version, .pid] | @tsv')" \
	"$(printf 'done\t%s\t%s' "$VER+next" "$PID")" "after the live update"
expect_eq "$(prop MainPID)" "$PID" "systemd's main pid after the live update"
expect_eq "$(prop ActiveState)/$(prop NRestarts)" active/1 "the unit after the live update"
expect_eq "$(readlink "/proc/$PID/exe")" /usr/sbin/virtio-net-controller "the binary running now"
wait "$pinger" || true
cat /tmp/flood.txt
grep -q ' 0% packet loss' /tmp/flood.txt || fail "packets lost during the live update"
expect_eq "$(kernel_identities)" "$want" "devices after the live update"
expect_in_step "after the live update"
journal | grep "live update complete: version $VER+next" || fail "no live update in the journal"

step "left for the reboot"
mkdir -p "$STATE"
kernel_identities >"$STATE/devices"
cat "$STATE/devices"
expect_eq "$(systemctl is-enabled "$UNIT")" enabled "the unit at shutdown"
