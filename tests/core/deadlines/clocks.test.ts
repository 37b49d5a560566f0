import { describe, expect, it } from 'vitest';
import { CaseRecords } from '../../../core/cases/records';
import { HOUR_MS, allClocks, clockStatus, dpaClock, insurerClock, policeClock } from '../../../core/deadlines/clocks';
import { formatInZone, localToUtc, zoneOffsetMinutes } from '../../../core/deadlines/time';

const discovery = '2024-12-09T08:40:00.000Z';
const at = (iso: string, hours = 0) => Date.parse(iso) + hours * HOUR_MS;
const records = (over: Partial<CaseRecords> = {}) => CaseRecords.parse({ keyDates: { discovery }, settings: { timeZone: 'Europe/Paris', insurerWarningHours: 72, frenchPoliceComplaint: true }, ...over });
const notification = (kind: 'insurer' | 'police' | 'dpa', fields: Record<string, unknown>) => ({ id: `n-${kind}`, kind, recordedBy: 'x', recordedAt: discovery, ...fields });

describe('the 72-hour clocks', () => {
  it('are not started until discovery is recorded', () => {
    const r = CaseRecords.parse({});
    expect(allClocks(r, Date.now()).map((c) => c.status)).toEqual(['not_started', 'not_started', 'not_started']);
  });

  it('count 72 elapsed hours from discovery: open, due soon under 12 h, overdue one millisecond after', () => {
    const r = records();
    expect(policeClock(r, at(discovery, 1))).toMatchObject({ status: 'open', dueAt: '2024-12-12T08:40:00.000Z', remainingMs: 71 * HOUR_MS });
    expect(policeClock(r, at(discovery, 60)).status).toBe('open');
    expect(policeClock(r, at(discovery, 60) + 1).status).toBe('due_soon');
    expect(policeClock(r, at(discovery, 72)).status).toBe('due_soon');
    expect(policeClock(r, at(discovery, 72) + 1)).toMatchObject({ status: 'overdue', remainingMs: -1 });
  });

  it('a notice at exactly 72 h is on time; one millisecond later is late', () => {
    const onTime = records({ notifications: [notification('police', { at: '2024-12-12T08:40:00.000Z' })] as never });
    expect(policeClock(onTime, at(discovery, 100))).toMatchObject({ status: 'done', elapsedMs: 72 * HOUR_MS });
    const late = records({ notifications: [notification('police', { at: '2024-12-12T08:40:00.001Z' })] as never });
    expect(policeClock(late, at(discovery, 100)).status).toBe('done_late');
  });

  it('the DPA clock stops when the notification is recorded as not required, with its reasoning', () => {
    const r = records({ notifications: [notification('dpa', { notRequired: true, reasoning: 'No personal data on this server.' })] as never });
    expect(dpaClock(r, at(discovery, 100)).status).toBe('not_required');
    expect(() => CaseRecords.parse({ notifications: [notification('dpa', { notRequired: true, reasoning: ' ' })] })).toThrow(/say why/);
  });

  it('the police complaint does not apply when the French rule is switched off', () => {
    const r = records({ settings: { timeZone: 'America/New_York', insurerWarningHours: 72, frenchPoliceComplaint: false } });
    expect(policeClock(r, at(discovery, 100)).status).toBe('not_required');
  });

  it('the insurer clock is the threshold the person set, not a legal deadline', () => {
    const r = records({ settings: { timeZone: 'UTC', insurerWarningHours: 24, frenchPoliceComplaint: true } });
    const clock = insurerClock(r, at(discovery, 13));
    expect(clock).toMatchObject({ legal: false, windowHours: 24, status: 'due_soon', dueAt: '2024-12-10T08:40:00.000Z' });
    expect(insurerClock(r, at(discovery, 25)).status).toBe('overdue');
  });

  it('keeps 72 elapsed hours across the autumn daylight-saving change in Paris (wall clock shifts by one hour)', () => {
    // Saturday 26 October 2024, 10:00 in Paris (CEST, UTC+2); clocks go back on Sunday 27 at 03:00.
    const start = localToUtc('2024-10-26T10:00', 'Europe/Paris');
    expect(start).toBe('2024-10-26T08:00:00.000Z');
    const clock = clockStatus({ startedAt: start, windowHours: 72, now: Date.parse(start) });
    expect(clock.dueAt).toBe('2024-10-29T08:00:00.000Z');
    expect(formatInZone(clock.dueAt as string, 'Europe/Paris')).toBe('2024-10-29 09:00 (UTC+01:00, Europe/Paris)');
  });

  it('and across the spring change in New York', () => {
    // Saturday 9 March 2024, 12:00 in New York (EST, UTC-5); clocks go forward on Sunday 10 at 02:00.
    const start = localToUtc('2024-03-09T12:00', 'America/New_York');
    expect(start).toBe('2024-03-09T17:00:00.000Z');
    const due = clockStatus({ startedAt: start, windowHours: 72, now: 0 }).dueAt as string;
    expect(due).toBe('2024-03-12T17:00:00.000Z');
    expect(formatInZone(due, 'America/New_York')).toBe('2024-03-12 13:00 (UTC-04:00, America/New_York)');
  });
});

describe('local times', () => {
  it('reads the zone offset in summer and winter', () => {
    expect(zoneOffsetMinutes(Date.parse('2024-07-01T00:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(Date.parse('2024-12-01T00:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2024-12-01T00:00:00Z'), 'America/New_York')).toBe(-300);
  });

  it('picks the earlier instant in the autumn overlap and moves a time in the spring gap forward', () => {
    expect(localToUtc('2024-10-27T02:30', 'Europe/Paris')).toBe('2024-10-27T00:30:00.000Z');
    expect(localToUtc('2024-03-31T02:30', 'Europe/Paris')).toBe('2024-03-31T01:30:00.000Z');
    expect(formatInZone('2024-03-31T01:30:00.000Z', 'Europe/Paris')).toBe('2024-03-31 03:30 (UTC+02:00, Europe/Paris)');
  });

  it('refuses what is not a local date and time', () => {
    expect(() => localToUtc('09/12/2024 10:00', 'Europe/Paris')).toThrow(/not a local date/);
  });
});
