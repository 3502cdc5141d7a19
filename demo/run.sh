#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: canfw stopping attacks on a CAN bus, in a throw-away QEMU
# guest running Debian's own 6.1 kernel, in about a minute.
#
# usage: demo/run.sh [--data CANDUMP_LOG] [--out DIR]
#
# Installs the packages it needs (tests/deps.sh), builds canfw.ko for the
# installed Debian 6.1 kernel and canfwctl, boots the kernel under QEMU
# with this machine's files shared in (tests/vm/run-vm.sh) and runs
# demo/guest.sh there: a vcan bus, a vxcan pair into an "attacker"
# namespace routed onto the bus by can-gw, policies/demo.canfw, normal
# traffic, then a flood of ID 0x000, a spoofed ID sent several times
# faster than its cycle and diagnostic requests. demo/demo.py prints what passed
# and what was blocked.
#
# --data replays a vehicle's candump log (candump -l/-L, or candump's
# default output with timestamps) instead of the demo car's traffic, with
# an allow-list policy learned from that log.
#
# Exit status: 0 if every expected outcome holds (legitimate frames
# passed, flood blocked, spoof rate-limited, diagnostics blocked), 1 if
# not or if a step failed. Work files are in DIR (default build/demo).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
data="" out=$top/build/demo
usage() { sed -n 6p "$0" | sed 's/^# //' >&2; exit 1; }
while [ $# -gt 0 ]; do
	case "$1" in
	--data) [ $# -ge 2 ] || usage; data=$2; shift 2 ;;
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	*) usage ;;
	esac
done
start=$SECONDS
say() { echo "demo: $*"; }
die() { say "$*" >&2; exit 1; }
if [ -n "$data" ]; then
	[ -r "$data" ] || die "cannot read $data"
	data=$(cd "$(dirname "$data")" && pwd)/$(basename "$data")
fi

bash tests/deps.sh || die "install the packages named above (as root)"

# Debian's 6.1 kernel as installed now: the one linux-image-amd64 depends
# on, else the newest 6.1 image that has its headers. Its ABI number
# changes with updates, so it is never written down here.
kver=$(dpkg-query -W -f '${Depends}' linux-image-amd64 2>/dev/null |
	grep -o 'linux-image-6\.1\.[^ ,]*-amd64' | head -n 1 | sed 's/^linux-image-//') || true
kboot=${CANFW_CACHE:-/var/cache/canfw}/kernels/boot
if [ -z "$kver" ] || [ ! -f "$kboot/vmlinuz-$kver" ] ||
	[ ! -d "/usr/src/linux-headers-$kver" ]; then
	kver=$(for h in /usr/src/linux-headers-6.1.*-amd64; do
		k=${h#/usr/src/linux-headers-}
		[ -f "$kboot/vmlinuz-$k" ] && echo "$k"
	done | grep -v -- '-rt-' | sort -V | tail -n 1) || true
fi
[ -n "$kver" ] || die "no Debian 6.1 kernel with headers (linux-image-amd64, linux-headers-amd64)"

# Built from a copy, so that a build for another kernel in the checkout
# (make, make check) is neither used nor disturbed.
mkdir -p "$out"
say "building canfw.ko for $kver and canfwctl"
rsync -a --delete --exclude .git --exclude build "$top/" "$out/src/"
make -C "/usr/src/linux-headers-$kver" M="$out/src" -j2 modules \
	>"$out/build-module.log" 2>&1 ||
	{ tail -n 20 "$out/build-module.log" >&2; die "canfw.ko did not build"; }
make -s -C userspace -j2 O="$out/userspace" >"$out/build-canfwctl.log" 2>&1 ||
	{ tail -n 20 "$out/build-canfwctl.log" >&2; die "canfwctl did not build"; }
ko=$out/src/canfw.ko ctl=$out/userspace/canfwctl
built=$SECONDS

# The traffic, the policy and the attacks' parameters.
run=$out/run
rm -rf "$run"
mkdir -p "$run"
if [ -n "$data" ]; then
	python3 demo/demo.py learn "$data" "$run" || exit 1
	echo "POLICY_NAME='learned from the log: $out/run/policy.canfw'" >>"$run/plan.sh"
	say "replaying $data with an allow-list learned from it"
	sed 's/^/demo: note: /' "$run/notes.txt"
else
	python3 demo/demo.py traffic "$run" 3
	cp policies/demo.canfw "$run/policy.canfw"
	echo "POLICY_NAME=policies/demo.canfw" >>"$run/plan.sh"
fi
"$ctl" check "$run/policy.canfw" || die "the policy is not valid"
# What canfw will decide, predicted without a kernel from the log's own
# timestamps: nothing of the normal traffic may be dropped.
"$ctl" -j replay --tx --iface vcan0 "$run/policy.canfw" "$run/traffic.log" \
	>"$run/replay.json" || die "canfwctl replay failed"
python3 - "$run/replay.json" <<'EOF' || die "the policy would drop normal traffic"
import json, sys
tx = json.load(open(sys.argv[1]))["interfaces"][0]["tx"]
drops = tx["dropped_rule"] + tx["dropped_default"] + tx["rate_limited"]
print("demo: canfwctl replay (no kernel) predicts: %d frames accepted, %d dropped"
      % (tx["accepted"], drops))
sys.exit(drops != 0)
EOF

say "booting Debian's $kver in QEMU (TCG, one vCPU)"
# One vCPU: Debian's kernels can hang under TCG when one vCPU patches
# jump labels another one runs (see tests/check.sh).
rc=0
bash tests/vm/run-vm.sh --smp 1 --mem 1024 --timeout 300 "$kboot/vmlinuz-$kver" \
	"$run" "$top/demo/guest.sh" "$run" "$ko" "$ctl" "$run/policy.canfw" || rc=$?
guest=$SECONDS
if [ $rc != 0 ]; then
	grep '^demo:' "$run/console.log" >&2 || true
	die "the guest failed (exit $rc); its console: $run/console.log"
fi

rc=0
python3 demo/demo.py report "$run" || rc=$?
say "$((SECONDS - start)) s in all (builds $((built - start)) s, guest $((guest - built)) s)"
exit $rc
