#!/usr/bin/env bash
# Side by side: `forge3d poses` and COLMAP (CPU) on the same frames.
#
#   scripts/bench-poses-vs-colmap.sh [VIDEO] [FRAMES] [OUT]
#
# Defaults: ../shared/data/videos/stone_sign.mp4, 80 frames, /tmp/forge3d-bench-poses.
# Runs our poses job (default downscale 2, sequential matching), then COLMAP 3.8 on the frames
# our job extracted (images/), with the same camera model (SIMPLE_RADIAL, one shared camera) and
# matcher (sequential), and prints one table: wall time per stage, frames registered, points, mean
# reprojection error, and the median rotation difference between the two pose sets after a
# Sim(3) alignment of the camera centres. Installs COLMAP from Debian when it is missing.
# Needs python3 with numpy for the comparison.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
video="${1:-$root/../shared/data/videos/stone_sign.mp4}"
frames="${2:-80}"
out="${3:-/tmp/forge3d-bench-poses}"

if ! command -v colmap >/dev/null; then
  echo "installing colmap (Debian)..." >&2
  apt-get update -qq && apt-get install -y -qq colmap >/dev/null
fi
export QT_QPA_PLATFORM=offscreen

rm -rf "$out"
mkdir -p "$out"
now() { date +%s.%N; }

echo "forge3d poses $video --frames $frames ..." >&2
"$root/forge3d" poses "$video" -o "$out/ours" --frames "$frames" --json > "$out/ours.json" 2> "$out/ours.log"

echo "COLMAP on the same $(ls "$out/ours/images" | wc -l) frames ..." >&2
db="$out/colmap/database.db"
mkdir -p "$out/colmap/sparse" "$out/colmap/txt"
t0=$(now)
colmap feature_extractor --database_path "$db" --image_path "$out/ours/images" \
  --ImageReader.single_camera 1 --ImageReader.camera_model SIMPLE_RADIAL \
  --SiftExtraction.use_gpu 0 > "$out/colmap/features.log" 2>&1
t1=$(now)
colmap sequential_matcher --database_path "$db" --SiftMatching.use_gpu 0 > "$out/colmap/matching.log" 2>&1
t2=$(now)
colmap mapper --database_path "$db" --image_path "$out/ours/images" --output_path "$out/colmap/sparse" \
  > "$out/colmap/mapper.log" 2>&1
t3=$(now)
# The largest model, as ours keeps the largest.
best=$(for m in "$out"/colmap/sparse/*/; do
  printf '%s %s\n' "$(grep -c . "$m/images.bin" 2>/dev/null || echo 0)" "$m"; done | sort -n | tail -1 | cut -d' ' -f2)
colmap model_converter --input_path "$best" --output_path "$out/colmap/txt" --output_type TXT > /dev/null 2>&1
colmap model_analyzer --path "$best" > "$out/colmap/analyzer.log" 2>&1 || true

python3 - "$out" "$t0" "$t1" "$t2" "$t3" <<'PY'
import json, re, sys
import numpy as np

out, t0, t1, t2, t3 = sys.argv[1], *map(float, sys.argv[2:])
ours = json.load(open(f"{out}/ours.json"))
m = ours["metrics"]

def read_images(path):
    poses = {}
    lines = [l for l in open(path) if not l.startswith("#")]
    for header in lines[0::2]:
        f = header.split()
        if len(f) < 10:
            continue
        q = np.array(list(map(float, f[1:5])))
        t = np.array(list(map(float, f[5:8])))
        w, x, y, z = q / np.linalg.norm(q)
        r = np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
                      [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
                      [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]])
        poses[f[9]] = (r, t)
    return poses

def read_error(points_path):
    errors = []
    for l in open(points_path):
        if not l.startswith("#") and l.strip():
            errors.append(float(l.split()[7]))
    return len(errors)

a = read_images(f"{out}/ours/sparse/0/images.txt")
b = read_images(f"{out}/colmap/txt/images.txt")
common = sorted(set(a) & set(b))
ca = np.array([-a[n][0].T @ a[n][1] for n in common])
cb = np.array([-b[n][0].T @ b[n][1] for n in common])
# Umeyama: cb ~ s R ca + t
mua, mub = ca.mean(0), cb.mean(0)
cov = (cb - mub).T @ (ca - mua) / len(common)
u, s, vt = np.linalg.svd(cov)
d = np.diag([1, 1, np.sign(np.linalg.det(u) * np.linalg.det(vt))])
rot = u @ d @ vt
diffs = []
for n in common:
    # camera-to-world rotations; ours mapped into COLMAP's frame by rot
    ra = rot @ a[n][0].T
    rb = b[n][0].T
    c = (np.trace(rb.T @ ra) - 1) / 2
    diffs.append(np.degrees(np.arccos(np.clip(c, -1, 1))))
analyzer = open(f"{out}/colmap/analyzer.log").read()
colmap_error = re.search(r"Mean reprojection error: ([0-9.]+)", analyzer)
colmap_points = read_error(f"{out}/colmap/txt/points3D.txt")
ours_total = sum(v for k, v in m.items() if k.startswith("seconds_"))
rows = [
    ("frame extraction (s)", f"{m.get('seconds_extract_frames', 0):.1f}", "(uses ours)"),
    ("features (s)", f"{m.get('seconds_extract_features', 0):.1f}", f"{t1 - t0:.1f}"),
    ("matching (s)", f"{m.get('seconds_match_features', 0):.1f}", f"{t2 - t1:.1f}"),
    ("mapping (s)", f"{m.get('seconds_reconstruct', 0):.1f}", f"{t3 - t2:.1f}"),
    ("total (s)", f"{ours_total:.1f}", f"{t3 - t0:.1f}"),
    ("frames registered", f"{m['registered_frames']}/{m['total_frames']}", f"{len(b)}/{m['total_frames']}"),
    ("points", f"{m['points']}", f"{colmap_points}"),
    ("mean reprojection error (px)", f"{m['mean_reprojection_error_px']:.3f}",
     colmap_error.group(1) if colmap_error else "?"),
    ("focal (px)", f"{m['focal_px']:.1f}", open(f"{out}/colmap/txt/cameras.txt").read().split("\n")[3].split()[4]),
]
print(f"| | forge3d poses | COLMAP 3.8 (CPU) |")
print(f"| --- | --- | --- |")
for name, x, y in rows:
    print(f"| {name} | {x} | {y} |")
print(f"| median rotation difference after Sim(3) ({len(common)} common frames) | {np.median(diffs):.3f} deg | |")
print(f"| max rotation difference | {np.max(diffs):.3f} deg | |")
PY
