// The one app window. Its webPreferences are the security baseline (design.md): every value is
// spelled out even where it is Electron's default, so a reader (and the smoke test) sees them.
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_START_URL } from './origin';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // #3 https://www.electronjs.org/docs/latest/tutorial/security#3-enable-context-isolation
    sandbox: true, // #4 https://www.electronjs.org/docs/latest/tutorial/security#4-enable-process-sandboxing
    nodeIntegration: false, // #2 https://www.electronjs.org/docs/latest/tutorial/security#2-do-not-enable-nodejs-integration-for-remote-content
    nodeIntegrationInWorker: false, // #2, same item
    nodeIntegrationInSubFrames: false, // #2, same item
    webSecurity: true, // #6 https://www.electronjs.org/docs/latest/tutorial/security#6-do-not-disable-websecurity
    allowRunningInsecureContent: false, // #8 https://www.electronjs.org/docs/latest/tutorial/security#8-do-not-enable-allowrunninginsecurecontent
    experimentalFeatures: false, // #9 https://www.electronjs.org/docs/latest/tutorial/security#9-do-not-enable-experimental-features
    webviewTag: false, // #12 https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
    spellcheck: false, // the spellchecker may download dictionaries; the app stays offline
    safeDialogs: true,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** Called with the window's webContents id while it exists, so IPC can trust exactly that sender. */
  onTrusted: (webContentsId: number) => void;
  onClosed: (webContentsId: number) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    title: 'Firebreak',
    show: false, // shown on ready-to-show, so there is no white flash
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const id = window.webContents.id;
  options.onTrusted(id);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => options.onClosed(id));
  void window.loadURL(APP_START_URL);
  // Reports are printed in a hidden window of their own, not this one (electron/print.ts).
  return window;
}
