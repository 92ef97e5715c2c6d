#!/usr/bin/env bash
# Where the silhouette model's volume error lies (docs/perf, Accuracy): each synthetic preset's
# four 160 x 160 views with true cameras and colour carving, as SilhouetteGeometryAccuracyTest
# runs them; for each, the false volume below, above and beside the object by how many views see
# it empty, and the missing volume by depth, on the test's volume IoU lattice. About a minute.
#   scripts/bench-mesh-volume-breakdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
forge3d_find_jdk >/dev/null || exit 1
./mvnw -B -pl engine-native -am verify -Dtest='SilhouetteGeometryAccuracyTest#volumeErrorBreakdown' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dforge3d.bench.volumeBreakdown=true -Djacoco.skip=true \
  -Dsurefire.useFile=false 2>&1 | grep -E 'volume error|^  (false seen|missing, nearest)|BUILD|ERROR'
