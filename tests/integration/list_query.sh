# list and query show what hotplug created; unplug by VUID.
#
# Tiers: 6.12 -- JSON output of the CLI: nothing kernel-version-specific
. "$(dirname "$0")/lib.bash"

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:20:01 -t 4000 -n 5 -s 512 >/dev/null

step "virtnet list"
list=$(virtnet list)
echo "$list"
expect_eq "$(jq '.devices | length' <<<"$list")" 2 "device count"
expect_eq "$(jq -r '.controller.max_hotplug_devices' <<<"$list")" 16 max_hotplug_devices
d0=$(jq -c '.devices[0]' <<<"$list")
expect_eq "$(jq -r .pf_id <<<"$d0")" 0 pf_id
expect_eq "$(jq -r .function_type <<<"$d0")" "hotplug PF" function_type
expect_eq "$(jq -r .vuid <<<"$d0")" VNETS1D0F0 vuid
expect_eq "$(jq -r .bdf <<<"$d0")" 85:00.0 bdf
expect_eq "$(jq -r .sf_num <<<"$d0")" 2000 sf_num
expect_eq "$(jq -r .sf_parent_device <<<"$d0")" mlx5_0 sf_parent_device
expect_eq "$(jq -r .sf_rep_net_device <<<"$d0")" en3f0pf0sf2000 sf_rep_net_device
expect_eq "$(jq -r .sf_rep_net_ifindex <<<"$d0")" "$(cat /sys/class/net/en3f0pf0sf2000/ifindex)" sf_rep_net_ifindex
expect_eq "$(jq -r .max_queues <<<"$d0")" 3 max_queues
expect_eq "$(jq -r .max_queues_size <<<"$d0")" 1024 max_queues_size
expect_eq "$(jq -r .net_mac <<<"$d0")" "$GUIDE_MAC" net_mac
expect_eq "$(jq -r .net_mtu <<<"$d0")" 1500 net_mtu
d1=$(jq -c '.devices[1]' <<<"$list")
expect_eq "$(jq -r .vuid <<<"$d1")" VNETS1D1F0 vuid
expect_eq "$(jq -r .sf_parent_device <<<"$d1")" mlx5_1 sf_parent_device
expect_eq "$(jq -r .net_mtu <<<"$d1")" 4000 net_mtu

step "virtnet query -p 0"
q=$(virtnet query -p 0)
echo "$q"
expect_eq "$(jq -r .vuid <<<"$q")" VNETS1D0F0 "query vuid"
expect_eq "$(jq -r .driver <<<"$q")" virtio_net "query driver"
expect_eq "$(jq -r .host_net_device <<<"$q")" "$(host_nic_by_bus 0000:85:00.0)" host_net_device
expect_eq "$(jq '.queues | length' <<<"$q")" 3 "queue count"

step "virtnet query -u VNETS1D1F0 and -a"
expect_eq "$(virtnet query -u VNETS1D1F0 | jq -r .pf_id)" 1 "query -u"
expect_eq "$(virtnet query -a | jq '.devices | length')" 2 "query -a"

step "virtnet unplug -u VNETS1D1F0"
virtnet unplug -u VNETS1D1F0
expect_eq "$(device_count)" 1 "devices after unplug"
netdev_exists en3f1pf1sf2001 && fail "representor of the unplugged device still present"
expect_refused "query of an unplugged device" "no such device" -- virtnet query -u VNETS1D1F0
expect_refused "unplug of an unknown id" "no such device" -- virtnet unplug -p 7
echo "ok"
