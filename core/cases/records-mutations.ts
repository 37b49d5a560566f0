// Changes to a case's records (evidence, findings, notifications, costs…) as pure functions, in the
// style of mutations.ts: check, validate what is created, append one timeline entry per change.
// Copying an evidence file is I/O and happens before (core/evidence/copy.ts); the mutation only
// records the stored file.
import { fail } from '../api/contract';
import { setStepState, type MutationContext, type StepAddress } from './mutations';
import {
  AttackerEvent,
  CaseRecords,
  CostEntry,
  CredentialReset,
  EvidenceItem,
  Finding,
  FirewallChange,
  Insurance,
  KeyDates,
  Notification,
  PatchRecord,
  PersonalData,
  ReportDetails,
  ReportVersion,
  SignOff,
  type NotificationKind,
  type RecordTimelineKind,
} from './records';
import { excerpt } from './timeline-text';
import { stepKey, type CaseDocument, type StepState, type TimelineEntry } from './types';
import type { z } from 'zod';

/** Since schema version 2 every case has records; the alias keeps the intent readable. */
export type CaseWithRecords = CaseDocument;
export type RecordMutation = (doc: CaseWithRecords, ctx: MutationContext) => CaseWithRecords;

type Lang = 'en' | 'fr';
type EntryData = Record<string, string | number | boolean | null>;

const say = (l: Lang, en: string, fr: string): string => (l === 'fr' ? fr : en);

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return fail('INVALID_INPUT', `The ${what} is not valid: ${where}${issue?.message ?? 'unknown problem'}.`);
  }
  return parsed.data;
}

function record(doc: CaseWithRecords, ctx: MutationContext, records: Partial<CaseRecords>, kind: RecordTimelineKind, summary: string, data: EntryData): CaseWithRecords {
  if (doc.status === 'deleted') fail('CONFLICT', 'This case is in the deleted cases, so it cannot be changed.', 'Restore it from the archive first.');
  const entry: TimelineEntry = { id: ctx.newId(), at: ctx.now, by: doc.operator, kind, summary: summary.slice(0, 2_000), data };
  return { ...doc, records: { ...doc.records, ...records }, updatedAt: ctx.now, timeline: [...doc.timeline, entry] };
}

function assertEvidenceIds(doc: CaseWithRecords, ids: readonly string[]): void {
  for (const id of ids) {
    if (!doc.records.evidence.some((e) => e.id === id)) fail('NOT_FOUND', `The evidence item ${id} is not part of this case.`, 'Reload the case and pick the evidence again.');
  }
}

// ---- Evidence ----------------------------------------------------------------------------------

/** Record a file or text already stored by core/evidence/copy.ts. */
export const addEvidence =
  (item: EvidenceItem): RecordMutation =>
  (doc, ctx) => {
    const parsed = parse(EvidenceItem, item, 'evidence item');
    if (doc.records.evidence.some((e) => e.id === parsed.id)) fail('CONFLICT', 'This evidence is already recorded.', 'Reload the case.');
    const l = doc.language;
    const summary = say(l, `Evidence “${parsed.title}” added (SHA-256 ${parsed.sha256}).`, `Preuve « ${parsed.title} » ajoutée (SHA-256 ${parsed.sha256}).`);
    return record(doc, ctx, { evidence: [...doc.records.evidence, parsed] }, 'evidence.added', summary, {
      evidenceId: parsed.id,
      sha256: parsed.sha256,
      size: parsed.size,
      ...(parsed.stepKey ? { stepKey: parsed.stepKey } : {}),
    });
  };

