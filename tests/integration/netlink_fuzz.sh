# Every interface that reaches the module, fuzzed (issue 19). First module
# loads with random and garbage values for every parameter: each load
# succeeds with values its own check accepts, or fails and leaves nothing.
# Then, while two devices exist (one carrying traffic) beside two static
# PFs (one with a VF), an idle devlink SF and a vDPA device, nlfuzz
# (tests/tools) sends random messages to the "virtnet" family, then
# (-F devlink, -F vdpa) mutated valid requests of the devlink and vdpa
# commands the module implements, and (-F relay) the controller relay's
# CTRL_* commands from two competing fake controllers (closing
# mid-request, live update handshakes checked); then random and garbage
# sriov_numvfs writes interleaved with valid N and 0 (checked against the
# PCI rules) and random writes to the writable parameters. Afterwards the
# state dump (devices, devlink ports, vdpa devices, sriov_numvfs,
# parameters) equals the one before, nothing of the fuzzers' is left, the
# data path and `virtnet list` work. Kernel reports fail the run (harness).
# The seed and replay commands are printed first (build/nlfuzz.seed or
# NLFUZZ_SEED replays a seed).
# Volumes: see docs/testing.md "Interface fuzzing". Without vDPA in the
# kernel (6.1) the vdpa parts are skipped.
#
# Tiers: debug -- where KASAN, lockdep and kmemleak see what a message, write
# or load does; not on 6.1: the virtnet policies it hits are byte-identical on
# both kernels (tests/spec/policy-bytes.py), and the module's devlink ops behind
# 6.1's API run there in devlink.sh
. "$(dirname "$0")/lib.bash"

for t in vnl nlfuzz devlink; do
	command -v $t >/dev/null || { echo "$t is not built (make -C tests/tools)"; exit 77; }
done
has_vdpa=0
if command -v vdpa >/dev/null && { [ -d /sys/bus/vdpa ] || modprobe vdpa 2>/dev/null; }; then
	vdpa_prepare
	has_vdpa=1
fi

count=$(volume 100000 20000 50000)
n_load=$(volume 20 2 6)
n_dl=$(volume 5000 300 2000)
n_vdpa=$(volume 2000 200 1000)
n_relay=$(volume 10000 600 4000)
n_sriov=$(volume 100 8 20)
n_param=$(volume 200 30 60)
# NLFUZZ_SEED on the host reaches the VM (tests/vm/run passes NLFUZZ_*);
# build/nlfuzz.seed (the tree is shared) also works.
seed=${NLFUZZ_SEED:-}
if [[ -z $seed && -r ${TOP:-.}/build/nlfuzz.seed ]]; then
	read -r seed <"${TOP:-.}/build/nlfuzz.seed"
	echo "seed from build/nlfuzz.seed"
fi
seed=${seed:-$RANDOM}
echo "nlfuzz seed: $seed (replay: NLFUZZ_SEED=$seed" \
	"VIRTNET_TIER=${VIRTNET_TIER:-full} tests/debug \$PWD/tests/integration/netlink_fuzz.sh;" \
	"or in a VM script: nlfuzz -n $count -s $seed;" \
	"nlfuzz -F devlink -n $n_dl -s $seed; nlfuzz -F vdpa -n $n_vdpa -s $seed;" \
	"nlfuzz -F relay -n $n_relay -s $seed)"
RANDOM=$seed	# the loads' and writes' choices too
P=/sys/module/virtnet_emu/parameters

# ---- module loads ----
# A value for a parameter of type $1: valid, at a limit, or garbage (no
# whitespace: insmod would split it into another, unknown, parameter).
rand_value() {
	local uints=(0 1 2 3 4 5 7 16 31 32 0 1 2 3 4 5 7 16 31 32
		17 33 63 64 65 126 127 3600 3601 4096 4097 -1 4294967295
		4294967296 0x10 010 08 +3 1a abc '' 99999999999999999999)
	local strs=(mlx5_0 mlx5_1 mlx5_7 '' '%s%n' "$(printf 'x%.0s' {1..40})"
		"$(printf 'y%.0s' {1..1100})" a=b ,)
	local bools=(y n Y N 1 0 yes no on off maybe '' 2)
	case $1 in
	uint) echo "${uints[RANDOM % ${#uints[@]}]}" ;;
	charp) echo "${strs[RANDOM % ${#strs[@]}]}" ;;
	bool) echo "${bools[RANDOM % ${#bools[@]}]}" ;;
	esac
}
# In a fixed order: bash's associative arrays have none to replay.
pnames=(ib_dev_p0 ib_dev_p1 hotplug_ports num_static_pf num_vf num_msix
	pf_total_sf max_virtq tx_zerocopy update_timeout)
