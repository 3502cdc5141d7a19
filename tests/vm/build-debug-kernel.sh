#!/usr/bin/env bash
# Build (or reuse) the debug kernel used by `make check`: Debian's linux-source
# with KUnit, KASAN, lockdep, UBSAN and kmemleak. The build is cached outside
# the checkout, keyed by source version and this directory's config, because it
# takes minutes and never changes between runs.
# Prints the tree's path on stdout; progress goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src_pkg=linux-source-6.1
tarball=$(ls /usr/src/linux-source-6.1.tar.xz)
srcver=$(dpkg-query -W -f '${Version}' "$src_pkg")
key=$(cat "$here/debug.config" "$0" | sha256sum | cut -c1-12)
cache=${CANFW_CACHE:-/var/cache/canfw}
tree="$cache/debug-$srcver-$key"

if [ -f "$tree/.canfw-complete" ]; then
	echo "$tree"
	exit 0
fi

echo "building debug kernel in $tree (cached after the first run)" >&2
rm -rf "$tree" "$tree.tmp"
mkdir -p "$tree.tmp"
tar -C "$tree.tmp" --strip-components=1 -xf "$tarball"
cd "$tree.tmp"
make -s tinyconfig >&2
scripts/kconfig/merge_config.sh -m .config "$here/debug.config" >&2
make -s olddefconfig >&2

# merge_config drops an option silently when a dependency is missing.
missing=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=y) ;; *) continue ;; esac
	if ! grep -qx "$line" .config; then
		echo "debug kernel: option not enabled: $line" >&2
		missing=1
	fi
done <"$here/debug.config"
[ "$missing" = 0 ] || exit 1

jobs=${CANFW_JOBS:-3}
make -s -j"$jobs" bzImage modules >&2
touch .canfw-complete
cd /
mv "$tree.tmp" "$tree"
echo "$tree"
