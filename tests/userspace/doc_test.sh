#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The man page and bash completion of canfwctl, against the tool itself:
# the page renders without warnings; its COMMANDS section lists exactly the
# commands `canfwctl help` lists; every option the help prints is in it;
# its JSON keys are those of a real `replay -j` and `check -v -j`; the
# completion offers commands, policy files, log files and interfaces.
#
#   tests/userspace/doc_test.sh [CANFWCTL]
#
# Without CANFWCTL, canfwctl is built into a temporary directory.
# Prints one "ok NAME" / "not ok NAME" line per test; exits 1 on failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
page=$top/userspace/canfwctl.8
comp=$top/userspace/canfwctl.bash-completion
failed=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

result() {	# result STATUS NAME [DETAIL]
	if [ "$1" = 0 ]; then
		echo "ok $2"
	else
		echo "not ok $2"
		[ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/#   /'
		failed=1
	fi
}

bin=${1:-}
if [ -z "$bin" ]; then
	if ! make -s -C "$top/userspace" O="$tmp/build" >"$tmp/build.log" 2>&1; then
		tail -20 "$tmp/build.log"
		result 1 "doc: build canfwctl"
		exit 1
	fi
	bin=$tmp/build/canfwctl
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
if [ ! -x "$bin" ]; then
	result 1 "doc: canfwctl at $bin"
	exit 1
fi

# --- the man page -------------------------------------------------------

out=$(groff -man -ww -z "$page" 2>&1)
st=$?
[ $st = 0 ] && [ -z "$out" ]
result $? "doc: groff -man -ww renders canfwctl.8 without warnings" "$out"

if command -v man >/dev/null 2>&1; then
	out=$(MANWIDTH=80 MANPAGER=cat PAGER=cat man -l "$page" 2>"$tmp/man.err")
	st=$?
	[ $st = 0 ] && [ ! -s "$tmp/man.err" ] &&
		grep -q '^NAME' <<<"$out" && grep -q 'canfwctl - ' <<<"$out"
	result $? "doc: man -l renders canfwctl.8" "$(cat "$tmp/man.err")"
else
	echo "ok doc: man -l renders canfwctl.8 # SKIP no man"
fi

# Source text with \- as -, for looking up option names.
page_text=$(sed 's/\\-/-/g' "$page")

# Lines of the section (.SH) or subsection (.SS) headed exactly HEADING.
section() {	# section HEADING
	awk -v h="$1" '
		/^\.S[HS] / { t = $0; sub(/^\.S[HS] +/, "", t); gsub(/"/, "", t)
			      gsub(/\\-/, "-", t)
			      if (in_s && ($1 == ".SH" || lvl == ".SS")) in_s = 0
			      if (t == h) { in_s = 1; lvl = $1; next } }
		in_s' "$page"
}

# Commands, in the help's "Commands:" block.
help_out=$("$bin" help)
help_cmds=$(awk '/^Commands:/ { f = 1; next }
		 f && /^  +[a-z]/ { print $1; next }
		 f { exit }' <<<"$help_out" | sort)
# Commands, as the first word of each .TP tag in COMMANDS.
page_cmds=$(section COMMANDS | awk 'tp { w = $2; gsub(/"/, "", w); print w }
				    { tp = ($1 == ".TP") }' | sort)
[ -n "$help_cmds" ] && [ "$help_cmds" = "$page_cmds" ]
result $? "doc: COMMANDS lists exactly the commands of canfwctl help" \
	"$(diff <(echo "$help_cmds") <(echo "$page_cmds") | grep '^[<>]' |
	   sed 's/^</only in help:/; s/^>/only in the page:/')"

# Options: those of the global usage, of each command's usage, and the
# two the usage does not show.
usages=$(grep '^Usage:' <<<"$help_out")
for c in $help_cmds; do
	usages+=$'\n'$("$bin" help "$c" | grep '^Usage:')
done
opts=$( (grep -oE -- '(^|[ [|])--?[A-Za-z][A-Za-z-]*' <<<"$usages" |
	 sed 's/^[ [|]//'; printf '%s\n' -h --help -V --version) | sort -u)
missing=""
for o in $opts; do
	grep -qE -- "(^|[^A-Za-z-])$o([^A-Za-z-]|\$)" <<<"$page_text" ||
		missing+="$o "
done
[ -n "$opts" ] && [ -z "$missing" ]
result $? "doc: every option of canfwctl help is in the page" \
	"missing: $missing"

# JSON keys: a tiny policy and log through the real replay and check.
cat >"$tmp/p.canfw" <<'EOF'
interface vcan0 {
	rx default drop
	log-default rx
	rx accept id 0x100 rate 10/s burst 2 log
	tx drop id 0x7DF
}
EOF
printf '%s\n' '(1.000000) vcan0 100#11' '(1.001000) vcan0 100#22' \
	'(1.002000) vcan0 100#33' '(1.003000) vcan0 200#44' >"$tmp/l.log"
keys() { grep -oE '"[a-z_]+":' | tr -d '":' | sort -u; }

real=$("$bin" -j replay "$tmp/p.canfw" "$tmp/l.log" | keys)
doc=$(section "stats, replay" | keys)
[ -n "$real" ] && [ "$real" = "$doc" ]
result $? "doc: JSON keys of stats/replay match canfwctl -j replay" \
	"$(diff <(echo "$real") <(echo "$doc") | grep '^[<>]' |
	   sed 's/^</only in replay:/; s/^>/only in the page:/')"

real=$("$bin" -j check -v "$tmp/p.canfw" | keys)
doc=$(section "check -v" | keys)
[ -n "$real" ] && [ "$real" = "$doc" ]
result $? "doc: JSON keys of check -v match canfwctl -j check -v" \
	"$(diff <(echo "$real") <(echo "$doc") | grep '^[<>]')"

# monitor needs the kernel; its keys are read from the printer's source.
if grep -qx monitor <<<"$help_cmds"; then
	real=$(sed -n '/^static void print_timing_json/,/^}/p
		/^static void print_state_json/,/^}/p
		/^void cfw_event_print_json/,/^}/p' \
		"$top/userspace/events_print.c" | sed 's/\\"/"/g' | keys)
	doc=$(section monitor | keys)
	[ -n "$real" ] && [ "$real" = "$doc" ]
	result $? "doc: JSON keys of monitor match cfw_event_print_json" \
		"$(diff <(echo "$real") <(echo "$doc") | grep '^[<>]')"
fi

doc=$(section "load, flush, reset" | keys)
[ "$doc" = generation ]
result $? "doc: load/flush/reset JSON is {\"generation\": N}" "$doc"

# --- the bash completion ------------------------------------------------

stub=$tmp/stub
mkdir -p "$stub" "$tmp/work/sub"
ln -s "$bin" "$stub/canfwctl"
# An ip(8) that knows one vcan and one vxcan (a pair's end shows as
# NAME@PEER); the machine running the tests may have no CAN interface.
cat >"$stub/ip" <<'EOF'
#!/bin/sh
case "$*" in
*"type vcan") echo '3: vcan0: <NOARP,UP,LOWER_UP> mtu 72 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/can ' ;;
*"type vxcan") echo '5: vxcan1@vxcan0: <NOARP,UP,LOWER_UP> mtu 72 qdisc noqueue state UP mode DEFAULT group default qlen 1000\    link/can ' ;;
esac
exit 0
EOF
chmod +x "$stub/ip"
touch "$tmp/work/a.canfw" "$tmp/work/b.canfw" "$tmp/work/notes.txt" \
	"$tmp/work/drive.log"

