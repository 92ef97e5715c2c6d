#!/usr/bin/env bash
# Runs the JMH benchmarks (CPU twins against CUDA) with the bundled Java runtime.
# Takes JMH's own options, for example: ./run-benchmarks.sh -p count=1048576 -wi 2 -i 3
# CUDA is benchmarked only where the backend is available; the first line says why not otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The bundle leaves out JavaCV's and LWJGL's native jars (OpenBLAS, OpenCV, meshoptimizer) to stay
# small, so the benchmarks that need them are excluded; they run from the full build instead. The
# mesh kernels are benchmarked here on analytic inputs (MeshHotLoops) in place of MeshKernels.
exec "$here/runtime/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "$here/lib/*" dev.forge3d.benchmarks.BenchmarkMain -e 'DescriptorMatching|MeshKernels' "$@"
