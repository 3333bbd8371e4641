# `virtnet monitor`: monitors as root (JSON and text) and as nobody see a
# scripted sequence (hotplug and its driver binding, modify, the host
# driver unbound and bound again, a VF made and removed through
# sriov_numvfs, SF pool changes through SF_POOL_SET and devlink port
# add/del, unplug, a controller registering and going away) in order with
# the right device ids, after the snapshot of -s; the text monitor
# prints one line per event. An overrun (the smallest --rcvbuf, the
# monitor stopped during a burst) is reported and followed by a sync
# snapshot, and streaming goes on. SIGINT, SIGTERM and a closed pipe end
# it with status 0 after a whole line.
#
# Tiers: 6.12 -- userspace CLI over the events group that netlink_events checks on both kernels
. "$(dirname "$0")/lib.bash"

rmmod virtnet_emu
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=1 num_vf=2 pf_total_sf=40

dir=$(mktemp -d)
declare -A pid	# monitor name -> pid
cleanup() {
	local p
	for p in "${pid[@]}"; do
		kill -CONT "$p" 2>/dev/null || true
		kill "$p" 2>/dev/null || true
	done
	rm -rf "$dir"
}
trap cleanup EXIT

# start NAME CMD...: CMD (a `virtnet monitor -s ...`) in the background,
# output in $dir/NAME; returns once its snapshot is out, so it has joined
# the group.
start() {
	local name=$1 i
	shift
	"$@" >"$dir/$name" 2>"$dir/$name.err" &
	pid[$name]=$!
	for ((i = 0; i < 100; i++)); do
		grep -Eq '^sync_end |"event": "sync_end"' "$dir/$name" && return 0
		sleep 0.1
	done
	fail "monitor $name did not start: $(cat "$dir/$name" "$dir/$name.err")"
}

# stop NAME SIGNAL: the monitor ends with status 0 and a whole last line.
stop() {
	local rc=0
	kill -"$2" "${pid[$1]}"
	wait "${pid[$1]}" || rc=$?
	unset "pid[$1]"
	expect_eq "$rc" 0 "monitor $1's status after SIG$2 ($(cat "$dir/$1.err"))"
	[ -z "$(tail -c 1 "$dir/$1")" ] || fail "monitor $1: a partial last line"
}

# wait_for NAME PATTERN [COUNT]: until COUNT lines of NAME's output match.
wait_for() { wait_lines "$dir/$1" "$2" "${3:-1}"; }

# keys NAME: "EVENT ID" (or "EVENT controller STATE", "sync_end N") for
# each line of a JSON monitor, as text_keys does for a text one.
keys() {
	jq -r 'if .device then "\(.event) \(.id) \(.vuid)"
	       elif .controller then "\(.event) controller \(.controller.controller)"
	       elif .ports then "\(.event) \(.sf_pool_size) \(.ports | map(.sf_pool_idle | tostring) | join(","))"
	       elif .event == "sync_end" then "sync_end \(.devices)"
	       else .event end' "$dir/$1"
}
text_keys() {
	awk '$2 == "id" { print $1, $3, $5; next }
	     $1 == "controller" { print $1, $1, $2; next }
	     $2 == "controller" { print $1, $2, $3; next }
	     $1 ~ /sf_pool$/ { s = ""; for (i = 1; i < NF; i++) if ($i == "idle") s = s (s == "" ? "" : ",") $(i + 1)
			       print $1, $3, s; next }
	     $1 == "sync_end" { print $1, $3; next }
	     { print $1 }' "$dir/$1"
}

step "the static PF"
vnl DEV_NEW PORT_IBDEV=strz:mlx5_0 MAC=hex:02:00:00:00:80:01 MTU=u16:1500 \
	NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:0 >/dev/null
spf=$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | .pf_id')
spf_vuid=$(virtnet list | jq -r '.devices[] | select(.function_type == "static PF") | .vuid')
step "monitors: JSON and text as root, JSON as nobody"
start root virtnet monitor -j -s
start text virtnet monitor -s
setpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all
	--bounding-set=-all --)
start nobody "${setpriv[@]}" virtnet monitor -j --snapshot
grep CapEff "/proc/${pid[nobody]}/status"

# bound NAME ID [COUNT]: until monitor NAME has COUNT driver events of
# device ID (they come from a work item: each change is waited for, or the
# next could undo it before it is told).
bound() {
	wait_for "$1" '"event": "driver_(un)?bound", "id": '"$2"',' "${3:-1}"
}

step "hotplug, its driver bound, modify"
hp=$(virtnet hotplug "${GUIDE_ARGS[@]}" | jq -r .id)
bound root "$hp"
virtnet modify -p "$hp" device -l down >/dev/null
step "the host driver unbound and bound again"
nic=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC on 85:00.0"
vdev=$(basename "$(readlink -f "/sys/class/net/$nic/device")")
echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/unbind
bound root "$hp" 2
echo "$vdev" >/sys/bus/virtio/drivers/virtio_net/bind
bound root "$hp" 3
pfdev=
for ((i = 0; i < 50; i++)); do
	nic=$(host_nic_by_bus 0000:85:00.3) && pfdev=/sys/class/net/$nic/device && break
	sleep 0.1
