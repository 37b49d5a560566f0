#!/usr/bin/env node
// The `firebreak` command: a shim that runs the bundled CLI (out/cli/firebreak.mjs, built from
// cli/index.ts by `npm run build:cli`, which `npm install` runs through the `prepare` script).
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/firebreak.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('firebreak is not built yet: run `npm install` (which builds it) or `npm run build:cli`, then try again.\n');
  process.exitCode = 1;
} else {
  const { runCli } = await import(bundle.href);
  await runCli(process.argv.slice(2));
}
