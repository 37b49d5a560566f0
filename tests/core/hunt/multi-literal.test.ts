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
