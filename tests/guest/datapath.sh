#!/usr/bin/env bash
# Runs inside a guest: the firewall tests, then the event tests, in one boot.
# usage: datapath.sh OUTDIR CANFW_KO CANFWCTL NLFUZZ BCMRX [DATADIR]
set -u
here=$(dirname "$0")
bash "$here/firewall.sh" "$@"
fw=$?
bash "$here/events.sh" "$1" "$2" "$3"
ev=$?
exit $((fw | ev))
