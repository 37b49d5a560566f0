// The hunt engine: runs playbook hunt rules over copied files and folders, streaming, on every core,
// and says what it found and what it ruled out. Pure Node: used by the CLI and the main process.
//
// Threads: files are handed one at a time to a pool of worker threads running the separately
// bundled worker (hunt-worker.mjs or hunt-worker.js next to the bundle that contains this module, or
// `workerScript`). Without it (tests run from source, for instance) the scan runs in this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileRules } from './compile';
import { newTally, type RuleTally } from './scanner';
import type { FileTask } from './sources';
import { createTaskRunner, type TaskResult } from './task';
import { judgeVersion } from './version';
import { walkPaths } from './walk';
import {
  DEFAULT_LIMITS,
  type Coverage,
  type Finding,
  type HuntLimits,
  type HuntOptions,
  type HuntProgress,
  type HuntResult,
  type RuleCoverage,
  type RuleInput,
} from './types';

export * from './types';
export { compareVersions } from './version';
export { displayPath } from './text';

const WORKER_NAMES = ['hunt-worker.mjs', 'hunt-worker.js'];

/** The worker bundle next to this module, if the build emitted one. */
export function defaultWorkerScript(): string | undefined {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const name of WORKER_NAMES) if (existsSync(join(here, name))) return join(here, name);
  } catch {
    // not loaded from a file: no worker bundle to find
  }
  return undefined;
}

