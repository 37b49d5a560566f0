// The report as one self-contained HTML file: inline stylesheet, no script, no external resource,
// every value escaped. The same HTML is printed to PDF (Chromium's page.pdf in the CLI,
// webContents.printToPDF in the app), with the header and footer templates below.
import { formatDuration, formatInZone } from '../deadlines/time';
import { reportLabels, type ReportLabels } from './i18n';
import type { ReportEvidenceRow, ReportFindingRow, ReportModel } from './schema';
import { STATE_ORDER, stepGroup, stepsByPhase } from './steps';
import { REPORT_CSS } from './style';

export const escapeHtml = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const e = escapeHtml;
const utc = (iso?: string) => (iso ? `<span class="nw">${iso.slice(0, 10)} ${iso.slice(11, 16)}</span>` : '—');
/** The same without its own element, for cells of long tables (the cell does not wrap). */
const plainUtc = (iso?: string) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—');
const utcWithZone = (iso: string | undefined, zone: string) => (iso ? `${utc(iso)} UTC <span class="muted">· ${e(formatInZone(iso, zone))}</span>` : '—');
const paragraphs = (text: string) => (text.trim() ? text.split(/\n{2,}/).map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`).join('') : '<p class="muted">—</p>');

function table(headers: string[], rows: string[][], rowClass?: (i: number) => string): string {
  if (rows.length === 0) return '';
  const head = `<thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((cells, i) => `<tr${rowClass?.(i) ? ` class="${rowClass(i)}"` : ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

const facts = (pairs: [string, string][]) => `<dl class="facts">${pairs.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
const tag = (certainty: 'fact' | 'hypothesis', L: ReportLabels) => `<span class="tag ${certainty}">${e(L.certainty[certainty])}</span>`;
const refs = (ids: string[]) => (ids.length ? ids.map((id) => `<code>${e(id)}</code>`).join(' ') : '—');
const none = (text: string) => `<p class="muted">${e(text)}</p>`;

/** The hash of the file a finding was found in, labelled as the file's or the archive's. */
const fileHash = (f: ReportFindingRow, L: ReportLabels) =>
  f.sha256 ? `<br><span class="muted">${e(f.sha256Of === 'archive' ? L.hunt.archiveHash : L.hunt.fileHash)}</span> <span class="hash">${e(f.sha256)}</span>` : '';

/**
 * A long table printed compactly: fixed column widths (Chromium lays it out without measuring
 * every cell), small type, rows free to break across pages. `widths` are percentages.
 */
function denseTable(headers: string[], widths: number[], rows: string[]): string {
  if (rows.length === 0) return '';
  const cols = widths.map((w) => `<col style="width:${w}%">`).join('');
  return `<table class="dense"><colgroup>${cols}</colgroup><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Tables with more rows than this print only a pointer to where they are complete. */
export const PRINTED_TIMELINE_LIMIT = 500;

function findingsTable(rows: ReportFindingRow[], L: ReportLabels, ruledOut: boolean): string {
  if (rows.length === 0) return none(L.hunt.none);
  return table(
    ruledOut
      ? [L.hunt.rule, L.hunt.where, L.hunt.files, L.hunt.range, L.hunt.ruleSets, L.timelines.certainty]
      : [L.hunt.rule, L.hunt.severity, L.hunt.where, L.hunt.when, L.hunt.matched, L.actions.evidence, L.hunt.resolution],
    rows.map((f) => {
      const title = `<strong>${e(f.title)}</strong><br><code>${e(f.indicator)}</code>${f.ruleId ? `<br><span class="muted">${e(f.playbookId ?? '')}#${e(f.ruleId)}</span>` : ''}`;
      const where = `${e(f.host)}${f.file ? `<br><code>${e(f.file)}${f.line ? `:${f.line}` : ''}</code>` : ''}${fileHash(f, L)}`;
      if (ruledOut) {
        const c = f.coverage;
        return [
          title,
          where,
          c ? `${c.files.length}${c.files.length ? `<br><span class="muted">${c.files.slice(0, 8).map(e).join('<br>')}${c.files.length > 8 ? '<br>…' : ''}</span>` : ''}` : '—',
          c ? `${utc(c.from)} → ${utc(c.to)}` : '—',
          c ? `${e(c.ruleSetVersion)}<br><span class="muted">${e(c.toolVersion)}</span>` : '—',
          tag(f.certainty, L),
        ];
      }
      return [
        `${title} ${tag(f.certainty, L)}`,
        e(f.severity),
        where,
        utc(f.when),
        f.matchedText ? `<code>${e(f.matchedText)}</code>` : '—',
        refs(f.evidenceIds),
        f.resolution ? `${e(f.resolution.note)}<br><span class="muted">${utc(f.resolution.at)} · ${e(f.resolution.by)}</span>` : `<span class="status-overdue">${e(L.hunt.open)}</span>`,
      ];
    }),
  );
}

function evidenceTable(rows: ReportEvidenceRow[], L: ReportLabels): string {
  if (rows.length === 0) return none(L.evidence.none);
  return table(
    [L.evidence.item, L.evidence.source, L.evidence.collectedBy, L.evidence.collectedAt, L.evidence.size, L.evidence.sha256],
    rows.map((ev) => [
      `<strong>${e(ev.title)}</strong><br><code>${e(ev.id)}</code> · <code>${e(ev.storedPath)}</code>${ev.removed ? `<br><span class="status-overdue">${e(L.evidence.removed)} ${utc(ev.removed.at)} · ${e(ev.removed.by)}: ${e(ev.removed.reason)}</span>` : ''}`,
      `${e(ev.sourceHost)}${ev.originalPath ? `<br><code>${e(ev.originalPath)}</code>` : ''}`,
      e(ev.collectedBy),
      `${utc(ev.collectedAt)} UTC<br><span class="muted">${e(ev.collectedAtLocal)}</span>`,
      e(ev.size.toLocaleString('en-US')),
      `<span class="hash">${e(ev.sha256)}</span>`,
    ]),
  );
}

export function renderHtml(model: ReportModel): string {
  const L = reportLabels[model.language];
  const c = model.cover;
  const zone = c.timeZone;
  const s = model.summary;
  const out: string[] = [];

  // 1. Cover
  out.push(`<header class="cover"><h1>${e(L.reportTitle)} — ${e(c.organisation)}</h1><p class="subtitle">${e(c.title)}</p>`);
  out.push(
    facts([
      [L.cover.organisation, e(c.organisation)],
      [L.cover.contact, e([c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(' · ') || '—')],
      [L.cover.insurer, e(c.insurer || '—')],
      [L.cover.policy, e(c.policyNumber || '—')],
      [L.cover.claim, e(c.claimNumber || '—')],
      [L.cover.caseId, `<code>${e(c.caseId)}</code>`],
      [L.cover.version, e(c.reportVersion)],
      [L.cover.date, utcWithZone(c.generatedAt, zone)],
      [L.cover.authors, e(c.authors.join(', '))],
      [L.cover.distribution, c.distribution.length ? c.distribution.map((d) => e([d.name, d.organisation, d.role].filter(Boolean).join(', '))).join('<br>') : '—'],
      [L.cover.reportHash, `<span class="hash">${e(model.integrity.sha256)}</span>`],
    ]),
  );
  out.push('</header>');

  // 2. Key dates and notifications
  out.push(`<section id="key-dates"><h2>${e(L.sections.keyDates)}</h2>`);
  out.push(facts(model.keyDates.dates.map((d) => [L.dates[d.name], utcWithZone(d.at, zone)])));
  out.push(`<h3>${e(L.clocks.heading)}</h3>`);
  out.push(
    table(
      ['', L.clocks.due, L.clocks.done, L.clocks.elapsed, L.summary.status],
      model.keyDates.clocks.map((k) => [
        e(L.clocks[k.kind]),
        utc(k.dueAt) + (k.dueAt ? ' UTC' : ''),
        k.doneAt ? `${utc(k.doneAt)} UTC${k.reference ? `<br><code>${e(k.reference)}</code>` : ''}` : '—',
        k.elapsedMs !== undefined ? e(formatDuration(k.elapsedMs)) : '—',
        `<span class="status-${k.status}">${e(L.clocks.status[k.status])}</span>`,
      ]),
    ),
  );
  out.push(`<h3>${e(L.notifications.heading)}</h3>`);
  out.push(
    model.keyDates.notifications.length === 0
      ? none(L.actions.none)
      : table(
          [L.notifications.recipient, L.notifications.at, L.notifications.channel, L.notifications.reference, L.notifications.office, L.notifications.evidence],
          model.keyDates.notifications.map((n) => [
            `<strong>${e(L.notifications.kind[n.kind])}</strong>${n.recipient ? `<br>${e(n.recipient)}` : ''}${n.notRequired ? `<br><em>${e(L.notifications.notRequired)}:</em> ${e(n.reasoning)}` : ''}${n.approvedVendors.length ? `<br><em>${e(L.notifications.vendors)}:</em> ${e(n.approvedVendors.join(', '))}` : ''}`,
            utcWithZone(n.at, zone),
            e(n.channel || '—'),
            n.reference ? `<code>${e(n.reference)}</code>` : '—',
            e(n.office || '—'),
            refs(n.evidenceIds),
          ]),
        ),
  );
  out.push('</section>');

  // 3. Executive summary
  const pd = s.personalData;
  out.push(`<section id="summary"><h2>${e(L.sections.summary)}</h2>`);
  out.push(
    facts([
      [L.summary.status, `<strong>${e(L.summary.statusValue[s.status])}</strong>`],
      [L.summary.progress, `${s.counts.stepsResolved} / ${s.counts.stepsTotal}`],
      [L.summary.found, e(s.counts.findingsFound)],
      [L.summary.ruledOut, e(s.counts.findingsRuledOut)],
      [L.summary.evidence, e(s.counts.evidence)],
      [L.summary.open, e(s.counts.openItems)],
    ]),
  );
  out.push(`<h3>${e(L.summary.whatHappened)}</h3>${paragraphs(s.whatHappened)}<h3>${e(L.summary.impact)}</h3>${paragraphs(s.impact)}`);
  out.push(`<h3>${e(L.summary.personalData)}</h3><p><strong>${e(L.summary.affected[pd.affected])}</strong></p>`);
  const pdFacts: [string, string][] = [];
  if (pd.categories.length) pdFacts.push([L.summary.categories, e(pd.categories.join(', '))]);
  if (pd.approxPeople !== undefined) pdFacts.push([L.summary.people, e(pd.approxPeople)]);
  if (pd.approxRecords !== undefined) pdFacts.push([L.summary.records, e(pd.approxRecords)]);
  if (pd.reasoning) pdFacts.push([L.summary.reasoning, e(pd.reasoning)]);
  if (pd.consequences) pdFacts.push([L.summary.consequences, e(pd.consequences)]);
  if (pd.measures) pdFacts.push([L.summary.measures, e(pd.measures)]);
  if (pdFacts.length) out.push(facts(pdFacts));
  out.push('</section>');

  // 4. Scope
  out.push(`<section id="scope"><h2>${e(L.sections.scope)}</h2><h3>${e(L.scope.servers)}</h3>`);
  out.push(
    table(
      [L.scope.name, L.scope.product, L.scope.version, L.scope.role, L.scope.exposure, L.scope.playbooks],
      model.scope.servers.map((sv) => [e(sv.name), e(sv.product), e(sv.version), e(sv.role || '—'), e(sv.exposure || '—'), sv.playbooks.map((p) => `<code>${e(p.id)}</code> ${e(p.version)}`).join('<br>') || '—']),
    ),
  );
  const w = model.scope.logWindow;
  out.push(facts([[L.scope.logWindow, w.from || w.to ? `${utc(w.from)} → ${utc(w.to)} UTC` : e(L.scope.unknownWindow)]]));
  out.push(`<h3>${e(L.scope.limitations)}</h3>`);
  out.push(model.scope.limitations.length ? `<ul>${model.scope.limitations.map((l) => `<li>${e(l)}</li>`).join('')}</ul>` : none(L.scope.noLimitations));
  out.push('</section>');

  // 5. Root cause
  const rc = model.rootCause;
  out.push(`<section id="root-cause"><h2>${e(L.sections.rootCause)}</h2>`);
  out.push(facts([[L.rootCause.cves, rc.cves.length ? rc.cves.map((v) => `<code>${e(v)}</code>`).join(', ') : '—'], [L.rootCause.entryPoint, e(rc.entryPoint || '—')]]));
  const statements = (list: { text: string; evidenceIds: string[] }[], certainty: 'fact' | 'hypothesis') =>
    list.length ? `<ul>${list.map((st) => `<li>${tag(certainty, L)} ${e(st.text)}${st.evidenceIds.length ? ` <span class="muted">(${refs(st.evidenceIds)})</span>` : ''}</li>`).join('')}</ul>` : none(L.rootCause.none);
  out.push(`<h3>${e(L.rootCause.facts)}</h3>${statements(rc.facts, 'fact')}<h3>${e(L.rootCause.hypotheses)}</h3>${statements(rc.hypotheses, 'hypothesis')}`);
  out.push('</section>');

  // 6. Timelines
  out.push(`<section id="timelines"><h2>${e(L.sections.timelines)}</h2><h3>${e(L.timelines.attacker)}</h3>`);
  out.push(
    model.timelines.attacker.length
      ? table(
          [L.timelines.at, L.timelines.event, L.timelines.artefact, L.timelines.certainty],
          model.timelines.attacker.map((a) => [utc(a.at), e(a.description), `${e(a.artefact)}${a.evidenceId ? ` <code>${e(a.evidenceId)}</code>` : ''}`, tag(a.certainty, L)]),
        )
      : none(L.actions.none),
  );
  // The response timeline of design.md §6 is one row per step (its last state, who, when): the
  // complete record of every change goes to annex 13 and stays whole in the JSON and Markdown.
  const a = model.actions;
  out.push(`<h3>${e(L.timelines.responseSteps)}</h3>`);
  out.push(`<p class="muted">${e(L.timelines.fullPointer(model.annexes.responseTimeline.entries))}</p>`);
  const stepRows: string[] = [];
  let currentGroup = '';
  for (const step of a.steps) {
    const group = stepGroup(step);
    if (group !== currentGroup) {
      stepRows.push(`<tr class="group"><td colspan="6">${e(group)}</td></tr>`);
      currentGroup = group;
    }
    stepRows.push(
      `<tr><td>${e(step.title)}${step.evidenceRequired ? ` <span class="tag">${e(L.actions.evidenceRequired)}</span>` : ''}${step.reason ? ` — <em>${e(step.reason)}</em>` : ''}</td>` +
        `<td class="state-${step.state}">${e(L.states[step.state])}</td><td>${e(step.by ?? '—')}</td><td class="nw">${plainUtc(step.at)}</td>` +
        `<td>${step.notes.length || ''}</td><td>${refs(step.evidenceIds)}</td></tr>`,
    );
  }
  out.push(denseTable([L.actions.step, L.actions.state, L.actions.who, L.actions.when, L.timelines.notes, L.actions.evidence], [43, 12, 12, 13, 6, 14], stepRows));
  out.push('</section>');

  // 7. Actions
  out.push(`<section id="actions"><h2>${e(L.sections.actions)}</h2>`);
  out.push(`<h3>${e(L.actions.firewall)}</h3>`);
  out.push(a.firewall.length ? table([L.actions.when, L.actions.who, L.actions.server, L.actions.description, L.actions.rule, L.actions.evidence], a.firewall.map((f) => [utc(f.at), e(f.by), e(f.serverName || '—'), e(f.description), f.rule ? `<code>${e(f.rule)}</code>` : '—', refs(f.evidenceIds)])) : none(L.actions.none));
  out.push(`<h3>${e(L.actions.patches)}</h3>`);
  out.push(
    a.patches.length
      ? table([L.actions.when, L.actions.who, L.actions.server, L.actions.before, L.actions.after, L.actions.update, L.actions.evidence], a.patches.map((p) => [utc(p.at), e(p.by), `${e(p.serverName)}${p.product ? `<br><span class="muted">${e(p.product)}</span>` : ''}`, e(p.versionBefore), e(p.versionAfter), e(p.update), refs(p.evidenceIds)]))
      : none(L.actions.none),
  );
  out.push(`<h3>${e(L.actions.credentials)}</h3>`);
  out.push(a.credentials.length ? table([L.actions.when, L.actions.who, L.actions.account, L.actions.system, L.actions.evidence], a.credentials.map((c2) => [utc(c2.at), e(c2.by), `${e(c2.account)}${c2.note ? `<br><span class="muted">${e(c2.note)}</span>` : ''}`, e(c2.system || '—'), refs(c2.evidenceIds)])) : none(L.actions.none));
  out.push(`<h3>${e(L.actions.steps)}</h3>`);
  const phases = stepsByPhase(a.steps);
  out.push(
    table(
      [L.actions.phase, L.actions.total, ...STATE_ORDER.map((st) => L.states[st])],
      phases.map((ph) => [e(ph.group), e(ph.total), ...STATE_ORDER.map((st) => (ph.counts[st] ? e(ph.counts[st]) : '<span class="muted">0</span>'))]),
    ),
  );
  out.push(`<h3>${e(L.actions.stepNotes)}</h3>`);
  const noted = a.steps.filter((st) => st.notes.length > 0);
  out.push(
    noted.length
      ? `<ul class="notes">${noted.map((st) => `<li><strong>${e(st.serverName)} — ${e(st.title)}</strong>${st.notes.map((n) => `<br>${utc(n.at)} ${e(n.by)}: ${e(n.text)}`).join('')}</li>`).join('')}</ul>`
      : none(L.actions.noNotes),
  );
  out.push('</section>');

  // 8. Hunt
  const h = model.hunt;
  out.push(`<section id="hunt"><h2>${e(L.sections.hunt)}</h2>`);
  out.push(
    facts([
      [L.hunt.files, e(h.coverage.files)],
      [L.hunt.range, h.coverage.from || h.coverage.to ? `${utc(h.coverage.from)} → ${utc(h.coverage.to)} UTC` : '—'],
      [L.hunt.ruleSets, e(h.coverage.ruleSetVersions.join(', ') || '—')],
      [L.hunt.tools, e(h.coverage.toolVersions.join(', ') || '—')],
    ]),
  );
  out.push(`<h3>${e(L.hunt.found)}</h3>${findingsTable(h.found, L, false)}<h3>${e(L.hunt.ruledOut)}</h3>${findingsTable(h.ruledOut, L, true)}`);
  out.push('</section>');

  // 9. Evidence manifest
  out.push(`<section id="evidence"><h2>${e(L.sections.evidence)}</h2>${evidenceTable(model.evidence, L)}</section>`);

  // 10. Costs
  const co = model.costs;
  out.push(`<section id="costs"><h2>${e(L.sections.costs)}</h2><p><em>${e(L.costs.note)}</em></p>`);
  out.push(
    co.entries.length
      ? table(
          [L.costs.type, L.costs.system, L.costs.period, L.costs.hours, L.costs.amount, L.costs.description],
          co.entries.map((x) => [
            e(L.costs.kind[x.kind]),
            e(x.system || '—'),
            x.start || x.end ? `${utc(x.start)} → ${utc(x.end)}${x.durationHours !== undefined ? `<br><span class="muted">${x.durationHours} h</span>` : ''}` : '—',
            x.hours !== undefined ? e(x.hours) : '—',
            x.amount !== undefined ? `${e(x.amount.toFixed(2))} ${e(x.currency)}` : '—',
            e(x.description),
          ]),
        )
      : none(L.costs.none),
  );
  out.push(facts([[L.costs.totals, co.totals.map((t) => `${e(t.amount.toFixed(2))} ${e(t.currency)}`).join(' · ') || '—'], [L.costs.hours, e(co.hours)], [L.costs.outageHours, e(co.outageHours)]]));
  out.push('</section>');

  // 11. Open items
  const o = model.open;
  out.push(`<section id="open"><h2>${e(L.sections.open)}</h2><h3>${e(L.open.items)} (${o.items.length})</h3>`);
  out.push(o.items.length ? `<ul>${o.items.map((i) => `<li><strong>${e(L.open.kind[i.kind])}</strong> — ${e(i.text)}${i.due ? ` <span class="muted">· ${e(L.clocks.due)} ${utc(i.due)} UTC</span>` : ''}</li>`).join('')}</ul>` : none(L.open.none));
  out.push(`<h3>${e(L.open.residualRisk)}</h3>${paragraphs(o.residualRisk)}`);
  out.push(`<h3>${e(L.open.recommendations)}</h3>${o.recommendations.length ? `<ul>${o.recommendations.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : none(L.actions.none)}`);
  out.push('</section>');

  // 12. Sign-off
  out.push(`<section id="sign-off"><h2>${e(L.sections.signOff)}</h2>`);
  const so = model.signOff;
  out.push(
    so
      ? `${facts([
          [L.signOff.performedBy, e(so.performedBy)],
          [L.signOff.reviewedBy, e(so.reviewedBy || '—')],
          [L.signOff.signedAt, utcWithZone(so.signedAt, zone)],
        ])}<h3>${e(L.signOff.attestation)}</h3>${paragraphs(so.attestation)}${so.independence ? `<h3>${e(L.signOff.independence)}</h3>${paragraphs(so.independence)}` : ''}`
      : `<p class="status-overdue">${e(L.signOff.missing)}</p>`,
  );
  out.push('</section>');

  // 13. Annexes
  const an = model.annexes;
  out.push(`<section id="annexes"><h2>${e(L.sections.annexes)}</h2>`);
  out.push(`<h3>${e(L.annexes.toolOutputs)}</h3>`);
  out.push(an.toolOutputs.length ? table([L.evidence.item, L.actions.step, L.evidence.sha256], an.toolOutputs.map((t) => [`${e(t.title)}<br><code>${e(t.evidenceId)}</code>`, `<code>${e(t.stepKey ?? '')}</code>`, `<span class="hash">${e(t.sha256)}</span>`])) : none(L.actions.none));
  out.push(`<h3>${e(L.annexes.playbooks)}</h3>`);
  out.push(table(['id', L.scope.version, 'SHA-256'], an.playbooks.map((p) => [`<code>${e(p.id)}</code> (${e(p.language)})<br>${e(p.title)}`, e(p.version), `<span class="hash">${e(p.sha256)}</span>`])));
  if (an.missingPlaybooks.length) out.push(facts([[L.annexes.missing, an.missingPlaybooks.map((m) => `<code>${e(m)}</code>`).join(', ')]]));
  out.push(facts([[L.annexes.appVersion, e(an.appVersion)]]));
  out.push(`<h3>${e(L.annexes.changes)} ${an.previousVersion ?? '—'}</h3>`);
  out.push(an.previousVersion === undefined ? none(L.annexes.firstVersion) : an.changes.length ? table([L.annexes.field, L.annexes.before, L.annexes.after], an.changes.map((x) => [`<code>${e(x.field)}</code>`, e(x.before || '—'), e(x.after || '—')])) : none(L.annexes.noChanges));
  if (an.versions.length) {
    out.push(`<h3>${e(L.annexes.versions)}</h3>`);
    out.push(table([L.cover.version, L.cover.date, L.cover.authors, 'SHA-256'], an.versions.map((v) => [e(v.version), `${utc(v.createdAt)} UTC`, e(v.createdBy), `<span class="hash">${e(v.reportSha256)}</span>`])));
  }
  const rt = an.responseTimeline;
  out.push(`<h3>${e(L.annexes.fullTimeline)}</h3>`);
  out.push(
    facts([
      [L.annexes.timelineEntries, e(rt.entries.toLocaleString(model.language === 'fr' ? 'fr-FR' : 'en-US'))],
      [L.annexes.timelineSpan, rt.from ? `${utc(rt.from)} → ${utc(rt.to)}` : '—'],
      [L.annexes.timelineHash, `<span class="hash">${e(rt.sha256)}</span>`],
      [L.annexes.timelineWhere, e(L.annexes.timelineLocation)],
    ]),
  );
  const printAll = model.timelines.response.length <= PRINTED_TIMELINE_LIMIT;
  out.push(`<p class="muted">${e(L.annexes.timelineHashText)} ${e(printAll ? L.annexes.timelinePrinted : L.annexes.timelineNotPrinted)}</p>`);
  if (printAll) {
    out.push(denseTable([L.timelines.at, L.timelines.by, L.timelines.event], [14, 16, 70], model.timelines.response.map((t) => `<tr><td class="nw">${plainUtc(t.at)}</td><td>${e(t.by)}</td><td>${e(t.summary)}</td></tr>`)));
  }
  out.push(`<h3>${e(L.annexes.integrity)}</h3><div class="integrity"><p>${e(L.annexes.integrityText)}</p><p><span class="hash">${e(model.integrity.sha256)}</span></p></div>`);
  out.push('</section>');

  return `<!DOCTYPE html>
<html lang="${model.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="firebreak-report-sha256" content="${e(model.integrity.sha256)}">
<title>${e(L.reportTitle)} — ${e(c.organisation)} — v${c.reportVersion}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${out.join('\n')}
</body>
</html>
`;
}

/** Chromium's header and footer for the PDF: case and report version on top, page x of y below. */
export function pdfTemplates(model: ReportModel): { headerTemplate: string; footerTemplate: string } {
  const L = reportLabels[model.language];
  const style = 'font-family: Arial, sans-serif; font-size: 7.5pt; color: #59636e; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;';
  return {
    headerTemplate: `<div style="${style}"><span>${e(model.cover.organisation)} — ${e(model.cover.title)}</span><span>${e(L.cover.version)} ${model.cover.reportVersion} · ${e(model.cover.caseId.slice(0, 8))}</span></div>`,
    footerTemplate: `<div style="${style}"><span>SHA-256 ${e(model.integrity.sha256.slice(0, 16))}…</span><span>${e(L.page)} <span class="pageNumber"></span> ${e(L.of)} <span class="totalPages"></span></span></div>`,
  };
}
