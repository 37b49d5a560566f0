// The one API contract between the UI and the main process (design.md, "One API contract").
// Every call is declared here once: its channel name, the schema its input must pass at the
// main-process boundary, and the type of its result. electron/ipc.ts registers a handler per
// channel, electron/preload.ts exposes buildApi(...) through contextBridge, and the end-to-end
// harness binds the same handlers into a Chromium page. No Node, Electron or DOM here.
import { z } from 'zod';
import { LANGUAGES, Id, type Playbook, type PlaybookSummary } from '../playbooks/types';
import { STEP_STATES, type CaseDocument, type CaseProblem, type CaseSummary, type TimelineEntry } from '../cases/types';
import { channels, type Channel } from './channels';
import { recordInputs, type BundleExportResult, type BundleImportResult, type ReportExportResult } from './contract-records';
import { huntInputs, type HuntChannelResults } from './contract-hunt';

export type { BundleExportResult, BundleImportResult, ReportExportResult };

export { channels, type Channel };

const shortText = (max = 200) => z.string().trim().max(max);
const CaseId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a case id');
const ServerId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a server id');

export const ServerInput = z
  .object({
    name: shortText().min(1, 'give the server a name'),
    product: shortText(),
    version: shortText(100),
  })
  .strict();

export const inputs = {
  'app.info': z.undefined(),
  'settings.get': z.undefined(),
  'settings.update': z
    .object({
      language: z.enum(LANGUAGES).optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      operator: shortText().optional(),
    })
    .strict(),
  'playbooks.list': z.undefined(),
  'playbooks.get': z.object({ id: Id, language: z.enum(LANGUAGES) }).strict(),
  /** The renderer reads a file the user picked and sends its text; the main process validates it. */
  'playbooks.import': z
    .object({ fileName: z.string().min(1).max(255), content: z.string().max(2_000_000, 'a playbook file is at most 2 MB') })
    .strict(),
  'playbooks.remove': z.object({ id: Id }).strict(),
  'cases.list': z.undefined(),
  'cases.create': z
    .object({
      organisation: shortText().min(1, 'the organisation is required'),
      title: shortText().optional(),
      contact: z.object({ name: shortText(), email: shortText(320), phone: shortText(50) }).strict(),
      language: z.enum(LANGUAGES),
      operator: shortText().min(1, 'say who is operating (your name)'),
      servers: z.array(ServerInput).max(200),
    })
    .strict(),
  'cases.open': z.object({ caseId: CaseId, useBackup: z.boolean().optional() }).strict(),
  'cases.rename': z.object({ caseId: CaseId, title: shortText().min(1, 'a case needs a title') }).strict(),
  'cases.setOperator': z.object({ caseId: CaseId, operator: shortText().min(1, 'the operator needs a name') }).strict(),
  'cases.archive': z.object({ caseId: CaseId }).strict(),
  'cases.restore': z.object({ caseId: CaseId }).strict(),
  /** Moves the case to the archive's deleted list; it can be restored from there. */
  'cases.delete': z.object({ caseId: CaseId }).strict(),
  /** Removes a deleted case for good. Only allowed on a case already deleted. */
  'cases.purge': z.object({ caseId: CaseId }).strict(),
  /** Restores the last good copy of an unreadable case; the unreadable file is moved aside, never destroyed. */
  'cases.recover': z.object({ caseId: CaseId }).strict(),
  'cases.addServer': z.object({ caseId: CaseId, server: ServerInput }).strict(),
  'cases.updateServer': z.object({ caseId: CaseId, serverId: ServerId, server: ServerInput }).strict(),
  'cases.attachPlaybook': z.object({ caseId: CaseId, serverId: ServerId, playbookId: Id }).strict(),
  'cases.detachPlaybook': z.object({ caseId: CaseId, serverId: ServerId, playbookId: Id }).strict(),
  'cases.setStepState': z
    .object({
      caseId: CaseId,
      serverId: ServerId,
      playbookId: Id,
      stepId: Id,
      state: z.enum(STEP_STATES),
      reason: shortText(4_000).optional(),
    })
    .strict()
    .refine((v) => v.state !== 'skipped' || (v.reason ?? '').length > 0, {
      message: 'say why the step is skipped',
      path: ['reason'],
    }),
  'cases.addNote': z
    .object({ caseId: CaseId, serverId: ServerId, playbookId: Id, stepId: Id, text: z.string().trim().min(1, 'the note is empty').max(20_000) })
    .strict(),
  /** A page of the timeline, counted back from the newest entry (CaseView carries only the newest page). */
  'cases.timeline': z
    .object({ caseId: CaseId, useBackup: z.boolean().optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(1_000) })
    .strict(),
  /** Opens an https link in the system browser after the person confirms. */
  'external.open': z.object({ url: z.string().max(2_000) }).strict(),
  ...recordInputs,
  ...huntInputs,
} satisfies Record<Channel, z.ZodType>;

