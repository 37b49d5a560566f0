// Validates playbook files and folders for `firebreak validate`: the same parser and the same
// cross-playbook checks as the app, over whatever paths the author gives.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlaybookProblem } from './types';
import { crossCheck } from './cross-check';
import { loadFile } from './registry';

export interface FileReport {
  file: string;
  problems: PlaybookProblem[];
  warnings: PlaybookProblem[];
}

export interface ValidateOptions {
  /** 'bundled' (default) is the strict mode used for playbooks shipped with the app; 'imported' is what the import button applies. */
  source?: 'bundled' | 'imported';
}

/** Files skipped when walking a folder: documentation that lives beside the playbooks. */
const NOT_PLAYBOOKS = new Set(['readme.md', 'changelog.md', 'contributing.md', 'license.md']);

export async function validatePath(path: string, options: ValidateOptions = {}): Promise<{ files: FileReport[] }> {
  return validatePaths([path], options);
}

export async function validatePaths(paths: readonly string[], options: ValidateOptions = {}): Promise<{ files: FileReport[] }> {
  const source = options.source ?? 'bundled';
  const files: string[] = [];
  const unreadable: FileReport[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) files.push(...(await collect(path)));
      else files.push(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'There is no file or folder with this name.' : `This path cannot be read (${(error as Error).message}).`;
      unreadable.push({ file: path, problems: [{ file: path, line: 1, message }], warnings: [] });
    }
  }
  const unique = [...new Set(files)];
  const entries = [];
  for (const file of unique) entries.push(await loadFile(file, source));
  const usable = entries.filter((e) => e.playbook && e.problems.length === 0);
  const cross = crossCheck(usable.map((e) => e.playbook!));
  const reports: FileReport[] = entries.map((e) => ({
    file: e.file,
    problems: [...e.problems, ...(e.playbook ? (cross.problems.get(e.playbook) ?? []) : [])],
    warnings: [...e.warnings, ...(e.playbook ? (cross.warnings.get(e.playbook) ?? []) : [])],
  }));
  return { files: [...unreadable, ...reports] };
}

async function collect(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await collect(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !NOT_PLAYBOOKS.has(entry.name.toLowerCase())) out.push(full);
  }
  return out;
}
