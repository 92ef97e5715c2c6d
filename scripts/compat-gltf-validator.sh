#!/usr/bin/env bash
# Compatibility check: every GLB the tests wrote (target/glb-samples of each module), or the GLBs
# given as arguments, must pass the Khronos glTF validator (npm gltf-validator, a library: a small
# node script calls validateBytes) with 0 errors and 0 warnings. Needs node and npm; installs the
# validator into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
VALIDATOR_VERSION="2.0.0-dev.3.10"

# shellcheck source=compat/npm-check.sh
source scripts/compat/npm-check.sh
compat_samples compat-gltf-validator '*/target/glb-samples/*.glb' "GLB files" "$@"
compat_npm_install compat-gltf-validator "gltf-validator@$VALIDATOR_VERSION"
cat > "$work/validate.js" <<'JS'
const fs = require('fs');
const validator = require('gltf-validator');
(async () => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {
      uri: file, maxIssues: 100,
    });
    const { numErrors, numWarnings, numInfos } = report.issues;
    const ok = numErrors === 0 && numWarnings === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${numErrors} errors, ${numWarnings} warnings, ${numInfos} infos`);
    for (const m of report.issues.messages) {
      if (m.severity <= 1 || !ok) console.log(`     [${m.severity}] ${m.code} ${m.pointer || ''}: ${m.message}`);
    }
    if (!ok) failed++;
  }
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
JS
NODE_PATH="$work/node_modules" node "$work/validate.js" "${files[@]}"
