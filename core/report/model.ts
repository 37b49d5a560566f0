// buildReport: the case and its records → the report model of design.md "Reports" (13 sections).
// Pure: no I/O, no clock (generatedAt is given), so the same inputs give the same report and hash.
import { createHash } from 'node:crypto';
import type { CaseRecords } from '../cases/records';
import type { CaseDocument } from '../cases/types';
import { stepKey } from '../cases/types';
import { RESOLVED_STATES } from '../cases/progress';
import { allClocks } from '../deadlines/clocks';
import { formatInZone } from '../deadlines/time';
import type { Playbook } from '../playbooks/types';
import { reportLabels, type ReportLanguage } from './i18n';
import { canonicalJson, seal } from './integrity';
import { REPORT_FORMAT, type ReportModel, type ReportOpenItemRow, type ReportStepRow } from './schema';
import { diffDigests, digestOf, sameDigest, type Digest } from './versions';

export type CaseWithRecords = CaseDocument;

export interface BuildReportInput {
  case: CaseWithRecords;
  /** The playbooks applied to the case (any language; the case's language is preferred). */
  playbooks: Playbook[];
  appVersion: string;
  generatedAt: string;
  language?: ReportLanguage;
  /** The version to compare with; by default the last version recorded in the case. */
  previous?: { version: number; digest: Digest };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const hoursBetween = (start?: string, end?: string) => (start && end ? Math.max(0, (Date.parse(end) - Date.parse(start)) / 3_600_000) : undefined);
const round2 = (n: number) => Math.round(n * 100) / 100;

function pickPlaybook(playbooks: Playbook[], id: string, language: ReportLanguage): Playbook | undefined {
  const candidates = playbooks.filter((p) => p.meta.id === id);
  return candidates.find((p) => p.meta.language === language) ?? candidates[0];
}

export function buildReport(input: BuildReportInput): ReportModel {
  const doc = input.case;
  const r = doc.records;
  const language = input.language ?? doc.language;
  const L = reportLabels[language];
  const zone = r.settings.timeZone;
  const serverName = (id?: string) => doc.servers.find((s) => s.id === id)?.name ?? '';
  const activeEvidence = r.evidence.filter((e) => !e.removed);

  // ---- steps, in playbook order -----------------------------------------------------------------
  const steps: ReportStepRow[] = [];
  const usedPlaybooks = new Map<string, Playbook>();
  const missingPlaybooks = new Set<string>();
  for (const server of doc.servers) {
    for (const attached of server.playbooks) {
      const playbook = pickPlaybook(input.playbooks, attached.playbookId, language);
      if (!playbook) {
        missingPlaybooks.add(attached.playbookId);
        continue;
      }
      usedPlaybooks.set(playbook.meta.id, playbook);
      const stepsById = new Map(playbook.steps.map((s) => [s.id, s]));
      for (const phase of playbook.phases) {
        for (const stepId of phase.stepIds) {
          const step = stepsById.get(stepId);
          if (!step) continue;
          const key = stepKey(server.id, playbook.meta.id, stepId);
          const rec = doc.steps[key];
          steps.push({
            serverId: server.id,
            serverName: server.name,
            playbookId: playbook.meta.id,
            phaseId: phase.id,
            phaseTitle: phase.title,
            stepId,
            title: step.title,
            state: rec?.state ?? 'todo',
            ...(rec?.reason ? { reason: rec.reason } : {}),
            ...(rec ? { by: rec.updatedBy, at: rec.updatedAt } : {}),
            evidenceRequired: step.evidence === 'required',
            evidenceIds: activeEvidence.filter((e) => e.stepKey === key).map((e) => e.id),
            notes: (rec?.notes ?? []).map((n) => ({ at: n.at, by: n.by, text: n.text })),
          });
        }
      }
    }
  }

  // ---- clocks and open items ----------------------------------------------------------------------
  const clocks = allClocks(r, Date.parse(input.generatedAt)).map((c) => ({
    kind: c.kind,
    status: c.status,
    legal: c.legal,
    windowHours: c.windowHours,
    ...(c.startedAt ? { startedAt: c.startedAt } : {}),
    ...(c.dueAt ? { dueAt: c.dueAt } : {}),
    ...(c.doneAt ? { doneAt: c.doneAt } : {}),
    ...(c.elapsedMs !== undefined ? { elapsedMs: c.elapsedMs } : {}),
    ...(c.reference ? { reference: c.reference } : {}),
  }));

  const found = r.findings.filter((f) => f.status === 'found');
  const ruledOut = r.findings.filter((f) => f.status === 'ruled_out');

  const openItems: ReportOpenItemRow[] = [];
  for (const step of steps) {
    if (step.state === 'blocked') openItems.push({ kind: 'blocked', text: `${step.serverName} — ${step.title}${step.reason ? ` (${step.reason})` : ''}`, ref: `${step.serverId}/${step.playbookId}/${step.stepId}` });
  }
  for (const step of steps) {
    if (!RESOLVED_STATES.has(step.state) && step.state !== 'blocked') {
      openItems.push({ kind: 'step', text: `${step.serverName} — ${step.title} (${L.states[step.state]})`, ref: `${step.serverId}/${step.playbookId}/${step.stepId}` });
    }
  }
  for (const clock of clocks) {
    if (['not_started', 'open', 'due_soon', 'overdue'].includes(clock.status)) {
      openItems.push({ kind: 'notification', text: L.open.notification(L.notifications.kind[clock.kind], L.clocks.status[clock.status]), ref: clock.kind, ...(clock.dueAt ? { due: clock.dueAt } : {}) });
    }
  }
  for (const f of found) if (!f.resolution) openItems.push({ kind: 'finding', text: L.open.unresolvedFinding(f.title), ref: f.id });
  if (r.personalData.affected === 'unknown') openItems.push({ kind: 'personal_data', text: L.open.personalDataUnknown });
  for (const item of r.openItems) openItems.push({ kind: 'manual', text: item.owner ? `${item.text} (${item.owner})` : item.text, ref: item.id, ...(item.due ? { due: item.due } : {}) });
  if (!r.signOff) openItems.push({ kind: 'signoff', text: L.open.signOffMissing });

  // ---- hunt coverage --------------------------------------------------------------------------------
  const coverages = ruledOut.map((f) => f.coverage).filter((c) => c !== undefined);
  const from = coverages.map((c) => c.from).filter((v): v is string => !!v).sort()[0];
  const to = coverages.map((c) => c.to).filter((v): v is string => !!v).sort().at(-1);
  const coverageFiles = new Set(coverages.flatMap((c) => c.files));

  // ---- costs ----------------------------------------------------------------------------------------
  const totals = new Map<string, number>();
  for (const c of r.costs) if (c.amount !== undefined) totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.amount);
  const costEntries = r.costs.map((c) => {
    const durationHours = hoursBetween(c.start, c.end);
    return {
      kind: c.kind,
      system: c.system,
      ...(c.start ? { start: c.start } : {}),
      ...(c.end ? { end: c.end } : {}),
      ...(durationHours !== undefined ? { durationHours: round2(durationHours) } : {}),
      ...(c.hours !== undefined ? { hours: c.hours } : {}),
      ...(c.amount !== undefined ? { amount: c.amount } : {}),
      currency: c.currency,
      description: c.description,
      evidenceIds: c.evidenceIds,
    };
  });