/** Evidence is never deleted: removing it records who, when and why; the file stays, read-only. */
export const removeEvidence =
  (evidenceId: string, reason: string): RecordMutation =>
  (doc, ctx) => {
    const item = doc.records.evidence.find((e) => e.id === evidenceId) ?? fail('NOT_FOUND', 'This evidence is not part of the case.', 'Reload the case.');
    if (item.removed) fail('CONFLICT', `“${item.title}” was already removed on ${item.removed.at.slice(0, 10)}.`, 'Nothing to do.');
    if (!reason.trim()) fail('INVALID_INPUT', 'Say why this evidence is removed.', 'The reason is kept in the timeline and the report.');
    const removed = { at: ctx.now, by: doc.operator, reason };
    const l = doc.language;
    const summary = say(l, `Evidence “${item.title}” withdrawn: ${excerpt(reason)} (the file is kept).`, `Preuve « ${item.title} » retirée : ${excerpt(reason)} (le fichier est conservé).`);
    return record(doc, ctx, { evidence: doc.records.evidence.map((e) => (e.id === evidenceId ? { ...e, removed } : e)) }, 'evidence.removed', summary, { evidenceId, reason });
  };

/** Evidence attached to a step and not withdrawn. */
export const evidenceForStep = (records: Pick<CaseRecords, 'evidence'>, key: string): EvidenceItem[] =>
  records.evidence.filter((e) => e.stepKey === key && !e.removed);

/** The gate of design.md: a step whose playbook says `evidence: required` cannot be done without evidence. */
export function assertEvidenceGate(doc: CaseWithRecords, key: string, requirement: 'required' | 'optional' | 'none', nextState: string, stepTitle: string): void {
  if (nextState !== 'done' || requirement !== 'required') return;
  if (evidenceForStep(doc.records, key).length > 0) return;
  fail(
    'CONFLICT',
    say(doc.language, `“${stepTitle}” needs evidence before it can be marked done.`, `« ${stepTitle} » demande une preuve avant de pouvoir être terminée.`),
    say(doc.language, 'Attach a file or paste the command output to this step, then mark it done.', 'Joignez un fichier ou collez la sortie de la commande à cette étape, puis terminez-la.'),
  );
}

// ---- Findings ----------------------------------------------------------------------------------

export type FindingInput = Omit<Finding, 'id' | 'recordedBy' | 'recordedAt' | 'evidenceIds' | 'where'> & {
  evidenceIds?: string[];
  where?: Partial<Finding['where']>;
};

export const recordFinding =
  (input: FindingInput): RecordMutation =>
  (doc, ctx) => {
    const finding = parse(Finding, { ...input, where: { host: '', file: '', ...input.where }, id: ctx.newId(), recordedBy: doc.operator, recordedAt: ctx.now, evidenceIds: input.evidenceIds ?? [] }, 'finding');
    assertEvidenceIds(doc, finding.evidenceIds);
    const l = doc.language;
    const summary =
      finding.status === 'found'
        ? say(l, `Indicator found: ${finding.title}.`, `Indicateur trouvé : ${finding.title}.`)
        : say(l, `Indicator ruled out: ${finding.title}.`, `Indicateur écarté : ${finding.title}.`);
    return record(doc, ctx, { findings: [...doc.records.findings, finding] }, 'finding.recorded', summary, { findingId: finding.id, status: finding.status });
  };

export const updateFinding =
  (findingId: string, changes: Partial<Omit<Finding, 'id' | 'recordedBy' | 'recordedAt'>>): RecordMutation =>
  (doc, ctx) => {
    const current = doc.records.findings.find((f) => f.id === findingId) ?? fail('NOT_FOUND', 'This finding is not part of the case.', 'Reload the case.');
    const next = parse(Finding, { ...current, ...changes }, 'finding');
    assertEvidenceIds(doc, next.evidenceIds);
    const fields = Object.keys(changes).join(', ');
    const summary = say(doc.language, `Finding “${next.title}” updated (${fields}).`, `Constat « ${next.title} » modifié (${fields}).`);
    return record(doc, ctx, { findings: doc.records.findings.map((f) => (f.id === findingId ? next : f)) }, 'finding.updated', summary, { findingId, fields });
  };

/**
 * Takes back a finding's resolution (resolved by mistake, or the indicator came back). The finding
 * is open again and listed so in the report; the resolution it had, and why it was taken back, stay
 * in the timeline.
 */