ptypes=(charp charp uint uint uint uint uint uint bool uint)
# What a loaded module holds must pass its own load check (params.c).
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
	for k in "${!pnames[@]}"; do
		((RANDOM % 3)) && continue
		if ((RANDOM % 10 == 0)); then
			args+=("${pnames[k]}")		# no value at all
		else
			args+=("${pnames[k]}=$(rand_value "${ptypes[k]}")")
		fi
	done
	what="insmod ${args[*]}"
	if insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS "${args[@]}" 2>/dev/null; then
		params_sane || fail "insane values after ${what:0:300}: $(grep -H . $P/*)"
		vnl INFO_GET >/dev/null || fail "no family after ${what:0:300}"
		rmmod virtnet_emu
		loaded=$((loaded + 1))
	elif [ -d /sys/module/virtnet_emu ]; then
		fail "a refused load left the module: ${what:0:300}"
	fi
done
echo "$loaded of $n_load loads succeeded"
insmod "$VIRTNET_MODULE" $VIRTNET_MODULE_PARAMS num_static_pf=2 num_vf=4 pf_total_sf=40

# ---- what must survive ----
# The devices' attributes but the generation (the fuzzer creates and
# deletes its own), devlink's ports, vDPA devices, sriov_numvfs, parameters.
state() {
	vnl --dump DEV_GET | sed 's/ GENERATION=[0-9]*//'
	devlink port show
	((has_vdpa)) && vdpa dev show
	grep -H . /sys/bus/virtio/devices/*/sriov_numvfs $P/*
}

step "two devices, traffic on the first; two static PFs, one with a VF; a vDPA device"
virtnet hotplug "${GUIDE_ARGS[@]}" >/dev/null
virtnet hotplug -i mlx5_1 -m 02:00:00:00:20:01 -t 4000 -n 5 -s 512 >/dev/null
# Static PF 0 (port 0) is the sriov_numvfs target; static PF 1 (port 1,
# where the idle SF comes later: VFs would take it) keeps its VF.
static_pf() {
	vnl DEV_NEW PORT_IBDEV=strz:mlx5_$1 MAC=hex:02:00:00:00:81:0$1 MTU=u16:1500 \
		NUM_QUEUES=u16:3 QUEUE_SIZE=u16:256 DEV_TYPE=u8:0 PF_INDEX=u32:$1 >/dev/null
}
static_pf 0
target=(/sys/bus/virtio/devices/*/sriov_numvfs)
expect_eq "${#target[@]}" 1 "static PFs with sriov_numvfs"
static_pf 1
for f in /sys/bus/virtio/devices/*/sriov_numvfs; do
	[[ $f == "${target[0]}" ]] || withvf=$f
done
echo 1 >"$withvf"
((has_vdpa)) && vdpa dev add name vdkeep mgmtdev virtnet mac 02:00:00:00:0d:01
host=$(host_nic_by_bus 0000:85:00.0) || fail "no host NIC for 85:00.0"
connect_ns "$host" en3f0pf0sf2000
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic before fuzzing"
ip netns exec vh ping -q -i 0.2 10.77.0.2 >/dev/null 2>&1 &
pinger=$!
trap 'kill $pinger 2>/dev/null || true' EXIT
before=$(state)
nics=$(echo /sys/class/net/*)
hotplugs=$(vnl INFO_GET | grep -o 'NUM_HOTPLUG=[0-9]*')
echo "$before"

# run_nlfuzz FAMILY COUNT: the run and its summary line.
run_nlfuzz() {
	local out start=$SECONDS
	# The cap only keeps a hung kernel from eating the script's timeout
	# (600 s on the debug kernel, where 100,000 virtnet messages take
	# about 230-270 s).
	out=$(nlfuzz -F "$1" -n "$2" -s "$seed" -t 420) ||
		fail "nlfuzz failed (replay: nlfuzz -F $1 -n $2 -s $seed): $out"
	echo "$out"
	echo "$out" >>"${VIRTNET_RESULTS:-/tmp}/nlfuzz.summary"
	echo "nlfuzz -F $1 took $((SECONDS - start)) s"
	grep -q "sent=$2 " <<<"$out" || fail "nlfuzz -F $1 stopped early (seed $seed)"
}

step "nlfuzz -n $count -s $seed"
run_nlfuzz virtnet "$count"
expect_eq "$(state)" "$before" "state after the virtnet family's fuzzing"

# The virtnet fuzzer's DEV_NEWs take idle SFs and its SF_POOL_SETs trim
# them: an idle SF can only be kept from here on.
step "an idle SF"
devlink port add platform/virtnet_emu.1 flavour pcisf pfnum 1 sfnum 1500 >/dev/null
before=$(state)
nics=$(echo /sys/class/net/*)
step "nlfuzz -F devlink -n $n_dl -s $seed"
run_nlfuzz devlink "$n_dl"
if ((has_vdpa)); then
	step "nlfuzz -F vdpa -n $n_vdpa -s $seed"
	run_nlfuzz vdpa "$n_vdpa"
fi
step "nlfuzz -F relay -n $n_relay -s $seed"
echo 1 >$P/update_timeout	# an update left in progress expires soon
run_nlfuzz relay "$n_relay"
for ((i = 0; i < 30; i++)); do
	[[ $(vnl CTRL_GET) == *CTRL_STATE=0* ]] && break
	sleep 0.1
done
[[ $(vnl CTRL_GET) == *CTRL_STATE=0* ]] || fail "a controller state is left: $(vnl CTRL_GET)"
echo 30 >$P/update_timeout

step "$n_sriov sriov_numvfs writes"
# The target PF follows the PCI rules: N (0..num_vf) from 0, 0 from N,
# the same N again; N to another N is EBUSY; garbage and more than num_vf
# are refused and change nothing. The PF with a VF only gets writes that
# must be refused.
garbage=(-1 5 127 4294967296 abc '' 0x 1a ' ' 2junk $'\x01' "$(printf 'z%.0s' {1..300})")
cur=0
for ((i = 0; i < n_sriov; i++)); do
	case $((RANDOM % 4)) in
	0) v=0 ;;
	1) v=$((RANDOM % 3)) ;;
	2) printf -v v '0x%x' $((RANDOM % 3)) ;;
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
	read -r got <"$target"
	expect_eq "$got" "$cur" "sriov_numvfs after writing '$v'"
	g=2	# 1 -> 2: EBUSY
	((RANDOM % 2)) && g=${garbage[RANDOM % ${#garbage[@]}]}
	echo "$g" >"$withvf" 2>/dev/null && fail "sriov_numvfs 1 -> '$g' accepted"
done
echo 0 >"$target"

step "$n_param parameter writes"
# update_timeout takes 1..3600 (kstrtouint, base 0), tx_zerocopy a bool;
# a refused write changes nothing; read-only ones refuse every write.
vals=(0 1 2 3600 3601 -1 4294967296 0x10 010 +5 abc '' ' ' y n Y N 1a "$(printf '9%.0s' {1..30})")
files=($P/num_vf $P/update_timeout $P/update_timeout $P/tx_zerocopy $P/tx_zerocopy)
for ((i = 0; i < n_param; i++)); do
	k=$((RANDOM % ${#files[@]}))
	f=${files[k]}
	v=${vals[RANDOM % ${#vals[@]}]}
	read -r old <"$f"
	ok=1
	if ((RANDOM % 2)); then
		printf '%s' "$v" 2>/dev/null >"$f" || ok=0
	else
		echo "$v" 2>/dev/null >"$f" || ok=0
	fi
	read -r new <"$f"
	case $f in
	*/num_vf) ((ok == 0)) || fail "read-only num_vf took '$v'" ;;
	*/update_timeout) ((new >= 1 && new <= 3600)) || fail "update_timeout=$new after '$v'" ;;
	*) [[ $new == [YN] ]] || fail "tx_zerocopy=$new after '$v'" ;;
	esac
	((ok)) || expect_eq "$new" "$old" "$f after the refused '$v'"
done
echo 30 >$P/update_timeout
echo Y >$P/tx_zerocopy

step "the state is intact, nothing else is left"
kill $pinger
expect_eq "$(state)" "$before" "state after fuzzing"
expect_eq "$(echo /sys/class/net/*)" "$nics" "netdevs after fuzzing"
virtnet list >/dev/null || fail "virtnet list failed after fuzzing"
expect_eq "$(vnl INFO_GET | grep -o 'NUM_HOTPLUG=[0-9]*')" "$hotplugs" "hotplug count"
ip netns exec vh ping -c 3 -i 0.2 -W 2 10.77.0.2 >/dev/null || fail "no traffic after fuzzing"

step "a hotplug and an unplug still work"
n=$(device_count)
v=$(virtnet hotplug -i mlx5_0 -m 02:00:00:00:00:31 -t 1500 -n 3 -s 256 | jq -r .vuid)
expect_eq "$(device_count)" $((n + 1)) "devices after hotplug"
virtnet unplug -u "$v" >/dev/null
expect_eq "$(device_count)" "$n" "devices after unplug"
echo "ok"
