// The playbook registry: every bundled and imported playbook, in both languages, parsed once and
// cached. A broken or unreadable file is listed with its problems and never stops the others.
// Layout on disk: <dir>/<language>/<id>.md for both the bundled and the imported folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../api/contract';
import { LANGUAGES, type Language, type Playbook, type PlaybookProblem, type PlaybookSummary } from './types';
import { MAX_PLAYBOOK_BYTES, parsePlaybook } from './parse';
import { crossCheck } from './cross-check';

export interface PlaybookRegistry {
  list(): Promise<PlaybookSummary[]>;
  get(id: string, language: Language): Promise<Playbook | undefined>;
  import(fileName: string, content: string): Promise<PlaybookSummary>;
  remove(id: string): Promise<void>;
  reload(): Promise<void>;
}

type Source = 'bundled' | 'imported';

interface Entry {
  file: string;
  source: Source;
  playbook?: Playbook;
  problems: PlaybookProblem[];
  warnings: PlaybookProblem[];
}

export function createPlaybookRegistry(opts: { bundledDir: string; importedDir: string }): PlaybookRegistry {
  let loading: Promise<Entry[]> | undefined;
  const entries = () => (loading ??= loadAll(opts));

  const summaries = async () => (await entries()).map(toSummary);

  return {
    list: summaries,

    async get(id, language) {
      const usable = (await entries()).filter((e) => e.playbook && e.problems.length === 0 && e.playbook.meta.id === id);
      return (usable.find((e) => e.playbook?.meta.language === language) ?? usable[0])?.playbook;
    },

    async import(fileName, content) {
      if (Buffer.byteLength(content, 'utf8') > MAX_PLAYBOOK_BYTES) {
        fail('PLAYBOOK_INVALID', `${fileName} is larger than 2 MB, the limit for a playbook.`, 'Split it into several playbooks.');
      }
      const parsed = parsePlaybook(content, fileName, 'imported');
      const playbook = parsed.playbook;
      if (!playbook || parsed.problems.length > 0) {
        const count = parsed.problems.length;
        return fail('PLAYBOOK_INVALID', `${fileName} is not a valid playbook (${count} ${count === 1 ? 'problem' : 'problems'}).`, 'Fix the lines listed below and import the file again.', parsed.problems);
      }
      const { id, language, version } = playbook.meta;
      const current = await entries();
      const bundled = current.find((e) => e.source === 'bundled' && e.playbook?.meta.id === id);
      if (bundled) {
        fail('CONFLICT', `A playbook bundled with Firebreak already has the id "${id}"; an imported playbook cannot replace it.`, 'Give your playbook its own id (in its front matter) and import it again.');
      }
      const others = current.filter((e) => e.playbook && e.problems.length === 0 && !(e.source === 'imported' && e.playbook.meta.id === id && e.playbook.meta.language === language));
      const cross = crossCheck([...others.map((e) => e.playbook!), playbook]);
      const crossProblems = cross.problems.get(playbook) ?? [];
      if (crossProblems.length > 0) {
        fail('PLAYBOOK_INVALID', `${fileName} branches to steps that do not exist.`, 'Fix the lines listed below and import the file again.', crossProblems);
      }

      const target = join(opts.importedDir, language, `${id}.md`);
      const existing = await readExisting(target);
      if (existing !== undefined) {
        const previous = parsePlaybook(existing, target, 'imported').playbook;
        if (existing === content) fail('CONFLICT', `This playbook ("${id}" version ${version}) is already imported.`, 'Nothing to do.');
        if (previous && compareVersions(version, previous.meta.version) <= 0) {
          fail('CONFLICT', `Version ${previous.meta.version} of "${id}" is already imported, and this file is version ${version}.`, 'To replace it, raise `version` in the front matter; or remove the imported playbook first.');
        }
      }
      await writeAtomically(target, content);
      loading = undefined;
      const summary = (await summaries()).find((s) => s.file === target);
      return summary ?? fail('STORAGE_FAILED', `The playbook was written to ${target} but cannot be read back.`, 'Check the folder permissions, then restart Firebreak.');
    },

    async remove(id) {
      const current = await entries();
      const files = LANGUAGES.map((language) => join(opts.importedDir, language, `${id}.md`));
      const present: string[] = [];
      for (const file of files) if ((await readExisting(file)) !== undefined) present.push(file);
      for (const entry of current) if (entry.source === 'imported' && entry.playbook?.meta.id === id && !present.includes(entry.file)) present.push(entry.file);
      if (present.length === 0) {
        if (current.some((e) => e.source === 'bundled' && e.playbook?.meta.id === id)) {
          fail('FORBIDDEN', `"${id}" is bundled with Firebreak and cannot be removed.`);
        }
        fail('NOT_FOUND', `No imported playbook has the id "${id}".`, 'Refresh the playbook list.');
      }
      try {
        for (const file of present) await rm(file, { force: true });
      } finally {
        loading = undefined;
      }
    },

    async reload() {
      loading = undefined;
      await entries();
    },
  };
}

