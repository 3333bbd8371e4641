# Every other interface that reaches the module, fuzzed (issue 19): module
# loads with random and garbage values for every parameter (each load
# succeeds with sane values or fails cleanly); then, beside a device with
# traffic, two static PFs (one with VFs), an idle devlink SF and a vDPA
# device: nlfuzz -F devlink and -F vdpa (the commands eswitch.c and
# vdpa_mgmt.c implement, valid requests mutated), nlfuzz -F relay (two
# fake controllers competing, closing mid-request, live update
# handshakes), random and garbage sriov_numvfs writes interleaved with
# valid N and 0 (checked against the PCI rules), random writes to the
# writable parameters. Afterwards nothing of the fuzzers' is left and the
# state dump (devices, devlink ports, vdpa devices, sriov_numvfs,
# parameters) equals the one before; traffic still flows. Kernel reports
# fail the run (harness). The seed is printed with a replay command;
# NLFUZZ_SEED=N replays a run.
#
# Tiers: debug -- where KASAN, lockdep and kmemleak see what a message, write
# or load does; the devlink and vdpa families differ between 6.1 and 6.12, but
# the module's ops behind them are the ones devlink.sh and vdpa.sh run on both
. "$(dirname "$0")/lib.bash"

for t in vnl nlfuzz devlink vdpa; do
	command -v $t >/dev/null || { echo "$t is not built or installed"; exit 77; }
done
vdpa_prepare

seed=${NLFUZZ_SEED:-$RANDOM}
n_load=$(volume 60 8)
n_dl=$(volume 10000 1000)
n_vdpa=$(volume 10000 1000)
n_relay=$(volume 20000 2000)
n_sriov=$(volume 300 30)
n_param=$(volume 1000 150)
echo "seed: $seed (replay: NLFUZZ_SEED=$seed VIRTNET_TIER=${VIRTNET_TIER:-stock} tests/debug $0;" \
	"the netlink parts alone: nlfuzz -F devlink -n $n_dl -s $seed, -F vdpa -n $n_vdpa, -F relay -n $n_relay)"
RANDOM=$seed
P=/sys/module/virtnet_emu/parameters

# ---- module loads ----
# A value for a parameter of type $1 (uint, charp, bool): valid, at a
# limit, or garbage (no whitespace: insmod would split it into another,
# unknown parameter, which the harness counts as a kernel problem).
rand_value() {
	local uints=(0 1 2 3 4 5 7 16 17 31 32 33 63 64 65 126 127 3600 3601 4096 4097
		-1 4294967295 4294967296 0x10 010 08 +3 1a abc '' 99999999999999999999)
	local strs=(mlx5_0 mlx5_1 mlx5_7 '' "%s%n" "$(printf 'x%.0s' {1..40})"
		"$(printf 'y%.0s' {1..1100})" "a=b" ",")
	local bools=(y n Y N 1 0 yes no on off maybe '' 2)
	case $1 in
	uint) echo "${uints[RANDOM % ${#uints[@]}]}" ;;
	charp) echo "${strs[RANDOM % ${#strs[@]}]}" ;;
	bool) echo "${bools[RANDOM % ${#bools[@]}]}" ;;
	esac
}
declare -A ptype=([ib_dev_p0]=charp [ib_dev_p1]=charp [hotplug_ports]=uint
	[num_static_pf]=uint [num_vf]=uint [num_msix]=uint [pf_total_sf]=uint
	[max_virtq]=uint [tx_zerocopy]=bool [update_timeout]=uint)
# The values a loaded module holds must pass its own load check.
params_sane() {
	local hp sp vf msix sf vq ut zc
	read -r hp <$P/hotplug_ports; read -r sp <$P/num_static_pf
	read -r vf <$P/num_vf; read -r msix <$P/num_msix
	read -r sf <$P/pf_total_sf; read -r vq <$P/max_virtq
	read -r ut <$P/update_timeout; read -r zc <$P/tx_zerocopy
	((hp <= 16 && sp <= 4 && vf <= 126 && (vf == 0 || sp > 0) &&
	  msix >= 3 && msix <= 64 && sf <= 4096 && sf >= hp + sp * (1 + vf) &&
	  vq >= 3 && vq <= 31 && vq % 2 == 1 && ut >= 1 && ut <= 3600)) &&
		[[ $zc == [YN] ]]
}

