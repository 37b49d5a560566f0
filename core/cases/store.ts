// The case store: one folder per case under <dataDir>/cases/<caseId>/, each with case.json read and
// written through lowdb and the CaseFileAdapter. Changes to one case are queued one after another
// (no change can lose another), and a change is acknowledged only once it is on disk.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { AppFailure, fail } from '../api/contract';
import {
  CaseFileAdapter,
  CaseReadError,
  CaseWriteRefused,
  backupFilePath,
  caseFilePath,
  inspectBackup,
  readCaseFile,
  sameStamp,
  stampOf,
} from '../storage/case-file';
import { readTextIfExists, removeStaleTempFiles, writeFileAtomic, type FileOps } from '../storage/atomic-file';
import * as change from './mutations';
import type { Mutation, MutationContext, NewCaseInput, ServerFields, StepAddress } from './mutations';
import { RESOLVED_STATES } from './progress';
import type { CaseDocument, CaseProblem, CaseSummary, StepState } from './types';

export interface OpenedCase {
  doc: CaseDocument;
  /** True for the last good copy and for a file from a newer Firebreak: nothing may be changed. */
  readOnly: boolean;
  problem?: CaseProblem;
}

export type Progress = { done: number; total: number };

export interface CaseStoreOptions {
  dataDir: string;
  now?: () => Date;
  /** File operations, replaceable in tests to simulate a crash or a full disk. */
  ops?: FileOps;
  /** Progress shown in the case list. Without it: resolved step records over all step records. */
  progressOf?: (doc: CaseDocument) => Promise<Progress> | Progress;
  log?: (message: string) => void;
}

const caseIdPattern = /^[a-zA-Z0-9-]{1,80}$/;

/** Resolved records over all records: a fallback when the playbooks are not at hand. */
export function progressFromRecords(doc: CaseDocument): Progress {
  const records = Object.values(doc.steps);
  return { done: records.filter((record) => RESOLVED_STATES.has(record.state)).length, total: records.length };
}

interface Loaded {
  db: Low<CaseDocument | null>;
  adapter: CaseFileAdapter;
}

