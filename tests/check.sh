#!/usr/bin/env bash
# `make check`: every test canfw has, ending with one line "N passed, N failed".
#
# 1. userspace: the engine's cases and randomized differential test;
# 2. builds: canfw.ko with W=1 (no warnings) and sparse against Debian's
#    6.1, 6.1 PREEMPT_RT and 6.12 headers; checkpatch on the kernel sources;
# 3. kernel: the debug kernel (KUnit, KASAN, lockdep, UBSAN, kmemleak; built
#    once and cached outside the checkout) boots under QEMU once, and runs
#    the KUnit module, the guest tests and the fail_closed tests
#    (tests/guest/debug.sh); every KUnit case counts, and any kernel splat
#    or kmemleak report is a failure;
# 4. the guest tests (tests/guest/datapath.sh: firewall, senders, frames,
#    contexts, timing, control plane, events, as far as each kernel runs
#    them) in guests running each of Debian's kernels, and the controller
#    tests (tests/guest/controllers.sh) on emulated SJA1000 boards under
#    each of Debian's kernels; then make demo, a short make bench and the
#    installation tests.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=${CANFW_OUT:-$top/build/check}
rm -rf "$out"
mkdir -p "$out"
results=$out/results
: >"$results"

record() {	# record PASS|FAIL NAME
	echo "$1 $2" >>"$results"
	echo "$1 $2"
}

verdict() {	# verdict NAME STATUS
	if [ "$2" = 0 ]; then record PASS "$1"; else record FAIL "$1"; fi
}

summary() {
	local p f
	p=$(grep -c '^PASS ' "$results")
	f=$(grep -c '^FAIL ' "$results")
	echo "$p passed, $f failed"
	[ "$f" = 0 ]
	exit
}

# Lines "ok NAME" / "not ok NAME" from a test program become results.
record_tap() {	# record_tap PREFIX FILE
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) record PASS "$1${line#ok }" ;;
		"not ok "*) record FAIL "$1${line#not ok }" ;;
		esac
	done <"$2"
}

# Build a copy of the sources, so builds for different kernels never mix.
kbuild() {	# kbuild NAME KDIR SUBDIR [make args...]
	local name=$1 kdir=$2 sub=$3 dir=$out/src-$1
	shift 3
	mkdir -p "$dir"
	rsync -a --exclude .git --exclude build "$top/" "$dir/"
	make -C "$kdir" M="$dir$sub" W=1 "$@" modules >"$out/build-$name.log" 2>&1
}

no_warnings() {	# no_warnings LOG
	! grep -E 'warning:|error:' "$1"
}

if ! bash tests/deps.sh; then
	record FAIL "deps: install the packages named above"
	summary
fi

# 1. userspace
make -s unit BUILD="$out/bin" >"$out/unit.log" 2>&1
ustatus=$?
record_tap "unit: " "$out/unit.log"
if [ $ustatus != 0 ] && ! grep -q '^not ok' "$out/unit.log"; then
	tail -20 "$out/unit.log"
	record FAIL "unit: engine_test did not complete"
fi

# The YAML netlink spec through the kernel's own schema and generator: the
# uapi header and the policy tables are its output.
bash tests/spec/ynl.sh check >"$out/spec.log" 2>&1
record_tap "" "$out/spec.log"
grep -q '^ok spec' "$out/spec.log" || record FAIL "spec: ynl checks did not run"

# canfwctl: parser, printer, replay, CLI and a bounded fuzz run
bash tests/userspace/run.sh >"$out/userspace.log" 2>&1
usstatus=$?
record_tap "canfwctl: " "$out/userspace.log"
if [ $usstatus != 0 ] && ! grep -q '^not ok' "$out/userspace.log"; then
	tail -20 "$out/userspace.log"
	record FAIL "canfwctl: tests did not complete"
