#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the benchmark guest (started by bench/run.sh); writes raw
# measurements, one per line, to OUT/raw.tsv (see bench/report.py).
#
# usage: guest.sh OUT CONFDIR CANFW_KO BENCH_KO CANFWCTL CANPUMP
# OUT/settings (sourced): REPS MS RATE_REPS RATE_SECS ATTACK_SECS CONFIGS
# (words SPACE:N, SPACE one of std, ext, std+rate, ext+rate, each with a
# directory CONFDIR/SPACE-N written by gen.py) and ATTACK (the configuration
# the flood test runs under).
#
# Devices: one vxcan pair per peer, the "0" end here with the peer's filter
# on receive and transmit, the "1" end in namespace "far" (the bus side):
#   vb0 baseline (no filter), vt0 tc, vn0 nftables, vf0 canfw.
set -u
out=$1 conf=$2 ko=$3 bko=$4 ctl=$5 pump=$6
# shellcheck source=/dev/null
. "$out/settings"
raw=$out/raw.tsv
: >"$raw"
log() { echo "bench: $*"; }
fail() { echo "bench: FAIL: $*"; echo "error $*" >>"$raw"; exit 1; }
peers=(base tc nft fw)
dev() { case $1 in base) echo vb0 ;; tc) echo vt0 ;; nft) echo vn0 ;; fw) echo vf0 ;; esac; }
now() { date +%s.%N; }

# The kernel cannot autoload modules in this guest (its helper runs in the
# initramfs): load everything the peers need.
for m in can can_raw vxcan nfnetlink nf_tables nft_limit sch_ingress \
	 cls_basic em_canid act_gact act_police; do
	modprobe -q "$m" 2>/dev/null
done
ip netns add far
for p in "${peers[@]}"; do
	d=$(dev "$p")
	ip link add "$d" type vxcan peer name "${d%0}1" netns far ||
		fail "cannot create $d"
	ip link set "$d" up
	ip -n far link set "${d%0}1" up
done
insmod "$bko" || fail "insmod $bko"
run=/sys/kernel/debug/canfw_bench/run

measure() {	# measure DEV DIR CANID -> "FRAMES NS MEDIAN_NS_PER_FRAME"
	echo "$1 $2 $3 $MS" >"$run" || { echo "0 0 0"; return; }
	cat "$run"
}

# Without canfw.ko: the cost of a CAN device with no netfilter hook at all.
for ((r = 1; r <= REPS; r++)); do
	for d in rx tx; do
		echo "cost - 0 nomod $d hit $r $(measure vb0 "$d" 123)" >>"$raw"
	done
done
insmod "$ko" || fail "insmod $ko"
log "canfw.ko loaded"

fwstat() {	# fwstat DIR KEY
	"$ctl" -j stats vf0 | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["interfaces"][0][sys.argv[1]][sys.argv[2]])' "$1" "$2"
}

load_config() {	# load_config DIR SPACE N
	local t0 t1
	t0=$(now)
	tc qdisc del dev vt0 clsact 2>/dev/null
	tc qdisc add dev vt0 clsact || fail "tc: cannot add clsact to vt0"
	tc -batch "$1/tc.batch" || fail "tc: cannot load $1/tc.batch"
	t1=$(now)
	echo "load $2 $3 tc $(echo "$t1 - $t0" | bc)" >>"$raw"
	t0=$(now)
	nft -f "$1/nft.nft" || fail "nft: cannot load $1/nft.nft"
	t1=$(now)
	echo "load $2 $3 nft $(echo "$t1 - $t0" | bc)" >>"$raw"
	t0=$(now)
	"$ctl" load "$1/fw.canfw" >/dev/null || fail "canfwctl: cannot load $1/fw.canfw"
	t1=$(now)
	echo "load $2 $3 fw $(echo "$t1 - $t0" | bc)" >>"$raw"
}

# Frames through each peer, the sender on the bus side, a socket reading.
rate() {	# rate SPACE N HIT
	local r i p d res
	for ((r = 1; r <= RATE_REPS; r++)); do
		for ((i = 0; i < 4; i++)); do
			p=${peers[(i + r) % 4]}
			d=$(dev "$p")
			"$pump" recv --idle "$d" "$(echo "$RATE_SECS + 1" | bc)" "$3" \
				>"$out/recv.txt" &
			sleep 0.2
			res=$(ip netns exec far "$pump" send "${d%0}1" "$3" "$RATE_SECS")
			wait $!
			echo "rate $1 $2 $p $r $res $(cat "$out/recv.txt")" >>"$raw"
		done
	done
}

# A flood of a denied ID at full speed while a legitimate sender runs at
# 100 Hz: how many legitimate frames are lost, how many flood frames reach
# a socket.
attack() {	# attack SPACE N LEGIT FLOOD
	local p d l f before after lr fr
	for p in "${peers[@]}"; do
		d=$(dev "$p")
		[ "$p" = fw ] && before=$(fwstat rx dropped_default)
		"$pump" recv "$d" "$(echo "$ATTACK_SECS + 2" | bc)" "$3" >"$out/legit.txt" &
		lr=$!
		"$pump" recv "$d" "$(echo "$ATTACK_SECS + 2" | bc)" "$4" >"$out/flood.txt" &
		fr=$!
		sleep 0.3
		ip netns exec far "$pump" send "${d%0}1" "$3" "$ATTACK_SECS" 100 >"$out/l.txt" &
		l=$!
		ip netns exec far "$pump" send "${d%0}1" "$4" "$ATTACK_SECS" >"$out/f.txt" &
		f=$!
		wait $l $f $lr $fr
		after=-
		[ "$p" = fw ] && after=$(($(fwstat rx dropped_default) - before))
		echo "attack $1 $2 $p legit $(cat "$out/l.txt") $(cat "$out/legit.txt")" \
			"flood $(cat "$out/f.txt") $(cat "$out/flood.txt") fwdrop=$after" >>"$raw"
		log "attack $p: $(tail -1 "$raw")"
	done
}

for c in $CONFIGS; do
	space=${c%:*} n=${c#*:}
	dir=$conf/$space-$n
	read -r hit miss <"$dir/probes"
	log "$space $n rules: loading"
	load_config "$dir" "$space" "$n"
	log "$space $n rules: cost"
	declare -A sum=()
	# Peers side by side in every round, in a rotating order, so that
	# drift in the host's load affects them alike.
	for ((r = 1; r <= REPS; r++)); do
		for d in rx tx; do
			for probe in hit miss; do
				id=$hit
				[ $probe = miss ] && id=$miss
				for ((i = 0; i < 4; i++)); do
					p=${peers[(i + r) % 4]}
					res=$(measure "$(dev "$p")" $d "$id")
					echo "cost $space $n $p $d $probe $r $res" >>"$raw"
					sum[$p$d$probe]=$((${sum[$p$d$probe]:-0} + ${res%% *}))
				done
			done
		done
	done
	# canfw judged exactly the frames pushed through vf0.
	for d in rx tx; do
		echo "fwcount $space $n $d $(fwstat $d accepted) ${sum[fw${d}hit]}" \
			"$(fwstat $d dropped_default) ${sum[fw${d}miss]}" >>"$raw"
	done
	unset sum
	log "$space $n rules: rate"
	rate "$space" "$n" "$hit"
	[ "$c" = "$ATTACK" ] && attack "$space" "$n" "$hit" "$miss"
done
echo "done" >>"$raw"
log "done"
