#!/bin/bash
# Live migration, the device's side: a VM's driver moves between two vDPA
# functions under a running frame stream the way QEMU moves it (suspend,
# ring bases, resume; tests/tools/vhost-vdpa-migrate.c), the control
# queue translates through an address space of its own, owners that
# misuse suspend and resume fail their queue only, the default offer
# is one QEMU's shadow virtqueue takes, and the destination takes over
# the source's representor (SF takeover) under the stream.
#
# Tiers: 6.12 debug -- needs CONFIG_VDPA; the debug kernel watches the hostile owners
. "$(dirname "$0")/lib.bash"

vdpa_prepare
count=$(volume 3000 600)

step "two functions, each a VM's NIC"
vdpa dev add name vm0 mgmtdev virtnet mac 02:00:00:00:0e:01
vdpa dev add name vm1 mgmtdev virtnet mac 02:00:00:00:0e:02
rep0=$(rep_of_mac 02:00:00:00:0e:01)
rep1=$(rep_of_mac 02:00:00:00:0e:02)
[ -n "$rep0" ] && [ -n "$rep1" ] || fail "no representors for vm0/vm1"
ip link set "$rep0" up
ip link set "$rep1" up
bind_to vm0 vhost_vdpa
bind_to vm1 vhost_vdpa
node0=$(vhost_node vm0)
node1=$(vhost_node vm1)
vuid0=$(virtnet list | jq -r --arg r "$rep0" '.devices[] | select(.sf_rep_net_device == $r) | .vuid')

step "the default offer is what QEMU's shadow virtqueue takes"
offer=$(virtnet query -u "$vuid0" | jq -r '.device_features.names | join(" ")')
echo "vm0 offers: $offer"
for f in INDIRECT_DESC GUEST_ANNOUNCE NOTF_COAL CTRL_RX CTRL_VLAN SPEED_DUPLEX; do
	case " $offer " in *" $f "*) fail "vm0 offers $f, which QEMU 7.2's shadow virtqueue refuses";; esac
done
for f in VERSION_1 ACCESS_PLATFORM CTRL_VQ MQ CTRL_MAC_ADDR MRG_RXBUF; do
	case " $offer " in *" $f "*) ;; *) fail "vm0 does not offer $f";; esac
done

step "a frame stream moves vm0 -> vm1 -> vm0 ($count frames each way)"
drops0=$(virtnet stats -u "$vuid0" -q 0 | jq '.queues[0].drops')
vhost-vdpa-migrate --count "$count" "$node0" "$rep0" "$node1" "$rep1" ||
	fail "the stream did not survive the move"
drops1=$(virtnet stats -u "$vuid0" -q 0 | jq '.queues[0].drops')
# Five frames reached vm0's representor while it was suspended.
[ $((drops1 - drops0)) -ge 5 ] ||
	fail "vm0 counted $((drops1 - drops0)) drops for the 5 frames sent while suspended"

step "the control queue in an address space of its own"
vhost-vdpa-migrate --mode cvq-asid "$node0" "$rep0" || fail "control queue ASID"

step "owners that misuse suspend and resume"
for mode in resume-running base-out-of-range unmap-suspended; do
	echo "-- hostile owner: $mode"
	vhost-vdpa-migrate --mode "$mode" "$node0" "$rep0" || fail "hostile mode $mode"
done

step "after them, the stream moves again"
vhost-vdpa-migrate --count 300 "$node0" "$rep0" "$node1" "$rep1" ||
	fail "no move after the hostile owners"

step "the operator offers more: what QEMU 8 and later take"
# `vdpa dev add ... device_features` does the same; bookworm's iproute2
# (6.1) has no such argument.
vdpa dev add name vm2 mgmtdev virtnet mac 02:00:00:00:0e:03
vuid2=$(virtnet list | jq -r '.devices[] | select((.net_mac | ascii_downcase) == "02:00:00:00:0e:03") | .vuid')
# VERSION_1 CSUM MAC CTRL_VQ CTRL_RX CTRL_VLAN
virtnet modify -u "$vuid2" device \
	-f "$(printf '0x%x' $(( 1 << 32 | 1 << 0 | 1 << 5 | 1 << 17 | 1 << 18 | 1 << 19 )))" >/dev/null
