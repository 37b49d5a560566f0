import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/trusted-sender';

const trusted = new Set([7]);
const mainFrame = { url: 'app://firebreak/index.html', parent: null };

describe('isTrustedSender: who may call the API', () => {
  it('trusts the main frame of our window while it shows the app', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: mainFrame }, trusted)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frame: { url: 'app://firebreak/#/cases/c-1', parent: null } }, trusted)).toBe(true);
  });

  it('refuses another webContents (devtools, a future window, a webview), even on an app URL', () => {
    expect(isTrustedSender({ webContentsId: 8, frame: mainFrame }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: mainFrame }, new Set())).toBe(false);
  });

  it('refuses a sub-frame (iframe) of our window', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: { url: 'app://firebreak/index.html', parent: mainFrame } }, trusted)).toBe(false);
  });

  it('refuses a frame that is gone or has no parent information', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: null }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: undefined }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: { url: 'app://firebreak/', parent: undefined } }, trusted)).toBe(false);
  });

  it.each([
    'https://example.com/',
    'file:///work/main/out/renderer/index.html',
    'app://firebreak.evil/index.html',
    'app://evil/index.html',
    'app://user:pass@firebreak/index.html',
    'http://firebreak/index.html',
    'about:blank',
    'devtools://devtools/bundled/devtools_app.html',
    'not a url',
  ])('refuses our main frame once it shows %s', (url) => {
    expect(isTrustedSender({ webContentsId: 7, frame: { url, parent: null } }, trusted)).toBe(false);
  });
});
