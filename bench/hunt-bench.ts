// Hunt bench (`npm run bench`): generates realistic Exchange HttpProxy and IIS logs (≥ 1 GB, in the
// git-ignored bench-data/) with planted attacks, runs `firebreak hunt` with every rule of every
// bundled playbook, checks every planted attack is found, and compares throughput with ripgrep
// searching the same files for the same patterns. Peak memory is read from the hunt process itself
// (process.resourceUsage().maxRSS, all threads) on the full set and on a quarter of it.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadRules } from '../cli/commands/hunt';
import type { Condition } from '../core/playbooks/types';
import { compileIpList } from '../core/hunt/ip';
import { conditionLiterals, literalScore, requiredLiterals } from '../core/hunt/literals';
import type { RuleInput } from '../core/hunt/index';

const root = findRoot(dirname(fileURLToPath(import.meta.url)));
const dataDir = join(root, 'bench-data', 'hunt');
const buildDir = join(root, 'bench-data', 'hunt-build');
const targetBytes = Number(process.env.HUNT_BENCH_GB ?? '1.1') * 1e9;
const TARGET_RATIO = 0.5;

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'core'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

// ---- data -----------------------------------------------------------------------------------------

const PROXY_FIELDS =
  'DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus';
const IIS_FIELDS = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const USERS = Array.from({ length: 300 }, (_, i) => `user${i}`);
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.82 Safari/537.36',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.13801; Pro)',
  'Apple-iPhone13C2/1805.114',
  'Outlook-iOS/709.2226530.prod.iphone (4.2107.0)',
];
const STEMS = ['/owa/', '/owa/service.svc', '/mapi/emsmdb/', '/EWS/Exchange.asmx', '/Microsoft-Server-ActiveSync/default.eas', '/ecp/default.aspx', '/autodiscover/autodiscover.xml', '/rpc/rpcproxy.dll', '/owa/auth/logon.aspx', '/OAB/oab.xml'];
const PROTOCOLS = ['Owa', 'Mapi', 'Ews', 'Eas', 'Ecp', 'Autodiscover', 'RpcHttp', 'Oab'];

// mulberry32: the low bits of the plain LCG used before repeat every few calls, which wrote GUIDs of
// nearly all zeros; real logs have random hex there, which a byte-pair search sees differently
let seed = 42;
const rnd = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
/** Bump when the generated text changes: data written by another version is generated again. */
const DATA_VERSION = 2;
const pick = <T>(list: readonly T[]) => list[rnd(list.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rnd(16)]).join('');
const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function proxyRow(t: Date, o: { stem?: string; anchor?: string; ua?: string; ip?: string; status?: number; user?: string; method?: string; id?: string } = {}): string {
  const user = o.user ?? `CONTOSO\\${pick(USERS)}`;
  const protocol = pick(PROTOCOLS);
  const c = [
    t.toISOString(), o.id ?? guid(), '15', '1', '2176', '2', guid(), protocol, 'mail.contoso.com', o.stem ?? pick(STEMS), '', 'Negotiate', 'true', user, '',
    o.anchor ?? `Sid~S-1-5-21-${rnd(999999999)}-${rnd(999999999)}-${1000 + rnd(5000)}`, o.ua ?? pick(AGENTS), o.ip ?? `192.168.${rnd(50)}.${1 + rnd(250)}`, 'EXCH01',
    String(o.status ?? 200), '200', '', o.method ?? pick(['GET', 'POST']), 'Proxy', 'exch01.contoso.local', 'Version 15.1 (Build 2176.2)', 'Database', `Database~${guid()}`,
    `Database~${guid()}~~${t.toISOString().slice(0, 10)}`, 'DC01.contoso.local', String(rnd(3)), String(rnd(5000)), String(rnd(90000)), '0', '"AuthModule=Negotiate,CachedCred=true"',
    ...Array.from({ length: 30 }, () => String(rnd(40))), '', '', '"BEBuild=15.1.2176.2;OnBeginRequest=0;"', '', guid(), guid(), guid(), '0', 'Success',
  ];
  return c.slice(0, 74).join(',');
}

