// Report benchmark (design.md, "Performance budgets"): the report of a case with 2,000 steps and
// 10,000 timeline entries renders to HTML in under 1 s and to PDF in under 5 s (medians), and
// evidence hashing (copy + SHA-256 in one stream) keeps up with sha256sum on the same file.
// Plain lines, for scripts/bench.mjs; exits non-zero when a target is missed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newCaseDocument } from '../core/cases/mutations';
import { stepKey, STEP_STATES, type CaseDocument, type TimelineEntry } from '../core/cases/types';
import { sha256File, storeEvidenceFile } from '../core/evidence/copy';
import { findChromium } from '../core/report/pdf';
import { buildReport, pdfTemplates, printPdf, renderHtml } from '../core/report/index';
import type { Playbook } from '../core/playbooks/types';

const PHASES = 20;
const STEPS_PER_PHASE = 100;
const TIMELINE = 10_000;
const HASH_BYTES = 512 * 1024 * 1024;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const time = async (task: () => unknown) => {
  const start = performance.now();
  await task();
  return performance.now() - start;
};

function largeCase(): { doc: CaseDocument; playbook: Playbook } {
  const phases = Array.from({ length: PHASES }, (_, p) => ({ id: `phase-${p}`, title: `Phase ${p}`, body: '', line: 1, stepIds: Array.from({ length: STEPS_PER_PHASE }, (_, s) => `p${p}-s${s}`) }));
  const steps = phases.flatMap((phase) => phase.stepIds.map((id) => ({ id, title: `Step ${id} with a title of usual length`, phaseId: phase.id, kind: 'action' as const, body: '', commands: [], evidence: 'none' as const, references: [], huntRuleIds: [], line: 1 })));
  const playbook: Playbook = {
    meta: { format: 'firebreak-playbook/1', id: 'bench', title: 'Bench', version: '1.0.0', language: 'en', products: ['X'], cves: [], lastReviewed: '2025-01-01', references: [] },
    phases,
    steps,
    huntRules: [],
    source: 'bundled',
    file: 'bench.md',
    sha256: '0'.repeat(64),
  };
  let n = 0;
  const ctx = { now: '2025-01-10T09:00:00.000Z', newId: () => `id${(n += 1)}` };
  const base = newCaseDocument({ id: 'bench-case', organisation: 'Bench SARL', contact: { name: 'A', email: '', phone: '' }, language: 'en', operator: 'Bench', servers: [{ name: 'SRV', product: 'Cleo', version: '5.8' }] }, ctx);
  const serverId = base.servers[0]?.id as string;
  const records: CaseDocument['steps'] = {};
  steps.forEach((step, i) => {
    records[stepKey(serverId, 'bench', step.id)] = { state: STEP_STATES[i % STEP_STATES.length] as CaseDocument['steps'][string]['state'], ...(i % 6 === 5 ? { reason: 'not relevant here' } : {}), notes: [], updatedAt: ctx.now, updatedBy: 'Bench' };
  });
  const timeline: TimelineEntry[] = Array.from({ length: TIMELINE }, (_, i) => ({ id: `t${i}`, at: new Date(Date.parse(ctx.now) + i * 1000).toISOString(), by: 'Bench', kind: 'step.state', summary: `Step p${i % PHASES}-s${i % STEPS_PER_PHASE} on SRV: to do → done.`, data: {} }));
  const doc: CaseDocument = { ...base, servers: [{ ...base.servers[0]!, playbooks: [{ playbookId: 'bench', version: '1.0.0', attachedAt: ctx.now, attachedBy: 'Bench' }] }], steps: records, timeline };
  return { doc, playbook };
}

const missed: string[] = [];
const { doc, playbook } = largeCase();
const build = () => buildReport({ case: doc, playbooks: [playbook], appVersion: 'bench', generatedAt: new Date().toISOString() });

const htmlRuns: number[] = [];
let html = '';
for (let i = 0; i < 5; i += 1) htmlRuns.push(await time(() => (html = renderHtml(build()))));
const htmlMs = median(htmlRuns);
console.log(`report → HTML, 2,000 steps + 10,000 timeline entries: median ${htmlMs.toFixed(0)} ms (target < 1000 ms), ${(html.length / 1024 / 1024).toFixed(1)} MB`);
if (htmlMs >= 1_000) missed.push('HTML');

const chromium = await findChromium();
if (!chromium) {
  console.log('report → PDF: skipped, no Chromium found (set FIREBREAK_CHROMIUM)');
} else {
  const model = build();
  const pdfRuns: number[] = [];
  let pages = 0;
  for (let i = 0; i < 3; i += 1) {
    pdfRuns.push(
      await time(async () => {
        const pdf = await printPdf(renderHtml(model), { format: 'A4', chromiumPath: chromium, ...pdfTemplates(model) });
        pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      }),
    );
  }
  const pdfMs = median(pdfRuns);
  // The printed report shows one row per step (2,000) and points to the 10,000 entries in its annex.
  console.log(`report → PDF (Chromium, including its start): median ${pdfMs.toFixed(0)} ms (target < 5000 ms), ${pages} pages; runs ${pdfRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  if (pdfMs >= 5_000) missed.push('PDF');
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-report-bench-'));
try {
  const file = path.join(dir, 'evidence.bin');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 1) chunk[i] = (i * 2654435761) >>> 24;
  for (let written = 0; written < HASH_BYTES; written += chunk.length) await handle.write(chunk);
  await handle.close();
  execFileSync('cat', [file], { stdio: 'ignore', maxBuffer: 1 }); // warm the page cache for both
  const hashing: number[] = [];
  const copying: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    hashing.push(await time(() => sha256File(file)));
    theirs.push(await time(() => execFileSync('sha256sum', [file])));
    copying.push(await time(() => storeEvidenceFile(path.join(dir, `case-${i}`), `ev-${i}`, file)));
    await rm(path.join(dir, `case-${i}`), { recursive: true, force: true });
  }
  const mbps = (ms: number) => HASH_BYTES / 1024 / 1024 / (ms / 1000);
  const ratio = median(theirs) / median(hashing);
  console.log(`SHA-256 of 512 MiB (streamed): ${mbps(median(hashing)).toFixed(0)} MiB/s; sha256sum: ${mbps(median(theirs)).toFixed(0)} MiB/s; ratio ${ratio.toFixed(2)} (target ≥ 0.5)`);
  console.log(`adding it as evidence (copy + hash in one stream, fsync, read-only, re-hash from disk): ${mbps(median(copying)).toFixed(0)} MiB/s`);
  if (ratio < 0.5) missed.push('hashing');
} catch (error) {
  console.log(`evidence hashing: could not run (${(error as Error).message})`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (missed.length) {
  console.log(`report bench: missed ${missed.join(', ')}`);
  process.exitCode = 1;
}
