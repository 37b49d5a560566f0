// Log formats with their quirks: header first or after `#` lines, repeated headers, `#Fields:`
// changing mid-file, CRLF, a truncated last line, bytes that are not UTF-8, time ranges.
import { describe, expect, it } from 'vitest';
import { runHunt } from '../../../core/hunt/index';
import { detectFormat } from '../../../core/hunt/formats';
import { splitCsv } from '../../../core/hunt/fields';
import { IIS_HEADER, PROXY_FIELDS, iisLine, proxyLine, rule, tempDir } from './helpers';

const anchor = rule('anchor', { log: { format: 'exchange-httpproxy', where: { field: 'AnchorMailbox', startsWith: 'ServerInfo~' } } });
const once = async (name: string, content: string | Buffer, rules = [anchor]) => {
  const d = tempDir('fmt-');
  d.write(name, content);
  const result = await runHunt({ paths: [d.dir], rules, workers: 0 });
  d.cleanup();
  return result;
};

describe('format detection', () => {
  it('tells formats from content and path, not from the file name', () => {
    expect(detectFormat(`${IIS_HEADER}\n`, 'x.txt').format).toBe('iis-w3c');
    expect(detectFormat(`#Software: Microsoft Exchange Server\n#Log-type: HttpProxy Logs\n#Fields: ${PROXY_FIELDS}\n`, 'a.csv').format).toBe('exchange-httpproxy');
    expect(detectFormat(`${PROXY_FIELDS}\n#Software: Microsoft Exchange Server\n`, 'Rps_Http.LOG').format).toBe('exchange-httpproxy');
    expect(detectFormat('#Software: Microsoft Exchange Server\n#Log-type: ECP Server Log\n#Fields: TimeStamp,ServerName,EventId,EventData\n', 'a.log').format).toBe('exchange-ecp');
    expect(detectFormat('2021-03-03T06:51:02Z Download failed\n', 'V15/Logging/OABGeneratorLog/a.LOG').format).toBe('exchange-oab');
    expect(detectFormat('<Event><Detail level="1">Note</Detail><Mark date="2024/12/08 09:14:02" TN="1"/></Event>\n', 'logs/Harmony.xml').format).toBe('cleo-xml');
    expect(detectFormat('"TimeCreated","Id","Level","ProviderName","Message"\n"3/3/2021 6:52:13 AM","1","4","MSExchange CmdletLogs","x"\n', 'ev.csv').format).toBe('windows-event-csv');
    expect(detectFormat(' Volume in drive C has no label.\n Directory of C:\\LexiCom\n', 'dir.txt').format).toBe('directory-listing');
    expect(detectFormat('#TYPE Selected\n"a","b","c"\n"1","2","3"\n"4","5","6"\n', 'out.csv').format).toBe('csv');
    expect(detectFormat('just some words\n', 'u_ex210305.log').format).toBe('plain');
    expect(detectFormat('MZ\u0000\u0000binary', 'x.log').binary).toBe(true);
  });

  it('splits CSV with quotes, doubled quotes and commas inside fields', () => {
    expect(splitCsv('a,"b,c","d ""e""",,f')).toEqual(['a', 'b,c', 'd "e"', '', 'f']);
    expect(splitCsv('"unterminated,x')).toEqual(['unterminated,x']);
  });
});

describe('HttpProxy CSV quirks', () => {
  const hit = proxyLine({ anchor: 'ServerInfo~a]@EXCH01:444/ecp/y.js?#' });
  it('reads the header from #Fields: after the # block', async () => {
    const r = await once('p.log', ['#Software: Microsoft Exchange Server', `#Fields: ${PROXY_FIELDS}`, proxyLine(), hit, ''].join('\n'));
    expect(r.findings.map((f) => f.line)).toEqual([4]);
    expect(r.coverage.files[0]).toMatchObject({ format: 'exchange-httpproxy', lines: 4, firstEntry: '2021-03-03T06:49:42.162Z' });
  });

  it('reads a bare header first, then a # block, and skips the header when it repeats', async () => {
    const text = [PROXY_FIELDS, '#Software: Microsoft Exchange Server', `#Fields: ${PROXY_FIELDS}`, hit, PROXY_FIELDS, proxyLine(), hit].join('\r\n');
    const r = await once('p.log', text);
    // CRLF line ends and a last line without a line break
    expect(r.findings.map((f) => f.line)).toEqual([4, 7]);
    expect(r.coverage.files[0]!.lines).toBe(7);
  });

  it('maps columns when #Fields: changes mid-file', async () => {
    const swapped = 'AnchorMailbox,DateTime,UrlStem';
    const text = [`#Fields: ${PROXY_FIELDS}`, proxyLine(), `#Fields: ${swapped}`, 'ServerInfo~b]@EXCH01:444/x#,2021-03-04T00:00:00Z,/ecp/y.js', 'Sid~1,2021-03-04T00:00:01Z,ServerInfo~/notanchor', ''].join('\n');
    const r = await once('HttpProxy/Owa/p.log', text);
    expect(r.findings.map((f) => f.line)).toEqual([4]);
    expect(r.coverage.files[0]).toMatchObject({ firstEntry: '2021-03-03T06:49:42.162Z', lastEntry: '2021-03-04T00:00:01Z' });
  });

  it('survives bytes that are not UTF-8 and reports the line as text', async () => {
    const bad = Buffer.concat([Buffer.from(`#Fields: ${PROXY_FIELDS}\n`), Buffer.from(proxyLine({ user: 'CONTOSO\\j\u00e9r\u00f4me' }), 'latin1'), Buffer.from('\n'), Buffer.from(proxyLine({ user: 'caf\u00e9', anchor: 'ServerInfo~a]@X:444/ecp#' })), Buffer.from('\n')]);
    const r = await once('p.log', bad);
    expect(r.findings.map((f) => f.line)).toEqual([3]);
    expect(r.findings[0]!.match).toContain('caf\u00e9');
  });
});

