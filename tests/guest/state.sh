#!/usr/bin/env bash
# Runs inside a guest: vehicle states. An ECU here (vxcan0) hears the car's
# bus from netns "car" (vxcan1). Diagnostics pass only while parked, as a
# speed frame selects; a flood of a forbidden ID locks everything down at
# once, in the kernel, and only `canfwctl state` lifts the lockdown. Then
# switches race traffic on every CPU the guest has, and loads carry the
# state over. Appends to OUTDIR/firewall.tap.
#
# usage: state.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw vxcan
insmod "$ko" || { notok state_insmod "cannot load $ko"; exit 1; }
vxcan_pair vxcan0 vxcan1 car
car() { ip netns exec car "$@"; }
state_is() { [ "$(ctl state | head -1)" = "state $1" ]; }

p=$(policy car <<'EOF'
state parked
state driving
state diagnostic
state lockdown sticky

interface vxcan0 {
	rx default accept
	tx default accept
	# Bytes 0-1 of the speed frame: zero while the car stands still.
	rx select id 0x0B4 data[0:2] 0x0000 state parked else driving
	rx accept id 0x7E0 in parked,diagnostic
	rx drop id 0x7E0 log
	rx drop id 0x666 on drops 5 within 1s state lockdown
	rx default drop in lockdown
	# The speed frame passes in every state, lockdown too.
	rx accept id 0x0B4
	tx drop id 0x123 in lockdown
}
EOF
)
check state_load ctl load "$p"
check state_initial state_is "parked seq 0"
check state_listed [ "$(ctl state | sed -n 2p)" = "states parked driving diagnostic lockdown:sticky" ]
ctl show >"$work/show"
check state_show_rule grep -qF "rx accept id 0x7E0 in parked,diagnostic" "$work/show"
check state_show_trigger grep -qF "rx drop id 0x666 on drops 5 within 1s state lockdown" "$work/show"
check state_show_selector grep -qF "rx select id 0x0B4 data[0:2] 0x0000 state parked else driving" "$work/show"
monitor_bg "$work/events" monitor || notok state_monitor "monitor did not start"

