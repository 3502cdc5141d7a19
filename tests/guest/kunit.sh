#!/usr/bin/env bash
# Runs inside the debug-kernel guest: load the KUnit module (its suites run
# while it loads), load and unload canfw.ko, then collect the kernel log and
# kmemleak's verdict into OUTDIR for the host to judge.
set -u
out=$1 test_ko=$2 canfw_ko=$3
leak=/sys/kernel/debug/kmemleak

# Leaks suspected during boot are not ours: scan once and forget them.
# The scans that count are asked for below, or by the caller at the end
# of the boot (CANFW_LEAK_LATER); the automatic ones would only slow the
# emulated CPUs down meanwhile.
echo scan=off >"$leak"
echo scan >"$leak"
echo clear >"$leak"

status=0
insmod "$test_ko" || status=1
rmmod canfw_test || status=1
insmod "$canfw_ko" || status=1
rmmod canfw || status=1

# kmemleak reports an object only once it is 5 s old and looked
# unreferenced in two scans. Each round of scans costs most of a minute
# under KASAN: with CANFW_LEAK_LATER the caller's round at the end, which
# nothing clears before, judges this part's objects too.
if [ -z "${CANFW_LEAK_LATER:-}" ]; then
	sleep 6
	echo scan >"$leak"
	sleep 6
	echo scan >"$leak"
	cat "$leak" >"$out/kmemleak.txt"
fi
dmesg >"$out/dmesg.txt"
exit $status
