import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../electron/external-url';

describe('checkExternalUrl: which links may leave the app', () => {
  it('accepts an https link and returns the normalised address that will be opened', () => {
    expect(checkExternalUrl('https://www.cisa.gov/known-exploited-vulnerabilities-catalog')).toEqual({
      ok: true,
      href: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
      host: 'www.cisa.gov',
    });
    expect(checkExternalUrl('HTTPS://Example.COM:8443/a/../b?q=1#x')).toEqual({ ok: true, href: 'https://example.com:8443/b?q=1#x', host: 'example.com:8443' });
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.domain)'],
    ['file:///etc/passwd'],
    ['file://server/share/file'],
    ['ms-msdt:/id PCWDiagnostic /skip force'],
    ['ms-msdt:/id'],
    ['search-ms:query=x&crumb=location:\\\\evil\\share'],
    ['smb://evil/share'],
    ['http://example.com/'],
    ['ftp://example.com/file'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['app://firebreak/index.html'],
    [String.raw`\\?\UNC\server\share\file`],
    [String.raw`\\server\share\file.exe`],
    ['C:\\Windows\\System32\\calc.exe'],
    ['/etc/passwd'],
    ['//example.com/path'],
    ['example.com'],
  ])('refuses %s', (raw) => {
    expect(checkExternalUrl(raw).ok).toBe(false);
  });

  it('refuses links that carry credentials, which can disguise the real host', () => {
    expect(checkExternalUrl('https://user:pass@host.example/')).toMatchObject({ ok: false, reason: expect.stringMatching(/password/) });
    expect(checkExternalUrl('https://www.microsoft.com@evil.example/')).toMatchObject({ ok: false });
    expect(checkExternalUrl('https://:pass@host.example/')).toMatchObject({ ok: false });
  });

  it('refuses whitespace and control characters that URL parsing would silently drop', () => {
    expect(checkExternalUrl('https://exa\nmple.com/').ok).toBe(false);
    expect(checkExternalUrl('https://example.com/\t').ok).toBe(false);
    expect(checkExternalUrl(' https://example.com/').ok).toBe(false);
    expect(checkExternalUrl('java\u0000script:alert(1)').ok).toBe(false);
    expect(checkExternalUrl('https://example.com/\u2028').ok).toBe(false);
  });

  it('shows international domain names in their xn-- form, so look-alike letters are visible', () => {
    // "аpple.com" with a Cyrillic а
    const result = checkExternalUrl('https://\u0430pple.com/login');
    expect(result).toEqual({ ok: true, href: 'https://xn--pple-43d.com/login', host: 'xn--pple-43d.com' });
    expect(checkExternalUrl('https://bücher.example/').ok && checkExternalUrl('https://bücher.example/')).toMatchObject({ href: 'https://xn--bcher-kva.example/' });
  });

  it('refuses non-strings, empty strings and absurdly long links', () => {
    for (const raw of [undefined, null, 42, {}, ['https://example.com'], '']) expect(checkExternalUrl(raw).ok).toBe(false);
    expect(checkExternalUrl(`https://example.com/${'a'.repeat(2_000)}`).ok).toBe(false);
  });
});