export const reopenFinding =
  (findingId: string, reason: string): RecordMutation =>
  (doc, ctx) => {
    const current = doc.records.findings.find((f) => f.id === findingId) ?? fail('NOT_FOUND', 'This finding is not part of the case.', 'Reload the case.');
    const was = current.resolution ?? fail('CONFLICT', 'This finding is not resolved, so there is nothing to reopen.', 'Reload the case.');
    const { resolution: _dropped, ...open } = current;
    const next = parse(Finding, open, 'finding');
    const summary = say(
      doc.language,
      `Finding “${next.title}” reopened: ${excerpt(reason)} (it had been resolved by ${was.by || '—'} on ${was.at}: ${excerpt(was.note)})`,
      `Constat « ${next.title} » rouvert : ${excerpt(reason)} (il avait été traité par ${was.by || '—'} le ${was.at} : ${excerpt(was.note)})`,
    );
    return record(doc, ctx, { findings: doc.records.findings.map((f) => (f.id === findingId ? next : f)) }, 'finding.updated', summary, { findingId, fields: 'resolution', reopened: true, reason, resolvedAt: was.at, resolvedBy: was.by, resolutionNote: was.note });
  };

// ---- Structured records of what was changed -------------------------------------------------------

type ActionInput<T> = Omit<T, 'id' | 'by' | 'evidenceIds'> & { by?: string; evidenceIds?: string[] };

export const addPatch =
  (input: ActionInput<PatchRecord>): RecordMutation =>
  (doc, ctx) => {
    const patch = parse(PatchRecord, { ...input, id: ctx.newId(), by: input.by ?? doc.operator, evidenceIds: input.evidenceIds ?? [] }, 'patch record');
    const server = doc.servers.find((s) => s.id === patch.serverId) ?? fail('NOT_FOUND', 'This server is not part of the case.', 'Reload the case.');
    assertEvidenceIds(doc, patch.evidenceIds);
    const summary = say(doc.language, `${server.name} patched: ${patch.versionBefore} → ${patch.versionAfter} (${patch.update}).`, `${server.name} mis à jour : ${patch.versionBefore} → ${patch.versionAfter} (${patch.update}).`);
    return record(doc, ctx, { patches: [...doc.records.patches, patch] }, 'record.patch', summary, { serverId: server.id, before: patch.versionBefore, after: patch.versionAfter });
  };

export const addFirewallChange =
  (input: ActionInput<FirewallChange>): RecordMutation =>
  (doc, ctx) => {
    const change = parse(FirewallChange, { ...input, id: ctx.newId(), by: input.by ?? doc.operator, evidenceIds: input.evidenceIds ?? [] }, 'firewall change');
    assertEvidenceIds(doc, change.evidenceIds);
    const summary = say(doc.language, `Firewall change: ${excerpt(change.description)}`, `Changement de pare-feu : ${excerpt(change.description)}`);
    return record(doc, ctx, { firewallChanges: [...doc.records.firewallChanges, change] }, 'record.firewall', summary, { recordId: change.id });
  };

export const addCredentialReset =
  (input: ActionInput<CredentialReset>): RecordMutation =>
  (doc, ctx) => {
    const reset = parse(CredentialReset, { ...input, id: ctx.newId(), by: input.by ?? doc.operator, evidenceIds: input.evidenceIds ?? [] }, 'credential reset');
    assertEvidenceIds(doc, reset.evidenceIds);
    const summary = say(doc.language, `Credential reset: ${reset.account}${reset.system ? ` on ${reset.system}` : ''}.`, `Identifiant réinitialisé : ${reset.account}${reset.system ? ` sur ${reset.system}` : ''}.`);
    return record(doc, ctx, { credentialResets: [...doc.records.credentialResets, reset] }, 'record.credential', summary, { recordId: reset.id });
  };

