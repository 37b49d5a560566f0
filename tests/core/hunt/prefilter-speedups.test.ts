// The scan-speed measures of round three must not change a single finding: anchors picked from a
// sample of the file, and the other required literals of an `all` checked on the raw line bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { otherRequiredLiterals } from '../../../core/hunt/literals';
import { containsFolded, MultiLiteralSearcher } from '../../../core/hunt/multi-literal';
import { runHunt } from '../../../core/hunt/index';
import { PROXY_FIELDS, proxyLine, rule, tempDir } from './helpers';

const alphabet = fc.constantFrom(...'aAbB/.~0123 \n\u00c9\u00e9x');

function allMatches(searcher: MultiLiteralSearcher, text: string): string[] {
  const out: string[] = [];
  searcher.scan(Buffer.from(text, 'latin1'), 0, text.length, (id, at) => out.push(`${id}@${at}`));
  return out.sort();
}

describe('anchors chosen from a sample of the text', () => {
  it('find exactly what the fixed choice finds, whatever the sample', () => {
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 300 }), fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.string({ unit: alphabet, maxLength: 200 }), (text, literals, sample) => {
        const fixed = allMatches(new MultiLiteralSearcher(literals), text);
        expect(allMatches(new MultiLiteralSearcher(literals, Buffer.from(sample, 'latin1')), text)).toEqual(fixed);
        // the text itself as the sample: its most frequent pairs are avoided, nothing is missed
        expect(allMatches(new MultiLiteralSearcher(literals, Buffer.from(text, 'latin1')), text)).toEqual(fixed);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('containsFolded', () => {
  it('agrees with a case-insensitive search of the range', () => {
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 120 }), fc.string({ unit: alphabet, minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), (text, needle, a, b) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        const expected = text.slice(from, to).toLowerCase().includes(needle.toLowerCase());
        expect(containsFolded(Buffer.from(text, 'latin1'), from, to, Buffer.from(needle.toLowerCase(), 'latin1'))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('other required literals of an `all`', () => {
  it('are the literal sets of the conditions the prefilter did not pick, common words left out', () => {
    const where = {
      all: [
        { field: 'AnchorMailbox', startsWith: 'ServerInfo~' },
        { field: 'AnchorMailbox', contains: '/autodiscover' },
        { field: 'Method', equals: 'POST' },
        { not: { field: 'UrlStem', contains: '/owa/' } },
      ],
    };
    expect(otherRequiredLiterals(where as never)).toEqual([['serverinfo~']]);
    expect(otherRequiredLiterals({ field: 'AnchorMailbox', contains: 'x' } as never)).toEqual([]);
  });

  it('let a line through only when it holds one of each: the hit is found, the look-alike is not', async () => {
    const data = tempDir();
    try {
      const lines = [
        proxyLine({ anchor: 'Sid~S-1-5-21-1', stem: '/autodiscover/autodiscover.xml' }),
        proxyLine({ anchor: 'SERVERINFO~a]@EXCH01:444/autodiscover/autodiscover.xml?#', stem: '/ecp/y.js' }),
        proxyLine({ anchor: 'ServerInfo~a]@EXCH01:444/ecp/x', stem: '/autodiscover/autodiscover.xml' }),
      ];
      data.write('HttpProxy/Autodiscover/HttpProxy_2021030306-1.LOG', `#Software: Microsoft Exchange Server\n#Log-type: HttpProxy Logs\n#Fields: ${PROXY_FIELDS}\n${lines.join('\r\n')}\r\n`);
      const probe = rule('probe', {
        log: { format: 'exchange-httpproxy', where: { all: [{ field: 'AnchorMailbox', startsWith: 'ServerInfo~' }, { field: 'AnchorMailbox', contains: '/autodiscover' }] } },
      });
      const result = await runHunt({ paths: [data.dir], rules: [probe], workers: 0 });
      expect(result.findings.map((f) => f.line)).toEqual([5]);
    } finally {
      data.cleanup();
    }
  });
});
