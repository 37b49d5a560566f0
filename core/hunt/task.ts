// One unit of work (a file found by the walk, with everything inside it), the same in a worker
// thread and in the calling thread.
import { compileRules, type CompiledRules } from './compile';
import { newTally, type RuleTally, type ScanState } from './scanner';
import { HuntCancelled, scanFileTask, type FileTask } from './sources';
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
      await scanFileTask(task, state, { skipped, warnings, onRead });
      return { findings: state.findings, files: state.files, skipped, warnings, tally: state.tally };
    },
  };
}
