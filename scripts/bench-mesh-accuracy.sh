#!/usr/bin/env bash
# The mesh geometry's high_poly accuracy table (docs/perf): each synthetic preset's four 512 x 512
# views, and the sphere's front view, through the job's geometry path at high_poly, against the
# generator's true shapes. Prints one line per case (Chamfer as a fraction of the bbox diagonal,
# volume IoU, worst silhouette IoU). Minutes on two cores, so it is a bench, not a CI test.
#   scripts/bench-mesh-accuracy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
forge3d_find_jdk >/dev/null || exit 1
./mvnw -B -pl engine-native -am verify -Dtest='MeshPipelineGeometryTest#highPolyAccuracyTable' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dforge3d.bench.meshAccuracy=true -Djacoco.skip=true \
  -Dsurefire.useFile=false 2>&1 | grep -E 'job geometry|BUILD|ERROR'
