# The representor as a netdev of its own (docs/topology.md, "Representor
# counters and channels"): ethtool -S shows each virtqueue's counters,
# equal to `virtnet stats` and adding up to the netdev's own; ethtool -l
# shows the function's queue pairs and ethtool -L picks how many the
# representor transmits on, refusing what it cannot take; an idle pool SF
# shows no queue; on kernels with qstats (6.12) the netdev family's
# totals equal the netdev's counters and each queue names its NAPI.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

# 4 queue pairs; virtio_net enables one per CPU (2 in the VM).
VUID=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:5e:01 -t 1500 -n 9 -s 256 | jq -r .vuid)
HOST=$(virtnet query -u "$VUID" | jq -r .host_net_device)
REP=$(virtnet query -u "$VUID" | jq -r .sf_rep_net_device)
connect_ns "$HOST" "$REP"
# No IPv6 chatter, static neighbours: every packet counted is ours.
ip netns exec vh sysctl -qw "net.ipv6.conf.$HOST.disable_ipv6=1"
ip netns exec vd sysctl -qw "net.ipv6.conf.$REP.disable_ipv6=1"
ip -n vh neigh replace 10.77.0.2 lladdr "$(ip -n vd -j link show "$REP" | jq -r '.[0].address')" dev "$HOST" nud permanent
ip -n vd neigh replace 10.77.0.1 lladdr "$(ip -n vh -j link show "$HOST" | jq -r '.[0].address')" dev "$REP" nud permanent

rep_ethtool() { ip netns exec vd ethtool "$@"; }
# channels max|cur: the combined count ethtool -l shows.
channels() {
	rep_ethtool -l "$REP" | awk -v want="$1" '/^Pre-set/ { s = "max" } /^Current/ { s = "cur" }
		s == want && /^Combined:/ { print $2 }'
}
# ethtool -S as "NAME VALUE" lines.
rep_stats() { rep_ethtool -S "$REP" | sed -n 's/^ *\([a-z0-9_]*\): \([0-9]*\)$/\1 \2/p'; }
rep_stat() { rep_stats | awk -v n="$1" '$1 == n { print $2 }'; }
# `virtnet stats` in ethtool -S's names, one counter a line.
virtnet_as_ethtool() {
	virtnet stats -u "$VUID" | jq -r '.queues[] | . as $q |
		(if .type == "ctrl" then "vq\(.qid)_ctrl"
		 else "vq\(.qid)_host_\(.type)\(.qid / 2 | floor)" end) as $n |
		("packets", "bytes", "drops", "errors", "kicks", "interrupts") |
		"\($n)_\(.) \($q[.])"'
}
# sums ETHTOOL_S: host TX packets, bytes, drops, then host RX's.
sums() {
	awk '$1 ~ /_host_tx[0-9]+_packets$/ { a += $2 } $1 ~ /_host_tx[0-9]+_bytes$/ { b += $2 }
	     $1 ~ /_host_tx[0-9]+_drops$/ { c += $2 } $1 ~ /_host_rx[0-9]+_packets$/ { d += $2 }
	     $1 ~ /_host_rx[0-9]+_bytes$/ { e += $2 } $1 ~ /_host_rx[0-9]+_drops$/ { f += $2 }
	     END { print a + 0, b + 0, c + 0, d + 0, e + 0, f + 0 }' <<<"$1"
}
link_stats() {
	ip -n vd -s -j link show "$REP" | jq -r '.[0].stats64 |
		"\(.rx.packets) \(.rx.bytes) \(.rx.dropped) \(.tx.packets) \(.tx.bytes) \(.tx.dropped)"'
}
link_stat() { ip -n vd -s -j link show "$REP" | jq ".[0].stats64.$1"; }
# ping_both N: N echo requests from each host CPU (the driver's XPS puts
# them on host TX queues 0 and 1); the replies are the representor's.
ping_both() {
	local cpu
	for cpu in 0 1; do
		ip netns exec vh taskset -c "$cpu" ping -q -f -c "$1" -W 2 10.77.0.2 >/dev/null ||
			fail "ping from CPU $cpu lost replies"
	done
}
# expect_counters_agree WHEN: ethtool -S per queue equals `virtnet stats`
# and adds up to the netdev's counters (read until two reads agree:
# the driver may still refill).
expect_counters_agree() {
	local i a b v
	for i in $(seq 10); do
		a=$(rep_stats | grep '^vq')
		v=$(virtnet_as_ethtool)
		b=$(rep_stats | grep '^vq')
		[ "$a" = "$b" ] && [ "$a" = "$v" ] && [ "$(sums "$a")" = "$(link_stats)" ] && break
		sleep 0.3
	done
	[ "$a" = "$v" ] || fail "$1: ethtool -S and virtnet stats differ:
$(diff <(echo "$a") <(echo "$v"))"
	expect_eq "$(grep -c . <<<"$a")" $(((2 * 4 + 1) * 6)) "$1: per-queue counters (9 virtqueues, 6 each)"
	expect_eq "$(sums "$a")" "$(link_stats)" \
		"$1: host TX packets, bytes, drops, host RX packets, bytes, drops = ip -s link rx and tx packets, bytes, dropped"
	echo "$1: $(grep -c . <<<"$a") counters agree; sums $(sums "$a")"
}

