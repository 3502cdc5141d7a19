#!/usr/bin/env bash
# Print the path of a promtool, for checking canfwctl's Prometheus output:
# Debian's prometheus package is fetched and unpacked into the cache, not
# installed, since installing it would set up and start a server.
#
# usage: promtool.sh   (exit 1, saying why on stderr, if there is none)
set -euo pipefail
cache=${CANFW_CACHE:-/var/cache/canfw}
dir=$cache/prometheus debs=$cache/debs
if [ ! -x "$dir/usr/bin/promtool" ]; then
	mkdir -p "$debs"
	(cd "$debs" && apt-get download -q prometheus >&2) || {
		echo "promtool.sh: apt-get download prometheus failed" >&2
		exit 1
	}
	rm -rf "$dir"
	dpkg-deb -x "$(ls -t "$debs"/prometheus_*.deb | head -n 1)" "$dir"
fi
echo "$dir/usr/bin/promtool"
