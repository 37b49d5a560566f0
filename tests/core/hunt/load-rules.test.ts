// The CLI reads one language's playbooks when that gives exactly what the full registry gives, and
// falls back to the full registry otherwise: the rules run must always be those of playbooks that
// validate, whichever path was taken. (Before either, it may take the build-time rule snapshot: see
// rule-snapshot.test.ts. The temporary copies here are never the bundled folder, so they are parsed.)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRules, registryRules } from '../../../cli/commands/hunt';
import { tempDir } from './helpers';

const bundled = join(__dirname, '../../../playbooks');
const key = (rules: Awaited<ReturnType<typeof loadRules>>) => rules.map((r) => `${r.playbookId}@${r.playbookVersion}/${r.rule.id}:${JSON.stringify(r.rule)}`);

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function copyBundled(): string {
  const t = tempDir('rules-');
  cleanup = t.cleanup;
  for (const lang of ['en', 'fr']) {
    mkdirSync(join(t.dir, lang), { recursive: true });
    for (const name of ['exchange-proxylogon.md', 'cleo-cve-2024-50623.md']) copyFileSync(join(bundled, lang, name), join(t.dir, lang, name));
  }
  return t.dir;
}

describe('loadRules', () => {
  it('gives the full registry\u2019s rules for the bundled playbooks, in both languages and for a chosen playbook', async () => {
    const parsed = { snapshotFile: join(bundled, 'no-such-snapshot.json') }; // the one-language parse, not the snapshot
    for (const language of ['en', 'fr'] as const) {
      expect(key(await loadRules(bundled, language, []))).toEqual(key(await registryRules(bundled, language, [])));
      expect(key(await loadRules(bundled, language, [], parsed))).toEqual(key(await registryRules(bundled, language, [])));
    }
    expect(key(await loadRules(bundled, 'en', ['exchange-proxylogon'], parsed))).toEqual(key(await registryRules(bundled, 'en', ['exchange-proxylogon'])));
    expect(key(await loadRules(bundled, 'en', ['exchange-proxylogon']))).toEqual(key(await registryRules(bundled, 'en', ['exchange-proxylogon'])));
    await expect(loadRules(bundled, 'en', ['nope'])).rejects.toThrow(/no bundled playbook has the id "nope"/);
  });

  it('still finds a playbook that exists only in the other language', async () => {
    const dir = copyBundled();
    const text = readFileSync(join(dir, 'fr', 'cleo-cve-2024-50623.md'), 'utf8').replace(/^id: cleo-cve-2024-50623$/m, 'id: cleo-only-fr');
    writeFileSync(join(dir, 'fr', 'cleo-only-fr.md'), text);
    const rules = await loadRules(dir, 'en', []);
    expect(rules.some((r) => r.playbookId === 'cleo-only-fr')).toBe(true);
    expect(key(rules)).toEqual(key(await registryRules(dir, 'en', [])));
  });

  it('runs no rule of a playbook that does not validate, and takes the other language\u2019s valid copy as the registry does', async () => {
    const dir = copyBundled();
    const file = join(dir, 'en', 'cleo-cve-2024-50623.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^version: .*$/m, 'version: not-a-version'));
    const rules = await loadRules(dir, 'en', []);
    expect(key(rules)).toEqual(key(await registryRules(dir, 'en', [])));
    const cleo = rules.filter((r) => r.playbookId === 'cleo-cve-2024-50623');
    expect(cleo.length).toBeGreaterThan(0);
    // the French copy's rules (the registry's fallback), never the broken English file's
    const fr = await registryRules(dir, 'fr', ['cleo-cve-2024-50623']);
    expect(key(cleo)).toEqual(key(fr));
  });
});
