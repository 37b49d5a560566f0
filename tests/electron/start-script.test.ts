// scripts/start.mjs without building (--skip-build) and without the real Electron: it must find
// the binary without require('electron'), run it on the project, and fail with one plain sentence.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './support/project-copy';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function start(overrideDist: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(REPO, 'scripts/start.mjs'), '--skip-build', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: overrideDist, ELECTRON_RUN_AS_NODE: '1' },
  });
}

describe('npm start (scripts/start.mjs)', () => {
  it('runs the Electron found under ELECTRON_OVERRIDE_DIST_PATH on the project folder, passing arguments through', () => {
    const dist = mkdtempSync(join(tmpdir(), 'firebreak-fake-electron-'));
    dirs.push(dist);
    // Prints its arguments and whether ELECTRON_RUN_AS_NODE leaked through.
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "fake-electron args=$* runAsNode=${ELECTRON_RUN_AS_NODE:-unset}"\nexit 3\n', { mode: 0o755 });
    const result = start(dist, '--some-flag');
    expect(result.stdout).toContain(`fake-electron args=${REPO} --some-flag runAsNode=unset`);
    expect(result.status).toBe(3);
  });

  it('says in one sentence what to do when there is no Electron runtime', () => {
    const result = start(join(tmpdir(), 'firebreak-no-such-electron'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Firebreak could not start: the Electron runtime is not installed and could not be downloaded (this machine cannot reach github.com). Run `npx install-electron` on a machine with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
    );
  });
});
