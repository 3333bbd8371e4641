#!/bin/bash
# Allocation failures on purpose: every state-changing operation run with
# its n-th fault-injectable kernel call failing (failnth: fail-nth with
# failslab and fail_page_alloc taking GFP_KERNEL and order-0 allocations
# too), n = 1, 2, ... until it completes without the fault firing. A
# failure must be a clean error (non-zero exit, an errno) and leave the
# state dump (devices, links, devlink ports, vdpa devices, sriov_numvfs,
# port table and SF pool) as it was; an operation that absorbs the fault
# must leave the state a clean run leaves. KASAN, lockdep and kmemleak
# (the runner's scan after the script) watch. Then failslab and
# fail_page_alloc by probability under a ping flood: the data path drops
# and counts, and flows again once injection is off.
#
# Volume: `make check` (debug) sweeps a seeded sample (n = 1 and random
# ones) of one operation chosen by the seed, through the tools; `make
# check-full` every n of every operation, through servers that keep one
# process each (failnth -s replaying the tool's request, vnl --batch for
# the state dump): an exec costs about a second under TCG on the debug
# kernel, the sweep has thousands of n. FAULTS_SEED=S replays a sample;
# FAULTS_OPS="op..." and FAULTS_N="n..." run only those
# (docs/testing.md "Fault injection").
#
# Tiers: debug -- needs CONFIG_FAULT_INJECTION (FAILSLAB, FAIL_PAGE_ALLOC,
# debugfs), which only the debug kernel has; stock kernels skip (77)
# Watchdog-full: 14400 -- every n of every operation: hours under TCG
. "$(dirname "$0")/lib.bash"

FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
if ! [ -e /proc/thread-self/fail-nth ] || ! [ -d $FS ] || ! [ -d $FP ]; then
	echo "no fault injection (fail-nth, failslab, fail_page_alloc) in $(uname -r): skipped"
	exit 77
fi
command -v failnth >/dev/null || { echo "failnth is not built (make -C tests/tools)"; exit 77; }

