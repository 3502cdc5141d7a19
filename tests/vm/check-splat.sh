#!/usr/bin/env bash
# usage: check-splat.sh LOGFILE
# Fails (exit 1, printing the lines) if a VM console log shows a kernel splat:
# a bug, warning, sanitizer or lockdep report, kmemleak leak, oops or panic.
# Exit 2 if the log cannot be read, so a missing log never passes as clean.
#
# Only kernel lines count: on the console they start with a printk timestamp
# (run-vm.sh boots with printk.time=1), so test scripts that echo these words
# to stdout do not trip the check.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: check-splat.sh LOGFILE" >&2; exit 2; }
[ -r "$1" ] || { echo "check-splat: cannot read $1" >&2; exit 2; }
ts='^\[ *[0-9]+\.[0-9]+\]( ?\[ *[CT][0-9]+\])? '
what='BUG:|WARNING:|KASAN|UBSAN|possible circular locking|possible recursive locking'
what+='|inconsistent lock state|suspicious RCU usage|Call Trace|kernel BUG|Oops'
what+='|unreferenced object|new suspected memory leaks|general protection fault|Kernel panic'
if hits=$(tr -d '\r' <"$1" | grep -nE "$ts" | grep -E "$what"); then
	echo "check-splat: kernel splat in $1:" >&2
	printf '%s\n' "$hits"
	exit 1
fi
