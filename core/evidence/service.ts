// Adding evidence to a case: copy (and hash) the file into the case folder, then record it with a
// timeline entry. Used by the app's handlers, the example case and the tests alike.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fail } from '../api/contract';
import { addEvidence } from '../cases/records-mutations';
import type { CaseStore, OpenedCase } from '../cases/store';
import { stepKey } from '../cases/types';
import { storeEvidenceFile, storeEvidenceText, type StoredFile } from './copy';

export interface EvidenceMeta {
  title?: string;
  /** Where the file came from when it is not the path it is copied from (a copy of a copy). */
  originalPath?: string;
  sourceHost?: string;
  /** The step the evidence belongs to; absent for evidence about the whole case. */
  step?: { serverId: string; playbookId: string; stepId: string };
  /** Who collected it; the case's operator by default. */
  collectedBy?: string;
  /** When it was collected (UTC ISO); now by default. */
  collectedAt?: string;
  /** The collector's zone; the case's zone by default. */
  collectedZone?: string;
}

export const newEvidenceId = (): string => `ev-${randomBytes(5).toString('hex')}`;

async function record(store: CaseStore, caseId: string, id: string, stored: StoredFile, kind: 'file' | 'text', originalPath: string, meta: EvidenceMeta, title: string): Promise<OpenedCase> {
  return store.mutate(caseId, (doc, ctx) => {
    const key = meta.step ? stepKey(meta.step.serverId, meta.step.playbookId, meta.step.stepId) : undefined;
    if (meta.step && !doc.servers.some((s) => s.id === meta.step?.serverId)) fail('NOT_FOUND', 'This server is not part of the case.', 'Reload the case.');
    return addEvidence({
      id,
      kind,
      title,
      fileName: stored.fileName,
      storedPath: stored.storedPath,
      originalPath,
      sourceHost: meta.sourceHost ?? '',
      sha256: stored.sha256,
      size: stored.size,
      collectedBy: meta.collectedBy ?? doc.operator,
      collectedAt: meta.collectedAt ?? ctx.now,
      collectedZone: meta.collectedZone ?? doc.records.settings.timeZone,
      ...(key ? { stepKey: key } : {}),
    })(doc, ctx);
  });
}

async function writableFolder(store: CaseStore, caseId: string): Promise<string> {
  const opened = await store.open(caseId);
  if (opened.readOnly) fail('READ_ONLY', 'This case is open read-only, so no evidence can be added.', 'Restore or recover the case first.');
  if (opened.doc.status === 'deleted') fail('CONFLICT', 'This case is in the deleted cases, so it cannot be changed.', 'Restore it from the archive first.');
  return store.folderOf(caseId);
}

export async function addEvidenceFile(store: CaseStore, caseId: string, file: string, meta: EvidenceMeta = {}): Promise<OpenedCase> {
  const folder = await writableFolder(store, caseId);
  const id = newEvidenceId();
  const stored = await storeEvidenceFile(folder, id, file);
  return record(store, caseId, id, stored, 'file', meta.originalPath ?? path.resolve(file), meta, meta.title?.trim() || path.basename(file));
}

export async function addEvidenceText(store: CaseStore, caseId: string, title: string, content: string, meta: EvidenceMeta = {}): Promise<OpenedCase> {
  const folder = await writableFolder(store, caseId);
  const id = newEvidenceId();
  const stored = await storeEvidenceText(folder, id, title, content);
  return record(store, caseId, id, stored, 'text', '', meta, title);
}
