import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReportVersion, setInsurance, addCost } from '../../../core/cases/records-mutations';
import type { CaseDocument } from '../../../core/cases/types';
import { buildReport, reportDigest, renderHtml, renderJson, renderMarkdown, type ReportModel } from '../../../core/report/index';
import { canonicalJson, reportHash, verifyReportIntegrity } from '../../../core/report/integrity';
import { findChromium, printPdf } from '../../../core/report/pdf';
import { pdfTemplates } from '../../../core/report/render-html';
import { parseReportJson, reportJsonSchema } from '../../../core/report/render-json';
import { exampleCase } from './helpers';

const GENERATED_AT = '2024-12-16T11:00:00.000Z';
const SCHEMA_FILE = path.resolve(__dirname, '../../../core/report/report.schema.json');

let fr: Awaited<ReturnType<typeof exampleCase>>;
let en: Awaited<ReturnType<typeof exampleCase>>;
let frModel: ReportModel;
let enModel: ReportModel;

beforeAll(async () => {
  [fr, en] = await Promise.all([exampleCase('fr'), exampleCase('en')]);
  frModel = buildReport({ case: fr.doc, playbooks: fr.playbooks, appVersion: '0.1.0', generatedAt: GENERATED_AT });
  enModel = buildReport({ case: en.doc, playbooks: en.playbooks, appVersion: '0.1.0', generatedAt: GENERATED_AT });
}, 60_000);
afterAll(async () => {
  await rm(fr.dataDir, { recursive: true, force: true });
  await rm(en.dataDir, { recursive: true, force: true });
});

const ctx = (now: string) => ({ now, newId: () => Math.random().toString(16).slice(2, 10) });

