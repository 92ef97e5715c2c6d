#!/usr/bin/env bash
# Packs .gpu-scan/: everything `forge3d scan` needs on the GPU machine (which has a driver but no
# JDK, Maven or network), split into folders that each fit one carry of the session's device tool
# (64 MiB a call, working tree included; a warm machine keeps what earlier calls carried). See
# docs/gpu-bundle.md.
#
#   scripts/pack-gpu-scan.sh [VIDEO]      (default: ../shared/data/videos/stone_sign.mp4)
#
#   .gpu-scan/runtime/ a jlink'd Java runtime (headless: no X11, font or splash-screen libraries)
#   .gpu-scan/app/     the forge3d CLI and engine jars, and run-scan.sh
#   .gpu-scan/ffmpeg/  JavaCV's FFmpeg natives (linux-x86_64)
#   .gpu-scan/opencv/  OpenCV and OpenBLAS natives (linux-x86_64)
#   .gpu-scan/video/   the video to scan
#
# Set FORGE3D_CUDA_ARCH=90 to build the CUDA library for the H100/H200 only (faster to build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
forge3d_find_jdk || exit 1
video="${1:-$root/../shared/data/videos/stone_sign.mp4}"
[ -f "$video" ] || { echo "no video at $video" >&2; exit 2; }
out="$root/.gpu-scan"
# What the CLI loads: java.desktop for ImageIO (the preview PNGs), java.logging, java.management
# (JavaCPP), jdk.unsupported (JavaCPP's and JOML's Unsafe).
modules=java.base,java.desktop,java.logging,java.management,jdk.unsupported
# Headless, so AWT's X11, font and splash-screen libraries are dead weight in a 64 MiB carry.
excluded='**/libawt_xawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libfreetype.so'

(cd "$root" && ./mvnw -q -B -DskipTests package -pl cli-demo -am)
rm -rf "$out"
mkdir -p "$out/app" "$out/ffmpeg" "$out/opencv" "$out/video"
cp "$root/cli-demo/target/forge3d-cli.jar" "$out/app/"
for jar in "$root"/cli-demo/target/lib/*.jar; do
    case "$(basename "$jar")" in
        ffmpeg-*-linux-*.jar) cp "$jar" "$out/ffmpeg/" ;;
        opencv-*-linux-*.jar | openblas-*-linux-*.jar) cp "$jar" "$out/opencv/" ;;
        *) cp "$jar" "$out/app/" ;;
    esac
done
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --exclude-files="$excluded" --strip-debug --no-header-files \
    --no-man-pages --compress zip-9 --output "$out/runtime"
cp "$root/scripts/gpu-scan/run-scan.sh" "$out/app/"
cp "$video" "$out/video/"
limit=$((64 * 1024 * 1024))
for part in runtime app ffmpeg opencv video; do
    bytes=$(du -sb "$out/$part" | cut -f1)
    awk -v part="$part" -v bytes="$bytes" -v limit="$limit" 'BEGIN {
        printf "%-8s %6.1f MiB%s\n", part, bytes / 1048576, bytes < limit ? "" : "  (over one 64 MiB carry!)" }'
done
echo "packed $out; run: .gpu-scan/app/run-scan.sh .gpu-scan/video/$(basename "$video")"
