// Runs the built `firebreak` CLI as a child process, the way a consultant or a CI job would.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, runCli } from './built-cli';

const fixtures = join(root, 'tests', 'fixtures', 'playbooks', 'cli');
const run = (...args: string[]) => runCli(args);

describe('firebreak', () => {
  it('prints its help and lists the validate command', () => {
    const result = run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: firebreak <command>/);
    expect(result.stdout).toMatch(/validate\s+check playbook files/);
  });

  it('refuses an unknown command with one sentence and exit 2', () => {
    const result = run('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('prints the help of a command', () => {
    const result = run('validate', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: firebreak validate/);
  });
});

describe('firebreak validate', () => {
  it('exits 0 on a good folder and skips README.md', () => {
    const result = run('validate', join(fixtures, 'good'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('1 playbook checked: no problems.\n');
    expect(result.code).toBe(0);
  });

  it('prints file:line: message for each problem and exits 1', () => {
    const result = run('validate', 'tests/fixtures/playbooks/cli/bad/broken.md');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const file = 'tests/fixtures/playbooks/cli/bad/broken.md';
    expect(lines).toContain(`${file}:5: Front matter: \`version\` must be text, but YAML read 1 as a number: put it in quotes, for example "1".`);
    expect(lines.some((l) => l.startsWith(`${file}:21: Raw HTML`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:23: Write \`\`\`bash instead of \`\`\`sh`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:27: The id \`check-version\` is already used by the step on line 13`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:13: The id \`check-version\` is used again`))).toBe(true);
    expect(lines.at(-1)).toMatch(/^1 playbook checked: \d+ errors in 1 file, 1 warning\.$/);
    expect(lines.filter((l) => l.startsWith(`${file}:21: Raw HTML`))).toHaveLength(1);
  });

  it('marks warnings as such and exits 0 when there is no error', () => {
    const file = 'tests/fixtures/playbooks/cli/warn/no-references.md';
    const strict = run('validate', file);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/no-references\.md:16: The step `ask-first` cites no source/);
    const imported = run('validate', '--imported', file);
    expect(imported.stdout).toBe(`${file}:16: warning: The step \`ask-first\` cites no source: add \`references:\` with the https address of the advisory or documentation it relies on.\n1 playbook checked: no errors, 1 warning.\n`);
    expect(imported.code).toBe(0);
  });

  it('prints one JSON document with --json', () => {
    const result = run('validate', '--json', join(fixtures, 'good'), join(fixtures, 'bad'));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; errorCount: number; files: { file: string; problems: { line: number }[] }[] };
    expect(report.ok).toBe(false);
    expect(report.files).toHaveLength(2);
    expect(report.errorCount).toBe(report.files.reduce((n, f) => n + f.problems.length, 0));
  });

  it('exits 2 on usage errors', () => {
    expect(run('validate').code).toBe(2);
    const bad = run('validate', '--nope', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --nope; run firebreak validate --help/);
  });

  it('reports a missing path as an error', () => {
    const result = run('validate', 'no/such/file.md');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^no\/such\/file\.md:1: There is no file or folder with this name\./);
  });
});