export async function runHunt(options: HuntOptions): Promise<HuntResult> {
  const startedAt = new Date().toISOString();
  const limits: HuntLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const { signal } = options;
  const script = options.workerScript ?? defaultWorkerScript();
  const wanted = options.workers ?? availableParallelism();

  // Workers take a while to start (a thread, a module): start them now, while the rules are still
  // being read and the folders walked, and give them the rules when both are done.
  const prestarted = script && wanted > 0 && !signal?.aborted ? Array.from({ length: wanted }, () => prestart(script)) : [];
  let rules: RuleInput[];
  let walk: Awaited<ReturnType<typeof walkPaths>>;
  try {
    [rules, walk] = await Promise.all([options.rules, walkPaths(options.paths, signal)]);
  } catch (error) {
    for (const p of prestarted) void p.worker.terminate();
    throw error;
  }
  const compiled = compileRules(rules);

  // largest first, so two workers finish together instead of one waiting on a big file at the end
  const tasks = [...walk.files].sort((a, b) => b.size - a.size);
  const bytesTotal = tasks.reduce((n, t) => n + t.size, 0);

  const findings: Finding[] = [];
  const files: Coverage['files'] = [];
  const skipped = [...walk.skipped];
  const warnings: string[] = [];
  const tally = newTally(rules.length);
  let filesDone = 0;
  let bytesDone = 0;
  let lastReport = 0;
  const t0 = Date.now();
  const report = (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    const seconds = (now - t0) / 1000;
    const rate = seconds > 0 ? bytesDone / seconds : 0;
    const progress: HuntProgress = { filesDone, filesTotal: tasks.length, bytesDone, bytesTotal, rate };
    if (rate > 0) progress.etaSeconds = Math.max(0, (bytesTotal - bytesDone) / rate);
    options.onProgress(progress);
  };
  const merge = (r: TaskResult) => {
    findings.push(...r.findings);
    files.push(...r.files);
    skipped.push(...r.skipped);
    warnings.push(...r.warnings);
    addTally(tally, r.tally);
  };

  const workerCount = script && wanted > 0 ? Math.min(wanted, Math.max(1, tasks.length)) : 0;
  let cancelled = signal?.aborted ?? false;
  // more workers than files (or a cancelled hunt): the spare ones stop now
  const usable = cancelled || tasks.length === 0 ? 0 : workerCount;
  for (const p of prestarted.splice(usable)) void p.worker.terminate();

  if (!cancelled && tasks.length > 0) {
    if (workerCount > 0) {
      cancelled = await runInWorkers(script!, workerCount, tasks, rules, limits, signal, prestarted, {
        onBytes: (n) => {
          bytesDone += n;
          report();
        },
        onDone: (r) => {
          filesDone++;
          merge(r);
          report();
        },
        onFailed: (task, message) => {
          filesDone++;
          skipped.push({ file: task.display, reason: `could not be scanned (${message})` });
        },
      });
    } else {
      const runner = createTaskRunner(rules, limits);
      for (const task of tasks) {
        if (signal?.aborted) break;
        try {
          const r = await runner.run(task, (n) => ((bytesDone += n), report()), () => signal?.aborted ?? false);
          filesDone++;
          merge(r);
          report();
        } catch (error) {
          if ((error as Error).name === 'HuntCancelled') break;
          filesDone++;
          skipped.push({ file: task.display, reason: `could not be scanned (${(error as Error).message})` });
        }
      }
      cancelled = signal?.aborted ?? false;
    }
  }
  report(true);

  // Keep at most maxFindingsPerRule per rule across all workers.
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const keptPerRule = new Map<string, number>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const key = `${f.playbookId}\u0000${f.ruleId}`;
    const n = (keptPerRule.get(key) ?? 0) + 1;
    keptPerRule.set(key, n);
    if (n <= limits.maxFindingsPerRule) kept.push(f);
  }

  const ruleCoverage: RuleCoverage[] = rules.map((input, index) => {
    const { rule } = input;
    const kind = Object.keys(rule.match)[0] as RuleCoverage['kind'];
    const base = { playbookId: input.playbookId, playbookVersion: input.playbookVersion, ruleId: rule.id, severity: rule.severity, kind };
    const brokenReason = compiled.broken.get(index);
    if (brokenReason) return { ...base, status: 'not-evaluated', hits: 0, hitsNotKept: 0, filesExamined: 0, note: `The rule could not be used: ${brokenReason}.` };
    if ('version' in rule.match) {
      const v = rule.match.version;
      const installed = Object.entries(options.versions ?? {}).find(([product]) => product.toLowerCase() === v.product.toLowerCase())?.[1];
      if (installed === undefined) return { ...base, status: 'not-evaluated', hits: 0, hitsNotKept: 0, filesExamined: 0, note: `No installed version was given for ${v.product}.` };
      const verdict = judgeVersion(installed, v);
      if (verdict.kind === 'vulnerable') {
        kept.push({
          playbookId: input.playbookId,
          playbookVersion: input.playbookVersion,
          ruleId: rule.id,
          ruleTitle: rule.title,
          severity: rule.severity,
          file: '',
          line: 0,
          match: `${v.product} ${installed} is older than ${v.fixedIn}`,
          explanation: rule.explanation,
        });
        return { ...base, status: 'hit', hits: 1, hitsNotKept: 0, filesExamined: 0 };
      }
      const why = verdict.kind === 'fixed' ? `${installed} is ${v.fixedIn} or later` : verdict.kind === 'other-branch' ? `${installed} is not on the ${v.branch} branch` : `${installed} is older than ${v.introducedIn}, where the flaw appeared`;
      return { ...base, status: 'ruled-out', hits: 0, hitsNotKept: 0, filesExamined: 0, note: `${v.product} ${why}.` };
    }
    const hits = tally.hits[index]!;
    const examined = tally.examined[index]!;
    const hitsNotKept = Math.max(0, hits - Math.min(hits, limits.maxFindingsPerRule));
    const notes: string[] = [];
    if (tally.hashSkipped[index]) notes.push(`${tally.hashSkipped[index]} file(s) larger than the hash limit were not hashed.`);
    let status: RuleCoverage['status'];
    if (hits > 0) status = 'hit';
    else if (cancelled) {
      status = 'not-covered';
      notes.push('The hunt was cancelled before every file was examined.');
    } else if (examined === 0) {
      status = 'not-covered';
      notes.push('log' in rule.match ? `No file in the ${rule.match.log.format} format was found.` : 'No file this rule applies to was found.');
    } else status = 'ruled-out';
    const out: RuleCoverage = { ...base, status, hits, hitsNotKept, filesExamined: examined };
    if (notes.length) out.note = notes.join(' ');
    return out;
  });

  files.sort((a, b) => (a.file < b.file ? -1 : 1));
  const times = files.flatMap((f) => (f.firstEntry && !f.localTime ? [f.firstEntry, f.lastEntry!] : [])).sort();
  const playbooks = new Map<string, string>();
  for (const r of rules) playbooks.set(r.playbookId, r.playbookVersion);
  const coverage: Coverage = {
    startedAt,
    finishedAt: new Date().toISOString(),
    paths: options.paths,
    files,
    skipped,
    warnings,
    rules: ruleCoverage,
    ruleSet: { playbooks: [...playbooks].map(([id, version]) => ({ id, version })), ruleCount: rules.length },
    bytesScanned: files.reduce((n, f) => n + f.bytes, 0),
    workers: workerCount,
  };
  if (times.length) {
    coverage.firstEntry = times[0];
    coverage.lastEntry = times[times.length - 1];
  }
  return { findings: kept, coverage, cancelled };
}

