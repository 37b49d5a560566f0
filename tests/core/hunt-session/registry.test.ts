// The hunt session registry: paths only from the dialog, start/status/cancel, and what a finished
// hunt leaves in the case (findings with the source file's SHA-256, ruled-out rules with coverage,
// the hunt file kept as evidence). Runs the real engine (in this thread) over the playbook fixtures.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createCaseStore, type CaseStore } from '../../../core/cases/store';
import { createHuntSessions, type HuntSessionDeps } from '../../../core/hunt-session/registry';
import { createPlaybookRegistry } from '../../../core/playbooks/registry';
import type { Language } from '../../../core/playbooks/types';

const REPO = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(REPO, 'tests/fixtures/hunt/exchange-proxylogon');
const SERVERINFO = path.join(FIXTURES, 'httpproxy-26855-serverinfo/positive');
const ASPNET = path.join(FIXTURES, 'path-aspnet-client-script/positive');
const NEGATIVE = path.join(FIXTURES, 'httpproxy-26855-serverinfo/negative');

let dataDir: string;
let store: CaseStore;
let registry: ReturnType<typeof createPlaybookRegistry>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'firebreak-hunt-session-'));
  store = createCaseStore({ dataDir, log: () => undefined });
  registry = createPlaybookRegistry({ bundledDir: path.join(REPO, 'playbooks'), importedDir: path.join(dataDir, 'playbooks') });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function newCase(servers = [{ name: 'EXCH01', product: 'Exchange 2016', version: 'CU19 (15.1.2176.2)' }]) {
  const opened = await store.create({ organisation: 'Cabinet Dupont', contact: { name: '', email: '', phone: '' }, language: 'en', operator: 'Alice', servers });
  return opened.doc;
}

function sessions(chosen: string[], extra: Partial<HuntSessionDeps> = {}) {
  return createHuntSessions({
    store,
    playbookFor: async (id: string, language: Language) => (await registry.get(id, language)) ?? undefined,
    choosePaths: async () => chosen,
    toolVersion: 'Firebreak 9.9.9',
    log: () => undefined,
    ...extra,
  });
}

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppFailure ? error.error.code : `not an AppFailure: ${String(error)}`;
  }
};

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('paths allowed', () => {
  it('refuses paths the dialog did not return, and accepts those it did', async () => {
    const doc = await newCase();
    const hunts = sessions([SERVERINFO]);
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: [SERVERINFO], playbookIds: ['exchange-proxylogon'] }))).toBe('FORBIDDEN');
    expect(await hunts.choosePaths('folders')).toEqual({ paths: [SERVERINFO] });
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: ['/etc'], playbookIds: ['exchange-proxylogon'] }))).toBe('FORBIDDEN');
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: [SERVERINFO, '/etc/passwd'], playbookIds: ['exchange-proxylogon'] }))).toBe('FORBIDDEN');
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: [`${SERVERINFO}/../../..`], playbookIds: ['exchange-proxylogon'] }))).toBe('FORBIDDEN');
    const { huntId } = await hunts.start({ caseId: doc.id, paths: [SERVERINFO], playbookIds: ['exchange-proxylogon'] });
    await hunts.settled(huntId);
    expect(hunts.status(huntId).state).toBe('done');
  });

  it('keeps relative paths a dialog stub might return out of the allow-list', async () => {
    const hunts = sessions(['relative/logs', SERVERINFO]);
    expect((await hunts.choosePaths('files')).paths).toEqual([SERVERINFO]);
  });

  it('refuses an unknown playbook and one without hunt rules is reported', async () => {
    const doc = await newCase();
    const hunts = sessions([SERVERINFO]);
    await hunts.choosePaths('folders');
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: [SERVERINFO], playbookIds: ['no-such-playbook'] }))).toBe('NOT_FOUND');
  });
});

