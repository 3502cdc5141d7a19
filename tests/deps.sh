#!/usr/bin/env bash
# Install what `make check` needs on Debian 12, only if something is missing.
set -euo pipefail

pkgs=(
	build-essential bc bison flex cpio kmod rsync xz-utils dwarves
	libelf-dev libssl-dev pkg-config libmnl-dev sparse
	linux-headers-amd64 linux-source-6.1 linux-source-6.12 python3-jsonschema
	qemu-system-x86 busybox-static can-utils iproute2 nftables clang python3 python3-yaml jq
	groff-base man-db dkms systemd valgrind gnuplot-nox
)

# The distribution kernels the module is tested on: Debian's 6.1, its
# PREEMPT_RT flavour and the newest 6.12 from bookworm, resolved now since
# their ABI numbers change with updates. Their headers are installed; their
# images are only unpacked into the cache (tests/vm/kernels.sh), so the
# host's /boot never changes.
images=(linux-image-amd64 linux-image-rt-amd64)
pkgs+=(linux-headers-rt-amd64)
newest_612() {
	apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-amd64$' |
		awk '{ print $1 }' | sort -V | tail -n 1
}
v612=$(newest_612)
if [ -z "$v612" ] && [ "$(id -u)" = 0 ]; then
	apt-get update -q >&2
	v612=$(newest_612)
fi
if [ -n "$v612" ]; then
	images+=("$v612")
	pkgs+=("linux-headers-${v612#linux-image-}")
else
	echo "deps: no Debian 6.12 kernel found by apt-cache" >&2
fi

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages (run as root to install): ${missing[*]}" >&2
		exit 1
	fi
	echo "deps: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
bash "$(dirname "$0")/vm/kernels.sh" "${images[@]}"
