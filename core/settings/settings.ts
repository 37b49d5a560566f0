// App settings in <dataDir>/settings.json: language, theme, operator name. Written atomically like
// cases. Settings are not precious: a damaged file is moved aside (kept for inspection), a line is
// logged, and defaults are used, so the app always starts.
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../api/contract';
import { LANGUAGES } from '../playbooks/types';
import { readTextIfExists, writeFileAtomic } from '../storage/atomic-file';

export const SETTINGS_FILE = 'settings.json';

const StoredSettings = z
  .object({
    language: z.enum(LANGUAGES),
    theme: z.enum(['system', 'light', 'dark']),
    operator: z.string().max(200),
  })
  .partial();

export interface SettingsStoreOptions {
  dataDir: string;
  /** Used until the person picks a language. */
  systemLanguage: 'en' | 'fr';
  now?: () => Date;
  log?: (message: string) => void;
}

export function createSettingsStore(options: SettingsStoreOptions) {
  const file = path.join(options.dataDir, SETTINGS_FILE);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(message));
  const defaults: Settings = { language: options.systemLanguage, theme: 'system', operator: '' };
  let current: Settings | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function moveAside(reason: string): Promise<void> {
    const aside = `${file}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, aside).catch(() => undefined);
    log(`Settings file ${file} ${reason}; it was moved to ${aside} and default settings are used.`);
  }

  async function read(): Promise<Settings> {
    let text: string | undefined;
    try {
      text = await readTextIfExists(file);
    } catch (error) {
      log(`Settings file ${file} cannot be read (${(error as Error).message}); default settings are used.`);
      return { ...defaults };
    }
    if (text === undefined) return { ...defaults };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      await moveAside('is not valid JSON');
      return { ...defaults };
    }
    const parsed = StoredSettings.safeParse(raw);
    if (!parsed.success) {
      await moveAside('has unexpected content');
      return { ...defaults };
    }
    return { ...defaults, ...parsed.data };
  }

  const get = async (): Promise<Settings> => {
    current ??= await read();
    return { ...current };
  };

  /** Apply a partial change; resolves once the file is on disk. */
  const update = (patch: Partial<Settings>): Promise<Settings> => {
    const run = queue.then(async () => {
      const next: Settings = { ...(await get()), ...definedOnly(patch) };
      const checked = StoredSettings.required().parse(next);
      await mkdir(options.dataDir, { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
      current = checked;
      return { ...checked };
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return { file, get, update };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
