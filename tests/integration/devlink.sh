# The eswitch through devlink: one instance per port (platform device
# virtnet_emu.<port>) in switchdev mode; every representor, bound or idle
# in the SF pool, a pcisf port (controller 0, pfnum, sfnum) linked to its
# netdev, which `ip -d link` shows with its port name, switch id and
# parent; port function hw_addr (the rules of `virtnet modify -m`) and
# state/opstate; `devlink port add/del` for idle SFs, which the next
# hotplug takes; bad input refused with a message, changing nothing; a
# hw_addr set reaching the controller's recovery file; and
# devlink port add/del, hotplug, unplug and sriov_numvfs writes in
# parallel (on the debug kernel, lockdep watches the lock order).
#
# Tiers: 6.1 debug -- the devlink APIs differ between 6.1 and 6.12; on 6.12 the
# debug kernel runs it (the same API as stock 6.12, with lockdep watching the
# parallel port add/del)
. "$(dirname "$0")/lib.bash"

E0=platform/virtnet_emu.0
E1=platform/virtnet_emu.1
# jq starts slowly under TCG (seconds): one jq per question.
ports() { devlink -j port show | jq -c '.port'; }
# port DEV/INDEX FILTER: jq's FILTER on that port's object
port() { devlink -j port show "$1" | jq -r ".port[\"$1\"] | $2"; }
# agree: devlink's ports are the devices' SFs (active) and the SF pool's
# idle ones (inactive), as `virtnet list` counts them.
agree() {
	expect_eq "$(devlink -j port show | jq -r '[.port[].function.state] | [(map(select(. == "active")) | length), (map(select(. == "inactive")) | length)] | @tsv')" \
		"$(virtnet list | jq -r '[(.devices | length), ([.controller.ports[].sf_pool_idle] | add // 0)] | @tsv')" \
		"active SF ports = devices, inactive = idle pool SFs"
}
# What a refusal must not change: devlink's ports and the devices.
state() { devlink port show; virtnet list; }
# dl_refused WHAT PATTERN -- DEVLINK-ARGS: devlink fails with a message
# matching PATTERN, and neither its ports nor the devices change.
dl_refused() {
	local what=$1 pattern=$2 before out
	shift 3
	before=$(state)
	if out=$(devlink "$@" 2>&1); then
		fail "$what: 'devlink $*' succeeded"
	fi
	grep -Eq -- "$pattern" <<<"$out" || fail "$what: message '$out' does not match /$pattern/"
	[ "$before" = "$(state)" ] || fail "$what: state changed: $(diff <(echo "$before") <(state))"
	echo "refused as expected ($what): $out"
}

step "one devlink instance per port, in switchdev mode"
expect_eq "$(devlink -j dev show | jq -r '.dev | keys | join(" ")')" "$E0 $E1" "instances"
expect_eq "$(devlink -j dev eswitch show $E0 | jq -r ".dev[\"$E0\"].mode")" switchdev "eswitch mode"
dl_refused "legacy mode" "always in switchdev mode" -- dev eswitch set $E1 mode legacy
devlink dev eswitch set $E0 mode switchdev
expect_eq "$(ports)" "{}" "ports before any device"

step "a hotplugged device's representor is a pcisf port linked to its netdev"
VUID=$(virtnet hotplug "${GUIDE_ARGS[@]}" | jq -r .vuid)
read -r REP SF HOST < <(virtnet query -u "$VUID" | jq -r '[.sf_rep_net_device, .sf_num, .host_net_device] | @tsv')
BUS=$(basename "$(readlink -f "/sys/class/net/$HOST/device")")
devlink port show "$E0/$SF"
expect_eq "$(port "$E0/$SF" '[.type, .netdev, .flavour, .controller, .pfnum, .sfnum, .splittable, .function.hw_addr, .function.state, .function.opstate] | @tsv')" \
	"$(printf 'eth\t%s\tpcisf\t0\t0\t%s\tfalse\t%s\tactive\tattached' "$REP" "$SF" "${GUIDE_MAC,,}")" \
	"port attributes and function"
