#!/usr/bin/env bash
# Compatibility check: every USDZ the tests wrote (target/usdz-samples of each module), or the
# USDZ files given as arguments, must load in three.js's USDLoader (npm `three`, a third-party
# USD parser): one or more meshes with triangles, normals and uvs, and a textured material.
# Node has no DOM, so the textures are not decoded, only wired. Needs node and npm; installs
# three into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
THREE_VERSION="0.187.0"

# shellcheck source=compat/npm-check.sh
source scripts/compat/npm-check.sh
compat_samples compat-usdz-three '*/target/usdz-samples/*.usdz' "USDZ files" "$@"
compat_npm_install compat-usdz-three "three@$THREE_VERSION"
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