describe('the report model of the worked example', () => {
  it('has every section, right, in French', () => {
    const m = frModel;
    expect(m.language).toBe('fr');
    // 1. cover
    expect(m.cover).toMatchObject({ organisation: 'Transports Lefèvre SARL', insurer: 'Mutuelle Exemple Assurances', policyNumber: 'CYB-2023-004512', claimNumber: 'SIN-2024-118734', reportVersion: 1, timeZone: 'Europe/Paris', authors: ['Julien Moreau'] });
    expect(m.cover.distribution).toHaveLength(3);
    // 2. key dates and clocks: police within 72 h of knowledge, CNIL within 72 h
    expect(m.keyDates.dates.find((d) => d.name === 'discovery')?.at).toBe('2024-12-09T08:40:00Z');
    expect(m.keyDates.clocks.map((c) => [c.kind, c.status])).toEqual([['insurer', 'done'], ['police', 'done'], ['dpa', 'done']]);
    expect(m.keyDates.clocks.find((c) => c.kind === 'police')).toMatchObject({ dueAt: '2024-12-12T08:40:00.000Z', reference: 'PV 2024/012345', legal: true });
    expect(m.keyDates.notifications.find((n) => n.kind === 'insurer')?.approvedVendors).toEqual(['Cabinet Forensique Exemple (CFE)']);
    // 3. summary
    expect(m.summary.status).toBe('contained');
    expect(m.summary.personalData).toMatchObject({ affected: 'yes', approxPeople: 1800 });
    expect(m.summary.counts).toMatchObject({ findingsFound: 3, findingsRuledOut: 2, stepsTotal: 43 });
    // 4. scope
    expect(m.scope.servers[0]).toMatchObject({ name: 'SRV-EDI01', product: 'Cleo VLTrader', playbooks: [{ id: 'cleo-cve-2024-50623' }] });
    expect(m.scope.limitations.length).toBeGreaterThan(0);
    expect(m.scope.logWindow).toEqual({ from: '2024-11-14T00:00:00Z', to: '2024-12-09T09:30:00Z' });
    // 5. root cause: facts and hypotheses apart
    expect(m.rootCause.cves).toEqual(['CVE-2024-50623', 'CVE-2024-55956']);
    expect(m.rootCause.facts).toHaveLength(2);
    expect(m.rootCause.hypotheses).toHaveLength(1);
    // 6. timelines
    expect(m.timelines.attacker.map((a) => a.certainty)).toEqual(['fact', 'fact', 'fact', 'fact', 'hypothesis']);
    expect(m.timelines.response.length).toBe(fr.doc.timeline.length);
    // 7. actions
    expect(m.actions.patches[0]).toMatchObject({ versionBefore: '5.8.0.21', versionAfter: '5.8.0.24', serverName: 'SRV-EDI01' });
    expect(m.actions.firewall).toHaveLength(2);
    expect(m.actions.credentials).toHaveLength(3);
    expect(m.actions.steps.find((s) => s.stepId === 'preserve-memory')).toMatchObject({ state: 'skipped', reason: expect.stringContaining('mémoire') });
    // 8. hunt with coverage
    expect(m.hunt.ruledOut.every((f) => f.coverage && f.coverage.files.length > 0)).toBe(true);
    expect(m.hunt.coverage.ruleSetVersions).toEqual(['cleo-cve-2024-50623 1.0.0']);
    // 9. evidence manifest with a SHA-256 for every item
    expect(m.evidence.length).toBe(fr.doc.records.evidence.length);
    expect(m.evidence.every((e) => /^[a-f0-9]{64}$/.test(e.sha256))).toBe(true);
    expect(m.evidence[0]?.collectedAtLocal).toMatch(/UTC\+01:00, Europe\/Paris/);
    // 10. costs: the insured's figures
    expect(m.costs.totals).toEqual([{ currency: 'EUR', amount: 7740 }]);
    expect(m.costs.outageHours).toBe(93.5);
    // 11. open items: the blocked step, the step in progress, the manual item — not hidden
    const kinds = m.open.items.map((i) => i.kind);
    expect(kinds).toContain('blocked');
    expect(kinds).toContain('step');
    expect(kinds).toContain('manual');
    expect(kinds).not.toContain('notification');
    expect(kinds).not.toContain('finding');
    // an open item's due date is printed with it, for whoever has to act on it
    expect(m.open.items.find((i) => i.kind === 'manual')).toMatchObject({ due: '2025-01-10T17:00:00Z' });
    // 12. sign-off
    expect(m.signOff).toMatchObject({ performedBy: 'Julien Moreau', reviewedBy: 'Claire Lefèvre' });
    // 13. annexes
    expect(m.annexes.playbooks[0]).toMatchObject({ id: 'cleo-cve-2024-50623', language: 'fr', sha256: fr.playbooks[0]?.sha256 });
    expect(m.annexes.appVersion).toBe('0.1.0');
    expect(m.annexes.toolOutputs.length).toBeGreaterThan(0);
    expect(m.annexes.changes).toEqual([]);
    expect(m.integrity.sha256).toBe(reportHash(m));
  });

  it('is written in English for an English case, with the same structure', () => {
    expect(enModel.language).toBe('en');
    expect(enModel.summary.counts).toEqual(frModel.summary.counts);
    const html = renderHtml(enModel);
    for (const heading of ['2. Key dates and notifications', '3. Executive summary', '4. Scope', '5. Root cause', '6. Timelines', '7. Actions taken', '8. Hunt results', '9. Evidence manifest', '10. Impact and costs', '11. Open items', '12. Sign-off and attestation', '13. Annexes']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('Police complaint — Code des assurances L12-10-1');
  });

  it('prints every section heading, the clocks and every evidence hash in French HTML and Markdown', () => {
    const html = renderHtml(frModel);
    const md = renderMarkdown(frModel);
    for (const heading of ['2. Dates clés et notifications', '3. Synthèse', '4. Périmètre', '5. Cause', '6. Chronologies', '7. Actions menées', '8. Résultats de la recherche', '9. Registre des preuves', '10. Impact et coûts', '11. Points ouverts', '12. Validation et attestation', '13. Annexes']) {
      expect(html).toContain(heading);
      expect(md).toContain(heading);
    }
    for (const item of frModel.evidence) {
      expect(html).toContain(item.sha256);
      expect(md).toContain(item.sha256);
    }
    expect(html).toContain(frModel.integrity.sha256);
    expect(md).toContain(frModel.integrity.sha256);
    expect(html).toContain('fait dans les délais');
    // open items with their due date (the example's has one: 10 January 2025, 17:00 UTC)
    const open = (text: string) => text.slice(text.indexOf('11. Points ouverts'), text.indexOf('12. Validation et attestation'));
    expect(open(html)).toMatch(/point ouvert<\/strong>[^<]*<span class="muted">· Échéance <span class="nw">2025-01-10 17:00<\/span> UTC<\/span>/);
    expect(open(md)).toContain('· Échéance 2025-01-10 17:00 UTC');
  });

  it('HTML is self-contained and escapes case text', async () => {
    const doc: CaseDocument = setInsurance({ insurer: '<script>alert(1)</script><img src="https://evil.example/x">' })(fr.doc, ctx('2024-12-17T00:00:00.000Z'));
    const html = renderHtml(buildReport({ case: doc, playbooks: fr.playbooks, appVersion: '0.1.0', generatedAt: GENERATED_AT }));
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<(img|link|iframe|object)\b/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('&lt;script&gt;');
    const md = renderMarkdown(buildReport({ case: doc, playbooks: fr.playbooks, appVersion: '0.1.0', generatedAt: GENERATED_AT }));
    expect(md).not.toContain('<script>');
  });
});

describe('the report hash and versions', () => {
  it('is the SHA-256 of the canonical JSON without the integrity field, and any change breaks it', () => {
    const { integrity, ...rest } = frModel;
    const expected = execFileSync('sha256sum', { input: canonicalJson(rest) }).toString().split(' ')[0];
    expect(integrity.sha256).toBe(expected);
    expect(verifyReportIntegrity(frModel).ok).toBe(true);
    const tampered = { ...frModel, cover: { ...frModel.cover, claimNumber: 'SIN-0000' } };
    expect(verifyReportIntegrity(tampered).ok).toBe(false);
    const parsed = parseReportJson(renderJson(frModel));
    expect(parsed.integrity.ok).toBe(true);
    expect(parseReportJson(renderJson(frModel).replace('SIN-2024-118734', 'SIN-2024-999999')).integrity.ok).toBe(false);
  });

  it('keeps the version while nothing changes and shows a table of changes in the next version', () => {
    let doc = recordReportVersion({ version: 1, reportSha256: frModel.integrity.sha256, files: [], digest: reportDigest(frModel), changes: [] })(fr.doc, ctx('2024-12-16T12:00:00.000Z'));
    const again = buildReport({ case: doc, playbooks: fr.playbooks, appVersion: '0.1.0', generatedAt: '2024-12-17T00:00:00.000Z' });
    expect(again.cover.reportVersion).toBe(1);
    doc = addCost({ kind: 'invoice', system: 'Forensics', amount: 1200, description: 'second invoice' })(doc, ctx('2024-12-20T09:00:00.000Z'));
    doc = setInsurance({ claimNumber: 'SIN-2024-118734-B' })(doc, ctx('2024-12-20T09:01:00.000Z'));
    const v2 = buildReport({ case: doc, playbooks: fr.playbooks, appVersion: '0.1.0', generatedAt: '2024-12-20T10:00:00.000Z' });
    expect(v2.cover.reportVersion).toBe(2);
    expect(v2.annexes.previousVersion).toBe(1);
    expect(v2.annexes.changes).toEqual(
      expect.arrayContaining([
        { field: 'case/claimNumber', before: 'SIN-2024-118734', after: 'SIN-2024-118734-B' },
        { field: 'cost/total/EUR', before: '7740.00', after: '8940.00' },
      ]),
    );
    expect(v2.annexes.versions).toHaveLength(1);
    const html = renderHtml(v2);
    expect(html).toContain('Modifications depuis la version 1');
    expect(html).toContain('SIN-2024-118734-B');
  });
});

describe('the JSON output', () => {
  it('validates against the published JSON Schema, which is up to date', async () => {
    const generated = await reportJsonSchema();
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env.UPDATE_REPORT_SCHEMA) await writeFile(SCHEMA_FILE, text);
    expect(await readFile(SCHEMA_FILE, 'utf8'), 'run UPDATE_REPORT_SCHEMA=1 npx vitest run tests/core/report to regenerate').toBe(text);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(text) as object);
    for (const model of [frModel, enModel]) {
      const ok = validate(JSON.parse(renderJson(model)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(validate({ ...JSON.parse(renderJson(frModel)), format: 'other' })).toBe(false);
  });
});

const chromium = await findChromium();
describe.skipIf(!chromium)('the PDF', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-pdf-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const paper of ['A4', 'Letter'] as const) {
    it(`prints on ${paper} with the header, page numbers, key facts and hashes, and renders to images`, async () => {
      const pdf = await printPdf(renderHtml(frModel), { format: paper, ...pdfTemplates(frModel) });
      const file = path.join(dir, `report-${paper}.pdf`);
      await writeFile(file, pdf);
      const info = execFileSync('pdfinfo', [file]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThan(5);
      expect(info).toContain(paper === 'A4' ? '595.92 x 842.88' : '612 x 792');
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain('Transports Lefèvre SARL');
      expect(text).toContain('SIN-2024-118734');
      expect(text).toContain('PV 2024/012345');
      expect(text).toContain('Version du rapport 1');
      expect(text).toContain(`Page 1 sur ${pages}`);
      expect(text).toContain(`Page ${pages} sur ${pages}`);
      expect(text).toContain(frModel.integrity.sha256);
      expect(text).toContain('Échéance 2025-01-10 17:00 UTC');
      // Hashes are broken over lines in narrow table cells; compare without whitespace.
      const flat = text.replace(/\s+/g, '');
      for (const item of frModel.evidence) expect(flat).toContain(item.sha256);
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '3', file, path.join(dir, `page-${paper}`)]);
      expect((await readdir(dir)).filter((f) => f.startsWith(`page-${paper}`) && f.endsWith('.png'))).toHaveLength(3);
    }, 60_000);
  }
});