[ -z "${FAULTS_TRACE:-}" ] || set -x
SEED=${FAULTS_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$SEED
FULL=0
[ "$(volume full sample)" = full ] && FULL=1
SAMPLE=$(volume 0 2)	# random n per operation besides 1
ALL_OPS="load hotplug unplug modify sfpool ports dlport_add dlport_del numvfs numvfs0 vdpa_add vdpa_del handover handback traffic"
# make check: a seeded choice of NOPS operations (each run another), the
# data path always; make check-full: all of them.
NOPS=$(volume 0 1)
if [ -z "${FAULTS_OPS:-}" ] && ((!FULL)); then
	FAULTS_OPS=$(for o in $ALL_OPS; do [ $o = traffic ] || echo "$RANDOM $o"; done |
		sort -n | head -n "$NOPS" | cut -d' ' -f2 | tr '\n' ' ')traffic
fi
if ((!FULL)); then
	plan_txt="1 and $SAMPLE random"
else
	plan_txt="every ${FAULTS_STRIDE:-1}th"
fi
echo "seed $SEED; operations: ${FAULTS_OPS:-$ALL_OPS}; n: $plan_txt"

# --- fault attributes --------------------------------------------------
fa_set() { # DIR KEY VALUE
	echo "$3" >"$1/$2"
}
# verbose 2: each injection's stack in the kernel log (the script's
# .dmesg), to tell where an absorbed or mishandled fault was; not in
# make check-full, whose hundreds would wrap the log.
inject_nth() { # fail-nth only: every GFP_KERNEL and order-0 allocation counts
	local d
	for d in $FS $FP; do
		fa_set $d probability 0
		fa_set $d verbose $((FULL ? 0 : 2))
		# every n's stack, not 10 per 5 s
		fa_set $d verbose_ratelimit_burst 100000
		fa_set $d times -1
		fa_set $d ignore-gfp-wait N
	done
	fa_set $FP ignore-gfp-highmem N
	fa_set $FP min-order 0
}
inject_off() {
	local d
	for d in $FS $FP; do
		fa_set $d probability 0
		fa_set $d ignore-gfp-wait Y
	done
	fa_set $FP ignore-gfp-highmem Y
	fa_set $FP min-order 1
}
cleanup() {
	inject_off
	for f in "${!SRV_W[@]}"; do unserve "$f" kill; done
	rm -rf "$TMPD"
	fa_set $FS cache-filter N
	[ -w "${SKBC:-}" ] && echo 0 >"$SKBC"
	echo 1 >/sys/bus/virtio/drivers_autoprobe
	[ -d /sys/bus/vdpa ] && echo 1 >/sys/bus/vdpa/drivers_autoprobe
	return 0
}
trap cleanup EXIT

# --- servers: one process each instead of an exec per request -----------
TMPD=$(mktemp -d)
# serve NAME COMMAND...: COMMAND reads requests from NAME's fifo, answers
# into another; SRV_W[NAME] and SRV_R[NAME] are the script's ends.
declare -A SRV_W SRV_R SRV_PID
serve() {
	local name=$1 w r
	shift
	rm -f "$TMPD/$name.in" "$TMPD/$name.out"
	mkfifo "$TMPD/$name.in" "$TMPD/$name.out"
	# without the other servers' ends: a server must see EOF when the
	# script closes its input
	(
		for fd in "${SRV_W[@]}" "${SRV_R[@]}"; do
			exec {fd}>&-
		done
		exec "$@"
	) <"$TMPD/$name.in" >"$TMPD/$name.out" 2>>"$TMPD/$name.err" &
	SRV_PID[$name]=$!
	exec {w}>"$TMPD/$name.in" {r}<"$TMPD/$name.out"
	SRV_W[$name]=$w
	SRV_R[$name]=$r
}
unserve() { # NAME [kill]
	local w=${SRV_W[$1]:-} r=${SRV_R[$1]:-}
	[ -n "$w" ] || return 0
	exec {w}>&- {r}<&-
	[ -z "${2:-}" ] || kill "${SRV_PID[$1]}" 2>/dev/null || true
	wait "${SRV_PID[$1]}" || true
	unset "SRV_W[$1]" "SRV_R[$1]" "SRV_PID[$1]"
}
serve_dead() { # NAME
	fail "the $1 server ended: $(tail -5 "$TMPD/$1.err" 2>/dev/null)"
}
# The state dump's genl part: vnl's output up to its "vnl: end" line.
serve state vnl --batch
vnl_state() {
	local l
	echo "INFO_GET" >&"${SRV_W[state]}"
	echo "--dump DEV_GET" >&"${SRV_W[state]}"
	for _ in 1 2; do
		while :; do
			IFS= read -r l <&"${SRV_R[state]}" || serve_dead state
			[[ $l == "vnl: end "* ]] && break
			echo "$l"
		done
	done
}

# vnl ARG... through the server (no blank inside an ARG): the undos of
# sfpool and ports, which absorb many of their faults. Fails on an error.
vnl_do() {
	local l last=
	echo "$*" >&"${SRV_W[state]}"
	while IFS= read -r l <&"${SRV_R[state]}" || serve_dead state; do
		[[ $l == "vnl: end "* ]] && break
		last=$l
	done
	[ "$l" = "vnl: end 0" ] || fail "vnl $*: $last (${l#vnl: })"
}

# The undo of an absorbed fault (the operation succeeded): make check-full
# replays the undo's request through a failnth -s server (unarmed: an n
# past any call count), captured in the clean run from the operation that
# does the opposite (UNDO_OP); thousands of n absorb their fault, and an
# exec of virtnet, devlink or vdpa costs about a second. Else NAME_undo.
declare -A UNDO_OP
UNARMED=1000000000
undo() {
	local l
	if [ -n "${SRV_W[undo]:-}" ]; then
		echo $UNARMED >&"${SRV_W[undo]}"
		IFS= read -r l <&"${SRV_R[undo]}" || serve_dead undo
		[[ $l == *" rc=0" ]] || fail "$op: the undo failed: $l"
	else
		"${op}_undo"
	fi
}
# The undo's request, saved by a clean run of UNDO_OP[op] (which undoes
# this operation's clean run), then its server.
undo_capture() {
	local uop=${UNDO_OP[$op]} out rc
	set +e
	out=$(export FAILNTH_SAVE=$TMPD/$op.undo.req; op=$uop; "${uop}_run" $UNARMED 2>&1)
	rc=$?
	set -e
	parse "$out"
	[ "$rc" = 0 ] && [ "$F_FIRED" = no ] && [ "$F_ARMED" = "${CMD[$uop]}" ] ||
		fail "$op: the undo ($uop) failed (rc $rc): $out"
	serve undo failnth -s -r "$TMPD/$op.undo.req"
}

# --- the state an operation must leave as it was -------------------------
PF=
# No exec (vnl --batch answers the genl part), the rest bash builtins:
# under TCG on the debug kernel an exec costs about a second. What the tools
# (ip, devlink, vdpa) would show comes from the same places: the devices
# and the SF pool (INFO_GET's PORTS with SF_POOL_IDLE), the netdevs, the
# vdpa bus; everything but what moves by itself (generations, ifindex,
# the representors' and new VFs' random MACs, the virtio device numbers).
# vnl prints "CMD NAME=value..." with no blank in a value: word by word
# (an extglob substitution on lines this long cost a second per dump).
state() {
	local out l w f mtu flags n=0 vf
	local -a words kept
	out=$(vnl_state)
	while IFS= read -r l; do
		read -ra words <<<"$l"
		kept=()
		vf=0
		[[ " $l " == *" DEV_TYPE=2 "* ]] && vf=1
		for w in "${words[@]}"; do
			case $w in
			GENERATION=* | INSTANCE_ID=* | SF_REP_IFINDEX=*) continue ;;
			# A VF that echo N created has a random MAC until one is set.
			MAC=*) ((vf)) && w="MAC=(random)" ;;
			esac
			kept+=("$w")
		done
		echo "${kept[*]}"
	done <<<"$out"
	for f in /sys/class/net/*; do
		read -r mtu <"$f/mtu"
		read -r flags <"$f/flags"
		echo "netdev ${f##*/} mtu $mtu flags $flags"
	done
	for f in /sys/bus/vdpa/devices/*; do
		[ -e "$f" ] && echo "vdpa ${f##*/}"
	done
	for f in /sys/bus/virtio/devices/*; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "virtio devices $n"
	[ -z "$PF" ] || { read -r n <"$PF/sriov_numvfs"; echo "sriov_numvfs $n"; }
	return 0
}

# --- the sweep ---------------------------------------------------------
# One operation is four functions: NAME_setup (reach its "before" state,
# unarmed), NAME_run N (the operation through failnth -n N), NAME_undo
# (back from its "after" state to "before", unarmed), and the genl command
# number its armed request must have (CMD_NAME; empty for sysfs and
# module loads).
declare -A CMD
SUMMARY=()

# parse failnth's closing line into F_FIRED F_CALLS F_ERR F_ARMED (bash
# alone: thousands of n)
parse() {
	local l="" x re='^failnth: n=[0-9]+ fired=([a-z]+) calls=(-?[0-9]+) error=([^ ]+)( armed=[0-9]+/([0-9]+))?'
	while IFS= read -r x; do
		[[ $x == "failnth: n="* ]] && l=$x
	done <<<"$1"
	[[ $l =~ $re ]] || fail "no failnth result in: $1"
	F_FIRED=${BASH_REMATCH[1]}
	F_CALLS=${BASH_REMATCH[2]}
	F_ERR=${BASH_REMATCH[3]}
	F_ARMED=${BASH_REMATCH[5]}
}

# The n to try after the measured count T (calls of a clean run).
# A sample: 1 and K random ones from 2 to T.
plan() { # T K (op in $op)
	local t=$1 k=$2 i
	if ((FULL)); then
		# every STRIDE-th n from 1, then every n from T on: the sweep
		# stops at the first n that does not fire, which a run can
		# reach later than the clean run did (its calls vary by a few:
		# a load made 579 calls once and 549 the next time); sweep()
		# fails if none of them is reached
		local st=${FAULTS_STRIDE:-1}
		{ seq 1 "$st" "$t"; seq "$t" $((2 * t + 16)); } | sort -nu
		return
	fi
	{
		echo 1
		for ((i = 0; i < k && t >= 2; i++)); do
			echo $((2 + (RANDOM * 32768 + RANDOM) % (t - 1)))
		done
	} | sort -nu
}
declare -A PLAN_SAMPLE
# make check-full: every n (FAULTS_STRIDE=N: every N-th), each through the
# operation's server: an operation with a genl command (CMD[op]) replays
# the request its clean run saved (failnth -s -r), the others start theirs
# in NAME_serve (failnth -s -w FILE VALUE, -m MODULE PARAMS).

# Seconds (bash's clock: no exec) spent in the operation, the state dumps
# and the undos of the current sweep, for its progress lines.
now() { # into NOW_MS, without a subshell
	local t=${EPOCHREALTIME/./}
	NOW_MS=$((t / 1000))
}
declare -A SPENT
spend() { # WHAT START_MS
	now
	SPENT[$1]=$((${SPENT[$1]:-0} + NOW_MS - $2))
}
spent() {
	printf 'operation %ds, state %ds, undo %ds' $((${SPENT[op]:-0} / 1000)) \
		$((${SPENT[state]:-0} / 1000)) $((${SPENT[undo]:-0} / 1000))
}

# one n: the operation through its server (make check-full) or the tool;
# sets out and rc
run_n() { # N
	local t0
	# which n the stack in the kernel log (the script's .dmesg) belongs to
	((FULL)) || echo "faults.sh: $op n=$1" >/dev/kmsg
	now
	t0=$NOW_MS
	run_n_inner "$1"
	spend op "$t0"
}
run_n_inner() {
	if [ -n "${SRV_W[op]:-}" ]; then
		echo "$1" >&"${SRV_W[op]}"
		IFS= read -r out <&"${SRV_R[op]}" || serve_dead "$op"
		rc=${out##* rc=}
	else
		set +e
		out=$("${op}_run" "$1" 2>&1)
		rc=$?
		set -e
	fi
}

sweep() { # NAME
	local op=$1 before after out rc n t t1 fired=0 errs="" tried=0 maxn=0 t0=$SECONDS s
	local lines absorbed=() ts complete=0
	SPENT=()
	if [ -n "${FAULTS_OPS:-}" ] && [[ " $FAULTS_OPS " != *" $op "* ]]; then
		return 0
	fi
	step "$op"
	"${op}_setup"
	before=$(state)
	# A clean run: what it leaves, how many faultable calls it makes, and
	# (make check-full) the request its server replays.
	rm -f "$TMPD/$op.req"
	set +e
	out=$(export FAILNTH_SAVE=$TMPD/$op.req; "${op}_run" 1000000 2>&1)
	rc=$?
	set -e
	parse "$out"
	[ "$rc" = 0 ] && [ "$F_FIRED" = no ] || fail "$op: the clean run failed (rc $rc): $out"
	[ -z "${CMD[$op]:-}" ] || [ "$F_ARMED" = "${CMD[$op]}" ] ||
		fail "$op: armed genl command ${F_ARMED:-none}, not ${CMD[$op]}: $out"
	t=$F_CALLS
	after=$(state)
	[ "$after" != "$before" ] || fail "$op: a clean run changed nothing"
	if ((FULL)) && [ -n "${UNDO_OP[$op]:-}" ]; then
		undo_capture
	else
		"${op}_undo"
	fi
	s=$(state)
	[ "$s" = "$before" ] || fail "$op: undo did not restore the state:
$(diff <(echo "$before") <(echo "$s"))"
	echo "  clean run: $t calls, $((SECONDS - t0))s with undo"
	if ((FULL)); then
		if [ -n "${CMD[$op]:-}" ]; then
			serve op failnth -s -r "$TMPD/$op.req"
		else
			"${op}_serve"
		fi
	fi
	for n in ${FAULTS_N:-$(plan "$t" "${PLAN_SAMPLE[$op]:-$SAMPLE}")}; do
		t1=$SECONDS
		run_n "$n"
		parse "$out"
		((FULL)) || echo "  n=$n rc=$rc fired=$F_FIRED error=$F_ERR ($((SECONDS - t1))s)"
		tried=$((tried + 1))
		maxn=$n
		((tried % 100)) || echo "  n=$n: fired $fired, absorbed ${#absorbed[@]}; $(spent) [$((SECONDS - t0))s]"
		now
		ts=$NOW_MS
		s=$(state)
		spend state "$ts"
		if [ "$rc" != 0 ]; then
			[ "$F_FIRED" = yes ] || fail "$op n=$n: failed without the fault firing: $out"
			if [ -z "${SRV_W[op]:-}" ]; then
				lines=${out//[!$'\n']/}
				[ ${#lines} -ge 1 ] || fail "$op n=$n: failed without a message"
			fi
			case $F_ERR in
			lost:*)	# the ack could not be sent: done or not, nothing half
				if [ "$s" = "$after" ]; then
					now
					ts=$NOW_MS
					undo
					spend undo "$ts"
				else
					[ "$s" = "$before" ] || fail "$op n=$n ($F_ERR): neither the state before nor after:
$(diff <(echo "$before") <(echo "$s"))"
				fi ;;
			0) fail "$op n=$n: the kernel said success, the tool failed: $out" ;;
			*)	[ "$s" = "$before" ] || fail "$op n=$n ($F_ERR): the state changed:
$(diff <(echo "$before") <(echo "$s"))" ;;
			esac
			fired=$((fired + 1))
			[[ " $errs " == *" $F_ERR@"* ]] || errs+=" $F_ERR@$n"
		else
			[ "$F_ERR" = none ] || [ "$F_ERR" = 0 ] ||
				fail "$op n=$n: the tool succeeded on kernel error $F_ERR: $out"
			[ "$s" = "$after" ] || fail "$op n=$n (fired=$F_FIRED): succeeded, but not as a clean run:
$(diff <(echo "$after") <(echo "$s"))"
			if [ "$F_FIRED" = yes ]; then
				fired=$((fired + 1))
				absorbed+=("$n")
			fi
			now
			ts=$NOW_MS
			undo
			spend undo "$ts"
			if [ "$F_FIRED" = no ] && ((FULL)) && [ -z "${FAULTS_N:-}" ]; then
				complete=1
				break
			fi
		fi
	done
	unserve op
	unserve undo
	((!FULL)) || [ -n "${FAULTS_N:-}" ] || ((complete)) ||
		fail "$op: the fault still fired at n=$maxn: the sweep did not reach the end (clean run: $t calls)"
	s=$(state)
	[ "$s" = "$before" ] || fail "$op: the state after the sweep differs:
$(diff <(echo "$before") <(echo "$s"))"
	"${op}_teardown" 2>/dev/null || true
	if ((${#absorbed[@]} > 8)); then
		errs+=" absorbed ${#absorbed[@]}x (n ${absorbed[*]:0:8} ...)"
	elif ((${#absorbed[@]})); then
		errs+=" absorbed ${#absorbed[@]}x (n ${absorbed[*]})"
	fi
	SUMMARY+=("$(printf '%-16s calls %4d  tried %4d (max n %4d)  fired %4d  errors:%s  %ds' \
		"$op" "$t" "$tried" "$maxn" "$fired" "${errs:- none}" $((SECONDS - t0)))")
	echo "${SUMMARY[-1]}"
	echo "  $(spent)"
	echo "  replay: FAULTS_OPS=$op FAULTS_SEED=$SEED [FAULTS_N=n] VIRTNET_TIER=debug tests/debug $PWD/tests/integration/faults.sh"
}

# --- the operations ------------------------------------------------------
MOD=$VIRTNET_MODULE
LOAD_PARAMS=
mod_state() { # what a failed or undone load leaves: no module, no trace
	local f
	[ -d /sys/module/virtnet_emu ] && echo loaded
	for f in /sys/devices/*virtnet* /sys/class/net/*; do
		[ -e "$f" ] && echo "${f##*/}"
	done
	return 0
}
# Module loads compare mod_state (vnl and devlink have nothing to ask).
load_setup() { :; }
load_run() { failnth -n "$1" -m "$MOD" "$LOAD_PARAMS"; }
load_serve() { serve op failnth -s -m "$MOD" "$LOAD_PARAMS"; }
load_undo() { # through the server when it runs (thousands of loads absorb their fault)
	local l
	if [ -n "${SRV_W[op]:-}" ]; then
		echo "rmmod virtnet_emu" >&"${SRV_W[op]}"
		IFS= read -r l <&"${SRV_R[op]}" || serve_dead "$op"
		[[ $l == *" rc=0" ]] || fail "load: the undo failed: $l"
	else
		rmmod virtnet_emu
	fi
}
PLAN_SAMPLE[load]=1

