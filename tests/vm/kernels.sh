#!/usr/bin/env bash
# Unpack the guest kernels of Debian's image packages into the cache, without
# installing them: the host's /boot and boot loader stay as they are.
#
# usage: kernels.sh PACKAGE...   (run as root; prints nothing on success)
#
# Each package (a metapackage such as linux-image-amd64 is resolved to the
# image it depends on) is fetched with `apt-get download` and unpacked with
# `dpkg-deb -x` into $CANFW_CACHE/kernels, which then holds
# boot/vmlinuz-KVER and lib/modules/KVER as run-vm.sh expects. The guest
# runs on the host's root, so its modprobe looks in the host's
# /lib/modules/KVER: the modules are copied there too (next to the build
# link of the installed headers, where DKMS installs) and depmod indexes
# them. Nothing under /lib/modules is read by the host's own boot.
set -euo pipefail
cache=${CANFW_CACHE:-/var/cache/canfw}
kernels=$cache/kernels
debs=$cache/debs
mkdir -p "$kernels" "$debs"

image_of() {	# image_of PACKAGE: the real image package behind a metapackage
	local dep
	dep=$(apt-cache depends "$1" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
	echo "${dep:-$1}"
}

for meta in "$@"; do
	pkg=$(image_of "$meta")
	grep -qx "$pkg" "$kernels/.unpacked" 2>/dev/null && continue
	(cd "$debs" && apt-get download -q "$pkg" >&2)
	deb=$(ls -t "$debs/${pkg}"_*.deb | head -n 1)
	unpack=$(mktemp -d "$kernels/.unpack.XXXXXX")
	dpkg-deb -x "$deb" "$unpack"
	for img in "$unpack"/boot/vmlinuz-*; do
		kver=${img##*/vmlinuz-}
		mkdir -p "$kernels/boot" "$kernels/lib/modules"
		rm -rf "$kernels/lib/modules/$kver"
		mv "$unpack/lib/modules/$kver" "$kernels/lib/modules/$kver"
		cp "$unpack"/boot/*-"$kver" "$kernels/boot/"
		mkdir -p "/lib/modules/$kver"
		cp -a "$kernels/lib/modules/$kver/." "/lib/modules/$kver/"
		depmod -a -F "$kernels/boot/System.map-$kver" "$kver"
		depmod -b "$kernels" -a -F "$kernels/boot/System.map-$kver" "$kver"
	done
	rm -rf "$unpack"
	echo "$pkg" >>"$kernels/.unpacked"
done
