#!/bin/busybox sh
# PID 1 of the test VM started by run-vm.sh, inside a busybox-only initramfs.
# Its job: expose the host's root (read-only) and OUTDIR (writable, at the
# same path as on the host), make that root the system's root, run the test
# script there, report its exit status through OUTDIR/exit-status and stop
# the VM. Anything going wrong stops the VM
# without exit-status, which run-vm.sh reports as a VM failure.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
# An unprivileged cpio build cannot contain /dev/console, so the kernel may have
# started us without stdio; take the console from devtmpfs in any case.
exec </dev/console >/dev/console 2>&1
# run-vm.sh tells a guest that died booting from one whose test failed.
echo "run-vm init: up"

# Reboot, not power-off: kernels without ACPI (the debug kernel) only halt on
# power-off and QEMU would run until the timeout; -no-reboot ends QEMU instead.
off() {
	sync
	echo b >/proc/sysrq-trigger
	sleep 10
	reboot -f
}
die() {
	echo "run-vm init: $*"
	off
}

mount -t proc proc /proc
mount -t sysfs sys /sys

# Distro kernels have 9p/virtio as modules; run-vm.sh lists them in load order.
if [ -s /modules/order ]; then
	while read -r m opts; do
		# shellcheck disable=SC2086 # opts: zero or more module parameters
		insmod "/modules/$m" $opts || die "insmod $m failed"
	done </modules/order
fi

o=trans=virtio,version=9p2000.L,msize=262144
mount -t 9p -o "$o" outdir /out || die "cannot mount the OUTDIR share"
read -r outdir </out/.run-vm/outdir || die "no OUTDIR path in the share"
# cache=loose: the host root does not change under a test run; it saves ~1.5 s
# of guest time per boot. OUTDIR stays uncached so results reach the host.
mount -t 9p -o "$o,ro,cache=loose" hostroot /mnt || die "cannot mount the host root"
mount -o bind /out "/mnt$outdir" || die "cannot mount OUTDIR at $outdir"

# The test sees a normal system: kernel filesystems, debugfs for KUnit and
# kmemleak, and writable scratch in /run (the host's /tmp stays visible, but
# read-only: TMPDIR points to /run/tmp).
mount -t proc proc /mnt/proc
mount -t sysfs sys /mnt/sys
mount -t debugfs debugfs /mnt/sys/kernel/debug
mount -t devtmpfs dev /mnt/dev
mkdir -p /mnt/dev/pts /mnt/dev/shm
mount -t devpts devpts /mnt/dev/pts
mount -t tmpfs shm /mnt/dev/shm
mount -t tmpfs run /mnt/run
mkdir -p /mnt/run/tmp
ip link set lo up

# switch_root, not chroot: the kernel refuses new user namespaces to a
# chroot'ed process, and the tests need them. It makes the host root "/"
# and execs the command below as PID 1 there; that shell runs the test,
# then reports its status and stops the VM itself (the initramfs is gone).
# shellcheck disable=SC2016 # expanded by the new PID 1
exec switch_root /mnt /usr/bin/env -i HOME=/root TERM=dumb TMPDIR=/run/tmp \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	/bin/bash -c '/bin/bash "$1/.run-vm/cmd"
		echo $? >"$1/exit-status"
		sync
		echo b >/proc/sysrq-trigger
		sleep 10' run-vm-init "$outdir"