# Complete LINE as if TAB were pressed at its end; print COMPREPLY sorted.
# PREP is bash code run after sourcing the completion.
complete_line() {	# complete_line LINE [PREP] [PATH]
	PATH=${3:-$stub:$PATH} bash --norc --noprofile -c '
		source "$1" || exit 1
		eval "$4"
		cd "$2" || exit 1
		line=$3
		read -ra COMP_WORDS <<<"$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_canfwctl 2>/dev/null
		printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$comp" "$tmp/work" "$1" "${2:-}" | sed '/^$/d' | sort
}

# expect NAME LINE EXPECTED [PREP] [PATH]: COMPREPLY is exactly EXPECTED
# (words, any order).
expect() {
	local got want
	got=$(complete_line "$2" "${4:-}" "${5:-}" | tr '\n' ' ' | sed 's/ $//')
	want=$(printf '%s\n' $3 | sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ]
	result $? "completion: $1" "'$2' gave [$got], want [$want]"
}

out=$(bash --norc --noprofile -c 'source "$1" && complete -p canfwctl' _ "$comp" 2>&1)
[ "$out" = "complete -F _canfwctl canfwctl" ]
result $? "completion: registered with complete -F _canfwctl canfwctl" "$out"

all=$(echo $help_cmds)
expect "commands after canfwctl" "canfwctl " "$all"
expect "commands after global options" "canfwctl -j -v " "$all"
expect "command prefix" "canfwctl lo" "load"
expect "global options" "canfwctl --j" "--json"
expect "help completes commands" "canfwctl help " "$all"
expect "help completes a command prefix" "canfwctl help re" \
	"$(printf '%s\n' $help_cmds | grep '^re')"
expect "load offers .canfw files and directories" "canfwctl load " \
	"a.canfw b.canfw sub"
expect "load completes a .canfw file" "canfwctl load a" "a.canfw"
expect "an abbreviated load is no command: nothing offered" "canfwctl lo b" ""
expect "abbreviated command (ch) offers .canfw files" "canfwctl ch b" \
	"b.canfw"
