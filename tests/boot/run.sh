#!/usr/bin/env bash
# Installing canfw as a user would, on the host, then booting into it:
#  - DKMS: dkms.conf refuses a kernel without the options canfw needs;
#    dkms add/build/install for each Debian kernel given; each boots in a
#    guest where `modprobe canfw` loads the DKMS build and a policy applies,
#    and fail_closed=1 is tested both ways (tests/boot/guest.sh); dkms
#    remove takes it all away again;
#  - make install / uninstall with DESTDIR and PREFIX, exact file lists;
#  - a real make install for the first kernel: systemd-analyze verify on
#    the unit, systemctl enable and disable, a guest that loads the module
#    through modules-load.d and runs the unit's ExecStart= lines; make
#    uninstall restores the system.
# Prints "ok NAME" / "not ok NAME" lines; modifies the host (run as root
# on a test machine: that is what make check is for).
#
# usage: run.sh OUTDIR CANFWCTL KVER...
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1 ctl=$2
shift 2
kvers=("$@")
mkdir -p "$out"
kboot=${CANFW_CACHE:-/var/cache/canfw}/kernels/boot

ok() { echo "ok $1"; }
notok() { echo "not ok $1"; echo "# $2" >&2; }
check() {	# check NAME COMMAND...
	local name=$1
	shift
	# Only results on stdout: commands' own output goes to the log.
	if "$@" >&2; then ok "$name"; else notok "$name" "$*"; fi
}

dkms_module() {	# dkms_module PATH KVER: PATH is DKMS's canfw.ko for KVER
	local m=/lib/modules/$2/updates/dkms/canfw.ko
	[ "$1" = "$m" ] || [ "$1" = "$m.xz" ] || [ "$1" = "$m.zst" ] || [ "$1" = "$m.gz" ]
}

version=$(sed -n 's/^#define CANFW_VERSION[^"]*"\(.*\)"/\1/p' "$top/kmod/canfw.h")
check "dkms.conf version is CANFW_VERSION ($version)" \
	grep -qx "PACKAGE_VERSION=\"$version\"" "$top/dkms.conf"

# A work copy: builds never leave objects in the checkout.
src=$out/src
rm -rf "$src"
rsync -a --exclude .git --exclude build "$top/" "$src/"

# A kernel without netfilter egress: Debian's headers with the option
# taken out of the configuration both Kbuild and DKMS read.
hdr=/usr/src/linux-headers-${kvers[0]}
fake=$out/headers-no-egress
rm -rf "$fake"
cp -a "$hdr" "$fake"
sed -i '/CONFIG_NETFILTER_EGRESS/d' "$fake/.config" "$fake/include/config/auto.conf"
make -C "$src" module KDIR="$fake" >"$out/fake-build.log" 2>&1
check "build refused without CONFIG_NETFILTER_EGRESS" [ $? != 0 ]
check "build says CONFIG_NETFILTER_EGRESS is missing" \
	grep -q "canfw needs CONFIG_NETFILTER_EGRESS" "$out/fake-build.log"

# --- DKMS -------------------------------------------------------------
dkms remove "canfw/$version" --all >/dev/null 2>&1
rm -rf "/usr/src/canfw-$version"
check "make dkms-src" make -s -C "$src" dkms-src
check "dkms add" dkms add "canfw/$version"
dkms build "canfw/$version" -k "${kvers[0]}" --kernelsourcedir "$fake" \
	>"$out/dkms-refused.log" 2>&1
check "dkms build refuses a kernel without CONFIG_NETFILTER_EGRESS (exit 77)" [ $? = 77 ]
check "dkms says why it refused" grep -q 'BUILD_EXCLUSIVE' "$out/dkms-refused.log"
check "dkms built nothing for it" \
	sh -c "! dkms status canfw | grep -q '${kvers[0]}'"
for kver in "${kvers[@]}"; do
	dkms build "canfw/$version" -k "$kver" >"$out/dkms-build-$kver.log" 2>&1
	check "dkms build ($kver)" [ $? = 0 ]
	dkms install "canfw/$version" -k "$kver" >"$out/dkms-install-$kver.log" 2>&1
	check "dkms install ($kver)" [ $? = 0 ]
	# DKMS compresses it as the kernel's own modules are (6.12: .ko.xz).
	check "modinfo finds the DKMS module ($kver)" \
		dkms_module "$(modinfo -k "$kver" -n canfw)" "$kver"
done
for kver in "${kvers[@]}"; do
	g=$out/guest-dkms-$kver
	bash "$top/tests/vm/run-vm.sh" --smp 1 --timeout 600 "$kboot/vmlinuz-$kver" \
		"$g" "$top/tests/boot/guest.sh" "$g" dkms "$kver" "$ctl" >"$g.log" 2>&1
	check "guest($kver): dkms tests ran to the end" [ $? = 0 ]
	[ -f "$g/boot.tap" ] && sed -E "s/^(not )?ok /&guest($kver): /" "$g/boot.tap"
	bash "$top/tests/vm/check-splat.sh" "$g/console.log" >&2
	check "guest($kver): no splat during the dkms tests" [ $? = 0 ]
done
check "dkms remove" dkms remove "canfw/$version" --all
for kver in "${kvers[@]}"; do
	check "dkms remove took the module away ($kver)" \
		sh -c "! ls /lib/modules/$kver/updates/dkms/canfw.ko* 2>/dev/null &&
		       ! modinfo -k $kver canfw >/dev/null 2>&1"
done
check "dkms knows canfw no more" sh -c "[ -z \"\$(dkms status canfw)\" ]"
rm -rf "/usr/src/canfw-$version"

# --- make install / uninstall, staged ------------------------------------
stage=$out/stage
rm -rf "$stage"
make -s -C "$src" install KDIR="$hdr" DESTDIR="$stage" PREFIX=/usr \
	>"$out/install-staged.log" 2>&1
