#!/usr/bin/env bash
# Every userspace test of canfwctl and the policy language: builds
# canfwctl (warnings are errors) and the test programs (ASan + UBSan), then
# runs the parser, round-trip, log, glob, event and state tests, the CLI and
# replay tests against both builds, every example policy through `check`,
# and the fuzzers for CANFW_FUZZ_SECONDS each (default 20; 0 skips them).
# Prints one "ok NAME" / "not ok NAME" line per test; exits 1 on failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/userspace
fuzz_secs=${CANFW_FUZZ_SECONDS:-20}
failed=0

# shellcheck source=tests/userspace/lib.sh
. "$here/lib.sh"

# Pass a test program's lines through; its exit status must agree.
tap() {	# tap NAME COMMAND...
	local name=$1 st
	shift
	"$@" >"$out/$name.log" 2>&1
	st=$?
	cat "$out/$name.log"
	if [ $st != 0 ] && ! grep -q '^not ok ' "$out/$name.log"; then
		result 1 "$name: exited $st"
	fi
	[ $st = 0 ] || failed=1
}

mkdir -p "$out"
make -s -C "$top/userspace" >"$out/build.log" 2>&1
st=$?
[ $st = 0 ] || tail -30 "$out/build.log"
result $st "build: canfwctl with -Wall -Wextra -Werror"
make -s -C "$top/userspace" tests >"$out/build-tests.log" 2>&1
st=$?
[ $st = 0 ] || tail -30 "$out/build-tests.log"
result $st "build: tests with AddressSanitizer and UBSan"
if [ $failed != 0 ]; then
	exit 1
fi

tap parser_test "$out/san/parser_test"
tap language_test "$out/san/language_test"
tap language "$here/language.sh" "$out/canfwctl"
tap roundtrip_test "$out/san/roundtrip_test" "$top"/policies/*.canfw
tap candump_log_test "$out/san/candump_log_test"
tap learn_test "$out/san/learn_test"
tap glob_test "$out/san/glob_test"
tap events_test "$out/san/events_test"
tap state_test "$out/san/state_test"
tap dbc_test "$out/san/dbc_test"
tap cli "$here/cli.sh" "$out/canfwctl"
tap cli-san "$here/cli.sh" "$out/san/canfwctl"
tap learn "$here/learn.sh" "$out/canfwctl"
tap dbc "$here/dbc.sh" "$out/canfwctl"

if [ "$fuzz_secs" = 0 ]; then
	echo "ok fuzz # SKIP CANFW_FUZZ_SECONDS=0"
else
	if ! command -v clang >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang \
			>"$out/apt-clang.log" 2>&1 ||
		{ apt-get update -q >>"$out/apt-clang.log" 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang \
			>>"$out/apt-clang.log" 2>&1; }
	fi
	if command -v clang >/dev/null; then
		tap fuzz "$here/fuzz.sh" "$fuzz_secs"
	else
		echo "ok fuzz # SKIP clang is not installed and apt-get could not install it (see $out/apt-clang.log)"
	fi
fi
exit $failed
