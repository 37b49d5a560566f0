// Every change to a case, as a pure function from one version of the case document to the next. Each one
// checks its preconditions (with errors a person can act on), validates only the pieces it creates
// (the whole document was validated when read), and appends one timeline entry per change.
// Copies are shallow: untouched step records and timeline entries are shared, which keeps a change
// on a 2,000-step case cheap.
import { fail } from '../api/contract';
import type { Language } from '../playbooks/types';
import { emptyRecords } from './records';
import { timelineText } from './timeline-text';
import {
  CURRENT_SCHEMA_VERSION,
  CaseDocument,
  Note,
  Server,
  StepRecord,
  TimelineEntry,
  stepKey,
  type CaseStatus,
  type StepState,
  type TimelineKind,
} from './types';

export interface MutationContext {
  /** ISO time of the change. */
  now: string;
  /** A fresh id for a timeline entry, note or server. */
  newId: () => string;
}

/** Returns the next document, or the same object when nothing needs to change (no write, no entry). */
export type Mutation = (doc: CaseDocument, ctx: MutationContext) => CaseDocument;

type EntryData = Record<string, string | number | boolean | null>;

function entry(doc: CaseDocument, ctx: MutationContext, kind: TimelineKind, summary: string, data: EntryData, by = doc.operator): TimelineEntry {
  const parsed = TimelineEntry.safeParse({ id: ctx.newId(), at: ctx.now, by, kind, summary, data });
  if (!parsed.success) return fail('INVALID_INPUT', `This change cannot be recorded: ${parsed.error.issues[0]?.message ?? 'invalid entry'}.`);
  return parsed.data;
}

function commit(doc: CaseDocument, ctx: MutationContext, changes: Partial<CaseDocument>, timelineEntry: TimelineEntry): CaseDocument {
  return { ...doc, ...changes, updatedAt: ctx.now, timeline: [...doc.timeline, timelineEntry] };
}

function assertNotDeleted(doc: CaseDocument): void {
  if (doc.status === 'deleted') {
    fail('CONFLICT', 'This case is in the deleted cases, so it cannot be changed.', 'Restore it from the archive first.');
  }
}

function findServer(doc: CaseDocument, serverId: string): Server {
  return (
    doc.servers.find((server) => server.id === serverId) ??
    fail('NOT_FOUND', 'This server is not part of the case.', 'Reload the case: another window may have changed the server.')
  );
}

const nonEmptyOr = (value: string | undefined, fallback: string): string => (value && value.trim() ? value : fallback);

// ---- Creating a case ---------------------------------------------------------------------------

export interface NewCaseInput {
  id: string;
  organisation: string;
  title?: string;
  contact: { name: string; email: string; phone: string };
  language: Language;
  operator: string;
  servers: { name: string; product: string; version: string }[];
}

export function newCaseDocument(input: NewCaseInput, ctx: MutationContext): CaseDocument {
  const title = nonEmptyOr(input.title, `${input.organisation} — ${ctx.now.slice(0, 10)}`).slice(0, 200);
  let doc: CaseDocument = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: input.id,
    title,
    organisation: input.organisation,
    contact: input.contact,
    language: input.language,
    operator: input.operator,
    status: 'active',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    servers: [],
    steps: {},
    timeline: [],
    records: emptyRecords(input.language),
  };
  doc = commit(doc, ctx, {}, entry(doc, ctx, 'case.created', timelineText.created(doc.language, title, input.organisation), { title, organisation: input.organisation }));
  for (const server of input.servers) doc = addServer(server)(doc, ctx);
  const parsed = CaseDocument.safeParse(doc);
  if (!parsed.success) return fail('INVALID_INPUT', `The new case is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`);
  return parsed.data;
}

// ---- Case-level changes --------------------------------------------------------------------------

export const renameCase =
  (title: string): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    if (title === doc.title) return doc;
    return commit(doc, ctx, { title }, entry(doc, ctx, 'case.renamed', timelineText.renamed(doc.language, doc.title, title), { from: doc.title, to: title }));
  };

export const setOperator =
  (operator: string): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    if (operator === doc.operator) return doc;
    // Stamped with the new operator's name: they are the one taking over.
    const change = entry(doc, ctx, 'case.operator', timelineText.operator(doc.language, doc.operator, operator), { from: doc.operator, to: operator }, operator);
    return commit(doc, ctx, { operator }, change);
  };

