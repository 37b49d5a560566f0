// Kill a writing process at random moments (SIGKILL: no cleanup, no flush) and check that the case
// always opens and holds every change that was acknowledged before the kill.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseStore } from '../../core/cases/store';
import { stepKey, type StepRecord } from '../../core/cases/types';
import { sampleCaseInput, tempDataDir } from '../core/cases/helpers';
import { stateForIndex } from './states';

const KILLS = 32;
let dir: string;
let cleanup: () => Promise<void>;
let writer: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDataDir());
  writer = path.join(dir, 'writer.mjs');
  await build({
    entryPoints: [path.resolve(__dirname, 'writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'warning',
  });
});
afterAll(() => cleanup());

interface Run {
  acked: number[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Start the writer, wait until it is writing, then SIGKILL it after `delayMs`. */
function runAndKill(args: string[], delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), delayMs);
        const match = /^ACK (\d+)$/.exec(line);
        if (match) acked.push(Number(match[1]));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ acked, stderr, code, signal }));
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged change across ${KILLS} kills at random moments`, { timeout: 90_000 }, async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const serverId = doc.servers[0]!.id;
    await store.attachPlaybook(doc.id, serverId, { id: 'crash', version: '1.0.0', title: 'Crash' });
    // Give the case some weight (a few hundred kB) so that kills often land in the middle of a write.
    await store.mutate(doc.id, (current, ctx) => {
      const steps: Record<string, StepRecord> = { ...current.steps };
      for (let i = 0; i < 1_500; i += 1) steps[stepKey(serverId, 'crash', `filler-${i}`)] = { state: 'done', notes: [], updatedAt: ctx.now, updatedBy: 'Setup' };
      return { ...current, steps };
    });

    const expected = new Map<number, string>();
    let next = 0;
    let totalAcked = 0;
    for (let round = 0; round < KILLS; round += 1) {
      const delay = 20 + Math.floor(Math.random() * 180);
      const run = await runAndKill([dir, doc.id, serverId, String(next)], delay);
      expect(run.stderr).toBe('');
      expect(run.signal).toBe('SIGKILL');
      for (const n of run.acked) expected.set(n, stateForIndex(n));
      totalAcked += run.acked.length;
      // The unacknowledged change in flight may or may not have landed; start after it either way.
      next = (run.acked.at(-1) ?? next - 1) + 2;

      const fresh = createCaseStore({ dataDir: dir, log: () => undefined });
      const opened = await fresh.open(doc.id);
      expect(opened.problem, `round ${round}: the case must open normally`).toBeUndefined();
      expect(opened.readOnly).toBe(false);
      for (const [n, state] of expected) {
        expect(opened.doc.steps[stepKey(serverId, 'crash', `step-${n}`)]?.state, `round ${round}: change ${n} was acknowledged`).toBe(state);
      }
    }
    expect(totalAcked).toBeGreaterThan(KILLS); // the writer really was writing when killed

    // A kill mid-write can leave a temp file; it is never read, and case.json and its backup are intact.
    const files = await readdir(path.join(dir, 'cases', doc.id));
    expect(files.filter((f) => !f.includes('.tmp-')).sort()).toEqual(['case.json', 'case.json.bak']);
  });
});