HP_MAC=02:00:00:00:fa:01
hotplug_setup() { :; }
hotplug_run() { failnth -n "$1" -c "${CMD[$op]}" -- virtnet hotplug -i mlx5_0 -m $HP_MAC -t 1500 -n 3 -s 256; }
hotplug_undo() { virtnet unplug -u VNETS1D0F0 >/dev/null; }
CMD[hotplug]=1
UNDO_OP[hotplug]=unplug

unplug_setup() { virtnet hotplug -i mlx5_0 -m $HP_MAC -t 1500 -n 3 -s 256 >/dev/null; }
unplug_run() { failnth -n "$1" -c "${CMD[$op]}" -- virtnet unplug -u VNETS1D0F0; }
unplug_undo() { unplug_setup; }
unplug_teardown() { hotplug_undo; }
CMD[unplug]=2
UNDO_OP[unplug]=hotplug

modify_setup() { unplug_setup; }
modify_run() {
	failnth -n "$1" -c "${CMD[$op]}" -- virtnet modify -u VNETS1D0F0 device -t 9000 -q 512 -m 02:00:00:00:fa:02
}
MODIFY_BACK="-t 1500 -q 256 -m $HP_MAC"
modify_undo() { virtnet modify -u VNETS1D0F0 device $MODIFY_BACK >/dev/null; }
modify_teardown() { hotplug_undo; }
CMD[modify]=11
modify_back_run() { failnth -n "$1" -c "${CMD[$op]}" -- virtnet modify -u VNETS1D0F0 device $MODIFY_BACK; }
CMD[modify_back]=11
UNDO_OP[modify]=modify_back