async function loadAll(opts: { bundledDir: string; importedDir: string }): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const [dir, source] of [[opts.bundledDir, 'bundled'], [opts.importedDir, 'imported']] as const) {
    for (const language of LANGUAGES) {
      for (const file of await markdownFiles(join(dir, language))) entries.push(await loadFile(file, source));
    }
  }

  // An imported copy of a bundled id is refused at import; if one was copied in by hand, say so.
  const bundledIds = new Set(entries.filter((e) => e.source === 'bundled' && e.playbook).map((e) => e.playbook!.meta.id));
  for (const entry of entries) {
    if (entry.source === 'imported' && entry.playbook && bundledIds.has(entry.playbook.meta.id)) {
      entry.problems.push({ file: entry.file, line: 1, message: `A playbook bundled with Firebreak already has the id "${entry.playbook.meta.id}"; an imported playbook cannot replace it. Give it its own id.` });
    }
  }

  const usable = entries.filter((e) => e.playbook && e.problems.length === 0);
  const cross = crossCheck(usable.map((e) => e.playbook!));
  for (const entry of usable) {
    entry.problems.push(...(cross.problems.get(entry.playbook!) ?? []));
    entry.warnings.push(...(cross.warnings.get(entry.playbook!) ?? []));
  }
  return entries;
}

async function markdownFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir, { withFileTypes: true });
    return names
      .filter((d) => (d.isFile() || d.isSymbolicLink()) && d.name.toLowerCase().endsWith('.md'))
      .map((d) => join(dir, d.name))
      .sort();
  } catch {
    return []; // a missing language folder is normal
  }
}

export async function loadFile(file: string, source: Source): Promise<Entry> {
  const broken = (message: string): Entry => ({ file, source, problems: [{ file, line: 1, message }], warnings: [] });
  try {
    const info = await stat(file);
    if (info.size > MAX_PLAYBOOK_BYTES) return broken(`The file is ${(info.size / 1_000_000).toFixed(1)} MB; a playbook is at most 2 MB.`);
    const bytes = await readFile(file);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return broken('The file is not UTF-8 text: save it as UTF-8.');
    }
    const result = parsePlaybook(text, file, source);
    return { file, source, ...(result.playbook ? { playbook: result.playbook } : {}), problems: result.problems, warnings: result.warnings };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'the file disappeared' : (error as Error).message;
    return broken(`The file cannot be read (${reason}).`);
  }
}

function toSummary(entry: Entry): PlaybookSummary {
  const p = entry.playbook;
  if (!p || entry.problems.length > 0) return { status: 'broken', file: entry.file, source: entry.source, problems: entry.problems };
  return {
    status: 'ok',
    id: p.meta.id,
    title: p.meta.title,
    version: p.meta.version,
    language: p.meta.language,
    products: p.meta.products,
    cves: p.meta.cves,
    lastReviewed: p.meta.lastReviewed,
    source: entry.source,
    file: entry.file,
    phaseCount: p.phases.length,
    stepCount: p.steps.length,
    warnings: entry.warnings,
  };
}

async function readExisting(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Write to a temporary file beside the target, then rename: a crash never leaves half a playbook. */
async function writeAtomically(target: string, content: string): Promise<void> {
  const dir = join(target, '..');
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    fail('STORAGE_FAILED', `The playbook could not be saved (${(error as Error).message}).`, 'Check that the disk is not full and that Firebreak may write to its data folder.');
  }
}

/** Compares MAJOR.MINOR.PATCH numerically: 1.10.0 is newer than 1.9.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
