#!/usr/bin/env bash
# The mesh job's end-to-end bench (docs/perf): 4 views, high_poly, 20k faces, 1024 texture, on
# two CPU cores (taskset when available, and the JVM told it has two). Prints one JSON line a run.
# Given a photo, the job runs on it as the only view instead of the synthetic composite's four.
#   scripts/bench-mesh.sh [runs] [front photo]
set -euo pipefail
photo="${2:+$(realpath "$2")}"  # before the cd, so that a relative path means what the caller meant
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh
forge3d_find_jdk >/dev/null || exit 1
runs="${1:-3}"
source scripts/bench-classpath.sh
cp="$(forge3d_bench_classpath mesh-bench)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0,1); fi
"${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=2 -Xmx6g -cp "$cp" \
  dev.forge3d.benchmarks.MeshJobBench "$runs" "$out" ${photo:+"$photo"} 2> >(grep -v -E '^WARNING' >&2)
