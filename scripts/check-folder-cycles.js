#!/usr/bin/env node
/**
 * No folder imports a folder that imports it back, however far round: `npm run lint` fails on a cycle between
 * folders of certibot (src/<folder>, dialogs, cards, toolkit; files directly in src/ count as the folder "src").
 * dependency-cruiser checks cycles between modules; this collapses its module graph to folders and looks for
 * strongly connected components.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cruise = JSON.parse(
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', 'dialogs', 'cards', 'toolkit', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ),
);

/** The folder a module belongs to, or undefined for what is not certibot's (packages, node built-ins). */
function folderOf(source) {
  const parts = source.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  if (['dialogs', 'cards', 'toolkit'].includes(parts[0])) return parts[0];
  return undefined;
}

const edges = new Map();
const because = new Map();
for (const module of cruise.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  if (!edges.has(from)) edges.set(from, new Set());
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from) continue;
    edges.get(from).add(to);
    if (!because.has(`${from}→${to}`)) because.set(`${from}→${to}`, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(node) {
  state.set(node, { index, low: index, onStack: true });
  index += 1;
  stack.push(node);
  for (const next of edges.get(node) ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component);
  }
}
for (const node of edges.keys()) if (!state.has(node)) visit(node);

if (cycles.length === 0) {
  console.log(`folder cycles: none (${edges.size} folders)`);
  process.exit(0);
}
for (const cycle of cycles) {
  const members = new Set(cycle);
  console.error(`folder cycle: ${cycle.sort().join(' ⇄ ')}`);
  for (const [edge, example] of because) {
    const [from, to] = edge.split('→');
    if (members.has(from) && members.has(to)) console.error(`  ${edge}: ${example}`);
  }
}
process.exit(1);
