# SPDX-License-Identifier: GPL-2.0
# What the command-line test scripts share. They set ctl (canfwctl), tmp
# (a scratch directory) and failed=0 before sourcing this.

result() {	# result STATUS NAME
	if [ "$1" = 0 ]; then
		echo "ok $2"
	else
		echo "not ok $2"
		failed=1
	fi
}

# run EXPECTED_STATUS NAME ARGS...: output in $tmp/out and $tmp/err
run() {
	local want=$1 name=$2 st
	shift 2
	"$ctl" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" != "$want" ]; then
		echo "# exit $st, want $want: canfwctl $*"
		sed 's/^/# /' "$tmp/err" | head -5
		result 1 "$name"
		return 1
	fi
	return 0
}

same() {	# same NAME FILE EXPECTED_FILE
	if cmp -s "$2" "$3"; then
		result 0 "$1"
	else
		diff -u "$3" "$2" | head -20 | sed 's/^/# /'
		result 1 "$1"
	fi
}