sfpool_setup() { :; }
sfpool_run() { failnth -n "$1" -c "${CMD[$op]}" -- vnl SF_POOL_SET SF_POOL_SIZE=u32:2; }
sfpool_undo() { vnl_do SF_POOL_SET SF_POOL_SIZE=u32:0; }
CMD[sfpool]=10

# The nests once: port() runs about 8 execs (od, tr...), 8 s an undo.
ports_setup() {
	PORTS_TO="PORTS=nest:$(port 0 mlx5_2 p2)$(port 1 mlx5_1 p1)"
	PORTS_BACK="PORTS=nest:$(port 0 mlx5_0)$(port 1 mlx5_1)"
}
ports_run() { failnth -n "$1" -c "${CMD[$op]}" -- vnl PORT_SET "$PORTS_TO"; }
ports_undo() { vnl_do PORT_SET "$PORTS_BACK"; }
CMD[ports]=5

E0=platform/virtnet_emu.0
dlport_add_setup() { :; }
dlport_add_run() { failnth -n "$1" -c "${CMD[$op]}" -- devlink port add $E0 flavour pcisf pfnum 0 sfnum 1089; }
dlport_add_undo() { devlink port del $E0/1089 >/dev/null; }
CMD[dlport_add]=7
UNDO_OP[dlport_add]=dlport_del

