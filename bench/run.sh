#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: canfw side by side with tc + em_canid and nftables, at 1 to
# 10,000 rules, in a QEMU guest; the engine alone under callgrind; a flood
# test. Writes docs/benchmarks.md and docs/benchmarks.png.
#
# usage: run.sh [--kernel KVER] [--reps N] [--out DIR] [--engine-only]
#        run.sh --smoke OUTDIR [--kernel KVER]
#
# --smoke: 1 and 100 rules, two repetitions, short runs; writes "ok NAME" /
# "not ok NAME" lines to OUTDIR/bench.tap, leaves docs/ alone and exits
# nonzero if any check fails. Run as root on Debian 12 (amd64); packages
# are installed as needed. KVER defaults to Debian's newest 6.1 kernel.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
smoke=0 kver="" reps=21 out="" engine_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--smoke) smoke=1; out=$2; shift 2 ;;
	# The engine's figures anew, the guest's from the last run in OUT.
	--engine-only) engine_only=1; shift ;;
	--kernel) kver=$2; shift 2 ;;
	--reps) reps=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) sed -n 7,8p "$0" | sed 's/^# //' >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || out=$top/build/bench
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
log() { echo "bench: $*" >&2; }
die() { log "$*"; [ $smoke = 1 ] && echo "not ok setup: $*" >>"$out/bench.tap"; exit 1; }
[ $smoke = 1 ] && : >"$out/bench.tap"

# Packages: the test suite's (kernels, QEMU, can-utils, nftables) and ours.
bash tests/deps.sh || die "tests/deps.sh failed"
need=()
want=(valgrind bc)
[ $smoke = 1 ] || want+=(gnuplot-nox)
for p in "${want[@]}"; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing packages (run as root): ${need[*]}"
	log "installing ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${need[@]}" >&2 || die "apt-get failed"
fi

# Guest kernels are unpacked there by tests/deps.sh, never installed.
kboot=${CANFW_CACHE:-/var/cache/canfw}/kernels/boot
if [ -z "$kver" ]; then
	kver=$(for f in "$kboot"/vmlinuz-6.1.0-*-amd64; do
		[ -e "$f" ] && echo "${f#"$kboot"/vmlinuz-}"
	done | grep -v -- -rt- | sort -V | tail -n 1)
fi
if [ -z "$kver" ] || [ ! -r "$kboot/vmlinuz-$kver" ]; then
	die "no kernel image for '$kver' in $kboot"
fi
hdr=/usr/src/linux-headers-$kver
[ -d "$hdr" ] || die "no headers for $kver in $hdr"

# Builds, each in its own directory under OUT.
log "building for $kver"
b=$out/bin
mkdir -p "$b"
rsync -a --delete --exclude .git --exclude build "$top/" "$b/src/"
make -C "$hdr" M="$b/src" W=1 modules >"$b/canfw-build.log" 2>&1 ||
	{ tail -20 "$b/canfw-build.log"; die "canfw.ko does not build"; }
make -C "$hdr" M="$b/src/bench/kmod" W=1 modules >"$b/bench-build.log" 2>&1 ||
	{ tail -20 "$b/bench-build.log"; die "canfw_bench.ko does not build"; }
make -s -C userspace O="$b/userspace" >"$b/canfwctl-build.log" 2>&1 ||
	{ tail -20 "$b/canfwctl-build.log"; die "canfwctl does not build"; }
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$b/canpump" bench/canpump.c ||
	die "canpump does not build"
engine_src=(kmod/idtrie.c kmod/table.c kmod/judge.c kmod/ratelimit.c
	kmod/timing.c kmod/perid.c kmod/payload.c kmod/state.c kmod/table_state.c kmod/sender.c)
gcc -std=gnu11 -O2 -g -Wall -Wextra -Werror -Ikmod -o "$b/engine_bench" \
	bench/engine_bench.c "${engine_src[@]}" || die "engine_bench does not build"

# Timed and payload rules are canfw's alone: measured in the engine, not against peers.
if [ $smoke = 1 ]; then
	timed="std+period:1 std+period:100 std+perid:1 std+perid:100
		std+uds:1 std+uds:100 std+state:1 std+state:100"
	scan_n="1 100" switch_n="1 100"
	configs="std:1 std:100 ext:1 ext:100 std+rate:100" attack=std:100
	reps=3 ms=30 rate_reps=1 rate_secs=0.5 attack_secs=2 lookups=2000
