#!/usr/bin/env bash
# Runs inside a guest: the firewall tests, then privileges, dumps racing
# loads, memory cgroups, BCM and J1939 senders, frame shapes, senders in
# every context, timed rules (all appending to
# firewall.tap), then the event tests, in one boot. Each loads and unloads
# canfw.ko itself.
# usage: datapath.sh OUTDIR CANFW_KO CANFWCTL NLFUZZ BCMRX [DATADIR]
set -u
here=$(dirname "$0")
bash "$here/firewall.sh" "$@"
st=$?
# The PREEMPT_RT kernel is 6.1 with another scheduler and softirqs in
# threads: it gets every test of the data path and its contexts, and leaves
# those of the control plane (netlink, namespaces, cgroups), whose code is
# 6.1's, to the 6.1 kernels.
tests="privileges dumps memcg txsockets frames contexts timing controlplane events"
if uname -v | grep -q PREEMPT_RT; then
	tests="txsockets frames contexts timing events"
	echo "datapath: PREEMPT_RT: privileges, dumps, memcg and controlplane run on 6.1"
fi
for t in $tests; do
	bash "$here/$t.sh" "$1" "$2" "$3"
	st=$((st | $?))
done

# On the debug kernel, a leak by any of them. firewall.sh forgot the
# boot's; kmemleak reports objects at least 5 s old, seen unreferenced in
# two scans.
leak=/sys/kernel/debug/kmemleak
if [ -w "$leak" ]; then
	tap=$1/firewall.tap
	# shellcheck source=tests/guest/lib.sh
	. "$here/lib.sh"
	sleep 6
	echo scan >"$leak"
	sleep 6
	echo scan >"$leak"
	cat "$leak" >"$1/kmemleak.txt"
	check no_kmemleak_report [ ! -s "$1/kmemleak.txt" ]
fi
exit $st
