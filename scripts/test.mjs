#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest, then one summary line
// ("N passed, N failed, N skipped") summed over the vitest runs. Exit code non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { HOW_TO_GET_CHROMIUM, findChromium } from './find-chromium.mjs';

const artifacts = 'test-artifacts';
mkdirSync(artifacts, { recursive: true });

if (!findChromium()) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}

const failures = [];
const run = (label, command, args) => {
  const started = Date.now();
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = result.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
};
const bin = (name) => `node_modules/.bin/${name}`;

run('typecheck', 'npm', ['run', '-s', 'typecheck']);
run('lint', 'npm', ['run', '-s', 'lint']);
const built = run('build (electron-vite and command line)', 'sh', ['-c', `${bin('electron-vite')} build && npm run -s build:cli`]);

const suites = [
  ['unit tests (core, electron wiring, command line, playbooks)', 'vitest.config.ts', 'unit'],
  ['end-to-end tests (built renderer in headless Chromium, real core)', 'vitest.e2e.config.ts', 'e2e'],
  ['Electron end-to-end tests (need the Electron binary)', 'vitest.electron.config.ts', 'electron'],
];
for (const [label, config, name] of suites) {
  if (!existsSync(config)) continue;
  if (name !== 'unit' && !built) {
    console.log(`\n=== ${label}: not run, the build failed`);
    failures.push(label);
    continue;
  }
  run(label, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${artifacts}/${name}.json`]);
}

let passed = 0, failed = 0, skipped = 0;
for (const name of ['unit', 'e2e', 'electron']) {
  const file = `${artifacts}/${name}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length || failed || passed === 0 ? 1 : 0);
