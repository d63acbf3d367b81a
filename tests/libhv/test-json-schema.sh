#!/bin/bash
# The JSON Schema in schemas/ against what hv writes (TAP, see
# check-json-schema.py). Debian's python3-jsonschema loads only under
# /usr/bin/python3; without it the test reports itself skipped.
set -euo pipefail
top=${HV_TOP_SRCDIR:?}
build=${HV_TOP_BUILDDIR:?}
if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	echo "1..0 # SKIP python3-jsonschema is not installed (apt-get install python3-jsonschema)"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/libhv/hvt-json-samples" "$work" 40
exec /usr/bin/python3 "$top/tests/libhv/check-json-schema.py" "$top/schemas/hv-domain.schema.json" \
	"$work" "$top/tests/libhv/xlcfgdata"
