# The receive filter the host driver programs through the control queue:
# unicast to other MACs, unjoined multicast and VLANs the host did not add
# are dropped at the device; promiscuous, allmulticast, the unicast and
# multicast MAC tables and the VLAN table let them through.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

VUID=$(virtnet hotplug "${GUIDE_ARGS[@]}" | jq -r .vuid)
HOST=$(virtnet query -u "$VUID" | jq -r .host_net_device)
REP=$(virtnet query -u "$VUID" | jq -r .sf_rep_net_device)
connect_ns "$HOST" "$REP"
# No IPv6 chatter: every frame counted below is one of ours.
for ns in vh vd; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec vh sysctl -qw "net.ipv6.conf.$HOST.disable_ipv6=1"
ip netns exec vd sysctl -qw "net.ipv6.conf.$REP.disable_ipv6=1"
sleep 1
HOST_MAC=$(ip -n vh -j link show "$HOST" | jq -r '.[0].address')
REP_MAC=$(ip -n vd -j link show "$REP" | jq -r '.[0].address')
# Static neighbours: no ARP probe may land among the frames counted.
ip -n vd neigh replace 10.77.0.1 lladdr "$HOST_MAC" dev "$REP" nud permanent
ip -n vh neigh replace 10.77.0.2 lladdr "$REP_MAC" dev "$HOST" nud permanent
ip netns exec vh ping -c 1 -W 2 10.77.0.2 >/dev/null

host_rx() { ip netns exec vh cat "/sys/class/net/$HOST/statistics/rx_packets"; }
rep_tx_dropped() { ip netns exec vd cat "/sys/class/net/$REP/statistics/tx_dropped"; }

# send_to MAC [VLAN]: 5 pings from the representor's side to an address
# that resolves to MAC, so the frames go out with that destination.
send_to() {
	local dev=$REP addr=10.77.0.99
	if [ -n "${2:-}" ]; then
		dev=rv$2
		addr=10.78.$2.99
	fi
	ip -n vd neigh replace "$addr" lladdr "$1" dev "$dev" nud permanent
	ip netns exec vd ping -c 5 -i 0.1 -W 1 "$addr" >/dev/null 2>&1 || true
	sleep 0.3
}

# expect_filtered WHAT MAC [VLAN]: the 5 frames are dropped at the device.
expect_filtered() {
	local rx0 drop0
	rx0=$(host_rx)
	drop0=$(rep_tx_dropped)
	send_to "${@:2}"
	expect_eq "$(( $(rep_tx_dropped) - drop0 ))" 5 "$1: frames dropped by the filter"
	expect_eq "$(( $(host_rx) - rx0 ))" 0 "$1: frames the host received"
}

# expect_delivered WHAT MAC [VLAN]: the host receives the 5 frames.
expect_delivered() {
	local rx0 drop0
	rx0=$(host_rx)
	drop0=$(rep_tx_dropped)
	send_to "${@:2}"
	expect_eq "$(( $(rep_tx_dropped) - drop0 ))" 0 "$1: frames dropped"
	[ $(( $(host_rx) - rx0 )) -ge 5 ] || fail "$1: the host received $(( $(host_rx) - rx0 )) of 5 frames"
}

OTHER=02:11:22:33:44:55
GROUP=01:00:5e:01:02:03

step "unicast to another MAC is filtered; promiscuous lets it in"
expect_filtered "unicast, not promiscuous" "$OTHER"
ip -n vh link set "$HOST" promisc on
sleep 0.3
expect_eq "$(virtnet query -u "$VUID" | jq -r '.rx_mode | tostring')" '["promisc"]' "rx_mode with promisc"
expect_delivered "unicast, promiscuous" "$OTHER"
ip -n vh link set "$HOST" promisc off
sleep 0.3
expect_filtered "unicast, promiscuous off again" "$OTHER"

step "the unicast MAC table (bridge fdb ... self)"
ip netns exec vh bridge fdb add "$OTHER" dev "$HOST" self permanent
sleep 0.3
expect_delivered "unicast in the table" "$OTHER"
ip netns exec vh bridge fdb del "$OTHER" dev "$HOST" self permanent
sleep 0.3
expect_filtered "unicast out of the table" "$OTHER"

step "multicast: unjoined filtered; joined or allmulticast delivered"
expect_filtered "unjoined group" "$GROUP"
ip -n vh maddress add "$GROUP" dev "$HOST"
sleep 0.3
expect_delivered "joined group" "$GROUP"
ip -n vh maddress del "$GROUP" dev "$HOST"
sleep 0.3
expect_filtered "left group" "$GROUP"
ip -n vh link set "$HOST" allmulticast on
sleep 0.3
expect_delivered "allmulticast" "$GROUP"
ip -n vh link set "$HOST" allmulticast off
sleep 0.3

step "broadcast always passes"
expect_delivered "broadcast" ff:ff:ff:ff:ff:ff

step "VLAN filter: only VLANs the host added pass"
ip -n vh link add link "$HOST" name vl10 type vlan id 10
ip -n vh addr add 10.78.10.1/24 dev vl10
ip -n vh link set vl10 up
ip -n vh neigh replace 10.78.10.2 lladdr "$REP_MAC" dev vl10 nud permanent
for v in 10 20; do
	ip -n vd link add link "$REP" name "rv$v" type vlan id "$v"
	ip -n vd addr add "10.78.$v.2/24" dev "rv$v"
	ip -n vd link set "rv$v" up
done
ip -n vd neigh replace 10.78.10.1 lladdr "$HOST_MAC" dev rv10 nud permanent
ip netns exec vd ping -c 3 -i 0.2 -W 2 10.78.10.1 >/dev/null || fail "no ping over VLAN 10"
# New interfaces chatter (IGMP reports) for a while: let that pass.
sleep 3
expect_delivered "VLAN 10 (added)" "$HOST_MAC" 10
expect_filtered "VLAN 20 (not added)" "$HOST_MAC" 20
ip -n vh link del vl10
sleep 0.3
expect_filtered "VLAN 10 after the host removed it" "$HOST_MAC" 10
echo "rxfilter ok"
