// Boots a built main bundle under plain Node with the electron stub, drives it like Electron would
// (ready, a window, IPC calls from trusted and untrusted senders, navigation attempts) and prints
// one line `SMOKE_REPORT <json>` for tests/electron/main-smoke.test.ts to assert on.
// Usage: node --import ./tests/electron/stub/register.mjs tests/electron/stub/run-main.mjs <out/main/index.js> <userDataDir>
import { pathToFileURL } from 'node:url';

const [mainBundle, userData] = process.argv.slice(2);
if (!mainBundle || !userData) throw new Error('usage: run-main.mjs <main bundle> <userData dir>');
globalThis.__electronStubConfig = { userData };

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
async function until(predicate, what, ms = 15_000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; calls so far: ${JSON.stringify(globalThis.__electronStub?.calls.map((c) => c.name))}`);
    await tick();
  }
}

await import(pathToFileURL(mainBundle).href);
const stub = globalThis.__electronStub;
const { app } = await import('electron');

const report = { callsBeforeReady: stub.calls.filter((c) => !c.ready).map((c) => c.name) };

app.becomeReady();
await until(() => stub.windows.length > 0 || stub.calls.some((c) => c.name === 'app.exit'), 'the main window');
const startupError = stub.calls.find((c) => c.name === 'dialog.showErrorBox');
if (startupError) {
  console.log('SMOKE_REPORT ' + JSON.stringify({ ...report, startupError }));
  process.exit(0);
}

const [window] = stub.windows;
const contents = window.webContents;
report.calls = stub.calls.map(({ name, ready, channel, scheme, event, schemes, url }) => ({ name, ready, channel, scheme, event, schemes, url }));
report.ipcChannels = [...stub.ipcHandlers.keys()];
report.windowOptions = window.options;
report.loadedUrl = window.loadedUrl;
report.shownBeforeReadyToShow = window.shown;
window.emit('ready-to-show');
report.shownAfterReadyToShow = window.shown;

// Navigation guards on the window's webContents.
const navigation = {};
for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
  navigation[eventName] = {};
  for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://firebreak/index.html', 'app://evil/index.html']) {
    let prevented = false;
    contents.emit(eventName, { url, isMainFrame: true, preventDefault: () => (prevented = true) }, url);
    navigation[eventName][url] = { listeners: contents.listenerCount(eventName), prevented };
  }
}
let webviewPrevented = false;
contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, { src: 'https://example.com' });
report.navigation = navigation;
report.webviewPrevented = webviewPrevented;
report.webviewListeners = contents.listenerCount('will-attach-webview');

// window.open: always denied; an https link goes through the confirm dialog, Cancel is the default.
report.windowOpen = {};
const openCallsBefore = () => stub.calls.filter((c) => c.name === 'shell.openExternal').length;
stub.messageBoxResponse = 0; // the person presses Cancel
for (const url of ['https://example.com/cancelled', 'javascript:alert(1)', 'file:///etc/passwd']) {
  report.windowOpen[url] = contents.windowOpenHandler?.({ url })?.action;
}
await tick();
report.openedAfterCancel = openCallsBefore();
stub.messageBoxResponse = 1; // the person confirms
contents.windowOpenHandler?.({ url: 'https://example.com/confirmed' });
await until(() => stub.calls.some((c) => c.name === 'shell.openExternal'), 'shell.openExternal', 2_000).catch(() => {});
report.opened = stub.calls.filter((c) => c.name === 'shell.openExternal').map((c) => c.url);
report.dialogs = stub.calls.filter((c) => c.name === 'dialog.showMessageBox').map((c) => c.options);

// Session: network off, permissions off.
const webRequest = {};
for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///etc/passwd', 'app://firebreak/assets/x.js', 'devtools://devtools/bundled/x.html']) {
  stub.session.onBeforeRequest?.({ url }, (response) => (webRequest[url] = response));
}
report.webRequest = webRequest;
let permissionGranted;
stub.session.permissionRequest?.(contents, 'media', (granted) => (permissionGranted = granted), {});
report.permissionGranted = permissionGranted;
report.permissionCheck = stub.session.permissionCheck?.(contents, 'notifications', 'app://firebreak', {});

// The app:// protocol serves the renderer with the CSP header.
const serve = stub.protocolHandlers.get('app');
if (serve) {
  const index = await serve({ url: 'app://firebreak/index.html', method: 'GET' });
  const escape = await serve({ url: 'app://firebreak/..%2f..%2fpackage.json', method: 'GET' });
  report.protocol = {
    indexStatus: index.status,
    indexCsp: index.headers.get('content-security-policy'),
    indexType: index.headers.get('content-type'),
    escapeStatus: escape.status,
  };
}

// IPC: the same call from a trusted and from untrusted senders.
const trustedFrame = { url: 'app://firebreak/index.html', parent: null };
const call = (channel, event, input) => stub.ipcHandlers.get(channel)?.(event, input);
report.ipc = {
  trusted: await call('app.info', { sender: contents, senderFrame: trustedFrame }, undefined),
  invalidInput: await call('cases.open', { sender: contents, senderFrame: trustedFrame }, { caseId: '../../etc' }),
  otherWebContents: await call('app.info', { sender: { id: 9_999 }, senderFrame: trustedFrame }, undefined),
  subFrame: await call('app.info', { sender: contents, senderFrame: { url: 'app://firebreak/index.html', parent: trustedFrame } }, undefined),
  navigatedAway: await call('app.info', { sender: contents, senderFrame: { url: 'https://example.com/', parent: null } }, undefined),
  destroyedFrame: await call('app.info', { sender: contents, senderFrame: null }, undefined),
};

// A second launch focuses the existing window.
window.minimized = true;
app.emit('second-instance', {}, [], '/');
report.secondInstance = { focused: window.focused, restored: !window.minimized };

console.log('SMOKE_REPORT ' + JSON.stringify(report));
process.exit(0);