function iisRow(t: Date, o: { method?: string; stem?: string; query?: string; user?: string; ip?: string; ua?: string; status?: number } = {}): string {
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const query = o.query ?? `&CorrelationID=<empty>;&cafeReqId=${guid()};&encoding=;`;
  return `${date} 10.0.0.10 ${o.method ?? pick(['GET', 'POST', 'GET'])} ${o.stem ?? pick(STEMS)} ${query} 443 ${o.user ?? `CONTOSO\\${pick(USERS)}`} ${o.ip ?? `192.168.${rnd(50)}.${1 + rnd(250)}`} ${(o.ua ?? pick(AGENTS)).replace(/ /g, '+')} - ${o.status ?? 200} 0 0 ${rnd(900)}`;
}

interface Planted {
  file: string;
  line: number;
  what: string;
}

const PROXY_ATTACKS: [string, (t: Date) => string][] = [
  ['ProxyLogon SSRF (AnchorMailbox ServerInfo~)', (t) => proxyRow(t, { stem: '/ecp/y.js', anchor: 'ServerInfo~a]@EXCH01.contoso.local:444/ecp/proxyLogon.ecp?#', ua: 'python-requests/2.25.1', ip: '130.255.189.21', user: '', status: 241, method: 'POST' })],
  ['ProxyLogon SSRF to EWS', (t) => proxyRow(t, { stem: '/ecp/y.js', anchor: 'ServerInfo~a]@EXCH01.contoso.local:444/ews/exchange.asmx?#', ua: 'ExchangeServicesClient/0.0.0.0', ip: '130.255.189.21', user: '', method: 'POST' })],
];
const IIS_ATTACKS: [string, (t: Date) => string][] = [
  ['OAB virtual directory reset (CVE-2021-27065)', (t) => iisRow(t, { method: 'POST', stem: '/ecp/DDI/DDIService.svc/SetObject', query: 'schema=ResetOABVirtualDirectory&msExchEcpCanary=abc', user: 'CONTOSO\\EXCH01$', ip: '130.255.189.21', ua: 'python-requests/2.25.1' })],
  ['web shell answered (RedirSuiteServerProxy.aspx)', (t) => iisRow(t, { method: 'GET', stem: '/owa/auth/RedirSuiteServerProxy.aspx', ip: '139.162.202.236', user: '-', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })],
  ['web shell command (aspnet_client, cmd=whoami)', (t) => iisRow(t, { method: 'POST', stem: '/aspnet_client/discover.aspx', query: 'cmd=whoami', ip: '67.205.176.9', user: '-' })],
  ['ProxyShell autodiscover.json SSRF', (t) => iisRow(t, { method: 'GET', stem: '/autodiscover/autodiscover.json', query: '@evil.com/mapi/nspi/?&Email=autodiscover/autodiscover.json%3f@evil.com', user: '-', ip: '5.254.43.18', ua: 'python-requests/2.25.1' })],
];