expect "load falls back to any file" "canfwctl load no" "notes.txt"
expect "load takes one file" "canfwctl load a.canfw " ""
expect "check options from its usage" "canfwctl check --p" "--print"
expect "check offers .canfw files" "canfwctl check -p " "a.canfw b.canfw sub"
expect "replay: the policy first" "canfwctl replay " "a.canfw b.canfw sub"
expect "replay: then the log file" "canfwctl replay a.canfw " \
	"a.canfw b.canfw drive.log notes.txt sub"
expect "replay: nothing after the log" "canfwctl replay a.canfw drive.log " ""
expect "learn's options" "canfwctl learn --m" "--margin --min-frames"
expect "learn --iface completes CAN interfaces" "canfwctl learn --iface " \
	"vcan0 vxcan1"
expect "learn takes log after log" "canfwctl learn --margin 2 drive.log " \
	"a.canfw b.canfw drive.log notes.txt sub"
expect "replay --delta" "canfwctl replay --d" "--delta"
expect "replay options from its usage" "canfwctl replay --i" "--iface"
expect "--iface completes CAN interfaces (ip link)" \
	"canfwctl replay --iface " "vcan0 vxcan1"
expect "--iface completes an interface prefix" \
	"canfwctl replay --iface vx" "vxcan1"
expect "--iface NAME is not the policy" \
	"canfwctl replay --iface vcan0 a.canfw " \
	"a.canfw b.canfw drive.log notes.txt sub"
expect "stats completes CAN interfaces" "canfwctl stats " "vcan0 vxcan1"
expect "interface lookup can be overridden" "canfwctl stats " "can7 vcan9" \
	'_canfwctl_can_ifaces() { echo can7 vcan9; }'
expect "show takes nothing" "canfwctl show " ""
stfn='_canfwctl_state_names() { printf "%s\n" parked driving lockdown; }'
expect "state completes the policy's states" "canfwctl state " \
	"parked driving lockdown" "$stfn"
expect "state completes a state prefix" "canfwctl state dr" "driving" "$stfn"
expect "state takes one name" "canfwctl state parked " "" "$stfn"
# The names as `canfwctl state` prints them, sticky ones marked.
mkdir -p "$tmp/stub-state"
cat >"$tmp/stub-state/canfwctl" <<EOF
#!/bin/sh
if [ "\$1" = state ]; then
	printf 'state parked seq 3\nstates parked driving lockdown:sticky\n'
	exit 0
fi
exec "$bin" "\$@"
EOF
chmod +x "$tmp/stub-state/canfwctl"
expect "state names come from canfwctl state, :sticky dropped" \
	"canfwctl state l" "lockdown" "" "$tmp/stub-state:$stub:$PATH"
nsfn='_canfwctl_netns_names() { echo attacker gateway; }'
expect "-n completes network namespaces" "canfwctl -n " "attacker gateway" "$nsfn"
expect "--netns completes a namespace prefix" "canfwctl --netns g" "gateway" "$nsfn"
expect "-n NAME is not the command" "canfwctl -n attacker " "$all" "$nsfn"
expect "-n after the command completes namespaces" "canfwctl stats -n " \
	"attacker gateway" "$nsfn"
expect "-n NAME after the command is no argument" \
	"canfwctl stats -n attacker " "vcan0 vxcan1" "$nsfn"
expect "global options after the command" "canfwctl stats --j" "--json"
expect "a command's and the global options" "canfwctl check --" \
	"--print --warnings --log --json --verbose --quiet --handle --netns"
expect "check --log completes log files" "canfwctl check -W --log " \
	"a.canfw b.canfw drive.log notes.txt sub"
if grep -qx monitor <<<"$help_cmds"; then
	expect "monitor options from its usage, and the global ones" \
		"canfwctl monitor -" "-c --count -j --json -v --verbose -q --quiet -a --handle -n --netns"
	expect "monitor: nothing for COUNT" "canfwctl monitor -c " ""
fi
# Without a runnable canfwctl, the static list stands in; it must name
# every command the tool has.
expect "static command list when canfwctl help fails" "canfwctl " \
	"$(echo $help_cmds)" "" \
	"$tmp/empty:/usr/bin:/bin"

# --- README.md ---------------------------------------------------------
# The first policy it shows is valid (the indented block that starts
# with "interface" in "Writing a first policy").
awk '/^## Writing a first policy/ { f = 1; next } /^## / { f = 0 }
     f && /^    interface/ { p = 1 } p && /^$/ { exit }
     p { sub(/^    /, ""); print }' "$top/README.md" >"$tmp/readme.canfw"
out=$(grep -q '^interface' "$tmp/readme.canfw" && "$bin" check "$tmp/readme.canfw" 2>&1)
result $? "doc: README's first policy passes canfwctl check" "$out"
# Every `canfwctl COMMAND` the README quotes exists.
for c in $(grep -o '`canfwctl [a-z]*' "$top/README.md" | awk '{ print $2 }' | sort -u); do
	grep -qx "$c" <<<"$help_cmds"
	result $? "doc: README's canfwctl $c is a command"
done

if [ "$failed" = 0 ]; then
	echo "# doc_test: all passed"
fi
exit $failed