dlport_del_setup() { devlink port add $E0 flavour pcisf pfnum 0 sfnum 1089 >/dev/null; }
dlport_del_run() { failnth -n "$1" -c "${CMD[$op]}" -- devlink port del $E0/1089; }
dlport_del_undo() { dlport_del_setup; }
dlport_del_teardown() { dlport_add_undo; }
CMD[dlport_del]=8
UNDO_OP[dlport_del]=dlport_add

SPF_MAC=02:00:00:00:fa:10
static_pf_up() {
	vnl DEV_NEW DEV_TYPE=u8:0 PF_INDEX=u32:0 PORT_IBDEV=strz:mlx5_0 MAC=hex:$SPF_MAC \
		MTU=u16:1500 NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 >/dev/null
	PF=$(dirname "$(find /sys/devices/virtnet_emu -name sriov_numvfs | head -1)")
	[ -n "$PF" ] && [ "$PF" != . ] || fail "no sriov_numvfs on the static PF"
}
numvfs_setup() { :; }
numvfs_run() { failnth -n "$1" -w "$PF/sriov_numvfs" 2; }
numvfs_serve() { serve op failnth -s -w "$PF/sriov_numvfs" 2; }
numvfs_undo() { echo 0 >"$PF/sriov_numvfs"; }

numvfs0_setup() { echo 2 >"$PF/sriov_numvfs"; }
numvfs0_run() { failnth -n "$1" -w "$PF/sriov_numvfs" 0; }
numvfs0_serve() { serve op failnth -s -w "$PF/sriov_numvfs" 0; }
numvfs0_undo() { numvfs0_setup; }
numvfs0_teardown() { numvfs_undo; }

