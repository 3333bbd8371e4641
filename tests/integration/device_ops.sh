# Operating a device: per-queue stats that agree with the traffic and the
# representor's counters; multi-queue set by ethtool -L; link flaps the
# host driver sees, with an announce on the way up; modify refused while
# the driver is bound and applied after unbind; interrupt coalescing.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

VUID=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:0e:01 -t 1500 -n 5 -s 256 | jq -r .vuid)
HOST=$(virtnet query -u "$VUID" | jq -r .host_net_device)
REP=$(virtnet query -u "$VUID" | jq -r .sf_rep_net_device)
BUS=$(basename "$(readlink -f "/sys/class/net/$HOST/device")")
connect_ns "$HOST" "$REP"
# No IPv6 chatter, static neighbours: every packet counted below is ours.
ip netns exec vh sysctl -qw "net.ipv6.conf.$HOST.disable_ipv6=1"
ip netns exec vd sysctl -qw "net.ipv6.conf.$REP.disable_ipv6=1"
sleep 1
ip -n vh neigh replace 10.77.0.2 lladdr "$(ip -n vd -j link show "$REP" | jq -r '.[0].address')" dev "$HOST" nud permanent
ip -n vd neigh replace 10.77.0.1 lladdr "$(ip -n vh -j link show "$HOST" | jq -r '.[0].address')" dev "$REP" nud permanent

stats() { virtnet stats -u "$VUID"; }
rep_stat() { ip netns exec vd cat "/sys/class/net/$REP/statistics/$1"; }

step "the representor has the device's queues"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^tx-')" 2 "representor TX queues"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^rx-')" 2 "representor RX queues"

step "stats count exactly the packets sent"
s0=$(stats)
ip netns exec vh ping -q -c 100 -i 0.01 -W 2 10.77.0.2 >/dev/null
sleep 0.5
s1=$(stats)
delta() { echo $(( $(jq "$2" <<<"$s1") - $(jq "$2" <<<"$s0") )); }
expect_eq "$(delta tx '.totals.tx.packets')" 100 "host TX packets (echo requests)"
expect_eq "$(delta rx '.totals.rx.packets')" 100 "host RX packets (echo replies)"
expect_eq "$(delta tx '.totals.tx.bytes')" $((100 * 98)) "host TX bytes (98-byte frames)"
[ "$(delta k '.totals.tx.kicks')" -gt 0 ] || fail "no kicks counted"
[ "$(delta i '.totals.rx.interrupts')" -gt 0 ] || fail "no interrupts counted"
expect_eq "$(jq '[.queues[] | select(.type == "tx") | .packets] | add' <<<"$s1")" \
	"$(jq .totals.tx.packets <<<"$s1")" "per-queue TX packets add up"
expect_eq "$(virtnet stats -u "$VUID" -q 1 | jq '.queues | length')" 1 "stats -q selects one queue"
expect_refused "a queue the device lacks" "virtqueues 0 to 4" -- virtnet stats -u "$VUID" -q 5

step "the representor's counters agree with the device's"
s=$(stats)
expect_eq "$(rep_stat rx_packets)" "$(jq .totals.tx.packets <<<"$s")" "representor rx_packets"
expect_eq "$(rep_stat rx_bytes)" "$(jq .totals.tx.bytes <<<"$s")" "representor rx_bytes"
expect_eq "$(rep_stat tx_packets)" "$(jq .totals.rx.packets <<<"$s")" "representor tx_packets"
expect_eq "$(rep_stat tx_dropped)" "$(jq .totals.rx.drops <<<"$s")" "representor tx_dropped"

step "ethtool -L enables the second queue pair; both carry traffic"
# virtio_net enables one pair per CPU (2 here) at probe.
ip netns exec vh ethtool -L "$HOST" combined 1
expect_eq "$(virtnet query -u "$VUID" | jq .enabled_queue_pairs)" 1 "pairs after ethtool -L 1"
ip netns exec vh ethtool -L "$HOST" combined 2
expect_eq "$(virtnet query -u "$VUID" | jq .enabled_queue_pairs)" 2 "pairs after ethtool -L"
# The host driver maps each CPU to its own TX queue (XPS).
for cpu in 0 1; do
	ip netns exec vh taskset -c "$cpu" ping -q -f -c 300 10.77.0.2 >/dev/null
done
s=$(stats)
for q in 1 3; do
	[ "$(jq ".queues[$q].packets" <<<"$s")" -gt 100 ] || fail "host TX queue $q carried nothing"
done
sleep 0.5
ip netns exec vh iperf3 -s -1 -D
wait_listen vh 5201
ip netns exec vd iperf3 -c 10.77.0.1 -t 2 -P 8 >/dev/null
s=$(stats)
for q in 0 2; do
	[ "$(jq ".queues[$q].packets" <<<"$s")" -gt 100 ] || fail "host RX queue $q carried nothing"
done
ip netns exec vh ethtool -L "$HOST" combined 1
expect_eq "$(virtnet query -u "$VUID" | jq .enabled_queue_pairs)" 1 "pairs after ethtool -L 1"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic on one pair again"

step "link down and up: the host driver sees both; it announces on the way up"
virtnet modify -u "$VUID" device -l down >/dev/null
sleep 0.5
expect_eq "$(ip netns exec vh cat "/sys/class/net/$HOST/carrier")" 0 "host carrier, link down"
expect_eq "$(ip netns exec vd cat "/sys/class/net/$REP/carrier")" 0 "representor carrier, link down"
expect_eq "$(virtnet query -u "$VUID" | jq .link_status)" 0 "link_status down"
if ip netns exec vh ping -c 2 -i 0.2 -W 1 10.77.0.2 >/dev/null 2>&1; then
	fail "ping crossed a link that is down"
