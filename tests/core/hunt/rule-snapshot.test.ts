// The build-time rule snapshot (out/cli/bundled-rules.json): `firebreak hunt` takes its rules from it
// only when it provably describes the very playbook files on disk, parsed by the very same code, and
// otherwise parses the playbooks as the registry does. Every test compares with registryRules, the
// parser's answer, and checks which way the rules were loaded.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuleSnapshot, huntCommand, loadRules, registryRules, writeRuleSnapshot, type RuleSnapshot } from '../../../cli/commands/hunt';
import { tempDir } from './helpers';

const bundled = join(__dirname, '../../../playbooks');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function temp(prefix: string): string {
  const t = tempDir(prefix);
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A copy of the bundled playbooks, a snapshot of that copy, and a loader that treats the copy as bundled. */
async function snapshotOfCopy() {
  const dir = temp('snap-pb-');
  cpSync(bundled, dir, { recursive: true });
  const snapshotFile = join(temp('snap-out-'), 'bundled-rules.json');
  await writeRuleSnapshot(snapshotFile, dir);
  const load = (language: 'en' | 'fr' = 'en', only: string[] = []) => loadWithNotes(dir, language, only, { snapshotFile, bundledDir: dir });
  return { dir, snapshotFile, load };
}

async function loadWithNotes(dir: string, language: 'en' | 'fr', only: string[], options: { snapshotFile?: string; bundledDir?: string }) {
  const notes: string[] = [];
  const rules = await loadRules(dir, language, only, { ...options, debug: (n) => notes.push(n) });
  return { rules, fromSnapshot: notes.some((n) => n.startsWith('rules from the build-time snapshot')), notes };
}

/** Rewrites a snapshot as a person editing it by hand would, keeping its digest consistent. */
function tamper(snapshotFile: string, edit: (s: RuleSnapshot) => void) {
  const s = JSON.parse(readFileSync(snapshotFile, 'utf8')) as RuleSnapshot;
  edit(s);
  const { format: _f, digest: _d, ...body } = s;
  s.digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  writeFileSync(snapshotFile, JSON.stringify(s));
}

describe('rule snapshot', () => {
  it('holds exactly what the registry gives for the bundled playbooks, in both languages', async () => {
    const snapshot = await buildRuleSnapshot(bundled);
    for (const language of ['en', 'fr'] as const) {
      expect(snapshot.rules[language]).toStrictEqual(await registryRules(bundled, language, []));
    }
    expect(snapshot.files.map((f) => f.path)).toContain('fr/exchange-proxylogon.md');
    expect(snapshot.files.every((f) => f.valid && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(snapshot.ids).toContain('exchange-proxylogon');
  });

  it('is used for the bundled folder and gives the registry\u2019s rules, whole or chosen, and its errors', async () => {
    const snapshotFile = join(temp('snap-out-'), 'bundled-rules.json');
    await writeRuleSnapshot(snapshotFile, bundled);
    for (const language of ['en', 'fr'] as const) {
      const { rules, fromSnapshot } = await loadWithNotes(bundled, language, [], { snapshotFile, bundledDir: bundled });
      expect(fromSnapshot).toBe(true);
      expect(rules).toStrictEqual(await registryRules(bundled, language, []));
    }
    const only = ['moveit-cve-2023-34362', 'exchange-proxylogon'];
    const chosen = await loadWithNotes(bundled, 'fr', only, { snapshotFile, bundledDir: bundled });
    expect(chosen.fromSnapshot).toBe(true);
    expect(chosen.rules).toStrictEqual(await registryRules(bundled, 'fr', only));
    await expect(loadRules(bundled, 'en', ['nope'], { snapshotFile, bundledDir: bundled })).rejects.toThrow(/no bundled playbook has the id "nope" \(known: cleo-cve-2024-50623, /);
  });

  it('is not used once a playbook changes by one byte, and the new rules are run', async () => {
    const { dir, load } = await snapshotOfCopy();
    expect((await load()).fromSnapshot).toBe(true);
    const file = join(dir, 'en', 'exchange-proxylogon.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^version: 1\.0\.0$/m);
    writeFileSync(file, text.replace(/^version: 1\.0\.0$/m, 'version: 1.0.1'));
    const after = await load();
    expect(after.fromSnapshot).toBe(false);
    expect(after.notes.join(' ')).toMatch(/a playbook changed/);
    expect(after.rules).toStrictEqual(await registryRules(dir, 'en', []));
    const versions = new Set(after.rules.filter((r) => r.playbookId === 'exchange-proxylogon').map((r) => r.playbookVersion));
    expect([...versions]).toEqual(['1.0.1']);
  });

  it('is not used when a playbook file is added or removed', async () => {
    const added = await snapshotOfCopy();
    const text = readFileSync(join(added.dir, 'en', 'cleo-cve-2024-50623.md'), 'utf8').replace(/^id: cleo-cve-2024-50623$/m, 'id: cleo-extra');
    writeFileSync(join(added.dir, 'en', 'cleo-extra.md'), text);
    const withExtra = await added.load();
    expect(withExtra.fromSnapshot).toBe(false);
    expect(withExtra.rules.some((r) => r.playbookId === 'cleo-extra')).toBe(true);
    expect(withExtra.rules).toStrictEqual(await registryRules(added.dir, 'en', []));

    const removed = await snapshotOfCopy();
    rmSync(join(removed.dir, 'fr', 'moveit-cve-2023-34362.md'));
    const withoutOne = await removed.load('fr');
    expect(withoutOne.fromSnapshot).toBe(false);
    expect(withoutOne.notes.join(' ')).toMatch(/not those of the snapshot/);
    expect(withoutOne.rules).toStrictEqual(await registryRules(removed.dir, 'fr', []));
  });

  it('is not used when it is missing, damaged, of another format or built by other parser code', async () => {
    const { dir, snapshotFile, load } = await snapshotOfCopy();
    const expected = await registryRules(dir, 'en', []);
    const good = readFileSync(snapshotFile, 'utf8');
    const attempts: [string, () => void, RegExp][] = [
      ['truncated', () => writeFileSync(snapshotFile, good.slice(0, good.length / 2)), /no readable snapshot/],
      ['one rule edited', () => writeFileSync(snapshotFile, good.replace('"severity":"critical"', '"severity":"info"')), /damaged/],
      ['another format', () => tamper(snapshotFile, (s) => (s.format = 99)), /another format/],
      ['other parser code', () => tamper(snapshotFile, (s) => (s.parser = '0'.repeat(64))), /parser changed/],
      ['missing', () => rmSync(snapshotFile), /no readable snapshot/],
    ];
    for (const [what, damage, reason] of attempts) {
      writeFileSync(snapshotFile, good);
      damage();
      const result = await load();
      expect(result.fromSnapshot, what).toBe(false);
      expect(result.notes.join(' '), what).toMatch(reason);
      expect(result.rules, what).toStrictEqual(expected);
    }
  });

  it('cannot vouch for a file whose bytes it did not hash, even edited by hand', async () => {
    const { dir, snapshotFile, load } = await snapshotOfCopy();
    const injected = { playbookId: 'injected', playbookVersion: '9.9.9', rule: { id: 'x', title: 'x', severity: 'critical', explanation: 'x', match: { content: { literal: 'x' } } } };
    tamper(snapshotFile, (s) => {
      s.files.push({ path: 'en/zz-injected.md', sha256: '0'.repeat(64), valid: true, id: 'injected', version: '9.9.9', language: 'en' });
      s.ids.push('injected');
      (s.rules.en as unknown[]).push(injected);
    });
    writeFileSync(join(dir, 'en', 'zz-injected.md'), 'not a playbook\n');
    const result = await load();
    expect(result.fromSnapshot).toBe(false);
    expect(result.notes.join(' ')).toMatch(/a playbook changed/);
    expect(result.rules.some((r) => r.playbookId === 'injected')).toBe(false);
    expect(result.rules).toStrictEqual(await registryRules(dir, 'en', []));
  });

  it('is not used for a --playbooks folder other than the bundled one', async () => {
    const snapshotFile = join(temp('snap-out-'), 'bundled-rules.json');
    await writeRuleSnapshot(snapshotFile, bundled);
    const copy = temp('snap-other-');
    cpSync(bundled, copy, { recursive: true });
    const result = await loadWithNotes(copy, 'en', [], { snapshotFile, bundledDir: bundled });
    expect(result.fromSnapshot).toBe(false);
    expect(result.notes.join(' ')).toMatch(/not the bundled playbooks folder/);
    expect(result.rules).toStrictEqual(await registryRules(copy, 'en', []));

    // and through the command itself: --playbooks DIR is parsed (FIREBREAK_DEBUG says which way)
    const empty = temp('snap-empty-');
    const stderr: string[] = [];
    const previous = process.env.FIREBREAK_DEBUG;
    process.env.FIREBREAK_DEBUG = '1';
    try {
      const code = await huntCommand.run(['--json', '--playbooks', copy, empty], { stdout: () => undefined, stderr: (t) => void stderr.push(t), cwd: empty });
      expect(code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.FIREBREAK_DEBUG;
      else process.env.FIREBREAK_DEBUG = previous;
    }
    expect(stderr.join('')).toMatch(/playbooks parsed \(not the bundled playbooks folder\)/);
  });
});
