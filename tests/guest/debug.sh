#!/usr/bin/env bash
# Runs inside the debug-kernel guest, everything in one boot (each boot of
# this kernel costs a minute under TCG): the KUnit suites (results on the
# console, the rest in OUTDIR/kunit), the data-path tests (datapath.sh),
# then the fail_closed tests (OUTDIR/failclosed/boot.tap). Each part asks
# kmemleak about its own objects.
# usage: debug.sh OUTDIR CANFW_TEST_KO CANFW_KO CANFWCTL NLFUZZ BCMRX [DATADIR]
set -u
out=$1 test_ko=$2 ko=$3 ctl=$4
here=$(dirname "$0")
mkdir -p "$out/kunit" "$out/failclosed"
bash "$here/kunit.sh" "$out/kunit" "$test_ko" "$ko"
echo $? >"$out/kunit/status"
shift 2
bash "$here/datapath.sh" "$out" "$@"
st=$?
t0=$SECONDS
bash "$here/../boot/guest.sh" "$out/failclosed" module "$(uname -r)" "$ctl" "$ko"
st=$((st | $?))
echo "debug: fail-closed tests took $((SECONDS - t0)) s"
exit $st
