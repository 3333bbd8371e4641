#!/usr/bin/env bash
# The kernel's own generic netlink client, tools/net/ynl/cli.py from
# Debian's linux-source-6.12 (make ynl puts it in build/ynl), drives the
# module with nothing but the family's spec, uapi/virtnet.yaml: it lists
# the devices, reads the topology, creates a device and deletes it, and a
# refused request comes back with the module's message. What it decodes
# must equal what the virtnet CLI shows.
#
# Tiers: 6.12 -- the spec against the kernel's decoder: nothing kernel-version-specific
. "$(dirname "$0")/lib.bash"

cli_py=$TOP/build/ynl/tools/net/ynl/cli.py
[ -f "$cli_py" ] || { echo "$cli_py missing (make ynl; needs linux-source-6.12)"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing (make deps)"; exit 77; }

# ynl ARGS...: one request, the answer as JSON on one line.
ynl() {
	python3 "$cli_py" --spec "$TOP/uapi/virtnet.yaml" --no-schema --output-json "$@"
}

step "an empty dump, then the topology"
expect_eq "$(ynl --dump dev-get)" "[]" "dev-get dump with no device"
info=$(ynl --do info-get)
expect_eq "$(jq '."max-hotplug"' <<<"$info")" "$(virtnet list | jq '.controller.max_hotplug_devices')" \
	"max-hotplug against virtnet list"
expect_eq "$(jq -r '.ports.port[0]."port-ibdev"' <<<"$info")" "mlx5_0" "port 0's RDMA device"

step "dev-new through the spec"
dev=$(ynl --do dev-new --json '{"port-ibdev": "mlx5_0", "mac": "0cc47aff2293",
	"mtu": 1500, "num-queues": 3, "queue-size": 1024}')
echo "$dev" | jq -c '{id: ."dev-id", vuid: ."dev-vuid", mac, sf: ."sf-num", rep: ."sf-rep-ifname"}'
id=$(jq '."dev-id"' <<<"$dev")
vuid=$(jq -r '."dev-vuid"' <<<"$dev")
expect_eq "$(jq -r .mac <<<"$dev")" "0c:c4:7a:ff:22:93" "MAC, decoded with the spec's display hint"
listed=$(virtnet query -u "$vuid")
expect_eq "$(jq '."sf-num"' <<<"$dev")" "$(jq '.sf_num' <<<"$listed")" "SF number against virtnet query"
expect_eq "$(jq -r '."sf-rep-ifname"' <<<"$dev")" "$(jq -r '.sf_rep_net_device' <<<"$listed")" \
	"representor against virtnet query"
expect_eq "$(ynl --dump dev-get | jq length)" "1" "devices in the dump"
expect_eq "$(ynl --do dev-get --json "{\"dev-vuid\": \"$vuid\"}" | jq '."queue-size"')" "1024" \
	"queue size of dev-get by VUID"

step "a refused request carries the module's message"
set +e
out=$(ynl --do dev-new --json '{"port-ibdev": "nope", "mac": "0cc47aff2294",
	"mtu": 1500, "num-queues": 3, "queue-size": 1024}' 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "dev-new on an unknown port succeeded"
echo "$out" | grep -q "port_ibdev" || fail "no extack message naming port_ibdev in: $out"
expect_eq "$(ynl --dump dev-get | jq length)" "1" "devices after the refusal"

step "dev-del through the spec"
ynl --do dev-del --json "{\"dev-id\": $id}" >/dev/null
expect_eq "$(ynl --dump dev-get)" "[]" "dev-get dump after dev-del"
expect_eq "$(virtnet list | jq '.devices | length')" "0" "virtnet list after dev-del"
