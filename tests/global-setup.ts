// Runs once before the unit test files: builds the command line if any source is newer than the
// bundle, so the CLI tests run the code as it is now and never build it twice in parallel.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cliBundle, repoRoot } from './cli/built-cli';

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(join(repoRoot, 'cli'));
  walk(join(repoRoot, 'core'));
  return newest;
}

export default function buildCliIfStale(): void {
  if (!existsSync(cliBundle) || statSync(cliBundle).mtimeMs < newestSource()) {
    execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: repoRoot, stdio: 'pipe' });
  }
}
