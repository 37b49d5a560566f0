// What a case keeps for the insurer, the police and the data-protection authority (design.md "Cases",
// research/peers.md §5): evidence, findings, structured records of what was changed, key dates,
// notifications, the personal-data assessment, costs, sign-off, the attacker's timeline and the
// report versions. Stored in the case document under `records` (added by migration 0002).
// Every time is stored in UTC (ISO 8601 with Z); the case's IANA zone is kept for display only.
// No Node or DOM dependency: the renderer imports these types.
import { z } from 'zod';

const isoTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(80);
const ids = z.array(id).max(1_000).default([]);
const sha256 = z.string().regex(/^[a-f0-9]{64}$/, 'a SHA-256 is 64 lower-case hex digits');

/** A statement established by evidence, or one that is believed but not proven. The report keeps them apart. */
export const CERTAINTY = ['fact', 'hypothesis'] as const;
export type Certainty = (typeof CERTAINTY)[number];

export const SEVERITY = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** An IANA zone name as accepted by Intl (Europe/Paris, America/New_York, UTC). */
export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone name such as Europe/Paris');

export const Removal = z.object({ at: isoTime, by: text(200), reason: text(2_000).min(1) }).strict();

/**
 * A file or pasted text copied into `<caseFolder>/evidence/`. The stored file is read-only and never
 * changed. Removing evidence only records who removed it, when and why: the file stays where it is,
 * so the chain of custody is never broken and the manifest can still show its hash.
 */
export const EvidenceItem = z
  .object({
    id,
    kind: z.enum(['file', 'text']),
    title: text(300).min(1),
    /** The name as stored, without the folder: `<id>-<safe name>`. */
    fileName: text(255).min(1),
    /** Relative to the case folder, always `evidence/<fileName>`, with forward slashes. */
    storedPath: z.string().regex(/^evidence\/[^/\\]+$/, 'evidence is stored directly under evidence/'),
    /** Where the file was picked on the operator's machine; empty for pasted text. */
    originalPath: text(4_000).default(''),
    /** The server or workstation the evidence comes from. */
    sourceHost: text(200).default(''),
    sha256,
    size: z.number().int().nonnegative(),
    collectedBy: text(200).min(1),
    collectedAt: isoTime,
    /** The zone the collector was in, so the report can show local time beside UTC (NIST 800-61 §3.3.2). */
    collectedZone: TimeZone,
    stepKey: text(300).optional(),
    removed: Removal.optional(),
  })
  .strict();
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** What was searched when an indicator is ruled out: without it "not found" means little. */
export const HuntCoverage = z
  .object({
    files: z.array(text(1_000)).max(10_000).default([]),
    from: isoTime.optional(),
    to: isoTime.optional(),
    ruleSetVersion: text(100).default(''),
    toolVersion: text(100).default(''),
  })
  .strict();
export type HuntCoverage = z.infer<typeof HuntCoverage>;

