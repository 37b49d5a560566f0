// The real handlers behind dispatch(), on a throw-away data folder: what the UI (and the end-to-end
// harness) gets for good and bad input.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseView, Handlers, Outcome, Results } from '../../../core/api/contract';
import { dispatch } from '../../../core/api/dispatch';
import { createHandlers } from '../../../core/api/handlers';
import type { CaseSummary } from '../../../core/cases/types';
import { fakeRegistry, makePlaybook, sampleCaseInput, steppingClock, tempDataDir } from '../cases/helpers';

let dir: string;
let cleanup: () => Promise<void>;
let handlers: Handlers;
let registry: ReturnType<typeof fakeRegistry>;
let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<boolean>>>;
let logged: unknown[];

const cleoEn = makePlaybook({ id: 'cleo', language: 'en', title: 'Cleo file transfer', phases: { triage: ['inventory', 'isolate'], patch: ['patch'] } });
const cleoFr = makePlaybook({ id: 'cleo', language: 'fr', title: 'Cleo transfert de fichiers', phases: { triage: ['inventory', 'isolate'], patch: ['patch'] } });
const exchangeEn = makePlaybook({ id: 'exchange', language: 'en', phases: { triage: ['version'] } });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
  registry = fakeRegistry([cleoEn, cleoFr, exchangeEn]);
  openExternal = vi.fn(async () => true);
  logged = [];
  handlers = await createHandlers({
    dataDir: dir,
    bundledPlaybooksDir: path.join(dir, 'none'),
    appVersion: '0.1.0',
    platform: 'linux',
    systemLanguage: 'fr',
    openExternal,
    now: steppingClock(),
    playbooks: registry,
    log: (m) => logged.push(m),
  });
});
afterEach(() => cleanup());

const call = (channel: unknown, input?: unknown): Promise<Outcome<unknown>> => dispatch(handlers, channel, input, (e) => logged.push(e));

