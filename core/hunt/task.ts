// One unit of work (a file found by the walk, with everything inside it), the same in a worker
// thread and in the calling thread.
import { compileRules, type CompiledRules } from './compile';
import { newTally, type RuleTally, type ScanState } from './scanner';
import { HuntCancelled, newReadBuffers, scanFileTask, type FileTask } from './sources';
import type { FileCoverage, Finding, HuntLimits, RuleInput, SkippedFile } from './types';

export interface TaskResult {
  findings: Finding[];
  files: FileCoverage[];
  skipped: SkippedFile[];
  warnings: string[];
  tally: RuleTally;
}

export interface TaskRunner {
  run(task: FileTask, onRead: (bytes: number) => void, isCancelled: () => boolean): Promise<TaskResult>;
  compiled: CompiledRules;
}

export function createTaskRunner(rules: RuleInput[], limits: HuntLimits): TaskRunner {
  const compiled = compileRules(rules);
  const prefilters: ScanState['prefilters'] = new Map();
  // A worker is given its next file when it answers, so files come one at a time and share one pair
  // of read buffers; a run that overlaps another (nothing does so today) gets a pair of its own.
  let readBuffers: Buffer[] | undefined;
  let running = 0;
  return {
    compiled,
    async run(task, onRead, isCancelled) {
      const state: ScanState = {
        compiled,
        limits,
        findings: [],
        files: [],
        tally: newTally(rules.length),
        prefilters,
        checkpoint() {
          if (isCancelled()) throw new HuntCancelled('cancelled');
        },
      };
      const skipped: SkippedFile[] = [];
      const warnings: string[] = [];
      const buffers = running === 0 ? (readBuffers ??= newReadBuffers()) : newReadBuffers();
      running++;
      try {
        await scanFileTask(task, state, { skipped, warnings, onRead, readBuffers: buffers });
      } finally {
        running--;
      }
      return { findings: state.findings, files: state.files, skipped, warnings, tally: state.tally };
    },
  };
}
