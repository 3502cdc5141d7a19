#!/usr/bin/env bash
# usage: parse-ktap.sh LOGFILE
# Summarises KUnit results (KTAP) found in a VM console log or dmesg:
#   PASS|FAIL|SKIP suite.case       one line per test case
#   KTAP: N passed, N failed, N skipped
# Exit 1 if anything failed or no result was found at all.
#
# KUnit nests by 4 spaces: "    # Subtest: S" opens suite S, its cases report
# at that indent and the suite's own "ok N S" follows unindented. Results of
# parameterised cases (8 spaces) are summed up by their case line, so they are
# not listed. A suite that fails without a failing case (suite_init error) or
# never reports (crash mid-suite) is listed as "FAIL suite".
# If the log has printk timestamps, only timestamped lines are read, so TAP
# printed by user space in the guest is not mistaken for KUnit's.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: parse-ktap.sh LOGFILE" >&2; exit 2; }
[ -r "$1" ] || { echo "parse-ktap: cannot read $1" >&2; exit 2; }
awk '
function out(st, name) {
	print st " " name
	n[st]++
}
{ sub(/\r$/, "") }
NR == FNR { if ($0 ~ /^\[ *[0-9]+\.[0-9]+\]/) stamped = 1; next }
{
	if (stamped && !sub(/^\[ *[0-9]+\.[0-9]+\] ?/, "")) next
	sub(/^\[ *[CT][0-9]+\] ?/, "")
	match($0, /^ */)
	d = int(RLENGTH / 4)
	line = substr($0, RLENGTH + 1)
}
line ~ /^# Subtest: / {
	name[d] = substr(line, 12)
	if (d == 1) { open = 1; cases = 0; cfail = 0 }
	next
}
line !~ /^(not )?ok [0-9]+( |$)/ { next }
{
	st = (line ~ /^not /) ? "FAIL" : "PASS"
	sub(/^(not )?ok [0-9]+ ?/, "", line)
	i = index(line, " # ")
	if (i) {
		if (toupper(substr(line, i + 3, 4)) == "SKIP") st = "SKIP"
		line = substr(line, 1, i - 1)
	}
	if (d == 1) {
		out(st, name[1] "." line)
		cases++
		if (st == "FAIL") cfail = 1
	} else if (d == 0 && (cases == 0 || (st == "FAIL" && !cfail))) {
		out(st, line)
	}
	if (d == 0) { open = 0; cases = 0; cfail = 0 }
}
END {
	if (open) out("FAIL", name[1] " (suite never finished: crash or truncated log?)")
	printf "KTAP: %d passed, %d failed, %d skipped\n", n["PASS"], n["FAIL"], n["SKIP"]
	exit (n["FAIL"] > 0 || n["PASS"] + n["SKIP"] == 0)
}
' "$1" "$1"
