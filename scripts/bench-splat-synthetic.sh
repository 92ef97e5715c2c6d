#!/usr/bin/env bash
# The synthetic acceptance run: renders the demo orbit (120 frames, 640x360), trains splats from
# the ground-truth cameras on the CPU with every 8th frame held out, and prints the held-out PSNR
# and SSIM with the wall time per stage. Usage: scripts/bench-splat-synthetic.sh [STEPS] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-1500}"
out="${2:-$(mktemp -d)/demo}"
"$root/forge3d" demo -o "$out" --steps "$steps" --ground-truth-poses --json > "$out.json"
grep -oE '"(psnr|ssim|gaussians|train_seconds|seconds_[a-z_]+)":[0-9.]+' "$out.json"
echo "outputs in $out (preview: $out/preview.png)"
