// The notification clocks of a case (design.md "Cases"; research/peers.md §5.1). Pure functions of
// the recorded dates and "now"; every time is UTC milliseconds, so a daylight-saving change moves
// the wall-clock time of a deadline, never its length: 72 hours are 72 elapsed hours.
//
// - police: France, Code des assurances L12-10-1 — a cyber loss is paid only if a complaint is filed
//   within 72 h of knowledge (professionals and legal persons). Starts at `keyDates.discovery`.
// - dpa: GDPR art. 33(1) — the supervisory authority within 72 h of awareness, unless the breach is
//   unlikely to result in a risk; that decision and its reasoning must be recorded (art. 33(5)).
// - insurer: no legal deadline; each policy sets its own ("typically 24–72 h"). We show the time
//   elapsed since discovery and warn after the number of hours the person set (default 72).
import type { CaseRecords, Notification, NotificationKind } from '../cases/records';

export const HOUR_MS = 3_600_000;
export const LEGAL_WINDOW_HOURS = 72;
/** Below this much time left, a clock is shown as due soon. */
export const DUE_SOON_MS = 12 * HOUR_MS;

export const CLOCK_STATUSES = ['not_started', 'open', 'due_soon', 'overdue', 'done', 'done_late', 'not_required'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export type ClockKind = Exclude<NotificationKind, 'other'>;

export interface Clock {
  kind: ClockKind;
  status: ClockStatus;
  /** True when the deadline is set by law (police, dpa); false when it is the person's own warning threshold. */
  legal: boolean;
  windowHours: number;
  /** When the clock started (discovery), UTC ISO; absent when discovery is not recorded. */
  startedAt?: string;
  dueAt?: string;
  /** Time left until dueAt (negative once past); absent once done or when not started. */
  remainingMs?: number;
  /** Time from the start to now, or to the notification when done. */
  elapsedMs?: number;
  doneAt?: string;
  reference?: string;
}

/** The clock for one deadline given its start, the notification (if any) and now. */
export function clockStatus(input: {
  startedAt?: string;
  windowHours: number;
  doneAt?: string;
  notRequired?: boolean;
  now: Date | number;
}): Pick<Clock, 'status' | 'dueAt' | 'remainingMs' | 'elapsedMs' | 'startedAt' | 'doneAt'> {
  const now = typeof input.now === 'number' ? input.now : input.now.getTime();
  if (input.notRequired) return { status: 'not_required' };
  const start = input.startedAt ? Date.parse(input.startedAt) : NaN;
  const done = input.doneAt ? Date.parse(input.doneAt) : NaN;
  if (Number.isNaN(start)) {
    // Notified before discovery was recorded: done, but it cannot be said whether on time.
    return Number.isNaN(done) ? { status: 'not_started' } : { status: 'done', doneAt: input.doneAt };
  }
  const due = start + input.windowHours * HOUR_MS;
  const base = { startedAt: new Date(start).toISOString(), dueAt: new Date(due).toISOString() };
  if (!Number.isNaN(done)) {
    // The deadline is "within 72 h": a notice at exactly dueAt is on time.
    return { ...base, status: done <= due ? 'done' : 'done_late', doneAt: new Date(done).toISOString(), elapsedMs: done - start };
  }
  const remainingMs = due - now;
  const status: ClockStatus = remainingMs < 0 ? 'overdue' : remainingMs < DUE_SOON_MS ? 'due_soon' : 'open';
  return { ...base, status, remainingMs, elapsedMs: now - start };
}

const latest = (records: Pick<CaseRecords, 'notifications'>, kind: ClockKind): Notification | undefined =>
  records.notifications.filter((n) => n.kind === kind).at(-1);

type ClockRecords = Pick<CaseRecords, 'notifications' | 'keyDates' | 'settings'>;

export function policeClock(records: ClockRecords, now: Date | number): Clock {
  const n = latest(records, 'police');
  const notRequired = !records.settings.frenchPoliceComplaint || n?.notRequired === true;
  return {
    kind: 'police',
    legal: true,
    windowHours: LEGAL_WINDOW_HOURS,
    ...clockStatus({ startedAt: records.keyDates.discovery, windowHours: LEGAL_WINDOW_HOURS, doneAt: n?.at, notRequired, now }),
    ...(n?.reference ? { reference: n.reference } : {}),
  };
}

export function dpaClock(records: ClockRecords, now: Date | number): Clock {
  const n = latest(records, 'dpa');
  return {
    kind: 'dpa',
    legal: true,
    windowHours: LEGAL_WINDOW_HOURS,
    ...clockStatus({ startedAt: records.keyDates.discovery, windowHours: LEGAL_WINDOW_HOURS, doneAt: n?.at, notRequired: n?.notRequired === true, now }),
    ...(n?.reference ? { reference: n.reference } : {}),
  };
}

export function insurerClock(records: ClockRecords, now: Date | number): Clock {
  const n = latest(records, 'insurer');
  const windowHours = records.settings.insurerWarningHours;
  return {
    kind: 'insurer',
    legal: false,
    windowHours,
    ...clockStatus({ startedAt: records.keyDates.discovery, windowHours, doneAt: n?.at, notRequired: n?.notRequired === true, now }),
    ...(n?.reference ? { reference: n.reference } : {}),
  };
}

/** All three clocks, in the order the report and the screen show them. */
export function allClocks(records: ClockRecords, now: Date | number): Clock[] {
  return [insurerClock(records, now), policeClock(records, now), dpaClock(records, now)];
}

/** A clock that still needs someone to act. */
export const isOpenClock = (clock: Clock): boolean => clock.status === 'open' || clock.status === 'due_soon' || clock.status === 'overdue' || clock.status === 'not_started';
