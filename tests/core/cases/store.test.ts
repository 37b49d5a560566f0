import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createCaseStore, type CaseStore } from '../../../core/cases/store';
import { CaseDocument } from '../../../core/cases/types';
import { sampleCaseInput, steppingClock, tempDataDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let store: CaseStore;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
  store = createCaseStore({ dataDir: dir, now: steppingClock(), log: () => undefined });
});
afterEach(() => cleanup());

const onDisk = async (caseId: string) => CaseDocument.parse(JSON.parse(await readFile(path.join(dir, 'cases', caseId, 'case.json'), 'utf8')));

async function expectFailure(promise: Promise<unknown>, code: string): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).error.code).toBe(code);
  return error as AppFailure;
}

describe('case store: life of a case', () => {
  it('creates a case in its own folder with a random UUID, on disk before it resolves', async () => {
    const { doc, readOnly } = await store.create(sampleCaseInput);
    expect(doc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(readOnly).toBe(false);
    expect(doc.status).toBe('active');
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0]?.id).toMatch(/^srv-[a-z0-9]+$/);
    expect(await onDisk(doc.id)).toEqual(doc);
    const second = await store.create(sampleCaseInput);
    expect(second.doc.id).not.toBe(doc.id);
  });

  it('gives an untitled case a title from the organisation and the date', async () => {
    const { doc } = await store.create({ ...sampleCaseInput, title: undefined });
    expect(doc.title).toBe('Boulangerie Dupont — 2025-01-10');
  });

  it('opens a case again from disk with a fresh store', async () => {
    const { doc } = await store.create(sampleCaseInput);
    await store.rename(doc.id, 'Renamed');
    const fresh = createCaseStore({ dataDir: dir, log: () => undefined });
    const opened = await fresh.open(doc.id);
    expect(opened.doc.title).toBe('Renamed');
    expect(opened.readOnly).toBe(false);
    expect(opened.problem).toBeUndefined();
  });

  it('records every change in the timeline with who, when, kind, a sentence and data', async () => {
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    await store.rename(doc.id, 'New title');
    await store.setOperator(doc.id, 'Bob Consultant');
    await store.addServer(doc.id, { name: 'EXCH-01', product: 'Exchange 2016', version: 'CU23' });
    await store.updateServer(doc.id, serverId, { name: 'CLEO-01', product: 'Cleo Harmony', version: '5.8.0.24' });
    await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    await store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: 'isolate', stepTitle: 'Isolate the server' }, 'done');
    await store.addNote(doc.id, { serverId, playbookId: 'cleo', stepId: 'isolate' }, 'Firewall rule 42 added.');
    await store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: 'patch' }, 'skipped', 'No patch yet');
    await store.detachPlaybook(doc.id, serverId, 'cleo', 'Cleo');
    await store.archive(doc.id);
    await store.restore(doc.id);
    await store.remove(doc.id);
    await store.restore(doc.id);

    const saved = await onDisk(doc.id);
    expect(saved.timeline.map((e) => e.kind)).toEqual([
      'case.created',
      'server.added',
      'case.renamed',
      'case.operator',
      'server.added',
      'server.updated',
      'playbook.attached',
      'step.state',
      'step.note',
      'step.state',
      'playbook.detached',
      'case.archived',
      'case.restored',
      'case.deleted',
      'case.restored',
    ]);
    // Creation is one moment; every later change has its own time from the clock, in order.
    const times = saved.timeline.map((e) => e.at);
    expect(times[1]).toBe(times[0]);
    expect(new Set(times.slice(1)).size).toBe(times.length - 1);
    expect([...times].sort()).toEqual(times);
    expect(saved.timeline.slice(0, 3).every((e) => e.by === 'Alice Admin')).toBe(true);
    expect(saved.timeline.slice(3).every((e) => e.by === 'Bob Consultant')).toBe(true);

    const renamed = saved.timeline[2]!;
    expect(renamed.summary).toBe('Case renamed from “Cleo breach” to “New title”.');
    expect(renamed.data).toEqual({ from: 'Cleo breach', to: 'New title' });
    const done = saved.timeline[7]!;
    expect(done.summary).toBe('Step “Isolate the server” on “CLEO-01”: to do → done.');
    expect(done.data).toMatchObject({ stepKey: `${serverId}/cleo/isolate`, from: 'todo', to: 'done' });
    const skipped = saved.timeline[9]!;
    expect(skipped.data).toMatchObject({ to: 'skipped', reason: 'No patch yet' });
    expect(saved.timeline[5]!.summary).toContain('version 5.8.0.21 → 5.8.0.24');
    // Progress survives detaching: records stay.
    expect(saved.steps[`${serverId}/cleo/isolate`]?.notes[0]?.text).toBe('Firewall rule 42 added.');
    expect(saved.steps[`${serverId}/cleo/isolate`]?.updatedBy).toBe('Bob Consultant');
    expect(saved.updatedAt).toBe(saved.timeline.at(-1)!.at);
  });

  it('writes the timeline in French for a French case', async () => {
    const { doc } = await store.create({ ...sampleCaseInput, language: 'fr' });
    const serverId = doc.servers[0]!.id;
    await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    const { doc: after } = await store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: 'patch' }, 'skipped', 'Pas de correctif');
    expect(after.timeline[0]!.summary).toBe('Dossier « Cleo breach » ouvert pour Boulangerie Dupont.');
    expect(after.timeline.at(-1)!.summary).toBe('Étape « patch » sur « CLEO-01 » : à faire → ignoré. Raison : Pas de correctif');
  });

  it('does not write or add an entry when nothing changes', async () => {
    const { doc } = await store.create(sampleCaseInput);
    const before = await readFile(path.join(dir, 'cases', doc.id, 'case.json'), 'utf8');
    await store.rename(doc.id, doc.title);
    expect(await readFile(path.join(dir, 'cases', doc.id, 'case.json'), 'utf8')).toBe(before);
  });

  it('follows the status lifecycle: archive, restore, delete, restore, purge only when deleted', async () => {
    const { doc } = await store.create(sampleCaseInput);
    await expectFailure(store.restore(doc.id), 'CONFLICT');
    await expectFailure(store.purge(doc.id), 'CONFLICT');
    expect((await store.archive(doc.id)).doc.status).toBe('archived');
    await expectFailure(store.archive(doc.id), 'CONFLICT');
    expect((await store.restore(doc.id)).doc.status).toBe('active');
    expect((await store.remove(doc.id)).doc.status).toBe('deleted');
    // A deleted case cannot be edited until restored.
    const refusal = await expectFailure(store.rename(doc.id, 'x'), 'CONFLICT');
    expect(refusal.error.hint).toMatch(/Restore it/);
    await expectFailure(store.remove(doc.id), 'CONFLICT');
    expect((await store.restore(doc.id)).doc.status).toBe('active');
    await store.archive(doc.id);
    expect((await store.remove(doc.id)).doc.status).toBe('deleted');
    await store.purge(doc.id);
    expect(existsSync(path.join(dir, 'cases', doc.id))).toBe(false);
    await expectFailure(store.open(doc.id), 'NOT_FOUND');
    expect(await store.list()).toEqual([]);
  });

  it('refuses a step of a playbook that is not applied, and a skip without a reason', async () => {
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    await expectFailure(store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: 'x' }, 'done'), 'NOT_FOUND');
    await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    await expectFailure(store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' }), 'CONFLICT');
    await expectFailure(store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: 'x' }, 'skipped'), 'INVALID_INPUT');
    await expectFailure(store.setStepState(doc.id, { serverId: 'srv-nope', playbookId: 'cleo', stepId: 'x' }, 'done'), 'NOT_FOUND');
  });

  it('rejects ids that could escape the cases folder', async () => {
    await expectFailure(store.open('../settings'), 'NOT_FOUND');
    await expectFailure(store.open('nope'), 'NOT_FOUND');
  });

  it('lists every case, newest first, with progress from step records', async () => {
    const first = await store.create({ ...sampleCaseInput, title: 'First' });
    const second = await store.create({ ...sampleCaseInput, title: 'Second' });
    const serverId = first.doc.servers[0]!.id;
    await store.attachPlaybook(first.doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    await store.setStepState(first.doc.id, { serverId, playbookId: 'cleo', stepId: 'a' }, 'done');
    await store.setStepState(first.doc.id, { serverId, playbookId: 'cleo', stepId: 'b' }, 'in_progress');
    const list = await store.list();
    expect(list.map((s) => (s.status === 'ok' ? s.title : s.id))).toEqual(['First', 'Second']);
    expect(list[0]).toMatchObject({ status: 'ok', id: first.doc.id, caseStatus: 'active', serverCount: 1, progress: { done: 1, total: 2 } });
    expect(list[1]).toMatchObject({ status: 'ok', id: second.doc.id, progress: { done: 0, total: 0 } });
  });

  it('leaves no temporary files behind after many writes', async () => {
    const { doc } = await store.create(sampleCaseInput);
    for (let i = 0; i < 20; i += 1) await store.rename(doc.id, `Title ${i}`);
    expect((await readdir(path.join(dir, 'cases', doc.id))).sort()).toEqual(['case.json', 'case.json.bak']);
  });
});
