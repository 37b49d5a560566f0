// Menu items the page acts on. Pure and shared by menu.ts (sends) and preload.ts (forwards).
// The preload turns a command into a plain DOM event on window named `firebreak:menu:<command>`
// (no payload: event details do not cross from the preload's isolated world reliably), so the
// renderer listens with  window.addEventListener('firebreak:menu:new-case', openNewCaseForm).
export const MENU_CHANNEL = 'menu.command';
export const MENU_COMMANDS = ['new-case'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const menuDomEvent = (command: MenuCommand): string => `firebreak:menu:${command}`;

export const isMenuCommand = (value: unknown): value is MenuCommand =>
  typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
