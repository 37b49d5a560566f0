// Lints EVERY bundled playbook in playbooks/{en,fr}/ — whatever files are there, so a new playbook is
// checked the moment it lands. What a senior reviewer would otherwise check by hand:
// - each file validates (parsePlaybook, zero problems) and ids are unique per language;
// - every branch lands (goto, answers; `playbook#step` across bundled playbooks);
// - every command names its shell, every step cites a source, every hunt rule has a severity and
//   regexes that compile;
// - the English and French versions have the same structure and the same hunt rules;
// - every hunt rule has example files (at least a negative one) under tests/fixtures/hunt/<playbook>/<rule>/;
// - published step ids never disappear (tests/playbooks/stable-ids.json).
//
// Stable ids: progress in a case is stored by step id, so a published step id must never be renamed
// or removed (retire a step by keeping its id). To publish new ids, run
//   FIREBREAK_STABLE_IDS_ADD=<playbook-id>[,<playbook-id>...] npx --no -- vitest run tests/playbooks/lint.test.ts
// (or FIREBREAK_STABLE_IDS_ADD=all): it appends the current step ids of those bundled playbooks to
// stable-ids.json (it never removes one), then review the diff and commit it.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlaybook, type ParseResult } from '../../core/playbooks/parse';
import { hasNestedUnboundedRepetition } from '../../core/playbooks/patterns';
import { LANGUAGES, SEVERITIES, SHELLS, type Condition, type HuntRule, type Language, type Playbook } from '../../core/playbooks/types';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const playbookRoot = join(repo, 'playbooks');
const fixtureRoot = join(repo, 'tests', 'fixtures', 'hunt');
const stableIdsFile = join(repo, 'tests', 'playbooks', 'stable-ids.json');

interface Loaded {
  file: string; // relative to the repository, for readable messages
  language: Language;
  result: ParseResult;
}

function loadBundled(): Loaded[] {
  const loaded: Loaded[] = [];
  for (const language of LANGUAGES) {
    const folder = join(playbookRoot, language);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
      const path = join(folder, name);
      const file = relative(repo, path).split('\\').join('/');
      loaded.push({ file, language, result: parsePlaybook(readFileSync(path, 'utf8'), file, 'bundled') });
    }
  }
  return loaded;
}

const bundled = loadBundled();
const valid = bundled.filter((b): b is Loaded & { result: { playbook: Playbook } } => b.result.playbook !== undefined);
const files = bundled.map((b) => b.file);
const ids = [...new Set(valid.map((b) => b.result.playbook.meta.id))].sort();

function byId(id: string, language?: Language): Playbook[] {
  return valid.filter((b) => b.result.playbook.meta.id === id && (!language || b.language === language)).map((b) => b.result.playbook);
}

function branchTargets(playbook: Playbook): { stepId: string; target: string }[] {
  const out: { stepId: string; target: string }[] = [];
  for (const step of playbook.steps) {
    if (step.goto) out.push({ stepId: step.id, target: step.goto });
    for (const answer of step.answers ?? []) if (answer.goto) out.push({ stepId: step.id, target: answer.goto });
  }
  return out;
}

function regexesOf(rule: HuntRule): string[] {
  const match = rule.match;
  if ('content' in match) return [...match.content.regex];
  if ('log' in match) return conditionRegexes(match.log.where);
  return [];
}

function conditionRegexes(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionRegexes);
  if ('any' in condition) return condition.any.flatMap(conditionRegexes);
  if ('not' in condition) return conditionRegexes(condition.not);
  return condition.regex !== undefined ? [condition.regex] : [];
}

/** A folder holds at least one file, at any depth. */
function hasFile(folder: string): boolean {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return false;
  return readdirSync(folder).some((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? hasFile(path) : true;
  });
}

