// Store benchmark (design.md, "Performance budgets"): a step change on a case with 2,000 step
// records and 10,000 timeline entries must be on disk within 50 ms (median). Also prints the time to
// open such a case (read + migrate + validate). Plain lines, for scripts/bench.mjs.
// Run: npx --no -- esbuild bench/store-bench.ts --bundle --platform=node --format=esm --packages=external \
//        --outfile=out/bench/store-bench.mjs && node out/bench/store-bench.mjs
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCaseStore } from '../core/cases/store';
import { stepKey, type StepRecord, type TimelineEntry } from '../core/cases/types';

const STEPS = 2_000;
const TIMELINE = 10_000;
const CHANGES = 200;
const TARGET_MS = 50;
const OPEN_RUNS = 5;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-bench-'));
  try {
    const store = createCaseStore({ dataDir, log: () => undefined });
    const { doc } = await store.create({
      organisation: 'Bench SARL',
      title: 'Large case',
      contact: { name: 'Bench', email: 'bench@example.test', phone: '' },
      language: 'en',
      operator: 'Bench Operator',
      servers: Array.from({ length: 4 }, (_, i) => ({ name: `SRV-0${i}`, product: 'Cleo Harmony', version: '5.8.0.21' })),
    });
    const servers = doc.servers.map((s) => s.id);
    for (const serverId of servers) await store.attachPlaybook(doc.id, serverId, { id: 'cleo', version: '1.0.0', title: 'Cleo' });

    // Fill the case in one write: 2,000 records, 10,000 realistic timeline entries.
    await store.mutate(doc.id, (current, ctx) => {
      const steps: Record<string, StepRecord> = {};
      const timeline: TimelineEntry[] = [...current.timeline];
      for (let i = 0; i < STEPS; i += 1) {
        steps[stepKey(servers[i % servers.length]!, 'cleo', `step-${i}`)] = { state: i % 3 === 0 ? 'done' : 'in_progress', notes: [], updatedAt: ctx.now, updatedBy: 'Bench Operator' };
      }
      while (timeline.length < TIMELINE) {
        const i = timeline.length;
        const key = stepKey(servers[i % servers.length]!, 'cleo', `step-${i % STEPS}`);
        timeline.push({
          id: `${i.toString(16).padStart(12, '0')}`,
          at: ctx.now,
          by: 'Bench Operator',
          kind: 'step.state',
          summary: `Step “Check the installed version of the file transfer service” on “SRV-0${i % 4}”: in progress → done.`,
          data: { stepKey: key, from: 'in_progress', to: 'done' },
        });
      }
      return { ...current, steps, timeline };
    });
    const file = path.join(dataDir, 'cases', doc.id, 'case.json');
    const size = (await stat(file)).size;

    // Step changes: time from the call to the acknowledgement (data fsynced and renamed into place).
    const timings: number[] = [];
    for (let i = 0; i < CHANGES; i += 1) {
      const started = performance.now();
      await store.setStepState(doc.id, { serverId: servers[i % servers.length]!, playbookId: 'cleo', stepId: `step-${(i * 7) % STEPS}` }, i % 2 ? 'done' : 'blocked');
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const median = percentile(timings, 50);
    const p99 = percentile(timings, 99);

    // Opening: a fresh store each time, so nothing is cached.
    const openTimes: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i += 1) {
      const fresh = createCaseStore({ dataDir, log: () => undefined });
      const started = performance.now();
      await fresh.open(doc.id);
      openTimes.push(performance.now() - started);
    }
    openTimes.sort((a, b) => a - b);

    // The same case in the pre-release format 0, so the migration runs too.
    const opened = await store.open(doc.id);
    const { status: _status, contact: _contact, ...v0 } = { ...opened.doc, schemaVersion: 0 };
    const v0Id = '00000000-0000-4000-8000-000000000000';
    await mkdir(path.join(dataDir, 'cases', v0Id), { recursive: true });
    await writeFile(path.join(dataDir, 'cases', v0Id, 'case.json'), JSON.stringify({ ...v0, id: v0Id }));
    const migrateTimes: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i += 1) {
      const fresh = createCaseStore({ dataDir, log: () => undefined });
      const started = performance.now();
      await fresh.open(v0Id);
      migrateTimes.push(performance.now() - started);
    }
    migrateTimes.sort((a, b) => a - b);

    // Where the time goes: turning the case into JSON; the rest of a change is the atomic write.
    const stringifyTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      JSON.stringify(opened.doc);
      stringifyTimes.push(performance.now() - started);
    }
    stringifyTimes.sort((a, b) => a - b);

    const verdict = median <= TARGET_MS ? 'OK' : 'OVER TARGET';
    console.log(`store: case of ${STEPS} steps and ${TIMELINE} timeline entries, ${(size / 1024 / 1024).toFixed(2)} MB on disk`);
    console.log(`store: step change on disk (${CHANGES} changes): median ${ms(median)}, p99 ${ms(p99)}, max ${ms(timings.at(-1)!)}; target median ${TARGET_MS} ms: ${verdict}`);
    console.log(`store: open case (read + validate), median of ${OPEN_RUNS}: ${ms(percentile(openTimes, 50))}`);
    console.log(`store: open case in format 0 (read + migrate + validate), median of ${OPEN_RUNS}: ${ms(percentile(migrateTimes, 50))}`);
    console.log(`store: of which JSON.stringify: median ${ms(percentile(stringifyTimes, 50))}; the rest is the atomic write (temp file, fsync, backup link, rename, folder fsync)`);
    if (median > TARGET_MS) process.exitCode = 1;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
