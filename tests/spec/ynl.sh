#!/usr/bin/env bash
# The netlink spec through the kernel's own YNL tools, from Debian's
# linux-source-6.12: validated against the genetlink-legacy schema, and
# the uapi header and the kernel's policy tables generated from it.
#
# usage: ynl.sh check   "ok NAME" / "not ok NAME" lines: the schema, and
#                       the committed files equal the generator's output
#        ynl.sh regen   write kmod/include/uapi/linux/canfw.h and
#                       kmod/netlink-gen.[ch] from docs/netlink/canfw.yaml
#        ynl.sh tree    print the prepared tree (for tools/net/ynl/cli.py)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${CANFW_CACHE:-/var/cache/canfw}
tarball=${CANFW_LINUX_SOURCE_612:-/usr/src/linux-source-6.12.tar.xz}
py=/usr/bin/python3	# Debian's, with python3-yaml and python3-jsonschema

die() { echo "ynl.sh: $*" >&2; exit 1; }
[ -r "$tarball" ] || die "no $tarball (apt-get install linux-source-6.12)"

# The tools and schemas, unpacked once per tarball. ynl-gen-c finds the
# schema two levels above the spec and looks for the kernel's root by its
# MAINTAINERS file.
key=$(stat -c '%s-%Y' "$tarball")
tree=$cache/ynl-$key
if [ ! -f "$tree/.done" ]; then
	rm -rf "$tree"
	mkdir -p "$tree"
	tar -xJf "$tarball" -C "$tree" --strip-components=1 --wildcards \
		'*/tools/net/ynl/*' '*/Documentation/netlink/*' ||
		die "cannot unpack $tarball"
	touch "$tree/MAINTAINERS" "$tree/.done"
fi
spec=$tree/Documentation/netlink/specs/canfw.yaml
cp "$top/docs/netlink/canfw.yaml" "$spec"
gen=$tree/tools/net/ynl/ynl-gen-c.py

case "${1:-}" in
tree)
	echo "$tree"
	exit 0
	;;
check|regen) ;;
*) sed -n 6,11p "$0" | sed 's/^# //' >&2; exit 2 ;;
esac

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The generator runs in the tree, so the files name the spec as the kernel's
# own generated files do.
generate() {	# generate MODE-ARGS... OUTPUT
	(cd "$tree" && "$py" "$gen" "$@" \
		--spec Documentation/netlink/specs/canfw.yaml) 2>"$out/err"
}
generate --mode uapi --header -o "$out/canfw.h" &&
	generate --mode kernel --header -o "$out/netlink-gen.h" &&
	generate --mode kernel --source -o "$out/netlink-gen.c"
st=$?

if [ "$1" = regen ]; then
	[ $st = 0 ] || { cat "$out/err" >&2; die "ynl-gen-c failed"; }
	cp "$out/canfw.h" "$top/kmod/include/uapi/linux/canfw.h"
	cp "$out/netlink-gen.h" "$out/netlink-gen.c" "$top/kmod/"
	exit 0
fi

result() {	# result STATUS NAME
	if [ "$1" = 0 ]; then echo "ok $2"; else echo "not ok $2"; fi
}
"$py" - "$spec" "$tree/Documentation/netlink/genetlink-legacy.yaml" \
	>"$out/schema" 2>&1 <<'PY'
import sys
import jsonschema
import yaml
spec, schema = (yaml.safe_load(open(f)) for f in sys.argv[1:3])
assert spec["protocol"] == "genetlink-legacy", spec["protocol"]
jsonschema.validate(spec, schema)
PY
sst=$?
[ $sst = 0 ] || cat "$out/schema"
result $sst "spec: docs/netlink/canfw.yaml validates against the kernel's genetlink-legacy schema"
[ $st = 0 ] || cat "$out/err"
result $st "spec: ynl-gen-c generates the uapi header and the kernel's policy tables"
for f in include/uapi/linux/canfw.h netlink-gen.h netlink-gen.c; do
	diff -u "$top/kmod/$f" "$out/$(basename "$f")" >"$out/diff"
	dst=$?
	[ $st = 0 ] && [ $dst = 0 ]
	dst=$?
	[ $dst = 0 ] || head -40 "$out/diff"
	result $dst "spec: kmod/$f is ynl-gen-c's output (tests/spec/ynl.sh regen)"
done
