#!/usr/bin/env bash
# canfwctl's Prometheus output: what replay --prometheus prints for the
# replay test policies passes `promtool check metrics` and carries the
# counters the JSON output has. stats --prometheus prints with the same
# code (tests/guest/firewall.sh compares it with the kernel's counters).
#
# usage: prometheus.sh CANFWCTL PROMTOOL   ("ok NAME" / "not ok NAME" lines)
set -u
ctl=$1 promtool=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
result() {	# result STATUS NAME
	if [ "$1" = 0 ]; then echo "ok $2"; else echo "not ok $2"; failed=1; fi
}

for t in timing perid rate monitor kinds; do
	pol=$here/replay/$t.canfw log=$here/replay/$t.log
	"$ctl" replay --prometheus "$pol" "$log" >"$tmp/$t.prom" 2>"$tmp/$t.err"
	result $? "prometheus: replay --prometheus $t exits 0"
	"$promtool" check metrics <"$tmp/$t.prom" >"$tmp/$t.lint" 2>&1
	st=$?
	[ $st = 0 ] || sed 's/^/# /' "$tmp/$t.lint"
	result $st "prometheus: $t passes promtool check metrics"
	"$ctl" -j replay "$pol" "$log" >"$tmp/$t.json" 2>/dev/null
	python3 - "$tmp/$t.prom" "$tmp/$t.json" >"$tmp/$t.cmp" 2>&1 <<'PY'
import json, re, sys
samples = {}
for line in open(sys.argv[1]):
    if line.startswith("#"):
        continue
    m = re.fullmatch(r'(\w+)(?:\{(.*)\})? (\d+)\n', line)
    assert m, line
    labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
    samples[(m.group(1), tuple(sorted(labels.items())))] = int(m.group(3))
d = json.load(open(sys.argv[2]))
want = {("canfw_generation", ()): d["generation"]}
reasons = {"rule": "dropped_rule", "default": "dropped_default",
           "rate": "rate_limited", "early": "early"}
for e in d["interfaces"]:
    want[("canfw_entry_devices", (("entry", e["name"]),))] = len(e["devices"])
    for dr in ("rx", "tx"):
        lab = (("dir", dr), ("entry", e["name"]))
        want[("canfw_accepted_frames_total", lab)] = e[dr]["accepted"]
        want[("canfw_malformed_frames_total", lab)] = e[dr]["malformed"]
        want[("canfw_would_drop_frames_total", lab)] = e[dr]["would_drop"]
        for reason, key in reasons.items():
            want[("canfw_dropped_frames_total",
                  tuple(sorted(lab + (("reason", reason),))))] = e[dr][key]
    for r in e["rules"]:
        lab = tuple(sorted((("dir", r["dir"]), ("entry", e["name"]),
                            ("rule", str(r["index"])), ("match", r["rule"]))))
        for key, name in (("frames", "frames"), ("bytes", "bytes"),
                          ("rate_limited", "rate_limited_frames")):
            want[("canfw_rule_%s_total" % name, lab)] = r[key]
        for key, name in (("early", "early_frames"), ("missing", "missing"),
                          ("recovered", "recovered"),
                          ("per_id_full", "per_id_full_frames")):
            k = ("canfw_rule_%s_total" % name, lab)
            if k in samples:
                want[k] = r[key]
            elif r[key]:
                raise SystemExit("%s moved but is not printed" % (k,))
assert samples == want, {k: (samples.get(k), want.get(k))
                         for k in set(samples) | set(want)
                         if samples.get(k) != want.get(k)}
PY
	st=$?
	[ $st = 0 ] || sed 's/^/# /' "$tmp/$t.cmp"
	result $st "prometheus: $t has the JSON output's counters"
done

# Verbose drops go to stderr, so that stdout stays the exposition.
"$ctl" replay -v --prometheus "$here/replay/timing.canfw" "$here/replay/timing.log" \
	>"$tmp/v.prom" 2>"$tmp/v.err"
cmp -s "$tmp/v.prom" "$tmp/timing.prom" && [ -s "$tmp/v.err" ]
result $? "prometheus: -v lists drops on stderr, the exposition unchanged"
"$ctl" -j replay --prometheus "$here/replay/timing.canfw" "$here/replay/timing.log" \
	>/dev/null 2>"$tmp/both.err"
[ $? = 1 ] && grep -q -- '-j and --prometheus exclude each other' "$tmp/both.err"
result $? "prometheus: -j with --prometheus is refused"
exit $failed
