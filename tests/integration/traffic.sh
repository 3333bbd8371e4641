# Ping and TCP between the host NIC and the representor, each in its own
# network namespace, both directions; a transfer verified by checksum.
#
# Tiers: stock debug
. "$(dirname "$0")/lib.bash"

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC"
connect_ns "$host" en3f0pf0sf2000

step "ping both ways"
ip netns exec vh ping -c 5 -i 0.2 -W 2 10.77.0.2
ip netns exec vd ping -c 5 -i 0.2 -W 2 10.77.0.1
ip netns exec vh ping -c 3 -s 1472 -M do -W 2 10.77.0.2

step "TCP host -> representor, 16 MiB, checksummed"
head -c 16M /dev/urandom >/tmp/payload
tcp_checked vh vd 10.77.0.2 5000 /tmp/payload "host->rep"

step "TCP representor -> host, 16 MiB, checksummed"
tcp_checked vd vh 10.77.0.1 5001 /tmp/payload "rep->host"

step "iperf3 both directions"
ip netns exec vd iperf3 -s -1 -D
wait_listen vd 5201
ip netns exec vh iperf3 -c 10.77.0.2 -t 2 -f m
wait_for_gone() { for _ in $(seq 50); do [ -z "$(ip netns exec vd ss -ltnH 'sport = :5201')" ] && return; sleep 0.1; done; }
wait_for_gone
ip netns exec vd iperf3 -s -1 -D
wait_listen vd 5201
ip netns exec vh iperf3 -c 10.77.0.2 -t 2 -R -f m

step "representor counters saw the traffic"
ip -n vd -s link show en3f0pf0sf2000
rx=$(ip netns exec vd cat /sys/class/net/en3f0pf0sf2000/statistics/rx_bytes)
[ "$rx" -gt $((16 * 1024 * 1024)) ] || fail "representor rx_bytes $rx < 16 MiB"
echo "ok"
