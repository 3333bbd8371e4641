#!/usr/bin/env bash
# repro.sh OUT FILE TARGET ALL-TARGETS...
# make repro: runs OUT/fuzz_TARGET once on FILE. Without TARGET, the
# target is the one FILE's path names: corpus/<t>/, regress/<t>/, an
# artifacts directory <t>-<time>-<pid>/ or a file fuzz_<t>*.
set -u
out=$1 file=$2 target=$3
shift 3
if [[ -z $target ]]; then
	for t in "$@"; do
		if [[ $file =~ (^|/)(corpus|regress)/$t/ || $file =~ /artifacts/$t- ||
			$file =~ (^|/)fuzz_$t[^/]*$ ]]; then
			target=$t
			break
		fi
	done
fi
if [[ -z $target ]]; then
	echo "repro: cannot tell the target from $file: give TARGET=one of $*" >&2
	exit 2
fi
if [[ ! -x $out/fuzz_$target ]]; then
	echo "repro: no target $target (one of $*)" >&2
	exit 2
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "repro: $out/fuzz_$target $file"
if "$out/fuzz_$target" "$file"; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
	exit 1
fi
