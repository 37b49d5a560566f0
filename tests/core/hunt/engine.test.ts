// The engine as a whole: worker threads (the real bundled worker), progress, cancel within a
// second, symbolic links and unreadable files, and memory that stays flat on a log larger than the
// heap the scan is allowed.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHunt, type HuntProgress } from '../../../core/hunt/index';
import { IIS_HEADER, iisLine, rule, tempDir } from './helpers';

const root = join(import.meta.dirname, '../../..');
const build = tempDir('build-');
const workerScript = join(build.dir, 'hunt-worker.mjs');
const engineBundle = join(build.dir, 'hunt.mjs');
const esbuild = join(root, 'node_modules/.bin/esbuild');
const data = tempDir('engine-');
const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', equals: 'antSword/v2.1' } } });
const ip = rule('ip', { ip: { addresses: ['139.162.202.236', '5.2.69.0/24'] } });
const lit = rule('lit', { content: { literals: ['ExchangeServicesClient/0.0.0.0'], regex: ['/ecp/\\w\\.js'] } });

async function writeLog(file: string, lines: number, plantEvery = 0): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${IIS_HEADER}\n`);
  const batch: string[] = [];
  for (let i = 1; i <= lines; i++) {
    batch.push(plantEvery && i % plantEvery === 0 ? iisLine({ ua: 'antSword/v2.1', ip: '139.162.202.236' }) : iisLine({ ip: `10.1.${i % 250}.${i % 200}`, query: `id=${i}` }));
    if (batch.length === 5000) {
      if (!out.write(`${batch.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch.length = 0;
    }
  }
  out.write(batch.length ? `${batch.join('\n')}\n` : '');
  await new Promise<void>((r) => out.end(() => r()));
}

beforeAll(async () => {
  // the worker and the engine bundled the way the CLI build does it
  for (const [entry, out] of [['core/hunt/worker.ts', workerScript], ['core/hunt/index.ts', engineBundle]]) {
    execFileSync(esbuild, [join(root, entry!), '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node20', `--outfile=${out}`, '--log-level=warning'], { cwd: root });
  }
  mkdirSync(join(data.dir, 'logs'), { recursive: true });
  for (let i = 0; i < 6; i++) await writeLog(join(data.dir, 'logs', `u_ex2103${10 + i}.log`), 20_000, 7_000);
}, 60_000);
afterAll(() => {
  build.cleanup();
  data.cleanup();
});

