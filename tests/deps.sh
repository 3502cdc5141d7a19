#!/usr/bin/env bash
# Install what `make check` needs on Debian 12, only if something is missing.
set -euo pipefail

pkgs=(
	build-essential bc bison flex cpio kmod rsync xz-utils dwarves
	libelf-dev libssl-dev pkg-config libmnl-dev sparse
	linux-headers-amd64 linux-source-6.1
	qemu-system-x86 busybox-static can-utils iproute2 clang python3
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages (run as root to install): ${missing[*]}" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
