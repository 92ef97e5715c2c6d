#!/usr/bin/env bash
# Builds libforge3d_cuda.so from include/ and src/main/cuda/ with nvcc, for Maven's
# generate-resources phase.
#
#   build-native.sh BUILD_DIR RESOURCE_DIR [CLASSES_DIR]
#
# The library lands in RESOURCE_DIR/native/<platform>/ so that it is packed into the jar. Maven's
# resource copy never deletes, so CLASSES_DIR, when given, loses whichever of the library and the
# not-built note is stale there. It is a
# fat binary (SASS for sm_75, 80, 86, 89 and 90, plus compute_90 PTX for newer GPUs) linked with the
# static CUDA runtime and C++ library, so the driver's libcuda.so.1 is its only run-time need.
#
# Without nvcc (looked for in $CUDA_HOME/bin, on the PATH, then in /usr/local/cuda/bin), or with
# FORGE3D_SKIP_NVCC=1, it writes libforge3d_cuda.so.not-built holding the reason instead, and the
# Java backend reports itself unavailable with that reason. Sources, flags and the compiler are
# hashed into a stamp, so an unchanged tree skips nvcc entirely.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 BUILD_DIR RESOURCE_DIR [CLASSES_DIR]" >&2
    exit 2
fi
module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="$1"
resource_dir="$2"
classes_dir="${3:-}"
library_name="libforge3d_cuda.so"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    Linux-aarch64) platform=linux-aarch64 ;;
    *) platform="" ;;
esac

output_dir="$resource_dir/native/${platform:-unsupported}"
library="$output_dir/$library_name"
not_built="$library.not-built"
packed="${classes_dir:+$classes_dir/native/${platform:-unsupported}/$library_name}"

# Records why there is no library; the Java loader reads this file and reports its text.
skip() {
    mkdir -p "$output_dir"
    rm -f "$library" ${packed:+"$packed"}
    printf '%s\n' "$1" >"$not_built"
    echo "[forge3d-cuda] skipped: $1"
    exit 0
}

[ -n "$platform" ] || skip "$library_name was not built ($(uname -s) $(uname -m) is not a supported platform)"
[ "${FORGE3D_SKIP_NVCC:-0}" = 1 ] && skip "$library_name was not built (FORGE3D_SKIP_NVCC=1 at build time)"

find_nvcc() {
    if [ -n "${CUDA_HOME:-}" ] && [ -x "$CUDA_HOME/bin/nvcc" ]; then
        echo "$CUDA_HOME/bin/nvcc"
    elif command -v nvcc >/dev/null 2>&1; then
        command -v nvcc
    elif [ -x /usr/local/cuda/bin/nvcc ]; then
        echo /usr/local/cuda/bin/nvcc
    fi
}
nvcc="$(find_nvcc)"
[ -n "$nvcc" ] || skip "$library_name was not built (nvcc not found at build time in \$CUDA_HOME/bin, on the PATH or in /usr/local/cuda/bin)"

include_dir="$module_dir/include"
source_dir="$module_dir/src/main/cuda"
export_map="$source_dir/exports.map"

architectures=(
    -gencode arch=compute_75,code=sm_75
    -gencode arch=compute_80,code=sm_80
    -gencode arch=compute_86,code=sm_86
    -gencode arch=compute_89,code=sm_89
    -gencode arch=compute_90,code='[sm_90,compute_90]'
)
# FORGE3D_CUDA_ARCH=90 (for example) builds for that one architecture only: a quicker edit-compile
# loop while writing kernels, and the bundle for a known device. Releases and CI leave it unset.
if [ -n "${FORGE3D_CUDA_ARCH:-}" ]; then
    [[ "$FORGE3D_CUDA_ARCH" =~ ^[0-9]+$ ]] || { echo "[forge3d-cuda] FORGE3D_CUDA_ARCH must be digits, like 90" >&2; exit 2; }
    architectures=(-gencode "arch=compute_$FORGE3D_CUDA_ARCH,code=[sm_$FORGE3D_CUDA_ARCH,compute_$FORGE3D_CUDA_ARCH]")
