// Input schemas of the contract's channels for evidence, findings, records, notifications, costs,
// sign-off, the report and bundles. Part of contract.ts (spread into `inputs` there); kept apart only
// to keep that file readable. No Node, Electron or DOM here.
import { z } from 'zod';
import {
  AttackerEvent,
  CostEntry,
  CredentialReset,
  Finding,
  FirewallChange,
  HuntCoverage,
  Insurance,
  KEY_DATES,
  NOTIFICATION_KINDS,
  PatchRecord,
  PersonalData,
  ReportDetails,
  SignOff,
} from '../cases/records';

const CaseId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a case id');
const RecordId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a record id');
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);
const isoTime = z.string().datetime({ offset: true, message: 'give a date and time (ISO 8601)' });
const StepRef = z.object({ serverId: RecordId, playbookId: Id, stepId: Id }).strict();
const EvidenceIds = z.array(RecordId).max(1_000).optional();

export const REPORT_PAPERS = ['a4', 'letter'] as const;

export const recordInputs = {
  /** The main process asks for the file(s) with its own dialog; the renderer never sends a path. */
  'evidence.addFile': z
    .object({ caseId: CaseId, step: StepRef.optional(), title: z.string().trim().max(300).optional(), sourceHost: z.string().trim().max(200).optional() })
    .strict(),
  'evidence.addText': z
    .object({
      caseId: CaseId,
      step: StepRef.optional(),
      title: z.string().trim().min(1, 'give the pasted text a title').max(300),
      content: z.string().min(1, 'the pasted text is empty').max(10 * 1024 * 1024, 'pasted text is limited to 10 MB'),
      sourceHost: z.string().trim().max(200).optional(),
    })
    .strict(),
  'evidence.remove': z.object({ caseId: CaseId, evidenceId: RecordId, reason: z.string().trim().min(1, 'say why the evidence is withdrawn').max(2_000) }).strict(),
  'findings.add': z
    .object({
      caseId: CaseId,
      finding: Finding.omit({ id: true, recordedBy: true, recordedAt: true, resolution: true })
        .extend({ where: Finding.shape.where.partial().optional(), evidenceIds: EvidenceIds, coverage: HuntCoverage.optional() })
        .strict(),
    })
    .strict(),
  'findings.update': z
    .object({ caseId: CaseId, findingId: RecordId, changes: Finding.omit({ id: true, recordedBy: true, recordedAt: true }).partial().strict() })
    .strict(),
  'findings.reopen': z.object({ caseId: CaseId, findingId: RecordId, reason: z.string().trim().min(1, 'say why the finding is reopened').max(2_000) }).strict(),
  'records.addPatch': z.object({ caseId: CaseId, patch: PatchRecord.omit({ id: true, by: true }).extend({ evidenceIds: EvidenceIds }).strict() }).strict(),
  'records.addFirewallChange': z.object({ caseId: CaseId, change: FirewallChange.omit({ id: true, by: true }).extend({ evidenceIds: EvidenceIds }).strict() }).strict(),
  'records.addCredentialReset': z.object({ caseId: CaseId, reset: CredentialReset.omit({ id: true, by: true }).extend({ evidenceIds: EvidenceIds }).strict() }).strict(),
  'records.addAttackerEvent': z.object({ caseId: CaseId, event: AttackerEvent.omit({ id: true }).strict() }).strict(),
  'records.setInsurance': z.object({ caseId: CaseId, insurance: Insurance.partial().strict() }).strict(),
  'records.setPersonalData': z.object({ caseId: CaseId, personalData: PersonalData }).strict(),
  /** Narrative, root cause, limitations, open items, distribution, authors, server details, settings. */
  'records.setDetails': z.object({ caseId: CaseId, details: ReportDetails }).strict(),
  'notifications.set': z
    .object({
      caseId: CaseId,
      notification: z
        .object({
          id: RecordId.optional(),
          kind: z.enum(NOTIFICATION_KINDS),
          recipient: z.string().max(200).optional(),
          at: isoTime.optional(),
          channel: z.string().max(200).optional(),
          reference: z.string().max(200).optional(),
          office: z.string().max(300).optional(),
          approvedVendors: z.array(z.string().max(200)).max(50).optional(),
          notRequired: z.boolean().optional(),
          reasoning: z.string().max(4_000).optional(),
          evidenceIds: EvidenceIds,
        })
        .strict()
        .refine((n) => !n.notRequired || (n.reasoning ?? '').trim().length > 0, { message: 'say why this notification is not required', path: ['reasoning'] }),
    })
    .strict(),
  /** null clears a date. */
  /** Only an "other" notice can be removed (the insurer, police and data-protection ones are deadlines: record them as not required instead). */
  'notifications.remove': z.object({ caseId: CaseId, notificationId: RecordId, reason: z.string().trim().min(1, 'say why the notice is removed').max(2_000) }).strict(),
  'dates.set': z.object({ caseId: CaseId, dates: z.partialRecord(z.enum(KEY_DATES), isoTime.nullable()) }).strict(),
  'costs.add': z.object({ caseId: CaseId, cost: CostEntry.omit({ id: true, recordedBy: true, recordedAt: true }).extend({ evidenceIds: EvidenceIds }).strict() }).strict(),
  'costs.remove': z.object({ caseId: CaseId, costId: RecordId, reason: z.string().trim().min(1, 'say why the cost is removed').max(2_000) }).strict(),
  'signoff.set': z.object({ caseId: CaseId, signOff: SignOff.omit({ signedAt: true }).extend({ signedAt: isoTime.optional() }).strict() }).strict(),
  /** The file is chosen by the main process's save dialog. */
  'report.export': z.object({ caseId: CaseId, format: z.enum(['pdf', 'html', 'md', 'json']), paper: z.enum(REPORT_PAPERS).optional() }).strict(),
  'bundle.export': z.object({ caseId: CaseId, paper: z.enum(REPORT_PAPERS).optional() }).strict(),
  /** The bundle is chosen by the main process's open dialog. */
  'bundle.import': z.undefined(),
};

export interface ReportExportResult {
  /** False when the person cancelled the save dialog. */
  saved: boolean;
  file?: string;
  format: 'pdf' | 'html' | 'md' | 'json';
  version: number;
  /** SHA-256 of the report model (the report's own hash, printed in every format). */
  reportSha256: string;
  /** SHA-256 of the file written. */
  fileSha256?: string;
}

export interface BundleExportResult {
  saved: boolean;
  file?: string;
  version?: number;
  /** Files in the bundle besides the manifest, every one verified after writing. */
  files: number;
  /** False when no PDF printer was available; the other formats are in the bundle. */
  pdf: boolean;
}

export interface BundleImportResult {
  imported: boolean;
  caseId?: string;
}
