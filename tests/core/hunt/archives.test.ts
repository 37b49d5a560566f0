// gzip and zip read in place; zip bombs, forged sizes, overlapping entries and deep nesting refused
// with a sentence; names that climb out of the archive reported; hostile file names shown safely.
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runHunt } from '../../../core/hunt/index';
import { displayPath } from '../../../core/hunt/text';
import { IIS_HEADER, iisLine, makeZip, rule, tempDir } from './helpers';

const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', equals: 'python-requests/2.25.1' } } });
const shell = rule('shell', { path: { root: 'iis', globs: ['wwwroot/aspnet_client/**/*.aspx'] } }, 'critical');
const lit = rule('lit', { content: { literals: ['healthchecktemplate.txt'] } });
const log = [IIS_HEADER, iisLine(), iisLine({ ua: 'python-requests/2.25.1' }), ''].join('\n');
const dirs: { cleanup(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));
const hunt = async (files: Record<string, Buffer | string>, rules = [ua, shell, lit]) => {
  const d = tempDir('arch-');
  dirs.push(d);
  for (const [name, content] of Object.entries(files)) d.write(name, content);
  const before = readdirSync(d.dir, { recursive: true }).length;
  const result = await runHunt({ paths: [d.dir], rules, workers: 0 });
  // nothing is ever written next to the inputs
  expect(readdirSync(d.dir, { recursive: true }).length).toBe(before);
  return { result, dir: d.dir };
};

describe('compressed inputs', () => {
  it('reads .gz in place, whatever its name', async () => {
    const { result, dir } = await hunt({ 'W3SVC1/u_ex210305.log.gz': gzipSync(log), 'W3SVC1/copy.bin': gzipSync(log) });
    expect(result.findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.line}`).sort()).toEqual(['W3SVC1/copy.bin:6', 'W3SVC1/u_ex210305.log.gz:6']);
    expect(result.coverage.files.every((f) => f.format === 'iis-w3c')).toBe(true);
  });

  it('reads zip entries (stored, deflated, gzip inside) and runs path rules on their names', async () => {
    const zip = makeZip([
      { name: 'W3SVC1/u_ex210305.log', data: log },
      { name: 'inetpub/wwwroot/aspnet_client/system_web/x.aspx', data: 'placeholder', store: true },
      { name: 'logs/old.log.gz', data: gzipSync("Note: Processing autorun file 'autorun\\healthchecktemplate.txt'\n") },
    ]);
    const { result, dir } = await hunt({ 'case/iis.zip': zip });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file.slice(dir.length + 1)}:${f.line}`).sort()).toEqual([
      'lit case/iis.zip!logs/old.log.gz:1',
      'shell case/iis.zip!inetpub/wwwroot/aspnet_client/system_web/x.aspx:0',
      'ua case/iis.zip!W3SVC1/u_ex210305.log:6',
    ]);
    expect(result.coverage.skipped).toEqual([]);
  });

  it('opens a zip inside a zip, and refuses the third level with a message', async () => {
    const inner = makeZip([{ name: 'hosts/main.xml', data: 'see healthchecktemplate.txt' }]);
    const middle = makeZip([{ name: 'temp/abc.tmp', data: inner }]);
    const outer = makeZip([{ name: 'stage.zip', data: middle }]);
    const two = await hunt({ 'two.zip': middle });
    expect(two.result.findings.map((f) => f.file.slice(two.dir.length + 1))).toEqual(['two.zip!temp/abc.tmp!hosts/main.xml']);
    const three = await hunt({ 'three.zip': outer });
    expect(three.result.findings).toEqual([]);
    expect(three.result.coverage.skipped).toHaveLength(1);
    expect(three.result.coverage.skipped[0]!.reason).toMatch(/nested 3 levels deep.*2 levels deep at most/);
  });
});

describe('hostile archives', () => {
  it('refuses an entry that expands too many times (zip bomb)', async () => {
    const { result } = await hunt({ 'bomb.zip': makeZip([{ name: 'zeros.log', data: Buffer.alloc(50 * 1024 * 1024) }, { name: 'ok.txt', data: 'healthchecktemplate.txt' }]) });
    expect(result.coverage.skipped.map((s) => s.reason).join(' ')).toMatch(/expands \d+ times \(a zip bomb/);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['lit']);
  });

  it('refuses an entry that inflates past its declared size', async () => {
    const { result } = await hunt({ 'liar.zip': makeZip([{ name: 'a.log', data: Buffer.alloc(3 * 1024 * 1024, 'a'), declaredSize: 1000 }]) });
    expect(result.coverage.skipped[0]?.reason).toMatch(/beyond its declared size/);
  });

  it('refuses an archive whose entries overlap', async () => {
    const { result } = await hunt({ 'overlap.zip': makeZip([{ name: 'a.log', data: 'x' }, { name: 'b.log', data: 'x', sameOffsetAs: 0 }]) });
    expect(result.coverage.skipped[0]?.reason).toMatch(/overlap one another/);
  });

  it('reports a damaged zip and a damaged gzip without stopping', async () => {
    const { result } = await hunt({ 'cut.zip': makeZip([{ name: 'a.log', data: 'x'.repeat(1000) }]).subarray(0, 40), 'cut.gz': gzipSync(log).subarray(0, 30), 'fine.txt': 'healthchecktemplate.txt' });
    expect(result.coverage.skipped.map((s) => s.file.split('/').pop()).sort()).toEqual(['cut.gz', 'cut.zip']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['lit']);
  });

  it('reports entry names that climb out of the archive, and never writes them', async () => {
    const { result } = await hunt({ 'evil.zip': makeZip([{ name: '../../../etc/cron.d/x', data: 'healthchecktemplate.txt' }, { name: 'C:/Windows/x.log', data: 'y' }]) });
    expect(result.coverage.warnings).toHaveLength(2);
    expect(result.coverage.warnings[0]).toMatch(/points outside the archive; it was read in memory, never written/);
    expect(result.findings).toHaveLength(1);
  });
});

describe('hostile file names', () => {
  it('scans a file whose name holds newlines and terminal escapes, and shows it escaped', async () => {
    const name = 'evil\n[CRITICAL] forged line\u001b[31m.log';
    const { result } = await hunt({ [name]: 'healthchecktemplate.txt\n' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.file.endsWith(name)).toBe(true);
    const shown = displayPath(result.findings[0]!.file);
    expect(shown.includes('\n') || shown.includes('\u001b')).toBe(false);
    expect(shown).toContain('evil\\x0a[CRITICAL] forged line\\x1b[31m.log');
  });
});
