#!/usr/bin/env node
// `npm start`: build the app, then run it in Electron.
// Never require('electron') here: since Electron 42 that starts a download from GitHub.
// The binary is found the way electron's own index.js does it: node_modules/electron/path.txt
// under dist/, or under $ELECTRON_OVERRIDE_DIST_PATH.
// `--skip-build` runs the existing out/ as is. Any other argument is passed to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NOT_INSTALLED =
  'Firebreak could not start: the Electron runtime is not installed and could not be downloaded (this machine cannot reach github.com). Run `npx install-electron` on a machine with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.';
const DEFAULT_EXECUTABLE = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };

function electronExecutable() {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (DEFAULT_EXECUTABLE[process.platform] ?? 'electron');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(ROOT, 'node_modules', 'electron', 'dist');
  return join(distDir, relative);
}

const npx = (args) => spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });

const argv = process.argv.slice(2);
const skipBuild = argv.includes('--skip-build');
const appArgs = argv.filter((arg) => arg !== '--skip-build');

if (!skipBuild) {
  const build = npx(['--no', '--', 'electron-vite', 'build']);
  if (build.status !== 0) {
    console.error('Firebreak could not start: the build failed (see the messages above).');
    process.exit(1);
  }
}

let executable = electronExecutable();
// One download attempt, unless an explicit override points elsewhere (a download would not change it).
if (!existsSync(executable) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  npx(['--no', '--', 'install-electron']);
  executable = electronExecutable();
}
if (!existsSync(executable)) {
  console.error(NOT_INSTALLED);
  process.exit(1);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node instead of the app
const child = spawn(executable, [ROOT, ...appArgs], { cwd: ROOT, stdio: 'inherit', env });
child.on('error', (error) => {
  console.error(`Firebreak could not start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