async function writeLogFile(file: string, bytes: number, header: string, row: (t: Date) => string, attacks: [string, (t: Date) => string][], start: Date, planted: Planted[]) {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let written = 0;
  let line = header.split('\n').length;
  out.write(`${header}\n`);
  written += header.length + 1;
  const plantAt = attacks.map((_, i) => Math.floor((bytes / (attacks.length + 1)) * (i + 1)));
  let t = start.getTime();
  const batch: string[] = [];
  while (written < bytes) {
    t += 20 + rnd(200);
    let text = row(new Date(t));
    const due = plantAt.findIndex((at) => at >= 0 && written >= at);
    if (due !== -1) {
      text = attacks[due]![1](new Date(t));
      planted.push({ file, line: line + 1, what: attacks[due]![0] });
      plantAt[due] = -1;
    }
    batch.push(text);
    line++;
    written += text.length + 1;
    if (batch.length === 2000) {
      if (!out.write(`${batch.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch.length = 0;
    }
  }
  if (batch.length) out.write(`${batch.join('\n')}\n`);
  await new Promise<void>((r) => out.end(() => r()));
}

async function generate(): Promise<{ planted: Planted[]; files: string[] }> {
  const manifest = join(dataDir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: number; bytes: number; planted: Planted[]; files: string[] };
    if (m.version === DATA_VERSION && m.bytes === targetBytes && m.files.every((f) => existsSync(f))) return m;
  }
  // both tools search the whole folder: files of an earlier generation must not stay behind
  rmSync(dataDir, { recursive: true, force: true });
  const planted: Planted[] = [];
  const files: string[] = [];
  const proxyFiles = Math.max(1, Math.round(targetBytes * 0.45 / 60e6));
  const iisFiles = Math.max(1, Math.round(targetBytes * 0.55 / 150e6));
  const proxyHeader = `#Software: Microsoft Exchange Server\n#Version: 15.01.2176.002\n#Log-type: HttpProxy Logs\n#Date: 2021-03-03T00:00:00.000Z\n#Fields: ${PROXY_FIELDS}`;
  for (let i = 0; i < proxyFiles; i++) {
    const file = join(dataDir, 'V15/Logging/HttpProxy', pick(['Ecp', 'Owa', 'Mapi', 'Ews']), `HttpProxy_20210303${pad(i)}-1.LOG`);
    await writeLogFile(file, (targetBytes * 0.45) / proxyFiles, proxyHeader, (t) => proxyRow(t), i === 0 ? PROXY_ATTACKS : [], new Date(Date.UTC(2021, 2, 3, i)), planted);
    files.push(file);
  }
  for (let i = 0; i < iisFiles; i++) {
    const file = join(dataDir, 'inetpub/logs/LogFiles/W3SVC1', `u_ex2103${pad(1 + i)}.log`);
    const header = `#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2021-03-${pad(1 + i)} 00:00:00\n#Fields: ${IIS_FIELDS}`;
    await writeLogFile(file, (targetBytes * 0.55) / iisFiles, header, (t) => iisRow(t), i === iisFiles - 1 ? IIS_ATTACKS : [], new Date(Date.UTC(2021, 2, 1 + i)), planted);
    files.push(file);
  }
  writeFileSync(manifest, JSON.stringify({ version: DATA_VERSION, bytes: targetBytes, planted, files }));
  return { planted, files };
}

// ---- the hunt CLI: the very files `npm run build:cli` ships -----------------------------------------

async function buildCli(): Promise<{ cli: string; hook: string }> {
  // rebuilt first, so the bench measures the sources as they are (out/cli/firebreak.mjs and its worker)
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr}`);
  mkdirSync(buildDir, { recursive: true });
  // peak memory of the whole process (every thread), printed as it exits
  const hook = join(buildDir, 'report-maxrss.mjs');
  writeFileSync(hook, `process.on('exit', () => process.stderr.write('BENCH_MAXRSS_KIB ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  return { cli: join(root, 'out', 'cli', 'firebreak.mjs'), hook };
}

function runHuntCli(entry: { cli: string; hook: string }, paths: string[]): Promise<{ seconds: number; rssKiB: number; stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', pathToFileURL(entry.hook).href, entry.cli, 'hunt', '--json', '--playbooks', join(root, 'playbooks'), ...paths], { cwd: root });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /BENCH_MAXRSS_KIB (\d+)/.exec(err);
      if ((code !== 0 && code !== 1) || !rss) return reject(new Error(`firebreak hunt failed (exit ${code}): ${err.slice(0, 500)}`));
      resolve({ seconds, rssKiB: Number(rss[1]), stdout: Buffer.concat(out).toString('utf8'), code: code ?? 0 });
    });
  });
}

// ---- the same patterns for ripgrep --------------------------------------------------------------------
//
// What a person hunting with grep would search for, generated from the rules (nothing hand-picked):
// - content rules: every literal and every regular expression;
// - IP rules: every address (for a range, the prefix the engine itself looks for, e.g. "5.252.189.");
// - log rules: every value of contains / startsWith / endsWith / equals / in and every regex outside a
//   `not`, kept when it is at least as selective as the literal the engine requires for that rule
//   (same measure: literalScore in core/hunt/literals.ts). A value such as GET, POST or 200 matches
//   nearly every line: with it ripgrep prints almost the whole log and stops looking for anything else,
//   which measures nothing useful. That degenerate list (ALL values) is timed and printed as well.
// Each pattern carries its case: (?i) unless the rule is case-sensitive, as the engine matches.

const rgEscape = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

interface PatternLists {
  honest: string[];
  all: string[];
  dropped: string[];
}

function conditionValues(c: Condition, negated: boolean, out: { value: string; regex: boolean; negated: boolean; cs: boolean }[]): void {
  if ('all' in c) c.all.forEach((x) => conditionValues(x, negated, out));
  else if ('any' in c) c.any.forEach((x) => conditionValues(x, negated, out));
  else if ('not' in c) conditionValues(c.not, !negated, out);
  else {
    const cs = c.caseSensitive ?? false;
    for (const v of [c.equals, c.contains, c.startsWith, c.endsWith, ...(c.in ?? [])]) if (v) out.push({ value: v, regex: false, negated, cs });
    if (c.regex) out.push({ value: c.regex, regex: true, negated, cs });
  }
}

function rulePatterns(rules: RuleInput[]): PatternLists {
  const honest: string[] = [];
  const all: string[] = [];
  const dropped: string[] = [];
  const withCase = (p: string, cs: boolean) => (cs ? p : `(?i)${p}`);
  for (const { rule } of rules) {
    const m = rule.match;
    if ('content' in m) {
      const cs = m.content.caseSensitive ?? false;
      const list = [...(m.content.literals ?? []).map((l) => withCase(rgEscape(l), cs)), ...(m.content.regex ?? []).map((r) => withCase(r, cs))];
      honest.push(...list);
      all.push(...list);
    } else if ('ip' in m) {
      const ips = compileIpList(m.ip.addresses);
      const list = m.ip.addresses.map((a) => (a.includes('/') ? null : rgEscape(a.trim()))).filter((a): a is string => a !== null);
      for (const prefix of ips.literals ?? []) if (!m.ip.addresses.some((a) => a.trim() === prefix)) list.push(rgEscape(prefix));
      honest.push(...list);
      all.push(...list);
    } else if ('log' in m) {
      const required = conditionLiterals(m.log.where);
      const bar = required ? literalScore(required) : 0;
      const values: Parameters<typeof conditionValues>[2] = [];
      conditionValues(m.log.where, false, values);
      for (const v of values) {
        const pattern = withCase(v.regex ? v.value : rgEscape(v.value), v.cs);
        all.push(pattern);
        const lits = v.regex ? requiredLiterals(v.value) : [v.value];
        const score = lits ? literalScore(lits) : 0;
        if (!v.negated && score >= bar) honest.push(pattern);
        else dropped.push(v.value);
      }
    }
  }
  return { honest: [...new Set(honest)], all: [...new Set(all)], dropped: [...new Set(dropped)] };
}

/** Patterns ripgrep's regex engine accepts (a few rules use look-around, which it does not have). */
function ripgrepUsable(patterns: string[], file: string): string[] {
  const ok = (list: string[]) => {
    writeFileSync(file, `${list.join('\n')}\n`);
    return spawnSync('rg', ['-c', '-f', file, '/dev/null']).status !== 2;
  };
  if (ok(patterns)) return patterns;
  return patterns.filter((p) => ok([p]));
}

function timeRipgrep(patternFile: string): { seconds: number; lines: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync('rg', ['-c', '--no-ignore', '--hidden', '--no-messages', '-f', patternFile, dataDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status === 2 || r.error) throw new Error(`ripgrep failed: ${r.stderr || r.error?.message}`);
  const lines = r.stdout.split('\n').filter(Boolean).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(':') + 1)), 0);
  return { seconds, lines };
}