else
	timed="std+period:1 std+period:2000 ext+period:1 ext+period:10000
		ext+perid:1 ext+perid:10000 std+data:1 std+data:2000
		ext+data:1 ext+data:10000 std+uds:1 std+uds:2000 ext+uds:1 ext+uds:10000
		std+state:1 std+state:2000 ext+state:1 ext+state:10000
		ext+cgroup:1 ext+cgroup:10000"
	scan_n="1 100 10000" switch_n="1 2000"
	configs="std:1 std:10 std:100 std:1000 std:2000 ext:1 ext:10 ext:100 ext:1000 ext:10000
		std+rate:1 std+rate:1000 ext+rate:1 ext+rate:10000"
	attack=std:1000 ms=40 rate_reps=5 rate_secs=1 attack_secs=5 lookups=20000
fi

# The engine alone: instructions per lookup under callgrind, deterministic.
log "callgrind"
cg=$out/callgrind.tsv
: >"$cg"
for c in $configs $timed; do
	for probe in hit miss; do
		f=$out/callgrind.out
		valgrind --tool=callgrind --toggle-collect=lookups \
			--callgrind-out-file="$f" "$b/engine_bench" "${c%:*}" \
			"${c#*:}" "$probe" "$lookups" >"$out/engine.txt" 2>"$out/valgrind.log" ||
			die "engine_bench ${c%:*} ${c#*:} $probe failed: $(cat "$out/engine.txt")"
		ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")
		nat=$("$b/engine_bench" "${c%:*}" "${c#*:}" "$probe" 2000000 |
			sed -n 's/.*ns_per_lookup=//p')
		echo "${c%:*} ${c#*:} $probe $ir $lookups $nat" >>"$cg"
	done
done

# The timeout scan over N timed rules, none of them silent.
for n in $scan_n; do
	f=$out/callgrind.out
	valgrind --tool=callgrind --toggle-collect=scans \
		--callgrind-out-file="$f" "$b/engine_bench" ext+period "$n" scan 200 \
		>"$out/engine.txt" 2>"$out/valgrind.log" ||
		die "engine_bench scan $n failed: $(cat "$out/engine.txt")"
	ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")
	nat=$("$b/engine_bench" ext+period "$n" scan 2000 |
		sed -n 's/.*ns_per_scan=//p')
	echo "ext+period $n scan $ir 200 $nat" >>"$cg"
done

# A trigger's state switch: the triggering frame judged and the state
# switched as the hook does it, then switched back as a command would.
for n in $switch_n; do
	f=$out/callgrind.out
	valgrind --tool=callgrind --toggle-collect=switches \
		--callgrind-out-file="$f" "$b/engine_bench" std "$n" switch 200 \
		>"$out/engine.txt" 2>"$out/valgrind.log" ||
		die "engine_bench switch $n failed: $(cat "$out/engine.txt")"
	ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")
	nat=$("$b/engine_bench" std "$n" switch 200000 |
		sed -n 's/.*ns_per_switch=//p')
	echo "std $n switch $ir 200 $nat" >>"$cg"
done

# The guest run.
g=$out/guest
grc=0
if [ $engine_only = 1 ]; then
	[ -s "$g/raw.tsv" ] || die "--engine-only: no guest figures in $g"
	log "guest figures of the last run in $g"
else
	conf=$out/conf
	rm -rf "$conf"
	for c in $configs; do
		/usr/bin/python3 bench/gen.py "$conf/${c%:*}-${c#*:}" "${c%:*}" "${c#*:}"
	done
	mkdir -p "$g"
	cat >"$g/settings" <<EOT
REPS=$reps MS=$ms RATE_REPS=$rate_reps RATE_SECS=$rate_secs
ATTACK_SECS=$attack_secs CONFIGS="$configs" ATTACK=$attack
EOT
	log "guest run on $kver ($(echo "$configs" | wc -w) configurations)"
	# One vCPU: Debian's kernels hang under TCG when jump labels are patched
	# while another vCPU runs the code.
	grc=0
	bash tests/vm/run-vm.sh --smp 1 --mem 2048 --timeout 5400 "$kboot/vmlinuz-$kver" "$g" \
		"$top/bench/guest.sh" "$g" "$conf" "$b/src/canfw.ko" \
		"$b/src/bench/kmod/canfw_bench.ko" "$b/userspace/canfwctl" "$b/canpump" || grc=$?
	log "guest exit status $grc"
fi

args=(--raw "$g/raw.tsv" --callgrind "$cg" --kernel "$kver" --out "$out"
	--ms "$ms" --rate-secs "$rate_secs" --attack-secs "$attack_secs" --lookups "$lookups")
if [ $smoke = 1 ]; then
	/usr/bin/python3 bench/report.py "${args[@]}" --tap "$out/bench.tap"
else
	/usr/bin/python3 bench/report.py "${args[@]}" --md docs/benchmarks.md \
		--plot docs/benchmarks.png
fi
