#!/usr/bin/env bash
# Runs inside a guest: frames that BCM and J1939 sockets send are judged on
# TX like any other. A dropped frame never reaches the vxcan peer and is
# counted once per attempt. What the sender sees differs: a BCM TX_SEND
# fails with ENOBUFS; the frames of a cyclic BCM TX_SETUP are sent by a
# kernel timer, which drops them silently; a J1939 send() succeeds, and
# the stack's retries end in ENETUNREACH on the socket's error queue. Appends to
# OUTDIR/firewall.tap.
#
# usage: txsockets.sh OUTDIR CANFW_KO CANFWCTL
set -u
out=$1 ko=$2 ctl=$3
tap=$out/firewall.tap
work=$(mktemp -d)
# shellcheck source=tests/guest/lib.sh
. "$(dirname "$0")/lib.sh"

modules can can_raw can_bcm can_j1939 vxcan
insmod "$ko" || { notok txsock_insmod "cannot load $ko"; exit 1; }

# Senders that can-utils lacks, through Python's socket module:
#   cantx.py bcm-send IFACE ID HEX          one BCM TX_SEND
#   cantx.py bcm-cyclic IFACE ID HEX COUNT  TX_SETUP: COUNT frames, 20 ms apart
#   cantx.py j1939 IFACE PGN DST HEX        from address 0x20, priority 6,
#                                           then waits for the outcome
# A failed send prints the error and exits 1.
cat >"$work/cantx.py" <<'EOF'
import errno, os, socket, struct, sys, time

TX_SETUP, TX_SEND = 1, 4
SETTIMER, STARTTIMER = 0x1, 0x2


def bcm(iface, op, can_id, data, count=0):
    s = socket.socket(socket.AF_CAN, socket.SOCK_DGRAM, socket.CAN_BCM)
    s.connect((iface,))
    usec = 20000 if op == TX_SETUP else 0
    flags = SETTIMER | STARTTIMER if op == TX_SETUP else 0
    # struct bcm_msg_head, then one struct can_frame
    head = struct.pack("@3I4l2I0q", op, flags, count, 0, usec, 0, 0, can_id, 1)
    s.send(head + struct.pack("=IB3x8s", can_id, len(data), data))
    if op == TX_SETUP:
        # Closing the socket deletes the job: let it run out first.
        time.sleep(count * usec / 1e6 + 1)


def j1939(iface, pgn, dst, data):
    """The outcome of a J1939 send comes later, on the error queue."""
    sol_j1939, so_errqueue, scm_errqueue, info_tx_abort = 107, 4, 4, 1
    so_timestamping, tx_ack, scm_tstamp_ack = 37, 1 << 9, 2
    s = socket.socket(socket.AF_CAN, socket.SOCK_DGRAM, socket.CAN_J1939)
    s.setsockopt(sol_j1939, so_errqueue, 1)
    s.setsockopt(socket.SOL_SOCKET, so_timestamping, tx_ack)
    s.bind((iface, socket.J1939_NO_NAME, socket.J1939_NO_PGN, 0x20))
    s.sendto(data, (iface, socket.J1939_NO_NAME, pgn, dst))
    end = time.time() + 60
    while time.time() < end:
        try:
            anc = s.recvmsg(64, 256, socket.MSG_ERRQUEUE | socket.MSG_DONTWAIT)[1]
        except BlockingIOError:
            time.sleep(0.1)
            continue
        for level, kind, d in anc:
            if (level, kind) != (sol_j1939, scm_errqueue):
                continue
            err, origin, _, _, _, info, _ = struct.unpack("=IBBBBII", d[:16])
            if info == scm_tstamp_ack and err == errno.ENOMSG:
                return
            if origin == 1 and info == info_tx_abort:
                err = min(err, 2**32 - err)  # 6.1 queues it negated
                raise OSError(err, "TX aborted: " + os.strerror(err))
    raise OSError(errno.ETIMEDOUT, "no TX outcome")


a = sys.argv
try:
    if a[1] == "bcm-send":
        bcm(a[2], TX_SEND, int(a[3], 16), bytes.fromhex(a[4]))
    elif a[1] == "bcm-cyclic":
        bcm(a[2], TX_SETUP, int(a[3], 16), bytes.fromhex(a[4]), int(a[5]))
    else:
        j1939(a[2], int(a[3], 16), int(a[4], 16), bytes.fromhex(a[5]))
except OSError as e:
    print(e.strerror, file=sys.stderr)
    sys.exit(1)
EOF

# vxtx0 here <-> vxtx1 in netns "txpeer", where candump listens.
vxcan_pair vxtx0 vxtx1 txpeer

# Rule 1 drops every J1939 Request (PF 0xEA), whatever priority,
# destination and source.
p=$(policy txsock <<'EOF'
interface vxtx0 {
	tx drop id 0x7DF
	tx drop eff id 0x00EA0000/0x00FF0000
}
EOF
)
ctl -q load "$p"

got=$(seen txpeer vxtx1 sh -c "python3 '$work/cantx.py' bcm-send vxtx0 7DF 02010D 2>'$work/bcm.err';
	echo rc=\$? >>'$work/bcm.err'; python3 '$work/cantx.py' bcm-send vxtx0 7E0 02010D")
check bcm_tx_send_filtered [ "$got" = "7E0#02010D" ]
check bcm_tx_send_error grep -q 'No buffer space available' "$work/bcm.err"
check bcm_tx_send_exit_1 grep -qx 'rc=1' "$work/bcm.err"

got=$(seen txpeer vxtx1 sh -c "python3 '$work/cantx.py' bcm-cyclic vxtx0 7DF 01 5 &
	python3 '$work/cantx.py' bcm-cyclic vxtx0 7E1 02 5; wait" | sort | uniq -c |
	awk '{ print $1 "x" $2 }')
check bcm_tx_setup_filtered [ "$got" = "5x7E1#02" ]
check bcm_tx_counted [ "$(stat vxtx0 tx dropped_rule)/$(stat vxtx0 tx accepted)" = 6/6 ]

# PGN 0xEA00 (Request) and 0xEF00 (Proprietary A) to address 0x30:
# CAN IDs 0x18EA3020 and 0x18EF3020. The J1939 stack takes ENOBUFS for a
# full TX queue and tries again, 100 times, 10-25 ms apart; then it aborts
# the transfer with ENETUNREACH, on the socket's error queue.
got=$(seen txpeer vxtx1 sh -c "python3 '$work/cantx.py' j1939 vxtx0 EA00 30 00EE00 2>'$work/j1939.err';
	echo rc=\$? >>'$work/j1939.err'; python3 '$work/cantx.py' j1939 vxtx0 EF00 30 112233")
check j1939_tx_filtered [ "$got" = "18EF3020#112233" ]
check j1939_tx_error grep -q 'TX aborted: Network is unreachable' "$work/j1939.err"
check j1939_tx_exit_1 grep -qx 'rc=1' "$work/j1939.err"
check j1939_tx_counted [ "$(stat vxtx0 tx dropped_rule)/$(stat vxtx0 tx accepted)" = 107/7 ]
rule_frames() { rule_stat vxtx0 tx "$1" frames; }	# rule_frames INDEX
check txsock_rule_counters [ "$(rule_frames 0)/$(rule_frames 1)" = 6/101 ]

ctl flush >/dev/null
ip netns del txpeer
rmmod canfw
check txsock_unload [ $? = 0 ]
exit 0
