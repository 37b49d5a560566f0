// The app:// scheme that serves the renderer (checklist #18: custom protocol instead of file://,
// https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './origin';
import { createRendererHandler } from './renderer-files';

/**
 * Must run before the app is ready. `standard` gives app:// real origins and relative URLs,
 * `secure` makes it a secure context, `supportFetchAPI` lets the page load its modules.
 * No bypassCSP, no corsEnabled, no stream: nothing the renderer does not need.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After ready: answer app://firebreak/... from the built renderer folder, with the CSP on every response. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}
