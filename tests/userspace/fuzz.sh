#!/usr/bin/env bash
# Run each libFuzzer harness for SECONDS (default 60) from the seed corpus
# in fuzz-corpus/; new inputs go to a scratch copy, not into the repository.
# Crash inputs are kept in build/userspace/fuzz/. Needs clang. Cgroups are
# those of a scratch tree (CANFW_CGROUP_ROOT) that the seeds name.
# Usage: fuzz.sh [SECONDS]
set -euo pipefail
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/userspace/fuzz
make -s -C "$top/userspace" fuzz
CANFW_CGROUP_ROOT=$(mktemp -d)
export CANFW_CGROUP_ROOT
trap 'rm -rf "$CANFW_CGROUP_ROOT"' EXIT
mkdir -p "$CANFW_CGROUP_ROOT/system.slice/engine.service" \
	"$CANFW_CGROUP_ROOT/canfw-test/engine.service/worker"
status=0
for h in parser candump_log dbc; do
	work=$out/corpus-$h
	mkdir -p "$work"
	cp -n "$here/fuzz-corpus/$h"/* "$work/" 2>/dev/null || true
	if "$out/fuzz_$h" -max_total_time="$secs" -max_len=4096 \
		-artifact_prefix="$out/crash-$h-" -print_final_stats=1 \
		"$work" >"$out/fuzz_$h.log" 2>&1; then
		echo "ok fuzz: $h ($(grep -o 'stat::number_of_executed_units: *[0-9]*' \
			"$out/fuzz_$h.log" | grep -o '[0-9]*$') runs in ${secs}s)"
	else
		tail -30 "$out/fuzz_$h.log"
		echo "not ok fuzz: $h (see $out/fuzz_$h.log)"
		status=1
	fi
done
exit $status
