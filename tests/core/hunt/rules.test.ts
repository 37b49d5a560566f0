// Every rule kind against positive examples and benign look-alikes that naive rules flag.
import { afterAll, describe, expect, it } from 'vitest';
import { runHunt } from '../../../core/hunt/index';
import { globToRegExp, compileGlobs, candidatePaths } from '../../../core/hunt/glob';
import { compileIpList, findListedIp } from '../../../core/hunt/ip';
import { compareVersions, judgeVersion } from '../../../core/hunt/version';
import { requiredLiterals, conditionLiterals } from '../../../core/hunt/literals';
import { IIS_HEADER, PROXY_FIELDS, iisLine, proxyLine, rule, tempDir } from './helpers';

const tmp = tempDir('rules-');
afterAll(() => tmp.cleanup());

const hunt = (dir: string, rules: ReturnType<typeof rule>[], versions?: Record<string, string>) => runHunt({ paths: [dir], rules, versions, workers: 0 });

describe('path rules', () => {
  const r = rule('aspnet-client', { path: { root: 'iis', globs: ['wwwroot/aspnet_client/**/*.aspx'], except: ['**/legit.aspx'] } }, 'critical');
  const owa = rule('owa-auth', { path: { root: 'exchange', globs: ['FrontEnd/HttpProxy/owa/auth/*'], except: ['**/logon.aspx', '**/RedirSuiteServiceProxy.aspx'] } });

  it('finds a file under the product root wherever the copy was made, case-insensitively', async () => {
    const d = tempDir('path-');
    d.write('C/inetpub/wwwroot/aspnet_client/system_web/Discover.ASPX', 'x');
    d.write('C/inetpub/wwwroot/aspnet_client/legit.aspx', 'x');
    d.write('C/inetpub/wwwroot/aspnet_client/readme.txt', 'x');
    d.write('V15/FrontEnd/HttpProxy/owa/auth/RedirSuiteServerProxy.aspx', 'look-alike');
    d.write('V15/FrontEnd/HttpProxy/owa/auth/RedirSuiteServiceProxy.aspx', 'legit');
    d.write('V15/FrontEnd/HttpProxy/owa/auth/logon.aspx', 'legit');
    const result = await hunt(d.dir, [r, owa]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.file.slice(d.dir.length + 1)}`).sort()).toEqual([
      'aspnet-client C/inetpub/wwwroot/aspnet_client/system_web/Discover.ASPX',
      'owa-auth V15/FrontEnd/HttpProxy/owa/auth/RedirSuiteServerProxy.aspx',
    ]);
    d.cleanup();
  });

  it('accepts backslashes in globs and matches file names at any depth', () => {
    expect(globToRegExp('owa\\auth\\*.aspx').test('owa/auth/x.aspx')).toBe(true);
    const m = compileGlobs(['healthcheck*.txt']);
    expect(m.test(candidatePaths('LexiCom/autorun/HealthCheckTemplate.txt'))).toBe(true);
    expect(m.test(candidatePaths('LexiCom/autorun/notes.txt'))).toBe(false);
    expect(compileGlobs(['{a,b}/[!x]?.log']).test(candidatePaths('b/yz.log'))).toBe(true);
    expect(compileGlobs(['**/cleo.[0-9]*']).test(candidatePaths('LexiCom/cleo.1142'))).toBe(true);
  });
});

describe('content rules', () => {
  it('finds literals case-insensitively and regexes per line, only in the files the globs allow', async () => {
    const d = tempDir('content-');
    d.write('www/shell.aspx', 'line one\r\n<script language="JScript" runat="server">function Page_Load(){eval(Request["k"],"unsafe");}</script>\r\n');
    d.write('www/readme.txt', 'Page_Load(){eval(Request is discussed here\n');
    d.write('www/benign.aspx', '<%@ Page Language="C#" %>\n<script runat="server">void Page_Load(){}</script>\n');
    const r = rule('oneliner', { content: { files: ['**/*.aspx'], literals: ['PAGE_LOAD(){EVAL(REQUEST'], regex: ['language="jscript"\\s+runat="server"'] } }, 'critical');
    const result = await hunt(d.dir, [r]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ file: `${d.dir}/www/shell.aspx`, line: 2, severity: 'critical', explanation: 'Why oneliner matters.' });
    expect(result.findings[0]!.match).toContain('eval(Request');
    expect(result.coverage.rules[0]).toMatchObject({ status: 'hit', hits: 1, filesExamined: 2 });
    d.cleanup();
  });

  it('honours caseSensitive and finds a regex with no usable literal', async () => {
    const d = tempDir('content2-');
    d.write('a.log', 'ProcessID=1\nprocessid=2\nTOKEN 4242-ab\n');
    const cs = rule('cs', { content: { literals: ['ProcessID'], caseSensitive: true } });
    const re = rule('re', { content: { regex: ['\\d{4}-[a-f]{2}'] } });
    const result = await hunt(d.dir, [cs, re]);
    expect(result.findings.map((f) => `${f.ruleId}:${f.line}`).sort()).toEqual(['cs:1', 're:3']);
    d.cleanup();
  });

  it('extracts required literals from regexes conservatively', () => {
    expect(requiredLiterals('Set-.+VirtualDirectory.+?(?=Url)')).toEqual(['virtualdirectory']);
    expect(requiredLiterals('a|bc')).toBeNull();
    expect(requiredLiterals('autodiscover\\.json.*@')).toEqual(['autodiscover.json']);
    expect(requiredLiterals('(foo|bar)baz?')).toEqual(['foo', 'bar']);
    expect(requiredLiterals('(foo|b)x')).toBeNull();
    expect(requiredLiterals('(?:foo)?x')).toBeNull();
    expect(requiredLiterals('(?=abc)x')).toBeNull();
    expect(requiredLiterals('^/(aspnet_client/\\S+\\.aspx|owa/auth/\\S+\\.as[hp]x)$')).toEqual(['aspnet_client/', 'owa/auth/']);
    expect(requiredLiterals('=(whoami|ipconfig|cmd\\+/c\\+)')).toEqual(['whoami', 'ipconfig', 'cmd+/c+']);
    expect(requiredLiterals('POST /ecp/\\w\\.js ')).toEqual(['post /ecp/']);
    expect(requiredLiterals('abcd?e')).toEqual(['abc']);
  });
});

describe('log field rules', () => {
  const exploit = rule('ssrf', {
    log: {
      format: 'exchange-httpproxy',
      where: {
        all: [
          { field: 'anchormailbox', startsWith: 'ServerInfo~' },
          { field: 'AnchorMailbox', contains: '/' },
          { not: { any: [{ field: 'AnchorMailbox', regex: '^ServerInfo~[^/]*/autodiscover' }, { field: 'AnchorMailbox', startsWith: 'ServerInfo~localhost' }] } },
        ],
      },
    },
  });

  it('matches columns by name whatever their order and case, and skips benign look-alikes', async () => {
    const d = tempDir('proxy-');
    d.write(
      'HttpProxy/Ecp/HttpProxy_2021030306-1.LOG',
      [
        '#Software: Microsoft Exchange Server',
        '#Log-type: HttpProxy Logs',
        `#Fields: ${PROXY_FIELDS}`,
        proxyLine({ anchor: 'ServerInfo~a]@EXCH01:444/ecp/proxyLogon.ecp?#' }),
        proxyLine({ anchor: 'ServerInfo~localhost/owa/auth/logon.aspx?' }),
        proxyLine({ anchor: 'ServerInfo~akak]@EXCH01:444/autodiscover/autodiscover.xml?#' }),
        proxyLine({ anchor: 'Sid~S-1-5-21-1', ua: 'ServerInfo~ in the user agent/' }),
        '',
      ].join('\n'),
    );
    const result = await hunt(d.dir, [exploit]);
    expect(result.findings.map((f) => f.line)).toEqual([4]);
    d.cleanup();
  });

  it('evaluates IIS fields, with + for spaces and - for empty', async () => {
    const d = tempDir('iis-');
    d.write(
      'W3SVC1/u_ex210305.log',
      [
        IIS_HEADER,
        iisLine({ method: 'POST', stem: '/ecp/DDI/DDIService.svc/SetObject', query: 'schema=ResetOABVirtualDirectory', user: 'CONTOSO\\EXCH01$' }),
        iisLine({ method: 'GET', stem: '/ecp/DDI/DDIService.svc/SetObject', query: 'schema=ResetOABVirtualDirectory', user: 'CONTOSO\\EXCH01$' }),
        iisLine({ method: 'POST', stem: '/ecp/DDI/DDIService.svc/SetObject', query: 'schema=ResetOABVirtualDirectory' }),
        iisLine({ ua: 'python-requests/2.25.1' }),
        '',
      ].join('\n'),
    );
    const reset = rule('reset', {
      log: {
        format: 'iis-w3c',
        where: { all: [{ field: 'cs-method', equals: 'post' }, { field: 'cs-uri-query', contains: 'schema=Reset' }, { field: 'cs-username', endsWith: '$' }] },
      },
    });
    const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(user-agent)', in: ['python-requests/2.25.1', 'antSword/v2.1'] } } });
    const spaced = rule('spaced', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', contains: 'Windows NT 10.0' } } });
    const empty = rule('empty', { log: { format: 'iis-w3c', where: { all: [{ field: 'cs-username', equals: '' }, { field: 'cs-method', equals: 'POST' }] } } });
    const result = await hunt(d.dir, [reset, ua, spaced, empty]);
    const by = (id: string) => result.findings.filter((f) => f.ruleId === id).map((f) => f.line);
    expect(by('reset')).toEqual([5]);
    expect(by('ua')).toEqual([8]);
    expect(by('spaced')).toEqual([5, 6, 7]);
    expect(by('empty')).toEqual([7]);
    d.cleanup();
  });

  it('records a log rule as not covered when no file of its format was given', async () => {
    const d = tempDir('nocov-');
    d.write('notes.txt', 'nothing\n');
    const result = await hunt(d.dir, [exploit]);
    expect(result.coverage.rules[0]).toMatchObject({ status: 'not-covered', filesExamined: 0 });
    d.cleanup();
  });

  it('picks a literal prefilter from conditions only where it is safe', () => {
    expect(conditionLiterals({ all: [{ field: 'a', equals: 'POST' }, { field: 'b', contains: '/upload' }] })).toEqual(['/upload']);
    expect(conditionLiterals({ not: { field: 'a', equals: 'x' } })).toBeNull();
    expect(conditionLiterals({ any: [{ field: 'a', equals: 'xx' }, { field: 'b', regex: '.*' }] })).toBeNull();
    expect(conditionLiterals({ field: 'ua', contains: 'Windows NT' })).toEqual(['windows nt', 'windows+nt']);
  });
});

