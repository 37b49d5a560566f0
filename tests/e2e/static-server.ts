// Serves the built renderer to headless Chromium on 127.0.0.1 through the app's own app:// handler
// (electron/renderer-files.ts): the same path checks, content types and Content-Security-Policy
// header as in Electron, so the end-to-end tests exercise the shipped serving code.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_HOST, APP_SCHEME } from '../../electron/origin';
import { createRendererHandler } from '../../electron/renderer-files';

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveDir(root: string): Promise<StaticServer> {
  const handle = createRendererHandler(root);
  const server = createServer(async (req, res) => {
    try {
      // The raw path is passed on undecoded, so traversal attempts reach the real resolver.
      const response = await handle(new Request(`${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, { method: req.method }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Server error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