export const Finding = z
  .object({
    id,
    status: z.enum(['found', 'ruled_out']),
    title: text(300).min(1),
    /** The indicator itself: a file name, an IP address, a hash, a log pattern. */
    indicator: text(2_000),
    ruleId: text(80).optional(),
    playbookId: text(80).optional(),
    stepKey: text(300).optional(),
    severity: z.enum(SEVERITY),
    where: z
      .object({
        host: text(200).default(''),
        file: text(4_000).default(''),
        line: z.number().int().nonnegative().optional(),
        /** SHA-256 of the file the indicator was found in, so the report ties the finding to exact bytes. */
        sha256: sha256.optional(),
        /** 'archive' when the file was inside an archive and the hash is the archive's (the entry is not extracted). */
        sha256Of: z.enum(['file', 'archive']).optional(),
      })
      .strict(),
    /** When the indicator was active (for found) — not when it was recorded. */
    when: isoTime.optional(),
    matchedText: text(2_000).optional(),
    coverage: HuntCoverage.optional(),
    evidenceIds: ids,
    recordedBy: text(200),
    recordedAt: isoTime,
    certainty: z.enum(CERTAINTY),
    /** A found indicator is open until it is dealt with (removed, explained). */
    resolution: z.object({ at: isoTime, by: text(200), note: text(2_000).min(1) }).strict().optional(),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;

const actionBase = { id, at: isoTime, by: text(200), evidenceIds: ids };

/** A product update: the versions before and after and the update installed (ED 21-02 model). */
export const PatchRecord = z
  .object({ ...actionBase, serverId: id, product: text(200).default(''), versionBefore: text(100), versionAfter: text(100), update: text(300) })
  .strict();
export type PatchRecord = z.infer<typeof PatchRecord>;

export const FirewallChange = z
  .object({ ...actionBase, serverId: id.optional(), description: text(2_000).min(1), rule: text(2_000).default('') })
  .strict();
export type FirewallChange = z.infer<typeof FirewallChange>;

export const CredentialReset = z
  .object({ ...actionBase, account: text(300).min(1), system: text(300).default(''), note: text(2_000).default('') })
  .strict();
export type CredentialReset = z.infer<typeof CredentialReset>;

export const KEY_DATES = ['firstActivity', 'discovery', 'containment', 'eradication', 'returnToService'] as const;
export type KeyDateName = (typeof KEY_DATES)[number];
/** `discovery` is the "knowledge" of Code des assurances L12-10-1 and the "awareness" of GDPR art. 33: both clocks start there. */
export const KeyDates = z.object(Object.fromEntries(KEY_DATES.map((k) => [k, isoTime.optional()])) as Record<KeyDateName, z.ZodOptional<typeof isoTime>>).strict();
export type KeyDates = z.infer<typeof KeyDates>;

export const Insurance = z
  .object({ insurer: text(200).default(''), policyNumber: text(100).default(''), claimNumber: text(100).default(''), contact: text(300).default('') })
  .strict();
export type Insurance = z.infer<typeof Insurance>;

export const NOTIFICATION_KINDS = ['insurer', 'police', 'dpa', 'other'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const Notification = z
  .object({
    id,
    kind: z.enum(NOTIFICATION_KINDS),
    /** For `other`: which authority (ANSSI, CERT-FR, a bank…). For dpa: CNIL, ICO… */
    recipient: text(200).default(''),
    at: isoTime.optional(),
    channel: text(200).default(''),
    /** Claim number, récépissé number, CNIL notification number. */
    reference: text(200).default(''),
    /** Police or gendarmerie office where the complaint was filed. */
    office: text(300).default(''),
    /** Vendors the insurer approved (avoids the "pre-tender" refusal of costs). */
    approvedVendors: z.array(text(200)).max(50).default([]),
    /** Recorded decision that this notification is not required, with the reasoning (GDPR art. 33(5)). */
    notRequired: z.boolean().default(false),
    reasoning: text(4_000).default(''),
    evidenceIds: ids,
    recordedBy: text(200),
    recordedAt: isoTime,
  })
  .strict()
  .refine((n) => !n.notRequired || n.reasoning.trim().length > 0, { message: 'say why this notification is not required', path: ['reasoning'] });
export type Notification = z.infer<typeof Notification>;

export const PersonalData = z
  .object({
    affected: z.enum(['yes', 'no', 'unknown']),
    categories: z.array(text(200)).max(50).default([]),
    approxPeople: z.number().int().nonnegative().optional(),
    approxRecords: z.number().int().nonnegative().optional(),
    reasoning: text(4_000).default(''),
    consequences: text(4_000).default(''),
    measures: text(4_000).default(''),
  })
  .strict();
export type PersonalData = z.infer<typeof PersonalData>;

export const COST_KINDS = ['outage', 'hours', 'invoice', 'hardware', 'other'] as const;
export const CostEntry = z
  .object({
    id,
    kind: z.enum(COST_KINDS),
    system: text(200).default(''),
    start: isoTime.optional(),
    end: isoTime.optional(),
    hours: z.number().nonnegative().max(1_000_000).optional(),
    amount: z.number().nonnegative().max(1e12).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a 3-letter code such as EUR').default('EUR'),
    description: text(2_000).default(''),
    evidenceIds: ids,
    recordedBy: text(200),
    recordedAt: isoTime,
  })
  .strict();
export type CostEntry = z.infer<typeof CostEntry>;

export const SignOff = z
  .object({
    performedBy: text(300).min(1),
    reviewedBy: text(300).default(''),
    attestation: text(8_000).min(1),
    /** When a consultant signs: the statement of independence (PCI PFI template 1.5). */
    independence: text(4_000).default(''),
    signedAt: isoTime,
  })
  .strict();
export type SignOff = z.infer<typeof SignOff>;

export const AttackerEvent = z
  .object({
    id,
    at: isoTime,
    description: text(2_000).min(1),
    /** The artefact behind the event: a log line, a file, a registry key. */
    artefact: text(2_000).default(''),
    evidenceId: id.optional(),
    certainty: z.enum(CERTAINTY),
  })
  .strict();
export type AttackerEvent = z.infer<typeof AttackerEvent>;

export const Statement = z.object({ id, text: text(4_000).min(1), certainty: z.enum(CERTAINTY), evidenceIds: ids }).strict();
export type Statement = z.infer<typeof Statement>;

export const RootCause = z
  .object({ cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/)).max(50).default([]), entryPoint: text(2_000).default(''), statements: z.array(Statement).max(200).default([]) })
  .strict();
export type RootCause = z.infer<typeof RootCause>;

export const Narrative = z
  .object({
    status: z.enum(['ongoing', 'contained', 'resolved']).default('ongoing'),
    whatHappened: text(8_000).default(''),
    impact: text(8_000).default(''),
    residualRisk: text(4_000).default(''),
    recommendations: z.array(text(2_000)).max(100).default([]),
  })
  .strict();
export type Narrative = z.infer<typeof Narrative>;

export const ServerDetails = z.object({ role: text(300).default(''), exposure: text(1_000).default('') }).strict();

export const OpenItem = z.object({ id, text: text(2_000).min(1), owner: text(200).default(''), due: isoTime.optional() }).strict();
export const Recipient = z.object({ name: text(200).min(1), organisation: text(200).default(''), role: text(200).default('') }).strict();

export const ReportChange = z.object({ field: text(300), before: text(2_000), after: text(2_000) }).strict();
export type ReportChange = z.infer<typeof ReportChange>;

/**
 * One issued version of the report. `digest` is a flat map of the facts that matter to a reader
 * (dates, references, findings, hashes, sign-off…); the next version's change table is the
 * difference between two digests. Kept small on purpose: a case keeps every version.
 */
export const ReportVersion = z
  .object({
    version: z.number().int().positive(),
    createdAt: isoTime,
    createdBy: text(200),
    reportSha256: sha256,
    files: z.array(z.object({ format: z.enum(['pdf', 'html', 'md', 'json']), sha256 }).strict()).max(10).default([]),
    digest: z.record(z.string(), z.string()),
    changes: z.array(ReportChange).max(5_000).default([]),
  })
  .strict();
export type ReportVersion = z.infer<typeof ReportVersion>;

export const RecordSettings = z
  .object({
    /** Where the case happens; shown beside UTC everywhere. */
    timeZone: TimeZone.default('UTC'),
    /** Hours after discovery when the insurer notice is shown as due (policies say 24–72 h; peers.md §5.1). */
    insurerWarningHours: z.number().int().min(1).max(24 * 60).default(72),
    /** Whether the French police-complaint condition (L12-10-1) applies: professionals insured in France. */
    frenchPoliceComplaint: z.boolean().default(true),
  })
  .strict();

export const CaseRecords = z
  .object({
    evidence: z.array(EvidenceItem).max(10_000).default([]),
    findings: z.array(Finding).max(20_000).default([]),
    patches: z.array(PatchRecord).max(1_000).default([]),
    firewallChanges: z.array(FirewallChange).max(1_000).default([]),
    credentialResets: z.array(CredentialReset).max(5_000).default([]),
    keyDates: KeyDates.default({}),
    insurance: Insurance.default({ insurer: '', policyNumber: '', claimNumber: '', contact: '' }),
    notifications: z.array(Notification).max(200).default([]),
    personalData: PersonalData.default({ affected: 'unknown', categories: [], reasoning: '', consequences: '', measures: '' }),
    costs: z.array(CostEntry).max(5_000).default([]),
    signOff: SignOff.optional(),
    attackerTimeline: z.array(AttackerEvent).max(5_000).default([]),
    rootCause: RootCause.default({ cves: [], entryPoint: '', statements: [] }),
    narrative: Narrative.default({ status: 'ongoing', whatHappened: '', impact: '', residualRisk: '', recommendations: [] }),
    serverDetails: z.record(z.string(), ServerDetails).default({}),
    limitations: z.array(text(2_000)).max(200).default([]),
    openItems: z.array(OpenItem).max(500).default([]),
    distribution: z.array(Recipient).max(100).default([]),
    authors: z.array(text(200)).max(20).default([]),
    reportVersions: z.array(ReportVersion).max(1_000).default([]),
    settings: RecordSettings.default({ timeZone: 'UTC', insurerWarningHours: 72, frenchPoliceComplaint: true }),
  })
  .strict();
export type CaseRecords = z.infer<typeof CaseRecords>;

/**
 * The free-text parts of the report and its settings: narrative, root cause, limitations, distribution…
 * Each member is optional WITHOUT its default: the API validates input with this schema, and a default
 * filled in for a member that was not sent would overwrite the stored one (the zone, the root cause…).
 */
const detailMembers = CaseRecords.shape;
export const ReportDetails = z
  .object({
    narrative: detailMembers.narrative.unwrap().optional(),
    rootCause: detailMembers.rootCause.unwrap().optional(),
    limitations: detailMembers.limitations.unwrap().optional(),
    openItems: detailMembers.openItems.unwrap().optional(),
    distribution: detailMembers.distribution.unwrap().optional(),
    authors: detailMembers.authors.unwrap().optional(),
    serverDetails: detailMembers.serverDetails.unwrap().optional(),
    settings: detailMembers.settings.unwrap().optional(),
  })
  .strict();
export type ReportDetails = z.input<typeof ReportDetails>;

/** Empty records for a new case, with the zone and the police-complaint rule that fit its language. */
export function emptyRecords(language: 'en' | 'fr' = 'en'): CaseRecords {
  return CaseRecords.parse({
    settings: { timeZone: language === 'fr' ? 'Europe/Paris' : 'UTC', insurerWarningHours: 72, frenchPoliceComplaint: language === 'fr' },
  });
}

/** The timeline kinds the records add (merged into TIMELINE_KINDS by the migration that adds records). */
export const RECORD_TIMELINE_KINDS = [
  'evidence.added',
  'evidence.removed',
  'finding.recorded',
  'finding.updated',
  'record.patch',
  'record.firewall',
  'record.credential',
  'record.attacker',
  'dates.set',
  'insurance.set',
  'notification.set',
  'personal-data.set',
  'cost.added',
  'cost.removed',
  'signoff.set',
  'narrative.set',
  'report.issued',
] as const;
export type RecordTimelineKind = (typeof RECORD_TIMELINE_KINDS)[number];
