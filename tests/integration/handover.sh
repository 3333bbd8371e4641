#!/bin/bash
# The hand-over: an existing function moves from the host's virtio bus to
# the vdpa bus and back with one `virtnet modify ... device --mode`, under
# traffic, keeping its identity (id, VUID, BDF, MAC, SF, representor and
# its ifindex); vhost_vdpa gives it to a test program that plays a VM;
# the host NIC returns with the function. A hotplug PF, a static PF and a
# VF; `hotplug --mode vdpa`; the controller records the mode, and its
# restart after a module reload brings the function
# back in it; refusals change nothing.
#
# Tiers: 6.12 -- needs CONFIG_VDPA (bookworm's 6.1 refuses the mode:
# netlink_hostile.sh)
. "$(dirname "$0")/lib.bash"

vdpa_prepare
count=$(volume 2000 500)
setup_ports
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "recovery": 1}'
start_controller

# identity VUID: what a hand-over must not change.
identity() {
	virtnet list | jq -r --arg u "$1" '.devices[] | select(.vuid == $u) |
		"\(.pf_id // "-") \(.bdf) \(.sf_num) \(.net_mac | ascii_downcase) \(.sf_rep_net_device) \(.sf_rep_net_ifindex)"'
}
mode_of() {
	virtnet list | jq -r --arg u "$1" '.devices[] | select(.vuid == $u) | "\(.mode) \(.vdpa_device // "-")"'
}
# recorded VUID: the mode and vdpa name in its recovery file, once the
# controller has caught up.
recorded() {
	local f=$CTL_REC/$1.json i
	for i in $(seq 100); do
		if [ -e "$f" ] && [ "$(jq -r '"\(.mode // "virtio") \(.vdpa_name // "-")"' "$f")" = "$2" ]; then
			echo "recorded: $1 $2"
			return 0
		fi
		sleep 0.1
	done
	fail "recovery file of $1: $(cat "$f" 2>/dev/null) (wanted '$2')"
}

step "a hotplug PF: the host NIC passes traffic"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
vuid=VNETS1D0F0
rep=en3f0pf0sf2000
id0=$(identity $vuid)
echo "identity: $id0"
expect_eq "$(mode_of $vuid)" "virtio -" "mode"
recorded $vuid "virtio -"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" "$rep"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2

step "to vDPA under traffic: the host NIC goes, the identity stays"
# The representor's side floods the function while it changes buses.
ip netns exec vd ping -f -w 30 10.77.0.1 >/dev/null 2>&1 &
flood=$!
sleep 1
virtnet modify -u $vuid device --mode vdpa --vdpa-name hv0 | jq -c '{mode, vdpa_device}'
host_nic_by_bus 0000:85:00.0 >/dev/null && fail "the host NIC is still there"
ip netns exec vh ip -o link | grep -q virtio && fail "virtio_net still has a NIC in vh"
vdpa dev show hv0
expect_eq "$(mode_of $vuid)" "vdpa hv0" "mode"
# The representor moved netns with connect_ns: its ifindex is read there.
expect_eq "$(identity $vuid)" "$id0" "identity after the hand-over"
expect_eq "$(ip netns exec vd cat /sys/class/net/$rep/ifindex)" "${id0##* }" "representor ifindex"
recorded $vuid "vdpa hv0"
kill $flood 2>/dev/null || true
wait $flood 2>/dev/null || true

step "refusals change nothing"
expect_refused "the same mode again" "in that mode already" -- \
	virtnet modify -u $vuid device --mode vdpa
expect_refused "unplug in vDPA mode" "vdpa dev del|hand it back" -- virtnet unplug -u $vuid
expect_refused "a taken vdpa name" "vdpa_name: a vDPA device with that name exists" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:0e:09 -t 1500 -n 3 -s 256 --mode vdpa --vdpa-name hv0
expect_eq "$(mode_of $vuid)" "vdpa hv0" "mode after refusals"

step "vhost_vdpa: numbered frames both ways ($count each); no hand-back while it runs"
bind_to hv0 vhost_vdpa
node=$(vhost_node hv0)
coproc PEER { ip netns exec vd vhost-vdpa-peer --hold --count "$count" "$node" "$rep"; }
read -r -t 300 result <&"${PEER[0]}" || fail "vhost-vdpa-peer printed nothing"
echo "$result"
expect_refused "hand back while a vhost owner drives it" "vhost owner" -- \
	virtnet modify -u $vuid device --mode virtio
exec {PEER[1]}>&-
wait "$PEER_PID" || fail "vhost-vdpa-peer: $result"

step "back to the virtio bus: the host NIC returns and passes traffic"
virtnet modify -u $vuid device --mode virtio | jq -c '{mode}'
vdpa dev show hv0 2>/dev/null && fail "hv0 is still on the vdpa bus"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC after the hand-back"
expect_eq "$(cat "/sys/class/net/$host/address")" "$(tr A-Z a-z <<<"$GUIDE_MAC")" "host MAC"
expect_eq "$(identity $vuid)" "$id0" "identity after the hand-back"
expect_eq "$(mode_of $vuid)" "virtio -" "mode"
recorded $vuid "virtio -"
ip link set "$host" netns vh
ip -n vh addr add 10.77.0.1/24 dev "$host"
ip -n vh link set "$host" up
for i in $(seq 50); do
	[ "$(ip netns exec vh cat "/sys/class/net/$host/operstate")" = up ] && break
	sleep 0.1
done
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2
ip netns del vh
ip netns del vd

step "hotplug --mode vdpa; the controller records it and a reload restores it"
virtnet modify -u $vuid device --mode vdpa --vdpa-name hv0 >/dev/null
out=$(virtnet hotplug -i mlx5_1 -m 02:00:00:00:0e:01 -t 1500 -n 3 -s 256 --mode vdpa)
vuid1=$(jq -r .vuid <<<"$out")
expect_eq "$(mode_of "$vuid1")" "vdpa $vuid1" "hotplug --mode vdpa (the VUID names it)"
recorded "$vuid1" "vdpa $vuid1"
recorded $vuid "vdpa hv0"
expect_in_step "before the reload"
kill_controller TERM
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS
start_controller
grep -i 'recovery' "$CTL_LOG.cur" | tail -5
expect_in_step "after the reload"
expect_eq "$(mode_of $vuid)" "vdpa hv0" "mode after the reload"
expect_eq "$(mode_of "$vuid1")" "vdpa $vuid1" "mode after the reload"
vdpa dev show hv0 >/dev/null
bind_to hv0 vhost_vdpa
ip link set "$rep" up
vhost-vdpa-peer --count 200 "$(vhost_node hv0)" "$rep"

step "vdpa dev del removes a hotplug PF"
vdpa dev del "$vuid1"
for i in $(seq 100); do
	[ ! -e "$CTL_REC/$vuid1.json" ] && break
	sleep 0.1
done
[ -e "$CTL_REC/$vuid1.json" ] && fail "recovery file of a deleted function"
expect_eq "$(device_count)" 1 "devices after vdpa dev del"
virtnet modify -u $vuid device --mode virtio >/dev/null
virtnet unplug -u $vuid
kill_controller TERM

step "a static PF and its VF"
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=1 num_vf=2 pf_total_sf=40
rm -f "$CTL_REC"/*.json
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "pf_mac": "00:11:22:33:44:55", "recovery": 1}'
start_controller
pf=$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | .vuid')
pfdev=/sys/class/net/$(host_nic_by_bus 0000:85:00.3)/device
echo 1 >"$pfdev/sriov_numvfs"
vf=$(virtnet list | jq -r '.devices[] | select(.function_type == "VF") | .vuid')
[ -n "$pf" ] && [ -n "$vf" ] || fail "no static PF or VF: $(virtnet list)"
idvf=$(identity "$vf")
virtnet modify -p 0 -v 0 device --mode vdpa --vdpa-name hvf >/dev/null
expect_eq "$(mode_of "$vf")" "vdpa hvf" "VF mode"
expect_eq "$(identity "$vf")" "$idvf" "VF identity"
if out=$(bash -c "echo 0 >$pfdev/sriov_numvfs" 2>&1); then
	fail "sriov_numvfs 0 with a VF in vDPA mode: accepted"
fi
echo "refused as expected (sriov_numvfs 0 while a VF is in vDPA mode): $out"
klog_has "hand it back first" || fail "no message says why"
step "the static PF moves too; its sriov files move with it"
idpf=$(identity "$pf")
pfid=$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | .pf_id')
virtnet modify -p "$pfid" device --mode vdpa --vdpa-name hvpf >/dev/null
expect_eq "$(cat /sys/bus/vdpa/devices/hvpf/sriov_numvfs)" 1 "sriov_numvfs on the vdpa device"
expect_eq "$(identity "$pf")" "$idpf" "static PF identity"
recorded "$pf" "vdpa hvpf"
recorded "$vf" "vdpa hvf"
step "a reload brings the static PF and its VF back in vDPA mode"
expect_in_step "before the reload"
kill_controller TERM
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=1 num_vf=2 pf_total_sf=40
start_controller
grep -i 'recovery' "$CTL_LOG.cur" | tail -5
expect_in_step "after the reload"
expect_eq "$(mode_of "$pf") $(mode_of "$vf")" "vdpa hvpf vdpa hvf" "modes after the reload"
# A reload makes new representors: all but their ifindex come back.
expect_eq "$(identity "$vf" | cut -d' ' -f1-5)" "$(cut -d' ' -f1-5 <<<"$idvf")" "VF identity after the reload"
idvf=$(identity "$vf")
step "vdpa dev del gives a static PF and a VF back to the virtio bus"
vdpa dev del hvf
vdpa dev del hvpf
expect_eq "$(mode_of "$vf") $(mode_of "$pf")" "virtio - virtio -" "modes after vdpa dev del"
host_nic_by_bus 0000:85:00.3 >/dev/null || fail "no host NIC for the static PF"
expect_eq "$(identity "$vf")" "$idvf" "VF identity"
recorded "$vf" "virtio -"
echo 0 >"$pfdev/sriov_numvfs" 2>/dev/null ||
	echo 0 >"/sys/class/net/$(host_nic_by_bus 0000:85:00.3)/device/sriov_numvfs"
kill_controller TERM
echo "ok"