step "$n_load module loads with random parameters"
rmmod virtnet_emu
loaded=0
for ((i = 0; i < n_load; i++)); do
	args=()
	for p in "${!ptype[@]}"; do
		((RANDOM % 3)) && continue
		if ((RANDOM % 10 == 0)); then
			args+=("$p")		# no value at all
		else
			args+=("$p=$(rand_value "${ptype[$p]}")")
		fi
	done
	if insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "${args[@]}" 2>/dev/null; then
		params_sane || fail "loaded with insane values: $(grep -H . $P/*) (${args[*]:0:12})"
		vnl INFO_GET >/dev/null || fail "no family after a load with ${args[*]:0:12}"
		rmmod virtnet_emu
		loaded=$((loaded + 1))
	else
		[ -d /sys/module/virtnet_emu ] && fail "a refused load left the module: ${args[*]:0:12}"
	fi
done
echo "$loaded of $n_load loads succeeded"
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=2 num_vf=4 pf_total_sf=40

# ---- what must survive ----
step "a device with traffic, two static PFs (one with 2 VFs), an idle SF, a vDPA device"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
for k in 0 1; do
	vnl DEV_NEW PORT_IBDEV=strz:mlx5_$k MAC=hex:02:00:00:00:81:0$k MTU=u16:1500 \
		NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:$k >/dev/null
