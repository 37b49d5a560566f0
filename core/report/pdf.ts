// PDF printing outside Electron (the CLI, the tests, the e2e harness): the report's HTML printed by
// a Chromium found on this machine through playwright-core. The app prints the same HTML with
// webContents.printToPDF. Chromium runs headless, offline, with JavaScript disabled.
import { accessSync, constants } from 'node:fs';
import type * as PlaywrightCore from 'playwright-core';
import { fail } from '../api/contract';

export type PaperFormat = 'A4' | 'Letter';

export interface PrintOptions {
  format: PaperFormat;
  chromiumPath?: string;
  headerTemplate?: string;
  footerTemplate?: string;
}

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** FIREBREAK_CHROMIUM, then the usual system locations, then Playwright's own browser if installed. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.FIREBREAK_CHROMIUM) return executable(env.FIREBREAK_CHROMIUM) ? env.FIREBREAK_CHROMIUM : undefined;
  const system = SYSTEM_CHROMIUMS.find(executable);
  if (system) return system;
  try {
    const { chromium } = await import('playwright-core');
    const bundled = chromium.executablePath();
    return bundled && executable(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}

/** playwright-core drives Chromium for the CLI; an install without it gets a sentence, not a stack. */
async function loadPlaywright(): Promise<typeof PlaywrightCore> {
  try {
    return await import('playwright-core');
  } catch {
    return fail(
      'NOT_FOUND',
      'The PDF printer (the playwright-core package) is not installed with Firebreak.',
      'Run `npm install` in the Firebreak folder (it installs playwright-core), or write the report as HTML and print it from a browser.',
    );
  }
}

export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const chromiumPath = options.chromiumPath ?? (await findChromium());
  if (!chromiumPath) {
    return fail(
      'NOT_FOUND',
      'No Chromium was found to print the PDF.',
      'Install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set FIREBREAK_CHROMIUM to the path of a Chromium or Chrome executable; the HTML report prints the same.',
    );
  }
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    // Nothing may be fetched: the report is self-contained, and a stray reference must not leak.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const withTemplates = options.headerTemplate !== undefined || options.footerTemplate !== undefined;
    return await page.pdf({
      format: options.format,
      printBackground: true,
      displayHeaderFooter: withTemplates,
      headerTemplate: options.headerTemplate ?? '<span></span>',
      footerTemplate: options.footerTemplate ?? '<span></span>',
      margin: { top: '20mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
