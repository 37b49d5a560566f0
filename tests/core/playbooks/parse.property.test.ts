// The parser must never throw, whatever it is given: random text, and the sample with random edits
// (lines deleted, duplicated, swapped, characters inserted). It must also always return arrays of
// problems that point at a line inside the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../core/playbooks/parse';
import { sample } from './helpers';

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length;

function checkResult(text: string) {
  const result = parsePlaybook(text, 'fuzz.md', 'imported');
  expect(Array.isArray(result.problems)).toBe(true);
  expect(Array.isArray(result.warnings)).toBe(true);
  for (const p of [...result.problems, ...result.warnings]) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lineCount(text.replace(/^\uFEFF/, '')) + 1);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    // The parser's last-resort catch turns a bug into this message: the fuzzer must never reach it.
    expect(p.message).not.toMatch(/internal error/);
  }
  if (result.playbook) expect(result.problems).toEqual([]);
}

const sampleLines = sample.split('\n');
const pieces = fc.constantFrom('---', '```', '```step', '```hunt', '```powershell', '# T {#t}', '## S {#s}', 'kind: question', '- id: x', '<b>', '[a](javascript:x)', '&a', '*a', '{#', ':', '\t', '  ', '\r\n', '\uFEFF', '__proto__: 1');

const edit = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), pieces) }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), col: fc.nat(), text: fc.oneof(fc.string({ maxLength: 5 }), pieces) }),
);

function mutate(lines: string[], edits: { op: string; at: number; to?: number; text?: string; col?: number }[]) {
  const out = [...lines];
  for (const e of edits) {
    if (out.length === 0) out.push('');
    const at = e.at % out.length;
    if (e.op === 'delete') out.splice(at, 1);
    else if (e.op === 'duplicate') out.splice(at, 0, out[at]!);
    else if (e.op === 'swap') {
      const to = (e.to ?? 0) % out.length;
      [out[at], out[to]] = [out[to]!, out[at]!];
    } else if (e.op === 'insert') out.splice(at, 0, e.text ?? '');
    else {
      const line = out[at]!;
      const col = (e.col ?? 0) % (line.length + 1);
      out[at] = line.slice(0, col) + (e.text ?? '') + line.slice(col);
    }
  }
  return out.join('\n');
}

describe('parsePlaybook never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkResult(text)), { numRuns: 300 });
  });

  it('on random strings made of format pieces', () => {
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 60 }), (parts) => checkResult(parts.join('\n'))), { numRuns: 300 });
  });

  it('on mutated versions of the sample', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => checkResult(mutate(sampleLines, edits))), { numRuns: 400 });
  });
});
