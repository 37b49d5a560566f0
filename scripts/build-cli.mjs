#!/usr/bin/env node
// `npm run build:cli`: bundles the command line (out/cli/firebreak.mjs) and the hunt's worker thread
// (out/cli/hunt-worker.mjs, found next to it), then writes the rule snapshot (build-rule-snapshot.mjs).
// The hunt bench runs exactly these files.
import { readdir, rm } from 'node:fs/promises';
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
  // The packages are bundled in: loading a few files instead of resolving zod, yaml and markdown-it
  // module by module starts `firebreak hunt` about 0.13 s sooner (import 0.30 s -> 0.16 s, measured).
  // playwright-core stays outside: large, and only for PDF, which says how to install it when missing.
  external: ['playwright-core', 'electron'],
  // CommonJS packages in an ES module bundle (yaml, yauzl, yazl) require Node's built-in modules
  banner: { js: "import { createRequire as __firebreakCreateRequire } from 'node:module';\nconst require = __firebreakCreateRequire(import.meta.url);" },
};

const outDir = join(root, 'out', 'cli');

export async function buildCli() {
  // Each command is loaded when it runs (cli/commands/index.ts): split, the code it alone needs is a
  // chunk of its own, so `firebreak hunt` does not parse the report renderer or the playbook parser.
  // Chunks sit next to firebreak.mjs, as deep as it, because code finds files from import.meta.url
  // (the playbooks, the hunt worker); the chunks of an earlier build are removed first.
  for (const name of await readdir(outDir).catch(() => [])) if (name.startsWith('chunk-')) await rm(join(outDir, name));
  await build({ ...cliBuildOptions, entryPoints: { firebreak: join(root, 'cli', 'index.ts') }, outdir: outDir, splitting: true, chunkNames: 'chunk-[hash]', outExtension: { '.js': '.mjs' } });
  await build({ ...cliBuildOptions, entryPoints: [join(root, 'core', 'hunt', 'worker.ts')], outfile: join(outDir, 'hunt-worker.mjs') });
  await import('./build-rule-snapshot.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
