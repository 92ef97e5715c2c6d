#!/usr/bin/env bash
# Compatibility check: every USDZ the tests wrote (target/usdz-samples of each module), or the
# USDZ files given as arguments, must load in three.js's USDLoader (npm `three`, a third-party
# USD parser): one or more meshes with triangles, normals and uvs, and a textured material.
# Node has no DOM, so the textures are not decoded, only wired. Needs node and npm; installs
# three into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
THREE_VERSION="0.187.0"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find . -path '*/target/usdz-samples/*.usdz' -type f | sort)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "compat-usdz-three: no USDZ files found (run the tests first: they write target/usdz-samples)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null 2>&1 \
  && npm install --silent --no-audit --no-fund "three@$THREE_VERSION" >/dev/null 2>&1) || {
  echo "compat-usdz-three: could not install three@$THREE_VERSION from npm" >&2
  exit 1
}
cat > "$work/check.mjs" <<'JS'
import fs from 'fs';
globalThis.document = { createElementNS: () => ({ addEventListener() {}, removeEventListener() {}, style: {}, set src(v) {} }) };
const { USDLoader } = await import('three/examples/jsm/loaders/USDLoader.js');
let failed = 0;
for (const file of process.argv.slice(2)) {
  const bytes = fs.readFileSync(file);
  let meshes = 0, triangles = 0, problems = [];
  try {
    const group = new USDLoader().parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    group.traverse(o => {
      if (!o.isMesh) return;
      meshes++;
      const g = o.geometry;
      triangles += g.index ? g.index.count / 3 : g.attributes.position.count / 3;
      if (!g.attributes.normal) problems.push('no normals');
      if (!g.attributes.uv) problems.push('no uvs');
      if (!o.material || !o.material.map) problems.push('no base colour texture');
    });
  } catch (e) {
    problems.push(String(e));
  }
  if (meshes === 0 || triangles === 0) problems.push('no mesh');
  const ok = problems.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${meshes} mesh(es), ${triangles} triangles${ok ? '' : ': ' + problems.join(', ')}`);
  if (!ok) failed++;
}
process.exit(failed ? 1 : 0);
JS
absolute=()
for f in "${files[@]}"; do absolute+=("$(realpath "$f")"); done
cd "$work" && node check.mjs "${absolute[@]}"
