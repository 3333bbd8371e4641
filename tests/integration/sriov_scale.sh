# Scale: 4 static PFs x 126 VFs = 504 VFs plus 16 hotplug PFs on one host,
# the guide's largest SR-IOV configuration with the hotplug switch beside
# it. Every host NIC and representor is present, `virtnet list` is complete
# and has no duplicate address, name or SF, the controller's recovery
# files keep up, traffic crosses a sample of the functions, and `echo 0`
# takes it all back. On the debug kernel (KASAN, ~5x slower) it runs with
# 8 VFs per PF: the same paths, a CI-sized bill.
#
# Tiers: 6.12 -- scale figures; sriov covers SR-IOV on both kernels and the debug kernel
. "$(dirname "$0")/lib.bash"

setup_ports
NUM_VF=126
grep -q kasan.fault=panic /proc/cmdline && NUM_VF=8
TOTAL_VF=$((4 * NUM_VF))
rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=4 num_vf=$NUM_VF \
	pf_total_sf=$((16 + 4 * (1 + NUM_VF))) num_msix=4

write_conf '{"ib_dev_p0": "mlx5_0", "ib_dev_p1": "mlx5_1", "pf_mac": "00:11:22:33:44:55"}'
start_controller

step "$TOTAL_VF VFs: echo $NUM_VF > sriov_numvfs of each static PF"
pfdev=()
for i in 0 1 2 3; do
	pfdev[i]=/sys/class/net/$(host_nic_by_bus "0000:85:00.$((3 + i))")/device
done
start=$(date +%s%N)
for i in 0 1 2 3; do
	echo "$NUM_VF" >"${pfdev[i]}/sriov_numvfs"
done
echo "$TOTAL_VF VFs in $((($(date +%s%N) - start) / 1000000)) ms"

step "16 hotplug PFs beside them"
for k in $(seq 0 15); do
	virtnet hotplug -i "mlx5_$((k % 2))" -m "$(printf '02:00:00:00:d0:%02x' "$k")" \
		-t 1500 -n 3 -s 256 >/dev/null
done

step "every host NIC and representor is there"
total=$((4 + TOTAL_VF + 16))
# (One ls, not a process per NIC: there are 524.)
expect_eq "$(ls -l /sys/class/net/*/device/driver | grep -c '/drivers/virtio_net$')" "$total" \
	"virtio_net host NICs"
expect_eq "$(ls /sys/class/net | grep -c '^en3f[01]pf[01]sf')" "$total" "representors"
for i in 0 1 2 3; do
	expect_eq "$(cat "${pfdev[i]}/sriov_numvfs")" "$NUM_VF" "sriov_numvfs of PF $i"
done

step "virtnet list is complete and has no duplicates"
virtnet list >/tmp/list.json
expect_eq "$(jq '.devices | length' /tmp/list.json)" "$total" "devices"
expect_eq "$(jq '[.devices[] | select(.function_type == "VF")] | length' /tmp/list.json)" \
	"$TOTAL_VF" "VFs"
for f in vuid bdf sf_num sf_rep_net_device net_mac; do
	expect_eq "$(jq "[.devices[].$f] | unique | length" /tmp/list.json)" "$total" "distinct $f"
done
last=$((NUM_VF - 1))
expect_eq "$(jq -r ".devices[] | select(.vuid == \"VNETS0D0F5VF$NUM_VF\") | [.vf_id, .bdf] | @tsv" /tmp/list.json)" \
	"$(printf '%s\t97:%02x.%x' "$last" $(((1 + last) >> 3)) $(((1 + last) & 7)))" "PF 3's last VF"
expect_in_step "recovery files for $total devices"

step "traffic through a sample: PF 0's first VF, PF 3's last VF, hotplug slot 15"
# (host_nic_by_bus runs ethtool on every netdev: query names the NIC.)
sample() { # VUID
	local q
	q=$(virtnet query -u "$1")
	connect_ns "$(jq -r .host_net_device <<<"$q")" "$(jq -r .sf_rep_net_device <<<"$q")"
	ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2
	ip netns del vh
	ip netns del vd
}
sample VNETS0D0F2VF1
sample "VNETS0D0F5VF$NUM_VF"
sample VNETS1D15F0

step "echo 0 takes every VF back"
for i in 0 1 2 3; do
	echo 0 >"${pfdev[i]}/sriov_numvfs"
done
expect_eq "$(device_count)" 20 "devices after echo 0"
expect_eq "$(ls /sys/class/net | grep -c '^en3f[01]pf[01]sf')" 20 "representors after echo 0"
expect_in_step "after echo 0"
kill_controller TERM
echo "ok"
