// Serving the built renderer (out/renderer) for app://firebreak/... Pure Node (fs + the global
// Request/Response), so protocol.ts stays a one-line registration and this is unit-tested.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file inside rootDir, or says why not. Decodes the path once, then
 * refuses anything that could escape the folder: encoded slashes or backslashes, NUL bytes,
 * drive letters, and any path that does not resolve inside rootDir.
 */
export function resolveRendererPath(rootDir: string, requestUrl: string): Resolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // After decoding, a backslash, NUL or colon can only come from an attempt to fool the resolver
  // (..%5c.., %00, C:%5c); the renderer's own files never contain them.
  if (/[\\\0:]/.test(pathname)) return { ok: false, status: 403 };
  if (pathname.split('/').includes('..')) return { ok: false, status: 403 };
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return { ok: false, status: 403 };
  return { ok: true, file };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}

/** The protocol handler: every response, errors included, carries the CSP. */
export function createRendererHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolution = resolveRendererPath(rootDir, request.url);
    if (!resolution.ok) return plain(resolution.status, resolution.status === 403 ? 'Forbidden' : 'Bad request');
    try {
      const info = await stat(resolution.file);
      if (!info.isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(resolution.file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': contentTypeFor(resolution.file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}
