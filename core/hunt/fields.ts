// Splitting log lines into fields: CSV with standard quoting (Exchange, exported event logs) and
// W3C extended (IIS: space-separated, `-` for empty, `+` for spaces inside values).

export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          value += line.slice(i);
          i = n;
          break;
        }
        value += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      // anything between the closing quote and the comma is kept, as spreadsheet tools do
      value += comma === -1 ? line.slice(i) : line.slice(i, comma);
      out.push(value);
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        out.push(line.slice(i));
        break;
      }
      out.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return out;
}

export function splitW3c(line: string): string[] {
  return line.split(' ').map((v) => (v === '-' ? '' : v));
}

/** Column names → index, case-insensitively; the first column of a name wins. */
export function indexHeader(names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.trim().replace(/^\ufeff/, '').replace(/^"|"$/g, '').toLowerCase();
    if (key && !map.has(key)) map.set(key, i);
  });
  return map;
}

const TIMESTAMP_COLUMNS = ['datetime', 'timestamp', 'date-time', 'timecreated', 'time created', 'date and time', 'date_time', 'time'];

export function timestampColumn(header: Map<string, number>): number | undefined {
  for (const name of TIMESTAMP_COLUMNS) {
    const i = header.get(name);
    if (i !== undefined) return i;
  }
  return undefined;
}

/** A timestamp as a sortable ISO-like string, or undefined when the text is not a date. */
export function normalizeTimestamp(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z)?/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] ?? ''}`;
  // Event Viewer's locale format, e.g. 3/5/2021 3:06:27 AM (read as written, local time)
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP]M))?/i.exec(t);
  if (us) {
    let h = Number(us[4]);
    if (us[7]?.toUpperCase() === 'PM' && h < 12) h += 12;
    if (us[7]?.toUpperCase() === 'AM' && h === 12) h = 0;
    const p = (n: number | string) => String(n).padStart(2, '0');
    return `${us[3]}-${p(us[1]!)}-${p(us[2]!)}T${p(h)}:${us[5]}:${us[6]}`;
  }
  return undefined;
}

/**
 * Field `index` of a CSV line, exactly as `splitCsv(line)[index]`, without building the fields
 * before it (rules need two or three columns of lines that have dozens). Undefined when the line
 * has fewer fields.
 */
export function csvColumn(line: string, index: number): string | undefined {
  const n = line.length;
  let i = 0;
  for (let k = 0; ; k++) {
    let comma: number;
    if (line.charCodeAt(i) === 34 /* " */) {
      // skip the quoted part ("" is a quote inside it), then up to the next comma, as splitCsv does
      let q = i;
      for (;;) {
        q = line.indexOf('"', q + 1);
        if (q === -1 || line.charCodeAt(q + 1) !== 34) break;
        q++;
      }
      comma = q === -1 ? -1 : line.indexOf(',', q + 1);
    } else comma = line.indexOf(',', i);
    if (k === index) {
      const raw = comma === -1 ? line.slice(i) : line.slice(i, comma);
      return raw.charCodeAt(0) === 34 ? splitCsv(raw)[0] : raw;
    }
    if (comma === -1 || comma >= n) return undefined;
    i = comma + 1;
  }
}

/**
 * Field `index` of a W3C line, exactly as `splitW3c(line)[index]`, without splitting the whole line.
 * A rule reads several columns of a line (the method, the status, the path…): `ends`, empty at first
 * and then kept with the line, remembers where each column found so far ends, so each space is
 * searched for once.
 */
export function w3cColumnOf(line: string, index: number, ends: number[]): string | undefined {
  while (ends.length <= index) {
    const last = ends.length === 0 ? -1 : ends[ends.length - 1]!;
    // the last column ends at the line's end: there is no further one
    if (last === line.length) return undefined;
    const space = line.indexOf(' ', last + 1);
    ends.push(space === -1 ? line.length : space);
  }
  const value = line.slice(index === 0 ? 0 : ends[index - 1]! + 1, ends[index]);
  return value === '-' ? '' : value;
}
