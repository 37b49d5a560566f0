// Firebreak's main process: a boot list. Each step lives in its own module; the domain is in core/.
import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { AppFailure } from '../core/api/contract';
import { createHandlers } from '../core/api/handlers';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { appPaths } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySecurity, confirmAndOpenExternal } from './security';
import { pickSystemLanguage } from './system-language';
import { createMainWindow } from './window';
import { printPdfInElectron } from './print';

// 1. Before anything else, and before `ready`: app:// must be known as a privileged scheme.
registerAppScheme();

// Development and end-to-end runs may point the data folder elsewhere; a packaged app never does.
if (!app.isPackaged && process.env.FIREBREAK_USER_DATA_DIR) app.setPath('userData', process.env.FIREBREAK_USER_DATA_DIR);

// 2. One running instance: a second launch focuses the first window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  boot();
}

function boot(): void {
  const language = pickSystemLanguage(app.getPreferredSystemLanguages(), app.getLocale());
  const paths = appPaths({ mainDir: import.meta.dirname, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
  const trustedWebContentsIds = new Set<number>();
  let mainWindow: BrowserWindow | undefined;
  const currentWindow = () => mainWindow;

  const openMainWindow = () => {
    mainWindow = createMainWindow({
      preloadPath: paths.preloadPath,
      onTrusted: (id) => trustedWebContentsIds.add(id),
      onClosed: (id) => {
        trustedWebContentsIds.delete(id);
        mainWindow = undefined;
      },
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(async () => {
      // 3. Security guards on the session and on every webContents, before any page exists.
      const securityOptions = { language, parentWindow: currentWindow };
      applySecurity(session.defaultSession, securityOptions);
      // 4. The renderer, served from app://firebreak with the CSP.
      serveRenderer(session.defaultSession, paths.rendererDir);
      // 5. The domain, then one IPC handler per channel of the contract.
      const dataDir = app.getPath('userData');
      const handlers = await createHandlers({
        dataDir,
        bundledPlaybooksDir: paths.bundledPlaybooksDir,
        appVersion: app.getVersion(),
        platform: process.platform,
        systemLanguage: language,
        openExternal: (url) => confirmAndOpenExternal(url, securityOptions),
        // Hunt inputs come only from this dialog; the handlers refuse any other path.
        choosePaths: async (kind) => {
          const options = { properties: [kind === 'folders' ? 'openDirectory' : 'openFile', 'multiSelections'] as ('openDirectory' | 'openFile' | 'multiSelections')[] };
          const parent = currentWindow();
          const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
          return chosen.canceled ? [] : chosen.filePaths;
        },
        // Evidence, report and bundle files are chosen here, never sent by the renderer.
        chooseFiles: async ({ title }) => {
          const options = { title, properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[] };
          const parent = currentWindow();
          const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
          return chosen.canceled ? [] : chosen.filePaths;
        },
        chooseSavePath: async ({ title, defaultName, filters }) => {
          const options = { title, defaultPath: join(app.getPath('documents'), defaultName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
          const parent = currentWindow();
          const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
          return chosen.canceled || !chosen.filePath ? undefined : chosen.filePath;
        },
        chooseOpenPath: async ({ title, filters }) => {
          const options = { title, filters, properties: ['openFile'] as 'openFile'[] };
          const parent = currentWindow();
          const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
          return chosen.canceled ? undefined : chosen.filePaths[0];
        },
        printPdf: printPdfInElectron,
        // electron.vite.config.ts builds core/hunt/worker.ts next to this bundle as its own entry.
        huntWorkerScript: join(import.meta.dirname, 'hunt-worker.js'),
      });
      registerIpc(handlers, trustedWebContentsIds);
      // 6. Menu and window.
      installMenu({ language, isDevelopment: !app.isPackaged, mainWindow: currentWindow });
      openMainWindow();
      app.on('activate', () => {
        if (!mainWindow) openMainWindow();
      });
    })
    .catch((error: unknown) => failToStart(error, language));
}

/** A start-up failure is shown as one dialog a person can act on, then the app exits. */
function failToStart(error: unknown, language: 'en' | 'fr'): void {
  console.error(error);
  const detail =
    error instanceof AppFailure
      ? [error.error.message, error.error.hint].filter(Boolean).join('\n\n')
      : error instanceof Error
        ? error.message
        : String(error);
  const where = `${language === 'fr' ? 'Dossier des données' : 'Data folder'}: ${app.getPath('userData')}`;
  dialog.showErrorBox(
    language === 'fr' ? 'Firebreak n’a pas pu démarrer' : 'Firebreak could not start',
    `${detail}\n\n${where}`,
  );
  app.exit(1);
}
