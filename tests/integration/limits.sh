# 16 hotplug PFs fit; the 17th is refused cleanly; all unplug.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

for i in $(seq 0 15); do
	mac=$(printf '02:00:00:00:30:%02X' "$i")
	virtnet hotplug -i mlx5_0 -m "$mac" -t 1500 -n 3 -s 256 >/dev/null ||
		fail "hotplug $((i + 1)) of 16 failed"
done
expect_eq "$(device_count)" 16 "device count"
expect_eq "$(virtnet list | jq -r '.devices[15].bdf')" 94:00.0 "16th bdf"
expect_eq "$(virtnet list | jq -r '.devices[15].vuid')" VNETS1D15F0 "16th vuid"
nics=$(ls /sys/class/net | wc -l)

expect_refused "17th hotplug" "hotplug" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:31:00 -t 1500 -n 3 -s 256
expect_eq "$(ls /sys/class/net | wc -l)" "$nics" "netdev count after the refused hotplug"

for i in $(seq 0 15); do
	virtnet unplug -p "$i" >/dev/null || fail "unplug $i"
done
expect_eq "$(device_count)" 0 "device count after unplugging all"
echo "ok"
