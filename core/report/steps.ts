// The steps of a report grouped by server, playbook and phase, with a count per state: the
// "actions per phase" summary that HTML, PDF and Markdown print (the rows themselves are in §6).
import type { ReportStepRow } from './schema';

export type StepState = ReportStepRow['state'];

/** The order states are counted in: what is finished first, then what is still open. */
export const STATE_ORDER: readonly StepState[] = ['done', 'not_applicable', 'skipped', 'in_progress', 'blocked', 'todo'];

export interface PhaseSummary {
  group: string;
  total: number;
  counts: Partial<Record<StepState, number>>;
}

export const stepGroup = (step: ReportStepRow): string => `${step.serverName} — ${step.playbookId} — ${step.phaseTitle}`;

/** One entry per consecutive group, in playbook order. */
export function stepsByPhase(steps: ReportStepRow[]): PhaseSummary[] {
  const out: PhaseSummary[] = [];
  for (const step of steps) {
    const group = stepGroup(step);
    let last = out.at(-1);
    if (last?.group !== group) {
      last = { group, total: 0, counts: {} };
      out.push(last);
    }
    last.total += 1;
    last.counts[step.state] = (last.counts[step.state] ?? 0) + 1;
  }
  return out;
}
