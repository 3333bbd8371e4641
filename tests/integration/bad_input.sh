# Every bad hotplug input gets a message naming the field, a non-zero
# exit, and creates nothing.
#
# Tiers: 6.12 -- CLI argument checks in userspace: nothing kernel-version-specific
. "$(dirname "$0")/lib.bash"

nics=$(ls /sys/class/net | wc -l)
hp() { virtnet hotplug "$@"; }

expect_refused "multicast MAC" "mac" -- hp -i mlx5_0 -m 01:00:5E:00:00:01 -t 1500 -n 3 -s 1024
expect_refused "zero MAC" "mac" -- hp -i mlx5_0 -m 00:00:00:00:00:00 -t 1500 -n 3 -s 1024
expect_refused "malformed MAC" "mac" -- hp -i mlx5_0 -m 0C:C4:7A:FF:22 -t 1500 -n 3 -s 1024
expect_refused "MTU 67" "mtu" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 67 -n 3 -s 1024
expect_refused "MTU 9217" "mtu" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 9217 -n 3 -s 1024
expect_refused "MTU not a number" "mtu" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 15x0 -n 3 -s 1024
expect_refused "0 queues" "num_queues|queues" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 0 -s 1024
expect_refused "even queue count" "num_queues|queues" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 4 -s 1024
expect_refused "too many queues" "num_queues|queues" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 33 -s 1024
expect_refused "queue size not a power of two" "queue_size" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 1000
expect_refused "queue size over 32768" "queue_size" -- hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 65536
expect_refused "unknown IBDEV" "mlx5_7|port|ib" -- hp -i mlx5_7 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 1024
expect_refused "missing MAC" "mac" -- hp -i mlx5_0 -t 1500 -n 3 -s 1024
expect_refused "unsupported feature bit" "feature" -- hp -i mlx5_0 -f 0x4000000000000000 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 1024

step "a duplicate MAC is refused"
hp -i mlx5_0 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 1024 >/dev/null
expect_refused "duplicate MAC" "mac" -- hp -i mlx5_1 -m 02:00:00:00:00:01 -t 1500 -n 3 -s 1024
virtnet unplug -p 0 >/dev/null

expect_eq "$(device_count)" 0 "devices"
expect_eq "$(ls /sys/class/net | wc -l)" "$nics" "netdev count"

step "unknown subcommand and options"
expect_refused "unknown subcommand" "bogus|unknown|invalid" -- virtnet bogus
expect_refused "unknown option" "unrecognized|unknown|invalid" -- hp --bogus
echo "ok"
