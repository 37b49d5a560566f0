// The contract channels for evidence, records, the report and bundles, through dispatch() on the
// real handlers, with the main process's dialogs and PDF printer stubbed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers, Outcome, Results } from '../../../core/api/contract';
import { dispatch } from '../../../core/api/dispatch';
import { createHandlers } from '../../../core/api/handlers';
import { verifyBundle } from '../../../core/bundle/read';
import { fakeRegistry, makePlaybook, sampleCaseInput, steppingClock } from '../cases/helpers';

let dir: string;
let handlers: Handlers;
let chosenFiles: string[];
let savePath: string | undefined;
let openPath: string | undefined;
let printed: { html: string; format: string }[];

const playbook = makePlaybook({ id: 'cleo', language: 'en', phases: { triage: ['collect', 'look'] } });
playbook.steps[0]!.evidence = 'required';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-record-handlers-'));
  chosenFiles = [];
  printed = [];
  handlers = await createHandlers({
    dataDir: path.join(dir, 'data'),
    bundledPlaybooksDir: path.join(dir, 'none'),
    appVersion: '0.1.0',
    platform: 'linux',
    systemLanguage: 'en',
    openExternal: async () => false,
    now: steppingClock('2025-01-10T09:00:00.000Z'),
    playbooks: fakeRegistry([playbook]),
    log: () => undefined,
    chooseFiles: async () => chosenFiles,
    chooseSavePath: async () => savePath,
    chooseOpenPath: async () => openPath,
    printPdf: async (html, options) => {
      printed.push({ html, format: options.format });
      return Buffer.from('%PDF-1.4 stub');
    },
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const call = (channel: string, input?: unknown): Promise<Outcome<unknown>> => dispatch(handlers, channel, input, () => undefined);
async function ok<C extends keyof Results>(channel: C, input?: unknown): Promise<Results[C]> {
  const outcome = await call(channel, input);
  if (!outcome.ok) throw new Error(`${channel} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value as Results[C];
}
async function err(channel: string, input?: unknown) {
  const outcome = await call(channel, input);
  if (outcome.ok) throw new Error(`${channel} should have failed`);
  return outcome.error;
}

async function newCase() {
  const view = await ok('cases.create', { ...sampleCaseInput, language: 'en' });
  const caseId = view.case.id;
  const serverId = view.case.servers[0]!.id;
  await ok('cases.attachPlaybook', { caseId, serverId, playbookId: 'cleo' });
  return { caseId, serverId, step: { serverId, playbookId: 'cleo', stepId: 'collect' } };
}

describe('evidence through the contract', () => {
  it('a step with evidence required cannot be done until a file chosen in the dialog is attached to it', async () => {
    const { caseId, serverId, step } = await newCase();
    const refused = await err('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'collect', state: 'done' });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '“Step collect” needs evidence before it can be marked done.' });
    // Cancelled dialog: nothing changes.
    expect((await ok('evidence.addFile', { caseId, step })).case.records.evidence).toEqual([]);
    const file = path.join(dir, 'hashes.txt');
    await writeFile(file, 'abc\n');
    chosenFiles = [file];
    const view = await ok('evidence.addFile', { caseId, step, sourceHost: 'SRV1' });
    const item = view.case.records.evidence[0]!;
    expect(item).toMatchObject({ kind: 'file', title: 'hashes.txt', sourceHost: 'SRV1', originalPath: file, stepKey: `${serverId}/cleo/collect` });
    expect(item.sha256).toBe(execFileSync('sha256sum', [file]).toString().split(' ')[0]);
    const done = await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'collect', state: 'done' });
    expect(done.case.steps[`${serverId}/cleo/collect`]?.state).toBe('done');
    // A step without the requirement is not gated.
    await ok('cases.setStepState', { caseId, serverId, playbookId: 'cleo', stepId: 'look', state: 'done' });
  });

  it('pasted text, withdrawal with a reason, and input checked at the boundary', async () => {
    const { caseId, step } = await newCase();
    const view = await ok('evidence.addText', { caseId, step, title: 'netstat', content: 'TCP 0.0.0.0:5080 LISTENING' });
    const id = view.case.records.evidence[0]!.id;
    expect(await err('evidence.remove', { caseId, evidenceId: id, reason: '' })).toMatchObject({ code: 'INVALID_INPUT' });
    const removed = await ok('evidence.remove', { caseId, evidenceId: id, reason: 'pasted from the wrong server' });
    expect(removed.case.records.evidence[0]?.removed?.reason).toBe('pasted from the wrong server');
    expect(await err('evidence.addText', { caseId, title: 'x', content: '', extra: 1 })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('records, the report and bundles through the contract', () => {
  it('records notifications, dates, findings, costs and sign-off, each with a timeline entry', async () => {
    const { caseId } = await newCase();
    const before = (await ok('cases.open', { caseId })).case.timeline.length;
    await ok('dates.set', { caseId, dates: { discovery: '2025-01-09T08:00:00Z' } });
    await ok('notifications.set', { caseId, notification: { kind: 'police', at: '2025-01-10T08:00:00Z', office: 'Commissariat', reference: 'PV 1' } });
    expect(await err('notifications.set', { caseId, notification: { kind: 'dpa', notRequired: true } })).toMatchObject({ code: 'INVALID_INPUT' });
    await ok('notifications.set', { caseId, notification: { kind: 'dpa', notRequired: true, reasoning: 'No personal data on this server.' } });
    await ok('findings.add', { caseId, finding: { status: 'ruled_out', title: 'No web shell', indicator: '*.jsp', severity: 'high', certainty: 'fact', coverage: { files: ['a.log'], from: '2025-01-01T00:00:00Z', to: '2025-01-09T00:00:00Z' } } });
    await ok('costs.add', { caseId, cost: { kind: 'invoice', amount: 1000, currency: 'EUR', description: 'forensics' } });
    const signed = await ok('signoff.set', { caseId, signOff: { performedBy: 'Ann', attestation: 'True and complete.' } });
    expect(signed.case.records).toMatchObject({ keyDates: { discovery: '2025-01-09T08:00:00Z' }, findings: [{ title: 'No web shell' }], costs: [{ amount: 1000 }], signOff: { performedBy: 'Ann' } });
    expect(signed.case.records.notifications.map((n) => n.kind)).toEqual(['police', 'dpa']);
    const kinds = (await ok('cases.open', { caseId })).case.timeline.slice(before).map((t) => t.kind);
    expect(kinds).toEqual(['dates.set', 'notification.set', 'notification.set', 'finding.recorded', 'cost.added', 'signoff.set']);
  });

  it('exports the report where the save dialog says, records version 1 once, then version 2 after a change', async () => {
    const { caseId } = await newCase();
    savePath = undefined;
    expect(await ok('report.export', { caseId, format: 'html' })).toMatchObject({ saved: false, version: 1 });
    savePath = path.join(dir, 'report.html');
    const first = await ok('report.export', { caseId, format: 'html' });
    expect(first).toMatchObject({ saved: true, file: savePath, version: 1 });
    expect(await readFile(savePath, 'utf8')).toContain(first.reportSha256);
    savePath = path.join(dir, 'report.pdf');
    const pdf = await ok('report.export', { caseId, format: 'pdf', paper: 'letter' });
    expect(pdf.version).toBe(1);
    expect(printed.at(-1)).toMatchObject({ format: 'Letter' });
    expect((await ok('cases.open', { caseId })).case.records.reportVersions.map((v) => v.version)).toEqual([1]);
    await ok('records.setInsurance', { caseId, insurance: { claimNumber: 'CLM-9' } });
    savePath = path.join(dir, 'report.json');
    const second = await ok('report.export', { caseId, format: 'json' });
    expect(second.version).toBe(2);
    const json = JSON.parse(await readFile(savePath, 'utf8'));
    expect(json.annexes.changes).toContainEqual({ field: 'case/claimNumber', before: '', after: 'CLM-9' });
  });

  it('exports a verified bundle and imports it into another data folder, refusing it a second time', async () => {
    const { caseId, step } = await newCase();
    await ok('evidence.addText', { caseId, step, title: 'output', content: 'ok' });
    savePath = path.join(dir, 'case.zip');
    const exported = await ok('bundle.export', { caseId });
    expect(exported).toMatchObject({ saved: true, pdf: true, version: 1 });
    const { manifest } = await verifyBundle(savePath);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['case.json', 'report.pdf', 'report.html', 'report.md', 'report.json']));

    const other = await createHandlers({
      dataDir: path.join(dir, 'other'),
      bundledPlaybooksDir: path.join(dir, 'none'),
      appVersion: '0.1.0',
      platform: 'linux',
      systemLanguage: 'en',
      openExternal: async () => false,
      playbooks: fakeRegistry([playbook]),
      log: () => undefined,
      chooseOpenPath: async () => savePath,
    });
    const imported = await dispatch(other, 'bundle.import', undefined, () => undefined);
    expect(imported).toEqual({ ok: true, value: { imported: true, caseId } });
    const opened = await dispatch(other, 'cases.open', { caseId }, () => undefined);
    expect(opened.ok && (opened.value as Results['cases.open']).case.records.evidence).toHaveLength(1);
    const again = await dispatch(other, 'bundle.import', undefined, () => undefined);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
