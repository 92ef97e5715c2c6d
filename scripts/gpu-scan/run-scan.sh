#!/usr/bin/env bash
# Runs `forge3d scan VIDEO` with the Java runtime and jars packed by scripts/pack-gpu-scan.sh, on a
# machine with no JDK, Maven or network, and prints the wall time of every stage (issue 5
# benchmark 3: stone_sign.mp4 end to end at the defaults).
#
#   .gpu-scan/app/run-scan.sh VIDEO [more scan options, for example --device cuda or --steps 7000]
#
# The JSON result goes to $OUT/scan-result.json when $OUT is set (the device tool's output
# folder), else beside the PLY in a fresh temporary folder.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
[ $# -ge 1 ] || { echo "usage: $0 VIDEO [scan options]" >&2; exit 2; }
video="$1"
shift
for part in runtime ffmpeg opencv; do
    [ -n "$(ls -A "$top/$part" 2>/dev/null)" ] || { echo "$top/$part is missing or empty: carry .gpu-scan/$part first (docs/gpu-bundle.md)" >&2; exit 2; }
done
work="$(mktemp -d)"
results="${OUT:-$work}"
mkdir -p "$results"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
started=$(date +%s.%N)
"$top/runtime/bin/java" --enable-native-access=ALL-UNNAMED -Djoml.nounsafe=true \
    --sun-misc-unsafe-memory-access=allow \
    -cp "$here/*:$top/ffmpeg/*:$top/opencv/*" dev.forge3d.cli.Forge3dCli \
    scan "$video" -o "$work/scene.ply" --json "$@" >"$results/scan-result.json"
status=$?
finished=$(date +%s.%N)
cat "$results/scan-result.json"
echo
echo "exit status $status; wall time per stage (s):"
grep -oE '"seconds_[a-z_]+":[0-9.]+' "$results/scan-result.json" | tr -d '"' | sed 's/^seconds_/  /; s/:/: /'
grep -oE '"(psnr|ssim|gaussians|registered_frames|train_seconds|elapsed_sec)":[0-9.]+' "$results/scan-result.json" | tr -d '"'
awk -v a="$started" -v b="$finished" 'BEGIN { printf "end to end, JVM start included: %.1f s\n", b - a }'
exit $status
