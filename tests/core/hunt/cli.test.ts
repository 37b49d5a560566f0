// `firebreak hunt` end to end through the dispatcher: output and exit codes.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/index';
import { huntCommand } from '../../../cli/commands/hunt';
import { IIS_HEADER, iisLine, tempDir } from './helpers';

const root = join(import.meta.dirname, '../../..');
const playbooks = tempDir('cli-playbooks-');
mkdirSync(join(playbooks.dir, 'en'), { recursive: true });
copyFileSync(join(root, 'tests/fixtures/playbooks/sample-en.md'), join(playbooks.dir, 'en', 'sample-webapp.md'));
const cases = tempDir('cli-cases-');
cases.write('clean/www/index.php', '<?php echo "hello";');
cases.write('clean/W3SVC1/u_ex1.log', [IIS_HEADER, iisLine(), ''].join('\n'));
cases.write('shell/www/site/shell01.php', 'placeholder');
cases.write('exploit/W3SVC1/u_ex1.log', [IIS_HEADER, iisLine({ method: 'POST', stem: '/api/upload', ip: '203.0.113.9' }), iisLine({ method: 'POST', stem: '/api/upload', ip: '10.0.0.5' }), ''].join('\n'));
afterAll(() => {
  playbooks.cleanup();
  cases.cleanup();
});

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['hunt', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root }, [huntCommand]);
  return { code, stdout, stderr };
}
const P = ['--playbooks', playbooks.dir];

describe('firebreak hunt', () => {
  it('exits 0 and prints the coverage when nothing is found', async () => {
    const r = await run(...P, join(cases.dir, 'clean'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No finding in 2 file\(s\)/);
    expect(r.stdout).toContain('Ruled out: sample-webapp/sample-webshell-names over 2 file(s)');
    expect(r.stdout).toContain('Ruled out: sample-webapp/sample-exploit-request over 1 file(s)');
    expect(r.stdout).toContain('Log entries from 2021-03-05T03:06:27Z to 2021-03-05T03:06:27Z (UTC).');
  });

  it('exits 1 with a finding at or above --fail-on, and prints one JSON document', async () => {
    const r = await run(...P, '--json', join(cases.dir, 'shell'), join(cases.dir, 'exploit'));
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; coverage: { rules: { status: string }[]; files: unknown[] } };
    expect(doc.findings.map((f) => [f.rule, f.severity, String(f.file).slice(cases.dir.length + 1), f.line])).toEqual([
      ['sample-exploit-request', 'high', 'exploit/W3SVC1/u_ex1.log', 5],
      ['sample-webshell-names', 'critical', 'shell/www/site/shell01.php', 0],
    ]);
    expect(Object.keys(doc.findings[0]!).slice(0, 7)).toEqual(['playbook', 'rule', 'severity', 'file', 'line', 'match', 'explanation']);
    expect(doc.coverage.rules.map((x) => x.status)).toEqual(['hit', 'hit']);
  });

  it('exits 0 when findings are below --fail-on, and groups the text by severity', async () => {
    const r = await run(...P, '--fail-on', 'critical', join(cases.dir, 'exploit'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 finding\(s\): 1 high/);
    expect(r.stdout).toMatch(/\nHIGH\n {2}Exploit request in the access log \[sample-webapp\/sample-exploit-request\]\n/);
  });

  it('exits 2 with one sentence on errors', async () => {
    const missing = await run(...P, join(cases.dir, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^firebreak hunt: .*nowhere cannot be read \(it no longer exists\)\.\n$/);
    const unknown = await run(...P, '--playbook', 'nope', cases.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no bundled playbook has the id "nope" (known: sample-webapp)');
    const badSeverity = await run(...P, '--fail-on', 'urgent', cases.dir);
    expect(badSeverity.code).toBe(2);
    const none = await run(...P);
    expect(none.code).toBe(2);
    const noRules = await run('--playbooks', join(cases.dir, 'clean'), cases.dir);
    expect(noRules.code).toBe(2);
    expect(noRules.stderr).toMatch(/No hunt rule was found/);
  });

  it('uses the bundled playbooks by default and takes product versions', async () => {
    const positive = join(root, 'tests/fixtures/hunt/exchange-proxylogon/path-aspnet-client-script/positive');
    const r = await run('--playbook', 'exchange-proxylogon', '--json', '--version', 'Microsoft Exchange Server=15.1.2176.2', positive);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { rule: string }[] };
    expect(doc.findings.map((f) => f.rule)).toContain('path-aspnet-client-script');
  });
});
