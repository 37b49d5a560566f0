// Printing the report to PDF inside the app: Chromium's own print (webContents.printToPDF), the same
// engine the CLI and the tests reach through playwright-core. The report is static, self-contained
// HTML, so it is loaded into a hidden, sandboxed window with JavaScript off, no preload, and a session
// of its own that may read exactly one temporary file and nothing else.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import type { PdfPrinter } from '../core/report/index';
import { secureWebPreferences } from './window';

const PRINT_PARTITION = 'firebreak-print';
/** Same margins as core/report/pdf.ts (20/18/14 mm), in inches as printToPDF wants them. */
const MARGINS = { top: 20 / 25.4, bottom: 18 / 25.4, left: 14 / 25.4, right: 14 / 25.4 };

/** The print session lets through only the files being printed (one per job) and inline data. */
const allowedUrls = new Set<string>();
let sessionReady = false;
function printSession(): Electron.Session {
  const printing = session.fromPartition(PRINT_PARTITION);
  if (!sessionReady) {
    printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(allowedUrls.has(details.url) || details.url.startsWith('data:')) }));
    printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printing.setPermissionCheckHandler(() => false);
    sessionReady = true;
  }
  return printing;
}

export const printPdfInElectron: PdfPrinter = async (html, options) => {
  printSession();
  // A temporary file rather than a data: URL: a large case's report is beyond Chromium's 2 MB URL limit.
  const file = join(app.getPath('temp'), `firebreak-report-${randomUUID()}.html`);
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  // The app window's baseline, without its preload: the report page gets no bridge at all.
  const preferences = secureWebPreferences('');
  delete preferences.preload;
  const window = new BrowserWindow({
    show: false,
    webPreferences: { ...preferences, javascript: false, partition: PRINT_PARTITION },
  });
  try {
    const url = pathToFileURL(file).href;
    allowedUrls.add(url);
    await window.loadURL(url);
    const pdf = await window.webContents.printToPDF({
      pageSize: options.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margins: MARGINS,
    });
    return new Uint8Array(pdf);
  } finally {
    allowedUrls.delete(pathToFileURL(file).href);
    window.destroy();
    await rm(file, { force: true });
  }
};
