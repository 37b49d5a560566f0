// The report as Markdown (CommonMark + pipe tables): for pasting into a ticket or e-mail, and for
// diffing two versions as text. Every value is escaped so that case text cannot inject markup.
import { formatDuration, formatInZone } from '../deadlines/time';
import { reportLabels, type ReportLabels } from './i18n';
import type { ReportFindingRow, ReportModel } from './schema';
import { STATE_ORDER, stepsByPhase } from './steps';

/** Escape Markdown punctuation and keep a value on one line (table cells). */
export const escapeMd = (value: unknown): string =>
  String(value ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')
    .replace(/^(\s*)([-=])/, '$1\\$2');

const m = escapeMd;
const code = (value: string) => (value ? `\`${value.replace(/`/g, "'")}\`` : '—');
const utc = (iso?: string) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—');
const block = (text: string) => (text.trim() ? text.split(/\n{2,}/).map((p) => p.split('\n').map(m).join('  \n')).join('\n\n') : '—');

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return [`| ${headers.map(m).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c || '—').join(' | ')} |`)].join('\n') + '\n';
}

const list = (items: string[], empty: string) => (items.length ? items.map((i) => `- ${i}`).join('\n') : `_${m(empty)}_`);

function findings(rows: ReportFindingRow[], L: ReportLabels, ruledOut: boolean): string {
  if (rows.length === 0) return `_${m(L.hunt.none)}_\n`;
  if (ruledOut) {
    return table(
      [L.hunt.rule, L.hunt.where, L.hunt.files, L.hunt.range, L.hunt.ruleSets, L.timelines.certainty],
      rows.map((f) => [
        `**${m(f.title)}** ${code(f.indicator)}`,
        `${m(f.host)} ${f.file ? code(f.file) : ''}`,
        f.coverage ? `${f.coverage.files.length}: ${f.coverage.files.slice(0, 8).map(code).join(', ')}${f.coverage.files.length > 8 ? ', …' : ''}` : '—',
        f.coverage ? `${utc(f.coverage.from)} → ${utc(f.coverage.to)}` : '—',
        f.coverage ? `${m(f.coverage.ruleSetVersion)} / ${m(f.coverage.toolVersion)}` : '—',
        m(L.certainty[f.certainty]),
      ]),
    );
  }
  return table(
    [L.hunt.rule, L.hunt.severity, L.hunt.where, L.hunt.when, L.hunt.matched, L.timelines.certainty, L.hunt.resolution],
    rows.map((f) => [
      `**${m(f.title)}** ${code(f.indicator)}`,
      m(f.severity),
      `${m(f.host)} ${f.file ? code(`${f.file}${f.line ? `:${f.line}` : ''}`) : ''}${f.sha256 ? ` — ${m(f.sha256Of === 'archive' ? L.hunt.archiveHash : L.hunt.fileHash)} ${code(f.sha256)}` : ''}`,
      utc(f.when),
      f.matchedText ? code(f.matchedText) : '—',
      m(L.certainty[f.certainty]),
      f.resolution ? `${m(f.resolution.note)} (${utc(f.resolution.at)})` : m(L.hunt.open),
    ]),
  );
}

