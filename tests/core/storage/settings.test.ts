import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../core/settings/settings';
import { steppingClock, tempDataDir } from '../cases/helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDataDir()));
afterEach(() => cleanup());

describe('settings', () => {
  it('starts from defaults in the system language and saves changes', async () => {
    const settings = createSettingsStore({ dataDir: dir, systemLanguage: 'fr' });
    expect(await settings.get()).toEqual({ language: 'fr', theme: 'system', operator: '' });
    expect(await settings.update({ theme: 'dark', operator: 'Alice' })).toEqual({ language: 'fr', theme: 'dark', operator: 'Alice' });
    expect(await settings.update({ language: 'en', operator: undefined })).toEqual({ language: 'en', theme: 'dark', operator: 'Alice' });
    const reread = createSettingsStore({ dataDir: dir, systemLanguage: 'fr' });
    expect(await reread.get()).toEqual({ language: 'en', theme: 'dark', operator: 'Alice' });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('keeps concurrent updates', async () => {
    const settings = createSettingsStore({ dataDir: dir, systemLanguage: 'en' });
    await Promise.all([settings.update({ theme: 'light' }), settings.update({ operator: 'Bob' }), settings.update({ language: 'fr' })]);
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ language: 'fr', theme: 'light', operator: 'Bob' });
  });

  it.each([
    ['corrupt JSON', '{"language": "fr",'],
    ['unexpected content', '{"language": "de", "theme": "neon"}'],
  ])('moves a file with %s aside, logs it, and uses defaults', async (_label, content) => {
    await writeFile(path.join(dir, 'settings.json'), content);
    const messages: string[] = [];
    const settings = createSettingsStore({ dataDir: dir, systemLanguage: 'en', now: steppingClock(), log: (m) => messages.push(m) });
    expect(await settings.get()).toEqual({ language: 'en', theme: 'system', operator: '' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/moved to .*settings\.json\.damaged-2025-01-10T09-00-00-000Z and default settings are used/);
    expect(await readFile(path.join(dir, 'settings.json.damaged-2025-01-10T09-00-00-000Z'), 'utf8')).toBe(content);
    await settings.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
  });
});