# Parked: a diagnostic request reaches the ECU.
got=$(seen - vxcan0 car cansend vxcan1 7E0#0322F190)
check state_parked_diag_delivered [ "$got" = "7E0#0322F190" ]

# The car moves: the speed frame selects driving, and the same request is
# refused from the very next frame on.
got=$(seen - vxcan0 car sh -c 'cansend vxcan1 0B4#1234; cansend vxcan1 7E0#0322F190')
check state_speed_frame_delivered [ "$got" = "0B4#1234" ]
check state_driving state_is "driving seq 1"
check state_driving_diag_counted [ "$(rule_stat vxcan0 rx 1 frames)" = 1 ]
got=$(seen - vxcan0 car sh -c 'cansend vxcan1 0B4#0000; cansend vxcan1 7E0#0322F190')
check state_parked_again [ "$(echo "$got" | paste -sd " ")" = "0B4#0000 7E0#0322F190" ]
check state_parked_seq state_is "parked seq 2"

# The operator's command.
check state_set_diagnostic ctl state diagnostic
check state_diagnostic state_is "diagnostic seq 3"
got=$(seen - vxcan0 car cansend vxcan1 7E0#0322F190)
check state_diagnostic_diag_delivered [ "$got" = "7E0#0322F190" ]
ctl state no-such-state >"$work/bad.out" 2>"$work/bad.err"
check state_set_unknown_fails [ $? != 0 ]
check state_set_unknown_says grep -q 'declares no such state' "$work/bad.err"
check state_set_unknown_changes_nothing state_is "diagnostic seq 3"

# Attack: the fifth forbidden frame within a second locks down, and the
# frame right after it is judged in lockdown already. One process sends
# the five: starting one costs up to two seconds under the debug kernel.
got=$(seen - vxcan0 car sh -c 'cangen vxcan1 -I 666 -L 0 -g 1 -n 5
	cansend vxcan1 100#01')
check state_trigger_next_frame_dropped [ -z "$got" ]
check state_lockdown state_is "lockdown seq 4"
# Sticky: a speed frame that says "parked" passes, but cannot leave it.
got=$(seen - vxcan0 car cansend vxcan1 0B4#0000)
check state_lockdown_selector_frame_passes [ "$got" = "0B4#0000" ]
check state_lockdown_sticky state_is "lockdown seq 4"
# Nothing sent from here on 0x123 gets out.
got=$(seen car vxcan1 cansend vxcan0 123#01 2>"$work/tx.err")
check state_lockdown_tx_refused [ -z "$got" ]
check state_lockdown_tx_sender_error grep -q 'No buffer space available' "$work/tx.err"
check state_lockdown_counted [ "$(stat vxcan0 rx dropped_default)/$(rule_stat vxcan0 rx 2 frames)" = 1/5 ]
# Only CAP_NET_ADMIN lifts it.
setpriv --reuid=65534 --regid=65534 --clear-groups "$ctl" state parked \
	>/dev/null 2>"$work/nobody.err"
check state_unprivileged_unlock_refused [ $? = 2 ]
check state_unprivileged_still_locked state_is "lockdown seq 4"
check state_unlock ctl state parked
got=$(seen - vxcan0 car cansend vxcan1 100#02)
check state_unlocked_delivered [ "$got" = "100#02" ]
check state_unlocked_seq state_is "parked seq 5"

kill "$monitor_pid" 2>/dev/null
wait "$monitor_pid" 2>/dev/null
ev() { grep -c -- "$1" "$work/events"; }
check state_event_selector [ "$(ev 'vxcan0 rx state parked -> driving seq 1 cause selector 0')" = 1 ]
check state_event_selector_back [ "$(ev 'vxcan0 rx state driving -> parked seq 2 cause selector 0')" = 1 ]
check state_event_command [ "$(ev ') - state parked -> diagnostic seq 3 cause command')" = 1 ]
check state_event_trigger [ "$(ev 'vxcan0 rx state diagnostic -> lockdown seq 4 cause trigger rule 2')" = 1 ]
check state_event_unlock [ "$(ev ') - state lockdown -> parked seq 5 cause command')" = 1 ]
check state_events_only_those [ "$(ev ' state [a-z]* -> ')" = 5 ]
check state_frame_event_carries_state [ "$(grep -c '7E0#0322F190 drop rule 1 state driving' "$work/events")" = 1 ]

# A longer flood trips the same trigger again.
car cangen vxcan1 -I 666 -L 0 -g 1 -n 20 2>/dev/null
check state_cangen_flood_locks_down state_is "lockdown seq 6"
check state_cangen_flood_counted [ "$(rule_stat vxcan0 rx 2 frames)" = 25 ]
ctl state parked

# A load keeps the state when the new policy has it, and starts in its
# first state when it does not.
ctl state driving
ctl load "$p"
check state_kept_across_load state_is "driving seq 8"
p2=$(policy other <<'EOF'
state normal
state limp

interface vxcan0 {
	rx default accept
	rx drop id 0x200 in limp
}
EOF
)
ctl load "$p2"
check state_new_policy_first_state state_is "normal seq 9"

# Switches by command, by selector frames and by loads, racing traffic on
# every CPU: every frame judged in one state, no splat (the debug kernel
# checks), and the state still answers.
ctl load "$p"
car cangen vxcan1 -I 0B4 -L 2 -g 0 -i -n 4000 2>/dev/null &
flood=$!
cangen vxcan0 -I 123 -L 1 -g 0 -i -n 4000 2>/dev/null &
txflood=$!
for i in $(seq 40); do
	ctl state diagnostic
	ctl state parked
	[ $((i % 10)) = 0 ] && ctl load "$p"
done
wait $flood
kill $txflood 2>/dev/null
wait $txflood 2>/dev/null
check state_race_answers ctl state
check state_race_consistent [ "$(ctl -j state | jq -r '.states | length')" = 4 ]

ctl flush >/dev/null
check state_flushed [ "$(ctl state)" = "state none" ]
rmmod canfw
check state_unload [ ! -d /sys/module/canfw ]
ip netns del car
rm -rf "$work"
