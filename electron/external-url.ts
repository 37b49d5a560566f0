// The policy for links that leave the app. Pure so every nasty case is unit-tested
// (Electron security checklist #15, https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content).
// Only https, parsed with `new URL` (never string-matched), no embedded credentials. What is opened
// is the normalised href, so the person confirms exactly the address the browser will get
// (international domain names are shown in their xn-- form, which exposes look-alike letters).

export type ExternalUrlCheck = { ok: true; href: string; host: string } | { ok: false; reason: string };

const MAX_LENGTH = 2_000;
// new URL silently drops tabs and newlines and trims spaces; refuse them instead of guessing.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'The link is empty.' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: 'The link is too long to be a real address.' };
  if (CONTROL_OR_SPACE.test(raw)) return { ok: false, reason: 'The link contains spaces or hidden characters.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'The link is not a web address.' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only secure web links (https://) can be opened.' };
  if (url.username || url.password) return { ok: false, reason: 'The link carries a user name or password; it was not opened.' };
  if (!url.hostname) return { ok: false, reason: 'The link has no host name.' };
  return { ok: true, href: url.href, host: url.host };
}
