# SR-IOV VFs of static PFs, as the host sees them: sriov_totalvfs and
# sriov_numvfs on the PF's device; `echo N` returns with N virtio_net NICs
# present (85:04.5.. for static PF 0, 95:00.1.. for static PF 1), each with
# an SF representor (3000+); `echo 0` removes them; N to another N is EBUSY
# as on PCI. VFs carry traffic, show in `virtnet list` and `query -p -v`,
# cannot be unplugged, get a MAC by `virtnet modify` only while unbound,
# are recorded by the controller and come back after a module reload.
# Contradictory topology parameters are refused at load.
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching); sriov_scale carries
# 6.12's volume
. "$(dirname "$0")/lib.bash"

setup_ports
reload() { # PARAMS...
	rmmod virtnet_emu
	insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "$@"
}
refused_load() { # MESSAGE PARAMS...
	local msg=$1
	shift
	rmmod virtnet_emu 2>/dev/null || true
	if insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "$@" 2>/dev/null; then
		fail "loaded with $*"
	fi
	klog_has "$msg" || fail "no load message '$msg'"
	echo "refused at load as expected ($*): $msg"
}
# sysfs_refused WHAT ERRNO-TEXT FILE VALUE
sysfs_refused() {
	local out
	if out=$(bash -c "echo $4 > $3" 2>&1); then
		fail "$1: accepted"
	fi
	grep -q "$2" <<<"$out" || fail "$1: $out"
	echo "refused as expected ($1): $out"
}
vf_nics() { # BUS-IDS...: each must be a virtio_net host NIC now
	local b
	for b in "$@"; do
		host_nic_by_bus "$b" >/dev/null || fail "no host NIC at $b"
	done
}

step "contradictory topology parameters are refused at load"
refused_load "num_vf=2: VFs belong to static PFs, but num_static_pf is 0" num_vf=2
refused_load "num_vf=127: must be between 0 and 126" num_static_pf=1 num_vf=127
refused_load "pf_total_sf=64: must be between hotplug_ports + num_static_pf * (1 + num_vf) (270)" \
	num_static_pf=2 num_vf=126
refused_load "num_msix=2: must be between 3 and 64" num_msix=2
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=2 num_vf=4 pf_total_sf=40 num_msix=6

step "the queue bound is min(num_msix, max_virtq)"
expect_refused "7 queues with num_msix 6" "3 to min\(num_msix, max_virtq\)" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:b0:01 -t 1500 -n 7 -s 256
virtnet hotplug -i mlx5_0 -m 02:00:00:00:b0:01 -t 1500 -n 5 -s 256 >/dev/null
virtnet list | jq -c .controller
expect_eq "$(virtnet list | jq -r '.controller | [.max_vfs, .max_msix, .max_virt_queues] | @tsv')" \
	"$(printf '4\t6\t31')" "capabilities"

step "static PFs have sriov_totalvfs and sriov_numvfs; hotplug PFs do not"
write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "pf_mac": "00:11:22:33:44:55"}'
start_controller
pf0=/sys/class/net/$(host_nic_by_bus 0000:85:00.3)/device
pf1=/sys/class/net/$(host_nic_by_bus 0000:85:00.4)/device
hp=/sys/class/net/$(host_nic_by_bus 0000:85:00.0)/device
expect_eq "$(cat "$pf0/sriov_totalvfs") $(cat "$pf0/sriov_numvfs")" "4 0" "PF 0 sysfs"
[ -e "$hp/sriov_numvfs" ] && fail "a hotplug PF has sriov_numvfs"
expect_refused "a hotplug PF's VF" "is a hotplug PF: only static PFs have VFs" -- \
	virtnet query -p 0 -v 0

step "echo 3 > sriov_numvfs: three VFs exist when it returns"
echo 3 >"$pf0/sriov_numvfs"
vf_nics 0000:85:04.5 0000:85:04.6 0000:85:04.7
expect_eq "$(cat "$pf0/sriov_numvfs")" 3 "sriov_numvfs"
virtnet list | jq -c '.devices[] | select(.function_type == "VF")'
expect_eq "$(virtnet list | jq -r '.devices[] | select(.function_type == "VF") | [.vf_id, .parent_pf_id, .vuid, .bdf, .sf_num, .sf_rep_net_device, .max_queues, .max_queues_size, .net_mtu] | @tsv')" \
	"$(printf '0\t1\tVNETS0D0F2VF1\t85:04.5\t3000\ten3f0pf0sf3000\t3\t256\t1500\n1\t1\tVNETS0D0F2VF2\t85:04.6\t3001\ten3f0pf0sf3001\t3\t256\t1500\n2\t1\tVNETS0D0F2VF3\t85:04.7\t3002\ten3f0pf0sf3002\t3\t256\t1500')" \
	"VFs in list"
expect_eq "$(virtnet query -p 1 -v 2 | jq -r .vuid)" VNETS0D0F2VF3 "query -p 1 -v 2"
expect_in_step "VFs recorded"

