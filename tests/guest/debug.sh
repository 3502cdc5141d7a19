#!/usr/bin/env bash
# Runs inside the debug-kernel guest, everything in one boot (each boot of
# this kernel costs a minute under TCG): the KUnit suites (results on the
# console, the rest in OUTDIR/kunit), the data-path tests (datapath.sh),
# then the fail_closed tests (OUTDIR/failclosed/boot.tap). kmemleak is
# asked about all three together, at the end (OUTDIR/kmemleak.txt and
# OUTDIR/firewall.tap), as each round of scans costs most of a minute
# under KASAN; a report's stacks say which part leaked. kunit.sh forgets
# the boot's leaks first.
# usage: debug.sh OUTDIR CANFW_TEST_KO CANFW_KO CANFWCTL NLFUZZ BCMRX [DATADIR]
set -u
out=$1 test_ko=$2 ko=$3 ctl=$4
here=$(dirname "$0")
mkdir -p "$out/kunit" "$out/failclosed"
export CANFW_LEAK_LATER=1
bash "$here/kunit.sh" "$out/kunit" "$test_ko" "$ko"
echo $? >"$out/kunit/status"
shift 2
bash "$here/datapath.sh" "$out" "$@"
st=$?
t0=$SECONDS
bash "$here/../boot/guest.sh" "$out/failclosed" module "$(uname -r)" "$ctl" "$ko"
st=$((st | $?))
echo "debug: fail-closed tests took $((SECONDS - t0)) s"

leak=/sys/kernel/debug/kmemleak
tap=$out/firewall.tap
# shellcheck source=tests/guest/lib.sh
. "$here/lib.sh"
sleep 6
echo scan >"$leak"
sleep 6
echo scan >"$leak"
cat "$leak" >"$out/kmemleak.txt"
check no_kmemleak_report [ ! -s "$out/kmemleak.txt" ]
[ -s "$out/kmemleak.txt" ] && st=1
exit $st
