#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The host-side work of `make demo` (see demo/run.sh).

  demo.py traffic OUTDIR SECONDS   the demo car's own traffic and attack plan
  demo.py learn LOG OUTDIR         a vehicle log made replayable, a policy
                                   learned from it and an attack plan
  demo.py report OUTDIR            what the guest recorded, judged; exit 1
                                   if an expected outcome does not hold

OUTDIR gets traffic.log (candump -L format, relative timestamps with the
six decimals canplayer also needs), plan.sh (sourced by demo/guest.sh) and,
for `learn`, policy.canfw.
"""
import json
import math
import os
import re
import shlex
import sys

IFACE = "vcan0"

# ---------------------------------------------------------------- traffic

# The bus matrix of policies/demo.canfw: (id, cycle in ms, length, name).
MATRIX = [
    (0x0C0, 10, 8, "engine speed and torque"),
    (0x0D0, 10, 8, "brake pressure"),
    (0x0E0, 10, 8, "steering angle"),
    (0x1A0, 20, 8, "wheel speeds"),
    (0x2C0, 50, 8, "gear and transmission state"),
    (0x3B0, 100, 4, "instrument cluster warnings"),
    (0x3C0, 100, 8, "coolant and oil temperatures"),
    (0x4F0, 1000, 6, "odometer"),
]


def payload(can_id, n, t):
    """Plausible signal values for message can_id's n-th frame at t s: a
    car pulling away, with a rolling counter where ECUs put one."""
    speed = min(50.0, 8.0 * t)                      # km/h
    rpm = int(800 + 2200 * (speed % 25) / 25)       # shifts every 25 km/h
    cnt = n & 0x0F
    if can_id == 0x0C0:
        torque = 40 + (rpm - 800) // 20
        b = [rpm >> 8, rpm & 0xFF, torque >> 8, torque & 0xFF, 0, 0, 0x10, cnt]
    elif can_id == 0x0D0:
        b = [0, 0x12 if t < 0.5 else 0, 0, 0, 0, 0, 0, cnt]
    elif can_id == 0x0E0:
        angle = int(120 * math.sin(t)) & 0xFFFF     # 0.1 degree
        b = [angle >> 8, angle & 0xFF, 0, 0, 0, 0, 0, cnt]
    elif can_id == 0x1A0:
        w = int(speed * 100)
        b = [w >> 8, w & 0xFF] * 4
    elif can_id == 0x2C0:
        b = [1 + int(speed // 25), 0x44, 0, 0, 0, 0, 0, cnt]
    elif can_id == 0x3B0:
        b = [0, 0, 0, cnt]
    elif can_id == 0x3C0:
        b = [90, 95, 0, 0, 0, 0, 0, cnt]
    else:
        km = 48213
        b = [0, km >> 16, (km >> 8) & 0xFF, km & 0xFF, 0, 0]
    return bytes(b)


def write_plan(outdir, **kw):
    with open(os.path.join(outdir, "plan.sh"), "w") as f:
        f.write("# Written by demo/demo.py for demo/guest.sh.\n")
        for k, v in kw.items():
            f.write("%s=%s\n" % (k, shlex.quote(str(v))))


def cmd_traffic(outdir, seconds):
    seconds = float(seconds)
    frames = []
    for can_id, cycle, length, _ in MATRIX:
        # ECUs start a little apart, as they do after power-up.
        t, n = (can_id % 7) / 1000.0, 0
        while t < seconds:
            frames.append((t, can_id, payload(can_id, n, t)[:length]))
            t += cycle / 1000.0
            n += 1
    frames.sort(key=lambda f: (f[0], f[1]))
    with open(os.path.join(outdir, "traffic.log"), "w") as f:
        for t, can_id, data in frames:
            f.write("(%.6f) can0 %03X#%s\n" % (t, can_id, data.hex().upper()))
    # 0x0C0 sent 1 ms apart (1 kHz on hardware, a few hundred frames/s in
    # the emulated guest), several times its cycle: a spoofer's frames
    # outnumber the engine's, and receivers act on them. Payload: 8000 rpm.
    write_plan(outdir, LOGIF="can0", SOURCE="the demo car's ECUs",
               FLOOD_ID="000", FLOOD_COUNT=2000,
               SPOOF_ID="0C0", SPOOF_DATA="1F4000C800001000",
               SPOOF_GAP=1, SPOOF_COUNT=300,
               SPOOF_WHAT="0x0C0 engine speed, cycle 10 ms")


# ---------------------------------------------------------------- learn

# candump -l / -L: (SECONDS) IFACE ID#DATA, ID#R, ID##F..., optional marker
LOG_RE = re.compile(r"^\s*\((\d+(?:\.\d+)?)\)\s+(\S+)\s+([0-9A-Fa-f]+)#(\S*)")
# candump's default output with -t: (SECONDS)  IFACE  ID   [DLC]  BYTES
TEXT_RE = re.compile(r"^\s*\((\d+(?:\.\d+)?)\)\s+(\S+)\s+([0-9A-Fa-f]+)\s+"
                     r"\[(\d+)\]\s*(.*)$")


def parse_log(path):
    """Frames (t, iface, eff, id, rtr, data) of a candump log; FD and
    error frames are counted and left out."""
    frames, skipped, bad = [], {"fd": 0, "err": 0}, 0
    with open(path, encoding="ascii", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n ")
            if not line.strip():
                continue
            m = LOG_RE.match(line)
            if m:
                ts, ifc, hid, rest = m.groups()
                if rest.startswith("#"):
                    skipped["fd"] += 1
                    continue
                rtr = rest.upper().startswith("R")
                data = b"" if rtr else bytes.fromhex(rest.split("_")[0].replace(".", ""))
            else:
                m = TEXT_RE.match(line)
                if not m:
                    bad += 1
                    if bad <= 3:
                        print("demo: %s:%d: not a candump frame: %s" %
                              (path, lineno, line[:60]), file=sys.stderr)
                    continue
                ts, ifc, hid, dlc, rest = m.groups()
                rtr = "remote" in rest
                data = b"" if rtr else bytes.fromhex(rest.replace(" ", "")[:2 * int(dlc)])
            if len(data) > 8:
                skipped["fd"] += 1
                continue
            raw = int(hid, 16)
            eff = len(hid) > 3
            if eff and raw & 0x20000000:
                skipped["err"] += 1
                continue
            frames.append((float(ts), ifc, eff, raw & 0x1FFFFFFF, rtr, data))
    return frames, skipped, bad


def blocked_by_demo_rules(eff, can_id):
    """Frames the attack rules of every learned policy drop."""
    if eff:
        return can_id == 0
    return can_id == 0 or can_id == 0x7DF or 0x7E0 <= can_id <= 0x7EF


def peak(times, window):
    """Most frames within any half-open window of that many seconds."""
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best


def fmt_id(eff, can_id):
    return "0x%08X" % can_id if eff else "0x%03X" % can_id


def cmd_learn(path, outdir):
    frames, skipped, bad = parse_log(path)
    if bad and bad * 10 > len(frames):
        sys.exit("demo: %s is not a candump log with timestamps (the replay "
                 "needs them); %d of its lines are not frames" % (path, bad))
    if not frames:
        sys.exit("demo: no CAN frames in %s" % path)
    # One bus: the interface most of the frames were logged on.
    ifaces = {}
    for fr in frames:
        ifaces[fr[1]] = ifaces.get(fr[1], 0) + 1
    logif = max(ifaces, key=ifaces.get)
    notes = []
    if len(ifaces) > 1:
        notes.append("only %s's frames are replayed (the log has %s)" %
                     (logif, ", ".join(sorted(ifaces))))
    frames = [fr for fr in frames if fr[1] == logif]
    left = [fr for fr in frames if blocked_by_demo_rules(fr[2], fr[3])]
    frames = [fr for fr in frames if not blocked_by_demo_rules(fr[2], fr[3])]
    if left:
        ids = sorted({fmt_id(fr[2], fr[3]) for fr in left})
        notes.append("%d frames of %s left out: the demo's rules against "
                     "floods and diagnostics drop them" % (len(left), ", ".join(ids)))
    for kind, n in skipped.items():
        if n:
            notes.append("%d %s frames left out" % (n, "CAN FD" if kind == "fd" else "error"))
    if not frames:
        sys.exit("demo: nothing left to replay in %s" % path)

    t0, last = frames[0][0], 0.0
    with open(os.path.join(outdir, "traffic.log"), "w") as f:
        for t, ifc, eff, can_id, rtr, data in frames:
            last = max(last, t - t0)    # a replay cannot go back in time
            hid = "%08X" % can_id if eff else "%03X" % can_id
            body = "R%d" % len(data) if rtr else data.hex().upper()
            f.write("(%.6f) %s %s#%s\n" % (last, logif, hid, body))
    duration = max(last, 1.0)

    per_id = {}
    for t, ifc, eff, can_id, rtr, data in frames:
        e = per_id.setdefault((eff, can_id), {"t": [], "len": set(), "rtr": False, "data": False})
        e["t"].append(t)
        e["len"].add(len(data))
        e["rtr" if rtr else "data"] = True
    lines = []
    for (eff, can_id), e in sorted(per_id.items()):
        times = sorted(e["t"])
        # Twice the busiest second's rate; a burst of twice the busiest
        # quarter second, for a replayer that falls behind and catches up
        # (and for logs whose timestamps are whole seconds).
        rate = max(2, 2 * peak(times, 1.0))
        burst = max(3, 2 * peak(times, 0.25))
        lo, hi = min(e["len"]), max(e["len"])
        words = ["tx accept id", fmt_id(eff, can_id)]
        if eff and can_id <= 0x7FF:
            words.append("eff")
        words.append("classic" if e["rtr"] and e["data"] else "rtr" if e["rtr"] else "data")
        words.append("len %d" % lo if lo == hi else "len %d-%d" % (lo, hi))
        words.append("rate %d/s burst %d" % (rate, burst))
        e.update(rate=rate, burst=burst, n=len(times), lo=lo, hi=hi)
        lines.append("\t" + " ".join(words))
    with open(os.path.join(outdir, "policy.canfw"), "w") as f:
        f.write("# Learned by demo/demo.py from %s:\n" % os.path.basename(path))
        f.write("# %d frames, %d IDs over %.1f s. Each ID may be sent at twice\n"
                "# its busiest second's rate, with a burst of twice its busiest\n"
                "# quarter second; anything else is dropped and logged.\n"
                % (len(frames), len(per_id), duration))
        f.write("\ninterface %s {\n\trx default accept\n\ttx default drop\n"
                "\tlog-default tx\n\n" % IFACE)
        f.write("\ttx drop id 0x000 log\n\ttx drop eff id 0x00000000 log\n"
                "\ttx drop id 0x7DF log\n\ttx drop id 0x7E0-0x7EF log\n\n")
        f.write("\n".join(lines) + "\n}\n")

    # The busiest ID is spoofed, fast enough that its rate limit must act:
    # four bursts' worth, 1 ms apart where that is well over its rate
    # (cangen manages about 350 frames/s so under QEMU's TCG), else as
    # fast as the attacker can.
    (eff, can_id), e = max(per_id.items(), key=lambda kv: (kv[1]["n"], -kv[0][1]))
    count = max(300, 4 * e["burst"])
    gap = 1 if e["rate"] <= 100 else 0
    cycle = duration / e["n"] * 1000
    spoof_len = e["hi"]
    eff_ids = sum(1 for k in per_id if k[0])
    flood_eff = eff_ids * 2 > len(per_id)
    write_plan(outdir, LOGIF=logif,
               SOURCE="%s (%d frames, %.1f s)" % (os.path.basename(path), len(frames), duration),
               FLOOD_ID="00000000" if flood_eff else "000", FLOOD_COUNT=2000,
               SPOOF_ID="%08X" % can_id if eff else "%03X" % can_id,
               SPOOF_DATA="FF" * spoof_len, SPOOF_GAP=gap, SPOOF_COUNT=count,
               SPOOF_WHAT="%s, the log's busiest ID, cycle %.0f ms" % (fmt_id(eff, can_id), cycle))
    with open(os.path.join(outdir, "notes.txt"), "w") as f:
        f.write("".join(n + "\n" for n in notes))


# ---------------------------------------------------------------- report

def read_plan(outdir):
    plan = {}
    with open(os.path.join(outdir, "plan.sh")) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                plan[k] = shlex.split(v)[0] if v else ""
    return plan


def read_frames(path):
    """(t, id text, data text) of a candump -L log; lines that are not
    frames (candump -d's drop reports) are returned separately."""
    frames, other = [], []
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"^\((\d+\.\d+)\)\s+\S+\s+([0-9A-F]+)#(\S*)", line)
            if m:
                frames.append((float(m.group(1)), m.group(2), m.group(3)))
            elif line.strip():
                other.append(line.strip())
    return frames, other