describe('IIS, Cleo, event and plain logs', () => {
  it('follows IIS #Fields: that change mid-file and gives the time range in UTC', async () => {
    const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', equals: 'antSword/v2.1' } } });
    const text = [IIS_HEADER, iisLine({ time: '01:00:00' }), '#Fields: date time c-ip cs(User-Agent) cs-method', '2021-03-06 02:00:00 5.6.7.8 antSword/v2.1 POST', ''].join('\n');
    const r = await once('W3SVC1/u_ex210305.log', text, [ua]);
    expect(r.findings.map((f) => f.line)).toEqual([7]);
    expect(r.coverage.files[0]).toMatchObject({ format: 'iis-w3c', firstEntry: '2021-03-05T01:00:00Z', lastEntry: '2021-03-06T02:00:00Z' });
  });

  it('reads the lines before a #Fields: change with the header they were written under', async () => {
    // the file is read in 4 MiB blocks: the first header is in the first block, the change and the
    // line just before it in the second, which must not be cut into columns by the later header
    const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', equals: 'antSword/v2.1' } } });
    const filler = Array.from({ length: Math.ceil((4.3 * 1024 * 1024) / iisLine().length) }, () => iisLine());
    const text = [IIS_HEADER, ...filler, iisLine({ ua: 'antSword/v2.1' }), '#Fields: date time c-ip cs(User-Agent) cs-method', '2021-03-06 02:00:00 5.6.7.8 antSword/v2.1 POST', ''].join('\n');
    const before = IIS_HEADER.split('\n').length + filler.length + 1;
    const r = await once('W3SVC1/u_ex210305.log', text, [ua]);
    expect(r.findings.map((f) => f.line)).toEqual([before, before + 2]);
  });

  it('reads Cleo XML events with their fields, in local time', async () => {
    const r1 = rule('autorun', { log: { format: 'cleo-xml', where: { all: [{ field: 'text', startsWith: "Note: Processing autorun file 'autorun\\health" }] } } });
    const text = [
      '<Log>',
      '<Event><Thread type="AutoRun" action="autorun\\healthchecktemplate.txt"/><Mark date="2024/12/08 09:14:02" TN="5301" CN="0" EN="88211"/></Event>',
      "<Event><Detail level=\"1\">Note: Processing autorun file 'autorun\\healthchecktemplate.txt'</Detail><Mark date=\"2024/12/08 09:14:02\" TN=\"5301\" CN=\"0\" EN=\"88212\"/></Event>",
      "<Event><Detail level=\"1\">Note: Processing autorun file 'autorun\\nightly.txt'</Detail><Mark date=\"2024/12/09 01:00:00\" TN=\"1\" CN=\"0\" EN=\"9\"/></Event>",
      '</Log>',
    ].join('\n');
    const r = await once('LexiCom/logs/LexiCom.xml', text, [r1]);
    expect(r.findings.map((f) => f.line)).toEqual([3]);
    expect(r.coverage.files[0]).toMatchObject({ format: 'cleo-xml', firstEntry: '2024-12-08T09:14:02', lastEntry: '2024-12-09T01:00:00', localTime: true });
  });

  it('reads exported event-log CSV with quoted multi-comma messages', async () => {
    const r1 = rule('um', { log: { format: 'windows-event-csv', where: { all: [{ field: 'ProviderName', equals: 'MSExchange Unified Messaging' }, { field: 'message', contains: 'System.InvalidCastException' }] } } });
    const text = [
      '"TimeCreated","Id","Level","ProviderName","Message"',
      '"3/3/2021 6:52:13 AM","100","2","MSExchange Unified Messaging","Error, with commas: System.InvalidCastException, yes"',
      '"3/3/2021 6:53:13 AM","100","2","Other Provider","System.InvalidCastException"',
      '',
    ].join('\n');
    const r = await once('Application.csv', text, [r1]);
    expect(r.findings.map((f) => f.line)).toEqual([2]);
    expect(r.coverage.files[0]).toMatchObject({ format: 'windows-event-csv', firstEntry: '2021-03-03T06:52:13' });
  });

  it('gives every format the whole line as the field "line", and cuts absurdly long lines', async () => {
    const r1 = rule('line', { log: { format: 'plain', where: { field: 'line', contains: 'needs to be removed' } } });
    const long = `${'A'.repeat(9_000_000)} needs to be removed`; // longer than two 4 MiB read chunks
    const r = await once('any.txt', `first\n${long}\nDownload failed and temporary file 'x' needs to be removed\n`, [r1]);
    expect(r.findings.map((f) => f.line)).toEqual([2, 3]);
    expect(r.findings[0]!.match.length).toBeLessThan(400);
    expect(r.coverage.files[0]!.notes?.join(' ')).toMatch(/longer than/);
  });
});