export type Input<C extends Channel> = z.input<(typeof inputs)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof inputs)[C]>;

export interface AppInfo {
  version: string;
  platform: string;
  dataDir: string;
  /** The locale the OS prefers, used for the first start before a language is chosen. */
  systemLanguage: 'en' | 'fr';
}

export interface Settings {
  language: 'en' | 'fr';
  theme: 'system' | 'light' | 'dark';
  /** The name stamped on every change unless a case has its own operator. */
  operator: string;
}

/** How many of the newest timeline entries a CaseView carries; older ones come page by page through cases.timeline. */
export const TIMELINE_PAGE = 300;

/** Everything the case screen needs: the document, the playbooks attached to it, and whether it may be changed. */
export interface CaseView {
  /**
   * The document, except that `timeline` holds only its newest TIMELINE_PAGE entries (oldest first):
   * a long case has tens of thousands, and every change sends the view back to the UI.
   */
  case: CaseDocument;
  /** How many entries the whole timeline has (case.timeline may hold fewer). */
  timelineTotal: number;
  /** True when opened from the last good copy or when the file is from a newer app: nothing can be changed. */
  readOnly: boolean;
  problem?: CaseProblem;
  /** Attached playbooks in the case's language (or the other language when missing), keyed by playbook id. */
  playbooks: Record<string, Playbook>;
  /** Attached playbook ids that cannot be found or are broken now; their progress is kept. */
  missingPlaybooks: string[];
}

export interface Results extends HuntChannelResults {
  'app.info': AppInfo;
  'settings.get': Settings;
  'settings.update': Settings;
  'playbooks.list': PlaybookSummary[];
  'playbooks.get': Playbook;
  'playbooks.import': PlaybookSummary;
  'playbooks.remove': PlaybookSummary[];
  'cases.list': CaseSummary[];
  'cases.create': CaseView;
  'cases.open': CaseView;
  'cases.rename': CaseView;
  'cases.setOperator': CaseView;
  'cases.archive': CaseSummary[];
  'cases.restore': CaseSummary[];
  'cases.delete': CaseSummary[];
  'cases.purge': CaseSummary[];
  'cases.recover': CaseView;
  'cases.addServer': CaseView;
  'cases.updateServer': CaseView;
  'cases.attachPlaybook': CaseView;
  'cases.detachPlaybook': CaseView;
  'cases.setStepState': CaseView;
  'cases.addNote': CaseView;
  /** Entries oldest first, ending `offset` entries before the newest. */
  'cases.timeline': { entries: TimelineEntry[]; total: number };
  'external.open': { opened: boolean };
  'evidence.addFile': CaseView;
  'evidence.addText': CaseView;
  'evidence.remove': CaseView;
  'findings.add': CaseView;
  'findings.update': CaseView;
  'findings.reopen': CaseView;
  'records.addPatch': CaseView;
  'records.addFirewallChange': CaseView;
  'records.addCredentialReset': CaseView;
  'records.addAttackerEvent': CaseView;
  'records.setInsurance': CaseView;
  'records.setPersonalData': CaseView;
  'records.setDetails': CaseView;
  'notifications.set': CaseView;
  'notifications.remove': CaseView;
  'dates.set': CaseView;
  'costs.add': CaseView;
  'costs.remove': CaseView;
  'signoff.set': CaseView;
  'report.export': ReportExportResult;
  'bundle.export': BundleExportResult;
  'bundle.import': BundleImportResult;
}

export { AppFailure, ERROR_CODES, fail, type AppError, type ErrorCode, type Outcome } from './failure';

// Compile-time guard: Results names exactly the channels (a missing or extra one is a type error).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _resultsCoverChannels: Exact<keyof Results, Channel> = true;
void _resultsCoverChannels;

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Results[C]> };