describe('worker threads', () => {
  it('finds the same things on two workers as in this thread, and reports progress', async () => {
    const progress: HuntProgress[] = [];
    const inThread = await runHunt({ paths: [data.dir], rules: [ua, ip, lit], workers: 0 });
    const pooled = await runHunt({ paths: [data.dir], rules: [ua, ip, lit], workers: 2, workerScript, onProgress: (p) => progress.push(p) });
    expect(pooled.coverage.workers).toBe(2);
    expect(inThread.coverage.workers).toBe(0);
    const key = (r: typeof pooled) => r.findings.map((f) => `${f.ruleId} ${f.file} ${f.line}`);
    expect(key(pooled)).toEqual(key(inThread));
    expect(pooled.findings.filter((f) => f.ruleId === 'ua')).toHaveLength(12);
    expect(pooled.coverage.rules.map((r) => r.status)).toEqual(['hit', 'hit', 'ruled-out']);
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({ filesDone: 6, filesTotal: 6 });
    expect(last.bytesDone).toBe(last.bytesTotal);
  });

  it('stops within a second when cancelled, with workers or without', async () => {
    const big = tempDir('cancel-');
    await writeLog(join(big.dir, 'u_ex1.log'), 600_000);
    await writeLog(join(big.dir, 'u_ex2.log'), 600_000);
    // a rule without a literal makes every line slow to examine
    const slow = rule('slow', { log: { format: 'iis-w3c', where: { not: { field: 'cs-method', regex: '^(GET|POST|HEAD)$' } } } });
    for (const workers of [2, 0]) {
      const controller = new AbortController();
      // Cancel as soon as the scan reports progress, so it is surely mid-file whatever the
      // machine's speed (a fixed delay raced the engine once it got fast); then time the stop.
      let abortedAt = 0;
      const onProgress = (p: { bytesDone: number }): void => {
        if (abortedAt === 0 && p.bytesDone > 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      };
      const result = await runHunt({ paths: [big.dir], rules: [slow], workers, workerScript, signal: controller.signal, onProgress });
      expect(abortedAt, 'the scan reported progress before it ended').toBeGreaterThan(0);
      expect(result.cancelled).toBe(true);
      expect(Date.now() - abortedAt).toBeLessThan(1_000);
      // nothing is ruled out by a hunt that stopped early (a file finished before the cancel may hit)
      expect(['not-covered', 'hit']).toContain(result.coverage.rules[0]!.status);
      expect(result.coverage.rules[0]!.status).not.toBe('ruled-out');
    }
    big.cleanup();
  });
});

describe('inputs the walk meets', () => {
  it('does not follow links out of the chosen folder and reports unreadable files', async () => {
    const d = tempDir('walk-');
    const outside = tempDir('outside-');
    outside.write('secret.log', 'ExchangeServicesClient/0.0.0.0\n');
    d.write('inside.log', 'ExchangeServicesClient/0.0.0.0\n');
    symlinkSync(outside.dir, join(d.dir, 'link-to-outside'));
    symlinkSync(join(outside.dir, 'secret.log'), join(d.dir, 'link.log'));
    const locked = d.write('locked.log', 'ExchangeServicesClient/0.0.0.0\n');
    chmodSync(locked, 0o000);
    const result = await runHunt({ paths: [d.dir, join(d.dir, 'missing')], rules: [lit], workers: 0 });
    const rootUser = process.getuid?.() === 0;
    expect(result.findings.map((f) => f.file.slice(d.dir.length + 1)).sort()).toEqual(rootUser ? ['inside.log', 'locked.log'] : ['inside.log']);
    const reasons = result.coverage.skipped.map((s) => `${s.file.split('/').pop()}: ${s.reason}`);
    expect(reasons).toContain('link-to-outside: is a symbolic link; links are not followed so the hunt stays inside the chosen folders');
    expect(reasons.some((r) => r.startsWith('missing: cannot be read'))).toBe(true);
    if (!rootUser) expect(reasons.some((r) => r.startsWith('locked.log: cannot be opened (permission denied)'))).toBe(true);
    d.cleanup();
    outside.cleanup();
  });
});

describe('bounded memory', () => {
  it('scans a 200 MB log in a process whose heap is capped at 64 MB', async () => {
    const d = tempDir('mem-');
    const file = join(d.dir, 'u_ex_big.log');
    await writeLog(file, 1_500_000, 250_000);
    const script = join(d.dir, 'run.mjs');
    writeFileSync(
      script,
      `import { runHunt } from ${JSON.stringify(engineBundle)};
const rules = ${JSON.stringify([ua, ip, lit])};
const r = await runHunt({ paths: [${JSON.stringify(file)}], rules, workers: 0 });
console.log(JSON.stringify({ findings: r.findings.length, bytes: r.coverage.bytesScanned, lines: r.coverage.files[0].lines, heap: process.memoryUsage().heapUsed, rss: process.resourceUsage().maxRSS }));`,
    );
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--max-old-space-size=64', script], { cwd: root });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
    });
    const report = JSON.parse(output) as { findings: number; bytes: number; lines: number; rss: number };
    expect(report.bytes).toBeGreaterThan(190_000_000);
    expect(report.lines).toBe(1_500_004);
    expect(report.findings).toBe(12); // 6 planted lines, each hit by the ua and ip rules
    expect(report.rss / 1024).toBeLessThan(200); // maxRSS is in KiB: under 200 MiB for a 200 MB file
    d.cleanup();
  }, 120_000);
});
