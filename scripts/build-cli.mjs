#!/usr/bin/env node
// `npm run build:cli`: bundles the command line (out/cli/firebreak.mjs) and the hunt's worker thread
// (out/cli/hunt-worker.mjs, found next to it), then writes the rule snapshot (build-rule-snapshot.mjs).
// The hunt bench runs exactly these files.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export const cliBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // The packages are bundled in: loading one file instead of resolving zod, yaml and markdown-it module
  // by module starts `firebreak hunt` about 0.13 s sooner (import 0.30 s -> 0.16 s, measured).
  // playwright-core stays outside: large, and only for PDF, which says how to install it when missing.
  external: ['playwright-core', 'electron'],
  // CommonJS packages in an ES module bundle (yaml, yauzl, yazl) require Node's built-in modules
  banner: { js: "import { createRequire as __firebreakCreateRequire } from 'node:module';\nconst require = __firebreakCreateRequire(import.meta.url);" },
};

export async function buildCli() {
  await build({ ...cliBuildOptions, entryPoints: [join(root, 'cli', 'index.ts')], outfile: join(root, 'out', 'cli', 'firebreak.mjs') });
  await build({ ...cliBuildOptions, entryPoints: [join(root, 'core', 'hunt', 'worker.ts')], outfile: join(root, 'out', 'cli', 'hunt-worker.mjs') });
  await import('./build-rule-snapshot.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
