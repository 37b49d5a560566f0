// `firebreak hunt`: runs the bundled playbooks' hunt rules over copied logs and folders with the
// same engine as the app, and prints what was found and what was ruled out (or one JSON document).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
// The playbook parser (yaml, markdown-it, zod) is loaded only when the rule snapshot cannot be used:
// a hunt with the bundled playbooks starts without it.
import type { PlaybookRegistry } from '../../core/playbooks/registry';
import type { Playbook } from '../../core/playbooks/types';
import { LANGUAGES, SEVERITIES, type Language, type Severity } from '../../core/playbooks/vocabulary';
import { displayPath, runHunt, type HuntResult, type RuleInput } from '../../core/hunt/index';
import { parseOptions, UsageError, type CliCommand } from '../command';

const help = `Usage: firebreak hunt [--playbook ID]... [--json] [--fail-on SEVERITY] [--version PRODUCT=VERSION]... PATH...

Runs the hunt rules of Firebreak's bundled playbooks over copied logs and folders
(recursively; .gz and .zip files are read in place, never extracted) and prints the
findings grouped by severity, then what was examined: files, formats, the time range
the logs cover, and each rule that found nothing ("ruled out") or could not be applied.

Options:
  --playbook ID          use only this playbook's rules (repeat for several); default: all
  --json                 print one JSON document {"findings":[...],"coverage":{...}}
  --fail-on SEVERITY     exit 1 when a finding is at or above this severity:
                         critical, high (default), medium, low or info
  --version PRODUCT=VER  the installed version of a product, for version rules
                         (for example --version "Cleo Harmony=5.8.0.21"); repeatable
  --language en|fr       which language's playbooks to read (default en)
  --playbooks DIR        read playbooks from DIR/<language>/ instead of the bundled ones
  -h, --help             show this help

Exit status: 0 the hunt completed and found nothing at or above --fail-on,
1 it found something that is, 2 it could not run (the reason is printed).

Example:
  firebreak hunt --playbook exchange-proxylogon E:\\IR\\EXCH01\\Logging
`;

// Both resolve the same from cli/commands/hunt.ts (tests), out/cli/firebreak.mjs and any bundle one level
// below the project root (the bench's): the project root is two folders up.
const projectRoot = () => fileURLToPath(new URL('../../', import.meta.url));
const bundledPlaybooks = () => join(projectRoot(), 'playbooks');
/** Written by `npm run build:cli` (scripts/build-rule-snapshot.mjs) next to the CLI bundle. */
export const defaultRuleSnapshotFile = () => join(projectRoot(), 'out', 'cli', 'bundled-rules.json');

