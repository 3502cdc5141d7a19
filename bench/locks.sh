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

# The figures go into docs/benchmarks.md, in a section of their own that
# bench/run.sh leaves alone.
python3 - "$out/locks.txt" "$kver" "$top/docs/benchmarks.md" <<'PY'
import re, sys
f = dict(l.split(" ", 1) for l in open(sys.argv[1]).read().splitlines())
w = f["devices"].split()		# NDEV entries N rules N
ndev, nent, nrules = int(w[0]), int(w[2]), int(w[4])
sec = f"""<!-- locks: written by bench/locks.sh -->
## The control plane and the kernel's global locks

`bench/locks.sh`, Debian {sys.argv[2]} under QEMU TCG with two vCPUs: the
worst policy the limits allow is loaded five times over {ndev:,} vcan
devices: {nent:,} entries with {nrules:,} rules, {nent - 1:,} of them
globs that no device matches, then one glob that matches every device
with {nrules - nent + 1:,} overlapping ranges, the costliest table to
compile. Meanwhile a
generic netlink family lookup (nlctrl, which takes genl_mutex) and an
RTNL link change run back to back, and the longest each took is
reported: an upper bound on how long a canfw load held either lock.

| | |
|---|---|
| one load of that policy | {f["load_ms"]} ms |
| longest genl family lookup during the loads | {f["genl"].split()[1]} ms ({f["genl"].split()[3]} lookups) |
| longest RTNL link change during the loads | {f["rtnl"].split()[1]} ms ({f["rtnl"].split()[3]} changes) |

A load compiles outside genl_mutex (the family has parallel_ops) and
outside RTNL; it publishes under canfw's own per-namespace lock, rebinding
devices 256 at a time, so RTNL users wait at most for one batch. Old
generations are freed after an RCU grace period by a workqueue, not by
synchronize_rcu() in the request.
<!-- /locks -->
"""
doc = open(sys.argv[3]).read()
doc = re.sub(r"\n?<!-- locks:.*?<!-- /locks -->\n", "", doc, flags=re.S)
open(sys.argv[3], "w").write(doc.rstrip("\n") + "\n\n" + sec)
PY
