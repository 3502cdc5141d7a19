#!/usr/bin/env bash
# Run a test script inside a throw-away QEMU guest that sees the host's files.
#
# usage: run-vm.sh [--mem MB] [--smp N] [--timeout SEC] [--append CMDLINE]
#                  [--initrd-modules "MOD..."] [--qemu "ARGS..."]
#                  KERNEL_IMAGE OUTDIR SCRIPT [ARGS...]
#
# The guest mounts the host root read-only and OUTDIR writable at the same
# path, then runs `bash SCRIPT ARGS...` from the current directory (see
# vm-init.sh). The serial console goes to OUTDIR/console.log (also to stderr
# with VERBOSE=1). Exit status: the script's, or 125 if the guest never
# reported one (timeout, panic, boot failure).
#
# Host modules cannot be loaded here (see testbed notes), so everything runs in
# the guest; TCG because KVM hangs on this machine kind. For a distro kernel
# BASE/boot/vmlinuz-KVER, the modules that 9p/virtio need are put into the
# initramfs (--initrd-modules, default "9p 9pnet_virtio virtio_pci"; builtin
# ones are skipped, "" disables).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mem=2048 smp=2 tmo=600 append="" mods="9p 9pnet_virtio virtio_pci"
usage() { sed -n 4,6p "$0" | sed 's/^# //' >&2; exit 2; }
# --qemu: more QEMU arguments, split at blanks (devices such as emulated
# CAN controllers on an emulated bus).
qemu_args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--timeout) tmo=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--initrd-modules) mods=$2; shift 2 ;;
	--qemu) read -r -a qemu_args <<<"$2"; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 3 ] || usage
image=$1 outdir=$2
shift 2
[ -r "$image" ] || { echo "run-vm: cannot read kernel image $image" >&2; exit 125; }
mkdir -p "$outdir/.run-vm"
outdir=$(cd "$outdir" && pwd -P) # the guest mounts it at its real path
rm -f "$outdir/exit-status" "$outdir/console.log"
cache=${CANFW_CACHE:-/var/cache/canfw}
mkdir -p "$cache"
stage=$(mktemp -d "$cache/initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# Command file rather than kernel cmdline: no quoting or length limits.
{
	for v in ${!CANFW_@}; do printf 'export %s=%q\n' "$v" "${!v}"; done
	printf 'cd %q || exit 126\nexec /bin/bash' "$PWD"
	printf ' %q' "$@"
	echo
} >"$outdir/.run-vm/cmd"
printf '%s\n' "$outdir" >"$outdir/.run-vm/outdir"

# Initramfs: busybox, init and (distro kernels only) modules in load order.
root=$stage/root
mkdir -p "$root"/{bin,dev,proc,sys,mnt,out,modules}
cp /bin/busybox "$root/bin/busybox" # busybox-static: no libraries needed
cp "$here/vm-init.sh" "$root/init"
chmod 755 "$root/init"
# Modules come from BASE/lib/modules/KVER for an image BASE/boot/vmlinuz-KVER:
# the host's for /boot, or a distro kernel package unpacked anywhere.
kver=$(basename "$image" | sed -n 's/^vmlinuz-//p')
base=$(cd "$(dirname "$image")/.." && pwd)
if [ -n "$kver" ] && [ -n "$mods" ] && [ -d "$base/lib/modules/$kver" ]; then
	# -a: without it, modprobe takes every name after the first as a parameter.
	# shellcheck disable=SC2086 # $mods is a list
	modprobe -d "$base" -S "$kver" -a --show-depends $mods | while read -r kw path opts; do
		[ "$kw" = insmod ] || continue # "builtin NAME" needs nothing
		name=$(basename "$path" | sed -E 's/\.(xz|zst|gz)$//')
		grep -q "^$name " "$root/modules/order" 2>/dev/null && continue
		case "$path" in
		*.xz) xz -dc "$path" ;; *.zst) zstd -qdc "$path" ;;
		*.gz) gzip -dc "$path" ;; *) cat "$path" ;;
		esac >"$root/modules/$name"
		echo "$name $opts" >>"$root/modules/order"
	done
fi
key=$(cd "$root" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
initrd=$cache/initramfs-$key.cpio.gz
if [ ! -f "$initrd" ]; then
	# Built aside and renamed: concurrent runs never see a partial image.
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 >"$stage/img"
	mv -f "$stage/img" "$initrd"
fi

# kmemleak.verbose: leaks found by a scan reach the console, for check-splat.sh.
# kasan.fault=panic: a KASAN report ends the guest at once (a failure all
# the same, and check-splat.sh names it) instead of flooding the console.
cmdline="console=ttyS0 panic=-1 printk.time=1 kasan_multi_shot kasan.fault=panic kmemleak.verbose=1 rdinit=/init $append"
log=$outdir/console.log
sink() { if [ "${VERBOSE:-0}" = 1 ]; then tee "$log" >&2; else cat >"$log"; fi; }
# One CPU per socket: without ACPI (the debug kernel) Linux finds CPUs only in
# SeaBIOS's MP table, which lists just the first CPU of each package.
boot() {
	set +e
	timeout -k 10 "$tmo" qemu-system-x86_64 -accel tcg -cpu max -m "$mem" -smp "$smp,sockets=$smp,cores=1,threads=1" \
		-nographic -no-reboot -nic none "${qemu_args[@]}" \
		-kernel "$image" -initrd "$initrd" -append "$cmdline" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		-virtfs "local,path=$outdir,mount_tag=outdir,security_model=none,multidevs=remap" \
		</dev/null 2>&1 | sed -u 's/\r$//' | sink
	qrc=${PIPESTATUS[0]}
	set -e
}
boot
# TCG has been seen to crash a kernel while it boots, before any test ran
# (a KASAN report in early IRQ code): that is the emulator's, so boot once
# more. A guest that reached init and failed later is not retried.
if [ ! -f "$outdir/exit-status" ] && ! grep -q '^run-vm init: up' "$log"; then
	mv -f "$log" "$log.first-boot"
	echo "run-vm: the guest died before init (see $log.first-boot); booting once more" >&2
	boot
fi

if [ -f "$outdir/exit-status" ]; then
	exit "$(cat "$outdir/exit-status")"
fi
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	why="timed out after ${tmo}s"
elif grep -q 'Kernel panic' "$log"; then
	why="kernel panic"
else
	why="guest stopped without reporting an exit status (qemu exit $qrc)"
fi
echo "run-vm: $why; last console lines ($log):" >&2
tail -n 30 "$log" >&2
exit 125