describe('hash rules', () => {
  it('hashes files while reading and matches SHA-256, SHA-1 and MD5', async () => {
    const d = tempDir('hash-');
    d.write('a/cleo.1142', 'payload one');
    d.write('b/other.jar', 'payload two');
    d.write('c/benign.txt', 'payload one ');
    const { createHash } = await import('node:crypto');
    const h = (alg: string, s: string) => createHash(alg).update(s).digest('hex');
    const r = rule('hashes', { hash: { sha256: [h('sha256', 'payload one').toUpperCase()], md5: [h('md5', 'payload two')], sha1: ['0'.repeat(40)] } });
    const result = await hunt(d.dir, [r]);
    expect(result.findings.map((f) => f.file.slice(d.dir.length + 1)).sort()).toEqual(['a/cleo.1142', 'b/other.jar']);
    expect(result.coverage.files.find((f) => f.file.endsWith('benign.txt'))?.sha256).toBe(h('sha256', 'payload one '));
    d.cleanup();
  });
});

describe('IP rules', () => {
  it('matches single addresses and ranges, IPv4 and IPv6, without matching longer numbers', () => {
    const list = compileIpList(['176.123.5.126', '10.20.0.0/16', '2001:db8::/32', '2a01:4f8::1']);
    expect(findListedIp('from 176.123.5.126 port', list)?.token).toBe('176.123.5.126');
    expect(findListedIp('from 176.123.5.1260 or 1176.123.5.126', list)).toBeUndefined();
    expect(findListedIp('version 1.176.123.5.126', list)).toBeUndefined();
    expect(findListedIp('c=10.20.255.1', list)?.token).toBe('10.20.255.1');
    expect(findListedIp('c=10.21.0.1', list)).toBeUndefined();
    expect(findListedIp('peer [2001:DB8:0:1::5]:443', list)?.token.toLowerCase()).toBe('2001:db8:0:1::5');
    expect(findListedIp('peer 2a01:4f8:0:0:0:0:0:1 x', list)).toBeDefined();
    expect(findListedIp('peer 2a01:4f8::2 x', list)).toBeUndefined();
  });

  it('looks in named fields only when fields are given', async () => {
    const d = tempDir('ip-');
    d.write('W3SVC1/u_ex.log', [IIS_HEADER, iisLine({ ip: '139.162.202.236' }), iisLine({ query: 'from=139.162.202.236' }), ''].join('\n'));
    const anywhere = rule('anywhere', { ip: { addresses: ['139.162.202.236'] } });
    const field = rule('field', { ip: { addresses: ['139.162.0.0/16'], fields: ['c-ip'] } });
    const result = await hunt(d.dir, [anywhere, field]);
    expect(result.findings.filter((f) => f.ruleId === 'anywhere').map((f) => f.line)).toEqual([5, 6]);
    expect(result.findings.filter((f) => f.ruleId === 'field').map((f) => f.line)).toEqual([5]);
    d.cleanup();
  });
});

