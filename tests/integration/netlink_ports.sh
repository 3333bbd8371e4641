# PORT_SET: the controller replaces the module's port table. Malformed
# tables are refused with an extack message and change nothing (INFO_GET
# and the device dump compared before and after); a port that devices use
# cannot be removed or renamed; a valid table takes effect for hotplug,
# list and LAG mode.
#
# Tiers: 6.12 -- the port table is the module's own logic; its netlink checks are in netlink_hostile
. "$(dirname "$0")/lib.bash"

command -v vnl >/dev/null || { echo "vnl is not built (make -C tests/tools)"; exit 77; }

failures=0
bad() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

NESTED=32768
A_PORT_INDEX=7 A_PORT_IBDEV=6 A_PORT=35 A_PORT_NETDEV=36 A_DEV_ID=2

state() {
	vnl INFO_GET | grep -v '^ok$' | sed 's/ GENERATION=[0-9]*//; s/ NUM_HOTPLUG=[0-9]*//'
	vnl --dump DEV_GET
}

# refused WHAT ERRNO PATTERN -- VNL-ARGS...: sets OUT (vnl's output)
refused() {
	local what=$1 want=$2 pattern=$3 before after out rc msg
	shift 4
	before=$(state)
	set +e
	out=$(vnl "$@" 2>&1)
	rc=$?
	set -e
	OUT=$out # for checks after the call
	msg=$(sed -n 's/^extack //p' <<<"$out")
	after=$(state)
	if [ "$rc" -ne 1 ]; then
		bad "$what: vnl exited $rc: $out"
	elif ! grep -Eq "^error ($want)\$" <<<"$out"; then
		bad "$what: expected $want: $out"
	elif [ -z "$msg" ] || ! grep -Eqi -- "$pattern" <<<"$msg"; then
		bad "$what: extack '$msg' does not match /$pattern/"
	elif [ "$before" != "$after" ]; then
		bad "$what: state changed: $(diff <(echo "$before") <(echo "$after"))"
	else
		echo "refused as expected ($what): $msg"
	fi
}

step "the module's own ports"
vnl INFO_GET
vnl INFO_GET | grep -q 'PORTS=0:mlx5_0,1:mlx5_1' || fail "default ports"
vnl INFO_GET | grep -q 'INSTANCE_ID=0x' || fail "no instance id"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:30:01 -t 1500 -n 3 -s 256 >/dev/null

step "malformed tables"
refused "no ports" EINVAL "ports: required" -- PORT_SET
grep -qx 'extack_missing PORTS' <<<"$OUT" || bad "no ports: no missing type: $OUT"
refused "empty ports" EINVAL "at least one" -- PORT_SET PORTS=nest:
refused "a foreign attribute in ports" EINVAL "only" -- PORT_SET \
	"PORTS=nest:$(attr $A_DEV_ID "$(le32 0)")"
refused "a port without ibdev" EINVAL "required" -- PORT_SET \
	"PORTS=nest:$(attr $((A_PORT | NESTED)) "$(attr $A_PORT_INDEX "$(le32 0)")")"
grep -qx 'extack_missing PORT_IBDEV' <<<"$OUT" || bad "a port without ibdev: no missing type: $OUT"
refused "a port without NLA_F_NESTED" EINVAL "NESTED" -- PORT_SET \
	"PORTS=nest:$(attr $A_PORT "$(attr $A_PORT_INDEX "$(le32 0)")$(attr $A_PORT_IBDEV "$(strz mlx5_0)")")"
refused "port index 2" EINVAL "port_index" -- PORT_SET "PORTS=nest:$(port 2 mlx5_9)"
refused "empty ibdev" EINVAL "empty" -- PORT_SET "PORTS=nest:$(port 1 "")"
refused "64-character ibdev" EINVAL "" -- PORT_SET \
	"PORTS=nest:$(port 1 "$(printf 'x%.0s' {1..64})")"
refused "16-character netdev" EINVAL "" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_0 "$(printf 'n%.0s' {1..16})")"
refused "duplicate index" EINVAL "unique" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_0)$(port 0 mlx5_7)"
refused "duplicate ibdev" EINVAL "unique" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_0)$(port 1 mlx5_0)"
refused "three ports" E2BIG "at most 2" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_0)$(port 1 mlx5_1)$(port 1 mlx5_2)"
refused "LAG with two ports" EINVAL "LAG" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_0)$(port 1 mlx5_1)" PORT_LAG=flag
refused "unknown attribute" EINVAL "" -- PORT_SET "PORTS=nest:$(port 0 mlx5_0)" 99=u32:0

step "a port that a device uses stays"
refused "rename port 0 in use" EBUSY "unplug" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_9)$(port 1 mlx5_1)"
refused "drop port 0 in use" EBUSY "unplug" -- PORT_SET "PORTS=nest:$(port 1 mlx5_1)"
refused "LAG over port 0 in use" EBUSY "unplug" -- PORT_SET \
	"PORTS=nest:$(port 0 mlx5_bond_0)" PORT_LAG=flag

step "uplink netdevs may change under devices; port 1 is free to go"
vnl PORT_SET "PORTS=nest:$(port 0 mlx5_0 p0)" >/dev/null || fail "PORT_SET with netdev"
vnl INFO_GET | grep -q 'PORTS=0:mlx5_0@p0$' || fail "port 0 netdev not shown: $(vnl INFO_GET)"
virtnet list | jq -e '.controller.ports == [{"index":0,"ib_device":"mlx5_0","sf_pool_idle":0,"net_device":"p0"}]' >/dev/null ||
	fail "list: $(virtnet list | jq -c .controller.ports)"
expect_refused "hotplug on a removed port" "port_ibdev|not a configured port" -- \
	virtnet hotplug -i mlx5_1 -m 02:00:00:00:30:02 -t 1500 -n 3 -s 256
expect_eq "$(virtnet query -p 0 | jq -r .sf_parent_device)" mlx5_0 "device keeps its port"

step "LAG mode once the devices are gone"
virtnet unplug -p 0 >/dev/null
vnl PORT_SET "PORTS=nest:$(port 0 mlx5_bond_0 bond0)" PORT_LAG=flag >/dev/null || fail "LAG PORT_SET"
expect_eq "$(virtnet list | jq -c '[.controller.is_lag, .controller.ports[0].ib_device]')" \
	'[1,"mlx5_bond_0"]' "LAG in list"
out=$(virtnet hotplug -i mlx5_bond_0 -m 02:00:00:00:30:03 -t 1500 -n 3 -s 256)
expect_eq "$(jq -r .sf_rep_net_device <<<"$out")" en3f0pf0sf2000 "representor on the LAG port"
expect_refused "hotplug on mlx5_0 in LAG mode" "port_ibdev|not a configured port" -- \
	virtnet hotplug -i mlx5_0 -m 02:00:00:00:30:04 -t 1500 -n 3 -s 256
virtnet unplug -p 0 >/dev/null

step "unprivileged callers cannot change ports"
if command -v setpriv >/dev/null; then
	before=$(state)
	set +e
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		vnl PORT_SET "PORTS=nest:$(port 0 mlx5_0)" 2>&1)
	set -e
	grep -q '^error EPERM$' <<<"$out" || bad "unprivileged PORT_SET: $out"
	[ "$before" = "$(state)" ] || bad "unprivileged PORT_SET changed the ports"
fi

if ((failures)); then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "ok"
