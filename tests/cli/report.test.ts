// `firebreak example-case`, `report`, `bundle` and `verify`, run as child processes of the built CLI.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../core/report/pdf';
import { runCli } from './built-cli';

const hasChromium = (await findChromium()) !== undefined;
let dir: string;
let caseDir: string;
const run = (...args: string[]) => runCli(args, { cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'firebreak-cli-report-'));
  const written = run('example-case', 'demo');
  expect(written.stderr).toBe('');
  expect(written.code).toBe(0);
  caseDir = /Example case written: (.+)\n/.exec(written.stdout)?.[1] as string;
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('firebreak example-case, report, bundle, verify', () => {
  it('documents each command with --help and lists them', () => {
    const top = run('--help');
    for (const name of ['example-case', 'report', 'bundle', 'verify']) {
      expect(top.stdout).toContain(`  ${name} `);
      const help = run(name, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: firebreak ${name} `));
    }
  });

  it('writes the example case where the app can open it', async () => {
    expect(caseDir).toContain(join(dir, 'demo', 'cases'));
    const doc = JSON.parse(await readFile(join(caseDir, 'case.json'), 'utf8'));
    expect(doc).toMatchObject({ schemaVersion: 2, organisation: 'Transports Lefèvre SARL', language: 'fr' });
    expect((await readdir(join(caseDir, 'evidence'))).length).toBe(doc.records.evidence.length);
  });

  it('writes the report as HTML, Markdown and JSON, and verifies the JSON', async () => {
    for (const format of ['html', 'md', 'json']) {
      const result = run('report', caseDir, '--format', format, '--out', `r.${format}`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Report version 1 written to .+ \(report SHA-256 [a-f0-9]{64}\)\.\n$/);
    }
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toContain('9. Registre des preuves');
    const ok = run('verify', 'r.json');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Report verified: version 1, SHA-256 [a-f0-9]{64}\.\n$/);
    const json = await readFile(join(dir, 'r.json'), 'utf8');
    await writeFile(join(dir, 'tampered.json'), json.replace('PV 2024/012345', 'PV 2024/099999'));
    const bad = run('verify', 'tampered.json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^firebreak verify: The report was changed after it was written: its SHA-256 is [a-f0-9]{64}, not [a-f0-9]{64}\.\n$/);
  });

  it.skipIf(!hasChromium)('writes a Letter PDF through Chromium', () => {
    const result = run('report', caseDir, '--format', 'pdf', '--paper', 'letter', '--out', 'r.pdf');
    expect(result.code).toBe(0);
    expect(execFileSync('pdfinfo', [join(dir, 'r.pdf')]).toString()).toContain('612 x 792');
    expect(execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString()).toContain('Transports Lefèvre SARL');
  }, 60_000);

  it('writes a verified bundle, which verify accepts, and refuses it once changed', async () => {
    const result = run('bundle', caseDir, '--out', 'case.zip', '--no-pdf');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Bundle written and verified: .+case\.zip \(\d+ files, report version 1\)\.\n$/);
    const ok = run('verify', 'case.zip', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, files: expect.any(Number) });
    // Flip one byte of a stored (uncompressed) region: the zip stays readable, a hash no longer matches.
    const bytes = await readFile(join(dir, 'case.zip'));
    const at = bytes.indexOf(Buffer.from('"manifest"')) > 0 ? bytes.indexOf(Buffer.from('"manifest"')) : Math.floor(bytes.length / 3);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    await writeFile(join(dir, 'broken.zip'), bytes);
    const bad = run('verify', 'broken.zip');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^firebreak verify: This bundle was refused: .+\.\n$/);
  });

  it('says in one sentence what is wrong, with a non-zero exit', async () => {
    const missing = run('report', join(dir, 'nowhere'), '--format', 'html', '--out', 'x.html');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^firebreak report: .+ is not a case folder \(it has no case\.json\)\./);
    const usage = run('report', caseDir, '--format', 'docx', '--out', 'x');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--format is pdf, html, md or json/);
    expect(run('bundle', caseDir).code).toBe(2);
    expect(run('verify').code).toBe(2);
    await writeFile(join(dir, 'plain.zip'), 'nope');
    const notZip = run('verify', 'plain.zip');
    expect(notZip.code).toBe(1);
    expect(notZip.stderr).toMatch(/not a readable zip file/);
    await chmod(join(dir, 'plain.zip'), 0o644);
  });
});
