#!/usr/bin/env bash
# Runs inside a guest: canfw as a user installs it, not as the other tests
# load it. One "ok NAME" / "not ok NAME" line per test goes to
# OUTDIR/boot.tap.
#
# usage: guest.sh OUTDIR dkms KVER CANFWCTL
#   modprobe finds the module DKMS installed for KVER; then the
#   fail_closed module parameter, both ways.
# usage: guest.sh OUTDIR module KVER CANFWCTL CANFW_KO
#   the fail_closed tests alone, with a module file (the debug kernel).
# usage: guest.sh OUTDIR installed KVER
#   what `make install` put in place: systemd-modules-load loads the
#   module through the modules-load.d entry, then the systemd unit's
#   ExecStart= commands run as systemd would run them, loading the policy
#   in /etc/canfw.
set -u
out=$1 mode=$2 kver=$3 ctl=${4:-canfwctl} ko=${5:-}
tap=$out/boot.tap
work=$(mktemp -d)
: >"$tap"

# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/../guest/lib.sh"

[ "$(uname -r)" = "$kver" ] || { notok kernel "booted $(uname -r), not $kver"; exit 1; }
modules can can_raw vcan vxcan
leak=/sys/kernel/debug/kmemleak
# CANFW_LEAK_LATER: the caller asks kmemleak itself, once, at the end.
[ -z "${CANFW_LEAK_LATER:-}" ] || leak=/nonexistent
if [ -w "$leak" ]; then
	# Leaks suspected before the tests are not ours.
	echo scan >"$leak"
	echo clear >"$leak"
fi

att() { ip netns exec attacker "$@"; }
info() {	# info KEY: one field of `canfwctl -j info`
	"$ctl" -j info | python3 -c '
import json, sys
print(json.dumps(json.load(sys.stdin)[sys.argv[1]]))' "$1"
}
topology() {
	ip netns add attacker
	ip link add vcan0 type vcan
	ip link add vxcan0 type vxcan peer name vxcan1 netns attacker
	ip link set vcan0 up
	ip link set vxcan0 up
	ip -n attacker link set vxcan1 up
}

load() {	# load [PARAM...]: canfw from KO, or as modprobe finds it
	if [ -n "$ko" ]; then insmod "$ko" "$@"; else modprobe canfw "$@"; fi
}
unload() {
	if [ -n "$ko" ]; then rmmod canfw; else modprobe -r canfw; fi
}

dkms_module() {	# dkms_module PATH: DKMS's canfw.ko for this kernel
	local m=/lib/modules/$kver/updates/dkms/canfw.ko
	[ "$1" = "$m" ] || [ "$1" = "$m.xz" ] || [ "$1" = "$m.zst" ] || [ "$1" = "$m.gz" ]
}

dkms_tests() {
	local path
	check modprobe_loads modprobe canfw
	path=$(modinfo -n canfw)
	# Compressed as the kernel's own modules are (6.12: .ko.xz).
	check module_from_dkms dkms_module "$path"
	check loaded_is_dkms_build [ "$(cat /sys/module/canfw/srcversion)" = \
		"$(modinfo -F srcversion "$path")" ]
	fail_closed_tests
}

