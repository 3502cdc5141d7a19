#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Timed rules on recorded vehicle traffic: false alarms and detections.

For each trace with usable timestamps in DATA/logs, a timing policy is
derived from attack-free traffic (the first half of a benign trace, or the
truck's normal.log for the J1939 attack traces) and the trace is replayed
through `canfwctl replay -v`, the kernel's own engine. Early frames and
missing rules are then counted, inside and outside the attack window (the
span of frames whose IDs the attack-free traffic never has).

usage: detection.py DATA CANFWCTL [--md FILE | --check FILE]
  --md FILE     write the report
  --check FILE  recompute and fail if FILE's figures differ
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

# J1939 text logs (candump's default output with -t z): " (000.005001)
# can0  18FEDF00   [8]  8A A0 ..."; candump -L lines pass as they are.
J1939 = re.compile(r"^\s*\((\d+\.\d+)\)\s+(\S+)\s+([0-9A-Fa-f]+)\s+\[(\d+)\]\s*(.*)$")
LOGL = re.compile(r"^\((\d+\.\d+)\)\s+(\S+)\s+([0-9A-Fa-f]+)#(\S*)\s*$")

# What the derived policies ask of an ID to call it periodic, and the
# tolerances tried: the jitter and timeout as fractions of the period.
MIN_FRAMES = 20
MAX_SPREAD = 0.5        # 90th percentile interval within 50% of the median
SETTINGS = [(0.25, 3), (0.5, 3), (0.5, 5)]


def read_log(path):
    """[(t, ifname, id_text, data_hex)] in file order."""
    frames = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LOGL.match(line.strip())
            if m:
                frames.append((float(m[1]), m[2], m[3].upper(), m[4]))
                continue
            m = J1939.match(line)
            if m:
                data = "".join(m[5].split())[: 2 * int(m[4])]
                frames.append((float(m[1]), m[2], m[3].upper(), data))
    return frames


def write_log(frames, path):
    with open(path, "w") as f:
        for t, ifc, i, d in frames:
            f.write(f"({t:.6f}) can0 {i}#{d}\n")


def derive(frames, jitter_frac, timeout_mult):
    """Rules for the periodic IDs: (id_text, period_us, jitter_us, timeout_us)."""
    times = {}
    for t, _, i, _ in frames:
        times.setdefault(i, []).append(t)
    rules = []
    for i, ts in sorted(times.items()):
        if len(ts) < MIN_FRAMES:
            continue
        iv = sorted(b - a for a, b in zip(ts, ts[1:]))
        med = statistics.median(iv)
        p90 = iv[int(len(iv) * 0.9)]
        if med <= 0 or p90 > med * (1 + MAX_SPREAD):
            continue
        period = max(100, round(med * 1e6))
        rules.append((i, period, int(period * jitter_frac),
                      int(period * timeout_mult)))
    return rules


def policy_text(rules):
    out = ["interface can0 {", "\trx default accept"]
    for i, p, j, to in rules:
        eff = " eff" if len(i) > 3 else ""
        out.append(f"\trx accept id 0x{i}{eff} period {p}us jitter {j}us timeout {to}us")
    out.append("}")
    return "\n".join(out) + "\n"


# Where bench/learn_quality.py's section of the report starts.
MARK = "<!-- bench/learn_quality.py writes from here on -->"

ALARM = re.compile(r"^\((\d+\.\d+)\)")
RULE_ID = re.compile(r": accept id 0x([0-9A-F]+)")


def replay(ctl, rules, frames, tmp):
    """Times of early frames and of missing reports."""
    pol = os.path.join(tmp, "p.canfw")
    log = os.path.join(tmp, "l.log")
    open(pol, "w").write(policy_text(rules))
    write_log(frames, log)
    r = subprocess.run([ctl, "replay", "-v", pol, log], capture_output=True,
                       text=True, check=True)
    early, missing = [], []
    for line in r.stdout.splitlines():
        m = ALARM.match(line)
        rid = RULE_ID.search(line)
        if not m or not rid:
            continue
        if " early by rule " in line:
            early.append((float(m[1]), rid[1]))
        elif " missing: rule " in line:
            missing.append((float(m[1]), rid[1]))
    return early, missing


def window(frames, known):
    ts = [t for t, _, i, _ in frames if i not in known]
    return (min(ts), max(ts)) if ts else None


def count(alarms, w):
    """(inside, outside, the IDs of most alarms outside)."""
    inside = [a for a in alarms if w and w[0] <= a[0] <= w[1] + 1.0]
    ids = {}
    for a in alarms:
        if a not in inside:
            ids[a[1]] = ids.get(a[1], 0) + 1
    top = sorted(ids.items(), key=lambda x: (-x[1], x[0]))[:2]
    return len(inside), len(alarms) - len(inside), top


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data, ctl = sys.argv[1], sys.argv[2]
    mode, target = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else (None, None)
    logs = os.path.join(data, "logs")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        # Benign traces: learn on the first half, judge the second.
        for name in ["crysys_tangocan/S-1-1-benign.log", "j1939_systemscyber/normal.log"]:
            fr = read_log(os.path.join(logs, name))
            mid = fr[0][0] + (fr[-1][0] - fr[0][0]) / 2
            train = [f for f in fr if f[0] < mid]
            test = [f for f in fr if f[0] >= mid]
            for jf, tm in SETTINGS:
                rules = derive(train, jf, tm)
                e, m = replay(ctl, rules, test, tmp)
                secs = test[-1][0] - test[0][0]
                rows.append(("benign", name, len(test), secs, len(rules), jf, tm,
                             count(e, None), count(m, None), None))
        # J1939 attacks, judged with the truck's own periods: learnt on the
        # trace before its attack starts, and on the separate normal.log.
        normal = read_log(os.path.join(logs, "j1939_systemscyber/normal.log"))
        known = {i for _, _, i, _ in normal}
        for name in ["dos_1ms.log", "dos_full.log", "tsc1.log", "fuzz_1ms_ID_Only.log"]:
            fr = read_log(os.path.join(logs, "j1939_systemscyber", name))
            w = window(fr, known)
            before = [f for f in fr if f[0] < w[0] - 1.0]
            for src, train, settings in [("before", before, SETTINGS),
                                         ("normal.log", normal, SETTINGS[1:2])]:
                for jf, tm in settings:
                    rules = derive(train, jf, tm)
                    e, m = replay(ctl, rules, fr, tmp)
                    rows.append(("attack", name, len(fr), src, len(rules), jf,
                                 tm, count(e, w), count(m, w), w))
    md = report(rows)
    if mode == "--md":
        # What follows MARK is bench/learn_quality.py's: keep it.
        have = open(target).read() if os.path.exists(target) else ""
        rest = MARK + have.split(MARK, 1)[1] if MARK in have else ""
        open(target, "w").write(md.rstrip("\n") + "\n\n" + rest if rest else md)
    elif mode == "--check":
        have = open(target).read().split(MARK)[0]
        table = lambda s: [l for l in s.splitlines() if l.startswith("|")]
        if table(have) != table(md):
            sys.stdout.write(md)
            sys.exit(f"{target}: its figures differ from a new run (above)")
    else:
        sys.stdout.write(md)


def ids(c):
    """The IDs behind most alarms outside the window, if any."""
    return " (" + ", ".join(f"0x{i} ×{n}" for i, n in c[2]) + ")" if c[2] else ""


def report(rows):
    out = [HEAD]
    out.append("## Benign traces: false alarms\n")
    out.append("Periods learnt on the first half of each trace, the second half replayed.\n")
    out.append("| trace | frames | seconds | timed IDs | jitter | timeout | early frames | missing reports |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, name, n, secs, nr, jf, tm, e, m, _ in rows:
        if kind == "benign":
            out.append(f"| {name} | {n} | {secs:.1f} | {nr} | {jf:.0%} | {tm}× | "
                       f"{e[1]}{ids(e)} | {m[1]}{ids(m)} |")
    out.append("\n## J1939 attacks, judged with the truck's periods\n")
    out.append("Periods learnt on the trace itself up to one second before its attack "
               "(*before*), or on the separate `normal.log`. The attack window is the "
               "span of frames whose IDs `normal.log` never has (plus one second after "
               "it, for timeouts that end in it); alarms are counted inside and outside "
               "it, and the IDs behind most alarms outside it are named.\n")
    out.append("| trace | frames | attack window (s) | periods from | timed IDs | jitter | timeout | early in / out | missing in / out |")
    out.append("|---|---:|---|---|---:|---:|---:|---:|---:|")
    for kind, name, n, src, nr, jf, tm, e, m, w in rows:
        if kind == "attack":
            ws = f"{w[0]:.2f}–{w[1]:.2f}" if w else "none"
            out.append(f"| {name} | {n} | {ws} | {src} | {nr} | {jf:.0%} | {tm}× | "
                       f"{e[0]} / {e[1]}{ids(e)} | {m[0]} / {m[1]}{ids(m)} |")
    out.append(TAIL)
    return "\n".join(out) + "\n"


HEAD = """# Timed rules on recorded traffic

Produced by `bench/detection.py DATA CANFWCTL --md docs/detection.md` from
the traces in `../shared/data/logs` (not part of canfw: see their
PROVENANCE.md); `make check` recomputes the tables and fails if they
differ. Every figure is a `canfwctl replay -v` run, the kernel's engine on
the trace's own timestamps.

**How the policies are made.** An ID is periodic when it has at least 20
frames and the 90th percentile of its intervals is within 50% of their
median; its rule gets `period` = that median, and `jitter` and `timeout`
as the fractions of it given in each row. IDs that are not periodic get no
timed rule (the entry's default accepts them). Only traces with real
timestamps are used: the SavvyCAN trace's are whole seconds and the
similarity-IDS traces have none.
"""

TAIL = """
## Reading the figures

An *early frame* came more than the jitter before it was due (see the man
page's *Timing*); a *missing report* is a timed ID silent for longer than
its timeout. On the benign halves every alarm is a false one: none on the
truck, and on the CrySyS car a few from 0x510 alone.

In the DoS traces the flood delays the truck's own frames; they come late
and then in bursts (early frames) and, under the heavier flood
(`dos_full.log`), fall silent for longer than their timeouts (missing).
With periods learnt on the same trace before its attack, every one of
those alarms falls inside the attack window. Periods learnt on the
separate `normal.log` mostly hold, but not for 0x0CF00C03, which that
recording has every 100 ms and the attack recordings every 20 ms: outside
the window it alone raises hundreds of early alarms. A timing policy has
to come from the vehicle it protects, in the configuration it runs.

The spoofed TSC1 (`tsc1.log`) is sent under its own source address, so
timing sees only its effect on the real TSC1 sender (0x0C000003, reported
missing). The fuzzer's frames carry IDs the truck never sends and hardly
delay its traffic: they raise a few early alarms, all inside the window,
and none that would stop an attack on their own. An
allow-list (`rx default drop`) catches both; timed rules and an allow-list
are meant to be used together.
"""


if __name__ == "__main__":
    main()
