import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../core/cases/migrations';
import migrate0001 from '../../../core/cases/migrations/0001-status-and-contact';
import { createCaseStore } from '../../../core/cases/store';
import { CURRENT_SCHEMA_VERSION, CaseDocument } from '../../../core/cases/types';
import { parseCaseText } from '../../../core/storage/case-file';
import { steppingClock, tempDataDir } from './helpers';

const migrationsDir = path.resolve(__dirname, '../../../core/cases/migrations');
const fixture = path.resolve(__dirname, 'fixtures/case-v0.json');

/**
 * Released migrations must never change: a case upgraded by one version of the app must come out
 * the same in every later version. Add a new file instead, and its hash here.
 */
const RELEASED_MIGRATION_HASHES: Record<string, string> = {
  '0001-status-and-contact.ts': '40ec16247605a7d6d0a46dcd0e93e5aafe8647da25beec61e2bdd127d9f210d3',
  '0002-case-records.ts': '2563211ea71e3f4e5c2548216264d240444700eb4e7116437e49e640f4664e4e',
};

describe('case migrations', () => {
  it('keeps released migration files byte for byte', async () => {
    for (const [file, expected] of Object.entries(RELEASED_MIGRATION_HASHES)) {
      const hash = createHash('sha256').update(await readFile(path.join(migrationsDir, file))).digest('hex');
      expect(hash, `${file} was edited: add a new migration instead`).toBe(expected);
    }
  });

  it('registers every migration file once, in order, and reaches the current version', async () => {
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}-.+\.ts$/.test(f)).sort();
    expect(MIGRATIONS.map((m) => `${m.name}.ts`)).toEqual(files);
    expect(Object.keys(RELEASED_MIGRATION_HASHES).sort()).toEqual(files);
    MIGRATIONS.forEach((m, index) => {
      expect(m.from).toBe(index);
      expect(m.name.startsWith(String(index + 1).padStart(4, '0'))).toBe(true);
    });
    expect(MIGRATIONS.length).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('0001 adds status from the old archived flag and an empty contact', () => {
    expect(migrate0001({ schemaVersion: 0, archived: true, title: 't' })).toEqual({
      schemaVersion: 1,
      title: 't',
      status: 'archived',
      contact: { name: '', email: '', phone: '' },
    });
    expect(migrate0001({ title: 't' })).toMatchObject({ status: 'active' });
  });

  it('upgrades the pre-release v0 fixture to a valid current document', async () => {
    const parsed = parseCaseText(await readFile(fixture, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.migratedFrom).toBe(0);
    expect(parsed.doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(parsed.doc.status).toBe('archived');
    expect(parsed.doc.contact).toEqual({ name: '', email: '', phone: '' });
    expect(parsed.doc.steps['srv-1/cleo/isolate']?.state).toBe('done');
  });

  it('treats a document without schemaVersion as version 0', () => {
    const raw = JSON.parse(JSON.stringify({ title: 'x' })) as Record<string, unknown>;
    expect(migrate(raw, 0, 1)).toMatchObject({ schemaVersion: 1, status: 'active' });
  });

  describe('through the store', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ dir, cleanup } = await tempDataDir()));
    afterEach(() => cleanup());

    it('opens a v0 case, leaves the file alone until a change, then writes it at the current version and keeps the v0 file as the backup', async () => {
      const id = '0b6c2f43-7a10-4a55-9d1e-3f5c1e2d9a01';
      const folder = path.join(dir, 'cases', id);
      await mkdir(folder, { recursive: true });
      await copyFile(fixture, path.join(folder, 'case.json'));
      const original = await readFile(fixture, 'utf8');
      const store = createCaseStore({ dataDir: dir, now: steppingClock(), log: () => undefined });

      const opened = await store.open(id);
      expect(opened.readOnly).toBe(false);
      expect(opened.doc.status).toBe('archived');
      expect(await readFile(path.join(folder, 'case.json'), 'utf8')).toBe(original);

      await store.restore(id);
      const saved = JSON.parse(await readFile(path.join(folder, 'case.json'), 'utf8')) as unknown;
      expect(CaseDocument.parse(saved)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, status: 'active' });
      expect(await readFile(path.join(folder, 'case.json.bak'), 'utf8')).toBe(original);
    });
  });
});