vdpa_add_setup() { :; }
vdpa_add_run() { failnth -n "$1" -c "${CMD[$op]}" -- vdpa dev add name vdf mgmtdev virtnet mac 02:00:00:00:fa:20 mtu 1500; }
vdpa_add_undo() { vdpa dev del vdf >/dev/null; }
CMD[vdpa_add]=3
UNDO_OP[vdpa_add]=vdpa_del

vdpa_del_setup() { vdpa dev add name vdf mgmtdev virtnet mac 02:00:00:00:fa:20 mtu 1500; }
vdpa_del_run() { failnth -n "$1" -c "${CMD[$op]}" -- vdpa dev del vdf; }
vdpa_del_undo() { vdpa_del_setup; }
vdpa_del_teardown() { vdpa_add_undo; }
CMD[vdpa_del]=4
UNDO_OP[vdpa_del]=vdpa_add

handover_setup() { unplug_setup; }
handover_run() { failnth -n "$1" -c "${CMD[$op]}" -- virtnet modify -u VNETS1D0F0 device --mode vdpa --vdpa-name hvf; }
handover_undo() { virtnet modify -u VNETS1D0F0 device --mode virtio >/dev/null; }
handover_teardown() { hotplug_undo; }
CMD[handover]=11
UNDO_OP[handover]=handback

