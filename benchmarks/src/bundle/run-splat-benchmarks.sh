#!/usr/bin/env bash
# Issue 5's GPU training benchmarks with the bundled Java runtime, in about 5 minutes on an H100:
#   1. steps per second of the GPU session at 1M Gaussians, 1297 x 840 (CudaSplatStepBenchmark,
#      mode=kernels; target >= 80 on an H100);
#   2. peak GPU memory per Gaussian during training (trackMemory=true; target <= 1.2 KB);
#   3. the host overhead of the FFM calls: the step with every kernel skipped (mode=host-only)
#      over the real step (target < 2%);
#   4. a whole step, CPU twin against CUDA, at 400 x 225 with 50k Gaussians (SplatStepBenchmark).
#
#   ./run-splat-benchmarks.sh [JMH options for 1 and 3, for example -p gaussians=524288]
#
# JMH's CSV results and the memory report go to $OUT when it is set (the device tool's output
# folder), else to a fresh temporary folder; the summary lines end the output.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="${OUT:-$(mktemp -d)}"
mkdir -p "$results"
jmh=("$here/runtime/bin/java" --enable-native-access=ALL-UNNAMED -cp "$here/lib/*"
    dev.forge3d.benchmarks.BenchmarkMain)
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

"${jmh[@]}" CudaSplatStepBenchmark -rf csv -rff "$results/splat-step-1m.csv" "$@"
"${jmh[@]}" CudaSplatStepBenchmark -p mode=kernels -p trackMemory=true -wi 1 -w 5s -i 1 -r 10s \
    | tee "$results/splat-memory.txt"
"${jmh[@]}" SplatStepBenchmark -rf csv -rff "$results/splat-step-cpu-vs-cuda.csv"

echo
echo "== summary (device: $(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null || echo unknown))"
# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /Param: mode/) m = i; next }
    { gsub(/"/, ""); score[$m] = $5 }
    END {
        printf "1. GPU session, 1M Gaussians at 1297x840: %.1f steps/s\n", score["kernels"]
        if (score["host-only"] > 0)
            printf "3. host overhead of a step: %.2f%% (%.0f host-only steps/s)\n",
                100 * score["kernels"] / score["host-only"], score["host-only"]
    }' "$results/splat-step-1m.csv"
grep 'peak GPU memory' "$results/splat-memory.txt" | sed 's/^/2. /'
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /Param: backend/) b = i; next }
    { gsub(/"/, ""); score[$b] = $5 }
    END { if (score["cpu"] > 0 && score["cuda"] > 0)
        printf "4. whole step at 400x225, 50k Gaussians: CPU %.2f, CUDA %.1f steps/s, %.0fx\n",
            score["cpu"], score["cuda"], score["cuda"] / score["cpu"] }' "$results/splat-step-cpu-vs-cuda.csv"