def rule_delta(before, after):
    """Per-rule counter changes between two `canfwctl -j stats` outputs."""
    def rules(s):
        return {(r["dir"], r["index"]): r for r in s["interfaces"][0]["rules"]}
    b, a = rules(before), rules(after)
    out = []
    for k, r in a.items():
        d = {x: r[x] - b[k][x] for x in ("frames", "rate_limited")}
        if d["frames"]:
            out.append((r["rule"], d["frames"], d["rate_limited"]))
    return out


def dir_delta(before, after, d="tx"):
    b, a = before["interfaces"][0][d], after["interfaces"][0][d]
    return {k: a[k] - b[k] for k in a}


def cmd_report(outdir):
    plan = read_plan(outdir)
    res = os.path.join(outdir, "guest")
    phases = {}
    for line in open(os.path.join(res, "phases")):
        name, start, end, rc = line.split()
        phases[name] = (float(start), float(end), int(rc))
    stats = {n: json.load(open(os.path.join(res, "stats-%s.json" % n)))
             for n in ["start"] + list(phases)}
    order = ["start"] + list(phases)
    rx, lost = read_frames(os.path.join(res, "receiver.log"))
    sent, _ = read_frames(os.path.join(outdir, "traffic.log"))

    def seen(name):
        s, e, _ = phases[name]
        return [f for f in rx if s <= f[0] <= e + 0.5]

    def delta(name):
        i = order.index(name)
        return stats[order[i - 1]], stats[name]

    results = []

    def expect(what, ok):
        results.append((what, ok))
        return "ok" if ok else "FAILED"

    def rules_line(b, a):
        for rule, n, lim in rule_delta(b, a):
            extra = ", %d over its rate" % lim if lim else ""
            print("       %6d  %s%s" % (n, rule, extra))

    print()
    print("== canfw demo: what went onto the bus %s, judged by canfw" % IFACE)
    print("   normal traffic: %s" % plan["SOURCE"])
    print("   policy: %s" % plan.get("POLICY_NAME", ""))
    print()
    print("   ECUs' software (replay.py) -------------------------------+")
    print("   netns attacker: vxcan1 ==== vxcan0 -- can-gw (gateway) ----+")
    print("                                                              v")
    print("          receiver (candump) <-- vcan0 bus <-- canfw judges vcan0 tx")
    print()

    # 1. normal traffic
    b, a = delta("normal")
    d = dir_delta(b, a)
    got = seen("normal")
    want = sorted((i, x) for _, i, x in sent)
    same = sorted((i, x) for _, i, x in got) == want
    ids = len({i for _, i, _ in sent})
    rp = {}
    if os.path.exists(os.path.join(res, "replay.json")):
        rp = json.load(open(os.path.join(res, "replay.json")))
    print("1. Normal traffic: the ECUs send %d frames of %d IDs (%.1f s of log, replayed in %.1f s)"
          % (len(sent), ids, sent[-1][0] if sent else 0, rp.get("seconds", 0)))
    print("   canfw accepted %d, dropped %d, rate-limited %d; the receiver saw %d"
          % (d["accepted"], d["dropped_rule"] + d["dropped_default"],
             d["rate_limited"], len(got)))
    ok = (phases["normal"][2] == 0 and same and d["accepted"] == len(sent)
          and rp.get("sent") == len(sent)
          and d["dropped_rule"] + d["dropped_default"] + d["rate_limited"] == 0)
    print("   -> every legitimate frame passed, unchanged: %s"
          % expect("legitimate traffic passed", ok))
    if phases["normal"][2]:
        err = open(os.path.join(res, "normal.err")).read().strip()
        print("   the replay failed (exit %d): %s" % (phases["normal"][2], err[-300:]))
    if rp.get("stalls"):
        print("   (the emulated guest fell behind %d times by over 20 ms; the replay then"
              % rp["stalls"])
        print("   shifts the log's time rather than send a burst no ECU would send)")
    if rp.get("refused"):
        print("   refused by canfw (ENOBUFS): %d, first: %s"
              % (rp["refused"], ", ".join(rp["refusals"][:3])))
    print()

    # 2. flood
    b, a = delta("flood")
    d = dir_delta(b, a)
    n = int(plan["FLOOD_COUNT"])
    got = [f for f in seen("flood") if int(f[1], 16) == 0]
    print("2. DoS flood: the attacker sends %d frames of ID 0x%s, back to back"
          % (n, plan["FLOOD_ID"]))
    print("   canfw dropped %d, accepted %d; the receiver saw %d of them"
          % (d["dropped_rule"], d["accepted"], len(got)))
    rules_line(b, a)
    ok = phases["flood"][2] == 0 and d["dropped_rule"] == n and not got and d["accepted"] == 0
    print("   -> the flood never reached the bus: %s" % expect("flood blocked", ok))
    print()

    # 3. spoofing
    b, a = delta("spoof")
    d = dir_delta(b, a)
    n = int(plan["SPOOF_COUNT"])
    s, e, rc = phases["spoof"]
    got = [f for f in seen("spoof") if f[1] == plan["SPOOF_ID"]]
    rate = burst = 0
    for r in a["interfaces"][0]["rules"]:
        m = re.search(r"rate (\d+)/s(?: burst (\d+))?", r["rule"])
        rid = r["rule"].split()[2]
        if (m and r["dir"] == "tx" and len(rid) == len(plan["SPOOF_ID"]) + 2
                and int(rid, 16) == int(plan["SPOOF_ID"], 16)):
            rate, burst = int(m.group(1)), int(m.group(2) or 1)
    bound = burst + rate * (e - s) + 1
    print("3. Spoofing: the attacker sends %d frames of %s, at %.0f frames/s"
          % (n, plan["SPOOF_WHAT"], n / max(e - s, 1e-3)))
    print("   canfw let %d through (rate %d/s, burst %d) and rate-limited %d;"
          " the receiver saw %d" % (d["accepted"], rate, burst, d["rate_limited"], len(got)))
    ok = (rc == 0 and rate and d["rate_limited"] > 0 and d["accepted"] + d["rate_limited"] == n
          and d["accepted"] <= bound and len(got) == d["accepted"])
    print("   -> held to its rate (at most %d in %.2f s): %s"
          % (bound, e - s, expect("spoofed ID rate-limited", ok)))
    print()

    # 4. diagnostics
    b, a = delta("diag")
    d = dir_delta(b, a)
    got = seen("diag")
    print("4. Diagnostics: the attacker sends an OBD-II request (7DF#02010C: engine")
    print("   speed, please) and a UDS extended-session request to the engine (7E0#021003)")
    print("   canfw dropped %d, accepted %d; the receiver saw %d"
          % (d["dropped_rule"] + d["dropped_default"], d["accepted"], len(got)))
    rules_line(b, a)
    ok = phases["diag"][2] == 0 and d["dropped_rule"] == 2 and d["accepted"] == 0 and not got
    b, a = delta("local")
    d = dir_delta(b, a)
    err = open(os.path.join(res, "local.err")).read().strip()
    print("   A program on this computer tries the same OBD-II request (cansend vcan0):")
    print("   it gets \"%s\" (exit %d), canfw dropped %d"
          % (err.split(": ", 1)[-1], phases["local"][2], d["dropped_rule"]))
    ok = ok and phases["local"][2] != 0 and d["dropped_rule"] == 1 and not seen("local")
    print("   -> no diagnostic request reached the bus: %s"
          % expect("diagnostic requests blocked", ok))
    print()

    # events
    ev = [line.rstrip("\n") for line in open(os.path.join(res, "events.txt")) if line.strip()]
    suppressed = sum(int(m.group(1)) for line in ev
                     for m in [re.search(r"\((\d+) events suppressed\)", line)] if m)
    print("Security events (canfwctl monitor): %d, and %d more the kernel"
          " suppressed (100/s, burst 20)" % (len(ev), suppressed))
    flood = [line for line in ev if line.split()[3].split("#")[0] == plan["FLOOD_ID"]]
    rest = [line for line in ev if line not in flood]
    for line in flood[:3] + (["..."] if len(flood) > 3 else []) + rest[:6]:
        print("   " + line)
    print()

    print("Counters (canfwctl stats %s) at the end:" % IFACE)
    lines = [line.rstrip("\n").replace("\t", "  ") for line in open(os.path.join(res, "stats.txt"))]
    quiet = []
    if len(lines) > 20:
        # A learned policy's many accept rules that only accepted: counted, not listed.
        quiet = [x for x in lines if re.search(r"#\d+ .* rate_limited 0  accept ", x)]
    for line in lines:
        if line not in quiet:
            print("   " + line)
    if quiet:
        print("   ... and %d accept rules of the log's IDs that dropped nothing" % len(quiet))
    rxa = stats[order[-1]]["interfaces"][0]["rx"]["accepted"]
    if rxa:
        print("   (rx: the %d frames can-gw put on the bus come back as its echoes and"
              % rxa)
        print("   are judged again as received; see README, Limitations)")
    print()
    if lost:
        print("The receiver's socket reported lost frames: %s" % "; ".join(lost[:3]))
        results.append(("receiver lost no frames", False))
    failed = [w for w, ok in results if not ok]
    if failed:
        print("DEMO FAILED: not as expected: %s" % ", ".join(failed))
        return 1
    print("All %d expected outcomes hold: legitimate traffic passed, flood blocked,"
          % len(results))
    print("spoofed ID rate-limited, diagnostic requests blocked.")
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "traffic":
        cmd_traffic(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "learn":
        cmd_learn(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "report":
        return cmd_report(argv[2])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
