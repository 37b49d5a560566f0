import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMenuCommand, menuDomEvent } from '../../electron/menu-commands';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, isAllowedRequestUrl, isAppUrl } from '../../electron/origin';
import { appPaths } from '../../electron/paths';
import { pickSystemLanguage } from '../../electron/system-language';
import { REPO } from './support/project-copy';

describe('isAppUrl', () => {
  it('accepts only app://firebreak pages', () => {
    expect(isAppUrl('app://firebreak/index.html')).toBe(true);
    expect(isAppUrl('APP://FIREBREAK/index.html')).toBe(true);
    for (const url of ['app://firebreak.evil/', 'app://evil/', 'app://x@firebreak/', 'https://firebreak/', 'file:///index.html', '', 'app:firebreak']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedRequestUrl: the session lets nothing reach the network', () => {
  it.each(['https://example.com/', 'http://localhost:5173/', 'ws://127.0.0.1/', 'wss://example.com/', 'ftp://example.com/', 'file:///etc/passwd', 'chrome://settings', 'app://evil/x.js', 'garbage'])(
    'cancels %s',
    (url) => expect(isAllowedRequestUrl(url)).toBe(false),
  );
  it.each(['app://firebreak/assets/index.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://firebreak/0f2c'])(
    'lets %s through',
    (url) => expect(isAllowedRequestUrl(url)).toBe(true),
  );
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the agreed policy, directive for directive', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('pickSystemLanguage', () => {
  it('chooses French when the OS prefers any French, English otherwise', () => {
    expect(pickSystemLanguage(['fr-FR', 'en-US'], 'en-US')).toBe('fr');
    expect(pickSystemLanguage(['fr'], 'en')).toBe('fr');
    expect(pickSystemLanguage(['FR-ca'], 'en')).toBe('fr');
    expect(pickSystemLanguage(['fr_BE'], 'en')).toBe('fr');
    expect(pickSystemLanguage([], 'fr-CH')).toBe('fr');
    expect(pickSystemLanguage(['en-GB', 'fr-FR'], 'fr')).toBe('en');
    expect(pickSystemLanguage(['fry'], 'fr')).toBe('en');
    expect(pickSystemLanguage([], '')).toBe('en');
  });
});

describe('appPaths', () => {
  it('finds the built pieces next to out/main, and the playbooks in the repo during development', () => {
    expect(appPaths({ mainDir: '/repo/out/main', isPackaged: false, resourcesPath: '/ignored' })).toEqual({
      rendererDir: '/repo/out/renderer',
      preloadPath: '/repo/out/preload/index.cjs',
      bundledPlaybooksDir: '/repo/playbooks',
    });
  });
  it('reads playbooks from <resources>/playbooks once packaged (copied there by extraResources)', () => {
    const paths = appPaths({ mainDir: '/opt/Firebreak/resources/app.asar/out/main', isPackaged: true, resourcesPath: '/opt/Firebreak/resources' });
    expect(paths.bundledPlaybooksDir).toBe('/opt/Firebreak/resources/playbooks');
    expect(paths.rendererDir).toBe('/opt/Firebreak/resources/app.asar/out/renderer');
  });
});

describe('menu commands', () => {
  it('knows only its own commands and names their DOM events', () => {
    expect(isMenuCommand('new-case')).toBe(true);
    for (const value of ['New-case', 'quit', '', null, 1, { valueOf: () => 'new-case' }]) expect(isMenuCommand(value)).toBe(false);
    expect(menuDomEvent('new-case')).toBe('firebreak:menu:new-case');
  });
});

describe('renderer/index.html', () => {
  const html = join(REPO, 'renderer', 'index.html');
  // The renderer belongs to another part of the app; until it exists there is nothing to compare.
  it.skipIf(!existsSync(html))('carries the same CSP as the app:// responses, as a <meta>', () => {
    const match = readFileSync(html, 'utf8').match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
    expect(match?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });
  it('the meta copy is the header minus frame-ancestors (ignored in <meta>)', () => {
    expect(`${CONTENT_SECURITY_POLICY_META}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
  });
});