fi
make -s -C userspace O="$out/userspace" >"$out/canfwctl-build.log" 2>&1
verdict "build: canfwctl" $?
ctl=$out/userspace/canfwctl
bash tests/userspace/doc_test.sh "$ctl" >"$out/doc.log" 2>&1
record_tap "canfwctl: " "$out/doc.log"
grep -q '^ok doc' "$out/doc.log" || record FAIL "canfwctl: doc tests did not run"
# The Prometheus output against Debian's promtool (unpacked, not installed).
if promtool=$(bash tests/userspace/promtool.sh 2>"$out/promtool.log"); then
	bash tests/userspace/prometheus.sh "$ctl" "$promtool" >"$out/prometheus.log" 2>&1
	record_tap "canfwctl: " "$out/prometheus.log"
	grep -q '^ok prometheus' "$out/prometheus.log" ||
		record FAIL "canfwctl: prometheus tests did not run"
else
	cat "$out/promtool.log"
	record FAIL "canfwctl: no promtool for the Prometheus output tests"
fi
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -Ikmod -o "$out/nlfuzz" \
	tests/guest/nlfuzz.c -lmnl
verdict "build: nlfuzz" $?
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out/bcmrx" tests/guest/bcmrx.c
verdict "build: bcmrx" $?
# dumps.sh's shim, built here: gcc takes a third of a minute in the debug
# kernel's guest. run-vm.sh passes CANFW_* variables on to the guests.
gcc -shared -fPIC -std=gnu11 -O2 -Wall -Wextra -Werror -o "$out/dumprace.so" \
	tests/guest/dumprace.c -ldl
verdict "build: dumprace.so" $?
export CANFW_DUMPRACE=$out/dumprace.so