export const huntCommand: CliCommand = {
  name: 'hunt',
  summary: 'run the playbooks\u2019 hunt rules over copied logs and folders',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      playbook: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'fail-on': { type: 'string' },
      version: { type: 'string', multiple: true },
      language: { type: 'string' },
      playbooks: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('name at least one file or folder to hunt in, for example: firebreak hunt E:\\IR\\EXCH01');
    const failOn = (values['fail-on'] ?? 'high') as Severity;
    if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}, not "${values['fail-on']}"`);
    const language = (values.language ?? 'en') as Language;
    if (language !== 'en' && language !== 'fr') throw new UsageError(`--language takes en or fr, not "${values.language}"`);
    const versions: Record<string, string> = {};
    for (const v of values.version ?? []) {
      const at = v.lastIndexOf('=');
      const product = v.slice(0, at).trim();
      const version = v.slice(at + 1).trim();
      if (at <= 0 || !/^\d+(\.\d+)*$/.test(version)) throw new UsageError(`--version takes PRODUCT=VERSION with a numeric version such as "Cleo Harmony=5.8.0.21", not "${v}"`);
      versions[product] = version;
    }

    try {
      // not awaited: the hunt starts its workers and walks the folders while the playbooks are read
      const debug = process.env.FIREBREAK_DEBUG ? (note: string) => io.stderr(`firebreak hunt (debug): ${note}\n`) : undefined;
      const rules = loadRules(values.playbooks ?? bundledPlaybooks(), language, values.playbook ?? [], { debug });
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      let result: HuntResult;
      try {
        result = await runHunt({ paths: positionals.map((p) => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p)), rules, versions, signal: controller.signal });
      } finally {
        process.off('SIGINT', stop);
      }
      if (result.cancelled) {
        io.stderr('firebreak hunt: the hunt was interrupted before it finished; nothing was ruled out.\n');
        return 2;
      }
      if (result.coverage.files.length === 0 && result.coverage.skipped.length > 0 && result.coverage.skipped.length >= positionals.length && result.coverage.skipped.every((s) => positionals.includes(s.file))) {
        io.stderr(`firebreak hunt: ${displayPath(result.coverage.skipped[0]!.file)} ${result.coverage.skipped[0]!.reason}.\n`);
        return 2;
      }
      if (values.json) io.stdout(`${JSON.stringify(toJson(result))}\n`);
      else io.stdout(toText(result));
      const threshold = SEVERITIES.indexOf(failOn);
      return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const e = error as { error?: { message?: string }; message?: string };
      io.stderr(`firebreak hunt: ${(e.error?.message ?? e.message ?? String(error)).replace(/\s+$/, '')}\n`);
      return 2;
    }
  },
};

export interface LoadRulesOptions {
  /** The rule snapshot to try first; default out/cli/bundled-rules.json. */
  snapshotFile?: string;
  /** The folder the snapshot describes; default the bundled playbooks. Tests point both at copies. */
  bundledDir?: string;
  /** Told which way the rules were loaded, and why the snapshot was not used. */
  debug?: (note: string) => void;
}

/**
 * The rules to hunt with: from the build-time snapshot when it provably describes the very files in
 * `dir` (else the playbooks are parsed and validated, as the registry does); never a mix of both.
 */
export async function loadRules(dir: string, language: Language, only: string[], options: LoadRulesOptions = {}): Promise<RuleInput[]> {
  const snapshot = await usableSnapshot(dir, language, options);
  if (snapshot.ok) {
    options.debug?.(`rules from the build-time snapshot ${options.snapshotFile ?? defaultRuleSnapshotFile()}`);
    return pickRules(dir, snapshot.ids, snapshot.byId, only);
  }
  options.debug?.(`playbooks parsed (${snapshot.reason})`);
  const quick = await oneLanguageRules(dir, language);
  if (!quick) return registryRules(dir, language, only);
  const byId = new Map([...quick].map(([id, playbook]) => [id, rulesOf(id, playbook)]));
  return pickRules(dir, [...byId.keys()].sort(), byId, only);
}

async function bundledRegistry(dir: string): Promise<PlaybookRegistry> {
  const { createPlaybookRegistry } = await import('../../core/playbooks/registry');
  return createPlaybookRegistry({ bundledDir: dir, importedDir: join(dir, '.firebreak-no-imported') });
}

/** The ids of the playbooks that validate in the registry (either language), sorted. */
async function validIds(registry: PlaybookRegistry): Promise<string[]> {
  const summaries = (await registry.list()).filter((s) => s.status === 'ok');
  return [...new Set(summaries.map((s) => (s.status === 'ok' ? s.id : '')))].sort();
}

/** The rules of the playbooks that validate in the full registry (both languages, cross-checked). */
export async function registryRules(dir: string, language: Language, only: string[], given?: PlaybookRegistry): Promise<RuleInput[]> {
  const registry = given ?? (await bundledRegistry(dir));
  const ids = await validIds(registry);
  for (const id of only) {
    if (!ids.includes(id)) throw new UsageError(`no bundled playbook has the id "${id}" (known: ${ids.join(', ') || 'none'})`);
  }
  const chosen = only.length > 0 ? only : ids;
  const rules: RuleInput[] = [];
  for (const id of chosen) {
    const playbook = await registry.get(id, language);
    if (playbook) rules.push(...rulesOf(id, playbook));
  }
  if (rules.length === 0) throw new Error(`No hunt rule was found in the playbooks of ${dir}; check that Firebreak is installed completely.`);
  return rules;
}

function rulesOf(id: string, playbook: Playbook): RuleInput[] {
  return playbook.huntRules.map(({ stepId: _s, line: _l, ...rule }) => ({ playbookId: id, playbookVersion: playbook.meta.version, rule }));
}

function toJson(result: HuntResult) {
  return {
    findings: result.findings.map((f) => ({
      playbook: f.playbookId,
      rule: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      match: f.match,
      explanation: f.explanation,
      title: f.ruleTitle,
      playbookVersion: f.playbookVersion,
    })),
    coverage: result.coverage,
  };
}

const SIZE = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} bytes`);