step "a VF passes traffic"
vf=$(host_nic_by_bus 0000:85:04.6)
connect_ns "$vf" en3f0pf0sf3001
ip netns exec vh ping -c 3 -W 2 10.77.0.2
ip netns del vh
ip netns del vd
for i in $(seq 50); do netdev_exists en3f0pf0sf3001 && break; sleep 0.1; done

step "what PCI refuses is refused"
sysfs_refused "3 to 2 VFs" "busy" "$pf0/sriov_numvfs" 2
sysfs_refused "more than sriov_totalvfs" "out of range" "$pf0/sriov_numvfs" 5
sysfs_refused "not a number" "Invalid argument" "$pf0/sriov_numvfs" x
expect_eq "$(cat "$pf0/sriov_numvfs")" 3 "sriov_numvfs after refusals"
expect_refused "unplug a VF" "VFs cannot be unplugged" -- virtnet unplug -u VNETS0D0F2VF1
vnl_refused "a VF by hand that exists" "that VF exists" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:b0:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:2 PF_INDEX=u32:0 VF_ID=u32:0
vnl_refused "a VF beyond num_vf" "num_vf" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:b0:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:2 PF_INDEX=u32:0 VF_ID=u32:4
vnl_refused "a transitional VF" "VFs cannot be transitional" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:b0:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:2 PF_INDEX=u32:0 VF_ID=u32:3 LEGACY=flag
vnl_refused "a VF on another port than its PF" "a VF uses its PF's port" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_1 MAC=hex:02:00:00:00:b0:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:2 PF_INDEX=u32:0 VF_ID=u32:3
vnl_refused "a VF without vf_id" "vf_id: required" -- \
	DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:b0:02 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:2 PF_INDEX=u32:0

step "static PF 1's VFs follow their own offset"
echo 2 >"$pf1/sriov_numvfs"
vf_nics 0000:95:00.1 0000:95:00.2
expect_eq "$(virtnet query -u VNETS0D0F3VF2 | jq -r '[.bdf, .parent_pf_id, .vf_id] | @tsv')" \
	"$(printf '95:00.2\t2\t1')" "PF 1 VF 2"

step "a VF's MAC changes only while its driver is unbound"
vf=$(host_nic_by_bus 0000:85:04.5)
bus=$(basename "$(readlink -f "/sys/class/net/$vf/device")")
expect_refused "modify a bound VF" "unbind it first" -- \
	virtnet modify -p 1 -v 0 device -m 02:00:00:00:b0:0a
echo "$bus" >/sys/bus/virtio/drivers/virtio_net/unbind
virtnet modify -p 1 -v 0 device -m 02:00:00:00:b0:0a >/dev/null
echo "$bus" >/sys/bus/virtio/drivers/virtio_net/bind
vf=$(host_nic_by_bus 0000:85:04.5)
expect_eq "$(cat "/sys/class/net/$vf/address")" 02:00:00:00:b0:0a "VF MAC after bind"
expect_in_step "MAC recorded"
expect_eq "$(jq -r .mac "$CTL_REC/VNETS0D0F2VF1.json" | tr A-F a-f)" 02:00:00:00:b0:0a "recovery file MAC"

# The reload runs on 6.1 (and everywhere in make check-full), not on the
# debug kernel: there it takes 150 s, and its kernel paths are unload.sh's
# (rmmod with devices) and this script's echo N (the VFs' creation), both
# in the debug tier; controller_recovery.sh rebuilds after a reload on 6.12.
if (($(volume 1 0))); then
	step "module reload: the VFs come back the same"
	want=$(kernel_identities)
	dev_ids() { vnl --dump DEV_GET | grep -o 'DEV_ID=[0-9]* DEV_VUID=[A-Z0-9]*' | sort; }
	want_ids=$(dev_ids)
	kill_controller TERM
	reload num_static_pf=2 num_vf=4 pf_total_sf=40 num_msix=6
	start_controller
	expect_eq "$(kernel_identities)" "$want" "identities after reload"
	expect_eq "$(dev_ids)" "$want_ids" "device ids after reload"
	pf0=/sys/class/net/$(host_nic_by_bus 0000:85:00.3)/device
	expect_eq "$(cat "$pf0/sriov_numvfs")" 3 "sriov_numvfs after reload"
	vf_nics 0000:85:04.5 0000:85:04.6 0000:85:04.7 0000:95:00.1 0000:95:00.2
	expect_in_step "after reload"
fi

step "echo 0 removes the VFs and their representors"
echo 0 >"$pf0/sriov_numvfs"
for sf in 3000 3001 3002; do
	netdev_exists "en3f0pf0sf$sf" && fail "en3f0pf0sf$sf outlived its VF"
done
expect_eq "$(virtnet list | jq '[.devices[] | select(.function_type == "VF")] | length')" 2 "VFs left"
expect_in_step "after echo 0"
kill_controller TERM
echo "ok"