step "ethtool -i still works"
info=$(rep_ethtool -i "$REP")
grep -q '^driver: virtnet_emu$' <<<"$info" || fail "ethtool -i: $info"
expect_eq "$(sed -n 's/^bus-info: //p' <<<"$info")" "$VUID" "ethtool -i bus-info"

step "ethtool -l: the function's 4 pairs, all of them current"
expect_eq "$(channels max)" 4 "max combined"
expect_eq "$(channels cur)" 4 "current combined"
expect_eq "$(rep_stat queue_pairs)" 4 "queue_pairs"
expect_eq "$(rep_stat driver_active_pairs)" 2 "driver_active_pairs (one per CPU)"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^tx-')" 4 "TX queues"

step "traffic, then ethtool -S against virtnet stats and ip -s link"
ping_both 100
expect_counters_agree "4 channels"
e=$(rep_stats)
for q in 0 1; do
	[ "$(awk -v n="vq$((2 * q + 1))_host_tx${q}_packets" '$1 == n { print $2 }' <<<"$e")" -ge 100 ] ||
		fail "host TX queue $q did not carry its CPU's echo requests"
done
# Only the pairs the driver enabled carry the representor's frames.
expect_eq "$(awk '$1 == "vq4_host_rx2_packets" || $1 == "vq6_host_rx3_packets" { print $2 }' <<<"$e" | tr '\n' ' ')" \
	"0 0 " "host RX queues 2 and 3 (not enabled): packets"

step "ethtool -L combined 1: the representor sends on host RX queue 0 alone"
rep_ethtool -L "$REP" combined 1
expect_eq "$(channels cur)" 1 "current combined after -L 1"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^tx-')" 1 "TX queues after -L 1"
expect_eq "$(ip netns exec vd ls "/sys/class/net/$REP/queues" | grep -c '^rx-')" 1 "RX queues after -L 1"
rx0=$(rep_stat vq0_host_rx0_packets)
rx1=$(rep_stat vq2_host_rx1_packets)
ping_both 50
expect_eq "$(($(rep_stat vq0_host_rx0_packets) - rx0))" 100 "replies on host RX queue 0"
expect_eq "$(($(rep_stat vq2_host_rx1_packets) - rx1))" 0 "replies on host RX queue 1"
expect_counters_agree "1 channel"

step "bad channel counts are refused and change nothing"
for args in "combined 0" "combined 5" "rx 1" "tx 1" "other 1"; do
	set +e
	# shellcheck disable=SC2086 # word splitting wanted
	out=$(rep_ethtool -L "$REP" $args 2>&1)
	rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "ethtool -L $args succeeded"
	grep -Eq "exceeds maximum|no RX or TX channel|Invalid argument" <<<"$out" ||
		fail "ethtool -L $args: unexpected message: $out"
	echo "refused as expected (-L $args): $(head -1 <<<"$out")"
	expect_eq "$(channels cur)" 1 "current combined after -L $args"
done
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic after the refusals"

step "the driver's MQ changes under a narrowed representor"
ip netns exec vh ethtool -L "$HOST" combined 1
expect_eq "$(rep_stat driver_active_pairs)" 1 "driver_active_pairs after the host's -L 1"
rep_ethtool -L "$REP" combined 3
ping_both 20
ip netns exec vh ethtool -L "$HOST" combined 2
rep_ethtool -L "$REP" combined 2
expect_eq "$(channels cur)" 2 "current combined after -L 2"
ping_both 20

step "TCP still flows after -L, both ways"
head -c 1M /dev/urandom >/tmp/rs_payload
tcp_checked vh vd 10.77.0.2 5000 /tmp/rs_payload "host->rep"
tcp_checked vd vh 10.77.0.1 5001 /tmp/rs_payload "rep->host"
# The last ACKs.
sleep 1
expect_counters_agree "after TCP"

step "netdev family: qstats totals and queue NAPI links"
cli_py=$TOP/build/ynl/tools/net/ynl/cli.py
spec=$TOP/build/ynl/Documentation/netlink/specs/netdev.yaml
ynl_netdev() {
	ip netns exec vd python3 "$cli_py" --spec "$spec" --no-schema --output-json "$@"
}
if ! [ -f "$cli_py" ] || ! [ -f "$spec" ] || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "SKIPPED this part: no ynl CLI or netdev spec under build/ynl (make ynl) or no python3-yaml"
elif ! out=$(ynl_netdev --dump qstats-get 2>&1); then
	case $(uname -r) in
	6.1.*) echo "SKIPPED this part: kernel $(uname -r) has no qstats in the netdev family: $(tail -1 <<<"$out")" ;;
	*) fail "qstats-get on $(uname -r): $out" ;;
	esac
