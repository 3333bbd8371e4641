# Hostile generic netlink requests, sent raw with vnl (tests/tools): every
# command with missing, mistyped, out-of-range, unknown, oversized and
# truncated attributes, unknown devices and commands. Each must fail with
# an errno and an extack message, and change nothing: the device dump
# (generation included) and the netdev list are compared before and
# after. Failures are collected; all are listed at the end.
#
# Tiers: 6.1 debug -- on 6.12 the debug kernel runs it (the same virtio_net and
# compat paths as stock 6.12, with KASAN and lockdep watching)
. "$(dirname "$0")/lib.bash"

command -v vnl >/dev/null || { echo "vnl is not built (make -C tests/tools)"; exit 77; }

failures=0
bad() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# The state before a request is the state after the previous one. (Few
# processes per request: each costs tens of milliseconds under TCG.)
state() {
	vnl --dump DEV_GET
	echo /sys/class/net/*
}
STATE=

# try VNL-ARGS...: runs vnl; sets RC, ERR (errno name), MSG (extack),
# OUT, and CHANGED (a diff if the state changed, else empty).
try() {
	local line before=${STATE:-$(state)}
	set +e
	OUT=$(vnl "$@" 2>&1)
	RC=$?
	set -e
	ERR='' MSG='' CHANGED=''
	while IFS= read -r line; do
		case $line in
		"error "*) ERR=${line#error } ;;
		"extack "*) MSG=${line#extack } ;;
		esac
	done <<<"$OUT"
	STATE=$(state)
	[ "$before" = "$STATE" ] ||
		CHANGED=$(diff <(echo "$before") <(echo "$STATE") | sed 's/^/  /')
}

# refused WHAT ERRNO PATTERN -- VNL-ARGS...: vnl must report a kernel
# error whose name matches ERRNO (extended regexp), with an extack
# message matching PATTERN (any non-empty message if PATTERN is empty),
# and the state must not change.
refused() {
	local what=$1 want=$2 pattern=$3
	shift 4
	try "$@"
	shopt -s nocasematch
	if [ "$RC" -ne 1 ]; then
		bad "$what: vnl exited $RC (1 = kernel error): $OUT"
	elif ! [[ $ERR =~ ^($want)$ ]]; then
		bad "$what: $ERR, expected $want ($MSG)"
	elif [ -z "$MSG" ]; then
		bad "$what: $ERR without an extack message"
	elif ! [[ $MSG =~ $pattern ]]; then
		bad "$what: extack '$MSG' does not match /$pattern/"
	else
		echo "refused ($what): $ERR: $MSG"
	fi
	shopt -u nocasematch
	[ -z "$CHANGED" ] || bad "$what: state changed:"$'\n'"$CHANGED"
}

# refused_by_core WHAT ERRNO -- VNL-ARGS...: as refused, for requests the
# generic netlink core rejects before the family sees them (unknown
# command, dump of a command without one, short header): Linux 6.1 sends
# no extack message for those, so none is required.
refused_by_core() {
	local what=$1 want=$2
	shift 3
	try "$@"
	if [ "$RC" -ne 1 ]; then
		bad "$what: vnl exited $RC (1 = kernel error): $OUT"
	elif ! [[ $ERR =~ ^($want)$ ]]; then
		bad "$what: $ERR, expected $want"
	else
		echo "refused by the genl core ($what): $ERR${MSG:+: $MSG}"
	fi
	[ -z "$CHANGED" ] || bad "$what: state changed:"$'\n'"$CHANGED"
}

# A valid DEV_NEW, and the same with attributes replaced or removed.
NEW=(PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:00:aa MTU=u16:1500
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256)
# new_with ATTR=TYPE:VALUE...: NEW with these attributes instead.
new_with() {
	local a o keep
	for a in "${NEW[@]}"; do
		keep=1
		for o in "$@"; do
			[ "${a%%=*}" = "${o%%=*}" ] && keep=0
		done
		((keep)) && echo "$a"
	done
	for o in "$@"; do
		echo "$o"
	done
}
# new_without ATTR
new_without() {
	local a
	for a in "${NEW[@]}"; do
		[ "${a%%=*}" = "$1" ] || echo "$a"
	done
}
long() { printf "%${1}s" "" | tr ' ' "${2:-a}"; }

step "the largest device (31 queues) dumps on a fresh socket"
# Its DEV_GET message is 4100 bytes. The kernel sizes a dump skb after
# the largest buffer the socket has received with, and at NLMSG_GOODSIZE
# (3776 bytes with 4 KiB pages) before any receive: alone (first in the
# dump), the device must fit the first skb.
vnl -q DEV_NEW "${NEW[@]/NUM_QUEUES=u16:3/NUM_QUEUES=u16:31}" >/dev/null ||
	bad "DEV_NEW with 31 queues failed"
if out=$(vnl --fresh-socket --dump DEV_GET 2>&1); then
	echo "dump on a fresh socket: ok"
else
	bad "dump on a fresh socket with a 31-queue device: $(tail -n 2 <<<"$out" | tr '\n' ' ')"
fi
vnl -q DEV_DEL DEV_VUID=strz:VNETS1D0F0 >/dev/null || bad "DEV_DEL failed"
expect_eq "$(device_count)" 0 "devices"

step "DEV_NEW with the link down and coalescing (what recovery sends)"
vnl -q DEV_NEW "${NEW[@]}" LINK_UP=u8:0 RX_COAL_USECS=u32:20 TX_COAL_MAX_PACKETS=u32:5 \
	>/dev/null || bad "DEV_NEW with LINK_UP 0 and coalescing failed"
expect_eq "$(virtnet query -u VNETS1D0F0 | jq -c '[.link_status, .coalescing.rx.usecs,
	.coalescing.rx.max_packets, .coalescing.tx.usecs, .coalescing.tx.max_packets]')" \
	"[0,20,0,0,5]" "link_status and coalescing of the new device"
vnl -q DEV_DEL DEV_VUID=strz:VNETS1D0F0 >/dev/null || bad "DEV_DEL failed"
expect_eq "$(device_count)" 0 "devices"

step "two devices to aim at"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:20:01 -t 4000 -n 5 -s 512 >/dev/null
vnl --dump DEV_GET
expect_eq "$(vnl --dump DEV_GET | grep -c '^DEV_GET ')" 2 "devices in the dump"

step "DEV_NEW: missing attributes (the extack names the type, too)"
refused "no attributes" EINVAL "port_ibdev" -- DEV_NEW
grep -qx 'extack_missing PORT_IBDEV' <<<"$OUT" || bad "no attributes: no missing type: $OUT"
for a in PORT_IBDEV MAC MTU NUM_QUEUES QUEUE_SIZE; do
	mapfile -t args < <(new_without $a)
	refused "no $a" EINVAL "${a,,}" -- DEV_NEW "${args[@]}"
	grep -qx "extack_missing $a" <<<"$OUT" || bad "no $a: no missing type: $OUT"
done

step "DEV_NEW: wrong types and lengths"
for w in PORT_IBDEV=str:mlx5_0 PORT_IBDEV=u32:1 PORT_IBDEV=flag \
	MAC=hex:02:00:00:00:00 MAC=hex:02:00:00:00:00:aa:bb MAC=u64:2 MAC=flag \
	MTU=u32:1500 MTU=u8:200 MTU=u64:1500 MTU=strz:1500 MTU=flag \
	NUM_QUEUES=u32:3 NUM_QUEUES=u8:3 QUEUE_SIZE=u32:256 QUEUE_SIZE=hex:00 \
	FEATURES=u32:0 FEATURES=u16:0 LEGACY=u8:1 LEGACY=u32:0 \
	DEV_ID=u16:7 DEV_ID=u64:7 SF_NUM=u16:3000 SF_NUM=u64:3000 \
	MTU=nest:dc050000 PORT_IBDEV=nest:6d6c78355f3000; do
	mapfile -t args < <(new_with "$w")
	refused "DEV_NEW $w" "EINVAL|ERANGE|ENODEV" "" -- DEV_NEW "${args[@]}"
done

step "DEV_NEW: values out of range"
for w in MTU=u16:67 MTU=u16:9217 MTU=u16:0 MTU=u16:65535 \
	QUEUE_SIZE=u16:100 QUEUE_SIZE=u16:0 QUEUE_SIZE=u16:32 \
	NUM_QUEUES=u16:0 NUM_QUEUES=u16:1 NUM_QUEUES=u16:4 NUM_QUEUES=u16:33 \
	NUM_QUEUES=u16:65535 SF_NUM=u32:999 SF_NUM=u32:0 \
	DEV_ID=u32:70000 DEV_ID=u32:4294967295 \
	MAC=hex:01:00:5e:00:00:01 MAC=hex:00:00:00:00:00:00 \
	MAC=hex:ff:ff:ff:ff:ff:ff FEATURES=u64:0x4000000000000000; do
	name=${w%%=*}
	mapfile -t args < <(new_with "$w")
	refused "DEV_NEW $w" EINVAL "${name,,}|feature" -- DEV_NEW "${args[@]}"
done
mapfile -t args < <(new_with NUM_QUEUES=u16:5 FEATURES=u64:0x100000020)
refused "5 queues without MQ" EINVAL "num_queues|MQ" -- DEV_NEW "${args[@]}"
# The representor is en3f<port>pf<port>sf<sf_num>: IFNAMSIZ allows at
# most 5 digits.
for sf in 100000 4294967295; do
	mapfile -t args < <(new_with SF_NUM=u32:$sf)
	refused "DEV_NEW SF_NUM=$sf" EINVAL "sf_num" -- DEV_NEW "${args[@]}"
done

mapfile -t args < <(new_with LINK_UP=u8:2)
refused "DEV_NEW LINK_UP=u8:2" "EINVAL|ERANGE" "" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with RX_COAL_USECS=u32:1000001)
refused "DEV_NEW coalescing too long" EINVAL "usecs: must be 0 to 1000000" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with TX_COAL_MAX_PACKETS=u32:32769)
refused "DEV_NEW coalescing too many" EINVAL "max_packets: must be 0 to 32768" -- DEV_NEW "${args[@]}"

step "DEV_NEW: unknown and misplaced attributes"
for w in 99=u32:1 98=hex: 100=strz:x 16383=u8:1 0=u32:0 \
	DEV_VUID=strz:VNETS1D5F0 GENERATION=u32:1 QUEUES=nest: \
	PORTS=nest:0c00240008002300000000 STATUS=u8:0; do
	mapfile -t args < <(new_with "$w")
	refused "DEV_NEW $w" EINVAL "" -- DEV_NEW "${args[@]}"
done

step "DEV_NEW: oversized strings"
mapfile -t args < <(new_with "PORT_IBDEV=strz:$(long 64)")
refused "64-character ibdev" EINVAL "" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with "PORT_IBDEV=strz:$(long 1000)")
refused "1000-character ibdev" EINVAL "" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with "PORT_IBDEV=strz:$(long 63)")
refused "63-character unknown ibdev" ENODEV "port_ibdev" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with "PORT_IBDEV=strz:")
refused "empty ibdev" ENODEV "port_ibdev" -- DEV_NEW "${args[@]}"

step "DEV_NEW: what another device already has"
mapfile -t args < <(new_with MAC=hex:0c:c4:7a:ff:22:93)
refused "MAC in use" EEXIST "mac" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with DEV_ID=u32:0)
refused "dev_id in use" EEXIST "dev_id" -- DEV_NEW "${args[@]}"
mapfile -t args < <(new_with SF_NUM=u32:2001)
refused "sf_num in use" EEXIST "sf_num" -- DEV_NEW "${args[@]}"

step "DEV_NEW: truncated and nested garbage"
refused "truncated attribute" EINVAL "" -- DEV_NEW "${NEW[@]}" raw:0c000900dc05
refused "attribute shorter than its header" EINVAL "" -- DEV_NEW "${NEW[@]}" raw:0200
refused "stray bytes" EINVAL "" -- DEV_NEW "${NEW[@]}" raw:0009
refused "nested garbage" EINVAL "" -- DEV_NEW "${NEW[@]}" \
	QUEUES=nest:ffff1b0008000200000000000400
refused "nested flag on MTU" EINVAL "" -- DEV_NEW "${NEW[@]}" 32777=u16:1500

for cmd in DEV_DEL DEV_GET; do
	step "$cmd: selectors"
	refused "$cmd without selector" EINVAL "dev_id|dev_vuid" -- $cmd
	refused "$cmd with dev_id and dev_vuid" EINVAL "dev_id|dev_vuid" -- \
		$cmd DEV_ID=u32:0 DEV_VUID=strz:VNETS1D0F0
	refused "$cmd dev_id 70000" ENODEV "dev_id" -- $cmd DEV_ID=u32:70000
	refused "$cmd dev_id 7" ENODEV "dev_id" -- $cmd DEV_ID=u32:7
	refused "$cmd dev_id 4294967295" ENODEV "dev_id" -- $cmd DEV_ID=u32:4294967295
	refused "$cmd unknown vuid" ENODEV "dev_vuid" -- $cmd DEV_VUID=strz:VNETS1D9F0
	refused "$cmd empty vuid" ENODEV "dev_vuid" -- $cmd DEV_VUID=strz:
	refused "$cmd 31-character vuid" ENODEV "dev_vuid" -- $cmd "DEV_VUID=strz:$(long 31)"
	refused "$cmd 32-character vuid" EINVAL "" -- $cmd "DEV_VUID=strz:$(long 32)"
	refused "$cmd vuid without NUL" EINVAL "" -- $cmd DEV_VUID=str:VNETS1D0F0
	refused "$cmd vuid prefix" ENODEV "dev_vuid" -- $cmd DEV_VUID=strz:VNETS1D0
	refused "$cmd dev_id as u16" EINVAL "" -- $cmd DEV_ID=u16:0
	refused "$cmd dev_id as u64" EINVAL "" -- $cmd DEV_ID=u64:0
	refused "$cmd dev_id as u8" EINVAL "" -- $cmd DEV_ID=u8:0
	refused "$cmd dev_id nested" EINVAL "" -- $cmd DEV_ID=nest:00000000
	refused "$cmd vuid as u32" "EINVAL|ENODEV" "" -- $cmd DEV_VUID=u32:0
	refused "$cmd unknown attribute" EINVAL "" -- $cmd DEV_ID=u32:0 99=u32:0
	refused "$cmd misplaced MTU" EINVAL "" -- $cmd DEV_ID=u32:0 MTU=u16:1500
	refused "$cmd misplaced PORT_IBDEV" EINVAL "" -- $cmd DEV_ID=u32:0 PORT_IBDEV=strz:mlx5_0
	refused "$cmd truncated attribute" EINVAL "" -- $cmd DEV_ID=u32:0 raw:08000300
	refused "$cmd truncated dev_id" EINVAL "" -- $cmd raw:080002000000
done
refused_by_core "DEV_DEL as a dump" EOPNOTSUPP -- --dump DEV_DEL DEV_ID=u32:0

step "DEV_GET dump with bad attributes"
refused "dump: unknown attribute" EINVAL "" -- --dump DEV_GET 99=u32:0
refused "dump: misplaced MTU" EINVAL "" -- --dump DEV_GET MTU=u16:1500
refused "dump: dev_id as u16" EINVAL "" -- --dump DEV_GET DEV_ID=u16:0
refused "dump: 32-character vuid" EINVAL "" -- --dump DEV_GET "DEV_VUID=strz:$(long 32)"
refused "dump: truncated attribute" EINVAL "" -- --dump DEV_GET raw:0c000200

step "INFO_GET with attributes"
refused "INFO_GET dev_id" EINVAL "" -- INFO_GET DEV_ID=u32:0
refused "INFO_GET unknown attribute" EINVAL "" -- INFO_GET 99=u32:0
refused "INFO_GET truncated attribute" EINVAL "" -- INFO_GET raw:0c000100
refused_by_core "INFO_GET as a dump" EOPNOTSUPP -- --dump INFO_GET
refused_by_core "DEV_NEW as a dump" EOPNOTSUPP -- --dump DEV_NEW "${NEW[@]}"

step "DEV_SET and SF_POOL_SET with bad input"
refused "DEV_SET without selector" EINVAL "dev_id|dev_vuid" -- DEV_SET MAC=hex:02:00:00:00:f0:01
refused "DEV_SET without a change" EINVAL "nothing to change" -- DEV_SET DEV_ID=u32:0
refused "DEV_SET multicast MAC" EINVAL "mac: must be a unicast" -- DEV_SET DEV_ID=u32:0 MAC=hex:01:00:5e:00:00:01
refused "DEV_SET 5-byte MAC" "EINVAL|ERANGE" "" -- DEV_SET DEV_ID=u32:0 MAC=hex:02:00:00:00:f0
refused "DEV_SET unknown device" ENODEV "dev_id" -- DEV_SET DEV_ID=u32:7 MAC=hex:02:00:00:00:f0:01
refused "DEV_SET bound device" EBUSY "unbind it first" -- DEV_SET DEV_ID=u32:0 MAC=hex:02:00:00:00:f0:01
refused "DEV_SET MTU while bound" EBUSY "unbind it first" -- DEV_SET DEV_ID=u32:0 MTU=u16:1500
refused "DEV_SET MTU too big" EINVAL "mtu: must be between" -- DEV_SET DEV_ID=u32:0 MTU=u16:9217
refused "DEV_SET even queue count" EINVAL "num_queues: must be odd" -- DEV_SET DEV_ID=u32:0 NUM_QUEUES=u16:4
refused "DEV_SET queue size not a power of two" EINVAL "queue_size: must be a power of two" -- DEV_SET DEV_ID=u32:0 QUEUE_SIZE=u16:100
refused "DEV_SET link 2" "EINVAL|ERANGE" "" -- DEV_SET DEV_ID=u32:0 LINK_UP=u8:2
refused "DEV_SET coalescing too long" EINVAL "usecs: must be 0 to 1000000" -- DEV_SET DEV_ID=u32:0 RX_COAL_USECS=u32:1000001
refused "DEV_SET coalescing too many" EINVAL "max_packets: must be 0 to 32768" -- DEV_SET DEV_ID=u32:0 TX_COAL_MAX_PACKETS=u32:32769
refused "DEV_SET live change with a bad MTU changes nothing" EINVAL "mtu" -- DEV_SET DEV_ID=u32:0 LINK_UP=u8:0 MTU=u16:1
expect_eq "$(virtnet query -p 0 | jq -r .link_status)" "1" "link after the refused DEV_SET"
refused "SF_POOL_SET without a size" EINVAL "sf_pool_size: required" -- SF_POOL_SET
refused "SF_POOL_SET above pf_total_sf" EINVAL "at most pf_total_sf" -- SF_POOL_SET SF_POOL_SIZE=u32:4294967295
refused "SF_POOL_SET size as u8" EINVAL "" -- SF_POOL_SET SF_POOL_SIZE=u8:1
refused "DEV_NEW dev_type 3" "EINVAL|ERANGE" "" -- DEV_NEW "${NEW[@]}" DEV_TYPE=u8:3
refused "DEV_NEW VF without static PFs" "EINVAL|ENODEV" "pf_index|vf_id" -- \
	DEV_NEW "${NEW[@]}" DEV_TYPE=u8:2 PF_INDEX=u32:0 VF_ID=u32:0
refused "DEV_NEW vf_id on a hotplug PF" EINVAL "vf_id: only for VFs" -- DEV_NEW "${NEW[@]}" VF_ID=u32:0

step "dev_mode: the hand-over's request rules"
refused "DEV_SET dev_mode 2" "EINVAL|ERANGE" "" -- DEV_SET DEV_ID=u32:0 DEV_MODE=u8:2
refused "DEV_SET dev_mode with a change" EINVAL "dev_mode: a hand-over changes nothing else" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:1 MTU=u16:1500
refused "DEV_SET vdpa_name alone" EINVAL "vdpa_name: only with dev_mode vdpa" -- \
	DEV_SET DEV_ID=u32:0 VDPA_NAME=strz:x
refused "DEV_SET vdpa_name with dev_mode virtio" EINVAL "vdpa_name: only with dev_mode vdpa" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:0 VDPA_NAME=strz:x
refused "DEV_SET vdpa_name with a slash" EINVAL "vdpa_name: 1 to 63 characters" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:1 VDPA_NAME=strz:a/b
refused "DEV_SET empty vdpa_name" EINVAL "vdpa_name: 1 to 63 characters" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:1 VDPA_NAME=strz:
refused "DEV_SET 64-character vdpa_name" EINVAL "" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:1 "VDPA_NAME=strz:$(long 64)"
refused "DEV_SET dev_mode of the mode it is in" EALREADY "in that mode already" -- \
	DEV_SET DEV_ID=u32:0 DEV_MODE=u8:0
refused "DEV_NEW vdpa_name without dev_mode vdpa" EINVAL "vdpa_name: only with dev_mode vdpa" -- \
	DEV_NEW "${NEW[@]}" VDPA_NAME=strz:x
if ! [ -d /sys/bus/vdpa ]; then
	refused "DEV_SET dev_mode vdpa without CONFIG_VDPA" EOPNOTSUPP "CONFIG_VDPA" -- \
		DEV_SET DEV_ID=u32:0 DEV_MODE=u8:1
	refused "DEV_NEW dev_mode vdpa without CONFIG_VDPA" EOPNOTSUPP "CONFIG_VDPA" -- \
		DEV_NEW "${NEW[@]}" DEV_MODE=u8:1
fi

step "unknown commands and headers"
for cmd in 0 40 41 99 255; do
	refused_by_core "command $cmd" EOPNOTSUPP -- $cmd DEV_ID=u32:0
	refused_by_core "command $cmd, dump" EOPNOTSUPP -- --dump $cmd
done
refused "command 40, reserved field set" EINVAL "reserved" -- --reserved 1 40
refused "command 200, reserved flag bits" EINVAL "flags" -- --flags 0x100 200
refused "DEV_DEL, reserved field set" EINVAL "reserved" -- --reserved 1 DEV_DEL DEV_ID=u32:0
refused "DEV_DEL, NLM_F_ROOT alone" EINVAL "flags" -- --flags 0x100 DEV_DEL DEV_ID=u32:0
refused "DEV_DEL, NLM_F_CREATE" EINVAL "flags" -- --flags 0x400 DEV_DEL DEV_ID=u32:0
refused "DEV_NEW, reserved field set" EINVAL "reserved" -- --reserved 0x8000 DEV_NEW "${NEW[@]}"
refused "DEV_NEW, NLM_F_EXCL|NLM_F_CREATE" EINVAL "flags" -- --flags 0x600 DEV_NEW "${NEW[@]}"
refused "DEV_GET, reserved field set" EINVAL "reserved" -- --reserved 1 DEV_GET DEV_ID=u32:0
refused_by_core "genl header cut short" EINVAL -- --genlhdr 01 DEV_NEW
refused_by_core "no genl header" EINVAL -- --genlhdr "" DEV_NEW

step "the devices are intact and a valid hotplug still works"
expect_eq "$(device_count)" 2 "devices"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:aa -t 1500 -n 3 -s 256 >/dev/null ||
	bad "a valid hotplug failed after the hostile requests"
expect_eq "$(device_count)" 3 "devices after hotplug"
virtnet unplug -u VNETS1D2F0 >/dev/null || bad "unplug failed"
expect_eq "$(device_count)" 2 "devices after unplug"

step "a hotplug without sf_num after one that asked for the next slot's sf_num"
# Recovery asks for a device's old sf_num; the slot it lands in need not
# be its old slot. Slot 2 gets sf 2003 here; slot 3's default is then
# taken, and the kernel must not refuse every later default hotplug.
vnl -q DEV_NEW "${NEW[@]}" SF_NUM=u32:2003 >/dev/null ||
	bad "DEV_NEW with sf_num 2003 failed"
if out=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:ab -t 1500 -n 3 -s 256 2>&1); then
	echo "default hotplug after sf_num 2003: ok"
else
	bad "a default hotplug is refused while 13 slots are free: $out"
fi
for v in VNETS1D2F0 VNETS1D3F0; do
	virtnet unplug -u $v >/dev/null 2>&1 || true
done
expect_eq "$(device_count)" 2 "devices"

if ((failures)); then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "ok"