const STATUS_MOVES: Record<'archive' | 'restore' | 'delete', { to: CaseStatus; from: CaseStatus[]; kind: TimelineKind }> = {
  archive: { to: 'archived', from: ['active'], kind: 'case.archived' },
  restore: { to: 'active', from: ['archived', 'deleted'], kind: 'case.restored' },
  delete: { to: 'deleted', from: ['active', 'archived'], kind: 'case.deleted' },
};

const STATUS_REFUSALS: Record<'archive' | 'restore' | 'delete', Partial<Record<CaseStatus, [string, string]>>> = {
  archive: {
    archived: ['This case is already archived.', 'Nothing to do.'],
    deleted: ['This case is in the deleted cases.', 'Restore it first, then archive it.'],
  },
  restore: { active: ['This case is already active.', 'Nothing to do.'] },
  delete: { deleted: ['This case is already in the deleted cases.', 'To remove it for good, purge it from the archive.'] },
};

export const changeStatus =
  (action: 'archive' | 'restore' | 'delete'): Mutation =>
  (doc, ctx) => {
    const move = STATUS_MOVES[action];
    if (!move.from.includes(doc.status)) {
      const [message, hint] = STATUS_REFUSALS[action][doc.status] ?? ['This change is not possible now.', 'Reload the case list.'];
      return fail('CONFLICT', message, hint);
    }
    const summary = timelineText.status(doc.language, doc.status, move.to);
    return commit(doc, ctx, { status: move.to }, entry(doc, ctx, move.kind, summary, { from: doc.status, to: move.to }));
  };

// ---- Servers -----------------------------------------------------------------------------------

export interface ServerFields {
  name: string;
  product: string;
  version: string;
}

export const addServer =
  (fields: ServerFields): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    if (doc.servers.length >= 200) fail('CONFLICT', 'A case holds at most 200 servers.', 'Open a second case for the rest.');
    const parsed = Server.safeParse({ id: `srv-${ctx.newId().slice(0, 8)}`, ...fields, playbooks: [] });
    if (!parsed.success) return fail('INVALID_INPUT', `The server is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`);
    const server = parsed.data;
    const change = entry(doc, ctx, 'server.added', timelineText.serverAdded(doc.language, server.name, server.product, server.version), {
      serverId: server.id,
      name: server.name,
      product: server.product,
      version: server.version,
    });
    return commit(doc, ctx, { servers: [...doc.servers, server] }, change);
  };

export const updateServer =
  (serverId: string, fields: ServerFields): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    const server = findServer(doc, serverId);
    const names = timelineText.fieldNames(doc.language);
    const changed = (['name', 'product', 'version'] as const).filter((field) => server[field] !== fields[field]);
    if (changed.length === 0) return doc;
    const data: EntryData = { serverId };
    for (const field of changed) {
      data[`${field}From`] = server[field];
      data[`${field}To`] = fields[field];
    }
    const descriptions = changed.map((field) => `${names[field]} ${server[field] || '—'} → ${fields[field] || '—'}`);
    const updated: Server = { ...server, ...fields };
    const change = entry(doc, ctx, 'server.updated', timelineText.serverUpdated(doc.language, updated.name, descriptions), data);
    return commit(doc, ctx, { servers: doc.servers.map((s) => (s.id === serverId ? updated : s)) }, change);
  };

// ---- Playbooks on a server ---------------------------------------------------------------------

export const attachPlaybook =
  (serverId: string, playbook: { id: string; version: string; title: string }): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    const server = findServer(doc, serverId);
    if (server.playbooks.some((p) => p.playbookId === playbook.id)) {
      fail('CONFLICT', `The playbook “${playbook.title}” is already applied to ${server.name}.`, 'Its steps are already in the checklist of that server.');
    }
    if (server.playbooks.length >= 50) fail('CONFLICT', 'A server holds at most 50 playbooks.', 'Remove a playbook you no longer use first.');
    const attached = { playbookId: playbook.id, version: playbook.version, attachedAt: ctx.now, attachedBy: doc.operator };
    const updated: Server = { ...server, playbooks: [...server.playbooks, attached] };
    const change = entry(doc, ctx, 'playbook.attached', timelineText.playbookAttached(doc.language, playbook.title, playbook.version, server.name), {
      serverId,
      playbookId: playbook.id,
      version: playbook.version,
    });
    return commit(doc, ctx, { servers: doc.servers.map((s) => (s.id === serverId ? updated : s)) }, change);
  };