export function toText(result: HuntResult): string {
  const { findings, coverage } = result;
  const out: string[] = [];
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  out.push(
    findings.length === 0
      ? `No finding in ${coverage.files.length} file(s) (${SIZE(coverage.bytesScanned)}).`
      : `${findings.length} finding(s): ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}, in ${coverage.files.length} file(s) (${SIZE(coverage.bytesScanned)}).`,
  );
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('', severity.toUpperCase());
    for (const f of group) {
      out.push(`  ${f.ruleTitle} [${f.playbookId}/${f.ruleId}]`);
      out.push(`    ${f.file ? `${displayPath(f.file)}${f.line > 0 ? `:${f.line}` : ''}` : 'installed version'}`);
      out.push(`    ${f.match}`);
      out.push(`    why: ${f.explanation.replace(/\s+/g, ' ').trim()}`);
    }
  }
  out.push('', 'COVERAGE');
  const formats = new Map<string, number>();
  for (const f of coverage.files) formats.set(f.format, (formats.get(f.format) ?? 0) + 1);
  const lines = coverage.files.reduce((n, f) => n + f.lines, 0);
  out.push(`  Examined: ${coverage.files.length} file(s), ${SIZE(coverage.bytesScanned)}, ${lines} line(s); formats: ${[...formats].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}.`);
  out.push(coverage.firstEntry ? `  Log entries from ${coverage.firstEntry} to ${coverage.lastEntry} (UTC).` : '  No log entry with a timestamp was found.');
  for (const s of coverage.skipped) out.push(`  Skipped: ${displayPath(s.file)} ${s.reason}.`);
  for (const w of coverage.warnings) out.push(`  Warning: ${displayPath(w)}`);
  const playbooks = coverage.ruleSet.playbooks.map((p) => `${p.id} ${p.version}`).join(', ');
  const by = (status: string) => coverage.rules.filter((r) => r.status === status);
  out.push(`  Rules: ${coverage.ruleSet.ruleCount} from ${playbooks}: ${by('hit').length} hit, ${by('ruled-out').length} ruled out, ${by('not-covered').length} not covered, ${by('not-evaluated').length} not evaluated.`);
  for (const r of by('ruled-out')) out.push(`  Ruled out: ${r.playbookId}/${r.ruleId} over ${r.filesExamined || 'the given'} ${r.filesExamined ? 'file(s)' : 'version'}${r.note ? ` (${r.note})` : ''}`);
  for (const r of [...by('not-covered'), ...by('not-evaluated')]) out.push(`  Not ruled out: ${r.playbookId}/${r.ruleId}: ${r.note ?? 'no file it applies to.'}`);
  return `${out.join('\n')}\n`;
}

/**
 * The rules of one language without validating the other language's files (half the start-up of a
 * hunt), when that provably gives what the full registry gives: the language is the registry's
 * first (no file read before it can claim its ids), nothing is imported, every file of the language
 * validates on its own and with the others of its language, no branch leads outside the language,
 * and every other-language file names (in its front matter) an id the language already has, so it
 * can add no playbook. Anything else: undefined, and the caller loads the full registry.
 */
async function oneLanguageRules(dir: string, language: Language): Promise<Map<string, Playbook> | undefined> {
  if (LANGUAGES[0] !== language || existsSync(join(dir, '.firebreak-no-imported'))) return undefined;
  const [{ loadFile }, { crossCheck }] = await Promise.all([import('../../core/playbooks/registry'), import('../../core/playbooks/cross-check')]);
  const entries = await Promise.all((await markdownFiles(join(dir, language))).map((file) => loadFile(file, 'bundled')));
  const playbooks: Playbook[] = [];
  for (const e of entries) {
    if (!e.playbook || e.problems.length > 0 || e.playbook.meta.language !== language) return undefined;
    playbooks.push(e.playbook);
  }
  const byId = new Map(playbooks.map((p) => [p.meta.id, p]));
  if (byId.size !== playbooks.length || crossCheck(playbooks).problems.size > 0) return undefined;
  for (const p of playbooks) {
    for (const step of p.steps) {
      for (const target of [step.goto, ...(step.answers ?? []).map((a) => a.goto)]) {
        if (typeof target === 'string' && target.includes('#') && !byId.has(target.split('#')[0]!)) return undefined;
      }
    }
  }
  for (const other of LANGUAGES) {
    if (other === language) continue;
    for (const file of await markdownFiles(join(dir, other))) {
      const id = await frontMatterId(file);
      if (id === undefined || !byId.has(id)) return undefined;
    }
  }
  return byId;
}

/** registryRules' selection over rules already grouped by playbook id (same checks, order and errors). */
function pickRules(dir: string, ids: string[], byId: Map<string, RuleInput[]>, only: string[]): RuleInput[] {
  for (const id of only) {
    if (!ids.includes(id)) throw new UsageError(`no bundled playbook has the id "${id}" (known: ${ids.join(', ') || 'none'})`);
  }
  const rules: RuleInput[] = [];
  for (const id of only.length > 0 ? only : ids) rules.push(...(byId.get(id) ?? []));
  if (rules.length === 0) throw new Error(`No hunt rule was found in the playbooks of ${dir}; check that Firebreak is installed completely.`);
  return rules;
}