read -r ppn pbus pdev SWID < <(ip -d -j link show "$REP" | jq -r '.[0] | [.phys_port_name, .parentbus, .parentdev, .phys_switch_id] | @tsv')
expect_eq "$ppn $pbus $pdev" "pf0sf$SF platform virtnet_emu.0" "ip -d link"
if [ -z "$SWID" ] || [ "$SWID" = null ]; then fail "no switch id on $REP"; fi

step "an idle SF added with devlink is a port of the right eswitch; the next hotplug takes it"
devlink port add $E1 flavour pcisf pfnum 1 sfnum 1088
expect_eq "$(port "$E1/1088" '[.netdev, .pfnum, .sfnum, .function.hw_addr, .function.state, .function.opstate] | @tsv')" \
	"$(printf 'en3f1pf1sf1088\t1\t1088\t00:00:00:00:00:00\tinactive\tdetached')" "idle SF port"
swid1=$(ip -d -j link show en3f1pf1sf1088 | jq -r '.[0].phys_switch_id')
[ "$swid1" != "$SWID" ] || fail "ports 0 and 1 share a switch id"
agree
V2=$(virtnet hotplug -i mlx5_1 -m 02:00:00:00:d1:02 -t 1500 -n 3 -s 256 | jq -r .vuid)
expect_eq "$(virtnet query -u "$V2" | jq -r .sf_rep_net_device)" en3f1pf1sf1088 "the hotplug took the idle SF"
expect_eq "$(port "$E1/1088" '.function | [.hw_addr, .state] | @tsv')" \
	"$(printf '02:00:00:00:d1:02\tactive')" "the SF's function after hotplug"

step "bad devlink requests are refused and change nothing"
dl_refused "duplicate sfnum" "another SF has this number" -- port add $E0 flavour pcisf pfnum 0 sfnum 1088
dl_refused "sfnum of a device" "another SF has this number" -- port add $E0 flavour pcisf pfnum 0 sfnum "$SF"
dl_refused "sfnum 0" "sfnum: must be between" -- port add $E0 flavour pcisf pfnum 0 sfnum 0
dl_refused "sfnum too big" "sfnum: must be between" -- port add $E0 flavour pcisf pfnum 0 sfnum 100000
dl_refused "the other port's pfnum" "pfnum: must be the eswitch's own port" -- port add $E0 flavour pcisf pfnum 1 sfnum 1090
dl_refused "pcipf flavour" "only pcisf" -- port add $E0 flavour pcipf pfnum 0
dl_refused "del a device's SF" "a device uses this SF" -- port del "$E0/$SF"
dl_refused "del an unknown port" "." -- port del "$E0/4242"
dl_refused "hw_addr while the host driver is bound" "host driver is bound" -- \
	port function set "$E0/$SF" hw_addr 02:00:00:00:d1:03
dl_refused "inactive while a device uses it" "a device uses this SF" -- port function set "$E0/$SF" state inactive
devlink port function set "$E0/$SF" state active

step "hw_addr follows the rules of virtnet modify -m"
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/unbind
expect_eq "$(port "$E0/$SF" .function.opstate)" detached "opstate with no host driver"
# devlink itself refuses a multicast address (6.12), or the module does.
dl_refused "multicast hw_addr" "unicast" -- port function set "$E0/$SF" hw_addr 01:00:5e:00:00:01
dl_refused "zero hw_addr" "unicast" -- port function set "$E0/$SF" hw_addr 00:00:00:00:00:00
dl_refused "another device's hw_addr" "already used by another device" -- \
	port function set "$E0/$SF" hw_addr 02:00:00:00:d1:02