fi
cap=$(mktemp)
caperr=$(mktemp)
ip netns exec vd tcpdump -Z root -n -l -c 1 -i "$REP" arp >"$cap" 2>"$caperr" &
cap_pid=$!
# Listening before the link comes up: a fixed sleep was not always enough
# on the debug kernel beside another VM (make check-full).
for _ in $(seq 300); do grep -q "listening on" "$caperr" && break; sleep 0.1; done
grep -q "listening on" "$caperr" || fail "tcpdump did not start: $(cat "$caperr")"
virtnet modify -u "$VUID" device -l up >/dev/null
sleep 0.5
expect_eq "$(ip netns exec vh cat "/sys/class/net/$HOST/carrier")" 1 "host carrier, link up"
expect_eq "$(ip netns exec vd cat "/sys/class/net/$REP/carrier")" 1 "representor carrier, link up"
for _ in $(seq 100); do kill -0 "$cap_pid" 2>/dev/null || break; sleep 0.1; done
kill "$cap_pid" 2>/dev/null || true
wait "$cap_pid" 2>/dev/null || true
grep -q 'ARP, Request who-has 10.77.0.1 tell 10.77.0.1\|ARP, Reply 10.77.0.1' "$cap" ||
	fail "no gratuitous ARP from the host after link up: $(cat "$cap")"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no ping after link up"

step "interrupt coalescing: set live, coalesces, and the host's ethtool -C sets it too"
# 10 ms or 32 packets: fewer interrupts however fast this machine sends.
virtnet modify -u "$VUID" queue -p 10000 -n 32 >/dev/null
expect_eq "$(virtnet query -u "$VUID" | jq -c .coalescing)" \
	'{"rx":{"usecs":10000,"max_packets":32},"tx":{"usecs":10000,"max_packets":32}}' "coalescing set"
ip netns exec vh iperf3 -s -1 -D
wait_listen vh 5201
s0=$(stats)
ip netns exec vd iperf3 -c 10.77.0.1 -u -b 0 -l 100 -t 1 >/dev/null
s1=$(stats)
pk=$(delta p '.totals.rx.packets')
irq=$(delta i '.totals.rx.interrupts')
echo "rx: $pk packets, $irq interrupts with coalescing"
[ "$pk" -ge 400 ] || fail "UDP burst too small to judge coalescing ($pk)"
[ $((irq * 4)) -le "$pk" ] || fail "coalescing did not cut interrupts: $irq for $pk packets"
# tx-frames non-zero: virtio_net 6.1 refuses to change its NAPI weight
# while up, and tx-frames 0 would ask for that.
ip netns exec vh ethtool -C "$HOST" rx-usecs 50 rx-frames 8 tx-frames 1
expect_eq "$(virtnet query -u "$VUID" | jq -c .coalescing.rx)" '{"usecs":50,"max_packets":8}' "coalescing from ethtool -C"
virtnet modify -u "$VUID" queue -d rx -p 0 -n 0 >/dev/null
expect_eq "$(virtnet query -u "$VUID" | jq -c .coalescing.rx)" '{"usecs":0,"max_packets":0}' "coalescing off"
expect_refused "period too long" "period" -- virtnet modify -u "$VUID" queue -p 1000001

step "modify is refused while the driver is bound, applied after unbind"
expect_refused "MTU while bound" "unbind it first" -- virtnet modify -u "$VUID" device -t 9000
expect_eq "$(ip netns exec vd cat "/sys/class/net/$REP/mtu")" 1500 "representor MTU after the refusal"
expect_eq "$(ip netns exec vh cat "/sys/class/net/$HOST/mtu")" 1500 "host MTU after the refusal"
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/unbind
q=$(virtnet modify -u "$VUID" device -t 9000 -n 8 -q 512 -m 02:00:00:00:0e:02)
expect_eq "$(jq -c '[.mtu, .num_msix, .max_queues, .max_queues_size]' <<<"$q")" '[9000,8,7,512]' "device after modify"
expect_eq "$(ip netns exec vd cat "/sys/class/net/$REP/mtu")" 9000 "representor MTU follows"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^tx-')" 3 "representor TX queues after -n 8"
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/bind
HOST=$(virtnet query -u "$VUID" | jq -r .host_net_device)
[ -n "$HOST" ] && [ "$HOST" != null ] || fail "no host NIC after bind"
expect_eq "$(cat "/sys/class/net/$HOST/mtu")" 9000 "host MTU after bind"
expect_eq "$(cat "/sys/class/net/$HOST/address")" 02:00:00:00:0e:02 "host MAC after bind"
expect_eq "$(ethtool -l "$HOST" | awk '/^Combined:/ {print $2; exit}')" 3 "host max combined queues"
expect_eq "$(ethtool -g "$HOST" | awk '/^RX:/ {print $2; exit}')" 512 "host max ring size"

step "features modified while unbound reach the driver"
BUS=$(basename "$(readlink -f "/sys/class/net/$HOST/device")")
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/unbind
# Everything but GUEST_TSO4/6 (bits 7, 8).
all=$(virtnet list | jq -r .controller.supported_features)
virtnet modify -u "$VUID" device -f "$(printf '0x%x' $(( all & ~(1 << 7 | 1 << 8) )))" >/dev/null
echo "$BUS" >/sys/bus/virtio/drivers/virtio_net/bind
HOST=$(virtnet query -u "$VUID" | jq -r .host_net_device)
names=$(virtnet query -u "$VUID" | jq -r '.driver_features.names | join(" ")')
case " $names " in *" GUEST_TSO4 "*) fail "driver still has GUEST_TSO4: $names";; esac
case " $names " in *" HOST_TSO4 "*) ;; *) fail "driver lost HOST_TSO4: $names";; esac
echo "device_ops ok"
