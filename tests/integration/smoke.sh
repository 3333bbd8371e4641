#!/bin/bash
# Smoke test of the VM harness itself: the guest kernel, virtio_net, and
# traffic between two network namespaces over a veth pair.
#
# Tiers: stock
set -euo pipefail

echo "kernel: $(uname -r)"
[[ -d /sys/module/virtio_net ]] || { echo "virtio_net is not loaded"; exit 1; }
echo "virtio_net loaded"

ip netns add smoke-a
ip netns add smoke-b
trap 'ip netns del smoke-a; ip netns del smoke-b' EXIT
ip link add veth-a netns smoke-a type veth peer name veth-b netns smoke-b
ip -n smoke-a addr add 10.99.0.1/24 dev veth-a
ip -n smoke-b addr add 10.99.0.2/24 dev veth-b
ip -n smoke-a link set veth-a up
ip -n smoke-b link set veth-b up
ip netns exec smoke-a ping -c 3 -i 0.2 -W 2 10.99.0.2
echo "ok"
