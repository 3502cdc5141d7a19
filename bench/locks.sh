#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# How long canfw's loads make other users of genl_mutex and RTNL wait:
# the worst policy the limits allow (1,024 entries, globs first) over NDEV
# devices, loaded five times while a generic netlink family lookup and an
# RTNL link change are timed back to back (bench/locks.py), in a QEMU
# guest with two vCPUs. Prints the figures; docs/benchmarks.md quotes them.
#
# usage: locks.sh [--kernel KVER] [--devices NDEV] [OUTDIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
kver="" ndev=2000
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kver=$2; shift 2 ;;
	--devices) ndev=$2; shift 2 ;;
	-*) sed -n 9p "$0" | sed 's/^# //' >&2; exit 2 ;;
	*) break ;;
	esac
done
out=${1:-$top/build/locks}
bash tests/deps.sh
kboot=${CANFW_CACHE:-/var/cache/canfw}/kernels/boot
if [ -z "$kver" ]; then
	kver=$(for f in "$kboot"/vmlinuz-6.12.*-amd64; do
		[ -e "$f" ] && echo "${f#"$kboot"/vmlinuz-}"
	done | sort -V | tail -n 1)
fi
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
rsync -a --delete --exclude .git --exclude build "$top/" "$out/src/"
make -C "/usr/src/linux-headers-$kver" M="$out/src" -j2 modules >"$out/build.log" 2>&1
make -s -C userspace O="$out/userspace" >>"$out/build.log" 2>&1
bash tests/vm/run-vm.sh --smp 2 --mem 2048 --timeout 1800 \
	"$kboot/vmlinuz-$kver" "$out" "$top/bench/locks_guest.sh" "$out" \
	"$out/src/canfw.ko" "$out/userspace/canfwctl" "$ndev"
echo "kernel $kver"
cat "$out/locks.txt"
