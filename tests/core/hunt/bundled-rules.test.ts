// Every bundled playbook rule that has example files must hit in positive/ and stay silent in
// negative/ (tests/fixtures/hunt/<playbook-id>/<rule-id>/). Rules without examples are listed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlaybookRegistry } from '../../../core/playbooks/registry';
import { runHunt, type RuleInput } from '../../../core/hunt/index';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'tests/fixtures/hunt');
const registry = createPlaybookRegistry({ bundledDir: join(root, 'playbooks'), importedDir: join(root, 'playbooks', '.none') });

interface Case {
  playbook: string;
  language: string;
  input: RuleInput;
}

const cases: Case[] = [];
const without: string[] = [];
for (const summary of await registry.list()) {
  if (summary.status !== 'ok') continue;
  const playbook = await registry.get(summary.id, summary.language);
  if (!playbook || playbook.meta.language !== summary.language) continue;
  for (const { stepId: _s, line: _l, ...rule } of playbook.huntRules) {
    const input: RuleInput = { playbookId: summary.id, playbookVersion: summary.version, rule };
    if (existsSync(join(fixtures, summary.id, rule.id))) cases.push({ playbook: summary.id, language: summary.language, input });
    else without.push(`${summary.language}/${summary.id}/${rule.id}`);
  }
}

// Every rule needs examples; a missing folder (for instance one a .gitignore kept out of the
// repository) must fail here, not pass silently.
describe('bundled hunt rules have examples', () => {
  it('every rule has a folder of examples', () => {
    expect(without).toEqual([]);
  });
  it.each(cases.map((c) => [`${c.language}/${c.playbook}/${c.input.rule.id}`, c] as const))('%s has negative/ and, unless it matches hashes, positive/', (_name, c) => {
    const base = join(fixtures, c.playbook, c.input.rule.id);
    expect(existsSync(join(base, 'negative')), `${base}/negative`).toBe(true);
    // A hash rule cannot have a positive example without shipping the malware itself.
    if (!('hash' in c.input.rule.match)) expect(existsSync(join(base, 'positive')), `${base}/positive`).toBe(true);
  });
});

function versionFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('versions.json'))
    .map((f) => join(dir, f));
}

async function hits(input: RuleInput, dir: string, versions?: Record<string, string>) {
  const result = await runHunt({ paths: [dir], rules: [input], versions, workers: 0 });
  return result.findings.filter((f) => f.ruleId === input.rule.id);
}

describe.runIf(cases.length > 0)('bundled hunt rules against their examples', () => {
  it.each(cases.map((c) => [`${c.language}/${c.playbook}/${c.input.rule.id}`, c] as const))('%s', async (_name, c) => {
    const base = join(fixtures, c.playbook, c.input.rule.id);
    const positive = join(base, 'positive');
    const negative = join(base, 'negative');
    if ('version' in c.input.rule.match) {
      for (const file of versionFiles(positive)) {
        expect((await hits(c.input, join(base, '.none'), JSON.parse(readFileSync(file, 'utf8')))).length, `${file} should be found vulnerable`).toBeGreaterThan(0);
      }
      for (const file of versionFiles(negative)) {
        expect(await hits(c.input, join(base, '.none'), JSON.parse(readFileSync(file, 'utf8'))), `${file} should not be found vulnerable`).toEqual([]);
      }
      return;
    }
    if (existsSync(positive) && statSync(positive).isDirectory()) {
      expect((await hits(c.input, positive)).length, `${positive} should produce a finding`).toBeGreaterThan(0);
    }
    if (existsSync(negative) && statSync(negative).isDirectory()) {
      const found = await hits(c.input, negative);
      expect(found.map((f) => `${f.file}:${f.line}: ${f.match}`), `${negative} should produce no finding`).toEqual([]);
    }
  });
});
