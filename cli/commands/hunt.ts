// `firebreak hunt`: runs the bundled playbooks' hunt rules over copied logs and folders with the
// same engine as the app, and prints what was found and what was ruled out (or one JSON document).
import { existsSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { crossCheck } from '../../core/playbooks/cross-check';
import { createPlaybookRegistry, loadFile } from '../../core/playbooks/registry';
import { LANGUAGES, SEVERITIES, type Language, type Playbook, type Severity } from '../../core/playbooks/types';
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

const bundledPlaybooks = () => fileURLToPath(new URL('../../playbooks/', import.meta.url));

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
      const rules = loadRules(values.playbooks ?? bundledPlaybooks(), language, values.playbook ?? []);
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

export async function loadRules(dir: string, language: Language, only: string[]): Promise<RuleInput[]> {
  const quick = await oneLanguageRules(dir, language);
  return quick ? pickRules(dir, quick, only) : registryRules(dir, language, only);
}

/** The rules of the playbooks that validate in the full registry (both languages, cross-checked). */
export async function registryRules(dir: string, language: Language, only: string[]): Promise<RuleInput[]> {
  const registry = createPlaybookRegistry({ bundledDir: dir, importedDir: join(dir, '.firebreak-no-imported') });
  const summaries = (await registry.list()).filter((s) => s.status === 'ok');
  const ids = [...new Set(summaries.map((s) => (s.status === 'ok' ? s.id : '')))].sort();
  for (const id of only) {
    if (!ids.includes(id)) throw new UsageError(`no bundled playbook has the id "${id}" (known: ${ids.join(', ') || 'none'})`);
  }
  const chosen = only.length > 0 ? only : ids;
  const rules: RuleInput[] = [];
  for (const id of chosen) {
    const playbook = await registry.get(id, language);
    if (!playbook) continue;
    for (const { stepId: _s, line: _l, ...rule } of playbook.huntRules) rules.push({ playbookId: id, playbookVersion: playbook.meta.version, rule });
  }
  if (rules.length === 0) throw new Error(`No hunt rule was found in the playbooks of ${dir}; check that Firebreak is installed completely.`);
  return rules;
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

function pickRules(dir: string, byId: Map<string, Playbook>, only: string[]): RuleInput[] {
  const ids = [...byId.keys()].sort();
  for (const id of only) {
    if (!byId.has(id)) throw new UsageError(`no bundled playbook has the id "${id}" (known: ${ids.join(', ') || 'none'})`);
  }
  const rules: RuleInput[] = [];
  for (const id of only.length > 0 ? only : ids) {
    const playbook = byId.get(id)!;
    for (const { stepId: _s, line: _l, ...rule } of playbook.huntRules) rules.push({ playbookId: id, playbookVersion: playbook.meta.version, rule });
  }
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