else
	ifindex=$(ip -n vd -j link show "$REP" | jq '.[0].ifindex')
	q=$(jq -c --argjson i "$ifindex" '[.[] | select(.ifindex == $i)] | .[0]' <<<"$out")
	echo "qstats totals: $q"
	[ "$q" != null ] || fail "qstats-get has no entry for $REP"
	keys='rx-packets rx-bytes rx-hw-drops tx-packets tx-bytes tx-hw-drops'
	expect_eq "$(jq -r --arg k "$keys" '[.[($k | split(" "))[]]] | join(" ")' <<<"$q")" \
		"$(ip -n vd -s -j link show "$REP" | jq -r '.[0].stats64 | [.rx.packets, .rx.bytes,
			.rx.dropped + .rx.errors, .tx.packets, .tx.bytes, .tx.dropped + .tx.errors] | join(" ")')" \
		"qstats $keys = ip -s link (hw-drops: dropped + errors)"
	per=$(ynl_netdev --dump qstats-get --json "{\"ifindex\": $ifindex, \"scope\": \"queue\"}")
	expect_eq "$(jq -c '[.[] | "\(."queue-type")\(."queue-id")"]' <<<"$per")" '["rx0","rx1","tx0","tx1"]' \
		"per-queue qstats of the 2 channels"
	e=$(rep_stats)
	expect_eq "$(jq -r '[.[] | ."rx-packets" // ."tx-packets"] | join(" ")' <<<"$per")" \
		"$(awk '$1 ~ /^vq(1_host_tx0|3_host_tx1|0_host_rx0|2_host_rx1)_packets$/ { v[$1] = $2 }
			END { print v["vq1_host_tx0_packets"], v["vq3_host_tx1_packets"],
				    v["vq0_host_rx0_packets"], v["vq2_host_rx1_packets"] }' <<<"$e")" \
		"per-queue qstats packets (rx0 rx1 tx0 tx1) = host TX queues 0 1, host RX queues 0 1"
	queues=$(ynl_netdev --dump queue-get --json "{\"ifindex\": $ifindex}")
	echo "queues: $(jq -c '[.[] | {type, id, "napi-id"}]' <<<"$queues")"
	expect_eq "$(jq '[.[] | select(."napi-id" == null)] | length' <<<"$queues")" 0 "queues without a NAPI id"
	expect_eq "$(jq 'length' <<<"$queues")" 4 "queues listed (2 channels)"
	for i in 0 1; do
		expect_eq "$(jq --argjson i "$i" '[.[] | select(.id == $i) | ."napi-id"] | unique | length' <<<"$queues")" 1 \
			"RX and TX queue $i share pair $i's NAPI"
	done
	expect_eq "$(jq '[.[] | ."napi-id"] | unique | length' <<<"$queues")" 2 "distinct NAPI ids of the 2 pairs"
	napis=$(ynl_netdev --dump napi-get --json "{\"ifindex\": $ifindex}")
	echo "NAPI contexts: $(jq -c '[.[] | .id]' <<<"$napis")"
	expect_eq "$(jq 'length' <<<"$napis")" 4 "NAPI contexts of the 4 pairs"
	expect_eq "$(jq -n --argjson q "$queues" --argjson n "$napis" '[$q[] | ."napi-id"] - [$n[] | .id] | length')" 0 \
		"queue NAPI ids that are not the representor's NAPI contexts"
fi

step "an idle pool SF: no queue counters, no channels"
before=$(ip -j link show | jq -r '.[].ifname' | sort)
vnl -q SF_POOL_SET SF_POOL_SIZE=u32:1 >/dev/null || fail "SF_POOL_SET 1 failed"
idle=$(comm -13 <(echo "$before") <(ip -j link show | jq -r '.[].ifname' | sort) | grep '^en3f0pf0sf' | head -1)
[ -n "$idle" ] || fail "no idle SF of port 0 appeared"
s=$(ethtool -S "$idle")
echo "$s"
expect_eq "$(sed -n 's/^ *queue_pairs: //p' <<<"$s")" 0 "idle SF queue_pairs"
expect_eq "$(grep -c '^ *vq' <<<"$s" || true)" 0 "idle SF per-queue counters"
# ethtool shows a channel kind whose maximum is 0 as n/a.
expect_eq "$(ethtool -l "$idle" | awk '/^Combined:/ { print $2 }' | sed 's,^n/a$,0,' | tr '\n' ' ')" "0 0 " \
	"idle SF channels (max, current)"
set +e
out=$(ethtool -L "$idle" combined 1 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "ethtool -L on an idle SF succeeded"
echo "refused as expected (-L on the idle SF): $(head -1 <<<"$out")"
vnl -q SF_POOL_SET SF_POOL_SIZE=u32:0 >/dev/null || fail "SF_POOL_SET 0 failed"
echo "ok"
