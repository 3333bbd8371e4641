# The guide's "Creating Modern Hotplug VirtIO-net PF Device" walkthrough,
# with its exact arguments. `make demo` shows this script's output.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

step "virtnet hotplug ${GUIDE_ARGS[*]}"
out=$(virtnet hotplug "${GUIDE_ARGS[@]}")
echo "$out"
expect_eq "$(jq -r .bdf <<<"$out")" 85:00.0 bdf
expect_eq "$(jq -r .vuid <<<"$out")" VNETS1D0F0 vuid
expect_eq "$(jq -r .id <<<"$out")" 0 id
expect_eq "$(jq -r .sf_rep_net_device <<<"$out")" en3f0pf0sf2000 sf_rep_net_device
expect_eq "$(jq -r .mac <<<"$out")" "$GUIDE_MAC" mac

step "ip link set dev en3f0pf0sf2000 up"
ip link set dev en3f0pf0sf2000 up

step "the host sees a virtio-net NIC"
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC with bus-info 0000:85:00.0"
ethtool -i "$host"
ip link show dev "$host"

step "virtnet query -p 0"
virtnet query -p 0

step "virtnet list"
virtnet list

step "virtnet unplug -p 0"
virtnet unplug -p 0
netdev_exists "$host" && fail "host NIC $host still present after unplug"
netdev_exists en3f0pf0sf2000 && fail "representor still present after unplug"
echo "host NIC and representor are gone"