export const addAttackerEvent =
  (input: Omit<AttackerEvent, 'id'>): RecordMutation =>
  (doc, ctx) => {
    const event = parse(AttackerEvent, { ...input, id: ctx.newId() }, 'attacker timeline event');
    if (event.evidenceId) assertEvidenceIds(doc, [event.evidenceId]);
    const events = [...doc.records.attackerTimeline, event].sort((a, b) => a.at.localeCompare(b.at));
    const summary = say(doc.language, `Attacker timeline: ${excerpt(event.description)}`, `Chronologie de l'attaquant : ${excerpt(event.description)}`);
    return record(doc, ctx, { attackerTimeline: events }, 'record.attacker', summary, { eventId: event.id, at: event.at });
  };

// ---- Dates, insurance, notifications, personal data ---------------------------------------------

export const setKeyDates =
  (changes: Partial<Record<keyof KeyDates, string | null>>): RecordMutation =>
  (doc, ctx) => {
    const next: Record<string, string | undefined> = { ...doc.records.keyDates };
    for (const [name, value] of Object.entries(changes)) next[name] = value ?? undefined;
    const keyDates = parse(KeyDates, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)), 'key dates');
    const changed = Object.keys(changes).filter((k) => doc.records.keyDates[k as keyof KeyDates] !== keyDates[k as keyof KeyDates]);
    if (changed.length === 0) return doc;
    const data: EntryData = {};
    for (const k of changed) data[k] = keyDates[k as keyof KeyDates] ?? null;
    const list = changed.map((k) => `${k} ${keyDates[k as keyof KeyDates] ?? '—'}`).join(', ');
    return record(doc, ctx, { keyDates }, 'dates.set', say(doc.language, `Key dates set: ${list}.`, `Dates clés renseignées : ${list}.`), data);
  };

export const setInsurance =
  (input: Partial<Insurance>): RecordMutation =>
  (doc, ctx) => {
    const insurance = parse(Insurance, { ...doc.records.insurance, ...input }, 'insurance details');
    if (JSON.stringify(insurance) === JSON.stringify(doc.records.insurance)) return doc;
    const summary = say(doc.language, `Insurance details: ${insurance.insurer}, policy ${insurance.policyNumber || '—'}, claim ${insurance.claimNumber || '—'}.`, `Assurance : ${insurance.insurer}, contrat ${insurance.policyNumber || '—'}, sinistre ${insurance.claimNumber || '—'}.`);
    return record(doc, ctx, { insurance }, 'insurance.set', summary, { policyNumber: insurance.policyNumber, claimNumber: insurance.claimNumber });
  };

export type NotificationInput = Partial<Omit<Notification, 'id' | 'kind' | 'recordedBy' | 'recordedAt'>> & { kind: NotificationKind; id?: string };

const KIND_NAMES: Record<Lang, Record<NotificationKind, string>> = {
  en: { insurer: 'Insurer notice', police: 'Police complaint', dpa: 'Data-protection authority', other: 'Notification' },
  fr: { insurer: "Déclaration à l'assureur", police: 'Plainte', dpa: 'Autorité de protection des données', other: 'Notification' },
};

/** One notification per kind for insurer, police and dpa (set again to correct it); `other` adds one each time unless an id is given. */
export const setNotification =
  (input: NotificationInput): RecordMutation =>
  (doc, ctx) => {
    const existing = input.id
      ? doc.records.notifications.find((n) => n.id === input.id)
      : input.kind === 'other'
        ? undefined
        : doc.records.notifications.find((n) => n.kind === input.kind);
    if (input.id && !existing) fail('NOT_FOUND', 'This notification is not part of the case.', 'Reload the case.');
    const notification = parse(
      Notification,
      { ...(existing ?? {}), ...input, id: existing?.id ?? ctx.newId(), recordedBy: doc.operator, recordedAt: ctx.now, evidenceIds: input.evidenceIds ?? existing?.evidenceIds ?? [] },
      'notification',
    );
    assertEvidenceIds(doc, notification.evidenceIds);
    const l = doc.language;
    const name = KIND_NAMES[l][notification.kind];
    const summary = notification.notRequired
      ? say(l, `${name}: recorded as not required — ${excerpt(notification.reasoning)}`, `${name} : non requise — ${excerpt(notification.reasoning)}`)
      : notification.at
        ? say(l, `${name}: done ${notification.at}${notification.reference ? `, reference ${notification.reference}` : ''}.`, `${name} : faite le ${notification.at}${notification.reference ? `, référence ${notification.reference}` : ''}.`)
        : say(l, `${name}: details recorded.`, `${name} : informations enregistrées.`);
    const notifications = existing ? doc.records.notifications.map((n) => (n.id === existing.id ? notification : n)) : [...doc.records.notifications, notification];
    return record(doc, ctx, { notifications }, 'notification.set', summary, {
      notificationId: notification.id,
      kind: notification.kind,
      at: notification.at ?? null,
      reference: notification.reference,
      notRequired: notification.notRequired,
    });
  };


