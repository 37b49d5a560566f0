// End-to-end harness: the built renderer in Debian's Chromium, wired to the REAL core handlers
// (core/api/handlers.ts) through the same dispatch() the Electron main process uses, with a
// throw-away data folder. Any console error or page error fails the test.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { channels, type Channel, type Handlers, type Outcome } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { CHROMIUM_ARGS } from '../../core/report/pdf';
import { createHandlers, type HandlerDeps } from '../../core/api/handlers';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../../scripts/find-chromium.mjs';
import { serveDir, type StaticServer } from './static-server';

// scripts/screenshots.mjs runs a bundled copy of this file from out/, so it passes the repo root in.
export const REPO = process.env.FIREBREAK_REPO ?? path.resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = path.join(REPO, 'out/renderer');
export const SAMPLE_PLAYBOOK = path.join(REPO, 'tests/fixtures/playbooks/sample-en.md');
// The same offline, headless flags the command line prints PDFs with.
export { CHROMIUM_ARGS };

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds the renderer into out/renderer unless the build is newer than every source file. */
export async function buildRenderer(options: { force?: boolean } = {}): Promise<void> {
  const built = await stat(path.join(RENDERER_OUT, 'index.html')).catch(() => undefined);
  if (built && !options.force) {
    const sources = Math.max(await newestMtime(path.join(REPO, 'renderer')), await newestMtime(path.join(REPO, 'core')));
    if (built.mtimeMs > sources) return;
  }
  const vite = path.join(REPO, 'node_modules/.bin/vite');
  await promisify(execFile)(vite, ['build', '--config', 'tests/e2e/vite.renderer.config.ts'], { cwd: REPO });
}

/** A bundled-playbooks folder holding the sample playbook (and any extra files given). */
export async function makeBundledDir(extra: string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firebreak-bundled-'));
  await mkdir(path.join(dir, 'en'), { recursive: true });
  await mkdir(path.join(dir, 'fr'), { recursive: true });
  await copyFile(SAMPLE_PLAYBOOK, path.join(dir, 'en', 'sample-webapp.md'));
  for (const file of extra) {
    const text = await readFile(file, 'utf8');
    const language = /^language:\s*fr\s*$/m.test(text) ? 'fr' : 'en';
    const id = /^id:\s*(\S+)\s*$/m.exec(text)?.[1] ?? path.basename(file, '.md');
    await copyFile(file, path.join(dir, language, `${id}.md`));
  }
  return dir;
}

export interface App {
  page: Page;
  context: BrowserContext;
  dataDir: string;
  url: string;
  handlers: Handlers;
  /** URLs the renderer asked the main process to open outside. */
  externalOpened: string[];
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** Calls a handler directly (seeding data), through the same validation as the page. */
  invoke: <T = unknown>(channel: Channel, input?: unknown) => Promise<T>;
  /** Loads the page again (same data folder), as after a restart of the window. */
  reload: () => Promise<void>;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  dataDir?: string;
  bundledPlaybooksDir?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Keep the data folder when closing (the caller owns it). */
  keepDataDir?: boolean;
  /** Stands in for the native open dialog of the hunt tab (paths it returns pass the same allow-list). */
  choosePaths?: (kind: 'files' | 'folders') => Promise<string[]>;
  /** Wraps the hunt engine (for a scan that must still be running when the test cancels it). */
  huntEngine?: HandlerDeps['huntEngine'];
  /** Stand in for the native dialogs of evidence, report and bundle (undefined = cancelled). */
  chooseFiles?: () => Promise<string[]>;
  chooseSavePath?: (defaultName: string) => Promise<string | undefined>;
  chooseOpenPath?: () => Promise<string | undefined>;
}

/** Prints like the app does (Chromium's print), through the shared headless Chromium: a new page per job. */
export async function printPdfWithChromium(html: string, options: { format: 'A4' | 'Letter'; headerTemplate: string; footerTemplate: string }): Promise<Uint8Array> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: options.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margin: { top: '20mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await context.close();
  }
}

let sharedBrowser: Promise<Browser> | undefined;
let serverPromise: Promise<StaticServer> | undefined;

export function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  return (sharedBrowser ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }));
}

export async function launchApp(options: LaunchOptions = {}): Promise<App> {
  await buildRenderer();
  const server = await (serverPromise ??= serveDir(RENDERER_OUT));
  const browser = await launchBrowser();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'firebreak-e2e-')));
  const bundledPlaybooksDir = options.bundledPlaybooksDir ?? (await makeBundledDir());
  const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  const externalOpened: string[] = [];
  const handlers = await createHandlers({
    dataDir,
    bundledPlaybooksDir,
    appVersion: pkg.version,
    platform: 'e2e-chromium',
    systemLanguage: 'en',
    openExternal: async (url) => {
      externalOpened.push(url);
      return false;
    },
    log: () => undefined,
    ...(options.choosePaths ? { choosePaths: options.choosePaths } : {}),
    ...(options.huntEngine ? { huntEngine: options.huntEngine } : {}),
    chooseFiles: async () => (options.chooseFiles ? options.chooseFiles() : []),
    chooseSavePath: async ({ defaultName }) => (options.chooseSavePath ? options.chooseSavePath(defaultName) : undefined),
    chooseOpenPath: async () => (options.chooseOpenPath ? options.chooseOpenPath() : undefined),
    printPdf: printPdfWithChromium,
  });

  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));

  // The Outcome crosses as one JSON string: Playwright serialises a returned object value by value,
  // which takes seconds for a large case (MBs), while Electron's structured clone takes milliseconds.
  await page.exposeFunction('__firebreakInvoke', async (channel: unknown, input: unknown) => JSON.stringify(await dispatch(handlers, channel, input, () => undefined)));
  // The same shape as buildApi(): one function per channel, nothing generic. Init scripts cannot
  // import modules, so the channel list is passed in.
  await page.addInitScript((names: string[]) => {
    const binding = (window as unknown as { __firebreakInvoke: (c: string, i: unknown) => Promise<string> }).__firebreakInvoke;
    const invoke = async (channel: string, input: unknown): Promise<unknown> => JSON.parse(await binding(channel, input)) as unknown;
    const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
    for (const name of names) {
      const [namespace, method] = name.split('.') as [string, string];
      api[namespace] ??= {};
      api[namespace][method] = (input?: unknown) => invoke(name, input);
    }
    Object.defineProperty(window, 'firebreak', { value: Object.freeze(api), configurable: false, writable: false });
  }, [...channels] as string[]);

  await page.goto(server.url);

  return {
    page,
    context,
    dataDir,
    url: server.url,
    handlers,
    externalOpened,
    errors,
    invoke: async <T,>(channel: Channel, input?: unknown) => {
      const outcome = (await dispatch(handlers, channel, input)) as Outcome<T>;
      if (!outcome.ok) throw new Error(`${channel}: ${outcome.error.message}`);
      return outcome.value;
    },
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await context.close();
      if (!options.keepDataDir && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (!options.bundledPlaybooksDir) await rm(bundledPlaybooksDir, { recursive: true, force: true });
    },
  };
}

/** Closes the shared browser and server (call from afterAll). */
export async function shutdown(): Promise<void> {
  const browser = sharedBrowser;
  const server = serverPromise;
  sharedBrowser = undefined;
  serverPromise = undefined;
  await (await browser)?.close();
  await (await server)?.close();
}