offer=$(virtnet query -u "$vuid2" | jq -r '.device_features.names | join(" ")')
echo "vm2 offers: $offer"
for f in CTRL_RX CTRL_VLAN ACCESS_PLATFORM; do
	case " $offer " in *" $f "*) ;; *) fail "vm2 does not offer $f, asked for: $offer";; esac
done

vdpa dev del vm2

step "the destination takes over the source's SF under the stream"
vuid1=$(virtnet list | jq -r --arg r "$rep1" '.devices[] | select(.sf_rep_net_device == $r) | .vuid')
ifindex0=$(cat "/sys/class/net/$rep0/ifindex")
ifindex1=$(cat "/sys/class/net/$rep1/ifindex")
sf0=$(virtnet query -u "$vuid0" | jq .sf_num)
sf1=$(virtnet query -u "$vuid1" | jq .sf_num)
vhost-vdpa-migrate --count "$count" \
	--takeover "virtnet modify -u $vuid1 device -S $vuid0 >/dev/null" \
	"$node0" "$rep0" "$node1" "$rep1" || fail "the stream did not survive the takeover"
q1=$(virtnet query -u "$vuid1")
q0=$(virtnet query -u "$vuid0")
expect_eq "$(jq -r '"\(.sf_rep_net_device) \(.sf_rep_net_ifindex) \(.sf_num)"' <<<"$q1")" \
	"$rep0 $ifindex0 $sf0" "vm1's representor"
expect_eq "$(jq -r '"\(.sf_rep_net_device) \(.sf_rep_net_ifindex) \(.sf_num)"' <<<"$q0")" \
	"$rep1 $ifindex1 $sf1" "vm0's representor"
expect_eq "$(( $(cat "/sys/class/net/$rep0/flags") & 1 ))" 1 "$rep0 up"

step "a takeover the kernel refuses changes nothing"
# A running source: a hotplug PF its host virtio_net drives.
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
hp=$(virtnet list | jq -r --arg m "$GUIDE_MAC" '.devices[] | select((.net_mac | ascii_downcase) == ($m | ascii_downcase)) | .vuid')
for i in $(seq 100); do
	virtnet query -u "$hp" | jq -e '.device_status.names | index("DRIVER_OK")' >/dev/null && break
	sleep 0.1
done
expect_refused "running source" "still runs" -- virtnet modify -u "$vuid1" device -S "$hp"
expect_refused "itself" "the device itself|another device" -- virtnet modify -u "$vuid1" device -S "$vuid1"
expect_refused "no such device" "no device" -- virtnet modify -u "$vuid1" device -S 4000000
expect_refused "with another change" "only change" -- virtnet modify -u "$vuid1" device -S "$vuid0" -t 1400
expect_eq "$(virtnet query -u "$vuid1" | jq -r .sf_rep_net_device)" "$rep0" "vm1 kept $rep0"
virtnet unplug -u "$hp" >/dev/null

step "and back, both idle: each function has its own representor again"
# rep0 is a bridge port, as it would be an OVS port: it must stay one.
# (Not during the streams: the bridge would take their frames before the
# test's packet sockets see them.)
ip link add br-mig type bridge
ip link set "$rep0" master br-mig
virtnet modify -u "$vuid0" device -S "$vuid1" >/dev/null
expect_eq "$(basename "$(readlink "/sys/class/net/$rep0/master")")" br-mig "$rep0's bridge"
expect_eq "$(cat "/sys/class/net/$rep0/ifindex")" "$ifindex0" "$rep0's ifindex"
ip link set "$rep0" nomaster
expect_eq "$(virtnet query -u "$vuid0" | jq -r '"\(.sf_rep_net_device) \(.sf_rep_net_ifindex)"')" \
	"$rep0 $ifindex0" "vm0's representor"
vhost-vdpa-migrate --count 300 "$node0" "$rep0" "$node1" "$rep1" ||
	fail "no move after the SF came back"
ip link del br-mig

vdpa dev del vm1
vdpa dev del vm0
echo "vdpa_migrate ok"
