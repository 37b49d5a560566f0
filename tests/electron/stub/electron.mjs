// A recording stand-in for the `electron` module, just enough for out/main/index.js to boot under
// Node. Every call the main process makes is appended to `recorder.calls` so run-main.mjs can
// report what happened and in which order. Configure with globalThis.__electronStubConfig.
import { EventEmitter } from 'node:events';

const config = globalThis.__electronStubConfig ?? {};

export const recorder = {
  calls: [],
  ready: false,
  windows: [],
  webContents: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  session: {},
  messageBoxResponse: 0,
};
globalThis.__electronStub = recorder;

const record = (name, details = {}) => recorder.calls.push({ name, ready: recorder.ready, ...details });

class StubWebContents extends EventEmitter {
  static nextId = 1;
  constructor() {
    super();
    this.id = StubWebContents.nextId++;
    this.windowOpenHandler = undefined;
    this.sent = [];
    recorder.webContents.push(this);
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler', { id: this.id });
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    this.sent.push({ channel, args });
  }
}

class StubApp extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return config.singleInstanceLock ?? true;
  }
  enableSandbox() {
    record('app.enableSandbox');
  }
  whenReady() {
    return this.readyPromise;
  }
  isReady() {
    return recorder.ready;
  }
  /** Called by the runner: fires `ready` like Electron does. */
  becomeReady() {
    recorder.ready = true;
    this.emit('ready');
    this.resolveReady();
  }
  getPath(name) {
    record('app.getPath', { pathName: name });
    if (name === 'userData') return config.userData;
    return config.userData + '/' + name;
  }
  setPath(name, value) {
    record('app.setPath', { pathName: name, value });
  }
  getVersion() {
    return '0.1.0-smoke';
  }
  getLocale() {
    return 'fr-FR';
  }
  getPreferredSystemLanguages() {
    return config.preferredLanguages ?? ['fr-FR', 'en-US'];
  }
  quit() {
    record('app.quit');
  }
  exit(code) {
    record('app.exit', { code });
  }
  on(event, listener) {
    record('app.on', { event });
    return super.on(event, listener);
  }
}

export const app = new StubApp();

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record('new BrowserWindow', { options });
    this.options = options;
    this.webContents = new StubWebContents();
    this.loadedUrl = undefined;
    this.shown = false;
    this.focused = 0;
    this.minimized = false;
    recorder.windows.push(this);
    // Electron announces every new webContents; the security module hooks in here.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    record('window.loadURL', { url });
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused += 1;
  }
  static fromWebContents(contents) {
    return recorder.windows.find((w) => w.webContents === contents) ?? null;
  }
  static getAllWindows() {
    return recorder.windows;
  }
}

export const ipcMain = {
  handle(channel, listener) {
    record('ipcMain.handle', { channel });
    recorder.ipcHandlers.set(channel, listener);
  },
  on(channel) {
    record('ipcMain.on', { channel });
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', { schemes });
  },
  handle(scheme, handler) {
    record('protocol.handle', { scheme });
    recorder.protocolHandlers.set(scheme, handler);
  },
};

const defaultSession = {
  protocol: {
    handle(scheme, handler) {
      record('session.protocol.handle', { scheme });
      recorder.protocolHandlers.set(scheme, handler);
    },
  },
  webRequest: {
    onBeforeRequest(...args) {
      record('session.webRequest.onBeforeRequest', { withFilter: args.length > 1 });
      recorder.session.onBeforeRequest = args[args.length - 1];
    },
  },
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler');
    recorder.session.permissionRequest = handler;
  },
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler');
    recorder.session.permissionCheck = handler;
  },
  setDevicePermissionHandler(handler) {
    record('session.setDevicePermissionHandler');
    recorder.session.devicePermission = handler;
  },
};
export const session = { defaultSession };

export const dialog = {
  async showMessageBox(...args) {
    const options = args[args.length - 1];
    record('dialog.showMessageBox', { options });
    return { response: recorder.messageBoxResponse, checkboxChecked: false };
  },
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content });
  },
};

export const shell = {
  async openExternal(url) {
    record('shell.openExternal', { url });
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', { labels: menu.template.map((item) => item.label ?? item.role) });
  },
};

export default { app, BrowserWindow, ipcMain, protocol, session, dialog, shell, Menu };
