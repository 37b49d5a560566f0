// Where the app lives and what it may load. Pure (no Electron import) so the rules are unit-tested.
// The renderer is served from a custom privileged scheme instead of file:// (Electron security
// checklist #18, https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).

export const APP_SCHEME = 'app';
export const APP_HOST = 'firebreak';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content-Security-Policy sent with every app:// response (checklist #7,
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy).
 * renderer/index.html carries the same policy as a <meta> (CONTENT_SECURITY_POLICY_META) so it also
 * holds in the Chromium test harness.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The <meta> copy: browsers ignore frame-ancestors in a <meta> policy (and warn), so it is left out there. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", '');

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True only for pages of the app itself: app://firebreak/... (parsed, never string-matched). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && !parsed.username && !parsed.password;
}

/**
 * Which requests the app's session lets through. Everything else (http, https, ws, file, ftp...)
 * is cancelled: the app never needs the network and case data is sensitive.
 * data: and blob: stay local (images inlined by the renderer, files it builds for saving).
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  return parsed.protocol === 'devtools:' || parsed.protocol === 'data:' || parsed.protocol === 'blob:';
}