/**
 * Removes a notice to someone else (ANSSI, a customer, the bank) recorded by mistake or twice. The
 * statutory ones are deadlines the report accounts for, so they are never removed: they are done,
 * or recorded as not required with the reasoning. What was removed, and why, stays in the timeline.
 */
export const removeNotification =
  (notificationId: string, reason: string): RecordMutation =>
  (doc, ctx) => {
    const notice = doc.records.notifications.find((n) => n.id === notificationId) ?? fail('NOT_FOUND', 'This notice is not part of the case.', 'Reload the case.');
    if (notice.kind !== 'other') {
      fail('CONFLICT', 'The insurer, police and data-protection notices are deadlines and cannot be removed.', 'Record it as done, or as not required with your reasoning.');
    }
    const l = doc.language;
    const summary = say(
      l,
      `Notice to ${notice.recipient || '—'} removed: ${excerpt(reason)}${notice.at ? ` (it had been recorded as done ${notice.at}${notice.reference ? `, reference ${notice.reference}` : ''})` : ''}`,
      `Déclaration à ${notice.recipient || '—'} supprimée : ${excerpt(reason)}${notice.at ? ` (elle avait été enregistrée comme faite le ${notice.at}${notice.reference ? `, référence ${notice.reference}` : ''})` : ''}`,
    );
    return record(doc, ctx, { notifications: doc.records.notifications.filter((n) => n.id !== notificationId) }, 'notification.set', summary, {
      notificationId,
      kind: notice.kind,
      removed: true,
      reason,
      recipient: notice.recipient,
      at: notice.at ?? null,
      reference: notice.reference,
    });
  };
export const setPersonalData =
  (input: PersonalData): RecordMutation =>
  (doc, ctx) => {
    const personalData = parse(PersonalData, input, 'personal-data assessment');
    const answer = { en: { yes: 'yes', no: 'no', unknown: 'not known yet' }, fr: { yes: 'oui', no: 'non', unknown: 'pas encore connu' } }[doc.language][personalData.affected];
    const summary = say(doc.language, `Personal data affected: ${answer}.`, `Données personnelles concernées : ${answer}.`);
    return record(doc, ctx, { personalData }, 'personal-data.set', summary, { affected: personalData.affected });
  };

// ---- Costs, sign-off, report details ---------------------------------------------------------------

export const addCost =
  (input: Omit<CostEntry, 'id' | 'recordedBy' | 'recordedAt' | 'evidenceIds' | 'currency'> & { currency?: string; evidenceIds?: string[] }): RecordMutation =>
  (doc, ctx) => {
    const cost = parse(CostEntry, { ...input, id: ctx.newId(), recordedBy: doc.operator, recordedAt: ctx.now, evidenceIds: input.evidenceIds ?? [] }, 'cost entry');
    if (cost.start && cost.end && cost.end < cost.start) fail('INVALID_INPUT', 'The end of this outage or cost is before its start.', 'Check the two dates.');
    assertEvidenceIds(doc, cost.evidenceIds);
    const amount = cost.amount !== undefined ? ` ${cost.amount} ${cost.currency}` : '';
    const hours = cost.hours !== undefined ? ` ${cost.hours} h` : '';
    const summary = say(doc.language, `Cost recorded (${cost.kind}${cost.system ? `, ${cost.system}` : ''}):${amount}${hours}.`, `Coût enregistré (${cost.kind}${cost.system ? `, ${cost.system}` : ''}) :${amount}${hours}.`);
    return record(doc, ctx, { costs: [...doc.records.costs, cost] }, 'cost.added', summary, { costId: cost.id, amount: cost.amount ?? null, currency: cost.currency });
  };

