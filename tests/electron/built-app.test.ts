// The built app, without the Electron binary: electron-vite builds a throw-away copy of the
// project (stub renderer), then
//  1. the main bundle boots under plain Node with `electron` replaced by a recording stub
//     (stub/run-main.mjs) and we check the security baseline it actually sets up;
//  2. the preload bundle runs in a bare VM context the way a sandboxed preload does;
//  3. electron-builder packs it (`--linux dir`) around a stand-in "electron" executable that
//     carries a fuse wire, so we can check app.asar's contents and the fuses it flipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../core/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/origin';
import { buildWithElectronVite, makeProjectCopy, REPO, run } from './support/project-copy';

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN' } };

let copy: { dir: string; remove: () => void };
let build: { status: number | null; output: string };

beforeAll(() => {
  copy = makeProjectCopy();
  build = buildWithElectronVite(copy.dir);
}, 180_000);
afterAll(() => copy?.remove());

function assertBuilt(): void {
  expect(build.status, `electron-vite build failed:\n${build.output}`).toBe(0);
}

describe('main bundle booted with a stubbed electron', () => {
  let report: Record<string, any>;
  let userData: string;

  beforeAll(() => {
    if (build.status !== 0) return;
    userData = mkdtempSync(join(tmpdir(), 'firebreak-userdata-'));
    const result = spawnSync(
      process.execPath,
      ['--import', join(REPO, 'tests/electron/stub/register.mjs'), join(REPO, 'tests/electron/stub/run-main.mjs'), join(copy.dir, 'out/main/index.js'), userData],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const line = result.stdout.split('\n').find((l) => l.startsWith('SMOKE_REPORT '));
    if (!line) throw new Error(`the main bundle did not boot under the stub:\n${result.stdout}\n${result.stderr}`);
    report = JSON.parse(line.slice('SMOKE_REPORT '.length));
  }, 90_000);
  afterAll(() => userData && rmSync(userData, { recursive: true, force: true }));

  it('starts without a start-up error', () => {
    assertBuilt();
    expect(report.startupError).toBeUndefined();
  });

  it('registers app:// as a privileged scheme before ready, then takes the single-instance lock', () => {
    assertBuilt();
    expect(report.callsBeforeReady.slice(0, 2)).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    const register = report.calls.find((c: any) => c.name === 'protocol.registerSchemesAsPrivileged');
    expect(register.ready).toBe(false);
    expect(register.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('registers exactly the contract channels on ipcMain.handle, and nothing on ipcMain.on', () => {
    assertBuilt();
    expect([...report.ipcChannels].sort()).toEqual([...channels].sort());
    expect(report.calls.filter((c: any) => c.name === 'ipcMain.on')).toEqual([]);
  });

  it('creates the window with the secure webPreferences and the built preload, hidden until ready-to-show', () => {
    assertBuilt();
    const prefs = report.windowOptions.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(prefs.preload).toBe(join(copy.dir, 'out/preload/index.cjs'));
    expect(existsSync(prefs.preload)).toBe(true);
    expect(report.windowOptions.show).toBe(false);
    expect(report.shownBeforeReadyToShow).toBe(false);
    expect(report.shownAfterReadyToShow).toBe(true);
    expect(report.loadedUrl).toBe('app://firebreak/index.html');
  });

  it('applies the security guards before the window exists', () => {
    assertBuilt();
    const names = report.calls.map((c: any) => c.name);
    const windowAt = names.indexOf('new BrowserWindow');
    for (const guard of ['app.enableSandbox', 'session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.webRequest.onBeforeRequest']) {
      expect(names.indexOf(guard), guard).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(guard), guard).toBeLessThan(windowAt);
    }
    expect(report.calls.some((c: any) => c.name === 'app.on' && c.event === 'web-contents-created')).toBe(true);
  });

  it('serves the renderer over app:// with the CSP header and refuses traversal', () => {
    assertBuilt();
    expect(report.protocol).toEqual({
      indexStatus: 200,
      indexCsp: CONTENT_SECURITY_POLICY,
      indexType: 'text/html; charset=utf-8',
      escapeStatus: 403,
    });
  });

  it('blocks navigation, redirects and frame navigation away from app://firebreak, and webviews', () => {
    assertBuilt();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const outcomes = report.navigation[event];
      expect(outcomes['https://example.com/'], event).toEqual({ listeners: 1, prevented: true });
      expect(outcomes['file:///etc/passwd'].prevented, event).toBe(true);
      expect(outcomes['app://evil/index.html'].prevented, event).toBe(true);
      expect(outcomes['app://firebreak/index.html'].prevented, event).toBe(false);
    }
    expect(report.webviewPrevented).toBe(true);
  });

  it('denies window.open; an https link asks first, with Cancel as the default, and opens only when confirmed', () => {
    assertBuilt();
    expect(Object.values(report.windowOpen)).toEqual(['deny', 'deny', 'deny']);
    expect(report.openedAfterCancel).toBe(0);
    expect(report.opened).toEqual(['https://example.com/confirmed']);
    // Only the two https links reached the dialog; javascript: and file: did not.
    expect(report.dialogs.map((d: any) => d.detail)).toEqual(['https://example.com/cancelled', 'https://example.com/confirmed']);
    for (const dialog of report.dialogs) {
      expect(dialog.defaultId).toBe(dialog.cancelId);
      expect(dialog.buttons[dialog.defaultId]).toMatch(/cancel|annuler/i);
    }
  });

  it('cancels every network request of the session and denies permissions', () => {
    assertBuilt();
    expect(report.webRequest['https://example.com/']).toEqual({ cancel: true });
    expect(report.webRequest['http://127.0.0.1:8080/']).toEqual({ cancel: true });
    expect(report.webRequest['ws://localhost/']).toEqual({ cancel: true });
    expect(report.webRequest['file:///etc/passwd']).toEqual({ cancel: true });
    expect(report.webRequest['app://firebreak/assets/x.js']).toEqual({ cancel: false });
    expect(report.permissionGranted).toBe(false);
    expect(report.permissionCheck).toBe(false);
  });

  it('refuses IPC from any sender but the main frame of our window on app://firebreak', () => {
    assertBuilt();
    expect(report.ipc.otherWebContents).toMatchObject(FORBIDDEN);
    expect(report.ipc.subFrame).toMatchObject(FORBIDDEN);
    expect(report.ipc.navigatedAway).toMatchObject(FORBIDDEN);
    expect(report.ipc.destroyedFrame).toMatchObject(FORBIDDEN);
  });

  it('lets a trusted call reach dispatch: validated input, real handlers, data in app.getPath("userData")', () => {
    assertBuilt();
    expect(report.ipc.trusted).toEqual({
      ok: true,
      value: { version: '0.1.0-smoke', platform: process.platform, dataDir: userData, systemLanguage: 'fr' },
    });
    expect(report.ipc.invalidInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('focuses and restores the existing window on a second launch', () => {
    assertBuilt();
    expect(report.secondInstance).toEqual({ focused: 1, restored: true });
  });
});

describe('preload bundle in a sandbox-like context', () => {
  function loadPreload() {
    const source = readFileSync(join(copy.dir, 'out/preload/index.cjs'), 'utf8');
    const required: string[] = [];
    const exposed: Array<{ key: string; api: any }> = [];
    const invoked: Array<{ channel: string; input: unknown }> = [];
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const dispatched: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          invoked.push({ channel, input });
          return { ok: true, value: null };
        },
        on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, listener),
      },
    };
    // A sandboxed preload can only require('electron') (and a few Node polyfills we do not use).
    const require = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require("${id}")`);
    };
    const module = { exports: {} };
    const context = vm.createContext({
      require,
      module,
      exports: module.exports,
      Event: class {
        constructor(readonly type: string) {}
      },
      dispatchEvent: (event: { type: string }) => dispatched.push(event.type),
      console,
      URL,
    });
    vm.runInContext(`(function (require, module, exports) {\n${source}\n})(require, module, exports)`, context, { filename: 'preload/index.cjs' });
    return { required, exposed, invoked, listeners, dispatched };
  }

  it('requires nothing but electron (everything else is bundled)', () => {
    assertBuilt();
    const { required } = loadPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes only window.firebreak, one function per contract channel, each invoking its own channel', async () => {
    assertBuilt();
    const { exposed, invoked } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['firebreak']);
    const api = exposed[0]!.api;
    const methods = Object.entries(api).flatMap(([namespace, group]) =>
      Object.entries(group as Record<string, unknown>).map(([name, fn]) => ({ channel: `${namespace}.${name}`, fn })),
    );
    expect(methods.map((m) => m.channel).sort()).toEqual([...channels].sort());
    for (const method of methods) expect(typeof method.fn).toBe('function');
    await api.cases.open({ caseId: 'c-1' });
    expect(invoked).toEqual([{ channel: 'cases.open', input: { caseId: 'c-1' } }]);
  });

  it('turns a known menu command into a DOM event and ignores anything else', () => {
    assertBuilt();
    const { listeners, dispatched } = loadPreload();
    const onMenu = listeners.get('menu.command');
    expect(onMenu).toBeTypeOf('function');
    onMenu!({}, 'new-case');
    onMenu!({}, 'rm -rf');
    onMenu!({}, { toString: () => 'new-case' });
    expect(dispatched).toEqual(['firebreak:menu:new-case']);
  });
});

describe('electron-builder --linux dir around a stand-in Electron', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // Electron's defaults for the 8 v1 fuses: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
  // --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
  const DEFAULT_WIRE = '10110001';
  let standIn: string;
  let packaging: { status: number | null; output: string };

  beforeAll(() => {
    if (build.status !== 0) return;
    standIn = mkdtempSync(join(tmpdir(), 'firebreak-electron-dist-'));
    // A 3-line shell script with the fuse wire in a comment, so @electron/fuses can flip it.
    const script = Buffer.concat([
      Buffer.from(`#!/bin/sh\necho "stand-in electron $*"\nexit 0\n# ${SENTINEL}`),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(`${DEFAULT_WIRE}\n`),
    ]);
    writeFileSync(join(standIn, 'electron'), script, { mode: 0o755 });
    mkdirSync(join(copy.dir, 'playbooks', 'en'), { recursive: true });
    writeFileSync(join(copy.dir, 'playbooks', 'en', 'zz-packaging-probe.md'), '# probe\n');
    packaging = run(
      join(copy.dir, 'node_modules', '.bin', 'electron-builder'),
      ['--linux', 'dir', '--config', 'electron-builder.yml', `-c.electronDist=${standIn}`, '--publish', 'never'],
      copy.dir,
      150_000,
    );
  }, 180_000);
  afterAll(() => standIn && rmSync(standIn, { recursive: true, force: true }));

  const unpacked = () => join(copy.dir, 'dist', 'linux-unpacked');

  it('packs without errors', () => {
    assertBuilt();
    expect(packaging.status, packaging.output).toBe(0);
  });

  it('puts the built app and the runtime dependencies in app.asar, and no renderer library', async () => {
    assertBuilt();
    expect(packaging.status, packaging.output).toBe(0);
    const asar = await import('@electron/asar');
    const entries = new Set(asar.listPackage(join(unpacked(), 'resources', 'app.asar'), { isPack: false }).map((e) => e.replaceAll('\\', '/')));
    for (const required of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json', '/node_modules/lowdb/package.json', '/node_modules/steno/package.json', '/node_modules/zod/package.json']) {
      expect(entries.has(required), required).toBe(true);
    }
    for (const forbidden of ['/node_modules/react', '/node_modules/react-dom', '/node_modules/zustand', '/node_modules/electron', '/electron', '/core', '/tests', '/renderer', '/playbooks']) {
      expect(entries.has(forbidden), forbidden).toBe(false);
    }
  });

  it('copies the playbooks next to app.asar (resources/playbooks)', () => {
    assertBuilt();
    expect(packaging.status, packaging.output).toBe(0);
    expect(existsSync(join(unpacked(), 'resources', 'playbooks', 'en', 'zz-packaging-probe.md'))).toBe(true);
  });

  it('flips the fuses in the executable', () => {
    assertBuilt();
    expect(packaging.status, packaging.output).toBe(0);
    const binary = readFileSync(join(unpacked(), 'firebreak'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + DEFAULT_WIRE.length).toString('latin1');
    // runAsNode 0, cookie encryption 1, NODE_OPTIONS 0, --inspect 0, asar integrity 1, only asar 1, V8 snapshot 0, file:// privileges 0
    expect(wire).toBe('01001100');
  });
});