describe('version rules', () => {
  it('compares numerically per component', () => {
    expect(compareVersions('5.8.0.21', '5.8.0.24')).toBe(-1);
    expect(compareVersions('15.1.2375.37', '15.1.2375.7')).toBe(1);
    expect(compareVersions('5.8', '5.8.0.0')).toBe(0);
    expect(judgeVersion('15.2.858.5', { fixedIn: '15.1.2242.10', branch: '15.1' }).kind).toBe('other-branch');
    expect(judgeVersion('5.7.0.0', { fixedIn: '5.8.0.24', introducedIn: '5.8' }).kind).toBe('not-affected');
  });

  it('reports a finding below fixedIn and rules out otherwise, and says when no version was given', async () => {
    const r = rule('cleo-fix', { version: { product: 'Cleo Harmony', fixedIn: '5.8.0.24' } }, 'critical');
    const below = await hunt(tmp.dir, [r], { 'cleo harmony': '5.8.0.21' });
    expect(below.findings).toHaveLength(1);
    expect(below.findings[0]!.match).toBe('Cleo Harmony 5.8.0.21 is older than 5.8.0.24');
    const fixed = await hunt(tmp.dir, [r], { 'Cleo Harmony': '5.8.0.100' });
    expect(fixed.findings).toHaveLength(0);
    expect(fixed.coverage.rules[0]!.status).toBe('ruled-out');
    const none = await hunt(tmp.dir, [r]);
    expect(none.coverage.rules[0]).toMatchObject({ status: 'not-evaluated' });
  });
});
