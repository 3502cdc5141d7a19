#!/usr/bin/env bash
# Runs inside a guest: the memory of a policy is charged to the memory
# cgroup (v2) of the process that loads it, and uncharged when the policy
# goes. Appends to OUTDIR/firewall.tap.
#
# usage: memcg.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

insmod "$ko" || { notok memcg_insmod "cannot load $ko"; exit 1; }

root=/sys/fs/cgroup
grep -q "^cgroup2 $root " /proc/mounts || mount -t cgroup2 cgroup2 "$root"
echo +memory >"$root/cgroup.subtree_control"
cg=$root/canfw-loader
mkdir -p "$cg"
check memcg_ready [ -r "$cg/memory.current" ]

# 10000 rules: the kernel keeps at least a 24-byte spec and 24 bytes of
# counters per CPU for each, so the policy costs more than 48 bytes a rule.
nrules=10000
{
	echo "interface memcan* {"
	for i in $(seq 0 $((nrules - 1))); do
		printf '\trx accept eff id 0x%08X\n' $((0x02000000 + i * 5))
	done
	echo "}"
} >"$work/big.canfw"
floor=$((nrules * 48))
p=$(policy small <<'EOF'
interface memcan0 {
	rx drop id 0x123
}
EOF
)
# Read canfwctl and its libraries into the page cache from here, so that
# the cgroup is charged for the policy, not for page cache.
ctl check "$work/big.canfw" >/dev/null
ctl -q load "$p"

cur() { cat "$cg/memory.current"; }
inside() {	# inside COMMAND...: run it in the child cgroup
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$cg" "$@"
}
# A one-rule load from inside first: the cgroup's first charges (and
# the one-rule policy) are then in m1, not in what the big policy adds.
inside "$ctl" -q load "$p"
m1=$(cur)
inside "$ctl" -q load "$work/big.canfw"
check memcg_big_load [ $? = 0 ]
m2=$(cur)
# Flushed from outside the cgroup: what leaves it is the policy's memory.
# Freed after an RCU grace period; give it a few seconds.
ctl flush >/dev/null
for _ in $(seq 50); do
	[ $((m2 - $(cur))) -ge "$floor" ] && break
	sleep 0.1
done
m3=$(cur)
# Loaded from outside, the same policy is charged elsewhere.
ctl -q load "$work/big.canfw"
m4=$(cur)
echo "# memcg: $nrules rules +$((m2 - m1)), flush -$((m2 - m3)), loaded outside +$((m4 - m3)) bytes (floor $floor)"
check memcg_policy_charged [ $((m2 - m1)) -ge "$floor" ]
check memcg_flush_uncharged [ $((m2 - m3)) -ge "$floor" ]
check memcg_other_loader_not_charged [ $((m4 - m3)) -lt "$floor" ]

ctl flush >/dev/null
rmdir "$cg"
rmmod canfw
check memcg_unload [ $? = 0 ]
exit 0
