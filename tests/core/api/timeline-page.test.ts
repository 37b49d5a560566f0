// The case view carries only the newest page of the timeline; older entries come through
// cases.timeline, page by page, in order and without gaps.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIMELINE_PAGE, type CaseView, type Handlers, type Outcome } from '../../../core/api/contract';
import { dispatch } from '../../../core/api/dispatch';
import { createHandlers } from '../../../core/api/handlers';
import type { TimelineEntry } from '../../../core/cases/types';
import { fakeRegistry, makePlaybook, sampleCaseInput, tempDataDir } from '../cases/helpers';

let dir: string;
let cleanup: () => Promise<void>;
let handlers: Handlers;

const cleo = makePlaybook({ id: 'cleo', language: 'en', title: 'Cleo', phases: { triage: ['inventory'] } });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
  handlers = await createHandlers({
    dataDir: dir,
    bundledPlaybooksDir: path.join(dir, 'none'),
    appVersion: '0.1.0',
    platform: 'linux',
    systemLanguage: 'en',
    openExternal: async () => false,
    playbooks: fakeRegistry([cleo]),
    log: () => undefined,
  });
});
afterEach(() => cleanup());

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const outcome = (await dispatch(handlers, channel, input)) as Outcome<T>;
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe('cases.timeline', () => {
  it('returns the whole timeline through the view and its pages, oldest first, without gaps', async () => {
    const created = await ok<CaseView>('cases.create', sampleCaseInput);
    const caseId = created.case.id;
    const serverId = created.case.servers[0]!.id;
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    let view: CaseView = created;
    for (let i = 0; i < TIMELINE_PAGE + 40; i++) {
      view = await ok<CaseView>('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'inventory', state: i % 2 ? 'done' : 'blocked' });
    }
    expect(view.case.timeline).toHaveLength(TIMELINE_PAGE);
    expect(view.timelineTotal).toBeGreaterThan(TIMELINE_PAGE + 40);

    const older: TimelineEntry[] = [];
    for (;;) {
      const page = await ok<{ entries: TimelineEntry[]; total: number }>('cases.timeline', { caseId, offset: TIMELINE_PAGE + older.length, limit: 25 });
      expect(page.total).toBe(view.timelineTotal);
      if (page.entries.length === 0) break;
      older.unshift(...page.entries);
    }
    const all = [...older, ...view.case.timeline];
    expect(all).toHaveLength(view.timelineTotal);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all[0]!.kind).toBe('case.created');
    expect(all.at(-1)!.kind).toBe('step.state');
  });

  it('refuses a page larger than 1,000 entries and an unknown case', async () => {
    const tooBig = await dispatch(handlers, 'cases.timeline', { caseId: 'x', offset: 0, limit: 5_000 });
    expect(tooBig.ok).toBe(false);
    const missing = await dispatch(handlers, 'cases.timeline', { caseId: 'no-such-case', offset: 0, limit: 10 });
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
  });
});
