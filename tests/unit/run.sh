#!/usr/bin/env bash
# run.sh BINARY... - run unit test binaries (plain, ASan/UBSan, ...), show
# each one's lines tagged with its build directory's name, and close with
# the combined "N passed, N failed". A binary that crashes, leaks (LSan) or
# exits non-zero without failing a test counts as one more failure.
set -u
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
summary_re='^([0-9]+) passed, ([0-9]+) failed$'
for bin in "$@"; do
	tag=$(basename "$(dirname "$bin")")
	out=$("$bin" 2>&1)
	rc=$?
	p=0 f=0 found=0
	while IFS= read -r line; do
		if [[ $line =~ $summary_re ]]; then
			p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} found=1
			echo "[$tag] summary: $p ok, $f not ok"
		else
			echo "[$tag] $line"
		fi
	done <<<"$out"
	if (( !found )); then
		echo "[$tag] FAIL: the runner ended without a summary (exit status $rc)"
		f=$((f + 1))
	elif (( rc != 0 && f == 0 )); then
		echo "[$tag] FAIL: exit status $rc after all tests passed (sanitizer report above?)"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
(( failed == 0 ))
