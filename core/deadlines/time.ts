// Times are stored in UTC and shown in the case's zone. These helpers convert between the two with
// Intl only (no time-zone library): formatting a UTC instant in a zone, and reading a wall-clock
// time typed in a zone back to UTC, including the daylight-saving gap and overlap.

/** The zone's offset from UTC at `instant`, in minutes (Europe/Paris in summer: +120). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * A wall-clock time `YYYY-MM-DDTHH:mm[:ss]` in `timeZone` → UTC ISO. In the autumn overlap the
 * earlier instant is chosen; a time in the spring gap is moved forward by the gap (02:30 → 03:30 in Paris).
 */
export function localToUtc(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new Error(`not a local date and time (YYYY-MM-DDTHH:mm): ${local}`);
  const [, y, mo, d, h, mi, s] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Try the offsets in force a day either side; keep the candidates that read back as the wall time.
  const offsets = [...new Set([zoneOffsetMinutes(wall - 86_400_000, timeZone), zoneOffsetMinutes(wall + 86_400_000, timeZone)])].sort((a, b) => b - a);
  const candidates = offsets.map((o) => wall - o * 60_000).filter((t) => t + zoneOffsetMinutes(t, timeZone) * 60_000 === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates)).toISOString();
  // In the gap: use the offset from before the change, which lands after it.
  const before = zoneOffsetMinutes(wall - 86_400_000, timeZone);
  return new Date(wall - before * 60_000).toISOString();
}

/** "2024-12-10 14:05 UTC" — the unambiguous form used in reports. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The same instant in a zone, with the offset: "2024-12-10 15:05 (UTC+01:00, Europe/Paris)". */
export function formatInZone(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  const offset = zoneOffsetMinutes(instant, timeZone);
  const local = new Date(instant + offset * 60_000).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC${sign}${hh}:${mm}, ${timeZone})`;
}

/** A duration in hours and minutes, "71 h 59 min", signless. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}
