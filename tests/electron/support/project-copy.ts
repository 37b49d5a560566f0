// A throw-away copy of the project that can be built and packaged without touching the shared
// out/ and dist/ folders, and without depending on the state of renderer/ (another part of the
// app): the renderer is replaced by a one-file stub carrying the CSP meta.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY_META } from '../../../electron/origin';

export const REPO = resolve(import.meta.dirname, '../../..');

const COPIED = ['electron', 'core', 'playbooks', 'build', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'electron-builder.yml'];

/** The production dependency closure (what electron-builder packs), walked from package.json. */
function productionDependencies(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).dependencies ?? {});
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = join(REPO, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    queue.push(...Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {}));
  }
  return [...seen];
}

/**
 * node_modules: production packages are real copies (electron-builder's npm collector cannot follow
 * a symlinked package to its dependencies, and then silently leaves them out of app.asar); every
 * other package (build tools, electron's types) is a symlink into the real node_modules.
 */
function linkNodeModules(target: string): void {
  const modules = join(target, 'node_modules');
  mkdirSync(modules);
  const production = new Set(productionDependencies().map((name) => name.split('/')[0]!));
  for (const entry of readdirSync(join(REPO, 'node_modules'))) {
    const source = join(REPO, 'node_modules', entry);
    if (production.has(entry)) {
      cpSync(source, join(modules, entry), { recursive: true });
    } else {
      symlinkSync(source, join(modules, entry));
    }
  }
}

export const STUB_RENDERER_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />
    <title>Firebreak</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.ts"></script>
  </body>
</html>
`;

export function makeProjectCopy(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-electron-'));
  for (const item of COPIED) {
    if (existsSync(join(REPO, item))) cpSync(join(REPO, item), join(dir, item), { recursive: true });
  }
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), STUB_RENDERER_HTML);
  writeFileSync(join(dir, 'renderer', 'main.ts'), "document.getElementById('root')!.textContent = 'Firebreak stub renderer';\n");
  linkNodeModules(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  status: number | null;
  output: string;
}

export function run(command: string, args: string[], cwd: string, timeoutMs = 120_000): RunResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_ENV: 'production' } });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

export function buildWithElectronVite(dir: string): RunResult {
  return run(join(dir, 'node_modules', '.bin', 'electron-vite'), ['build'], dir);
}