fi
# -fvisibility=hidden plus F3D_API's visibility("default") keeps everything but the ABI private.
# No --use_fast_math: the kernels must round exactly like their CPU twins.
compile_flags=(
    -std=c++17 -O3 -DF3D_BUILDING_LIBRARY -I"$include_dir"
    -Xcompiler -fPIC,-fvisibility=hidden,-Wall,-Wextra
    "${architectures[@]}"
)
link_flags=(
    -shared -cudart static "${architectures[@]}"
    -Xcompiler -static-libstdc++,-static-libgcc
    -Xlinker --version-script="$export_map"
    -Xlinker --no-undefined
    -ldl
)

mapfile -t sources < <(cd "$source_dir" && find . -name '*.cu' | sed 's|^\./||' | LC_ALL=C sort)
[ ${#sources[@]} -gt 0 ] || { echo "[forge3d-cuda] no .cu sources under $source_dir" >&2; exit 1; }

# Anything that changes the output changes the stamp: sources, this script, flags, compiler.
stamp_file="$build_dir/$library_name.stamp"
stamp="$(
    {
        cat "${BASH_SOURCE[0]}"
        find "$include_dir" "$source_dir" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
        echo "${compile_flags[*]} ${link_flags[*]}"
        echo "$nvcc"
        "$nvcc" --version
    } | sha256sum | cut -d' ' -f1
)"
if [ -f "$library" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
    rm -f "$not_built" ${packed:+"$packed.not-built"}
    echo "[forge3d-cuda] $library_name is up to date"
    exit 0
fi

echo "[forge3d-cuda] building $library_name with $nvcc"
started=$(date +%s)
object_dir="$build_dir/obj"
rm -rf "$object_dir"
mkdir -p "$object_dir" "$output_dir"

# One nvcc per source, as many at once as there are cores.
jobs=$(nproc 2>/dev/null || echo 2)
objects=()
pids=()
for source in "${sources[@]}"; do
    object="$object_dir/${source%.cu}.o"
    mkdir -p "$(dirname "$object")"
    objects+=("$object")
    "$nvcc" "${compile_flags[@]}" -c "$source_dir/$source" -o "$object" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || { wait; echo "[forge3d-cuda] nvcc failed on a source" >&2; exit 1; }
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do
    wait "$pid" || { wait; echo "[forge3d-cuda] nvcc failed on a source" >&2; exit 1; }
done

linked="$build_dir/$library_name"
"$nvcc" "${link_flags[@]}" "${objects[@]}" -o "$linked"

# The exported symbols must be exactly the header's functions: a missing F3D_API or a leak of the
# static runtime shows up here, not on a user's machine.
if command -v nm >/dev/null 2>&1; then
    declared="$(sed -nE 's/^F3D_API[^(]*[ *](f3d_[a-z0-9_]+)\(.*/\1/p' "$include_dir/forge3d_cuda.h" | LC_ALL=C sort)"
    exported="$(nm -D --defined-only "$linked" | awk 'NF >= 3 {print $3}' | LC_ALL=C sort)"
    if [ "$declared" != "$exported" ]; then
        echo "[forge3d-cuda] exported symbols differ from forge3d_cuda.h:" >&2
        diff <(echo "$declared") <(echo "$exported") >&2 || true
        exit 1
    fi
fi

# Replace atomically, so an interrupted build never leaves a half-written library to be packed.
cp "$linked" "$library.tmp"
mv -f "$library.tmp" "$library"
rm -f "$not_built" ${packed:+"$packed.not-built"}
echo "$stamp" >"$stamp_file"
echo "[forge3d-cuda] built $library ($(du -k "$library" | cut -f1) KiB) in $(($(date +%s) - started)) s"
