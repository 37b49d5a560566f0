import { STEP_STATES, type StepState } from '../../../../core/cases/types';

export { STEP_STATES };

/** Glyphs from common fonts (no icon font: the CSP forbids remote fonts and we ship none). */
export const STATE_ICONS: Record<StepState, string> = {
  todo: '○',
  in_progress: '◐',
  done: '✓',
  not_applicable: '–',
  blocked: '■',
  skipped: '↷',
};

/** Keyboard: 1..6 in order, or the first letter of the English word. */
export const STATE_KEYS: Record<string, StepState> = {
  '1': 'todo',
  '2': 'in_progress',
  '3': 'done',
  '4': 'not_applicable',
  '5': 'blocked',
  '6': 'skipped',
  t: 'todo',
  p: 'in_progress',
  d: 'done',
  n: 'not_applicable',
  b: 'blocked',
  s: 'skipped',
};