describe('a finished hunt', () => {
  let caseId: string;
  let huntId: string;
  let hunts: ReturnType<typeof sessions>;

  beforeAll(async () => {
    hunts = sessions([SERVERINFO, ASPNET, NEGATIVE]);
    const doc = await newCase();
    caseId = doc.id;
    await hunts.choosePaths('folders');
    ({ huntId } = await hunts.start({ caseId, serverId: doc.servers[0]!.id, paths: [SERVERINFO, ASPNET, NEGATIVE], playbookIds: ['exchange-proxylogon'] }));
    expect(hunts.status(huntId).state).toBe('running');
    await hunts.settled(huntId);
  });

  it('reports done with progress over every file and a summary', () => {
    const status = hunts.status(huntId);
    expect(status.state).toBe('done');
    expect(status.phase).toBe('finished');
    expect(status.progress.filesTotal).toBeGreaterThanOrEqual(4);
    expect(status.progress.filesDone).toBe(status.progress.filesTotal);
    expect(status.progress.bytesDone).toBe(status.progress.bytesTotal);
    expect(status.summary?.found).toBeGreaterThan(0);
    expect(status.summary?.recordedFindings).toBeGreaterThan(status.summary!.found);
  });

  it('records each hit as a found finding with file, line, match and the SHA-256 of the source file', async () => {
    const { doc } = await store.open(caseId);
    const found = doc.records.findings.filter((f) => f.status === 'found');
    const rules = new Set(found.map((f) => f.ruleId));
    expect(rules).toContain('httpproxy-26855-serverinfo');
    expect(rules).toContain('path-aspnet-client-script');
    // Exchange 2016 at 15.1.2176.2 is older than the CU19 fix 15.1.2176.9: the version rule hits.
    expect(rules).toContain('build-2016-cu19');
    const log = found.find((f) => f.ruleId === 'httpproxy-26855-serverinfo')!;
    expect(log.where.file.startsWith(SERVERINFO)).toBe(true);
    expect(log.where.line).toBeGreaterThan(0);
    expect(log.where.host).toBe('EXCH01');
    expect(log.matchedText?.toLowerCase()).toContain('serverinfo');
    expect(log.playbookId).toBe('exchange-proxylogon');
    // The source file's hash is its own field; the indicator stays `<file>:<line>`.
    expect(log.where.sha256).toBe(await sha256(log.where.file));
    expect(log.where.sha256Of).toBe('file');
    expect(log.indicator).toBe(`${log.where.file}:${log.where.line}`);
    expect(log.evidenceIds).toHaveLength(1);
    // the rule's negative example (a benign look-alike) is not flagged by it
    expect(found.some((f) => f.ruleId === 'httpproxy-26855-serverinfo' && f.where.file.startsWith(NEGATIVE))).toBe(false);
  });

  it('records each rule without a hit as ruled out, with its coverage', async () => {
    const { doc } = await store.open(caseId);
    const ruledOut = doc.records.findings.filter((f) => f.status === 'ruled_out');
    const webshell = ruledOut.find((f) => f.ruleId === 'path-lsass-dump');
    expect(webshell?.coverage?.files.length).toBeGreaterThanOrEqual(4);
    expect(webshell?.coverage?.ruleSetVersion).toMatch(/^exchange-proxylogon \d+\.\d+\.\d+$/);
    expect(webshell?.coverage?.toolVersion).toBe('Firebreak 9.9.9');
    expect(webshell?.coverage?.from).toMatch(/^2021-03-/);
    // a rule that hit is never also ruled out, nor one that had no file of its format to read
    expect(ruledOut.some((f) => f.ruleId === 'httpproxy-26855-serverinfo')).toBe(false);
    expect(ruledOut.some((f) => f.ruleId === 'iis-webshell-probe')).toBe(false);
  });

  it('keeps the whole hunt in hunts/<huntId>.json and as evidence, and serves it as the latest result', async () => {
    const file = path.join(store.folderOf(caseId), 'hunts', `${huntId}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { coverage: { files: unknown[] }; hits: { sha256?: string; findingId?: string; context?: unknown[] }[] };
    expect(stored.coverage.files.length).toBeGreaterThanOrEqual(4);
    expect(stored.hits.every((h) => h.findingId)).toBe(true);
    const { doc } = await store.open(caseId);
    expect(doc.records.evidence.map((e) => e.title)).toEqual([`Hunt ${huntId}: results and coverage`]);

    const results = await hunts.results(caseId);
    expect(results.running).toBeUndefined();
    expect(results.hunt?.huntId).toBe(huntId);
    const hit = results.hunt!.hits.find((h) => h.ruleId === 'httpproxy-26855-serverinfo')!;
    expect(hit.sha256).toBe(await sha256(hit.file));
    expect(hit.context?.some((c) => c.line === hit.line)).toBe(true);
    expect(results.hunt!.coverage.files).toBe(stored.coverage.files.length);
    expect(Object.values(results.hunt!.coverage.filesByFormat).reduce((a, b) => a + b, 0)).toBe(stored.coverage.files.length);
    expect(await codeOf(hunts.results(caseId, 'hunt-20000101-000000-abcdef'))).toBe('NOT_FOUND');
  });
});

describe('cancel and failure', () => {
  let bigDir: string;
  beforeAll(async () => {
    bigDir = await mkdtemp(path.join(tmpdir(), 'firebreak-hunt-big-'));
    const out = createWriteStream(path.join(bigDir, 'u_ex210303.log'));
    out.write('#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n');
    const line = '2021-03-03 06:00:00 10.0.0.5 GET /owa/ - 443 - 10.1.2.3 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15\n';
    const block = line.repeat(10_000);
    // ~110 MB: long enough that the hunt is still running when the test cancels it, however fast the engine gets.
    for (let i = 0; i < 120; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
  });
  afterAll(async () => {
    await rm(bigDir, { recursive: true, force: true });
  });

  it('cancels a running hunt within a second and rules nothing out', async () => {
    const doc = await newCase();
    const hunts = sessions([bigDir]);
    await hunts.choosePaths('folders');
    const { huntId } = await hunts.start({ caseId: doc.id, paths: [bigDir], playbookIds: ['exchange-proxylogon'] });
    expect(await codeOf(hunts.start({ caseId: doc.id, paths: [bigDir], playbookIds: ['exchange-proxylogon'] }))).toBe('CONFLICT');
    expect((await hunts.results(doc.id)).running).toEqual({ huntId });
    const asked = Date.now();
    expect(hunts.cancel(huntId).state).toBe('running');
    await hunts.settled(huntId);
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect(hunts.status(huntId).state).toBe('cancelled');
    const { doc: after } = await store.open(doc.id);
    expect(after.records.findings.filter((f) => f.status === 'ruled_out')).toEqual([]);
    expect((await hunts.results(doc.id)).hunt?.state).toBe('cancelled');
  });

  it('reports a failed engine as failed, with a sentence and nothing recorded', async () => {
    const doc = await newCase();
    const hunts = sessions([SERVERINFO], { run: async () => Promise.reject(new Error('disk on fire')) });
    await hunts.choosePaths('folders');
    const { huntId } = await hunts.start({ caseId: doc.id, paths: [SERVERINFO], playbookIds: ['exchange-proxylogon'] });
    await hunts.settled(huntId);
    const status = hunts.status(huntId);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/unexpected error/);
    expect((await store.open(doc.id)).doc.records.findings).toEqual([]);
  });

  it('says a hunt id it does not know is not found', async () => {
    const hunts = sessions([]);
    expect(await codeOf(Promise.resolve().then(() => hunts.status('hunt-20000101-000000-abcdef')))).toBe('NOT_FOUND');
    expect(await codeOf(Promise.resolve().then(() => hunts.cancel('../../etc')))).toBe('NOT_FOUND');
  });
});
