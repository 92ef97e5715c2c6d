#!/usr/bin/env bash
# Segmentation's mask IoU table (docs/perf): every synthetic preset over the plain background and
# textured backgrounds, all four views, against the generator's masks.
#   scripts/bench-segmentation.sh [size] [background seeds, comma-separated] [views|single] [presets, comma-separated]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
forge3d_find_jdk >/dev/null || exit 1
source scripts/bench-classpath.sh
cp="$(forge3d_bench_classpath segmentation-bench)"
"$JAVA_HOME/bin/java" -cp "$cp" dev.forge3d.benchmarks.SegmentationBench "$@" 2> >(grep -v -E '^WARNING' >&2)
