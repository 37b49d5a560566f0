// The multi-literal searcher is the prefilter of every line rule: a literal it fails to report is a
// finding lost. Checked against a plain case-insensitive search, on random text and literals chosen
// to stress it (overlaps, shared anchors, shortest literal of length 1 and 2, matches at both ends).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLD, MultiLiteralSearcher } from '../../../core/hunt/multi-literal';
import { runHunt } from '../../../core/hunt/index';
import { IIS_HEADER, iisLine, rule, tempDir } from './helpers';

function naive(text: string, literals: string[], from: number, to: number): string[] {
  const hay = text.slice(from, to).toLowerCase();
  const out: string[] = [];
  literals.forEach((l, id) => {
    for (let at = hay.indexOf(l.toLowerCase()); at !== -1; at = hay.indexOf(l.toLowerCase(), at + 1)) out.push(`${id}@${at + from}`);
  });
  return out.sort();
}

function found(text: string, literals: string[], from = 0, to = text.length): string[] {
  const out: string[] = [];
  new MultiLiteralSearcher(literals).scan(Buffer.from(text, 'latin1'), from, to, (id, at) => out.push(`${id}@${at}`));
  return out.sort();
}

describe('MultiLiteralSearcher', () => {
  it('folds case exactly as toLowerCase does on Latin-1', () => {
    for (let b = 0; b < 256; b++) expect(String.fromCharCode(FOLD[b]!)).toBe(String.fromCharCode(b).toLowerCase().length === 1 ? String.fromCharCode(b).toLowerCase() : String.fromCharCode(b));
  });

  it('reports every occurrence, overlapping ones included, ignoring case', () => {
    const text = 'GET /OWA/auth/x.js aaaa ServerInfo~a]@x:444/ecp/ /ecp/ x';
    expect(found(text, ['/owa/auth/', 'owa', 'aa', '/ecp/', 'serverinfo~'])).toEqual(naive(text, ['/owa/auth/', 'owa', 'aa', '/ecp/', 'serverinfo~'], 0, text.length));
    expect(found('abc', ['abc'])).toEqual(['0@0']);
    expect(found('xabc', ['c'])).toEqual(['0@3']);
    expect(found('ab', ['abc'])).toEqual([]);
  });

  it('agrees with a plain search on random text, literals and ranges', () => {
    const alphabet = fc.constantFrom(...'aAbB/.~ \n\u00c9\u00e9x1');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 300 }), fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (text, literals, a, b) => {
        const from = text.length ? a % (text.length + 1) : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        expect(found(text, literals, from, to)).toEqual(naive(text, literals, from, to));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with a plain search on texts long enough for the interleaved walks, literals of 4+ bytes', () => {
    // ranges of 256+ window ends are split into four walks, and literals of 4+ bytes get the
    // second byte-pair check: both must still find every occurrence, at every quarter border
    const alphabet = fc.constantFrom(...'aAbB/.~ \nx1');
    const word = fc.string({ unit: alphabet, minLength: 4, maxLength: 9 });
    fc.assert(
      fc.property(fc.string({ unit: alphabet, minLength: 200, maxLength: 3000 }), fc.uniqueArray(word, { minLength: 1, maxLength: 6 }), fc.nat(), (text, literals, a) => {
        const from = a % 50;
        expect(found(text, literals, from)).toEqual(naive(text, literals, from, text.length));
      }),
      { numRuns: 500 },
    );
  });

  it('finds a literal on either side of each border between the four walks, and at the very end', () => {
    // white-box: a range is split into four quarters of window ends from the first window's end; a
    // literal as long as the window is its own anchor, so it can be planted to end right at a border
    const alphabet = fc.constantFrom(...'ab/. x');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'QRSTUVWZ'), minLength: 4, maxLength: 9 }), fc.integer({ min: 300, max: 3000 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.string({ unit: alphabet, minLength: 3000, maxLength: 3000 }), (literal, length, before, filler) => {
        const m = literal.length;
        const chars = [...filler.slice(0, length)];
        const first = m - 1;
        const q = (length - first) >> 2;
        const ends = [first + q, first + 2 * q, first + 3 * q].map((border, k) => (before[k] ? border - 1 : border));
        ends.push(length - 1);
        for (const end of ends) chars.splice(end - m + 1, m, ...literal);
        const text = chars.join('');
        expect(found(text, [literal])).toEqual(ends.map((end) => `0@${end - m + 1}`).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('finds every occurrence across segment borders of a large block, line after line', () => {
    // ~600 KB of log-like lines: several segments of interleaved walks, with the literals planted
    // at random places, some at line starts and ends, some twice on a line
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const literals = ['/owa/auth/', 'ServerInfo~', 'python-requests', '5.252.189.', 'cmd.exe'];
    const lines: string[] = [];
    for (let size = 0; size < 600_000; ) {
      const parts = Array.from({ length: 8 + rnd(20) }, () => ['GET', '/owa/', '200', '192.168.1.1', 'Mozilla/5.0', 'x'.repeat(rnd(30))][rnd(6)]!);
      if (rnd(7) === 0) parts.splice(rnd(parts.length + 1), 0, literals[rnd(literals.length)]!.toUpperCase());
      if (rnd(13) === 0) parts.push(literals[rnd(literals.length)]!);
      const line = parts.join(' ');
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join('\n');
    const buf = Buffer.from(text, 'latin1');
    const seen: [number, number][] = [];
    new MultiLiteralSearcher(literals).scan(buf, 0, buf.length, (id, at) => seen.push([id, at]));
    expect(seen.map(([id, at]) => `${id}@${at}`).sort()).toEqual(naive(text, literals, 0, text.length));
    expect(seen.length).toBeGreaterThan(1000);
    // the scanner relies on this order: a match never comes before one on an earlier line
    const breaks: number[] = [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
    const lineOf = (at: number) => {
      let lo = 0;
      for (let hi = breaks.length; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (breaks[mid]! < at) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const order = seen.map(([, at]) => lineOf(at));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('keeps every match when one segment holds thousands (several literals at each position)', () => {
    const text = `${'Ab'.repeat(20_000)}\n${'x'.repeat(300)}ab`;
    const literals = ['abab', 'baba', 'ababab', 'bab'];
    const all = found(text, literals);
    expect(all.length).toBeGreaterThan(70_000);
    expect(all).toEqual(naive(text, literals, 0, text.length));
  });

  it('refuses an empty literal, which would match everywhere', () => {
    expect(() => new MultiLiteralSearcher(['abc', ''])).toThrow(/empty literal/);
  });
});

describe('reading in large chunks', () => {
  it('keeps line numbers and lines whole across 4 MiB chunk borders, and counts every line', async () => {
    const t = tempDir();
    try {
      const lines = [IIS_HEADER];
      // ~9 MiB: hits right at the start and end of the file and across chunk borders
      for (let i = 0, size = 0; size < 9.2 * 1024 * 1024; i++) {
        // a hit every 997 lines, plus the lines that straddle each 4 MiB chunk border
        const border = Math.floor((size + 140) / (4 * 1024 * 1024)) > Math.floor(size / (4 * 1024 * 1024));
        const hit = i === 0 || i % 997 === 0 || border;
        lines.push(iisLine({ stem: hit ? '/ecp/DDI/DDIService.svc/SetObject' : '/owa/', query: hit ? 'schema=ResetOABVirtualDirectory' : '-', method: 'POST', user: hit ? 'CONTOSO\\EXCH$' : 'CONTOSO\\alice' }));
        size += lines[lines.length - 1]!.length + 1;
      }
      const content = `${lines.join('\n')}\n`;
      t.write('W3SVC1/u_ex1.log', content);
      const r = rule('reset', { log: { format: 'iis-w3c', where: { all: [{ field: 'cs-uri-stem', equals: '/ecp/DDI/DDIService.svc/SetObject' }, { field: 'cs-username', endsWith: '$' }] } } });
      const result = await runHunt({ paths: [t.dir], rules: [r], workers: 0 });
      const expected = content.split('\n').flatMap((l, i) => (l.includes('SetObject') ? [i + 1] : []));
      expect(expected.length).toBeGreaterThan(70);
      expect(result.findings.map((f) => f.line)).toEqual(expected);
      expect(result.coverage.files[0]!.lines).toBe(content.split('\n').length - 1);
    } finally {
      t.cleanup();
    }
  });
});