  const commandSteps = new Set<string>();
  for (const server of doc.servers) {
    for (const attached of server.playbooks) {
      const pb = usedPlaybooks.get(attached.playbookId);
      for (const step of pb?.steps ?? []) if (step.kind === 'command' || step.commands.length > 0) commandSteps.add(stepKey(server.id, attached.playbookId, step.id));
    }
  }

  // The complete response timeline stays whole in the model (JSON, Markdown); the printed report
  // shows one row per step and this annex: how many entries, their span and their hash.
  const response = doc.timeline.map((t) => ({ at: t.at, by: t.by, kind: t.kind, summary: t.summary }));
  const responseTimes = response.map((t) => t.at).sort();
  const responseTimeline = {
    entries: response.length,
    ...(responseTimes[0] ? { from: responseTimes[0] } : {}),
    ...(responseTimes.at(-1) ? { to: responseTimes.at(-1) } : {}),
    sha256: createHash('sha256').update(canonicalJson(response), 'utf8').digest('hex'),
  };

  const attachedVersions = (serverId: string) => doc.servers.find((s) => s.id === serverId)?.playbooks.map((p) => ({ id: p.playbookId, version: p.version })) ?? [];

  const body: Omit<ReportModel, 'integrity' | 'annexes'> = {
    format: REPORT_FORMAT,
    language,
    cover: {
      caseId: doc.id,
      title: doc.title,
      organisation: doc.organisation,
      contact: { ...doc.contact },
      insurer: r.insurance.insurer,
      policyNumber: r.insurance.policyNumber,
      claimNumber: r.insurance.claimNumber,
      reportVersion: 1, // set below, once the changes are known
      generatedAt: input.generatedAt,
      timeZone: zone,
      authors: r.authors.length > 0 ? [...r.authors] : [doc.operator],
      distribution: r.distribution.map((d) => ({ ...d })),
    },
    keyDates: {
      dates: (['firstActivity', 'discovery', 'containment', 'eradication', 'returnToService'] as const).map((name) => ({ name, ...(r.keyDates[name] ? { at: r.keyDates[name] } : {}) })),
      clocks,
      notifications: r.notifications.map((n) => ({
        kind: n.kind,
        recipient: n.recipient,
        ...(n.at ? { at: n.at } : {}),
        channel: n.channel,
        reference: n.reference,
        office: n.office,
        approvedVendors: [...n.approvedVendors],
        notRequired: n.notRequired,
        reasoning: n.reasoning,
        evidenceIds: [...n.evidenceIds],
      })),
    },
    summary: {
      status: r.narrative.status,
      whatHappened: r.narrative.whatHappened,
      impact: r.narrative.impact,
      personalData: { ...r.personalData, categories: [...r.personalData.categories] },
      counts: {
        stepsResolved: steps.filter((s) => RESOLVED_STATES.has(s.state)).length,
        stepsTotal: steps.length,
        findingsFound: found.length,
        findingsRuledOut: ruledOut.length,
        evidence: activeEvidence.length,
        openItems: openItems.length,
      },
    },
    scope: {
      servers: doc.servers.map((s) => ({
        id: s.id,
        name: s.name,
        product: s.product,
        version: s.version,
        role: r.serverDetails[s.id]?.role ?? '',
        exposure: r.serverDetails[s.id]?.exposure ?? '',
        playbooks: attachedVersions(s.id),
      })),
      limitations: [...r.limitations],
      logWindow: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    },
    rootCause: {
      cves: [...r.rootCause.cves],
      entryPoint: r.rootCause.entryPoint,
      facts: r.rootCause.statements.filter((s) => s.certainty === 'fact').map((s) => ({ text: s.text, evidenceIds: [...s.evidenceIds] })),
      hypotheses: r.rootCause.statements.filter((s) => s.certainty === 'hypothesis').map((s) => ({ text: s.text, evidenceIds: [...s.evidenceIds] })),
    },
    timelines: {
      attacker: [...r.attackerTimeline]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((e) => ({ at: e.at, description: e.description, artefact: e.artefact, ...(e.evidenceId ? { evidenceId: e.evidenceId } : {}), certainty: e.certainty })),
      response,
    },
    actions: {
      steps,
      firewall: r.firewallChanges.map((c) => ({ at: c.at, by: c.by, serverName: serverName(c.serverId), description: c.description, rule: c.rule, evidenceIds: [...c.evidenceIds] })),
      patches: r.patches.map((p) => ({
        at: p.at,
        by: p.by,
        serverName: serverName(p.serverId),
        product: p.product,
        versionBefore: p.versionBefore,
        versionAfter: p.versionAfter,
        update: p.update,
        evidenceIds: [...p.evidenceIds],
      })),
      credentials: r.credentialResets.map((c) => ({ at: c.at, by: c.by, account: c.account, system: c.system, note: c.note, evidenceIds: [...c.evidenceIds] })),
    },
    hunt: {
      found: found.map(findingRow),
      ruledOut: ruledOut.map(findingRow),
      coverage: {
        files: coverageFiles.size,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ruleSetVersions: [...new Set(coverages.map((c) => c.ruleSetVersion).filter(Boolean))].sort(),
        toolVersions: [...new Set(coverages.map((c) => c.toolVersion).filter(Boolean))].sort(),
      },
    },
    evidence: r.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      storedPath: e.storedPath,
      originalPath: e.originalPath,
      sourceHost: e.sourceHost,
      size: e.size,
      sha256: e.sha256,
      collectedBy: e.collectedBy,
      collectedAt: e.collectedAt,
      collectedZone: e.collectedZone,
      collectedAtLocal: formatInZone(e.collectedAt, e.collectedZone),
      ...(e.stepKey ? { stepKey: e.stepKey } : {}),
      ...(e.removed ? { removed: { ...e.removed } } : {}),
    })),
    costs: {
      entries: costEntries,
      totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount: round2(amount) })),
      hours: round2(sum(r.costs.map((c) => c.hours ?? 0))),
      outageHours: round2(sum(costEntries.filter((c) => c.kind === 'outage').map((c) => c.durationHours ?? 0))),
    },
    open: { items: openItems, residualRisk: r.narrative.residualRisk, recommendations: [...r.narrative.recommendations] },
    signOff: r.signOff ? { ...r.signOff } : null,
  };

  // ---- version and change table ---------------------------------------------------------------------
  const digest = digestOf(body);
  const versions = r.reportVersions;
  const last = input.previous ?? versions.at(-1);
  let version: number;
  let previousVersion: number | undefined;
  let changes: { field: string; before: string; after: string }[];
  const lastRecorded = versions.at(-1);
  if (!input.previous && lastRecorded && sameDigest(lastRecorded.digest, digest)) {
    // Nothing a reader cares about changed: this is the same version, printed again.
    version = lastRecorded.version;
    previousVersion = versions.at(-2)?.version;
    changes = lastRecorded.changes;
  } else {
    version = (last?.version ?? 0) + 1;
    previousVersion = last?.version;
    changes = last ? diffDigests(last.digest, digest) : [];
  }
  body.cover.reportVersion = version;

  return seal({
    ...body,
    annexes: {
      toolOutputs: activeEvidence.filter((e) => e.stepKey && commandSteps.has(e.stepKey)).map((e) => ({ evidenceId: e.id, title: e.title, ...(e.stepKey ? { stepKey: e.stepKey } : {}), sha256: e.sha256 })),
      playbooks: [...usedPlaybooks.values()].map((p) => ({ id: p.meta.id, title: p.meta.title, version: p.meta.version, language: p.meta.language, sha256: p.sha256 })),
      missingPlaybooks: [...missingPlaybooks],
      appVersion: input.appVersion,
      ...(previousVersion !== undefined ? { previousVersion } : {}),
      changes,
      versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, reportSha256: v.reportSha256 })),
      responseTimeline,
    },
  });
}

