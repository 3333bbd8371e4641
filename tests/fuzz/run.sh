#!/usr/bin/env bash
# run.sh OUT SRC TARGET SECONDS [libFuzzer options...]
# One target of tier.sh: replays SRC/regress/TARGET/* (the crash inputs
# found so far), then fuzzes OUT/fuzz_TARGET for SECONDS with a working
# corpus OUT/corpus/TARGET seeded from SRC/corpus/TARGET (never written),
# logging to OUT/TARGET.log and writing crash inputs under
# OUT/artifacts/TARGET-<time>-<pid>/. Prints libFuzzer's final stats and
# "fuzz TARGET: ok", or the failure, the crash input and how to replay it;
# exits 0 or 1.
set -u
out=$1 src=$2 name=$3 secs=$4
shift 4
bin=$out/fuzz_$name
corpus=$out/corpus/$name
artifacts=$out/artifacts/$name-$(date +%Y%m%d-%H%M%S)-$$/
log=$out/$name.log
mkdir -p "$corpus" "$artifacts" || exit 1
cp -n "$src/corpus/$name"/* "$corpus"/ 2>/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed() {
	echo "---- fuzz $name failed ($1); end of $log:"
	tail -n 60 "$log"
	echo "----"
	if [[ -n ${2:-} ]]; then
		echo "crash input: $2"
		echo "reproduce:   make -C tests/fuzz repro TARGET=$name FILE=$2"
	fi
	echo "fuzz $name: FAILED"
	exit 1
}

# Regression inputs first: each must run clean.
regress=("$src/regress/$name"/*)
if [[ -e ${regress[0]} ]]; then
	echo "fuzz $name: replaying ${#regress[@]} regression input(s) from regress/$name"
	# One process runs them all, each once; it stops at the first failure.
	if ! "$bin" "$@" "${regress[@]}" >"$log" 2>&1; then
		crash=$(sed -n 's/^Running: //p' "$log" | tail -n1)
		failed "regression input" "${crash:-${regress[0]}}"
	fi
fi

echo "fuzz $name: $(basename "$bin") for ${secs}s, corpus $corpus, log $log"
"$bin" -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$artifacts" "$@" "$corpus" >"$log" 2>&1
rc=$?

# The final status line ("#N DONE cov: .. ft: .."), else the last one.
status=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1)
[[ -n $status ]] || status=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n1)
[[ -n $status ]] && echo "$status"
grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$log"
crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)

if ((rc == 0)) && [[ -z $crash ]] && [[ -z $(ls -A "$artifacts") ]]; then
	rmdir "$artifacts" 2>/dev/null
	echo "fuzz $name: ok"
	exit 0
fi
failed "exit status $rc" "$crash"
