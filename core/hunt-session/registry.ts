// The hunts running in this app session. The main process owns them: the renderer starts one, polls
// its status, may cancel it, and reads the stored results. The scan itself runs on the engine's
// worker threads (core/hunt), never on the renderer nor on the main thread's event loop for long.
//
// Paths come only from the native dialog: every path choosePaths returns is remembered, and start
// refuses any other, so a compromised renderer cannot make the app read arbitrary files.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure, fail } from '../api/contract';
import { recordFinding } from '../cases/records-mutations';
import type { CaseStore } from '../cases/store';
import { addEvidenceText } from '../evidence/service';
import { MAX_TEXT_EVIDENCE_BYTES } from '../evidence/copy';
import { runHunt, type HuntResult, type RuleInput } from '../hunt/index';
import type { Language, Playbook } from '../playbooks/types';
import { readTextIfExists, writeFileAtomic } from '../storage/atomic-file';
import { versionsFor } from './product-match';
import { buildHuntRecord, coverageSummary, findingInputs, type RecordContext } from './record';
import type { HuntProgressView, HuntRecord, HuntResults, HuntStatus } from './types';

export const HUNTS_DIR = 'hunts';
const HUNT_ID = /^hunt-\d{8}-\d{6}-[a-f0-9]{6}$/;
/** The records' schema caps findings per case (records.ts, `findings: …max(20_000)`); a hunt never pushes a case past it. */
const MAX_FINDINGS = 20_000;

export type PathKind = 'files' | 'folders';

