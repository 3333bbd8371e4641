#!/usr/bin/env bash
# run.sh BINARY SECONDS SEEDS OUT NAME [libFuzzer options...]
# Fuzzes for SECONDS with a working corpus OUT/corpus (seeded from SEEDS,
# which is never written), logging to OUT/NAME.log and writing crash
# inputs under OUT/artifacts/. Prints libFuzzer's final stats and closes
# with "1 passed, 0 failed", or with the crash input and
# "0 passed, 1 failed" on a crash, leak, timeout or OOM.
set -u
bin=$1 secs=$2 seeds=$3 out=$4 name=$5
shift 5

corpus=$out/corpus
artifacts=$out/artifacts/$name-$(date +%Y%m%d-%H%M%S)-$$/
log=$out/$name.log
mkdir -p "$corpus" "$artifacts" || exit 1
cp -n "$seeds"/* "$corpus"/ 2>/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "fuzz $name: $(basename "$bin") for ${secs}s, corpus $corpus, log $log"
"$bin" -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$artifacts" "$@" "$corpus" >"$log" 2>&1
rc=$?

# The final status line ("#N DONE cov: .. ft: .."), else the last one.
status=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1)
[[ -n $status ]] || status=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n1)
[[ -n $status ]] && echo "$status"
grep -E '^stat::' "$log"
crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)

if ((rc == 0)) && [[ -z $crash ]] && [[ -z $(ls -A "$artifacts") ]]; then
	rmdir "$artifacts" 2>/dev/null
	echo "1 passed, 0 failed"
	exit 0
fi
echo "---- fuzz $name failed (exit status $rc); end of $log:"
tail -n 60 "$log"
echo "----"
if [[ -n $crash ]]; then
	echo "crash input: $crash"
	echo "reproduce:   make -C tests/fuzz repro FILE=$crash"
fi
echo "0 passed, 1 failed"
exit 1
