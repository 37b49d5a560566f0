// A short application menu. Labels follow the system language; roles give the platform's own
// behaviour and shortcuts. Reload and devtools exist only in development builds.
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from './menu-commands';
import type { SystemLanguage } from './system-language';

const LABELS = {
  en: { file: 'File', newCase: 'New case', quit: 'Quit', edit: 'Edit', view: 'View', help: 'Help', about: 'About Firebreak' },
  fr: { file: 'Fichier', newCase: 'Nouveau dossier', quit: 'Quitter', edit: 'Édition', view: 'Affichage', help: 'Aide', about: 'À propos de Firebreak' },
} as const;

const ABOUT = {
  en: 'Offline incident-response companion for small businesses.',
  fr: 'Assistant hors ligne de réponse aux incidents pour les petites entreprises.',
} as const;

export interface MenuOptions {
  language: SystemLanguage;
  isDevelopment: boolean;
  mainWindow: () => BrowserWindow | undefined;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.language];
  const send = (command: MenuCommand) => options.mainWindow()?.webContents.send(MENU_CHANNEL, command);
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.file,
      submenu: [
        { label: t.newCase, accelerator: 'CmdOrCtrl+N', click: () => send('new-case') },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        ...(options.isDevelopment ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: t.help,
      submenu: [
        {
          label: t.about,
          click: () => {
            const box = { type: 'info' as const, title: t.about, message: `Firebreak ${app.getVersion()}`, detail: ABOUT[options.language] };
            const parent = options.mainWindow();
            void (parent ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box));
          },
        },
      ],
    },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
