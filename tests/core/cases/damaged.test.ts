// A case file that cannot be read normally is never overwritten, is listed with its problem, and
// can be opened read-only from the last good copy or recovered from it.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createCaseStore, type CaseStore } from '../../../core/cases/store';
import { CURRENT_SCHEMA_VERSION } from '../../../core/cases/types';
import { sampleCaseInput, steppingClock, tempDataDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let store: CaseStore;
let caseId: string;
let serverId: string;
let caseFile: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
  store = createCaseStore({ dataDir: dir, now: steppingClock(), log: () => undefined });
  const { doc } = await store.create(sampleCaseInput);
  caseId = doc.id;
  serverId = doc.servers[0]!.id;
  caseFile = path.join(dir, 'cases', caseId, 'case.json');
  await store.attachPlaybook(caseId, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
  await store.setStepState(caseId, { serverId, playbookId: 'cleo', stepId: 'isolate' }, 'done');
});
afterEach(() => cleanup());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return (error as AppFailure).error.code;
  }
}

/** Every kind of change, each of which must be refused without touching the file. */
const attempts = (s: CaseStore) => [
  () => s.rename(caseId, 'x'),
  () => s.setOperator(caseId, 'Mallory'),
  () => s.archive(caseId),
  () => s.remove(caseId),
  () => s.restore(caseId),
  () => s.purge(caseId),
  () => s.addServer(caseId, { name: 'n', product: '', version: '' }),
  () => s.updateServer(caseId, serverId, { name: 'n', product: '', version: '' }),
  () => s.attachPlaybook(caseId, serverId, { id: 'other', version: '1.0.0', title: 'Other' }),
  () => s.detachPlaybook(caseId, serverId, 'cleo'),
  () => s.setStepState(caseId, { serverId, playbookId: 'cleo', stepId: 'isolate' }, 'todo'),
  () => s.addNote(caseId, { serverId, playbookId: 'cleo', stepId: 'isolate' }, 'note'),
];

const damages: [string, (text: string) => string, string][] = [
  ['corrupt JSON', () => '{"schemaVersion": 1, "id": oops', 'CORRUPT'],
  ['a truncated file', (text) => text.slice(0, Math.floor(text.length / 2)), 'CORRUPT'],
  ['an empty file', () => '', 'CORRUPT'],
  ['schema-invalid content', (text) => text.replace('"status":"active"', '"status":"sleeping"'), 'INVALID'],
  ['a non-object', () => '[1,2,3]', 'CORRUPT'],
];

