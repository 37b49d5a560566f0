// The built `firebreak` command line, run as a child process the way a consultant or a CI job would.
// tests/global-setup.ts builds it once before any test file runs, so test files never race to build it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliBundle = join(repoRoot, 'out', 'cli', 'firebreak.mjs');
export const cliBin = join(repoRoot, 'bin', 'firebreak.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; timeout?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
