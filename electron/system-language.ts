// Pure: the first-start language from what the OS prefers (French if the OS prefers any French).
export type SystemLanguage = 'en' | 'fr';

export function pickSystemLanguage(preferred: readonly string[], locale: string): SystemLanguage {
  const first = preferred[0] ?? locale;
  return /^fr([-_]|$)/i.test(first) ? 'fr' : 'en';
}