/** A cost entered by mistake can be removed; the timeline keeps what it was. */
export const removeCost =
  (costId: string, reason: string): RecordMutation =>
  (doc, ctx) => {
    const cost = doc.records.costs.find((c) => c.id === costId) ?? fail('NOT_FOUND', 'This cost entry is not part of the case.', 'Reload the case.');
    const summary = say(doc.language, `Cost entry removed (${cost.kind}, ${cost.amount ?? '—'} ${cost.currency}): ${excerpt(reason)}`, `Coût supprimé (${cost.kind}, ${cost.amount ?? '—'} ${cost.currency}) : ${excerpt(reason)}`);
    return record(doc, ctx, { costs: doc.records.costs.filter((c) => c.id !== costId) }, 'cost.removed', summary, { costId, amount: cost.amount ?? null, reason });
  };

export const setSignOff =
  (input: Omit<z.input<typeof SignOff>, 'signedAt'> & { signedAt?: string }): RecordMutation =>
  (doc, ctx) => {
    const signOff = parse(SignOff, { ...input, signedAt: input.signedAt ?? ctx.now }, 'sign-off');
    const summary = say(doc.language, `Report signed off by ${signOff.performedBy}${signOff.reviewedBy ? `, reviewed by ${signOff.reviewedBy}` : ''}.`, `Rapport signé par ${signOff.performedBy}${signOff.reviewedBy ? `, relu par ${signOff.reviewedBy}` : ''}.`);
    return record(doc, ctx, { signOff }, 'signoff.set', summary, { performedBy: signOff.performedBy, reviewedBy: signOff.reviewedBy });
  };



export const setReportDetails =
  (input: ReportDetails): RecordMutation =>
  (doc, ctx) => {
    const parsed = parse(ReportDetails, input, 'report details');
    // Only the members given: zod fills defaults for absent ones, which must not reset what is stored.
    const details = Object.fromEntries(Object.entries(parsed).filter(([key]) => (input as Record<string, unknown>)[key] !== undefined));
    const merged = parse(CaseRecords, { ...doc.records, ...details }, 'report details');
    const fields = Object.keys(details);
    if (fields.length === 0) return doc;
    return record(doc, ctx, merged, 'narrative.set', say(doc.language, `Report details updated (${fields.join(', ')}).`, `Éléments du rapport modifiés (${fields.join(', ')}).`), { fields: fields.join(',') });
  };

export const recordReportVersion =
  (version: Omit<ReportVersion, 'createdAt' | 'createdBy'>): RecordMutation =>
  (doc, ctx) => {
    const entry = parse(ReportVersion, { ...version, createdAt: ctx.now, createdBy: doc.operator }, 'report version');
    const last = doc.records.reportVersions.at(-1);
    if (last && entry.version <= last.version) fail('CONFLICT', `Report version ${entry.version} already exists.`, 'Export the report again.');
    const summary = say(doc.language, `Report version ${entry.version} issued (SHA-256 ${entry.reportSha256}).`, `Version ${entry.version} du rapport émise (SHA-256 ${entry.reportSha256}).`);
    return record(doc, ctx, { reportVersions: [...doc.records.reportVersions, entry] }, 'report.issued', summary, { version: entry.version, sha256: entry.reportSha256 });
  };

/** setStepState behind the evidence gate: what the app's handler and the example case both use. */
export const setStepStateGated =
  (address: StepAddress, state: StepState, requirement: 'required' | 'optional' | 'none', reason?: string): RecordMutation =>
  (doc, ctx) => {
    assertEvidenceGate(doc, stepKey(address.serverId, address.playbookId, address.stepId), requirement, state, address.stepTitle ?? address.stepId);
    return setStepState(address, state, reason)(doc, ctx);
  };
