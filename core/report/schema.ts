// The report model: one structure, rendered to PDF, HTML, Markdown and JSON. This zod schema is the
// source of the published JSON Schema (core/report/report.schema.json, written by
// scripts/report-schema.ts through z.toJSONSchema) and of the TypeScript type.
import { z } from 'zod';

export const REPORT_FORMAT = 'firebreak-report/1';

const iso = z.string().describe('UTC time, ISO 8601');
const sha = z.string().regex(/^[a-f0-9]{64}$/).describe('SHA-256, lower-case hex');
const certainty = z.enum(['fact', 'hypothesis']);

const Dated = z.object({ at: iso.optional(), by: z.string() });

export const ReportClock = z.object({
  kind: z.enum(['insurer', 'police', 'dpa']),
  status: z.enum(['not_started', 'open', 'due_soon', 'overdue', 'done', 'done_late', 'not_required']),
  legal: z.boolean().describe('true when the deadline is set by law; false for the policy threshold the user set'),
  windowHours: z.number(),
  startedAt: iso.optional(),
  dueAt: iso.optional(),
  doneAt: iso.optional(),
  elapsedMs: z.number().optional().describe('from discovery to the notification (when done) or to generatedAt'),
  reference: z.string().optional(),
});

export const ReportNotification = z.object({
  kind: z.enum(['insurer', 'police', 'dpa', 'other']),
  recipient: z.string(),
  at: iso.optional(),
  channel: z.string(),
  reference: z.string(),
  office: z.string(),
  approvedVendors: z.array(z.string()),
  notRequired: z.boolean(),
  reasoning: z.string(),
  evidenceIds: z.array(z.string()),
});

export const ReportStep = z.object({
  serverId: z.string(),
  serverName: z.string(),
  playbookId: z.string(),
  phaseId: z.string(),
  phaseTitle: z.string(),
  stepId: z.string(),
  title: z.string(),
  state: z.enum(['todo', 'in_progress', 'done', 'not_applicable', 'blocked', 'skipped']),
  reason: z.string().optional(),
  by: z.string().optional(),
  at: iso.optional(),
  evidenceRequired: z.boolean(),
  evidenceIds: z.array(z.string()),
  notes: z.array(z.object({ at: iso, by: z.string(), text: z.string() })),
});