handback_setup() { unplug_setup; handover_undo_to_vdpa; }
handover_undo_to_vdpa() { virtnet modify -u VNETS1D0F0 device --mode vdpa --vdpa-name hvf >/dev/null; }
handback_run() { failnth -n "$1" -c "${CMD[$op]}" -- virtnet modify -u VNETS1D0F0 device --mode virtio; }
handback_undo() { handover_undo_to_vdpa; }
handback_teardown() { handover_undo; hotplug_undo; }
CMD[handback]=11
UNDO_OP[handback]=handover

# --- run -----------------------------------------------------------------
# Host drivers stay off the functions: a virtio_net probe that fails is
# virtio_net's business, not the module's (the data path part binds it).
echo 0 >/sys/bus/virtio/drivers_autoprobe
inject_nth

# Module loads, one sweep per parameter shape (the last one's module stays).
rmmod virtnet_emu
SHAPES=("" "num_static_pf=2 num_vf=2" "hotplug_ports=0 num_msix=4 max_virtq=3"
	"ib_dev_p0=mlx5_7 ib_dev_p1=mlx5_8 pf_total_sf=20 tx_zerocopy=0 update_timeout=5")
((FULL)) || SHAPES=("${SHAPES[RANDOM % ${#SHAPES[@]}]}")
if [ -z "${FAULTS_OPS:-}" ] || grep -qw load <<<"$FAULTS_OPS"; then
	state_saved=$(declare -f state)
	state() { mod_state; }
	for LOAD_PARAMS in "${SHAPES[@]}"; do
		sweep load
		SUMMARY[-1]+="  [${LOAD_PARAMS:-defaults}]"
	done
	eval "$state_saved"
	# A shape the module refuses: every n fails, and leaves nothing.
	step "load_bad (num_vf=2 without static PFs: refused at any n)"
	before=$(mod_state)
	for n in 1 $( ((FULL)) && echo 2 3) 1000000; do
		if out=$(failnth -n $n -m "$MOD" "num_vf=2" 2>&1); then
			fail "load_bad n=$n loaded: $out"
		fi
		[ "$(mod_state)" = "$before" ] || fail "load_bad n=$n left: $(mod_state)"
	done
	echo "load_bad: refused and clean ($(grep -o 'error=[A-Z]*' <<<"$out"))"
fi
insmod "$MOD" $VIRTNET_MODULE_PARAMS num_static_pf=1 num_vf=2

sweep hotplug
sweep unplug
sweep modify
sweep sfpool
sweep ports
sweep dlport_add
sweep dlport_del
if [ -z "${FAULTS_OPS:-}" ] || grep -qwE "numvfs|numvfs0" <<<"$FAULTS_OPS"; then
	static_pf_up
	sweep numvfs
	sweep numvfs0
fi
if [ -d /sys/bus/vdpa ] || modprobe vdpa 2>/dev/null; then
	modprobe vhost_vdpa 2>/dev/null || true
	echo 0 >/sys/bus/vdpa/drivers_autoprobe
	sweep vdpa_add
	sweep vdpa_del
	sweep handover
	sweep handback
