#!/usr/bin/env node
// Builds dist/ when it is missing or older than any source file, so `npm start` works on a fresh clone.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'dist', 'src', 'index.js');
const sources = ['src', 'dialogs', 'cards', 'toolkit', 'scripts', 'bench'];

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (/\.(ts|json)$/.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

// The trained intent model, written beside the compiled classifier so that a start loads it instead of training it.
const snapshotWriter = path.join(root, 'dist', 'src', 'understanding', 'model-snapshot.js');
const snapshot = path.join(root, 'dist', 'src', 'understanding', 'intent-model.bin');

const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newest(path.join(root, s))), fs.statSync(path.join(root, 'tsconfig.build.json')).mtimeMs);
if (built < changed) {
  console.error('certibot: building (tsc)…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}
// Also when only the snapshot is missing (dist compiled by a bare tsc): the code is current, the model is not there.
if (built < changed || !fs.existsSync(snapshot)) {
  execFileSync(process.execPath, [snapshotWriter], { stdio: 'inherit', cwd: root });
}