# 2. builds against the distribution's headers (6.1, 6.1 PREEMPT_RT, 6.12)
distro=()
# Guest kernels are unpacked there, never installed (tests/vm/kernels.sh).
kboot=${CANFW_CACHE:-/var/cache/canfw}/kernels/boot
for hdr in /usr/src/linux-headers-*-amd64; do
	name=$(basename "$hdr")
	kver=${name#linux-headers-}
	kbuild "$kver" "$hdr" "" && no_warnings "$out/build-$kver.log"
	verdict "build: canfw.ko W=1 without warnings ($kver)" $?
	kbuild "$kver-sparse" "$hdr" "" C=2 &&
		no_warnings "$out/build-$kver-sparse.log"
	verdict "sparse: canfw.ko ($kver)" $?
	[ -f "$kboot/vmlinuz-$kver" ] && distro+=("$kver")
done

# 3. the debug kernel
if ! tree=$(bash tests/vm/build-debug-kernel.sh 2>"$out/debug-kernel.log"); then
	tail -30 "$out/debug-kernel.log"
	record FAIL "debug kernel: build"
	summary
fi

# canfw_port_user.h is userspace code and exempt from the kernel's rules;
# ynl-gen-c's output (tests/spec/ynl.sh) is checked against the generator.
for f in $(ls kmod/*.c kmod/*.h tests/kunit/*.c tests/engine/* |
	   grep -v -e canfw_port_user.h -e netlink-gen); do
	"$tree/scripts/checkpatch.pl" --strict --no-tree -q --terse -f "$f" \
		>"$out/checkpatch.log" 2>&1
	st=$?
	grep -q 'total: 0 errors, 0 warnings, 0 checks' "$out/checkpatch.log" || st=1
	[ $st = 0 ] || cat "$out/checkpatch.log"
	verdict "checkpatch: $f" $st
done

kbuild debug "$tree" "" && no_warnings "$out/build-debug.log"
verdict "build: canfw.ko W=1 without warnings (debug kernel)" $?
kbuild debug-kunit "$tree" /tests/kunit &&
	no_warnings "$out/build-debug-kunit.log"
verdict "build: canfw_test.ko W=1 without warnings (debug kernel)" $?

# Real vehicle data, where it is beside the checkout (see README).
data=$(cd "$top/../shared/data" 2>/dev/null && pwd)
[ -n "$data" ] || echo "check: no ../shared/data: tests that replay vehicle traces are skipped"
if [ -n "$data" ]; then
	/usr/bin/python3 bench/detection.py "$data" "$ctl" --check docs/detection.md \
		>"$out/detection.log" 2>&1
	st=$?
	[ $st = 0 ] || tail -5 "$out/detection.log"
	verdict "detection: docs/detection.md's figures are what replay gives now" $st
fi

# The firewall in the real data path, on every kernel.
# Debian's kernels patch jump labels when hooks come and go; under QEMU's
# TCG a vCPU running code that another vCPU patches can hang (seen twice on
# 6.1). One vCPU avoids that; the debug kernel has no jump labels and keeps
# two, for the per-CPU counter tests.
firewall() {	# firewall NAME IMAGE SMP SCRIPT ARGS...: SCRIPT OUTDIR ARGS in a guest
	local g=$out/guest-firewall-$1 image=$2 smp=$3 script=$4 name=$1
	shift 4
	bash tests/vm/run-vm.sh --smp "$smp" --timeout 2700 "$image" "$g" \
		"$top/tests/guest/$script" "$g" "$@"
	verdict "guest($name): firewall and event tests ran to the end" $?
	[ -f "$g/firewall.tap" ] && record_tap "guest($name): " "$g/firewall.tap"
	[ -f "$g/events.tap" ] && record_tap "guest($name): events: " "$g/events.tap"
	[ -f "$g/controlplane.tap" ] &&
		record_tap "guest($name): control plane: " "$g/controlplane.tap"
	bash tests/vm/check-splat.sh "$g/console.log"
	verdict "guest($name): no splat during the firewall tests" $?
}

# The kernel's YNL CLI drives the family in the guests (controlplane.sh).
CANFW_YNL_TREE=$(bash tests/spec/ynl.sh tree)
export CANFW_YNL_TREE
# The debug kernel runs KUnit, the firewall tests and the fail_closed
# tests in one boot (tests/guest/debug.sh).
g=$out/guest-firewall-debug
firewall debug "$tree/arch/x86/boot/bzImage" 2 debug.sh \
	"$out/src-debug-kunit/tests/kunit/canfw_test.ko" "$out/src-debug/canfw.ko" \
	"$ctl" "$out/nlfuzz" "$out/bcmrx" "$data"
[ "$(cat "$g/kunit/status" 2>/dev/null)" = 0 ]
verdict "guest: load and unload canfw_test.ko and canfw.ko" $?
# The serial console has the whole log; the kernel's ring buffer may not.
if [ -f "$g/console.log" ]; then
	bash tests/vm/parse-ktap.sh "$g/console.log" >"$out/ktap.txt"
	kstatus=$?
	while read -r st name; do
		case "$st" in
		PASS) record PASS "kunit: $name" ;;
		FAIL) record FAIL "kunit: $name" ;;
		esac
	done <"$out/ktap.txt"
	[ $kstatus = 0 ] || grep -q '^FAIL' "$out/ktap.txt" ||
		record FAIL "kunit: no results in the guest's log"
	# Asked once, at the end of the boot, about everything it ran.
	[ -f "$g/kmemleak.txt" ] && [ ! -s "$g/kmemleak.txt" ]
	st=$?
	[ $st = 0 ] || head -40 "$g/kmemleak.txt"
	verdict "debug kernel: kmemleak reports no leak after KUnit" $st
else
	record FAIL "kunit: the guest wrote no kernel log"
fi
[ -f "$g/failclosed/boot.tap" ] &&
	record_tap "guest(debug): fail-closed: " "$g/failclosed/boot.tap"
grep -q '^ok final_unload' "$g/failclosed/boot.tap" 2>/dev/null
verdict "guest(debug): fail-closed tests ran to the end" $?

# Real controller drivers: two emulated SJA1000 boards (kvaser_pci) on one
# emulated bus, under each Debian kernel's own kvaser_pci and sja1000.
sja1000="-object can-bus,id=canbus0 -device kvaser_pci,canbus=canbus0"
sja1000+=" -device kvaser_pci,canbus=canbus0"
controllers() {	# controllers KVER
	local g=$out/guest-controllers-$1
	bash tests/vm/run-vm.sh --smp 1 --timeout 600 --qemu "$sja1000" \
		"$kboot/vmlinuz-$1" "$g" "$top/tests/guest/controllers.sh" \
		"$g" "$out/src-$1/canfw.ko" "$ctl"
	verdict "guest($1): controller tests ran to the end" $?
	[ -f "$g/controllers.tap" ] &&
		record_tap "guest($1): controllers: " "$g/controllers.tap"
	bash tests/vm/check-splat.sh "$g/console.log"
	verdict "guest($1): no splat during the controller tests" $?
}
# Each of Debian's kernels: its guest tests, then its controller tests.
debian_guests() {	# debian_guests KVER...
	local kver
	for kver in "$@"; do
		firewall "$kver" "$kboot/vmlinuz-$kver" 1 datapath.sh \
			"$out/src-$kver/canfw.ko" "$ctl" "$out/nlfuzz" "$out/bcmrx" "$data"
		controllers "$kver"
	done
}
# Debian's guests have one vCPU each, and this machine kind two cores: two
# lanes of them run side by side. 6.12 runs every guest test, about as
# long as the two 6.1 kernels' share together, so it has a lane of its
# own. Each lane keeps its results and output aside; they are reported
# lane by lane once both are done.
lane() {	# lane NAME KVER...: debian_guests KVER... in the background
	local name=$1
	shift
	# shellcheck disable=SC2030 # each lane its own results file
	(
		results=$out/results-$name
		: >"$results"
		debian_guests "$@"
	) >"$out/$name.out" 2>&1 &
}
if [ "$(nproc)" -lt 2 ]; then
	debian_guests "${distro[@]}"
else
	old_kernels=() new_kernels=()
	for kver in "${distro[@]}"; do
		case "$kver" in
		6.1.*) old_kernels+=("$kver") ;;
		*) new_kernels+=("$kver") ;;
		esac
	done
	lane lane-6.1 "${old_kernels[@]}"
	lane1=$!
	lane lane-newer "${new_kernels[@]}"
	lane2=$!
	wait $lane1 $lane2
	for name in lane-6.1 lane-newer; do
		cat "$out/$name.out"
		# shellcheck disable=SC2031 # this shell's, not a lane's
		cat "$out/results-$name" >>"$results"
	done
fi

# make demo, and its replay of a real vehicle log where there is one.
bash demo/run.sh --out "$out/demo" >"$out/demo.log" 2>&1
verdict "demo: make demo's expected outcomes hold" $?
if [ -n "$data" ]; then
	bash demo/run.sh --out "$out/demo-data" \
		--data "$data/logs/crysys_tangocan/S-1-1-benign.log" \
		>"$out/demo-data.log" 2>&1
	verdict "demo: DATA= replay of a vehicle trace" $?
fi

# A short run of make bench: every peer measured, counters exact, the
# engine's instructions per lookup flat (callgrind).
bash bench/run.sh --smoke "$out/bench" >"$out/bench.log" 2>&1
bst=$?
[ -f "$out/bench/bench.tap" ] && record_tap "bench: " "$out/bench/bench.tap"
[ $bst = 0 ] || grep -q '^not ok' "$out/bench/bench.tap" 2>/dev/null ||
	record FAIL "bench: smoke run did not complete (see $out/bench.log)"

# Installing as users do: DKMS, make install/uninstall, the systemd unit
# and modules-load.d entry, fail_closed, each booted in a guest.
if [ ${#distro[@]} -gt 0 ]; then
	bash tests/boot/run.sh "$out/boot" "$ctl" "${distro[@]}" \
		>"$out/boot.tap" 2>"$out/boot.log"
	record_tap "install: " "$out/boot.tap"
	grep -q '^ok modprobe no longer finds canfw' "$out/boot.tap" ||
		record FAIL "install: tests did not run to the end (see $out/boot.log)"
else
	record FAIL "install: no Debian kernel with headers and an unpacked image"
fi

summary