export function renderMarkdown(model: ReportModel): string {
  const L = reportLabels[model.language];
  const c = model.cover;
  const zone = c.timeZone;
  const local = (iso?: string) => (iso ? `${utc(iso)} (${formatInZone(iso, zone)})` : '—');
  const o: string[] = [];

  o.push(`# ${m(L.reportTitle)} — ${m(c.organisation)}\n\n${m(c.title)}\n`);
  o.push(
    table(
      ['', ''],
      [
        [m(L.cover.organisation), m(c.organisation)],
        [m(L.cover.contact), m([c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(' · '))],
        [m(L.cover.insurer), m(c.insurer)],
        [m(L.cover.policy), m(c.policyNumber)],
        [m(L.cover.claim), m(c.claimNumber)],
        [m(L.cover.caseId), code(c.caseId)],
        [m(L.cover.version), String(c.reportVersion)],
        [m(L.cover.date), m(local(c.generatedAt))],
        [m(L.cover.authors), m(c.authors.join(', '))],
        [m(L.cover.distribution), m(c.distribution.map((d) => [d.name, d.organisation, d.role].filter(Boolean).join(', ')).join('; '))],
        [m(L.cover.reportHash), code(model.integrity.sha256)],
      ],
    ),
  );

  o.push(`## ${m(L.sections.keyDates)}\n`);
  o.push(table(['', L.timelines.at], model.keyDates.dates.map((d) => [m(L.dates[d.name]), m(local(d.at))])));
  o.push(`### ${m(L.clocks.heading)}\n`);
  o.push(
    table(
      ['', L.clocks.due, L.clocks.done, L.clocks.elapsed, L.summary.status],
      model.keyDates.clocks.map((k) => [m(L.clocks[k.kind]), utc(k.dueAt), k.doneAt ? `${utc(k.doneAt)} ${k.reference ? code(k.reference) : ''}` : '—', k.elapsedMs !== undefined ? formatDuration(k.elapsedMs) : '—', `**${m(L.clocks.status[k.status])}**`]),
    ),
  );
  o.push(`### ${m(L.notifications.heading)}\n`);
  o.push(
    table(
      [L.notifications.recipient, L.notifications.at, L.notifications.channel, L.notifications.reference, L.notifications.office, L.notifications.evidence],
      model.keyDates.notifications.map((n) => [
        `**${m(L.notifications.kind[n.kind])}** ${m(n.recipient)}${n.notRequired ? ` — ${m(L.notifications.notRequired)}: ${m(n.reasoning)}` : ''}${n.approvedVendors.length ? ` — ${m(L.notifications.vendors)}: ${m(n.approvedVendors.join(', '))}` : ''}`,
        m(local(n.at)),
        m(n.channel),
        code(n.reference),
        m(n.office),
        n.evidenceIds.map(code).join(' '),
      ]),
    ) || `_${m(L.actions.none)}_\n`,
  );

  const s = model.summary;
  const pd = s.personalData;
  o.push(`## ${m(L.sections.summary)}\n`);
  o.push(`**${m(L.summary.status)}:** ${m(L.summary.statusValue[s.status])} · **${m(L.summary.progress)}:** ${s.counts.stepsResolved} / ${s.counts.stepsTotal} · **${m(L.summary.found)}:** ${s.counts.findingsFound} · **${m(L.summary.ruledOut)}:** ${s.counts.findingsRuledOut} · **${m(L.summary.evidence)}:** ${s.counts.evidence} · **${m(L.summary.open)}:** ${s.counts.openItems}\n`);
  o.push(`### ${m(L.summary.whatHappened)}\n\n${block(s.whatHappened)}\n\n### ${m(L.summary.impact)}\n\n${block(s.impact)}\n`);
  o.push(`### ${m(L.summary.personalData)}\n\n**${m(L.summary.affected[pd.affected])}**\n`);
  const pdLines = [
    pd.categories.length ? `${m(L.summary.categories)}: ${m(pd.categories.join(', '))}` : '',
    pd.approxPeople !== undefined ? `${m(L.summary.people)}: ${pd.approxPeople}` : '',
    pd.approxRecords !== undefined ? `${m(L.summary.records)}: ${pd.approxRecords}` : '',
    pd.reasoning ? `${m(L.summary.reasoning)}: ${m(pd.reasoning)}` : '',
    pd.consequences ? `${m(L.summary.consequences)}: ${m(pd.consequences)}` : '',
    pd.measures ? `${m(L.summary.measures)}: ${m(pd.measures)}` : '',
  ].filter(Boolean);
  if (pdLines.length) o.push(list(pdLines, '') + '\n');

  o.push(`## ${m(L.sections.scope)}\n`);
  o.push(table([L.scope.name, L.scope.product, L.scope.version, L.scope.role, L.scope.exposure, L.scope.playbooks], model.scope.servers.map((sv) => [m(sv.name), m(sv.product), m(sv.version), m(sv.role), m(sv.exposure), sv.playbooks.map((p) => `${code(p.id)} ${m(p.version)}`).join(', ')])));
  const w = model.scope.logWindow;
  o.push(`**${m(L.scope.logWindow)}:** ${w.from || w.to ? `${utc(w.from)} → ${utc(w.to)}` : m(L.scope.unknownWindow)}\n`);
  o.push(`### ${m(L.scope.limitations)}\n\n${list(model.scope.limitations.map(m), L.scope.noLimitations)}\n`);

  const rc = model.rootCause;
  o.push(`## ${m(L.sections.rootCause)}\n`);
  o.push(`**${m(L.rootCause.cves)}:** ${rc.cves.map(code).join(', ') || '—'}  \n**${m(L.rootCause.entryPoint)}:** ${m(rc.entryPoint) || '—'}\n`);
  o.push(`### ${m(L.rootCause.facts)}\n\n${list(rc.facts.map((f) => `**[${m(L.certainty.fact)}]** ${m(f.text)} ${f.evidenceIds.map(code).join(' ')}`), L.rootCause.none)}\n`);
  o.push(`### ${m(L.rootCause.hypotheses)}\n\n${list(rc.hypotheses.map((f) => `**[${m(L.certainty.hypothesis)}]** ${m(f.text)} ${f.evidenceIds.map(code).join(' ')}`), L.rootCause.none)}\n`);

  o.push(`## ${m(L.sections.timelines)}\n\n### ${m(L.timelines.attacker)}\n`);
  o.push(table([L.timelines.at, L.timelines.event, L.timelines.artefact, L.timelines.certainty], model.timelines.attacker.map((a) => [utc(a.at), m(a.description), `${m(a.artefact)} ${a.evidenceId ? code(a.evidenceId) : ''}`, `**${m(L.certainty[a.certainty])}**`])) || `_${m(L.actions.none)}_\n`);
  // As in the HTML: one row per step here, the complete record of every change in annex 13.
  o.push(`### ${m(L.timelines.responseSteps)}\n\n_${m(L.timelines.fullPointer(model.annexes.responseTimeline.entries))}_\n`);
  o.push(
    table(
      [L.actions.server, L.actions.step, L.actions.state, L.actions.who, L.actions.when, L.timelines.notes, L.actions.evidence],
      model.actions.steps.map((st) => [m(st.serverName), `${m(st.phaseTitle)} › ${m(st.title)}${st.reason ? ` — _${m(st.reason)}_` : ''}`, m(L.states[st.state]), m(st.by ?? ''), utc(st.at), String(st.notes.length), st.evidenceIds.map(code).join(' ')]),
    ),
  );

  const a = model.actions;
  o.push(`## ${m(L.sections.actions)}\n\n### ${m(L.actions.firewall)}\n`);
  o.push(table([L.actions.when, L.actions.who, L.actions.server, L.actions.description, L.actions.rule, L.actions.evidence], a.firewall.map((f) => [utc(f.at), m(f.by), m(f.serverName), m(f.description), code(f.rule), f.evidenceIds.map(code).join(' ')])) || `_${m(L.actions.none)}_\n`);
  o.push(`### ${m(L.actions.patches)}\n`);
  o.push(table([L.actions.when, L.actions.who, L.actions.server, L.actions.before, L.actions.after, L.actions.update, L.actions.evidence], a.patches.map((p) => [utc(p.at), m(p.by), m(p.serverName), m(p.versionBefore), m(p.versionAfter), m(p.update), p.evidenceIds.map(code).join(' ')])) || `_${m(L.actions.none)}_\n`);
  o.push(`### ${m(L.actions.credentials)}\n`);
  o.push(table([L.actions.when, L.actions.who, L.actions.account, L.actions.system, L.actions.evidence], a.credentials.map((x) => [utc(x.at), m(x.by), m(x.account), m(x.system), x.evidenceIds.map(code).join(' ')])) || `_${m(L.actions.none)}_\n`);
  o.push(`### ${m(L.actions.steps)}\n`);
  o.push(table([L.actions.phase, L.actions.total, ...STATE_ORDER.map((st) => L.states[st])], stepsByPhase(a.steps).map((ph) => [m(ph.group), String(ph.total), ...STATE_ORDER.map((st) => String(ph.counts[st] ?? 0))])));
  o.push(`### ${m(L.actions.stepNotes)}\n`);
  const noted = a.steps.filter((st) => st.notes.length > 0);
  o.push(`${list(noted.flatMap((st) => st.notes.map((n) => `**${m(st.serverName)} — ${m(st.title)}** — ${utc(n.at)} ${m(n.by)}: ${m(n.text)}`)), L.actions.noNotes)}\n`);

  const h = model.hunt;
  o.push(`## ${m(L.sections.hunt)}\n`);
  o.push(`**${m(L.hunt.files)}:** ${h.coverage.files} · **${m(L.hunt.range)}:** ${utc(h.coverage.from)} → ${utc(h.coverage.to)} · **${m(L.hunt.ruleSets)}:** ${m(h.coverage.ruleSetVersions.join(', ')) || '—'} · **${m(L.hunt.tools)}:** ${m(h.coverage.toolVersions.join(', ')) || '—'}\n`);
  o.push(`### ${m(L.hunt.found)}\n\n${findings(h.found, L, false)}\n### ${m(L.hunt.ruledOut)}\n\n${findings(h.ruledOut, L, true)}`);

  o.push(`## ${m(L.sections.evidence)}\n`);
  o.push(
    table(
      [L.evidence.item, L.evidence.source, L.evidence.collectedBy, L.evidence.collectedAt, L.evidence.size, L.evidence.sha256],
      model.evidence.map((ev) => [
        `${ev.removed ? '~~' : ''}**${m(ev.title)}**${ev.removed ? '~~' : ''} ${code(ev.storedPath)}${ev.removed ? ` — ${m(L.evidence.removed)} ${utc(ev.removed.at)}: ${m(ev.removed.reason)}` : ''}`,
        `${m(ev.sourceHost)} ${code(ev.originalPath)}`,
        m(ev.collectedBy),
        `${utc(ev.collectedAt)} (${m(ev.collectedAtLocal)})`,
        String(ev.size),
        code(ev.sha256),
      ]),
    ) || `_${m(L.evidence.none)}_\n`,
  );

  const co = model.costs;
  o.push(`## ${m(L.sections.costs)}\n\n_${m(L.costs.note)}_\n`);
  o.push(table([L.costs.type, L.costs.system, L.costs.period, L.costs.hours, L.costs.amount, L.costs.description], co.entries.map((x) => [m(L.costs.kind[x.kind]), m(x.system), x.start || x.end ? `${utc(x.start)} → ${utc(x.end)}` : '—', x.hours !== undefined ? String(x.hours) : '—', x.amount !== undefined ? `${x.amount.toFixed(2)} ${x.currency}` : '—', m(x.description)])) || `_${m(L.costs.none)}_\n`);
  o.push(`**${m(L.costs.totals)}:** ${co.totals.map((t) => `${t.amount.toFixed(2)} ${t.currency}`).join(' · ') || '—'} · **${m(L.costs.hours)}:** ${co.hours} · **${m(L.costs.outageHours)}:** ${co.outageHours}\n`);

  const op = model.open;
  o.push(`## ${m(L.sections.open)}\n\n### ${m(L.open.items)} (${op.items.length})\n\n${list(op.items.map((i) => `**${m(L.open.kind[i.kind])}** — ${m(i.text)}${i.due ? ` · ${m(L.clocks.due)} ${utc(i.due)}` : ''}`), L.open.none)}\n`);
  o.push(`### ${m(L.open.residualRisk)}\n\n${block(op.residualRisk)}\n\n### ${m(L.open.recommendations)}\n\n${list(op.recommendations.map(m), L.actions.none)}\n`);

  o.push(`## ${m(L.sections.signOff)}\n`);
  const so = model.signOff;
  o.push(so ? `**${m(L.signOff.performedBy)}:** ${m(so.performedBy)}  \n**${m(L.signOff.reviewedBy)}:** ${m(so.reviewedBy) || '—'}  \n**${m(L.signOff.signedAt)}:** ${m(local(so.signedAt))}\n\n${block(so.attestation)}\n${so.independence ? `\n${block(so.independence)}\n` : ''}` : `**${m(L.signOff.missing)}**\n`);

  const an = model.annexes;
  o.push(`## ${m(L.sections.annexes)}\n\n### ${m(L.annexes.toolOutputs)}\n`);
  o.push(table([L.evidence.item, L.actions.step, L.evidence.sha256], an.toolOutputs.map((t) => [`${m(t.title)} ${code(t.evidenceId)}`, code(t.stepKey ?? ''), code(t.sha256)])) || `_${m(L.actions.none)}_\n`);
  o.push(`### ${m(L.annexes.playbooks)}\n`);
  o.push(table(['id', L.scope.version, 'SHA-256'], an.playbooks.map((p) => [`${code(p.id)} (${p.language}) ${m(p.title)}`, m(p.version), code(p.sha256)])));
  if (an.missingPlaybooks.length) o.push(`**${m(L.annexes.missing)}:** ${an.missingPlaybooks.map(code).join(', ')}\n`);
  o.push(`**${m(L.annexes.appVersion)}:** ${m(an.appVersion)}\n`);
  o.push(`### ${m(L.annexes.changes)} ${an.previousVersion ?? '—'}\n`);
  o.push(an.previousVersion === undefined ? `_${m(L.annexes.firstVersion)}_\n` : table([L.annexes.field, L.annexes.before, L.annexes.after], an.changes.map((x) => [code(x.field), m(x.before), m(x.after)])) || `_${m(L.annexes.noChanges)}_\n`);
  if (an.versions.length) o.push(`### ${m(L.annexes.versions)}\n\n${table([L.cover.version, L.cover.date, L.cover.authors, 'SHA-256'], an.versions.map((v) => [String(v.version), utc(v.createdAt), m(v.createdBy), code(v.reportSha256)]))}`);
  const rt = an.responseTimeline;
  o.push(`### ${m(L.annexes.fullTimeline)}\n`);
  o.push(
    `**${m(L.annexes.timelineEntries)}:** ${rt.entries}  \n**${m(L.annexes.timelineSpan)}:** ${rt.from ? `${utc(rt.from)} → ${utc(rt.to)}` : '—'}  \n**${m(L.annexes.timelineHash)}:** ${code(rt.sha256)}  \n**${m(L.annexes.timelineWhere)}:** ${m(L.annexes.timelineLocation)}\n\n${m(L.annexes.timelineHashText)}\n`,
  );
  o.push(table([L.timelines.at, L.timelines.by, L.timelines.event], model.timelines.response.map((t) => [utc(t.at), m(t.by), m(t.summary)])) || `_${m(L.actions.none)}_\n`);
  o.push(`### ${m(L.annexes.integrity)}\n\n${m(L.annexes.integrityText)}\n\n${code(model.integrity.sha256)}\n`);
  return o.join('\n');
}
