// The real app in the real Electron, driven by Playwright. Runs wherever the Electron binary is
// installed (on Linux CI under `xvfb-run -a`); skips with one line where it is not.
// Needs a fresh build first: `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

const REPO = resolve(import.meta.dirname, '../..');
const electron = findElectronBinary();
if ('reason' in electron) console.warn(`[e2e] SKIPPING Electron tests: ${electron.reason}`);

describe.skipIf('reason' in electron)('Firebreak in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if ('reason' in electron) return;
    userData = mkdtempSync(join(tmpdir(), 'firebreak-e2e-userdata-'));
    app = await _electron.launch({
      executablePath: electron.path,
      args: [REPO],
      cwd: REPO,
      env: { ...process.env, FIREBREAK_USER_DATA_DIR: userData, ELECTRON_RUN_AS_NODE: '' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('shows one window that has not crashed, on app://firebreak, with data in the temp folder', async () => {
    const state = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      return {
        windows: BrowserWindow.getAllWindows().length,
        visible: window?.isVisible(),
        crashed: window?.webContents.isCrashed(),
        userData: electronApp.getPath('userData'),
      };
    });
    expect(state).toEqual({ windows: 1, visible: true, crashed: false, userData });
    expect(page.url()).toMatch(/^app:\/\/firebreak\//);
  });

  it('exposes window.firebreak and no Node to the page', async () => {
    const globals = await page.evaluate(() => ({
      firebreak: typeof (window as unknown as { firebreak?: unknown }).firebreak,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(globals).toEqual({ firebreak: 'object', require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  it('answers through the preload and the real main process', async () => {
    const info = await page.evaluate(() => (window as any).firebreak.app.info());
    expect(info).toMatchObject({ ok: true, value: { dataDir: userData } });
  });

  it('blocks navigation to a web site and fetches to the network', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toMatch(/^app:\/\/firebreak\//);
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'));
    expect(fetched).toBe('blocked');
  });

  it('creates a case through the UI', async () => {
    await page.getByRole('button', { name: /new case|nouveau dossier/i }).first().click();
    await page.getByLabel(/organi[sz]ation/i).first().fill('Boulangerie Martin');
    await page.getByLabel(/operator|opérat|your name|votre nom/i).first().fill('Alex');
    await page.getByRole('button', { name: /^(create|créer)/i }).first().click();
    await expect.poll(async () => page.evaluate(async () => (await (window as any).firebreak.cases.list()).value?.length ?? 0)).toBe(1);
    await expect.poll(async () => page.getByText('Boulangerie Martin').count()).toBeGreaterThan(0);
  });
});