/** The registry's file list for a folder (same filter and order). */
async function markdownFiles(folder: string): Promise<string[]> {
  try {
    const names = await readdir(folder, { withFileTypes: true });
    return names
      .filter((d) => (d.isFile() || d.isSymbolicLink()) && d.name.toLowerCase().endsWith('.md'))
      .map((d) => join(folder, d.name))
      .sort();
  } catch {
    return [];
  }
}

/** The `id:` of a front matter written the plain way, read from the file's first 4 KB; else undefined. */
async function frontMatterId(file: string): Promise<string | undefined> {
  let text: string;
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      text = buf.toString('utf8', 0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '---') return undefined;
  const close = lines.indexOf('---', 1);
  if (close === -1) return undefined;
  const ids = lines.slice(1, close).filter((l) => /^\s*["']?id["']?\s*:/.test(l) || /^\s*\?/.test(l));
  const m = ids.length === 1 ? /^id: ([a-z0-9][a-z0-9-]*)\s*$/.exec(ids[0]!) : null;
  return m?.[1];
}

// ---- the build-time rule snapshot -------------------------------------------------------------------
//
// Parsing and validating the bundled playbooks (YAML, markdown-it, zod, all cold) is a large part of a
// hunt's start-up. `npm run build:cli` therefore runs the registry once and writes what it gave to
// out/cli/bundled-rules.json, with the SHA-256 of every playbook file it read. A hunt uses that
// snapshot only when the playbooks folder is the bundled one, holds exactly the files the snapshot
// lists with exactly their bytes, and the code that parses them is the code the snapshot was built
// with; anything else and the playbooks are parsed as before. A snapshot cannot vouch for a file
// whose bytes it did not hash, so editing it cannot add rules to an edited or extra playbook.
// Trust: out/ is as trusted as the code next to it (out/cli/firebreak.mjs is the CLI itself); whoever
// can write the snapshot can already replace the CLI, so its rules are not validated again here.

/** Bump when the snapshot's shape or meaning changes: an older or newer snapshot is then ignored. */
export const RULE_SNAPSHOT_FORMAT = 1;

export interface RuleSnapshotFile {
  /** Relative to the playbooks folder, with forward slashes: "en/exchange-proxylogon.md". */
  path: string;
  sha256: string;
  /** Whether the registry accepted the file (front matter, steps, rules, cross-checks). */
  valid: boolean;
  id?: string;
  version?: string;
  language?: Language;
}

export interface RuleSnapshotBody {
  /** SHA-256 of the code and parser packages that produced it (see parserFingerprint). */
  parser: string;
  files: RuleSnapshotFile[];
  /** The ids of the valid playbooks, sorted: what --playbook accepts. */
  ids: string[];
  /** registryRules(dir, language, []) for each language; null when it found no rule at all. */
  rules: Record<Language, RuleInput[] | null>;
}

export interface RuleSnapshot extends RuleSnapshotBody {
  format: number;
  /** SHA-256 of JSON.stringify(body): a snapshot damaged on disk is never half used. */
  digest: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The playbook files the registry reads in a folder, relative and sorted: en/… then fr/… */
async function playbookFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const language of LANGUAGES) {
    for (const file of await markdownFiles(join(dir, language))) files.push(`${language}/${file.slice(join(dir, language).length + 1)}`);
  }
  return files;
}

async function hashFiles(dir: string, files: string[]): Promise<string[]> {
  return Promise.all(files.map(async (f) => sha256(await readFile(join(dir, f)))));
}

/**
 * What the snapshot depends on besides the playbooks: the sources of the parser and of this file,
 * and the versions of the packages they parse with. When these are not found (an installation
 * without sources) the fingerprint is undefined and the snapshot is not used.
 */
export async function parserFingerprint(root: string = projectRoot()): Promise<string | undefined> {
  try {
    const playbooksCode = join(root, 'core', 'playbooks');
    const sources = [...(await readdir(playbooksCode)).filter((n) => n.endsWith('.ts')).sort().map((n) => join(playbooksCode, n)), join(root, 'cli', 'commands', 'hunt.ts')];
    const parts: string[] = [];
    for (const file of sources) parts.push(`${file.slice(root.length)}:${sha256(await readFile(file))}`);
    for (const pkg of ['yaml', 'markdown-it', 'zod']) {
      const { version } = JSON.parse(await readFile(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: string };
      parts.push(`${pkg}@${version}`);
    }
    return sha256(parts.join('\n'));
  } catch {
    return undefined;
  }
}

/** Runs the registry over `dir` (the CLI's own code path) and records its answer with the files' hashes. */
export async function buildRuleSnapshot(dir: string = bundledPlaybooks(), root: string = projectRoot()): Promise<RuleSnapshot> {
  const parser = await parserFingerprint(root);
  if (!parser) throw new Error(`cannot fingerprint the playbook parser under ${root} (core/playbooks/*.ts, cli/commands/hunt.ts, node_modules)`);
  const files = await playbookFiles(dir);
  const before = await hashFiles(dir, files);
  const registry = await bundledRegistry(dir);
  const summaries = await registry.list();
  const rules = {} as Record<Language, RuleInput[] | null>;
  for (const language of LANGUAGES) {
    try {
      rules[language] = await registryRules(dir, language, [], registry);
    } catch {
      rules[language] = null; // no rule at all: a hunt then parses the playbooks and says so
    }
  }
  const after = await hashFiles(dir, files);
  if (!isDeepStrictEqual(files, await playbookFiles(dir)) || !isDeepStrictEqual(before, after)) throw new Error(`the playbooks in ${dir} changed while the rule snapshot was built; run the build again`);
  const body: RuleSnapshotBody = {
    parser,
    files: files.map((path, i) => {
      const s = summaries.find((x) => x.file === join(dir, path));
      if (!s) throw new Error(`the registry did not list ${path}`);
      return s.status === 'ok' ? { path, sha256: before[i]!, valid: true, id: s.id, version: s.version, language: s.language } : { path, sha256: before[i]!, valid: false };
    }),
    ids: await validIds(registry),
    rules,
  };
  // Rules must survive JSON unchanged, or the snapshot would not give what the registry gives.
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(body.rules)), body.rules)) throw new Error('the hunt rules do not survive a JSON round trip; the rule snapshot cannot represent them');
  return { format: RULE_SNAPSHOT_FORMAT, digest: sha256(JSON.stringify(body)), ...body };
}