devlink port function set "$E0/$SF" hw_addr 02:00:00:00:d1:03
expect_eq "$(virtnet query -u "$VUID" | jq -r ".net_mac | ascii_downcase")" 02:00:00:00:d1:03 "virtnet query after hw_addr set"
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/bind
expect_eq "$(port "$E0/$SF" '.function | [.hw_addr, .opstate] | @tsv')" \
	"$(printf '02:00:00:00:d1:03\tattached')" "port function after rebind"

step "unplug returns the SF to the pool or removes it; devlink port del removes an idle one"
virtnet unplug -u "$V2" >/dev/null
devlink port show "$E1/1088" >/dev/null 2>&1 && fail "port 1088 outlived its device with no pool"
devlink port add $E0 flavour pcisf pfnum 0 sfnum 1089
devlink port add $E0 flavour pcisf pfnum 0
auto=$(ports | jq -r "keys[] | select(startswith(\"$E0/\"))" | grep -v -e "/$SF\$" -e '/1089$')
expect_eq "$auto" "$E0/3000" "an SF without sfnum takes the pool's first free number"
devlink port del "$E0/1089"
devlink port del "$auto"
expect_eq "$(ports | jq -r 'keys | join(" ")')" "$E0/$SF" "ports after del"
agree
virtnet unplug -u "$VUID" >/dev/null
expect_eq "$(ports)" "{}" "ports after the last unplug"

step "devlink port add/del, hotplug, unplug and sriov_numvfs in parallel"
setup_ports
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "pf_mac": "00:11:22:33:44:55"}'
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=1 num_vf=4 pf_total_sf=40
start_controller
pf0=/sys/class/net/$(host_nic_by_bus 0000:85:00.3)/device
agree

step "a devlink hw_addr change reaches the recovery file"
echo 2 >"$pf0/sriov_numvfs"
vf_bus=$(basename "$(readlink -f "/sys/class/net/$(host_nic_by_bus 0000:85:04.5)/device")")
echo "$vf_bus" >/sys/bus/virtio/drivers/virtio_net/unbind
vf_sf=$(virtnet query -p 0 -v 0 | jq -r .sf_num)
devlink port function set "$E0/$vf_sf" hw_addr 02:00:00:00:d3:01
expect_eq "$(virtnet query -p 0 -v 0 | jq -r ".net_mac | ascii_downcase")" 02:00:00:00:d3:01 "the VF's MAC"
expect_in_step "after devlink hw_addr"
echo 0 >"$pf0/sriov_numvfs"
# Lockdep needs each path once; the stock kernels carry the races.
rounds=$(volume 6 2)
# Refusals (busy, taken) are part of the race; the end state is checked.
set +e
(for ((i = 0; i < rounds; i++)); do
	devlink port add $E0 flavour pcisf pfnum 0 sfnum 1070 && devlink port del $E0/1070
done) >/dev/null 2>&1 &
a=$!
(for ((i = 0; i < rounds; i++)); do
	devlink port add $E1 flavour pcisf pfnum 1 sfnum 1071 && devlink port del $E1/1071
done) >/dev/null 2>&1 &
b=$!
(for ((i = 0; i < rounds; i++)); do
	v=$(virtnet hotplug -i mlx5_1 -m 02:00:00:00:d2:01 -t 1500 -n 3 -s 256 | jq -r .vuid) &&
		virtnet unplug -u "$v"
done) >/dev/null 2>&1 &
c=$!
(for ((i = 0; i < rounds; i++)); do
	echo 2 >"$pf0/sriov_numvfs" && echo 0 >"$pf0/sriov_numvfs"
done) >/dev/null 2>&1 &
d=$!
(for ((i = 0; i < rounds * 4; i++)); do devlink port show; done) >/dev/null 2>&1 &
e=$!
wait $a $b $c $d $e
set -e
expect_eq "$(cat "$pf0/sriov_numvfs")" 0 "sriov_numvfs after the churn"
expect_eq "$(ports | jq -r 'keys[]' | grep -c -e '/1070$' -e '/1071$' || true)" 0 "no added SF left"
agree
kill_controller
