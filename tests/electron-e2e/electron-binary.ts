// Finds a runnable Electron without require('electron') (which, since Electron 42, starts a
// download from GitHub). Mirrors electron's own index.js: path.txt under dist/ or under
// $ELECTRON_OVERRIDE_DIST_PATH, then checks the file really runs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export type ElectronBinary = { path: string; version: string } | { reason: string };

const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };
const WHY = '(downloaded from GitHub, which this machine cannot reach; run npx install-electron where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH)';

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    // Resolving package.json does not run electron's index.js.
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: `the electron package is not installed ${WHY}` };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (DEFAULT_EXECUTABLE[process.platform] ?? 'electron');
  const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist'), relative);
  try {
    accessSync(candidate, constants.X_OK);
  } catch {
    return { reason: `no Electron binary at ${candidate} ${WHY}` };
  }
  const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.status !== 0) return { reason: `the Electron binary at ${candidate} does not run (${probe.error?.message ?? probe.stderr.trim()})` };
  return { path: candidate, version: probe.stdout.trim() };
}