export const detachPlaybook =
  (serverId: string, playbookId: string, title = playbookId): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    const server = findServer(doc, serverId);
    if (!server.playbooks.some((p) => p.playbookId === playbookId)) {
      fail('NOT_FOUND', `The playbook “${title}” is not applied to ${server.name}.`, 'Reload the case to see its current playbooks.');
    }
    const updated: Server = { ...server, playbooks: server.playbooks.filter((p) => p.playbookId !== playbookId) };
    const change = entry(doc, ctx, 'playbook.detached', timelineText.playbookDetached(doc.language, title, server.name), { serverId, playbookId });
    return commit(doc, ctx, { servers: doc.servers.map((s) => (s.id === serverId ? updated : s)) }, change);
  };

// ---- Steps -------------------------------------------------------------------------------------

export interface StepAddress {
  serverId: string;
  playbookId: string;
  stepId: string;
  /** The step's title for the timeline sentence; the id is used when unknown. */
  stepTitle?: string;
}

/** A step may be recorded only on a server of the case, for a playbook applied to it — or when it already has a record. */
function assertStepAddress(doc: CaseDocument, address: StepAddress): Server {
  const server = findServer(doc, address.serverId);
  const key = stepKey(address.serverId, address.playbookId, address.stepId);
  if (!doc.steps[key] && !server.playbooks.some((p) => p.playbookId === address.playbookId)) {
    fail('NOT_FOUND', `The playbook “${address.playbookId}” is not applied to ${server.name}.`, 'Apply the playbook to this server first.');
  }
  return server;
}

function validRecord(value: unknown): StepRecord {
  const parsed = StepRecord.safeParse(value);
  if (!parsed.success) return fail('INVALID_INPUT', `This step change is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`);
  return parsed.data;
}

export const setStepState =
  (address: StepAddress, state: StepState, reason?: string): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    if (state === 'skipped' && !reason) fail('INVALID_INPUT', 'Say why the step is skipped.', 'The reason goes into the report for the insurer.');
    const server = assertStepAddress(doc, address);
    const key = stepKey(address.serverId, address.playbookId, address.stepId);
    const previous = doc.steps[key];
    const from = previous?.state ?? 'todo';
    const nextReason = reason || undefined;
    if (previous && previous.state === state && previous.reason === nextReason) return doc;
    const record = validRecord({
      state,
      ...(nextReason ? { reason: nextReason } : {}),
      notes: previous?.notes ?? [],
      updatedAt: ctx.now,
      updatedBy: doc.operator,
    });
    const summary = timelineText.stepState(doc.language, address.stepTitle ?? address.stepId, server.name, from, state, nextReason);
    // Server, playbook and step ids are all in stepKey; kept lean because a case holds thousands of these.
    const change = entry(doc, ctx, 'step.state', summary, { stepKey: key, from, to: state, ...(nextReason ? { reason: nextReason } : {}) });
    return commit(doc, ctx, { steps: { ...doc.steps, [key]: record } }, change);
  };

export const addNote =
  (address: StepAddress, text: string): Mutation =>
  (doc, ctx) => {
    assertNotDeleted(doc);
    const server = assertStepAddress(doc, address);
    const key = stepKey(address.serverId, address.playbookId, address.stepId);
    const previous = doc.steps[key];
    if ((previous?.notes.length ?? 0) >= 1_000) fail('CONFLICT', 'This step already has 1,000 notes.', 'Add the text to an earlier note or to evidence.');
    const note = Note.safeParse({ id: ctx.newId(), at: ctx.now, by: doc.operator, text });
    if (!note.success) return fail('INVALID_INPUT', `The note is not valid: ${note.error.issues[0]?.message ?? 'unknown problem'}.`);
    // A note does not change the step's state; a step without a record gets one in "to do".
    const record = validRecord({
      ...(previous ?? { state: 'todo' }),
      notes: [...(previous?.notes ?? []), note.data],
      updatedAt: ctx.now,
      updatedBy: doc.operator,
    });
    const summary = timelineText.note(doc.language, address.stepTitle ?? address.stepId, server.name, text);
    const change = entry(doc, ctx, 'step.note', summary, { stepKey: key, noteId: note.data.id });
    return commit(doc, ctx, { steps: { ...doc.steps, [key]: record } }, change);
  };
