# Callers without CAP_NET_ADMIN can read (virtnet list/query, DEV_GET,
# INFO_GET) but not change anything: hotplug, unplug and raw DEV_NEW /
# DEV_DEL fail with EPERM, valid or not, and the devices stay as they were.
# Two such callers: user nobody with no capabilities at all, and root
# with CAP_NET_ADMIN dropped from its bounding set. setpriv is util-linux.
#
# Tiers: stock
. "$(dirname "$0")/lib.bash"

command -v vnl >/dev/null || { echo "vnl is not built (make -C tests/tools)"; exit 77; }

command -v setpriv >/dev/null || { echo "setpriv (util-linux) not found"; exit 77; }

as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-all -- "$@"
}
as_root_without_net_admin() {
	setpriv --inh-caps=-net_admin --bounding-set=-net_admin -- "$@"
}

# The state: the device dump (generation included) and the netdevs.
state() {
	vnl --dump DEV_GET
	echo /sys/class/net/*
}

virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:20:01 -t 4000 -n 5 -s 512 >/dev/null
root_list=$(virtnet list)
root_query=$(virtnet query -u VNETS1D1F0)
before=$(state)

for who in as_nobody as_root_without_net_admin; do
	step "$who: no CAP_NET_ADMIN"
	eff=$($who sed -n 's/^CapEff:\t//p' /proc/self/status)
	(((0x$eff >> 12) & 1)) && fail "$who: CAP_NET_ADMIN still effective ($eff)"
	echo "effective capabilities: $eff"

	step "$who: reads work"
	expect_eq "$($who virtnet list)" "$root_list" "$who: virtnet list"
	expect_eq "$($who virtnet query -u VNETS1D1F0)" "$root_query" "$who: virtnet query -u"
	expect_eq "$($who virtnet query -p 0 | jq -r .vuid)" VNETS1D0F0 "$who: virtnet query -p 0"
	expect_eq "$($who virtnet query -a | jq '.devices | length')" 2 "$who: virtnet query -a"
	$who vnl INFO_GET >/dev/null || fail "$who: INFO_GET failed"
	expect_eq "$($who vnl --dump DEV_GET)" "$(vnl --dump DEV_GET)" "$who: DEV_GET dump"
	$who vnl DEV_GET DEV_VUID=strz:VNETS1D0F0 >/dev/null || fail "$who: DEV_GET failed"

	step "$who: changes are refused with EPERM"
	expect_refused "$who: hotplug" "permitted|EPERM|permission" -- \
		$who virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:77 -t 1500 -n 3 -s 256
	expect_refused "$who: unplug -p 0" "permitted|EPERM|permission" -- \
		$who virtnet unplug -p 0
	expect_refused "$who: unplug -u" "permitted|EPERM|permission" -- \
		$who virtnet unplug -u VNETS1D1F0
	for req in \
		"DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:00:77 MTU=u16:1500 NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256" \
		"DEV_NEW" \
		"DEV_NEW MTU=u32:1 99=u8:0" \
		"DEV_DEL DEV_ID=u32:0" \
		"DEV_DEL DEV_VUID=strz:VNETS1D1F0" \
		"DEV_DEL DEV_ID=u32:7" \
		"DEV_DEL" \
		"--no-ack DEV_DEL DEV_ID=u32:1"; do
		set +e
		# shellcheck disable=SC2086 # the request is a word list
		out=$($who vnl $req 2>&1)
		rc=$?
		set -e
		if [ "$rc" -ne 1 ] || ! grep -qx "error EPERM" <<<"$out"; then
			fail "$who: vnl $req: expected EPERM, got (exit $rc) $out"
		fi
		echo "refused as expected ($who: $req): EPERM"
	done
	expect_eq "$(state)" "$before" "$who: state after the refused requests"
done

step "root can still hotplug and unplug"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:77 -t 1500 -n 3 -s 256 >/dev/null
expect_eq "$(device_count)" 3 "devices after hotplug"
virtnet unplug -u VNETS1D2F0 >/dev/null
expect_eq "$(device_count)" 2 "devices after unplug"
echo "ok"