export function createCaseStore(options: CaseStoreOptions) {
  const casesDir = path.join(options.dataDir, 'cases');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(message));
  const progressOf = options.progressOf ?? progressFromRecords;
  const loaded = new Map<string, Loaded>();
  const queues = new Map<string, Promise<unknown>>();

  const context = (): MutationContext => ({ now: now().toISOString(), newId: () => randomBytes(6).toString('hex') });

  function folderOf(caseId: string): string {
    if (!caseIdPattern.test(caseId)) fail('NOT_FOUND', 'There is no case with this id.', 'Go back to the case list and open it from there.');
    return path.join(casesDir, caseId);
  }

  /** Run `task` after every earlier task on the same case, whatever their outcome. */
  function serialise<T>(caseId: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(caseId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(caseId, settled);
    void settled.then(() => {
      if (queues.get(caseId) === settled) queues.delete(caseId);
    });
    return run;
  }

  async function assertFolderExists(caseId: string): Promise<string> {
    const folder = folderOf(caseId);
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) fail('NOT_FOUND', 'There is no case with this id.', 'It may have been purged. Go back to the case list.');
    return folder;
  }

  /** The case as on disk, from memory when the file has not changed since we read or wrote it. */
  async function load(caseId: string): Promise<Loaded> {
    const cached = loaded.get(caseId);
    if (cached && sameStamp(cached.adapter.stamp, await stampOf(cached.adapter.file))) return cached;
    loaded.delete(caseId);
    const folder = await assertFolderExists(caseId);
    const adapter = new CaseFileAdapter(folder, { ops: options.ops });
    const db = new Low<CaseDocument | null>(adapter, null);
    await db.read(); // throws CaseReadError for a file that cannot be opened normally
    if (adapter.migratedFrom !== undefined) log(`Case ${caseId} was upgraded from format ${adapter.migratedFrom} in memory; the file is rewritten on the next change.`);
    const leftovers = await removeStaleTempFiles(folder);
    if (leftovers.length > 0) log(`Case ${caseId}: removed ${leftovers.length} temporary file(s) left by an interrupted save (${leftovers.join(', ')}); the case itself was intact.`);
    const entry = { db, adapter };
    loaded.set(caseId, entry);
    return entry;
  }

  function refuseWrite(error: CaseReadError): never {
    const { problem } = error.result;
    if (problem.code === 'NEWER_SCHEMA') {
      return fail('READ_ONLY', 'This case was saved by a newer version of Firebreak, so this version will not change it.', problem.hint);
    }
    return fail('STORAGE_UNREADABLE', `${problem.message} Nothing was changed.`, problem.hint);
  }

  /** Loads a case that is about to change; a file that cannot be read safely refuses the write. */
  async function loadForWriting(caseId: string): Promise<Loaded> {
    try {
      return await load(caseId);
    } catch (error) {
      if (error instanceof CaseReadError) refuseWrite(error);
      throw error;
    }
  }

  async function applyNow(caseId: string, mutation: Mutation): Promise<OpenedCase> {
    const entry = await loadForWriting(caseId);
    const before = entry.db.data as CaseDocument;
    const next = mutation(before, context());
    if (next === before) return { doc: before, readOnly: false };
    entry.db.data = next;
    try {
      await entry.db.write();
    } catch (error) {
      entry.db.data = before;
      loaded.delete(caseId); // re-read from disk next time: it holds the last acknowledged state
      if (error instanceof CaseWriteRefused) {
        return error.reason === 'read-only'
          ? fail('READ_ONLY', 'This case cannot be changed now.', error.message)
          : fail('INTERNAL', 'Firebreak refused to save a case that is not valid; nothing was changed.', 'Reload the case and try again.');
      }
      log(`Saving case ${caseId} failed: ${(error as Error).message}`);
      return fail(
        'STORAGE_FAILED',
        'The change could not be saved to disk; the case is as it was before this change.',
        `Check that the disk is not full and that you may write to ${path.dirname(entry.adapter.file)}, then try again.`,
      );
    }
    return { doc: next, readOnly: false };
  }

  const mutate = (caseId: string, mutation: Mutation): Promise<OpenedCase> => serialise(caseId, () => applyNow(caseId, mutation));

  async function openNow(caseId: string, useBackup: boolean): Promise<OpenedCase> {
    if (useBackup) {
      const folder = await assertFolderExists(caseId);
      const backup = await readCaseFile(folder, { file: backupFilePath(folder) });
      if (!backup.ok) {
        return fail('NOT_FOUND', 'There is no usable last good copy of this case.', `Keep the case folder ${folder} and ask for help restoring it from a backup of this computer.`);
      }
      const current = await readCaseFile(folder);
      return { doc: backup.doc, readOnly: true, ...(current.ok ? {} : { problem: current.problem }) };
    }
    try {
      const entry = await load(caseId);
      return { doc: entry.db.data as CaseDocument, readOnly: false };
    } catch (error) {
      if (!(error instanceof CaseReadError)) throw error;
      const { problem, readOnlyDoc } = error.result;
      if (readOnlyDoc) return { doc: readOnlyDoc, readOnly: true, problem };
      return fail('STORAGE_UNREADABLE', problem.message, problem.hint);
    }
  }

  async function summaryOf(caseId: string): Promise<CaseSummary> {
    const folder = path.join(casesDir, caseId);
    try {
      const { db } = await load(caseId);
      const doc = db.data as CaseDocument;
      return {
        status: 'ok',
        id: doc.id,
        title: doc.title,
        organisation: doc.organisation,
        caseStatus: doc.status,
        language: doc.language,
        updatedAt: doc.updatedAt,
        serverCount: doc.servers.length,
        progress: await progressOf(doc),
      };
    } catch (error) {
      if (error instanceof CaseReadError) return { status: 'unreadable', id: caseId, folder, problem: error.result.problem };
      const message = error instanceof AppFailure ? error.message : (error as Error).message;
      return {
        status: 'unreadable',
        id: caseId,
        folder,
        problem: { code: 'UNREADABLE', message: `Firebreak cannot read this case: ${message}`, hint: `Check the folder ${folder}.`, file: caseFilePath(folder), backupAvailable: false },
      };
    }
  }

  async function list(): Promise<CaseSummary[]> {
    const entries = await readdir(casesDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const ids = entries.filter((e) => e.isDirectory() && caseIdPattern.test(e.name)).map((e) => e.name);
    const summaries = await Promise.all(ids.map((id) => serialise(id, () => summaryOf(id))));
    const time = (s: CaseSummary) => (s.status === 'ok' ? s.updatedAt : '9999'); // problems first: they need attention
    return summaries.sort((a, b) => time(b).localeCompare(time(a)));
  }

  async function create(input: Omit<NewCaseInput, 'id'>): Promise<OpenedCase> {
    const id = randomUUID();
    const doc = change.newCaseDocument({ ...input, id }, context());
    const folder = path.join(casesDir, id);
    await mkdir(folder, { recursive: true });
    return serialise(id, async () => {
      const adapter = new CaseFileAdapter(folder, { ops: options.ops });
      try {
        await adapter.create(doc);
      } catch (error) {
        await rm(folder, { recursive: true, force: true }).catch(() => undefined);
        log(`Creating case ${id} failed: ${(error as Error).message}`);
        return fail('STORAGE_FAILED', 'The new case could not be saved to disk.', `Check that the disk is not full and that you may write to ${casesDir}.`);
      }
      const db = new Low<CaseDocument | null>(adapter, doc);
      loaded.set(id, { db, adapter });
      return { doc, readOnly: false };
    });
  }

  /** Only a case already in the deleted cases can be purged; its whole folder is removed. */
  const purge = (caseId: string): Promise<void> =>
    serialise(caseId, async () => {
      const entry = await loadForWriting(caseId);
      if (entry.db.data?.status !== 'deleted') {
        fail('CONFLICT', 'Only a case in the deleted cases can be removed for good.', 'Delete it first; it then stays restorable until you purge it.');
      }
      await rm(folderOf(caseId), { recursive: true, force: true });
      loaded.delete(caseId);
    });

  /**
   * Put the last good copy back in place of a damaged case file. The damaged file is moved aside to
   * case.json.damaged-<time>, never deleted, and the recovery is written into the timeline.
   */
  const recover = (caseId: string): Promise<OpenedCase> =>
    serialise(caseId, async () => {
      const folder = await assertFolderExists(caseId);
      const current = await readCaseFile(folder);
      if (current.ok) return fail('CONFLICT', 'This case opens normally; there is nothing to recover.', 'Open it from the case list.');
      if (current.problem.code === 'NEWER_SCHEMA') {
        return fail('READ_ONLY', 'This case was saved by a newer version of Firebreak; it is not damaged.', current.problem.hint);
      }
      const backup = await inspectBackup(folder);
      if (!backup) return fail('NOT_FOUND', 'There is no usable last good copy of this case.', current.problem.hint);
      const backupText = (await readTextIfExists(backupFilePath(folder))) as string;
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const damaged = path.join(folder, `case.json.damaged-${stamp}`);
      if ((await stampOf(caseFilePath(folder))) !== undefined) await rename(caseFilePath(folder), damaged);
      await writeFileAtomic(caseFilePath(folder), backupText, { ops: options.ops });
      loaded.delete(caseId);
      const recorded = await applyNow(caseId, (doc, ctx) => {
        const summary =
          doc.language === 'fr'
            ? `Dossier récupéré depuis la dernière copie saine du ${backup.savedAt} ; le fichier endommagé est conservé sous ${path.basename(damaged)}.`
            : `Case recovered from the last good copy of ${backup.savedAt}; the damaged file is kept as ${path.basename(damaged)}.`;
        const entry = {
          id: ctx.newId(),
          at: ctx.now,
          by: doc.operator,
          kind: 'case.restored' as const,
          summary,
          data: { recovered: true, backupSavedAt: backup.savedAt, damagedFile: path.basename(damaged), from: doc.status, to: doc.status },
        };
        return { ...doc, updatedAt: ctx.now, timeline: [...doc.timeline, entry] };
      });
      return recorded;
    });

  return {
    casesDir,
    folderOf,
    list,
    create,
    open: (caseId: string, openOptions: { useBackup?: boolean } = {}) => serialise(caseId, () => openNow(caseId, openOptions.useBackup === true)),
    mutate,
    rename: (caseId: string, title: string) => mutate(caseId, change.renameCase(title)),
    setOperator: (caseId: string, operator: string) => mutate(caseId, change.setOperator(operator)),
    archive: (caseId: string) => mutate(caseId, change.changeStatus('archive')),
    restore: (caseId: string) => mutate(caseId, change.changeStatus('restore')),
    /** Soft delete: the case moves to the deleted cases and can be restored until it is purged. */
    remove: (caseId: string) => mutate(caseId, change.changeStatus('delete')),
    purge,
    recover,
    addServer: (caseId: string, server: ServerFields) => mutate(caseId, change.addServer(server)),
    updateServer: (caseId: string, serverId: string, server: ServerFields) => mutate(caseId, change.updateServer(serverId, server)),
    attachPlaybook: (caseId: string, serverId: string, playbook: { id: string; version: string; title: string }) =>
      mutate(caseId, change.attachPlaybook(serverId, playbook)),
    detachPlaybook: (caseId: string, serverId: string, playbookId: string, title?: string) =>
      mutate(caseId, change.detachPlaybook(serverId, playbookId, title)),
    setStepState: (caseId: string, address: StepAddress, state: StepState, reason?: string) =>
      mutate(caseId, change.setStepState(address, state, reason)),
    addNote: (caseId: string, address: StepAddress, text: string) => mutate(caseId, change.addNote(address, text)),
    /** Forget what is held in memory (tests, or after files were changed by hand). */
    forget: (caseId?: string) => (caseId ? loaded.delete(caseId) : loaded.clear()),
  };
}

export type CaseStore = ReturnType<typeof createCaseStore>;