done
numvfs=()
for f in /sys/bus/virtio/devices/*/sriov_numvfs; do numvfs+=("$f"); done
expect_eq "${#numvfs[@]}" 2 "static PFs with sriov_numvfs"
echo 2 >"${numvfs[0]}"
target=${numvfs[1]}
devlink port add platform/virtnet_emu.1 flavour pcisf pfnum 1 sfnum 1500 >/dev/null
vdpa dev add name vdkeep mgmtdev virtnet mac 02:00:00:00:0d:01
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC for 85:00.0"
connect_ns "$host" en3f0pf0sf2000
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic before fuzzing"
ip netns exec vh ping -q -i 0.2 10.77.0.2 >/dev/null 2>&1 &
pinger=$!
trap 'kill $pinger 2>/dev/null || true' EXIT
state() {
	vnl --dump DEV_GET | sed 's/ GENERATION=[0-9]*//'
	devlink port show
	vdpa dev show
	grep -H . /sys/bus/virtio/devices/*/sriov_numvfs $P/*
}
before=$(state)
nics=$(echo /sys/class/net/*)
echo "$before"

run_nlfuzz() { # FAMILY COUNT
	local out start=$SECONDS
	out=$(nlfuzz -F "$1" -n "$2" -s "$seed" -t 240) ||
		fail "nlfuzz -F $1 failed (replay: nlfuzz -F $1 -n $2 -s $seed): $out"
	echo "$out"
	echo "$out" >>"${VIRTNET_RESULTS:-/tmp}/nlfuzz_mgmt.summary"
	echo "nlfuzz -F $1 took $((SECONDS - start)) s"
	grep -q "sent=$2 " <<<"$out" || fail "nlfuzz -F $1 stopped early (seed $seed)"
}

step "nlfuzz -F devlink -n $n_dl -s $seed"
run_nlfuzz devlink "$n_dl"
step "nlfuzz -F vdpa -n $n_vdpa -s $seed"
run_nlfuzz vdpa "$n_vdpa"

step "nlfuzz -F relay -n $n_relay -s $seed"
echo 1 >$P/update_timeout	# an update left in progress expires soon
run_nlfuzz relay "$n_relay"
for ((i = 0; i < 30; i++)); do
	vnl CTRL_GET | grep -q 'CTRL_STATE=0' && break
	sleep 0.1
done
vnl CTRL_GET | grep -q 'CTRL_STATE=0' || fail "a controller state is left: $(vnl CTRL_GET)"
echo 30 >$P/update_timeout

step "$n_sriov sriov_numvfs writes"
# The target PF follows the PCI rules: N (0..num_vf) from 0, 0 from N;
# N to another N is EBUSY; anything else is refused. The PF with VFs
# only gets writes that must be refused.
garbage=(-1 5 127 4294967296 abc '' 0x 1a ' ' 2junk $'\x01' "$(printf 'z%.0s' {1..300})")
cur=0
for ((i = 0; i < n_sriov; i++)); do
	case $((RANDOM % 4)) in
	0) v=0 ;;
	1) v=$((RANDOM % 5)) ;;
	2) v=$(printf '0x%x' $((RANDOM % 5))) ;;
	*) v=${garbage[RANDOM % ${#garbage[@]}]} ;;
	esac
	if [[ $v =~ ^(0x)?[0-9]+$ ]] && ((v <= 4)); then
		n=$((v))
		if ((cur && n && n != cur)); then
			echo "$v" >"$target" 2>/dev/null && fail "sriov_numvfs $cur -> $v accepted"
		else
			echo "$v" >"$target" || fail "sriov_numvfs $cur -> $v refused"
			cur=$n
		fi
	else
		echo "$v" >"$target" 2>/dev/null && fail "sriov_numvfs '$v' accepted"
	fi
	expect_eq "$(cat "$target")" "$cur" "sriov_numvfs after writing '$v'"
	if ((i % 5 == 0)); then
		g=3	# 2 -> 3: EBUSY
		((RANDOM % 2)) && g=${garbage[RANDOM % ${#garbage[@]}]}
		echo "$g" >"${numvfs[0]}" 2>/dev/null && fail "sriov_numvfs 2 -> '$g' accepted"
	fi
done
echo 0 >"$target"

step "$n_param parameter writes"
# update_timeout takes 1..3600 (kstrtouint, base 0), tx_zerocopy a bool;
# a refused write changes nothing. The read-only ones refuse every write.
vals=(0 1 2 3600 3601 -1 4294967296 0x10 010 +5 abc '' ' ' y n Y N 1a "$(printf '9%.0s' {1..30})")
for ((i = 0; i < n_param; i++)); do
	p=$(((RANDOM % 10) ? (RANDOM % 2 ? 1 : 2) : 0))
	case $p in
	0) f=$P/num_vf ;;
	1) f=$P/update_timeout ;;
	2) f=$P/tx_zerocopy ;;
	esac
	v=${vals[RANDOM % ${#vals[@]}]}
	old=$(cat "$f")
	if ((RANDOM % 2)); then printf '%s' "$v" >"$f"; else echo "$v" >"$f"; fi 2>/dev/null && ok=1 || ok=0
	new=$(cat "$f")
	case $p in
	0) ((ok == 0)) || fail "read-only num_vf took '$v'" ;;
	1) ((new >= 1 && new <= 3600)) || fail "update_timeout=$new after '$v'" ;;
	2) [[ $new == [YN] ]] || fail "tx_zerocopy=$new after '$v'" ;;
	esac
	((ok)) || expect_eq "$new" "$old" "$f after the refused '$v'"
done
echo 30 >$P/update_timeout
echo Y >$P/tx_zerocopy

step "the state is unchanged, nothing of the fuzzers' is left, traffic flows"
kill $pinger
expect_eq "$(state)" "$before" "state after fuzzing"
expect_eq "$(echo /sys/class/net/*)" "$nics" "netdevs after fuzzing"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic after fuzzing"
virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:31 -t 1500 -n 3 -s 256 >/dev/null
virtnet unplug -u VNETS1D2F0 >/dev/null
vdpa dev del vdkeep
echo ok
