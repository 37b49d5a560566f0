// The case document as stored on disk (schema version CURRENT_SCHEMA_VERSION) and the views the UI gets.
// Migrations from older versions live in core/cases/migrations/; this file describes only the newest shape.
// No Node or DOM dependency: the renderer imports these types.
import { z } from 'zod';
import { LANGUAGES } from '../playbooks/types';
import { CaseRecords, RECORD_TIMELINE_KINDS } from './records';

export const CURRENT_SCHEMA_VERSION = 2;

export const STEP_STATES = ['todo', 'in_progress', 'done', 'not_applicable', 'blocked', 'skipped'] as const;
export type StepState = (typeof STEP_STATES)[number];

const isoTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const Contact = z
  .object({ name: text(200), email: text(320).default(''), phone: text(50).default('') })
  .strict();

export const AttachedPlaybook = z
  .object({
    playbookId: z.string().min(1).max(80),
    /** Version of the playbook when attached; the current one may be newer. */
    version: z.string().max(20),
    attachedAt: isoTime,
    attachedBy: text(200),
  })
  .strict();

export const Server = z
  .object({
    id: z.string().min(1).max(80),
    name: text(200).min(1),
    product: text(200),
    version: text(100),
    playbooks: z.array(AttachedPlaybook).max(50).default([]),
  })
  .strict();
export type Server = z.infer<typeof Server>;

export const Note = z
  .object({ id: z.string().min(1).max(80), at: isoTime, by: text(200), text: text(20_000) })
  .strict();
export type Note = z.infer<typeof Note>;

/** Progress on one step of one playbook on one server. Keyed by `${serverId}/${playbookId}/${stepId}`. */
export const StepRecord = z
  .object({
    state: z.enum(STEP_STATES),
    reason: text(4_000).optional(),
    notes: z.array(Note).max(1_000).default([]),
    updatedAt: isoTime,
    updatedBy: text(200),
  })
  .strict();
export type StepRecord = z.infer<typeof StepRecord>;

export const TIMELINE_KINDS = [
  'case.created',
  'case.renamed',
  'case.archived',
  'case.restored',
  'case.deleted',
  'case.operator',
  'case.details',
  'server.added',
  'server.updated',
  'server.removed',
  'playbook.attached',
  'playbook.detached',
  'step.state',
  'step.note',
  ...RECORD_TIMELINE_KINDS,
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineEntry = z
  .object({
    id: z.string().min(1).max(80),
    at: isoTime,
    by: text(200),
    kind: z.enum(TIMELINE_KINDS),
    /** Plain-language summary in the case's language at the time of the change. */
    summary: text(2_000),
    /** Structured details: step key, old and new state, and so on. */
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  })
  .strict();
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CaseStatus = z.enum(['active', 'archived', 'deleted']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseDocument = z
  .object({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    id: z.string().min(1).max(80),
    title: text(200).min(1),
    organisation: text(200).min(1),
    contact: Contact,
    language: z.enum(LANGUAGES),
    operator: text(200).min(1),
    status: CaseStatus,
    createdAt: isoTime,
    updatedAt: isoTime,
    servers: z.array(Server).max(200),
    steps: z.record(z.string(), StepRecord),
    timeline: z.array(TimelineEntry),
    /** What the insurer, the police and the data-protection authority need (added in version 2). */
    records: CaseRecords,
  })
  .strict();
export type CaseDocument = z.infer<typeof CaseDocument>;

export const stepKey = (serverId: string, playbookId: string, stepId: string): string =>
  `${serverId}/${playbookId}/${stepId}`;

/** One row of the case list. An unreadable case is listed with its problem so it is never silently hidden. */
export type CaseSummary =
  | {
      status: 'ok';
      id: string;
      title: string;
      organisation: string;
      caseStatus: CaseStatus;
      language: 'en' | 'fr';
      updatedAt: string;
      serverCount: number;
      progress: { done: number; total: number };
    }
  | { status: 'unreadable'; id: string; folder: string; problem: CaseProblem };

/** Why a case file cannot be opened normally, and what the person can do about it. */
export interface CaseProblem {
  code: 'CORRUPT' | 'NEWER_SCHEMA' | 'INVALID' | 'MISSING' | 'UNREADABLE';
  message: string;
  hint: string;
  file: string;
  /** True when a last good copy exists and can be opened read-only or restored. */
  backupAvailable: boolean;
}