export interface HuntSessionDeps {
  store: CaseStore;
  /** The playbook in the wanted language, else the other one (handlers.ts playbookFor). */
  playbookFor: (id: string, language: Language) => Promise<Playbook | undefined>;
  /** The native open dialog; resolves [] when the person cancels. */
  choosePaths?: (kind: PathKind) => Promise<string[]>;
  /** "Firebreak 1.2.3": stamped on every ruled-out finding's coverage. */
  toolVersion: string;
  /** The built hunt worker (Electron: out/main/hunt-worker.js); without it the engine scans in this thread. */
  workerScript?: string;
  /** Replaces the engine (tests). */
  run?: typeof runHunt;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface StartInput {
  caseId: string;
  serverId?: string;
  paths: string[];
  playbookIds: string[];
}

interface Running {
  huntId: string;
  caseId: string;
  controller: AbortController;
  status: HuntStatus;
  done: Promise<void>;
}

const emptyProgress = (): HuntProgressView => ({ filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rate: 0, etaSeconds: null });

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export function createHuntSessions(deps: HuntSessionDeps) {
  const log = deps.log ?? ((message: string) => console.warn(message));
  const now = deps.now ?? (() => new Date());
  const run = deps.run ?? runHunt;
  const allowed = new Set<string>();
  const hunts = new Map<string, Running>();

  const huntFile = (caseId: string, huntId: string): string => path.join(deps.store.folderOf(caseId), HUNTS_DIR, `${huntId}.json`);

  function requireHuntId(huntId: string): void {
    if (!HUNT_ID.test(huntId)) fail('NOT_FOUND', 'There is no hunt with this id.', 'Start the hunt again from the case.');
  }

  async function choosePaths(kind: PathKind): Promise<{ paths: string[] }> {
    if (!deps.choosePaths) return fail('INTERNAL', 'Choosing files is not available in this copy of Firebreak.', 'Restart Firebreak; if it persists, report it.');
    const chosen = (await deps.choosePaths(kind)).filter((p) => path.isAbsolute(p)).map((p) => path.resolve(p));
    for (const p of chosen) allowed.add(p);
    return { paths: chosen };
  }

  /** Rules of the chosen playbooks, in the case's language (or the other one when missing). */
  async function rulesOf(playbookIds: string[], language: Language) {
    const rules: RuleInput[] = [];
    const playbooks: RecordContext['playbooks'] = [];
    for (const id of [...new Set(playbookIds)]) {
      const playbook = await deps.playbookFor(id, language);
      if (!playbook) return fail('NOT_FOUND', `The playbook “${id}” is not installed or cannot be read.`, 'Check the playbook list for problems, then choose the playbooks again.');
      playbooks.push({ id, version: playbook.meta.version, title: playbook.meta.title });
      for (const { stepId: _stepId, line: _line, ...rule } of playbook.huntRules) rules.push({ playbookId: id, playbookVersion: playbook.meta.version, rule });
    }
    if (rules.length === 0) fail('INVALID_INPUT', 'The chosen playbooks have no hunt rules, so there is nothing to look for.', 'Choose a playbook with hunt rules, such as one for the server’s product.');
    return { rules, playbooks };
  }

  async function start(input: StartInput): Promise<{ huntId: string }> {
    for (const p of input.paths) {
      if (!path.isAbsolute(p) || !allowed.has(path.resolve(p))) {
        fail('FORBIDDEN', 'Firebreak only searches files and folders chosen with its Choose buttons.', 'Choose the folders or files again, then start the hunt.');
      }
    }
    for (const other of hunts.values()) {
      if (other.caseId === input.caseId && other.status.state === 'running') fail('CONFLICT', 'A hunt is already running on this case.', 'Wait for it to finish or cancel it, then start again.');
    }
    const { doc, readOnly } = await deps.store.open(input.caseId);
    if (readOnly) fail('READ_ONLY', 'This case is open read-only, so a hunt cannot record its findings in it.', 'Restore or recover the case first.');
    if (doc.status === 'deleted') fail('CONFLICT', 'This case is in the deleted cases, so it cannot be changed.', 'Restore it from the archive first.');
    const server = input.serverId ? (doc.servers.find((s) => s.id === input.serverId) ?? fail('NOT_FOUND', 'This server is not part of the case.', 'Reload the case.')) : undefined;
    const { rules, playbooks } = await rulesOf(input.playbookIds, doc.language);
    // The server the logs come from; without one, every server of the case, used only where they agree.
    const versions = versionsFor(server ? [server] : doc.servers, rules);

    const startedAt = now();
    const huntId = `hunt-${stamp(startedAt)}-${randomBytes(3).toString('hex')}`;
    await mkdir(path.dirname(huntFile(input.caseId, huntId)), { recursive: true });
    const context: RecordContext = {
      huntId,
      caseId: input.caseId,
      ...(server ? { serverId: server.id } : {}),
      host: server?.name ?? (doc.servers.length === 1 ? doc.servers[0]!.name : ''),
      startedAt: startedAt.toISOString(),
      paths: input.paths.map((p) => path.resolve(p)),
      playbooks,
      versions,
      toolVersion: deps.toolVersion,
      rules,
    };
    const controller = new AbortController();
    const entry: Running = { huntId, caseId: input.caseId, controller, status: { state: 'running', phase: 'scanning', progress: emptyProgress() }, done: Promise.resolve() };
    hunts.set(huntId, entry);
    entry.done = execute(entry, context);
    return { huntId };
  }

  async function execute(entry: Running, context: RecordContext): Promise<void> {
    try {
      const result = await run({
        paths: context.paths,
        rules: context.rules,
        versions: context.versions,
        signal: entry.controller.signal,
        ...(deps.workerScript ? { workerScript: deps.workerScript } : {}),
        onProgress: (p) => {
          entry.status.progress = { filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, rate: p.rate, etaSeconds: p.etaSeconds ?? null };
        },
      });
      entry.status.phase = 'recording';
      const record = await keep(context, result);
      entry.status = { state: record.state, phase: 'finished', progress: { ...entry.status.progress, etaSeconds: 0 }, summary: record.summary };
    } catch (error) {
      const message = error instanceof AppFailure ? [error.error.message, error.error.hint].filter(Boolean).join(' ') : 'The hunt stopped on an unexpected error; nothing was recorded from it.';
      if (!(error instanceof AppFailure)) log(`Hunt ${entry.huntId} failed: ${(error as Error)?.stack ?? String(error)}`);
      entry.status = { state: 'failed', phase: 'finished', progress: entry.status.progress, error: message };
    }
  }

  /** Writes the hunt file, keeps it as evidence, and records the findings in the case. */
  async function keep(context: RecordContext, result: HuntResult): Promise<HuntRecord> {
    const record = await buildHuntRecord(context, result, result.cancelled ? 'cancelled' : 'done');
    const file = huntFile(context.caseId, context.huntId);
    await writeFileAtomic(file, JSON.stringify(record));

    const evidenceIds: string[] = [];
    const text = JSON.stringify(record, null, 1);
    if (Buffer.byteLength(text) <= MAX_TEXT_EVIDENCE_BYTES) {
      try {
        const before = new Set((await deps.store.open(context.caseId)).doc.records.evidence.map((e) => e.id));
        const opened = await addEvidenceText(deps.store, context.caseId, `Hunt ${context.huntId}: results and coverage`, text, { sourceHost: context.host });
        const added = opened.doc.records.evidence.find((e) => !before.has(e.id));
        if (added) evidenceIds.push(added.id);
      } catch (error) {
        log(`Hunt ${context.huntId}: the results could not be kept as evidence (${(error as Error).message}); ${path.relative(deps.store.folderOf(context.caseId), file)} holds them.`);
      }
    }

    let planned: ReturnType<typeof findingInputs> = [];
    let firstNew = 0;
    const opened = await deps.store.mutate(context.caseId, (doc, ctx) => {
      firstNew = doc.records.findings.length;
      planned = findingInputs(record, evidenceIds, MAX_FINDINGS - firstNew);
      return planned.reduce((next, { input }) => recordFinding(input)(next, ctx), doc);
    });
    const ids = opened.doc.records.findings.slice(firstNew).map((f) => f.id);
    planned.forEach((p, i) => {
      const id = ids[i];
      if (!id) return;
      if (p.hitIndex !== undefined) record.hits[p.hitIndex]!.findingId = id;
      if (p.ruleIndex !== undefined) record.rules[p.ruleIndex]!.findingId = id;
    });
    record.summary.recordedFindings = ids.length;
    await writeFileAtomic(file, JSON.stringify(record));
    return record;
  }

  function entryOf(huntId: string): Running {
    requireHuntId(huntId);
    return hunts.get(huntId) ?? fail('NOT_FOUND', 'This hunt is not running in this session.', 'Open the case’s Hunt tab to see its last results.');
  }

  function status(huntId: string): HuntStatus {
    return structuredClone(entryOf(huntId).status);
  }

  function cancel(huntId: string): HuntStatus {
    const entry = entryOf(huntId);
    if (entry.status.state === 'running') entry.controller.abort();
    return structuredClone(entry.status);
  }

  async function readRecord(caseId: string, huntId: string): Promise<HuntRecord | undefined> {
    const text = await readTextIfExists(huntFile(caseId, huntId));
    return text === undefined ? undefined : (JSON.parse(text) as HuntRecord);
  }

  async function results(caseId: string, huntId?: string): Promise<HuntResults> {
    const folder = deps.store.folderOf(caseId);
    const runningHunt = [...hunts.values()].find((h) => h.caseId === caseId && h.status.state === 'running');
    let id = huntId;
    if (id) requireHuntId(id);
    else {
      const names = await readdir(path.join(folder, HUNTS_DIR)).catch(() => [] as string[]);
      id = names
        .filter((n) => n.endsWith('.json') && HUNT_ID.test(n.slice(0, -5)))
        .sort()
        .at(-1)
        ?.slice(0, -5);
    }
    // A running hunt has no file until its scan is over, so the latest file is the previous hunt meanwhile.
    const record = id ? await readRecord(caseId, id) : undefined;
    if (huntId && !record) fail('NOT_FOUND', 'There is no stored result for this hunt.', 'It may have been cancelled before anything was written.');
    const { coverage: _full, ...rest } = record ?? ({} as HuntRecord);
    return {
      ...(runningHunt ? { running: { huntId: runningHunt.huntId } } : {}),
      ...(record ? { hunt: { ...rest, coverage: coverageSummary(record) } } : {}),
    };
  }

  /** Cancels every running hunt and waits for them to settle (app quit, tests). */
  async function stopAll(): Promise<void> {
    for (const h of hunts.values()) if (h.status.state === 'running') h.controller.abort();
    await Promise.all([...hunts.values()].map((h) => h.done));
  }

  /** Resolves when the hunt has finished and its results are stored (tests). */
  const settled = (huntId: string): Promise<void> => entryOf(huntId).done;

  return { choosePaths, start, status, cancel, results, stopAll, settled };
}

export type HuntSessions = ReturnType<typeof createHuntSessions>;