function addTally(into: RuleTally, from: RuleTally): void {
  for (let i = 0; i < into.hits.length; i++) {
    into.hits[i]! += from.hits[i] ?? 0;
    into.notKept[i]! += from.notKept[i] ?? 0;
    into.examined[i]! += from.examined[i] ?? 0;
    into.hashSkipped[i]! += from.hashSkipped[i] ?? 0;
  }
}

interface PoolHooks {
  onBytes(n: number): void;
  onDone(result: TaskResult): void;
  onFailed(task: FileTask, message: string): void;
}

interface Prestarted {
  worker: Worker;
  /** Set when the worker failed before it was given work (its script did not load, for instance). */
  failed?: Error;
  /** Removes the waiting-time error handler once the pool has attached its own. */
  adopt(): void;
}

function prestart(script: string): Prestarted {
  const worker = new Worker(script);
  const p: Prestarted = { worker, adopt: () => worker.off('error', onEarlyError) };
  const onEarlyError = (error: Error) => (p.failed = error);
  worker.on('error', onEarlyError);
  return p;
}

/** Runs the tasks on worker threads. Resolves true when cancelled (workers are terminated at once). */
function runInWorkers(script: string, count: number, tasks: FileTask[], rules: RuleInput[], limits: HuntLimits, signal: AbortSignal | undefined, prestarted: Prestarted[], hooks: PoolHooks): Promise<boolean> {
  return new Promise((resolve) => {
    let next = 0;
    let running = 0;
    let finished = false;
    const workers = new Set<Worker>();
    const finish = (cancelled: boolean) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      resolve(cancelled);
    };
    const onAbort = () => finish(true);
    signal?.addEventListener('abort', onAbort, { once: true });

    const spawn = () => {
      // a prestarted worker that is still healthy, else a new one
      let ready = prestarted.shift();
      while (ready && ready.failed) {
        void ready.worker.terminate();
        ready = prestarted.shift();
      }
      const worker = ready ? ready.worker : new Worker(script);
      worker.postMessage({ type: 'rules', rules, limits });
      workers.add(worker);
      queueMicrotask(() => ready?.adopt());
      let current: { id: number; task: FileTask } | undefined;
      const feed = () => {
        if (finished) return;
        if (next >= tasks.length) {
          workers.delete(worker);
          void worker.terminate();
          if (--running === 0) finish(false);
          return;
        }
        const id = next++;
        current = { id, task: tasks[id]! };
        worker.postMessage({ type: 'scan', id, task: current.task });
      };
      worker.on('message', (m: { type: string; bytes?: number; result?: TaskResult; message?: string }) => {
        if (finished) return;
        if (m.bytes) hooks.onBytes(m.bytes);
        if (m.type === 'done') {
          current = undefined;
          hooks.onDone(m.result!);
          feed();
        } else if (m.type === 'failed') {
          hooks.onFailed(current!.task, m.message ?? 'unknown error');
          current = undefined;
          feed();
        }
      });
      worker.on('error', (error) => {
        // a crash (out of memory, a bug) loses one file, not the hunt: report it and carry on
        if (finished) return;
        workers.delete(worker);
        running--;
        if (current) hooks.onFailed(current.task, `the scanner stopped: ${error.message}`);
        current = undefined;
        if (next < tasks.length) {
          running++;
          spawn();
        } else if (running === 0) finish(false);
      });
      feed();
    };
    running = count;
    for (let i = 0; i < count; i++) spawn();
  });
}
