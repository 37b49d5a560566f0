// Times of the records: stored in UTC, typed and shown in the case's zone (core/deadlines/time.ts,
// pure and shared with the report), so what the person types is what the report prints.
import { localToUtc, zoneOffsetMinutes } from '../../../../core/deadlines/time';

/** UTC ISO → the value of an <input type="datetime-local"> in `zone` ("2024-12-10T15:05"). */
export function toLocalInput(iso: string | undefined, zone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(instant + zoneOffsetMinutes(instant, zone) * 60_000).toISOString().slice(0, 16);
}

/** The value of a datetime-local input typed in `zone` → UTC ISO; undefined when empty or unreadable. */
export function fromLocalInput(local: string, zone: string): string | undefined {
  if (!local) return undefined;
  try {
    return localToUtc(local, zone);
  } catch {
    return undefined;
  }
}

/** Now, as a datetime-local value in `zone`. */
export const nowLocal = (zone: string): string => toLocalInput(new Date().toISOString(), zone);