fi
inject_off

# --- the data path under injection by probability --------------------------
# failslab by probability, limited to the skb heads (cache-filter and the
# skbuff_head_cache's failslab flag) that cannot sleep (ignore-gfp-wait Y):
# the module's NAPI allocations, not the tools'. fail-nth does not reach
# the data path (not a task's context). Unfiltered, 10% of every atomic
# allocation of the VM wedged it (a run of 6.12 debug: the script ended,
# the runner never saw it).
#
# The module's napi_alloc_skb() takes sk_buffs from the CPU's NAPI cache,
# which refills 16 at a time: one host TX frame in 16 reaches the slab, so
# a 4 s flood under TCG (about 400 frames) fails the module's allocation
# about 2.5 times, none at all in about 8% of floods (a CI run of stop 32).
# The flood repeats, up to FLOODS times, until the representor counts an
# allocation failure; what it must count it as is rx_dropped, not
# rx_errors (rtnl_link_stats64: drops are for lack of resources).
SKBC=/sys/kernel/slab/skbuff_head_cache/failslab
FLOODS=5
if [ -z "${FAULTS_OPS:-}" ] || grep -qw traffic <<<"$FAULTS_OPS"; then
	step "ping flood with failslab at 10% on skb heads"
	[ -w $SKBC ] || fail "no $SKBC"
	echo 1 >/sys/bus/virtio/drivers_autoprobe
	VUID=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:fa:30 -t 1500 -n 3 -s 256 | sed -nE 's/.*"vuid": *"([^"]*)".*/\1/p')
	q=$(virtnet query -u "$VUID")
	HOST=$(sed -nE 's/.*"host_net_device": *"([^"]*)".*/\1/p' <<<"$q")
	REP=$(sed -nE 's/.*"sf_rep_net_device": *"([^"]*)".*/\1/p' <<<"$q")
	[ -n "$HOST" ] && [ -n "$REP" ] || fail "no host NIC or representor: $q"
	connect_ns "$HOST" "$REP"
	ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic before injection"
	rep_counters() { # rx_dropped rx_errors tx_dropped
		local f
		for f in rx_dropped rx_errors tx_dropped; do
			printf '%s ' "$(ip netns exec vd cat "/sys/class/net/$REP/statistics/$f")"
		done
	}
	read -r rxd0 rxe0 txd0 <<<"$(rep_counters)"
	floods=0
	while :; do
		floods=$((floods + 1))
		echo 1 >$SKBC
		fa_set $FS cache-filter Y
		fa_set $FS ignore-gfp-wait Y
		fa_set $FS verbose 0
		fa_set $FS interval 1
		fa_set $FS times -1
		fa_set $FS probability 10
		set +e
		out=$(ip netns exec vh ping -q -f -w "$(volume 10 4)" 10.77.0.2 2>&1)
		set -e
		inject_off
		fa_set $FS cache-filter N
		echo 0 >$SKBC
		read -r rxd1 rxe1 txd1 <<<"$(rep_counters)"
		echo "flood $floods: $(tail -2 <<<"$out" | head -1)"
		echo "  representor rx_dropped $rxd0 -> $rxd1, rx_errors $rxe0 -> $rxe1, tx_dropped $txd0 -> $txd1"
		((rxd1 == rxd0)) || break
		((floods < FLOODS)) ||
			fail "no allocation failure of host TX counted in the representor's rx_dropped in $FLOODS floods"
	done
	((rxe1 == rxe0)) || fail "rx_errors grew under allocation failures ($rxe0 -> $rxe1): they are drops, the frames were well formed"
	sleep 1
	out=$(ip netns exec vh ping -c 20 -i 0.05 -W 2 10.77.0.2) || fail "traffic does not flow after injection: $out"
	grep -q ' 0% packet loss' <<<"$out" || fail "loss after injection: $out"
	SUMMARY+=("$(printf '%-16s representor rx_dropped +%d, tx_dropped +%d in %d flood(s); then 20/20 pings' \
		traffic $((rxd1 - rxd0)) $((txd1 - txd0)) "$floods")")
fi

step "summary (seed $SEED)"
printf '%s\n' "${SUMMARY[@]}"
