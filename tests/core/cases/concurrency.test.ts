import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCaseStore } from '../../../core/cases/store';
import { CaseDocument, STEP_STATES } from '../../../core/cases/types';
import { sampleCaseInput, tempDataDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDataDir()));
afterEach(() => cleanup());

describe('concurrent changes to one case', () => {
  it('keeps every one of many simultaneous step changes, each on disk when acknowledged', async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });
    const file = path.join(dir, 'cases', doc.id, 'case.json');
    const count = 120;
    const stateFor = (i: number) => STEP_STATES.filter((s) => s !== 'skipped' && s !== 'todo')[i % 4]!;

    const acknowledgedOnDisk: boolean[] = [];
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        store.setStepState(doc.id, { serverId, playbookId: 'cleo', stepId: `step-${i}` }, stateFor(i)).then(async () => {
          // When the promise resolves, that change is already in the file.
          const saved = JSON.parse(await readFile(file, 'utf8')) as CaseDocument;
          acknowledgedOnDisk[i] = saved.steps[`${serverId}/cleo/step-${i}`]?.state === stateFor(i);
        }),
      ),
    );
    expect(acknowledgedOnDisk.filter(Boolean)).toHaveLength(count);

    const saved = CaseDocument.parse(JSON.parse(await readFile(file, 'utf8')));
    for (let i = 0; i < count; i += 1) expect(saved.steps[`${serverId}/cleo/step-${i}`]?.state).toBe(stateFor(i));
    expect(saved.timeline.filter((e) => e.kind === 'step.state')).toHaveLength(count);
  });

  it('keeps going after a refused change in the queue', async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    const results = await Promise.allSettled([
      store.rename(doc.id, 'One'),
      store.setStepState(doc.id, { serverId, playbookId: 'not-attached', stepId: 'x' }, 'done'),
      store.rename(doc.id, 'Two'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.open(doc.id)).doc.title).toBe('Two');
  });

  it('notices a change another store made to the same file instead of overwriting it', async () => {
    const a = createCaseStore({ dataDir: dir, log: () => undefined });
    const b = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await a.create(sampleCaseInput);
    await b.rename(doc.id, 'Renamed by B');
    // A had the case in memory; it sees the file changed and re-reads it instead of overwriting B's change.
    await a.setOperator(doc.id, 'Someone');
    const saved = (await b.open(doc.id)).doc;
    expect(saved.title).toBe('Renamed by B');
    expect(saved.operator).toBe('Someone');
  });
});
