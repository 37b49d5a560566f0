import type { StepState } from '../../core/cases/types';

const CYCLE: StepState[] = ['in_progress', 'done', 'blocked', 'not_applicable'];

/** The state the writer gives step n, so the test knows what each acknowledged change wrote. */
export const stateForIndex = (n: number): StepState => (n % 7 === 0 ? 'skipped' : CYCLE[n % CYCLE.length]!);
