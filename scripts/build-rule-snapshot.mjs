#!/usr/bin/env node
// Part of `npm run build:cli`: writes out/cli/bundled-rules.json, the bundled playbooks' hunt rules as
// the registry validates them, with the SHA-256 of each playbook file, so `firebreak hunt` can skip
// parsing them when they have not changed (cli/commands/hunt.ts, "the build-time rule snapshot").
// The snapshot is produced by the CLI's own code (writeRuleSnapshot in cli/commands/hunt.ts), bundled
// here into a temporary file beside the CLI so that it resolves the same playbooks folder and packages.
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const builder = join(root, 'out', 'cli', `.build-rule-snapshot-${process.pid}.mjs`);
const target = join(root, 'out', 'cli', 'bundled-rules.json');
try {
  await build({
    stdin: { contents: "export { writeRuleSnapshot } from './cli/commands/hunt';\n", resolveDir: root, sourcefile: 'build-rule-snapshot.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outfile: builder,
    logLevel: 'warning',
  });
  const { writeRuleSnapshot } = await import(pathToFileURL(builder).href);
  await writeRuleSnapshot(target);
} catch (error) {
  // Not fatal: without a snapshot `firebreak hunt` parses the playbooks, as it always could. An older
  // snapshot is removed all the same (its hashes would keep it from being used, but it misleads).
  rmSync(target, { force: true });
  process.stderr.write(`build-rule-snapshot: no rule snapshot written, firebreak hunt will parse the playbooks at each run: ${error?.message ?? String(error)}\n`);
} finally {
  rmSync(builder, { force: true });
}