describe.each(damages)('a case file with %s', (_label, damage, problemCode) => {
  it('is never overwritten, is listed with its problem, and can be opened from the backup and recovered', async () => {
    const good = await readFile(caseFile, 'utf8');
    const damaged = damage(good);
    await writeFile(caseFile, damaged);

    // A fresh store (as after a restart) and the running one (which has the case in memory) both refuse.
    for (const s of [createCaseStore({ dataDir: dir, log: () => undefined }), store]) {
      for (const attempt of attempts(s)) {
        expect(await codeOf(attempt())).toBe('STORAGE_UNREADABLE');
        expect(await readFile(caseFile, 'utf8')).toBe(damaged);
      }
      expect(await codeOf(s.open(caseId))).toBe('STORAGE_UNREADABLE');
    }

    const [summary] = await store.list();
    expect(summary).toMatchObject({ status: 'unreadable', id: caseId, problem: { code: problemCode, file: caseFile, backupAvailable: true } });
    if (summary?.status !== 'unreadable') throw new Error('expected unreadable');
    expect(summary.problem.message).toMatch(/cannot be (read|opened safely)/);
    expect(summary.problem.hint).toContain('Firebreak kept the last good copy from 2025-01-10T09:00:01.000Z');
    expect(summary.problem.hint).toContain(caseFile);

    // The backup opens read-only and is the state before the last change.
    const fromBackup = await store.open(caseId, { useBackup: true });
    expect(fromBackup.readOnly).toBe(true);
    expect(fromBackup.problem?.code).toBe(problemCode);
    expect(fromBackup.doc.servers[0]?.playbooks.map((p) => p.playbookId)).toEqual(['cleo']);
    expect(fromBackup.doc.steps).toEqual({});

    const recovered = await store.recover(caseId);
    expect(recovered.readOnly).toBe(false);
    expect(recovered.doc.timeline.at(-1)).toMatchObject({ kind: 'case.restored', data: { recovered: true } });
    const files = await readdir(path.dirname(caseFile));
    const aside = files.filter((f) => f.startsWith('case.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(path.dirname(caseFile), aside[0]!), 'utf8')).toBe(damaged);
    expect(await store.list()).toMatchObject([{ status: 'ok', id: caseId }]);
    // Changes work again after recovery.
    await store.setStepState(caseId, { serverId, playbookId: 'cleo', stepId: 'isolate' }, 'done');
  });
});

describe('a case file from a newer Firebreak', () => {
  it('opens read-only and is never written', async () => {
    const doc = JSON.parse(await readFile(caseFile, 'utf8')) as Record<string, unknown>;
    const newer = JSON.stringify({ ...doc, schemaVersion: 99 });
    await writeFile(caseFile, newer);
    for (const s of [createCaseStore({ dataDir: dir, log: () => undefined }), store]) {
      const opened = await s.open(caseId);
      expect(opened.readOnly).toBe(true);
      expect(opened.problem?.code).toBe('NEWER_SCHEMA');
      expect(opened.problem?.hint).toMatch(/Update Firebreak/);
      expect(opened.doc.title).toBe(sampleCaseInput.title);
      for (const attempt of attempts(s)) {
        expect(await codeOf(attempt())).toBe('READ_ONLY');
        expect(await readFile(caseFile, 'utf8')).toBe(newer);
      }
      expect(await codeOf(s.recover(caseId))).toBe('READ_ONLY');
    }
    expect(await store.list()).toMatchObject([{ status: 'unreadable', problem: { code: 'NEWER_SCHEMA' } }]);
  });

  it('with fields this version does not know cannot be shown, but is still untouched', async () => {
    const doc = JSON.parse(await readFile(caseFile, 'utf8')) as Record<string, unknown>;
    const newer = JSON.stringify({ ...doc, schemaVersion: CURRENT_SCHEMA_VERSION + 1, unknownField: [] });
    await writeFile(caseFile, newer);
    expect(await codeOf(store.open(caseId))).toBe('STORAGE_UNREADABLE');
    expect(await codeOf(store.rename(caseId, 'x'))).toBe('READ_ONLY');
    expect(await readFile(caseFile, 'utf8')).toBe(newer);
  });
});

describe('missing files', () => {
  it('says so when there is no last good copy', async () => {
    const fresh = await store.create(sampleCaseInput); // never changed: no backup yet
    const file = path.join(dir, 'cases', fresh.doc.id, 'case.json');
    await writeFile(file, '{');
    const summary = (await store.list()).find((s) => s.id === fresh.doc.id);
    expect(summary).toMatchObject({ status: 'unreadable', problem: { code: 'CORRUPT', backupAvailable: false } });
    if (summary?.status === 'unreadable') expect(summary.problem.hint).toMatch(/no earlier good copy/);
    expect(await codeOf(store.recover(fresh.doc.id))).toBe('NOT_FOUND');
    expect(await codeOf(store.open(fresh.doc.id, { useBackup: true }))).toBe('NOT_FOUND');
    expect(await readFile(file, 'utf8')).toBe('{');
  });

  it('lists a folder without case.json as MISSING and recovers it from the backup', async () => {
    await rm(caseFile);
    expect(await store.list()).toMatchObject([{ status: 'unreadable', problem: { code: 'MISSING', backupAvailable: true } }]);
    const recovered = await store.recover(caseId);
    expect(recovered.doc.id).toBe(caseId);
  });

  it('keeps listing the other cases when one is broken', async () => {
    const other = await store.create({ ...sampleCaseInput, title: 'Healthy' });
    await writeFile(caseFile, 'garbage');
    const list = await store.list();
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.id === other.doc.id)).toMatchObject({ status: 'ok', title: 'Healthy' });
    expect(list.find((s) => s.id === caseId)).toMatchObject({ status: 'unreadable' });
  });

  it('refuses to recover a case that opens normally', async () => {
    expect(await codeOf(store.recover(caseId))).toBe('CONFLICT');
  });
});
