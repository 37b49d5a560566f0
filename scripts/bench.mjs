#!/usr/bin/env node
// `npm run bench`: speed and memory figures beside their targets (design.md, "Performance budgets").
// Each bench/<name>.ts is bundled into out/bench/ (inside the project so its packages resolve) and run
// in its own Node process, so one bench's memory never colours another's. Benches print plain lines;
// a bench that misses its target exits non-zero, and this script says which at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const BENCHES = [
  ['store-bench', 'case store: step change on disk, open a large case'],
  ['ui-bench', 'UI: show a large case'],
  ['hunt-bench', 'hunt: throughput against ripgrep, peak memory'],
  ['report-bench', 'report: HTML and PDF of a large case, evidence hashing against sha256sum'],
];
const only = process.argv.slice(2);
mkdirSync('out/bench', { recursive: true });

const missed = [];
for (const [name, what] of BENCHES) {
  if (only.length && !only.includes(name)) continue;
  const source = `bench/${name}.ts`;
  if (!existsSync(source)) continue;
  console.log(`\n=== ${name}: ${what}`);
  const outfile = `out/bench/${name}.mjs`;
  await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile, logLevel: 'warning' });
  const result = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (result.status !== 0) missed.push(name);
}
console.log(missed.length ? `\nbench: targets missed or errors in ${missed.join(', ')}` : '\nbench: every target met');
process.exit(missed.length ? 1 : 0);
