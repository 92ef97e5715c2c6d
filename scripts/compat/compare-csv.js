// Compares splat-transform's CSV of our PLY with Forge3D's own reading of it: the same columns
// in the same order, the same Gaussian count, and the same min and max of every column (as float32).
const fs = require('fs');
const [csvFile, oursFile] = process.argv.slice(2);
const ours = JSON.parse(fs.readFileSync(oursFile, 'utf8'));
const lines = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
const header = lines[0].split(',');
const expected = Object.keys(ours.ranges);
let failures = 0;
const fail = (message) => { console.error('MISMATCH ' + message); failures++; };
if (header.join(',') !== expected.join(',')) {
  fail(`columns: splat-transform ${header.join(',')} vs ours ${expected.join(',')}`);
}
const rows = lines.length - 1;
if (rows !== ours.count) fail(`count: splat-transform ${rows} vs ours ${ours.count}`);
const min = header.map(() => Infinity);
const max = header.map(() => -Infinity);
for (let r = 1; r < lines.length; r++) {
  const values = lines[r].split(',');
  for (let c = 0; c < header.length; c++) {
    const v = Math.fround(Number(values[c]));
    if (v < min[c]) min[c] = v;
    if (v > max[c]) max[c] = v;
  }
}
header.forEach((name, c) => {
  const range = ours.ranges[name];
  if (!range) return;
  if (min[c] !== Math.fround(range[0]) || max[c] !== Math.fround(range[1])) {
    fail(`${name}: splat-transform [${min[c]}, ${max[c]}] vs ours [${range[0]}, ${range[1]}]`);
  }
});
console.log(`splat-transform read ${rows} Gaussians, ${header.length} properties; ours ${ours.count}, ` +
  `${expected.length}; ${failures === 0 ? 'all ranges match' : failures + ' mismatches'}`);
process.exit(failures === 0 ? 0 : 1);