done
[ -n "$pfdev" ] || fail "no host NIC for the static PF"
step "a VF made and removed, unplug, a controller comes and goes"
echo 1 >"$pfdev/sriov_numvfs"
vf_vuid=$(virtnet list | jq -r '.devices[] | select(.function_type == "VF") | .vuid')
vf=$(vnl DEV_GET "DEV_VUID=strz:$vf_vuid" | sed -n 's/^DEV_GET .*DEV_ID=\([0-9]*\).*/\1/p')
[ -n "$vf" ] || fail "no VF id for '$vf_vuid'"
bound root "$vf"
echo 0 >"$pfdev/sriov_numvfs"
step "the SF pool: SF_POOL_SET, devlink port add and del"
vnl SF_POOL_SET SF_POOL_SIZE=u32:2 >/dev/null
devlink port add platform/virtnet_emu.0 flavour pcisf pfnum 0 sfnum 5000 >/dev/null
devlink port del platform/virtnet_emu.0/5000
virtnet unplug -p "$hp" >/dev/null
# A registration ends when its socket closes: vnl exits at once.
vnl CTRL_REGISTER CTRL_VERSION=strz:9.9 CTRL_PID=u32:4242 >/dev/null

want="sync $spf $spf_vuid
sync controller none
sync_sf_pool 0 0,0
sync_end 1
dev_new $hp VNETS1D0F0
driver_bound $hp VNETS1D0F0
dev_set $hp VNETS1D0F0
driver_unbound $hp VNETS1D0F0
driver_bound $hp VNETS1D0F0
dev_new $vf $vf_vuid
driver_bound $vf $vf_vuid
dev_del $vf $vf_vuid
sf_pool 2 2,2
sf_pool 2 3,2
sf_pool 2 2,2
dev_del $hp VNETS1D0F0
controller controller running
controller controller none"
step "what the monitors saw"
for name in root nobody text; do
	# The snapshot's state and the last event's.
	wait_for "$name" '"controller": "none"|controller none' 2
	stop "$name" INT
	echo "--- monitor $name:"
	cut -c 1-160 "$dir/$name"
	if [ "$name" = text ]; then
		got=$(text_keys "$name")
	else
		got=$(keys "$name")	# jq fails on a line that is not JSON
	fi
	expect_eq "$got" "$want" "monitor $name's events"
done
expect_eq "$(wc -l <"$dir/text")" "$(wc -l <"$dir/root")" "text lines: one per event"
expect_eq "$(jq -rs 'map(select(.event == "dev_set"))[0].device.link_status,
	(map(select(.event == "dev_new" and .id == '"$vf"'))[0].device |
	 "\(.vf_id) \(.parent_pf_id)")' "$dir/root" | tr '\n' ,)" "0,0 $spf," \
	"the dev_set's link status, the VF's dev_new's vf_id and parent_pf_id"
grep -q "^dev_new id $vf vuid $vf_vuid VF 0 of pf $spf " "$dir/text" ||
	fail "the VF's text line"

step "an overrun: reported, then a sync snapshot, then streaming again"
# The smallest buffer holds one event; stopped, the monitor misses the rest.
start ovr virtnet monitor -j -s --rcvbuf 1
kill -STOP "${pid[ovr]}"
for l in down up down; do
	virtnet modify -p "$spf" device -l $l >/dev/null
done
kill -CONT "${pid[ovr]}"
wait_for ovr '"event": "sync_end"' 2
virtnet modify -p "$spf" device -l up >/dev/null
wait_for ovr '"event": "dev_set"'
stop ovr TERM
cut -c 1-160 "$dir/ovr"
expect_eq "$(keys ovr | tail -n 6 | tr '\n' ,)" \
	"overrun,sync $spf $spf_vuid,sync controller none,sync_sf_pool 2 2,2,sync_end 1,dev_set $spf $spf_vuid," \
	"after the overrun"
expect_eq "$(jq -rs '[(map(select(.event == "sync" and .device)) | last),
	(map(select(.event == "dev_set")) | last)] | map(.device.link_status | tostring) | join(" ")' \
	"$dir/ovr")" "0 1" "the static PF's link in the resync and in the event after it"

step "a closed output (SIGPIPE) ends the monitor with status 0"
{
	virtnet monitor
	echo $? >"$dir/pipe.rc"
} | head -n 1 >"$dir/pipe" &
for ((i = 0; i < 50; i++)); do
	[ -s "$dir/pipe.rc" ] && break
	virtnet modify -p "$spf" device -l "$( ((i % 2)) && echo up || echo down)" >/dev/null
	sleep 0.1
done
expect_eq "$(cat "$dir/pipe.rc" 2>/dev/null)" 0 "status after the reader went away"
grep -q "^dev_set id $spf " "$dir/pipe" || fail "head saw: $(cat "$dir/pipe")"
echo "ok"
