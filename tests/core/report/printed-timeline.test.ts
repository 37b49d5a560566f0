// The printed report keeps the response timeline to one row per step (design.md "Reports" §6) and
// points to the complete record of every change, which stays whole in the JSON and Markdown; and
// a finding's file hash is a field of its own that every format prints.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFinding } from '../../../core/cases/records-mutations';
import type { CaseDocument } from '../../../core/cases/types';
import { buildReport, renderHtml, renderJson, renderMarkdown, type ReportModel } from '../../../core/report/index';
import { canonicalJson } from '../../../core/report/integrity';
import { findChromium, printPdf } from '../../../core/report/pdf';
import { escapeHtml, pdfTemplates, PRINTED_TIMELINE_LIMIT } from '../../../core/report/render-html';
import { parseReportJson } from '../../../core/report/render-json';
import { exampleCase } from './helpers';

const GENERATED_AT = '2024-12-16T11:00:00.000Z';
const HASH = 'ab'.repeat(32);
const ARCHIVE_HASH = 'cd'.repeat(32);

let en: Awaited<ReturnType<typeof exampleCase>>;
let small: ReportModel;
let large: ReportModel;
let largeDoc: CaseDocument;
const report = (doc: CaseDocument) => buildReport({ case: doc, playbooks: en.playbooks, appVersion: '0.1.0', generatedAt: GENERATED_AT });
const sha256sum = (text: string) => execFileSync('sha256sum', { input: text }).toString().split(' ')[0];
const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));

beforeAll(async () => {
  en = await exampleCase('en');
  small = report(en.doc);
  // Past the print limit: entries with a summary that can be looked for one by one.
  const extra = Array.from({ length: PRINTED_TIMELINE_LIMIT + 100 }, (_, i) => ({
    id: `bulk-${i}`,
    at: new Date(Date.parse('2024-12-15T00:00:00.000Z') + i * 1000).toISOString(),
    by: 'Bulk',
    kind: 'step.note' as const,
    summary: `bulk entry #${i}`,
    data: {},
  }));
  largeDoc = { ...en.doc, timeline: [...en.doc.timeline, ...extra] };
  large = report(largeDoc);
}, 60_000);
afterAll(() => rm(en.dataDir, { recursive: true, force: true }));

describe('the response timeline in the printed report', () => {
  it('is one row per step in section 6, with state, who, when and the notes count', () => {
    const html = renderHtml(small);
    const section = between(html, '<section id="timelines">', '<section id="actions">');
    const dense = section.slice(section.indexOf('<table class="dense">'));
    const stepRows = dense.match(/<tr><td>/g) ?? [];
    expect(stepRows).toHaveLength(small.actions.steps.length);
    const skipped = small.actions.steps.find((s) => s.state === 'skipped' && s.reason)!;
    expect(section).toContain(escapeHtml(skipped.title));
    expect(section).toContain(`— <em>${escapeHtml(skipped.reason)}</em>`);
    expect(section).toContain('<td class="state-skipped">skipped</td>');
    // Its notes are counted there and written out in section 7.
    const noted = small.actions.steps.find((s) => s.notes.length > 0)!;
    expect(between(html, '<section id="actions">', '<section id="hunt">')).toContain(escapeHtml(noted.notes[0]!.text));
    // The old per-entry table is not in section 6 any more: one entry's summary only shows in the annex.
    const entry = small.timelines.response.at(-1)!;
    expect(section).not.toContain(escapeHtml(entry.summary));
  });

  it('describes the complete timeline in annex 13: count, span and the hash of timelines.response', () => {
    const annex = small.annexes.responseTimeline;
    expect(annex.entries).toBe(en.doc.timeline.length);
    expect(annex.sha256).toBe(sha256sum(canonicalJson(small.timelines.response)));
    expect(annex.from).toBe([...en.doc.timeline.map((t) => t.at)].sort()[0]);
    expect(annex.to).toBe([...en.doc.timeline.map((t) => t.at)].sort().at(-1));
    // A small case prints every entry in the annex too.
    const annexHtml = between(renderHtml(small), '<section id="annexes">', '</body>');
    expect(annexHtml).toContain(annex.sha256);
    for (const entry of small.timelines.response) expect(annexHtml).toContain(escapeHtml(entry.summary));
  });

  it('past the print limit, HTML points to the JSON and Markdown, which keep every entry', () => {
    const entries = largeDoc.timeline.length;
    expect(large.annexes.responseTimeline.entries).toBe(entries);
    const html = renderHtml(large);
    expect(html).not.toContain('bulk entry #0<');
    expect(html).toContain(`(${entries.toLocaleString('en-US')} entries)`);
    expect(html).toContain(large.annexes.responseTimeline.sha256);
    expect(html).toContain('report.json, field timelines.response');
    const md = renderMarkdown(large);
    for (let i = 0; i < PRINTED_TIMELINE_LIMIT + 100; i += 1) expect(md).toContain(`bulk entry \\#${i} |`);
    const { model, integrity } = parseReportJson(renderJson(large));
    expect(integrity.ok).toBe(true);
    expect(model.timelines.response).toHaveLength(entries);
    expect(sha256sum(canonicalJson(model.timelines.response))).toBe(model.annexes.responseTimeline.sha256);
  });
});