async function ok<C extends keyof Results>(channel: C, input?: unknown): Promise<Results[C]> {
  const outcome = await call(channel, input);
  if (!outcome.ok) throw new Error(`${channel} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value as Results[C];
}

async function err(channel: unknown, input?: unknown) {
  const outcome = await call(channel, input);
  if (outcome.ok) throw new Error(`${channel} should have failed`);
  return outcome.error;
}

async function newCase(language: 'en' | 'fr' = 'en'): Promise<{ view: CaseView; caseId: string; serverId: string }> {
  const view = await ok('cases.create', { ...sampleCaseInput, language });
  return { view, caseId: view.case.id, serverId: view.case.servers[0]!.id };
}

describe('input validation at the boundary', () => {
  it('refuses an unknown channel', async () => {
    expect(await err('cases.format', {})).toEqual({ code: 'INVALID_INPUT', message: 'Unknown request.' });
    expect(await err(42)).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('names the field that is wrong', async () => {
    const missingOrg = await err('cases.create', { ...sampleCaseInput, organisation: '  ' });
    expect(missingOrg).toMatchObject({ code: 'INVALID_INPUT', message: 'organisation: the organisation is required' });
    const badId = await err('cases.open', { caseId: '../../etc' });
    expect(badId.message).toBe('caseId: not a case id');
    const extra = await err('cases.rename', { caseId: 'abc', title: 'x', admin: true });
    expect(extra.message).toMatch(/admin/);
    const badState = await err('cases.setStepState', { caseId: 'a', serverId: 's', playbookId: 'cleo', stepId: 'x', state: 'finished' });
    expect(badState.message).toMatch(/^state: /);
  });

  it('refuses a skipped step without a reason', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    const error = await err('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'patch', state: 'skipped' });
    expect(error).toEqual({ code: 'INVALID_INPUT', message: 'reason: say why the step is skipped' });
    const view = await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'patch', state: 'skipped', reason: 'Server retired' });
    expect(view.case.steps[`${serverId}/cleo/patch`]).toMatchObject({ state: 'skipped', reason: 'Server retired' });
  });

  it('turns an unexpected error into a generic message without a stack, and logs it', async () => {
    registry.list = async () => {
      throw new Error('EACCES: secret internal path /home/x');
    };
    const error = await err('playbooks.list');
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Something went wrong inside Firebreak; nothing was changed by this action.');
    expect(JSON.stringify(error)).not.toMatch(/EACCES|at |\.ts/);
    expect(logged.some((e) => e instanceof Error && e.message.includes('EACCES'))).toBe(true);
  });
});

describe('app and settings', () => {
  it('reports app info and keeps settings', async () => {
    expect(await ok('app.info')).toEqual({ version: '0.1.0', platform: 'linux', dataDir: dir, systemLanguage: 'fr' });
    expect(await ok('settings.get')).toEqual({ language: 'fr', theme: 'system', operator: '' });
    expect(await ok('settings.update', { operator: '  Alice  ', theme: 'dark' })).toEqual({ language: 'fr', theme: 'dark', operator: 'Alice' });
    expect((await err('settings.update', { theme: 'neon' })).message).toMatch(/^theme: /);
  });
});

describe('playbooks', () => {
  it('lists, gets with language fallback, and removes', async () => {
    expect((await ok('playbooks.list')).length).toBe(3);
    expect((await ok('playbooks.get', { id: 'cleo', language: 'fr' })).meta.title).toBe('Cleo transfert de fichiers');
    expect((await ok('playbooks.get', { id: 'exchange', language: 'fr' })).meta.language).toBe('en');
    expect(await err('playbooks.get', { id: 'moveit', language: 'en' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ok('playbooks.remove', { id: 'exchange' })).length).toBe(2);
  });
});

describe('cases through the API', () => {
  it('creates, opens and shows attached playbooks in the case language', async () => {
    const { caseId, serverId } = await newCase('fr');
    const attached = await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    expect(attached.playbooks.cleo?.meta.language).toBe('fr');
    expect(attached.case.servers[0]!.playbooks[0]).toMatchObject({ playbookId: 'cleo', version: '1.0.0', attachedBy: 'Alice Admin' });
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'exchange' });
    const opened = await ok('cases.open', { caseId });
    expect(opened.readOnly).toBe(false);
    expect(Object.keys(opened.playbooks).sort()).toEqual(['cleo', 'exchange']);
    expect(opened.playbooks.exchange?.meta.language).toBe('en'); // no French version: the English one
    expect(opened.missingPlaybooks).toEqual([]);
  });

  it('refuses attaching the same playbook twice, and an unknown playbook', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    const twice = await err('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    expect(twice).toMatchObject({ code: 'CONFLICT', message: 'The playbook “Cleo file transfer” is already applied to CLEO-01.' });
    expect(await err('cases.attachPlaybook', { caseId, serverId, playbookId: 'moveit' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a step that is not in the playbook, but accepts changes to a retired step that has a record', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    const unknown = await err('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'made-up', state: 'done' });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: 'The step “made-up” is not part of the playbook “cleo”.' });
    expect(unknown.hint).toMatch(/reload the case/);

    const done = await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'isolate', state: 'done' });
    expect(done.case.timeline.at(-1)?.summary).toBe('Step “Step isolate” on “CLEO-01”: to do → done.');

    // The playbook is updated and "isolate" disappears: its record is kept and may still change.
    registry.set(makePlaybook({ id: 'cleo', language: 'en', version: '2.0.0', phases: { triage: ['inventory'], patch: ['patch'] } }));
    const retired = await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'isolate', state: 'in_progress' });
    expect(retired.case.steps[`${serverId}/cleo/isolate`]?.state).toBe('in_progress');
    const noted = await ok('cases.addNote', { caseId, serverId, playbookId: 'cleo', stepId: 'isolate', text: 'Checked again' });
    expect(noted.case.steps[`${serverId}/cleo/isolate`]?.notes.map((n) => n.text)).toEqual(['Checked again']);
    expect(await err('cases.addNote', { caseId, serverId, playbookId: 'cleo', stepId: 'ghost', text: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a playbook that went missing, keeping its progress', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'exchange' });
    await ok('cases.setStepState', { caseId, serverId, playbookId: 'exchange', stepId: 'version', state: 'done' });
    registry.delete('exchange');
    const view = await ok('cases.open', { caseId });
    expect(view.missingPlaybooks).toEqual(['exchange']);
    expect(view.case.steps[`${serverId}/exchange/version`]?.state).toBe('done');
    const list = await ok('cases.list');
    expect(list[0]).toMatchObject({ status: 'ok', progress: { done: 1, total: 1 } });
  });

  it('computes list progress over the steps of the attached playbooks', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
    await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'inventory', state: 'done' });
    await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'isolate', state: 'blocked' });
    const [summary] = await ok('cases.list');
    expect(summary).toMatchObject({ status: 'ok', id: caseId, progress: { done: 1, total: 3 }, serverCount: 1 });
  });

  it('runs the lifecycle and returns the case list after each status change', async () => {
    const { caseId, serverId } = await newCase();
    await ok('cases.rename', { caseId, title: 'Renamed' });
    await ok('cases.setOperator', { caseId, operator: 'Bob' });
    await ok('cases.addServer', { caseId, server: { name: 'EXCH-01', product: 'Exchange', version: '2019 CU12' } });
    await ok('cases.updateServer', { caseId, serverId, server: { name: 'CLEO-01', product: 'Cleo Harmony', version: '5.8.0.24' } });
    const statusOf = (list: CaseSummary[]) => (list[0]?.status === 'ok' ? list[0].caseStatus : undefined);
    expect(statusOf(await ok('cases.archive', { caseId }))).toBe('archived');
    expect(statusOf(await ok('cases.restore', { caseId }))).toBe('active');
    expect(statusOf(await ok('cases.delete', { caseId }))).toBe('deleted');
    expect(await ok('cases.purge', { caseId })).toEqual([]);
    expect(await err('cases.open', { caseId })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('opens a damaged case from its backup and recovers it', async () => {
    const { caseId } = await newCase();
    await ok('cases.rename', { caseId, title: 'Second title' });
    const file = path.join(dir, 'cases', caseId, 'case.json');
    await writeFile(file, '{"truncated":');
    const refused = await err('cases.rename', { caseId, title: 'x' });
    expect(refused.code).toBe('STORAGE_UNREADABLE');
    expect(refused.hint).toMatch(/last good copy/);
    expect(await readFile(file, 'utf8')).toBe('{"truncated":');
    expect(await err('cases.open', { caseId })).toMatchObject({ code: 'STORAGE_UNREADABLE' });
    const backup = await ok('cases.open', { caseId, useBackup: true });
    expect(backup).toMatchObject({ readOnly: true, problem: { code: 'CORRUPT' } });
    const recovered = await ok('cases.recover', { caseId });
    expect(recovered.readOnly).toBe(false);
    expect(recovered.case.title).toBe(sampleCaseInput.title);
  });
});

describe('external links', () => {
  it.each([
    ['http://example.com/'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['not a url'],
    ['https://user:pass@example.com/'],
    ['https://token@example.com/'],
    [String.raw`\\?\UNC\server\share\file`],
  ])('refuses %s without calling the opener', async (url) => {
    const error = await err('external.open', { url });
    expect(error.code).toBe('INVALID_INPUT');
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens an https link through the injected opener and reports a refusal', async () => {
    expect(await ok('external.open', { url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog' })).toEqual({ opened: true });
    expect(openExternal).toHaveBeenCalledWith('https://www.cisa.gov/known-exploited-vulnerabilities-catalog');
    openExternal.mockResolvedValueOnce(false);
    expect(await ok('external.open', { url: 'https://example.com/' })).toEqual({ opened: false });
  });
});

describe('with the real playbook registry', () => {
  it('attaches the sample playbook from a bundled folder', async () => {
    const bundled = path.join(dir, 'bundled');
    await mkdir(path.join(bundled, 'en'), { recursive: true });
    await copyFile(path.resolve(__dirname, '../../fixtures/playbooks/sample-en.md'), path.join(bundled, 'en', 'sample-webapp.md'));
    const real = await createHandlers({ dataDir: path.join(dir, 'data'), bundledPlaybooksDir: bundled, appVersion: '0.1.0', platform: 'linux', systemLanguage: 'en', openExternal, log: () => undefined });
    const created = await dispatch(real, 'cases.create', { ...sampleCaseInput });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const view = created.value as CaseView;
    const attached = await dispatch(real, 'cases.attachPlaybook', { caseId: view.case.id, serverId: view.case.servers[0]!.id, playbookId: 'sample-webapp' });
    if (!attached.ok) throw new Error(JSON.stringify(attached.error));
    expect((attached.value as CaseView).playbooks['sample-webapp']?.meta.title).toBe('Sample web server compromise');
  });
});

describe('reopening a resolved finding', () => {
  it('makes it open again, keeps the resolution and the reason in the timeline, and says so when there is nothing to reopen', async () => {
    const { caseId } = await newCase();
    const added = await ok('findings.add', { caseId, finding: { status: 'found', title: 'Web shell in aspnet_client', indicator: 'discover.aspx', severity: 'critical', certainty: 'fact' } });
    const findingId = added.case.records.findings[0]!.id;
    await ok('findings.update', { caseId, findingId, changes: { resolution: { at: '2025-01-02T10:00:00Z', by: 'Ann', note: 'Deleted after imaging.' } } });

    expect(await err('findings.reopen', { caseId, findingId, reason: '   ' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('say why the finding is reopened') });
    const reopened = await ok('findings.reopen', { caseId, findingId, reason: 'The shell came back the next day.' });
    const finding = reopened.case.records.findings[0]!;
    expect(finding.resolution).toBeUndefined();
    expect(finding).toMatchObject({ title: 'Web shell in aspnet_client', status: 'found', severity: 'critical' });
    const entry = reopened.case.timeline.at(-1)!;
    expect(entry.kind).toBe('finding.updated');
    expect(entry.summary).toContain('reopened: The shell came back the next day.');
    expect(entry.summary).toContain('resolved by Ann on 2025-01-02T10:00:00Z: Deleted after imaging.');
    expect(entry.data).toMatchObject({ findingId, reopened: true, resolutionNote: 'Deleted after imaging.', resolvedBy: 'Ann' });

    // open again: it can be resolved anew, and reopening an open finding is refused
    expect(await err('findings.reopen', { caseId, findingId, reason: 'again' })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not resolved') });
    const resolvedAgain = await ok('findings.update', { caseId, findingId, changes: { resolution: { at: '2025-01-04T09:00:00Z', by: 'Ann', note: 'Server rebuilt.' } } });
    expect(resolvedAgain.case.records.findings[0]!.resolution?.note).toBe('Server rebuilt.');
  });
});

describe('removing a notice', () => {
  it('removes an "other" notice with a reason kept in the timeline, and never a statutory one', async () => {
    const { caseId } = await newCase();
    const bank = await ok('notifications.set', { caseId, notification: { kind: 'other', recipient: 'Bank', at: '2025-01-03T08:00:00Z', reference: 'B-17' } });
    const anssi = await ok('notifications.set', { caseId, notification: { kind: 'other', recipient: 'ANSSI' } });
    const insurer = await ok('notifications.set', { caseId, notification: { kind: 'insurer', at: '2025-01-02T08:00:00Z' } });
    const idOf = (view: CaseView, recipient: string, kind = 'other') => view.case.records.notifications.find((n) => n.kind === kind && (kind !== 'other' || n.recipient === recipient))!.id;
    const bankId = idOf(bank, 'Bank');

    expect(await err('notifications.remove', { caseId, notificationId: bankId, reason: '' })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('say why the notice is removed') });
    expect(await err('notifications.remove', { caseId, notificationId: idOf(insurer, '', 'insurer'), reason: 'oops' })).toMatchObject({ code: 'CONFLICT', hint: expect.stringContaining('not required') });
    const after = await ok('notifications.remove', { caseId, notificationId: bankId, reason: 'Recorded in the wrong case.' });
    expect(after.case.records.notifications.map((n) => n.recipient || n.kind).sort()).toEqual(['ANSSI', 'insurer']);
    const entry = after.case.timeline.at(-1)!;
    expect(entry.kind).toBe('notification.set');
    expect(entry.summary).toBe('Notice to Bank removed: Recorded in the wrong case. (it had been recorded as done 2025-01-03T08:00:00Z, reference B-17)');
    expect(entry.data).toMatchObject({ notificationId: bankId, removed: true, reference: 'B-17' });
    expect(await err('notifications.remove', { caseId, notificationId: bankId, reason: 'again' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(idOf(anssi, 'ANSSI')).toBeTruthy();
  });
});