function findingRow(f: CaseRecords['findings'][number]): ReportModel['hunt']['found'][number] {
  return {
    id: f.id,
    status: f.status,
    title: f.title,
    indicator: f.indicator,
    ...(f.ruleId ? { ruleId: f.ruleId } : {}),
    ...(f.playbookId ? { playbookId: f.playbookId } : {}),
    ...(f.stepKey ? { stepKey: f.stepKey } : {}),
    severity: f.severity,
    host: f.where.host,
    file: f.where.file,
    ...(f.where.line !== undefined ? { line: f.where.line } : {}),
    ...(f.where.sha256 ? { sha256: f.where.sha256, sha256Of: f.where.sha256Of ?? 'file' } : {}),
    ...(f.when ? { when: f.when } : {}),
    ...(f.matchedText ? { matchedText: f.matchedText } : {}),
    ...(f.coverage ? { coverage: { ...f.coverage, files: [...f.coverage.files] } } : {}),
    evidenceIds: [...f.evidenceIds],
    certainty: f.certainty,
    recordedBy: f.recordedBy,
    recordedAt: f.recordedAt,
    ...(f.resolution ? { resolution: { ...f.resolution } } : {}),
  };
}

/** The digest to store with a new report version (recordReportVersion). */
export function reportDigest(model: ReportModel): Digest {
  return digestOf(model);
}
