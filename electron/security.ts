// Every guard the app relies on, in one place, applied to every webContents that ever exists
// (windows, devtools, anything created later) through `web-contents-created`.
// Each rule links the item of the Electron security checklist it implements:
// https://www.electronjs.org/docs/latest/tutorial/security
import { app, dialog, shell, type BrowserWindow, type Session, type WebContents } from 'electron';
import { checkExternalUrl } from './external-url';
import { isAllowedRequestUrl, isAppUrl } from './origin';
import type { SystemLanguage } from './system-language';

export interface SecurityOptions {
  language: SystemLanguage;
  /** The window a confirmation dialog belongs to, when there is one. */
  parentWindow: () => BrowserWindow | undefined;
}

/** Call once, before the first window is created. */
export function applySecurity(session: Session, options: SecurityOptions): void {
  // Sandbox every renderer, including ones a future change forgets to configure (https://www.electronjs.org/docs/latest/tutorial/security#4-enable-process-sandboxing).
  app.enableSandbox();

  // Deny every permission request (camera, notifications, geolocation...): the app needs none (https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content).
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Answer "no" to permission checks as well, so the page cannot even probe (#5, same item).
  session.setPermissionCheckHandler(() => false);
  // No USB/HID/serial devices either (#5, same item).
  session.setDevicePermissionHandler(() => false);

  // The app works offline and holds sensitive case data: cancel every request that is not the app itself (https://www.electronjs.org/docs/latest/tutorial/security#1-only-load-secure-content).
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

export function guardWebContents(contents: WebContents, options: SecurityOptions): void {
  // No new windows; an https link the person clicked goes to the confirm-then-open flow (https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows).
  contents.setWindowOpenHandler(({ url }) => {
    if (checkExternalUrl(url).ok) void confirmAndOpenExternal(url, options);
    return { action: 'deny' };
  });

  // The page may only ever show the app: block navigation elsewhere (https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation).
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // Same rule for any frame, iframes included (#13, same item).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // A redirect is a navigation too (#13, same item).
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // <webview> is off in webPreferences; refuse attachment anyway in case it is ever turned on (https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation).
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

const LABELS = {
  en: { open: 'Open in browser', cancel: 'Cancel', title: 'Open a web page?', message: 'Firebreak will open this address in your web browser:' },
  fr: { open: 'Ouvrir dans le navigateur', cancel: 'Annuler', title: 'Ouvrir une page web ?', message: 'Firebreak va ouvrir cette adresse dans votre navigateur :' },
} as const;

/**
 * Opens an https link in the system browser after the person confirms it, showing the exact address
 * that will be opened (https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content). Cancel is the
 * default button, so pressing Enter does nothing dangerous. Resolves to whether it was opened.
 */
export async function confirmAndOpenExternal(raw: unknown, options: SecurityOptions): Promise<boolean> {
  const checked = checkExternalUrl(raw);
  if (!checked.ok) return false;
  const labels = LABELS[options.language];
  const box = {
    type: 'question' as const,
    title: labels.title,
    message: labels.message,
    detail: checked.href,
    buttons: [labels.cancel, labels.open],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const parent = options.parentWindow();
  const { response } = parent ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box);
  if (response !== 1) return false;
  await shell.openExternal(checked.href);
  return true;
}