describe('bundled playbooks', () => {
  it('are present in playbooks/en and playbooks/fr', () => {
    expect(bundled.filter((b) => b.language === 'en').length, 'no English playbook found in playbooks/en').toBeGreaterThan(0);
    expect(bundled.filter((b) => b.language === 'fr').length, 'no French playbook found in playbooks/fr').toBeGreaterThan(0);
  });

  it.each(files)('%s validates with no problem', (file) => {
    const { result } = bundled.find((b) => b.file === file)!;
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(result.playbook).toBeDefined();
  });

  it('ids are unique per language', () => {
    for (const language of LANGUAGES) {
      const seen = new Map<string, string>();
      const duplicates: string[] = [];
      for (const b of valid.filter((v) => v.language === language)) {
        const id = b.result.playbook.meta.id;
        if (seen.has(id)) duplicates.push(`${id}: ${seen.get(id)} and ${b.file}`);
        else seen.set(id, b.file);
      }
      expect(duplicates, `playbook ids used twice in ${language}/`).toEqual([]);
    }
  });

  it.each(files)('%s: step, phase and hunt rule ids are unique', (file) => {
    const playbook = valid.find((b) => b.file === file)?.result.playbook;
    if (!playbook) return; // reported by the validation test
    const stepAndPhase = [...playbook.phases.map((p) => p.id), ...playbook.steps.map((s) => s.id)];
    expect(stepAndPhase.filter((id, i) => stepAndPhase.indexOf(id) !== i), 'ids used twice').toEqual([]);
    const rules = playbook.huntRules.map((r) => r.id);
    expect(rules.filter((id, i) => rules.indexOf(id) !== i), 'hunt rule ids used twice').toEqual([]);
  });

  it.each(files)('%s: every branch lands', (file) => {
    const entry = valid.find((b) => b.file === file);
    if (!entry) return;
    const playbook = entry.result.playbook;
    const dangling: string[] = [];
    for (const { stepId, target } of branchTargets(playbook)) {
      const [otherId, targetStep] = target.includes('#') ? (target.split('#') as [string, string]) : [playbook.meta.id, target];
      // Prefer the same language; a playbook that exists only in the other language still counts as bundled.
      const candidates = byId(otherId, entry.language).length > 0 ? byId(otherId, entry.language) : byId(otherId);
      if (candidates.length === 0) dangling.push(`${stepId} -> ${target}: no bundled playbook \`${otherId}\``);
      else if (!candidates.some((p) => p.steps.some((s) => s.id === targetStep))) dangling.push(`${stepId} -> ${target}: no step \`${targetStep}\` in \`${otherId}\``);
    }
    expect(dangling).toEqual([]);
  });

  it.each(files)('%s: every command names its shell and every step cites a source', (file) => {
    const playbook = valid.find((b) => b.file === file)?.result.playbook;
    if (!playbook) return;
    const bad: string[] = [];
    for (const step of playbook.steps) {
      if (step.references.length === 0) bad.push(`${step.id}: no reference`);
      for (const command of step.commands) if (!(SHELLS as readonly string[]).includes(command.shell)) bad.push(`${step.id}: command on line ${command.line} has no known shell`);
      if (step.kind === 'command' && step.commands.length === 0) bad.push(`${step.id}: command step without a command`);
    }
    expect(bad).toEqual([]);
  });

  it.each(files)('%s: every hunt rule has a severity and regexes that compile', (file) => {
    const playbook = valid.find((b) => b.file === file)?.result.playbook;
    if (!playbook) return;
    const bad: string[] = [];
    for (const rule of playbook.huntRules) {
      if (!(SEVERITIES as readonly string[]).includes(rule.severity)) bad.push(`${rule.id}: severity "${String(rule.severity)}"`);
      if (!rule.stepId) bad.push(`${rule.id}: not inside a step (the step is where the admin learns what to do with a hit)`);
      for (const source of regexesOf(rule)) {
        for (const flags of ['', 'i']) {
          try {
            new RegExp(source, flags);
          } catch (error) {
            bad.push(`${rule.id}: /${source}/${flags} does not compile (${(error as Error).message})`);
          }
        }
        if (hasNestedUnboundedRepetition(source)) bad.push(`${rule.id}: /${source}/ nests unbounded repetitions`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('English and French versions', () => {
  it('every playbook exists in both languages', () => {
    const missing: string[] = [];
    for (const id of ids) for (const language of LANGUAGES) if (byId(id, language).length === 0) missing.push(`${language}/${id}.md`);
    expect(missing).toEqual([]);
  });

  /** Everything that must be identical between languages: only text may differ. */
  function structure(playbook: Playbook) {
    const steps = new Map(playbook.steps.map((s) => [s.id, s]));
    return {
      id: playbook.meta.id,
      cves: playbook.meta.cves,
      phases: playbook.phases.map((phase) => ({
        id: phase.id,
        steps: phase.stepIds.map((stepId) => {
          const s = steps.get(stepId)!;
          return {
            id: s.id,
            kind: s.kind,
            evidence: s.evidence,
            goto: s.goto ?? null,
            answers: (s.answers ?? []).map((a) => a.goto ?? null),
            commands: s.commands.map((c) => c.shell),
            huntRules: s.huntRuleIds,
          };
        }),
      })),
      rules: playbook.huntRules.map((r) => ({ id: r.id, severity: r.severity, stepId: r.stepId ?? null, match: r.match })),
    };
  }

  it.each(ids)('%s: same phases, steps, kinds, branches, commands and hunt rules', (id) => {
    const en = byId(id, 'en')[0];
    const fr = byId(id, 'fr')[0];
    if (!en || !fr) return; // reported above
    expect(structure(fr)).toEqual(structure(en));
  });
});

describe('hunt rule examples', () => {
  it('every rule has tests/fixtures/hunt/<playbook>/<rule>/negative (and the missing ones are listed)', () => {
    const missing: string[] = [];
    for (const id of ids) {
      const rules = new Set(valid.filter((b) => b.result.playbook.meta.id === id).flatMap((b) => b.result.playbook.huntRules.map((r) => r.id)));
      for (const rule of [...rules].sort()) {
        const folder = join(fixtureRoot, id, rule, 'negative');
        if (!hasFile(folder)) missing.push(relative(repo, folder).split('\\').join('/'));
      }
    }
    if (missing.length > 0) console.error(`Hunt rules without a negative example (${missing.length}):\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
  });
});

describe('stable step ids', () => {
  type StableIds = Record<string, string[]>;
  const read = (): StableIds => JSON.parse(readFileSync(stableIdsFile, 'utf8')) as StableIds;

  const add = process.env.FIREBREAK_STABLE_IDS_ADD;
  if (add) {
    // Opt-in writer (see the note at the top): append, never remove.
    const wanted = add === 'all' ? ids : add.split(',').map((s) => s.trim()).filter(Boolean);
    const current = existsSync(stableIdsFile) ? read() : {};
    for (const id of wanted) {
      const published = new Set(current[id] ?? []);
      const order = [...(current[id] ?? [])];
      for (const playbook of byId(id, 'en').concat(byId(id, 'fr'))) {
        for (const step of playbook.steps) {
          if (published.has(step.id)) continue;
          published.add(step.id);
          order.push(step.id);
        }
      }
      current[id] = order;
    }
    const sorted = Object.fromEntries(Object.keys(current).sort().map((k) => [k, current[k]!]));
    writeFileSync(stableIdsFile, `${JSON.stringify(sorted, null, 2)}\n`);
  }

  it('stable-ids.json is a map of playbook id to step ids', () => {
    const stable = read();
    expect(typeof stable).toBe('object');
    for (const [id, steps] of Object.entries(stable)) {
      expect(Array.isArray(steps), `${id}: expected a list of step ids`).toBe(true);
      expect(new Set(steps).size, `${id}: a step id is listed twice`).toBe(steps.length);
    }
  });

  it('no published step id has disappeared from a bundled playbook', () => {
    const gone: string[] = [];
    for (const [id, steps] of Object.entries(read())) {
      const versions = valid.filter((b) => b.result.playbook.meta.id === id);
      if (versions.length === 0) {
        gone.push(`${id}: the playbook itself is no longer bundled (or no longer validates)`);
        continue;
      }
      for (const { file, result } of versions) {
        const present = new Set(result.playbook.steps.map((s) => s.id));
        for (const step of steps) if (!present.has(step)) gone.push(`${file}: step \`${step}\` (published ids must never be renamed or removed)`);
      }
    }
    expect(gone).toEqual([]);
  });
});
