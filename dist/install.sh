#!/usr/bin/env bash
# `make install` / `make uninstall`: the Makefile passes every directory.
#
# usage: install.sh install|install-tool|uninstall
# Environment: DESTDIR, SBINDIR, MANDIR, BASHCOMPDIR, SYSTEMDUNITDIR,
# MODULESLOADDIR, SYSCONFDIR, DOCDIR, DATADIR, MODDIR, KVER, KO, CTL.
#
# install records every file and directory it creates in
# $DATADIR/install-manifest (with the kernel release, for depmod);
# uninstall removes exactly those, newest first, so directories that
# existed before stay. Configuration in
# $SYSCONFDIR is installed only where none exists, and removed only if
# it is still as installed: an edited policy is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$DESTDIR$DATADIR/install-manifest
created=()
unit=""

mkdirs() {	# mkdirs DIR: create DIR and its missing parents, noting them
	local d=$1 missing=()
	while [ ! -d "$d" ]; do
		missing=("$d" "${missing[@]}")
		d=$(dirname "$d")
	done
	for d in "${missing[@]}"; do
		mkdir -m 755 "$d"
		created+=("d ${d#"$DESTDIR"}")
	done
}

put() {	# put MODE SRC DEST [config]
	local mode=$1 src=$2 dest=$DESTDIR$3
	mkdirs "$(dirname "$dest")"
	if [ "${4:-}" = config ] && [ -e "$dest" ]; then
		echo "install: keeping existing $dest"
		return
	fi
	install -m "$mode" "$src" "$dest"
	created+=("${4:-f} $3")
}

# canfwctl, its man page and completion: all that a machine needs to
# check and replay policies, or to drive a module installed otherwise.
do_install_tool() {
	[ -x "$CTL" ] || { echo "install: $CTL is missing: run make tool first" >&2; exit 1; }
	if [ -e "$manifest" ]; then
		echo "install: canfw is already installed here ($manifest): make uninstall first" >&2
		exit 1
	fi
	put 755 "$CTL" "$SBINDIR/canfwctl"
	put 644 userspace/canfwctl.8 "$MANDIR/man8/canfwctl.8"
	put 644 userspace/canfwctl.bash-completion "$BASHCOMPDIR/canfwctl"
	mkdirs "$(dirname "$manifest")"
	printf '%s\n' "${created[@]}" >"$manifest"
	echo "installed canfwctl as $SBINDIR/canfwctl"
}

do_install() {
	local f
	[ -f "$KO" ] || { echo "install: $KO is missing: run make first" >&2; exit 1; }
	[ -x "$CTL" ] || { echo "install: $CTL is missing: run make first" >&2; exit 1; }
	if [ -e "$manifest" ]; then
		echo "install: canfw is already installed here ($manifest): make uninstall first" >&2
		exit 1
	fi
	unit=$(mktemp)
	trap 'rm -f "$unit"' EXIT
	sed -e "s|@SBINDIR@|$SBINDIR|g" -e "s|@SYSCONFDIR@|$SYSCONFDIR|g" \
		dist/canfw.service.in >"$unit"

	put 644 "$KO" "$MODDIR/canfw.ko"
	put 755 "$CTL" "$SBINDIR/canfwctl"
	put 644 userspace/canfwctl.8 "$MANDIR/man8/canfwctl.8"
	put 644 userspace/canfwctl.bash-completion "$BASHCOMPDIR/canfwctl"
	put 644 "$unit" "$SYSTEMDUNITDIR/canfw.service"
	put 644 dist/modules-load.conf "$MODULESLOADDIR/canfw.conf"
	for f in policies/*.canfw; do
		put 644 "$f" "$DOCDIR/examples/$(basename "$f")"
	done
	put 644 dist/policy.canfw "$SYSCONFDIR/canfw/policy.canfw" config
	put 644 dist/modprobe.conf "$SYSCONFDIR/modprobe.d/canfw.conf" config
	mkdirs "$(dirname "$manifest")"
	printf '%s\n' "k $KVER" "${created[@]}" >"$manifest"
	# Packagers (DESTDIR set) run depmod when the package is installed.
	[ -n "$DESTDIR" ] || depmod -a "$KVER"
	echo "installed canfw for kernel $KVER; enable the boot-time policy with: systemctl enable canfw"
}

# The shipped file a config entry came from, to tell whether it was edited.
shipped() {
	case "$1" in
	*/canfw/policy.canfw) echo dist/policy.canfw ;;
	*/modprobe.d/canfw.conf) echo dist/modprobe.conf ;;
	esac
}

do_uninstall() {
	local kind path entries kver=""
	if [ ! -f "$manifest" ]; then
		echo "uninstall: no $manifest: canfw is not installed here" >&2
		exit 1
	fi
	mapfile -t entries <"$manifest"
	rm -f "$manifest"
	for ((i = ${#entries[@]} - 1; i >= 0; i--)); do
		read -r kind path <<<"${entries[i]}"
		case "$kind" in
		f) rm -f "$DESTDIR$path" ;;
		config)
			if cmp -s "$(shipped "$path")" "$DESTDIR$path"; then
				rm -f "$DESTDIR$path"
			elif [ -e "$DESTDIR$path" ]; then
				echo "uninstall: keeping $DESTDIR$path (changed since install)"
			fi ;;
		d) rmdir "$DESTDIR$path" 2>/dev/null ||
			echo "uninstall: keeping $DESTDIR$path (not empty)" ;;
		k) kver=$path ;;
		esac
	done
	[ -n "$DESTDIR" ] || [ -z "$kver" ] || depmod -a "$kver"
	echo "uninstalled canfw${kver:+ for kernel $kver}"
}

case "${1:-}" in
install) do_install ;;
install-tool) do_install_tool ;;
uninstall) do_uninstall ;;
*) echo "usage: $0 install|install-tool|uninstall" >&2; exit 2 ;;
esac
