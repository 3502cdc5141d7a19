#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Allow-lists learnt by `canfwctl learn`: false positives and detections.

For each trace in DATA/logs, a policy is learnt from attack-free traffic
with `canfwctl learn` and the traffic to judge is replayed through it with
`canfwctl replay -v`, the kernel's own engine; every frame replay drops
(unknown ID, kind or length, over its rate, early) is a flagged frame.

usage: learn_quality.py DATA CANFWCTL [--md FILE | --check FILE]
  --md FILE     write the report into FILE's section (after MARK)
  --check FILE  recompute and fail if that section's figures differ
"""
import os
import re
import subprocess
import sys
import tempfile

# Where this script's section of docs/detection.md starts; what is before
# it is bench/detection.py's.
MARK = "<!-- bench/learn_quality.py writes from here on -->"

TARGET_DETECT = 0.99
TARGET_FP = 0.001

TS = re.compile(r"^\s*\((\d+\.\d+)\)")
# A frame's ID, in candump -l (ID#...) or text ("IFACE  ID   [N]") form.
ID_LOG = re.compile(r"^\s*\(\d+\.\d+\)\s+\S+\s+([0-9A-Fa-f]+)#")
ID_TEXT = re.compile(r"^\s*(?:\(\d+\.\d+\)\s+)?\S+\s+(?:[RT]X \S \S\s+)?"
                     r"([0-9A-Fa-f]+)\s+\[")
# replay -v: "FRAME  IFACE rx drop ...", FRAME in -l form.
DROP = re.compile(r"^(?:\((\d+\.\d+)\) )?\S+ ([0-9A-F]+)#\S*  \S+ rx drop "
                  r"(early )?")


def frame_id(line):
    m = ID_LOG.match(line) or ID_TEXT.match(line)
    return m[1].upper() if m else None


def lines_of(path):
    with open(path, errors="replace") as f:
        return [l for l in f if frame_id(l)]


def split_half(lines):
    """The first half of a trace's time, and the rest."""
    ts = [float(TS.match(l)[1]) for l in lines]
    mid = ts[0] + (ts[-1] - ts[0]) / 2
    return ([l for l, t in zip(lines, ts) if t < mid],
            [l for l, t in zip(lines, ts) if t >= mid])


def write(path, lines):
    with open(path, "w") as f:
        f.writelines(l if l.endswith("\n") else l + "\n" for l in lines)


def learn(ctl, train, tmp, extra=()):
    log = os.path.join(tmp, "train.log")
    pol = os.path.join(tmp, "learnt.canfw")
    write(log, train)
    r = subprocess.run([ctl, "learn", *extra, log], capture_output=True,
                       text=True, check=True)
    open(pol, "w").write(r.stdout)
    subprocess.run([ctl, "check", pol], check=True)
    rules = sum(1 for l in r.stdout.splitlines() if l.startswith("\trx accept"))
    return pol, rules


def flagged(ctl, pol, frames, tmp, times=False):
    """The IDs (with times: (time, ID, early)) of the frames replay drops."""
    log = os.path.join(tmp, "judge.log")
    write(log, frames)
    r = subprocess.run([ctl, "replay", "-v", pol, log], capture_output=True,
                       text=True, check=True)
    drops = [m for m in map(DROP.match, r.stdout.splitlines()) if m]
    return [(float(m[1]), m[2], bool(m[3])) if times else m[2] for m in drops]


def top_ids(ids, n=2):
    count = {}
    for i in ids:
        count[i] = count.get(i, 0) + 1
    top = sorted(count.items(), key=lambda x: (-x[1], x[0]))[:n]
    return ", ".join(f"0x{i} ×{c}" for i, c in top)


def benign_rows(ctl, logs, tmp):
    rows = []
    for name in ["crysys_tangocan/S-1-1-benign.log",
                 "j1939_systemscyber/normal.log", "savvycan/candump.log"]:
        train, test = split_half(lines_of(os.path.join(logs, name)))
        pol, rules = learn(ctl, train, tmp)
        fl = flagged(ctl, pol, test, tmp)
        seen = {frame_id(l) for l in train}
        unseen = sum(1 for i in fl if i not in seen)
        rows.append((name, len(train), rules, len(test), len(fl), top_ids(fl),
                     unseen))
    return rows


def similarity_lines(path):
    """(label, candump text line without a timestamp) per frame."""
    out = []
    with open(path, errors="replace") as f:
        for raw in f:
            parts = raw.split()
            if len(parts) != 2:
                continue
            ident, _, data = parts[1].partition("#")
            b = bytes.fromhex(data)
            text = f"  can0  {ident.upper():>3}   [{len(b)}] " + \
                "".join(f" {x:02X}" for x in b)
            out.append((parts[0], text))
    return out


