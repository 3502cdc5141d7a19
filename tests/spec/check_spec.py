#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The YAML netlink spec and the uapi header must describe the same family.

Checks every attribute set, the commands, the enums and the flags: same
names, same numbers. Prints "ok NAME" / "not ok NAME" lines.
"""
import re
import sys

import yaml

top = sys.argv[1] if len(sys.argv) > 1 else "."
spec = yaml.safe_load(open(f"{top}/docs/netlink/canfw.yaml"))
header = open(f"{top}/kmod/include/uapi/linux/canfw.h").read()
header = re.sub(r"/\*.*?\*/", "", header, flags=re.S)

# C enums: name -> value, counting as the compiler does.
cvals = {}
for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", header, re.S):
    n = 0
    for item in body.split(","):
        item = item.strip()
        if not item:
            continue
        m = re.match(r"(\w+)\s*(?:=\s*(\w+))?", item)
        if m.group(2):
            n = int(m.group(2), 0)
        cvals[m.group(1)] = n
        n += 1
for name, val in re.findall(r"#define\s+(CANFW_\w+)\s+(0x[0-9a-fA-F]+|\d+)\b",
                            header):
    cvals[name] = int(val, 0)

failed = 0


def check(name, want, got):
    global failed
    if want == got:
        print(f"ok spec: {name}")
    else:
        failed += 1
        print(f"not ok spec: {name}: yaml {want} header {got}")


def cname(prefix, name):
    return (prefix + name).upper().replace("-", "_")


for aset in spec["attribute-sets"]:
    prefix = aset["name-prefix"]
    n = 1
    want, got = {}, {}
    for attr in aset["attributes"]:
        n = attr.get("value", n)
        c = cname(prefix, attr["name"])
        want[c] = n
        got[c] = cvals.get(c)
        n += 1
    # Nothing in the header's enum that the spec lacks.
    for c in cvals:
        if c.startswith(cname(prefix, "")) and not c.endswith(("_UNSPEC", "_MAX")) \
                and c not in want and not c.startswith(cname(prefix, "") + "_"):
            want[c] = None
            got[c] = cvals[c]
    check(f"attribute set {aset['name']}", want, got)

ops = spec["operations"]
n = 1
want, got = {}, {}
for op in ops["list"]:
    n = op.get("value", n)
    c = cname(ops["name-prefix"], op["name"])
    want[c], got[c] = n, cvals.get(c)
    n += 1
check("operations", want, got)

prefixes = {"dir": "CANFW_DIR_", "action": "CANFW_", "mode": "CANFW_",
            "id-match": "CANFW_ID_", "reason": "CANFW_R_",
            "space": "CANFW_SPACE_", "kind": "CANFW_KIND_",
            "rule-flags": "CANFW_RULE_F_"}
for d in spec["definitions"]:
    want, got = {}, {}
    for i, e in enumerate(d["entries"]):
        c = cname(prefixes[d["name"]], e)
        want[c] = i if d["type"] == "enum" else 1 << i
        got[c] = cvals.get(c)
    check(f"{d['type']} {d['name']}", want, got)

grp = spec["mcast-groups"]["list"][0]["name"]
check("multicast group", f'"{grp}"',
      re.search(r'#define\s+CANFW_MCGRP_EVENTS\s+(".*?")', header).group(1))
sys.exit(1 if failed else 0)
