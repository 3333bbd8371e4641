#!/usr/bin/env bash
# tier.sh TIER OUT SRC "OPTIONS" NAME SECONDS MAXLEN [NAME SECONDS MAXLEN...]
# The fuzz tier (make -C tests/fuzz smoke / run): every target in turn
# through run.sh with its dictionary and -max_len, one libFuzzer process
# at a time, then one closing "N passed, N failed" (one pass per target).
set -u
tier=$1 out=$2 src=$3 opts=$4
shift 4
pass=0 fail=0 start=$SECONDS
while (($# >= 3)); do
	name=$1 secs=$2 maxlen=$3
	shift 3
	dict=()
	[[ -f $src/$name.dict ]] && dict=(-dict="$src/$name.dict")
	# shellcheck disable=SC2086 # opts is a list of options
	if bash "$src/run.sh" "$out" "$src" "$name" "$secs" $opts \
		-max_len="$maxlen" "${dict[@]}"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "fuzz $tier: $((SECONDS - start)) s"
echo "$pass passed, $fail failed"
((fail == 0))
