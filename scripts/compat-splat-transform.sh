#!/usr/bin/env bash
# Compatibility check of our 3DGS PLY with an independent reader: installs
# @playcanvas/splat-transform from npm into a temporary folder, writes a PLY with Forge3D's
# writer (scripts/compat/SplatPlyFixture.java), converts it to CSV with splat-transform, and
# compares the Gaussian count, the property order and every property's min and max with what
# Forge3D's reader reports. Needs node, npm, a JDK 22+ and the built engine classes
# (./mvnw verify or package). Exit 0 when everything matches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=find-jdk.sh
source "$root/scripts/find-jdk.sh"
forge3d_find_jdk >/dev/null || exit 1
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "compat-splat-transform: $tool is not installed" >&2; exit 1; }
done
classes="$root/engine-native/target/classes:$root/engine-api/target/classes"
[ -f "$root/engine-native/target/classes/dev/forge3d/engine/io/GaussianPly.class" ] || {
  echo "compat-splat-transform: build first (./mvnw -B package -DskipTests)" >&2; exit 1; }
version="${SPLAT_TRANSFORM_VERSION:-2.7.1}"
# shellcheck source=compat/npm-check.sh
source "$root/scripts/compat/npm-check.sh"
compat_npm_install compat-splat-transform "@playcanvas/splat-transform@$version"
"$JAVA_HOME/bin/java" -cp "$classes" "$root/scripts/compat/SplatPlyFixture.java" "$work/ours.ply" > "$work/ours.json"
(cd "$work" && ./node_modules/.bin/splat-transform -q -w ours.ply ours.csv)
node "$root/scripts/compat/compare-csv.js" "$work/ours.csv" "$work/ours.json"
