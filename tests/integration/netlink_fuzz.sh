# nlfuzz (tests/tools): 100,000 random generic netlink messages to the
# family while two devices exist and one carries traffic. Afterwards the
# two devices are unchanged, nothing of the fuzzer's is left, the data
# path and `virtnet list` work. Kernel reports fail the run (harness).
# To replay a seed, run `nlfuzz -n 100000 -s SEED` in a VM script. The
# debug tier sends 20,000, make check's 6.12 tier 50,000, make check-full
# 100,000.
#
# Tiers: debug -- where KASAN sees what a message does; not on 6.1: the
# policies it hits are byte-identical on both kernels (tests/spec/policy-bytes.py)
# and so are the handlers behind them
. "$(dirname "$0")/lib.bash"

for t in vnl nlfuzz; do
	command -v $t >/dev/null || { echo "$t is not built (make -C tests/tools)"; exit 77; }
done

count=$(volume 100000 20000 50000)
seed=${NLFUZZ_SEED:-$RANDOM}
echo "nlfuzz seed: $seed (replay: nlfuzz -n $count -s $seed)"

# What must not change: the devices' attributes but the generation
# (the fuzzer creates and deletes its own), and the netdevs.
devices() {
	vnl --dump DEV_GET | sed 's/ GENERATION=[0-9]*//'
}

step "two devices, traffic on the first"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:20:01 -t 4000 -n 5 -s 512 >/dev/null
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC for 85:00.0"
connect_ns "$host" en3f0pf0sf2000
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic before fuzzing"
ip netns exec vh ping -q -i 0.2 10.77.0.2 >/dev/null 2>&1 &
pinger=$!
trap 'kill $pinger 2>/dev/null || true' EXIT
before=$(devices)
nics=$(echo /sys/class/net/*)
echo "$before"

step "nlfuzz -n $count -s $seed"
start=$SECONDS
# The cap only keeps a hung kernel from eating the script's timeout (600 s
# on the debug kernel, where 100,000 messages take about 230-270 s; with
# SF_POOL_SET making netdevs the spread grew past the old 240 s cap).
out=$(nlfuzz -n "$count" -s "$seed" -t 420) || fail "nlfuzz failed (seed $seed): $out"
echo "$out"
echo "$out" >"${VIRTNET_RESULTS:-/tmp}/nlfuzz.summary"
echo "nlfuzz took $((SECONDS - start)) s"
grep -q "sent=$count " <<<"$out" || fail "nlfuzz stopped early (seed $seed)"

step "the devices are intact, nothing else is left"
kill $pinger
expect_eq "$(devices)" "$before" "devices after fuzzing"
expect_eq "$(echo /sys/class/net/*)" "$nics" "netdevs after fuzzing"
expect_eq "$(virtnet list | jq -c '[.devices[].vuid]')" '["VNETS1D0F0","VNETS1D1F0"]' "virtnet list"
expect_eq "$(vnl INFO_GET | grep -o 'NUM_HOTPLUG=[0-9]*')" NUM_HOTPLUG=2 "hotplug count"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic after fuzzing"

step "a hotplug and an unplug still work"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:31 -t 1500 -n 3 -s 256 >/dev/null
expect_eq "$(device_count)" 3 "devices after hotplug"
virtnet unplug -u VNETS1D2F0 >/dev/null
expect_eq "$(device_count)" 2 "devices after unplug"
echo "ok"