// ---- run ----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  if (spawnSync('rg', ['--version']).status !== 0) {
    console.log('hunt-bench: ripgrep (rg) is not installed; install the Debian package ripgrep.');
    return 1;
  }
  const t0 = Date.now();
  const { planted, files } = await generate();
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`data: ${files.length} files, ${(bytes / 1e9).toFixed(2)} GB (HttpProxy and IIS), ${planted.length} planted attacks, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const rules = await loadRules(join(root, 'playbooks'), 'en', []);
  const playbooks = [...new Set(rules.map((r) => `${r.playbookId} ${r.playbookVersion}`))];
  const entry = await buildCli();
  const lists = rulePatterns(rules);
  const honestFile = join(buildDir, 'patterns.txt');
  const allFile = join(buildDir, 'patterns-all-values.txt');
  const honest = ripgrepUsable(lists.honest, honestFile);
  writeFileSync(honestFile, `${honest.join('\n')}\n`);
  const all = ripgrepUsable(lists.all, allFile);
  writeFileSync(allFile, `${all.join('\n')}\n`);
  console.log(`rules: ${rules.length} from ${playbooks.length} playbooks (${playbooks.join(', ')})`);
  console.log(
    `ripgrep patterns (${honestFile}): ${honest.length}, generated from the rules: every content literal and regex, every IP address (a range as its prefix), every log-rule value/regex at least as selective as the literal the engine requires for that rule, (?i) unless the rule is case-sensitive` +
      `${honest.length < lists.honest.length ? `; ${lists.honest.length - honest.length} regexes ripgrep cannot compile (look-around) left out` : ''}`,
  );
  console.log(`  left out as less selective than the engine's own literal, or negated (${lists.dropped.length}): ${lists.dropped.map((d) => JSON.stringify(d)).join(' ').slice(0, 400)}${lists.dropped.join(' ').length > 400 ? ' …' : ''}`);

  // Best of three for each, interleaved (ripgrep, hunt, ripgrep, hunt…) after a warm-up, so neither
  // pays for a cold page cache and a busy machine slows both alike rather than one of them.
  timeRipgrep(honestFile);
  const rgRuns: ReturnType<typeof timeRipgrep>[] = [];
  const rgAllRuns: ReturnType<typeof timeRipgrep>[] = [];
  const huntRuns: Awaited<ReturnType<typeof runHuntCli>>[] = [];
  for (let i = 0; i < 3; i++) {
    rgRuns.push(timeRipgrep(honestFile));
    huntRuns.push(await runHuntCli(entry, [dataDir]));
    rgAllRuns.push(timeRipgrep(allFile));
  }
  const fastest = <T extends { seconds: number }>(list: T[]) => [...list].sort((a, b) => a.seconds - b.seconds)[0]!;
  const rg = fastest(rgRuns);
  const rgAll = fastest(rgAllRuns);
  const hunt = fastest(huntRuns);
  const doc = JSON.parse(hunt.stdout) as { findings: { file: string; line: number; rule: string }[]; coverage: { workers: number; rules: { status: string }[] } };
  const found = new Set(doc.findings.map((f) => `${f.file}:${f.line}`));
  const missed = planted.filter((p) => !found.has(`${p.file}:${p.line}`));
  const quarter = files.filter((_, i) => i % 4 === 0);
  const quarterBytes = quarter.reduce((n, f) => n + statSync(f).size, 0);
  const small = await runHuntCli(entry, quarter);
  const startup = await runHuntCli(entry, [join(buildDir, 'empty')].map((d) => (mkdirSync(d, { recursive: true }), d)));

  const mbps = (s: number) => bytes / 1e6 / s;
  const huntRate = mbps(hunt.seconds);
  const ratio = huntRate / mbps(rg.seconds);
  const ratioAll = huntRate / mbps(rgAll.seconds);
  // four times the input may cost at most a fifth more memory (heaps settle, nothing accumulates)
  const flat = hunt.rssKiB <= small.rssKiB * 1.2;
  console.log(`findings: ${doc.findings.length} (rules hit: ${doc.coverage.rules.filter((r) => r.status === 'hit').length}); planted attacks found: ${planted.length - missed.length}/${planted.length}${missed.length ? '' : ' (all)'}`);
  for (const m of missed) console.log(`  MISSED planted attack: ${m.what} at ${m.file}:${m.line}`);
  console.log(`firebreak hunt: ${hunt.seconds.toFixed(2)} s, ${huntRate.toFixed(0)} MB/s, ${doc.coverage.workers} worker threads, peak memory ${(hunt.rssKiB / 1024).toFixed(0)} MiB (of which ${startup.seconds.toFixed(2)} s is start-up: loading the playbooks and workers, timed on an empty folder)`);
  console.log(`ripgrep:        ${rg.seconds.toFixed(2)} s, ${mbps(rg.seconds).toFixed(0)} MB/s with the ${honest.length} patterns above (${rg.lines} matching lines)`);
  console.log(`ratio hunt/ripgrep: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'MET' : 'MISSED'}`);
  console.log(`  for the record, ripgrep with ALL ${all.length} rule values (GET, POST, 200…: nearly every line matches, so it stops early on each line): ${rgAll.seconds.toFixed(2)} s, ${mbps(rgAll.seconds).toFixed(0)} MB/s, ${rgAll.lines} matching lines; ratio ${ratioAll.toFixed(2)}`);
  console.log(`peak memory: ${(hunt.rssKiB / 1024).toFixed(0)} MiB on ${(bytes / 1e9).toFixed(2)} GB, ${(small.rssKiB / 1024).toFixed(0)} MiB on a quarter (${(quarterBytes / 1e9).toFixed(2)} GB): ${flat ? 'flat (does not grow with the input: 4x the data, at most 1.2x the memory)' : 'GROWS with the input (more than 1.2x the memory for 4x the data)'}`);
  return missed.length === 0 && ratio >= TARGET_RATIO && flat ? 0 : 1;
}

process.exitCode = await main();
