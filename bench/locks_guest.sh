#!/usr/bin/env bash
# Runs inside a guest (bench/locks.sh): the worst policy the limits allow,
# loaded again and again, while a genetlink family lookup and an RTNL link
# change are timed back to back. Writes OUTDIR/locks.txt.
#
# usage: locks_guest.sh OUTDIR CANFW_KO CANFWCTL NDEV
set -u
out=$1 ko=$2 ctl=$3 ndev=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
modprobe -q vcan
insmod "$ko" || exit 1
for i in $(seq 1 "$ndev"); do echo "link add vc$i type vcan"; done >"$work/links"
ip -batch "$work/links"
ip link add probe0 type vcan
# 1,024 entries: globs that no device matches until the last, each with
# rules, and one table of overlapping ranges, the costliest to compile.
{
	for g in $(seq 1 1023); do
		printf 'interface x%d?* {\n\trx drop id 0x%03X\n}\n' "$g" $((g % 2048))
	done
	echo "interface vc* {"
	for r in $(seq 0 3999); do
		printf '\trx accept id 0x%03X-0x7FF\n' $((r % 2048))
	done
	echo "}"
} >"$work/worst.canfw"
"$ctl" -q load "$work/worst.canfw" || exit 1
t0=$(date +%s%N)
"$ctl" -q load "$work/worst.canfw"
t1=$(date +%s%N)
load_ms=$(((t1 - t0) / 1000000))
dur=$((load_ms * 5 / 1000 + 5))
(for _ in 1 2 3 4 5; do "$ctl" -q load "$work/worst.canfw"; done) &
loads=$!
python3 "$here/locks.py" genl "$dur" >"$work/genl" &
g=$!
python3 "$here/locks.py" rtnl probe0 "$dur" >"$work/rtnl"
wait $g $loads
{
	echo "devices $ndev entries 1024 rules $((1023 + 4000))"
	echo "load_ms $load_ms"
	echo "genl $(cat "$work/genl")"
	echo "rtnl $(cat "$work/rtnl")"
} >"$out/locks.txt"
cat "$out/locks.txt"
"$ctl" flush >/dev/null
rmmod canfw
