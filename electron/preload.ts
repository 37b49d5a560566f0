// The only user of ipcRenderer and contextBridge (sandboxed, bundled to out/preload/index.cjs).
// The page gets `window.firebreak`: one function per channel of the contract, nothing generic,
// never ipcRenderer itself nor the IPC event (checklist #3 and #20,
// https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content).
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../core/api/build-api';
import type { Outcome } from '../core/api/contract';
import { MENU_CHANNEL, isMenuCommand, menuDomEvent } from './menu-commands';

contextBridge.exposeInMainWorld(
  'firebreak',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Outcome<unknown>>),
);

// Menu commands reach the page as a plain DOM event named after a known command: nothing is
// exposed for them and the page cannot send anything back through this path.
ipcRenderer.on(MENU_CHANNEL, (_event, command: unknown) => {
  // The preload's tsconfig has no DOM lib; in the renderer globalThis is the window.
  if (isMenuCommand(command)) (globalThis as unknown as EventTarget).dispatchEvent(new Event(menuDomEvent(command)));
});
