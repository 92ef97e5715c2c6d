#!/usr/bin/env bash
# Runs engine-cuda's tests, the GPU ones (@Tag("gpu")) and the rest, with the bundled Java runtime.
#
#   ./run-gpu-tests.sh [--gpu-only] [--require-gpu | --allow-skip] [--sanitizer TOOL]
#                      [--tests CLASS_REGEX] [more JUnit console options]
#
# Where an NVIDIA GPU is present (/dev/nvidiactl or nvidia-smi), a GPU test that cannot reach it
# fails instead of skipping, so a broken setup cannot pass as green; --allow-skip turns that off,
# --require-gpu turns it on anywhere. --gpu-only runs only the GPU tests. --sanitizer runs the JVM
# under compute-sanitizer with that tool (memcheck, racecheck, initcheck, synccheck). --tests runs
# only the test classes whose fully qualified name matches the regex (JUnit's --include-classname),
# for example the rasteriser under racecheck, which is slow over the whole suite:
#   ./run-gpu-tests.sh --sanitizer racecheck --tests '.*GpuTileRasteriserTest'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

require_gpu=false
if [ -e /dev/nvidiactl ] || command -v nvidia-smi >/dev/null 2>&1; then
    require_gpu=true
fi
filters=()
launcher=()
while [ $# -gt 0 ]; do
    case "$1" in
        --sanitizer)
            [ $# -ge 2 ] || { echo "--sanitizer needs a tool, for example memcheck" >&2; exit 2; }
            launcher=(compute-sanitizer --tool "$2" --error-exitcode 86)
            shift
            ;;
        --require-gpu) require_gpu=true ;;
        --allow-skip) require_gpu=false ;;
        --gpu-only) filters+=(--include-tag gpu) ;;
        --tests)
            [ $# -ge 2 ] || { echo "--tests needs a class-name regex, for example '.*GpuTileRasteriserTest'" >&2; exit 2; }
            filters+=(--include-classname "$2")
            shift
            ;;
        *) break ;;
    esac
    shift
done
echo "GPU tests: $([ "$require_gpu" = true ] && echo 'must run (a GPU is expected here)' || echo 'skip without a GPU')"

tests_jar="$here/test/engine-cuda-tests.jar"
# JUnit's --class-path takes no wildcards, so list the jars.
class_path="$tests_jar"
for jar in "$here"/lib/*.jar; do
    class_path="$class_path:$jar"
done
exec ${launcher[@]+"${launcher[@]}"} "$here/runtime/bin/java" --enable-native-access=ALL-UNNAMED \
    -Dforge3d.test.requireGpu="$require_gpu" \
    -Dforge3d.test.inBundle=true \
    -jar "$here/test/junit-platform-console-standalone.jar" execute \
    --class-path "$class_path" \
    --scan-class-path "$tests_jar" \
    --fail-if-no-tests \
    --details=tree \
    ${filters[@]+"${filters[@]}"} "$@"
