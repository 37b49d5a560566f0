import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/origin';
import { contentTypeFor, createRendererHandler, resolveRendererPath } from '../../electron/renderer-files';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'firebreak-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Firebreak</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'woff2');
  writeFileSync(join(base, 'secret.txt'), 'case data');
  // A sibling folder whose name starts like the root: "startsWith(root)" without the separator would let it through.
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveRendererPath', () => {
  it('maps app://firebreak/ paths to files inside the renderer folder', () => {
    expect(resolveRendererPath(root, 'app://firebreak/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveRendererPath(root, 'app://firebreak/index.html')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveRendererPath(root, 'app://firebreak/assets/index-abc.js?v=1#x')).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js') });
    expect(resolveRendererPath(root, 'app://firebreak/assets/a%20b.png')).toEqual({ ok: true, file: join(root, 'assets', 'a b.png') });
  });

  it.each([
    'app://firebreak/..%2fsecret.txt',
    'app://firebreak/..%2Fsecret.txt',
    'app://firebreak/assets/..%2f..%2fsecret.txt',
    'app://firebreak/%2e%2e%2fsecret.txt',
    'app://firebreak/..%5csecret.txt',
    'app://firebreak/assets%5c..%5c..%5csecret.txt',
    'app://firebreak/%2fetc%2fpasswd',
    'app://firebreak//etc/passwd',
    'app://firebreak/C:%5cWindows%5cwin.ini',
    'app://firebreak/C:/Windows/win.ini',
    'app://firebreak/index.html%00.png',
    'app://firebreak/..%2frenderer-evil/x.js',
    'app://evil/index.html',
    'app://firebreak.evil/index.html',
    'https://firebreak/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const result = resolveRendererPath(root, url);
    if (result.ok) {
      // The only acceptable "ok" is a file that really is inside the root (e.g. //etc/passwd → root/etc/passwd).
      expect(result.file.startsWith(root + '/')).toBe(true);
      expect(result.file).not.toContain('..');
    } else {
      expect([400, 403]).toContain(result.status);
    }
  });

  it('refuses encoded traversal with 403 specifically', () => {
    expect(resolveRendererPath(root, 'app://firebreak/..%2fsecret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveRendererPath(root, 'app://firebreak/..%5csecret.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveRendererPath(root, 'app://evil/index.html')).toEqual({ ok: false, status: 403 });
  });

  it('answers 400 to an undecodable path', () => {
    expect(resolveRendererPath(root, 'app://firebreak/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });
});

describe('contentTypeFor', () => {
  it('gives the renderer files their real types and unknown files a neutral one', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/INDEX-1.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
  });
});

describe('createRendererHandler', () => {
  const get = (url: string, method = 'GET') => createRendererHandler(root)({ url, method } as Request);

  it('serves a file with its type, nosniff and the CSP', async () => {
    const response = await get('app://firebreak/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('puts the CSP on errors too: 403 traversal, 404 missing, 404 directory, 405 other methods', async () => {
    const cases: Array<[string, string, number]> = [
      ['app://firebreak/..%2fsecret.txt', 'GET', 403],
      ['app://firebreak/missing.js', 'GET', 404],
      ['app://firebreak/assets', 'GET', 404],
      ['app://firebreak/index.html', 'POST', 405],
    ];
    for (const [url, method, status] of cases) {
      const response = await get(url, method);
      expect(response.status, url).toBe(status);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text(), url).not.toContain('case data');
    }
  });
});