check "make install DESTDIR= PREFIX=/usr" [ $? = 0 ]
(cd "$stage" && find . -type f | sed 's|^\.||' | LC_ALL=C sort) >"$out/staged.txt"
{
	echo /etc/canfw/policy.canfw
	echo /etc/modprobe.d/canfw.conf
	echo "/lib/modules/${kvers[0]}/updates/canfw.ko"
	echo /usr/lib/modules-load.d/canfw.conf
	echo /usr/lib/systemd/system/canfw.service
	echo /usr/sbin/canfwctl
	echo /usr/share/bash-completion/completions/canfwctl
	echo /usr/share/canfw/install-manifest
	for f in "$top"/policies/*.canfw; do
		echo "/usr/share/doc/canfw/examples/$(basename "$f")"
	done
	echo /usr/share/man/man8/canfwctl.8
} | LC_ALL=C sort >"$out/staged.want"
check "make install puts exactly the expected files under DESTDIR" \
	diff -u "$out/staged.want" "$out/staged.txt"
check "the unit runs canfwctl from PREFIX" \
	grep -qx 'ExecStart=/usr/sbin/canfwctl -q load /etc/canfw/policy.canfw' \
	"$stage/usr/lib/systemd/system/canfw.service"
check "no depmod output under DESTDIR" \
	sh -c "! ls '$stage/lib/modules/${kvers[0]}'/modules.* >/dev/null 2>&1"
make -s -C "$src" install KDIR="$hdr" DESTDIR="$stage" PREFIX=/usr \
	>"$out/install-again.log" 2>&1
check "a second make install refuses" [ $? != 0 ]
echo "# site rules" >>"$stage/etc/canfw/policy.canfw"
make -s -C "$src" uninstall KDIR="$hdr" DESTDIR="$stage" PREFIX=/usr \
	>"$out/uninstall-staged.log" 2>&1
check "make uninstall DESTDIR=" [ $? = 0 ]
check "make uninstall keeps an edited policy and nothing else" \
	[ "$(cd "$stage" && find . | LC_ALL=C sort | tr '\n' ' ')" = \
	  ". ./etc ./etc/canfw ./etc/canfw/policy.canfw " ]

# --- make install-tool: canfwctl alone, staged ---------------------------
stage=$out/stage-tool
rm -rf "$stage"
mkdir -p "$stage"
make -s -C "$src" install-tool DESTDIR="$stage" PREFIX=/usr \
	>"$out/install-tool.log" 2>&1
check "make install-tool DESTDIR= PREFIX=/usr" [ $? = 0 ]
check "make install-tool puts canfwctl, its man page and completion" \
	[ "$(cd "$stage" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" = \
	  "./usr/sbin/canfwctl ./usr/share/bash-completion/completions/canfwctl ./usr/share/canfw/install-manifest ./usr/share/man/man8/canfwctl.8 " ]
check "the installed canfwctl runs" "$stage/usr/sbin/canfwctl" check "$top/policies/limp.canfw"
make -s -C "$src" uninstall DESTDIR="$stage" PREFIX=/usr \
	>"$out/uninstall-tool.log" 2>&1
check "make uninstall after install-tool" [ $? = 0 ]
check "make uninstall removes all install-tool added" \
	[ "$(cd "$stage" && find . | LC_ALL=C sort | tr '\n' ' ')" = ". " ]

# --- make install / uninstall, for real ----------------------------------
snapshot() {
	find /usr/local /etc/canfw /etc/modprobe.d /etc/modules-load.d \
		"/lib/modules/${kvers[0]}" 2>/dev/null | LC_ALL=C sort
}
snapshot >"$out/before.txt"
make -s -C "$src" install KDIR="$hdr" >"$out/install.log" 2>&1
check "make install" [ $? = 0 ]
unit=/usr/local/lib/systemd/system/canfw.service
check "systemd-analyze verify canfw.service" \
	sh -c "systemd-analyze verify '$unit' >'$out/verify.log' 2>&1 && ! grep -q . '$out/verify.log'"
check "modinfo finds the installed module" \
	[ "$(modinfo -k "${kvers[0]}" -n canfw)" = "/lib/modules/${kvers[0]}/updates/canfw.ko" ]
check "systemctl enable canfw" sh -c 'systemctl enable canfw &&
	[ -L /etc/systemd/system/sysinit.target.wants/canfw.service ]'
check "systemctl disable canfw" sh -c 'systemctl disable canfw &&
	[ ! -e /etc/systemd/system/sysinit.target.wants/canfw.service ]'
g=$out/guest-installed
bash "$top/tests/vm/run-vm.sh" --smp 1 --timeout 600 "$kboot/vmlinuz-${kvers[0]}" \
	"$g" "$top/tests/boot/guest.sh" "$g" installed "${kvers[0]}" >"$g.log" 2>&1
check "guest(${kvers[0]}): installed-system tests ran to the end" [ $? = 0 ]
[ -f "$g/boot.tap" ] && sed -E "s/^(not )?ok /&guest(${kvers[0]}): /" "$g/boot.tap"
bash "$top/tests/vm/check-splat.sh" "$g/console.log" >&2
check "guest(${kvers[0]}): no splat during the installed-system tests" [ $? = 0 ]
make -s -C "$src" uninstall KDIR="$hdr" >"$out/uninstall.log" 2>&1
check "make uninstall" [ $? = 0 ]
snapshot >"$out/after.txt"
check "make uninstall removes exactly what make install added" \
	diff -u "$out/before.txt" "$out/after.txt"
check "modprobe no longer finds canfw" \
	sh -c "! modinfo -k '${kvers[0]}' canfw >/dev/null 2>&1"
