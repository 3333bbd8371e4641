# The boot after service.sh's (tests/systemd/run): the module is gone with
# the old kernel, the disk kept the packages, the enabled unit, virtnet.conf
# and the recovery files. The unit brings every device back at boot; the
# devices carry traffic; `systemctl stop` with sf_pool_force_destroy 1
# removes the pool and leaves the devices; `apt remove` takes the module
# and the unit off the disk and keeps the recovery files; `apt purge`
# takes the configuration too.
#
# Tiers: none -- tests/systemd/run boots it after service.sh
. "$TOP/tests/integration/lib.bash"
. "$TOP/tests/systemd/lib.bash"

pool_idle() { virtnet list | jq -r '[.controller.ports[].sf_pool_idle] | join(" ")'; }

step "the unit brought the devices back at boot"
[ -s "$STATE/devices" ] || fail "no device list from the first boot"
expect_eq "$(systemctl is-enabled "$UNIT")" enabled "the unit"
expect_eq "$(prop ActiveState)/$(prop SubState)/$(prop NRestarts)" active/running/0 "the unit at boot"
[ -d /sys/module/virtnet_emu ] || fail "the module is not loaded"
case $(modinfo -n virtnet_emu) in
"/lib/modules/$K/updates/dkms/virtnet_emu.ko"*) ;;
*) fail "the module file: $(modinfo -n virtnet_emu)" ;;
esac
expect_eq "$(kernel_identities)" "$(cat "$STATE/devices")" "devices after the reboot"
expect_in_step "after the reboot"
journalctl -u "$UNIT" -b --no-pager -o cat | tee /tmp/journal.txt | grep -i recover ||
	fail "no recovery in the journal"
expect_eq "$(pool_idle)" "4 4" "idle SFs per port (sf_pool_percent 20 of pf_total_sf 20)"

step "traffic on the hotplug PF"
dev=$(virtnet list | jq -c --arg m "$(echo "$GUIDE_MAC" | tr A-F a-f)" \
	'.devices[] | select((.net_mac | ascii_downcase) == $m)')
host=$(host_nic_by_bus "0000:$(jq -r .bdf <<<"$dev")") || fail "no host NIC for $dev"
connect_ns "$host" "$(jq -r .sf_rep_net_device <<<"$dev")"
ip netns exec vh ping -q -c 20 -i 0.05 10.77.0.2 | tee /tmp/ping.txt
grep -q ' 0% packet loss' /tmp/ping.txt || fail "packets lost"

step "systemctl stop with sf_pool_force_destroy 1: the pool goes, the devices stay"
want=$(kernel_identities)
systemctl stop "$UNIT"
expect_eq "$(prop ActiveState)" inactive "after stop"
expect_eq "$(pool_idle)" "0 0" "idle SFs after stop"
expect_eq "$(kernel_identities)" "$want" "devices after stop"
ip netns exec vh ping -q -c 5 -i 0.05 10.77.0.2 >/dev/null || fail "no traffic without the controller"

step "apt remove: unit and module gone, recovery files kept"
apt-get remove -y virtnet virtnet-dkms || fail "apt-get remove failed"
[ -e /lib/systemd/system/$UNIT ] && fail "the unit file is still there"
systemctl cat "$UNIT" >/dev/null 2>&1 && fail "systemd still knows the unit"
modinfo -n virtnet_emu 2>/dev/null && fail "the module is still installed"
[ -z "$(dkms status -m virtnet)" ] || fail "dkms still has it: $(dkms status -m virtnet)"
command -v virtnet >/dev/null && fail "virtnet is still installed"
files=$(ls "$CTL_REC"/*.json | wc -l)
[ "$files" -eq "$(wc -l <"$STATE/devices")" ] || fail "recovery files after remove: $files"
[ -f "$SITE/virtnet.conf" ] || fail "virtnet.conf went with remove"

step "apt purge: the configuration goes too"
apt-get purge -y virtnet virtnet-dkms || fail "apt-get purge failed"
[ -e "$SITE/virtnet.conf" ] && fail "virtnet.conf survived purge"
[ -e "$CTL_REC" ] && fail "the recovery files survived purge"
dpkg -l virtnet virtnet-dkms 2>/dev/null | grep -E '^(ii|rc)' && fail "package state left"
echo "purged"