def similarity_rows(ctl, logs, tmp):
    """Learnt from the first 500 normal lines, judged on the other 1500."""
    rows = []
    for name in ["test_data.log", "test_data2.log"]:
        fr = similarity_lines(os.path.join(logs, "similarity_can_ids", name))
        train = [t for lab, t in fr[:500] if lab == "0"]
        test = fr[500:]
        pol, rules = learn(ctl, train, tmp)
        fl = flagged(ctl, pol, [t for _, t in test], tmp)
        labels = [lab for lab, _ in test]
        ids = [frame_id(t) for _, t in test]
        rows.append(("similarity_can_ids/" + name, len(train), rules,
                     labels, ids, fl))
        seen = {frame_id(t) for t in train}
        later = {i for lab, i in zip(labels, ids) if lab == "0"} - seen
        both = sorted({i for lab, i in zip(labels, ids) if lab == "1"} &
                      {frame_id(t) for lab, t in fr if lab == "0"})
        FACTS.setdefault("sim_later", []).append((name, len(later)))
        FACTS.setdefault("sim_both", []).extend(
            (name, i, i in seen) for i in both)
    return rows


# Figures the prose quotes, from the same run as the tables.
FACTS = {}


def median_interval(frames, ident):
    ts = [float(TS.match(l)[1]) for l in frames if frame_id(l) == ident]
    iv = sorted(b - a for a, b in zip(ts, ts[1:]))
    return iv[len(iv) // 2]


def attack_split(frames, known):
    """(attack frames, legitimate frames) by whether normal.log has the ID."""
    ids = [frame_id(l) for l in frames]
    return ([i for i in ids if i not in known], [i for i in ids if i in known])


def window(frames, known):
    ts = [float(TS.match(l)[1]) for l in frames if frame_id(l) not in known]
    return min(ts), max(ts)


def start(frames):
    return float(TS.match(frames[0])[1])


def attack_rows(ctl, logs, tmp):
    rows = []
    j = os.path.join(logs, "j1939_systemscyber")
    normal = lines_of(os.path.join(j, "normal.log"))
    known = {frame_id(l) for l in normal}
    pol_normal, rules_normal = learn(ctl, normal, tmp)
    normal_text = open(pol_normal).read()
    for name in ["dos_1ms.log", "dos_full.log", "fuzz_1ms_ID_Only.log",
                 "tsc1.log", "memory_leak_attack.log"]:
        fr = lines_of(os.path.join(j, name))
        w = window(fr, known)
        attack, legit = attack_split(fr, known)
        before = [l for l in fr if float(TS.match(l)[1]) < w[0] - 1.0]
        if name == "memory_leak_attack.log":
            ids = {frame_id(l) for l in fr}
            FACTS["leak_ids"] = (len(ids), len(ids - known))
            FACTS["leak_0CF00400"] = (median_interval(normal, "0CF00400"),
                                      median_interval(fr, "0CF00400"))
        sources = [("normal.log", None)]
        if len(before) > 1000:
            sources.append(("before", before))
        for src, train in sources:
            if train is None:
                pol = os.path.join(tmp, "normal.canfw")
                open(pol, "w").write(normal_text)
                rules = rules_normal
            else:
                pol, rules = learn(ctl, train, tmp)
            fl = flagged(ctl, pol, fr, tmp, times=True)
            fa = [i for t, i, _ in fl if i not in known]
            # The attack's own effect, in its window and the second after
            # (delayed frames, timeouts), apart from the rest.
            inside = lambda t: w[0] <= t <= w[1] + 1.0
            fin = [i for t, i, _ in fl if i in known and inside(t)]
            fout = [i for t, i, _ in fl if i in known and not inside(t)]
            if name != "memory_leak_attack.log":
                FACTS.setdefault("early_in", []).append(
                    (sum(1 for t, i, e in fl if i in known and inside(t) and e),
                     len(fin)))
            lout = sum(1 for l in fr if frame_id(l) in known and
                       not w[0] <= float(TS.match(l)[1]) <= w[1] + 1.0)
            lin = len(legit) - lout
            w0 = start(fr)
            rows.append((name, len(fr), (w[0] - w0, w[1] - w0), src, rules,
                         len(attack), len(fa), lin, fin, lout, fout))
    return rows


def pct(n, d):
    return f"{100.0 * n / d:.2f}%" if d else "–"


def meets(ok):
    return "yes" if ok else "**no**"


def report(benign, sim, attacks):
    out = [MARK, HEAD]
    out.append("| trace | learnt from (frames) | rules | judged frames | "
               "flagged | false positives | ≤ 0.1% | IDs flagged most | "
               "flagged of IDs the first half lacks |")
    out.append("|---|---:|---:|---:|---:|---:|---|---|---:|")
    for name, ntrain, rules, ntest, nfl, top, unseen in benign:
        out.append(f"| {name} | first half ({ntrain}) | {rules} | {ntest} | "
                   f"{nfl} | {pct(nfl, ntest)} | "
                   f"{meets(nfl <= TARGET_FP * ntest)} | {top or '–'} | "
                   f"{unseen} |")
    out.append(SIM_HEAD)
    out.append("| trace | learnt from (frames) | rules | normal frames | "
               "flagged | ≤ 0.1% | attack frames | flagged | ≥ 99% | "
               "attack frames passed |")
    out.append("|---|---:|---:|---:|---:|---|---:|---:|---|---|")
    for name, ntrain, rules, labels, ids, fl in sim:
        normal = [i for lab, i in zip(labels, ids) if lab == "0"]
        attack = [i for lab, i in zip(labels, ids) if lab == "1"]
        learnt = {i for lab, i in zip(labels, ids) if lab == "0"}
        # Flagged frames by label: an ID's frames are flagged all or none
        # (no rates, no timing), so count them by ID.
        fl_ids = set(fl)
        fn = sum(1 for i in normal if i in fl_ids)
        fa = sum(1 for i in attack if i in fl_ids)
        assert fn + fa == len(fl), (name, fn, fa, len(fl))
        passed = sorted({i for i in attack if i not in fl_ids})
        miss = sum(1 for i in attack if i not in fl_ids)
        out.append(f"| {name} | normal lines 1–500 ({ntrain}) | {rules} | "
                   f"{len(normal)} | {fn} ({pct(fn, len(normal))}) | "
                   f"{meets(fn <= TARGET_FP * len(normal))} | {len(attack)} | "
                   f"{fa} ({pct(fa, len(attack))}) | "
                   f"{meets(fa >= TARGET_DETECT * len(attack))} | "
                   + (f"{miss} (ID {', '.join('0x' + i for i in passed)})"
                      if miss else "0") + " |")
    out.append(ATTACK_HEAD)
    out.append("| trace | frames | attack window (s) | learnt from | rules | "
               "attack frames | flagged | ≥ 99% | legitimate frames in the "
               "window | flagged | outside it | flagged | ≤ 0.1% |")
    out.append("|---|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|")
    for (name, n, w, src, rules, na, fa, lin, fin, lout, fout) in attacks:
        ids = lambda f: f", {top_ids(f)}" if f else ""
        out.append(f"| {name} | {n} | {w[0]:.2f}–{w[1]:.2f} | {src} | {rules} | "
                   f"{na} | {fa} ({pct(fa, na)}) | "
                   f"{meets(fa >= TARGET_DETECT * na)} | {lin} | "
                   f"{len(fin)} ({pct(len(fin), lin)}{ids(fin)}) | {lout} | "
                   f"{len(fout)} ({pct(len(fout), lout)}{ids(fout)}) | "
                   f"{meets(len(fout) <= TARGET_FP * lout) if lout else '–'} |")
    sim = "; ".join(f"{n} in `{name}`" for name, n in FACTS["sim_later"])
    both = "; ".join(f"0x{i} in `{name}`, " +
                     ("learnt, so its attack frames pass" if learnt else
                      "not among the first 500 lines, so its attack frames "
                      "are flagged too") for name, i, learnt in FACTS["sim_both"])
    early = sum(e for e, _ in FACTS["early_in"])
    fin = sum(n for _, n in FACTS["early_in"])
    out.append(TAIL.format(
        sim_later=sim, sim_both=both or "none", early=early, fin=fin,
        leak_ids=FACTS["leak_ids"][0],
        leak_new=FACTS["leak_ids"][1],
        normal_ms=1e3 * FACTS["leak_0CF00400"][0],
        leak_ms=1e3 * FACTS["leak_0CF00400"][1]))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    data, ctl = sys.argv[1], os.path.abspath(sys.argv[2])
    mode, target = (sys.argv[3], sys.argv[4]) if len(sys.argv) == 5 else (None, None)
    logs = os.path.join(data, "logs")
    with tempfile.TemporaryDirectory() as tmp:
        md = report(benign_rows(ctl, logs, tmp), similarity_rows(ctl, logs, tmp),
                    attack_rows(ctl, logs, tmp))
    table = lambda s: [l for l in s.splitlines() if l.startswith("|")]
    if mode == "--md":
        have = open(target).read() if os.path.exists(target) else ""
        head = have.split(MARK)[0].rstrip("\n")
        open(target, "w").write((head + "\n\n" if head else "") + md)
    elif mode == "--check":
        have = open(target).read()
        if MARK not in have or table(have.split(MARK, 1)[1]) != table(md):
            sys.stdout.write(md)
            sys.exit(f"{target}: its learn figures differ from a new run (above)")
    else:
        sys.stdout.write(md)


HEAD = """
## Allow-lists learnt by `canfwctl learn`

Produced by `bench/learn_quality.py DATA CANFWCTL --md docs/detection.md`
(this section only) from the same traces; `tests/userspace/learn.sh`
recomputes the tables and fails if they differ. Every policy is the output
of `canfwctl learn` with its defaults (margin 1.5, rates from 10 frames,
periods from 20), and every figure a `canfwctl replay -v` run of the
traffic to judge through it: a frame is *flagged* when replay drops it,
whatever the reason (an ID, kind or length the policy does not know, over
its rate, early for its period). The targets are at least 99% of attack
frames flagged and at most 0.1% of benign frames.

### Benign traces: false positives

Learnt from the first half of each trace's time, the second half replayed.
Every flagged frame is a false positive. The SavvyCAN trace's timestamps
are whole seconds: `learn` says so and learns IDs, kinds and lengths
only.
"""

SIM_HEAD = """
### Passenger car, labelled DoS (similarity-IDS traces)

Lines `LABEL ID#DATA` without timestamps, 1000 normal (label 0) then 1000
attack (label 1). Converted to candump's text output without timestamps
(`  can0  123   [8]  11 22 ...`, read as frames without a time), `learn`
learns from the normal lines among the first 500, which gives IDs, kinds
and lengths only; lines 501 to 2000 are replayed through it.
"""

ATTACK_HEAD = """
### J1939 attacks, judged with a learnt allow-list

Learnt from the truck's `normal.log`, and, for comparison, from the
attack trace itself up to one second before its attack (*before*). An
*attack frame* is one whose ID `normal.log` never has; the attack window
is their span. Every other frame is legitimate, and counted in the window
when it comes within the window or the second after it (the frames the
attack held back), outside it otherwise.
"""

TAIL = """
### Reading the learn figures

**Benign traces.** What the policy learnt from the first half of a trace
flags in the second are, as the last column counts, frames of IDs the
first half did not show: the false positives of any allow-list learnt
from a short recording, which a longer one (or the named IDs added by
hand) removes. The SavvyCAN policy has no rates or periods: its
timestamps are whole seconds, which `learn` detects and says.

**Similarity-IDS traces.** Each holds only 1000 normal frames, and the
first 500 do not show every ID the car sends; normal IDs first seen after
line 500: {sim_later}. Their frames are the false positives, which is why
`test_data.log` misses the 0.1% target: there is too little normal traffic
to learn from. The random attack IDs 0x001 to 0x01F are unknown to the
policy; attack IDs the normal lines use too: {sim_both}.

**J1939 attacks.** Every attack frame is dropped by the default, as the
policy has no rule for its ID: the floods of ID 0, the fuzzer's random
IDs, the TSC1 sent under a forged source address and the
transport-protocol frames of the memory-leak attack. Outside the attack
window (and the second after it) the truck's own frames pass within the
0.1% target. Inside it, some of them are flagged ({early} of the {fin}
in the DoS, fuzzing and TSC1 rows as *early*): the flood holds them back
and they then come in bursts that break their learnt period. That is the
price of timed rules that drop early frames, the same with a policy
learnt from the attack trace before its attack; `--no-timing` learns
rates and lengths without periods. `memory_leak_attack.log` is another
recording (absolute timestamps, {leak_ids} IDs, {leak_new} of which
`normal.log` never has, such as 0x08FE6E0B besides the attack's
TP.CM/TP.DT frames): by this table's definition all frames of those IDs
count as attack frames, though the bench's own ECUs may have sent some of
them, and the allow-list of another recording cannot tell. Its
legitimate frames flagged are 0x0CF00400's, which that bench sends every
{leak_ms:.0f} ms and `normal.log` every {normal_ms:.0f} ms. A policy has
to be learnt from the vehicle it protects, in the configuration it runs.
"""


if __name__ == "__main__":
    main()
