# The host NIC: driven by the stock virtio_net, with the requested MAC and
# MTU, the BDF as bus-info, link up; the representor exists.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC with bus-info 0000:85:00.0"
expect_eq "$(ethtool -i "$host" | sed -n 's/^driver: //p')" virtio_net driver
expect_eq "$(cat "/sys/class/net/$host/address")" "$(tr A-Z a-z <<<"$GUIDE_MAC")" "host MAC"
expect_eq "$(cat "/sys/class/net/$host/mtu")" 1500 "host MTU"
ip link set "$host" up
sleep 1
expect_eq "$(cat "/sys/class/net/$host/carrier")" 1 "host carrier"
netdev_exists en3f0pf0sf2000 || fail "representor missing"
expect_eq "$(cat /sys/class/net/en3f0pf0sf2000/phys_port_name)" pf0sf2000 phys_port_name

step "a second device: jumbo MTU, 2 queue pairs, on port 1"
out=$(virtnet hotplug -i mlx5_1 -m 02:00:00:00:10:01 -t 9000 -n 5 -s 256)
expect_eq "$(jq -r .bdf <<<"$out")" 86:00.0 bdf
expect_eq "$(jq -r .vuid <<<"$out")" VNETS1D1F0 vuid
expect_eq "$(jq -r .sf_rep_net_device <<<"$out")" en3f1pf1sf2001 rep
host2=$(host_nic_by_bus 0000:86:00.0) || fail "no host NIC for 86:00.0"
expect_eq "$(cat "/sys/class/net/$host2/mtu")" 9000 "host MTU"
expect_eq "$(ethtool -l "$host2" | sed -n '/Pre-set/,/Current/p' | sed -n 's/^Combined:\s*//p')" 2 "max combined channels"
expect_eq "$(ls /sys/class/net/en3f1pf1sf2001/queues | grep -c tx-)" 2 "representor tx queues"
echo "ok"
