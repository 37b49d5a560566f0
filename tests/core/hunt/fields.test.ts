// Column extraction must give exactly what splitting the whole line gives: the scanner cuts out only
// the columns a rule asks for, and a difference would change findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvColumn, splitCsv, splitW3c, w3cColumnOf } from '../../../core/hunt/fields';

const csvUnit = fc.constantFrom(...'ab,"" -\u00e9x');
const w3cUnit = fc.constantFrom(...'ab -+\u00e9x');

describe('column extraction', () => {
  it('csvColumn(line, i) is splitCsv(line)[i] for every i, quotes and short lines included', () => {
    fc.assert(
      fc.property(fc.string({ unit: csvUnit, maxLength: 60 }), (line) => {
        const all = splitCsv(line);
        for (let i = 0; i <= all.length + 1; i++) expect(csvColumn(line, i)).toBe(all[i]);
      }),
      { numRuns: 3000 },
    );
    expect(csvColumn('a,"b,""c""",d', 1)).toBe('b,"c"');
    expect(csvColumn('a,"b,""c""",d', 2)).toBe('d');
    expect(csvColumn('a,"unclosed,x', 1)).toBe('unclosed,x');
    expect(csvColumn('a,b,', 2)).toBe('');
    expect(csvColumn('a,b', 2)).toBeUndefined();
  });

  it('w3cColumnOf(line, i) is splitW3c(line)[i] for every i, "-" read as empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: w3cUnit, maxLength: 60 }), (line) => {
        const all = splitW3c(line);
        for (let i = 0; i <= all.length + 1; i++) expect(w3cColumnOf(line, i, [])).toBe(all[i]);
      }),
      { numRuns: 3000 },
    );
  });

  it('w3cColumnOf gives the same columns asked in any order, remembering where columns end', () => {
    fc.assert(
      fc.property(fc.string({ unit: w3cUnit, maxLength: 60 }), fc.array(fc.nat(20), { maxLength: 12 }), (line, asked) => {
        const all = splitW3c(line);
        const ends: number[] = [];
        for (const i of asked) expect(w3cColumnOf(line, i, ends)).toBe(all[i]);
      }),
      { numRuns: 3000 },
    );
  });
});