fail_closed_tests() {
	[ -d /sys/module/canfw ] || check load load
	topology

	# Fail-open, the default: an interface no entry names passes.
	check fail_open_param [ "$(cat /sys/module/canfw/parameters/fail_closed)" = N ]
	check fail_open_info sh -c "'$ctl' info | grep -qx 'unnamed interfaces pass (fail-open)'"
	got=$(seen - vxcan0 att cansend vxcan1 123#01)
	check fail_open_passes [ "$got" = "123#01" ]
	check fail_open_counts_nothing [ "$(info unmatched_dropped)" = 0 ]
	cat >"$work/vx0.canfw" <<'P'
interface vxcan0 {
	rx drop id 0x7DF
}
P
	check policy_load "$ctl" -q load "$work/vx0.canfw"
	got=$(seen - vxcan0 sh -c 'ip netns exec attacker cansend vxcan1 7DF#0201;
		ip netns exec attacker cansend vxcan1 7E0#0201')
	check dkms_module_filters [ "$got" = "7E0#0201" ]

	# Fail-closed: reload the module with the parameter, as modprobe.d
	# would set it at boot.
	check unload unload
	check load_fail_closed load fail_closed=1
	check fail_closed_param [ "$(cat /sys/module/canfw/parameters/fail_closed)" = Y ]
	check fail_closed_info sh -c "'$ctl' info | grep -qx 'unnamed interfaces drop (fail-closed)'"
	check fail_closed_json [ "$(info fail_closed)" = true ]
	# The attacker's namespace is fail-closed too; its own policy lets it
	# transmit, so what reaches vxcan0 here shows this namespace's verdict.
	printf 'interface vxcan1 {\n}\n' >"$work/att.canfw"
	check attacker_policy att "$ctl" -q load "$work/att.canfw"
	got=$(seen - vxcan0 att cansend vxcan1 123#02)
	check fail_closed_rx_dropped [ -z "$got" ]
	check fail_closed_rx_counted [ "$(info unmatched_dropped)" = 1 ]
	got=$(seen attacker vxcan1 sh -c "cansend vxcan0 123#03 2>'$work/err'; echo rc=\$? >>'$work/err'")
	check fail_closed_tx_never_on_wire [ -z "$got" ]
	check fail_closed_tx_error grep -q 'No buffer space available' "$work/err"
	check fail_closed_tx_exit_code grep -qx rc=1 "$work/err"
	check fail_closed_tx_counted [ "$(info unmatched_dropped)" = 2 ]

	# A policy that names the interface applies; unnamed ones stay closed.
	check fail_closed_policy_load "$ctl" -q load "$work/vx0.canfw"
	got=$(seen - vxcan0 sh -c 'ip netns exec attacker cansend vxcan1 7DF#0201;
		ip netns exec attacker cansend vxcan1 123#04')
	check fail_closed_named_follows_policy [ "$got" = "123#04" ]
	got=$(seen - vcan0 sh -c "cansend vcan0 123#05 2>/dev/null")
	check fail_closed_unnamed_still_dropped [ -z "$got" ]
	check fail_closed_unnamed_counted [ "$(info unmatched_dropped)" = 3 ]
	# A device created now is closed from its first frame.
	ip link add vcan9 type vcan && ip link set vcan9 up
	check fail_closed_new_device sh -c '! cansend vcan9 123#06 2>/dev/null'
	# Flush: back to dropping everything.
	check fail_closed_flush "$ctl" -q flush
	got=$(seen - vxcan0 att cansend vxcan1 123#07)
	check fail_closed_after_flush [ -z "$got" ]
	check fail_closed_reset sh -c "'$ctl' reset && [ \"\$('$ctl' -j info | grep -o '\"unmatched_dropped\": [0-9]*')\" = '\"unmatched_dropped\": 0' ]"
	# Namespaces count separately: the attacker's dropped nothing.
	check fail_closed_per_netns [ "$(att "$ctl" -j info | grep -o '"unmatched_dropped": [0-9]*')" = '"unmatched_dropped": 0' ]
	# The parameter is fixed for the module's lifetime.
	check fail_closed_read_only sh -c '! echo N >/sys/module/canfw/parameters/fail_closed 2>/dev/null'
	ip netns del attacker
	ip link del vcan9
	check final_unload unload
}

installed_tests() {
	local line cmd n=0 st=0
	# systemd-modules-load reads /etc, /run, /usr/local/lib and /usr/lib.
	check modules_load_d /lib/systemd/systemd-modules-load
	check modules_load_loaded grep -q '^canfw ' /proc/modules
	check module_from_updates [ "$(modinfo -n canfw)" = "/lib/modules/$kver/updates/canfw.ko" ]
	topology
	# The unit's ExecStart= lines, in order, as systemd runs them.
	unit=$(systemctl show -P FragmentPath canfw.service 2>/dev/null)
	[ -n "$unit" ] || unit=$(ls /usr/local/lib/systemd/system/canfw.service \
		/lib/systemd/system/canfw.service 2>/dev/null | head -n 1)
	check unit_found [ -f "$unit" ]
	while IFS= read -r line; do
		cmd=${line#ExecStart=}
		n=$((n + 1))
		echo "# ExecStart: $cmd"
		sh -c "$cmd" || st=1
	done <<<"$(grep '^ExecStart=' "$unit")"
	check unit_exec_start_ran [ $n -ge 2 ] && [ $st = 0 ]
	check unit_policy_loaded sh -c "canfwctl show >'$work/shown' &&
		canfwctl check -p /etc/canfw/policy.canfw | cmp -s - '$work/shown'"
	check installed_canfwctl_in_path [ "$(command -v canfwctl)" = /usr/local/sbin/canfwctl ]
	check installed_versions_match [ "$(canfwctl -V | cut -d' ' -f2)" = \
		"$(modinfo -F version canfw)" ]
	# The shipped policy watches can*: a diagnostic request passes but
	# counts as would_drop.
	ip link add can0 type vcan && ip link set can0 up
	check monitor_policy_passes cansend can0 7DF#02010D
	check monitor_policy_counts [ "$(stat can0 tx would_drop)" = 1 ]
	ip netns del attacker
	check final_unload modprobe -r canfw
}

case "$mode" in
dkms) dkms_tests ;;
module) fail_closed_tests ;;
installed) installed_tests ;;
*) notok mode "unknown mode $mode" ;;
esac
if [ -w "$leak" ]; then
	# kmemleak reports objects at least 5 s old seen unreferenced twice.
	sleep 6
	echo scan >"$leak"
	sleep 6
	echo scan >"$leak"
	cat "$leak" >"$out/kmemleak.txt"
	check no_kmemleak_report [ ! -s "$out/kmemleak.txt" ]
fi
! grep -q '^not ok' "$tap"
