import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressFor, stateOf } from '../../../core/cases/progress';
import { createCaseStore } from '../../../core/cases/store';
import { makePlaybook, sampleCaseInput, steppingClock, tempDataDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDataDir()));
afterEach(() => cleanup());

describe('progress across a playbook update', () => {
  it('matches steps by id, counts resolved states, and reports vanished steps as retired', async () => {
    const store = createCaseStore({ dataDir: dir, now: steppingClock(), log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    const v1 = makePlaybook({ id: 'cleo', version: '1.0.0', phases: { triage: ['inventory', 'isolate'], patch: ['patch', 'verify'] } });
    await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    const at = (stepId: string) => ({ serverId, playbookId: 'cleo', stepId });
    await store.setStepState(doc.id, at('inventory'), 'done');
    await store.setStepState(doc.id, at('isolate'), 'not_applicable');
    await store.setStepState(doc.id, at('patch'), 'blocked');
    const { doc: saved } = await store.setStepState(doc.id, at('verify'), 'skipped', 'Vendor tool missing');

    expect(progressFor(saved, serverId, v1)).toEqual({
      overall: { resolved: 3, total: 4 },
      phases: [
        { phaseId: 'triage', resolved: 2, total: 2 },
        { phaseId: 'patch', resolved: 1, total: 2 },
      ],
      retired: [],
    });

    // v2 reorders phases, drops "isolate", adds "hunt": progress follows the ids.
    const v2 = makePlaybook({ id: 'cleo', version: '2.0.0', phases: { patch: ['verify', 'patch'], triage: ['inventory'], hunt: ['hunt-webshells'] } });
    const progress = progressFor(saved, serverId, v2);
    expect(progress.overall).toEqual({ resolved: 2, total: 4 });
    expect(progress.phases).toEqual([
      { phaseId: 'patch', resolved: 1, total: 2 },
      { phaseId: 'triage', resolved: 1, total: 1 },
      { phaseId: 'hunt', resolved: 0, total: 1 },
    ]);
    expect(progress.retired).toEqual([{ stepId: 'isolate', record: saved.steps[`${serverId}/cleo/isolate`] }]);
    expect(stateOf(saved, serverId, 'cleo', 'hunt-webshells')).toBe('todo');

    // A retired step keeps its record and can still be changed.
    const { doc: after } = await store.setStepState(doc.id, at('isolate'), 'done');
    expect(progressFor(after, serverId, v2).retired[0]?.record.state).toBe('done');
  });

  it('keeps the progress of each server and playbook apart', async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create({ ...sampleCaseInput, servers: [{ name: 'A', product: '', version: '' }, { name: 'B', product: '', version: '' }] });
    const [a, b] = doc.servers.map((s) => s.id) as [string, string];
    await store.attachPlaybook(doc.id, a, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    await store.attachPlaybook(doc.id, b, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    const { doc: saved } = await store.setStepState(doc.id, { serverId: a, playbookId: 'cleo', stepId: 'one' }, 'done');
    const playbook = makePlaybook({ id: 'cleo', phases: { triage: ['one', 'two'] } });
    expect(progressFor(saved, a, playbook).overall).toEqual({ resolved: 1, total: 2 });
    expect(progressFor(saved, b, playbook).overall).toEqual({ resolved: 0, total: 2 });
  });
});