export const ReportFinding = z.object({
  id: z.string(),
  status: z.enum(['found', 'ruled_out']),
  title: z.string(),
  indicator: z.string(),
  ruleId: z.string().optional(),
  playbookId: z.string().optional(),
  stepKey: z.string().optional(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  host: z.string(),
  file: z.string(),
  line: z.number().optional(),
  sha256: sha.optional().describe('SHA-256 of the file the indicator was found in (of the archive holding it when sha256Of is "archive")'),
  sha256Of: z.enum(['file', 'archive']).optional(),
  when: iso.optional(),
  matchedText: z.string().optional(),
  coverage: z
    .object({ files: z.array(z.string()), from: iso.optional(), to: iso.optional(), ruleSetVersion: z.string(), toolVersion: z.string() })
    .optional(),
  evidenceIds: z.array(z.string()),
  certainty,
  recordedBy: z.string(),
  recordedAt: iso,
  resolution: z.object({ at: iso, by: z.string(), note: z.string() }).optional(),
});

export const ReportEvidence = z.object({
  id: z.string(),
  kind: z.enum(['file', 'text']),
  title: z.string(),
  storedPath: z.string().describe('relative to the case folder (and to the bundle root)'),
  originalPath: z.string(),
  sourceHost: z.string(),
  size: z.number(),
  sha256: sha,
  collectedBy: z.string(),
  collectedAt: iso,
  collectedZone: z.string(),
  collectedAtLocal: z.string().describe('collectedAt shown in collectedZone, with its offset'),
  stepKey: z.string().optional(),
  removed: z.object({ at: iso, by: z.string(), reason: z.string() }).optional(),
});

export const ReportOpenItem = z.object({
  kind: z.enum(['step', 'blocked', 'notification', 'finding', 'personal_data', 'signoff', 'manual']),
  text: z.string(),
  ref: z.string().optional(),
  due: iso.optional().describe('when it is due: the date given to an open item, or the deadline of a notification'),
});

/** Where the complete response timeline is, and how to check a copy of it is whole. */
export const ResponseTimelineAnnex = z.object({
  entries: z.number().int().nonnegative(),
  from: iso.optional(),
  to: iso.optional(),
  sha256: sha.describe('SHA-256 of the canonical JSON (keys sorted, no whitespace) of timelines.response, as for the report hash'),
});

export const ReportChangeRow = z.object({ field: z.string(), before: z.string(), after: z.string() });

export const ReportModel = z
  .object({
    format: z.literal(REPORT_FORMAT),
    language: z.enum(['en', 'fr']),
    cover: z.object({
      caseId: z.string(),
      title: z.string(),
      organisation: z.string(),
      contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
      insurer: z.string(),
      policyNumber: z.string(),
      claimNumber: z.string(),
      reportVersion: z.number().int().positive(),
      generatedAt: iso,
      timeZone: z.string(),
      authors: z.array(z.string()),
      distribution: z.array(z.object({ name: z.string(), organisation: z.string(), role: z.string() })),
    }),
    keyDates: z.object({
      dates: z.array(z.object({ name: z.enum(['firstActivity', 'discovery', 'containment', 'eradication', 'returnToService']), at: iso.optional() })),
      clocks: z.array(ReportClock),
      notifications: z.array(ReportNotification),
    }),
    summary: z.object({
      status: z.enum(['ongoing', 'contained', 'resolved']),
      whatHappened: z.string(),
      impact: z.string(),
      personalData: z.object({
        affected: z.enum(['yes', 'no', 'unknown']),
        categories: z.array(z.string()),
        approxPeople: z.number().optional(),
        approxRecords: z.number().optional(),
        reasoning: z.string(),
        consequences: z.string(),
        measures: z.string(),
      }),
      counts: z.object({
        stepsResolved: z.number(),
        stepsTotal: z.number(),
        findingsFound: z.number(),
        findingsRuledOut: z.number(),
        evidence: z.number(),
        openItems: z.number(),
      }),
    }),
    scope: z.object({
      servers: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          product: z.string(),
          version: z.string(),
          role: z.string(),
          exposure: z.string(),
          playbooks: z.array(z.object({ id: z.string(), version: z.string() })),
        }),
      ),
      limitations: z.array(z.string()),
      logWindow: z.object({ from: iso.optional(), to: iso.optional() }).describe('the time span the examined logs cover, from the hunt coverage'),
    }),
    rootCause: z.object({
      cves: z.array(z.string()),
      entryPoint: z.string(),
      facts: z.array(z.object({ text: z.string(), evidenceIds: z.array(z.string()) })),
      hypotheses: z.array(z.object({ text: z.string(), evidenceIds: z.array(z.string()) })),
    }),
    timelines: z.object({
      attacker: z.array(z.object({ at: iso, description: z.string(), artefact: z.string(), evidenceId: z.string().optional(), certainty })),
      response: z
        .array(z.object({ at: iso, by: z.string(), kind: z.string(), summary: z.string() }))
        .describe('the complete response timeline: every change recorded in the case, in order (the PDF and HTML print one row per step and point here)'),
    }),
    actions: z.object({
      steps: z.array(ReportStep).describe('every step of every playbook applied, in playbook order'),
      firewall: z.array(Dated.extend({ serverName: z.string(), description: z.string(), rule: z.string(), evidenceIds: z.array(z.string()) })),
      patches: z.array(
        Dated.extend({ serverName: z.string(), product: z.string(), versionBefore: z.string(), versionAfter: z.string(), update: z.string(), evidenceIds: z.array(z.string()) }),
      ),
      credentials: z.array(Dated.extend({ account: z.string(), system: z.string(), note: z.string(), evidenceIds: z.array(z.string()) })),
    }),
    hunt: z.object({
      found: z.array(ReportFinding),
      ruledOut: z.array(ReportFinding),
      coverage: z.object({ files: z.number(), from: iso.optional(), to: iso.optional(), ruleSetVersions: z.array(z.string()), toolVersions: z.array(z.string()) }),
    }),
    evidence: z.array(ReportEvidence),
    costs: z.object({
      entries: z.array(
        z.object({
          kind: z.enum(['outage', 'hours', 'invoice', 'hardware', 'other']),
          system: z.string(),
          start: iso.optional(),
          end: iso.optional(),
          durationHours: z.number().optional(),
          hours: z.number().optional(),
          amount: z.number().optional(),
          currency: z.string(),
          description: z.string(),
          evidenceIds: z.array(z.string()),
        }),
      ),
      totals: z.array(z.object({ currency: z.string(), amount: z.number() })),
      hours: z.number(),
      outageHours: z.number(),
    }),
    open: z.object({ items: z.array(ReportOpenItem), residualRisk: z.string(), recommendations: z.array(z.string()) }),
    signOff: z.object({ performedBy: z.string(), reviewedBy: z.string(), attestation: z.string(), independence: z.string(), signedAt: iso }).nullable(),
    annexes: z.object({
      toolOutputs: z.array(z.object({ evidenceId: z.string(), title: z.string(), stepKey: z.string().optional(), sha256: sha })),
      playbooks: z.array(z.object({ id: z.string(), title: z.string(), version: z.string(), language: z.string(), sha256: z.string() })),
      missingPlaybooks: z.array(z.string()),
      appVersion: z.string(),
      previousVersion: z.number().optional(),
      changes: z.array(ReportChangeRow),
      versions: z.array(z.object({ version: z.number(), createdAt: iso, createdBy: z.string(), reportSha256: sha })),
      responseTimeline: ResponseTimelineAnnex,
    }),
    integrity: z.object({
      algorithm: z.literal('sha256'),
      canonicalisation: z.string(),
      sha256: sha,
    }),
  })
  .describe('Firebreak incident report (firebreak-report/1). All times are UTC ISO 8601.');

export type ReportModel = z.infer<typeof ReportModel>;
export type ReportFindingRow = z.infer<typeof ReportFinding>;
export type ReportStepRow = z.infer<typeof ReportStep>;
export type ReportEvidenceRow = z.infer<typeof ReportEvidence>;
export type ReportOpenItemRow = z.infer<typeof ReportOpenItem>;
