#!/bin/bash
# make bench, live migration (issue 15): the nested guest of
# tests/nested/vdpa_migrate.sh migrated BENCH_MIGRATIONS times (default 3)
# between two functions under a 50 ms ping, with each QEMU there is
# (the system's 7.2 with x-svq=on; QEMU 8 or later from make bench's
# nested-qemu step, switching to shadow virtqueues itself); downtime (last
# reply before the switch to first reply after) and pings lost per
# migration, and per QEMU the median and worst downtime and total lost.
# Needs CONFIG_VDPA (6.12).
. "$(dirname "$0")/../integration/lib.bash"

MIGRATIONS=${BENCH_MIGRATIONS:-3} bash "$TOP/tests/nested/vdpa_migrate.sh" ||
	fail "the migrations failed"
res=${VIRTNET_RESULTS:-/tmp}/migrate-results
echo
echo "live migration between two functions, kernel $(uname -r), ping every 50 ms, nested TCG guest"
printf '%-14s %10s %12s %11s\n' qemu migration downtime_ms pings_lost
while read -r label k down lost; do
	printf '%-14s %10s %12s %11s\n' "$label" "$k" "$down" "$lost"
done <"$res"
for label in $(awk '{print $1}' "$res" | sort -u); do
	awk -v l="$label" '$1 == l' "$res" | sort -n -k3 | awk -v l="$label" '
		{ d[NR] = $3; lost += $4 }
		END { printf "%-14s median downtime %d ms, worst %d ms, %d pings lost in %d migrations\n",
		      l, d[int((NR + 1) / 2)], d[NR], lost, NR }'
done