describe("a finding's file hash", () => {
  const withHashes = (doc: CaseDocument) => {
    const ctx = { now: '2024-12-16T10:00:00.000Z', newId: () => `f-${Math.random().toString(16).slice(2, 10)}` };
    const found = { status: 'found', title: 'Web shell', indicator: 'D:\\www\\shell.jsp:3', severity: 'critical', certainty: 'fact' } as const;
    let next = recordFinding({ ...found, where: { host: 'SRV', file: 'D:\\www\\shell.jsp', line: 3, sha256: HASH, sha256Of: 'file' } })(doc, ctx);
    next = recordFinding({ ...found, title: 'In an archive', where: { host: 'SRV', file: 'logs.zip!a.log', line: 9, sha256: ARCHIVE_HASH, sha256Of: 'archive' } })(next, ctx);
    return next;
  };

  it('is carried into the report and printed, labelled as the file’s or the archive’s', () => {
    const model = report(withHashes(en.doc));
    expect(model.hunt.found.find((f) => f.title === 'Web shell')).toMatchObject({ sha256: HASH, sha256Of: 'file', indicator: 'D:\\www\\shell.jsp:3', line: 3 });
    expect(model.hunt.found.find((f) => f.title === 'In an archive')).toMatchObject({ sha256: ARCHIVE_HASH, sha256Of: 'archive' });
    const hunt = between(renderHtml(model), '<section id="hunt">', '<section id="evidence">');
    expect(hunt).toContain(`SHA-256 of the file</span> <span class="hash">${HASH}</span>`);
    expect(hunt).toContain(`SHA-256 of the archive</span> <span class="hash">${ARCHIVE_HASH}</span>`);
    const md = renderMarkdown(model);
    expect(md).toContain(`SHA-256 of the file \`${HASH}\``);
    expect(md).toContain(`SHA-256 of the archive \`${ARCHIVE_HASH}\``);
  });

  it('must be a SHA-256', () => {
    const ctx = { now: '2024-12-16T10:00:00.000Z', newId: () => 'f-bad' };
    expect(() => recordFinding({ status: 'found', title: 'x', indicator: 'x', severity: 'low', certainty: 'fact', where: { sha256: 'not-a-hash' } })(en.doc, ctx)).toThrow(/SHA-256 is 64 lower-case hex digits/);
  });
});

const chromium = await findChromium();
describe.skipIf(!chromium)('the PDF of a case past the print limit', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-pdf-timeline-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the annex with the count and hash of the complete timeline, not its entries', async () => {
    const file = path.join(dir, 'large.pdf');
    await writeFile(file, await printPdf(renderHtml(large), { format: 'A4', ...pdfTemplates(large) }));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Complete response timeline');
    expect(text.replace(/\s+/g, '')).toContain(large.annexes.responseTimeline.sha256);
    expect(text).toContain(`${largeDoc.timeline.length.toLocaleString('en-US')} entries`);
    expect(text).not.toContain('bulk entry #');
  }, 60_000);
});