/** Writes the snapshot atomically (temporary file, then rename): a reader never sees half of one. */
export async function writeRuleSnapshot(target: string = defaultRuleSnapshotFile(), dir?: string, root?: string): Promise<RuleSnapshot> {
  const snapshot = await buildRuleSnapshot(dir, root);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(snapshot)}\n`);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return snapshot;
}

type SnapshotCheck = { ok: true; ids: string[]; byId: Map<string, RuleInput[]> } | { ok: false; reason: string };

/** The snapshot's rules for `language` when every condition above holds; otherwise why not. */
async function usableSnapshot(dir: string, language: Language, options: LoadRulesOptions): Promise<SnapshotCheck> {
  const no = (reason: string): SnapshotCheck => ({ ok: false, reason });
  const bundledDir = options.bundledDir ?? bundledPlaybooks();
  try {
    if ((await realpath(dir)) !== (await realpath(bundledDir))) return no('not the bundled playbooks folder');
  } catch {
    return no('the playbooks folder cannot be resolved');
  }
  if (existsSync(join(dir, '.firebreak-no-imported'))) return no('the folder has imported playbooks');
  const snapshotFile = options.snapshotFile ?? defaultRuleSnapshotFile();
  let snapshot: RuleSnapshot;
  try {
    snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as RuleSnapshot;
  } catch {
    return no(`no readable snapshot at ${snapshotFile}`);
  }
  if (snapshot?.format !== RULE_SNAPSHOT_FORMAT) return no('the snapshot is of another format');
  const { format: _f, digest, ...body } = snapshot;
  if (sha256(JSON.stringify(body)) !== digest) return no('the snapshot is damaged');
  const rules = snapshot.rules?.[language];
  if (!Array.isArray(rules) || !Array.isArray(snapshot.files) || !Array.isArray(snapshot.ids)) return no(`the snapshot has no rules for ${language}`);
  const [files, parser] = await Promise.all([playbookFiles(dir), parserFingerprint()]);
  if (!parser || parser !== snapshot.parser) return no('the parser changed since the snapshot was built');
  const expected = new Map(snapshot.files.map((f) => [f.path, f.sha256]));
  if (expected.size !== snapshot.files.length || files.length !== expected.size || files.some((f) => !expected.has(f))) return no('the playbook files are not those of the snapshot');
  const hashes = await hashFiles(dir, files).catch(() => undefined);
  if (!hashes || hashes.some((h, i) => h !== expected.get(files[i]!))) return no('a playbook changed since the snapshot was built');
  const byId = new Map<string, RuleInput[]>();
  for (const rule of rules) byId.set(rule.playbookId, [...(byId.get(rule.playbookId) ?? []), rule]);
  return { ok: true, ids: snapshot.ids, byId };
}
