// Lists the files under the chosen paths. Symbolic links met inside a folder are not followed (so a
// scan never leaves the chosen folders); a chosen path that is itself a link is followed, since the
// user named it. Unreadable folders are reported, never fatal.
import { lstat, opendir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeError, type FileTask } from './sources';
import type { SkippedFile } from './types';

export interface WalkResult {
  files: FileTask[];
  skipped: SkippedFile[];
}

export async function walkPaths(paths: string[], signal?: AbortSignal): Promise<WalkResult> {
  const files: FileTask[] = [];
  const skipped: SkippedFile[] = [];
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      skipped.push({ file: given, reason: `cannot be read (${describeError(error)})` });
      continue;
    }
    if (info.isFile()) {
      files.push({ path: given, display: given, relative: basename(given), size: info.size });
    } else if (info.isDirectory()) {
      const prefix = given.replace(/[\\/]+$/, '') || given;
      await walkDir(given, '', prefix, files, skipped, signal);
    } else {
      skipped.push({ file: given, reason: 'is not a regular file or folder' });
    }
  }
  return { files, skipped };
}

async function walkDir(dir: string, rel: string, prefix: string, files: FileTask[], skipped: SkippedFile[], signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  let handle;
  try {
    handle = await opendir(dir);
  } catch (error) {
    skipped.push({ file: shown(prefix, rel), reason: `folder cannot be read (${describeError(error)})` });
    return;
  }
  const subdirs: string[] = [];
  try {
    for await (const entry of handle) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        skipped.push({ file: shown(prefix, childRel), reason: 'is a symbolic link; links are not followed so the hunt stays inside the chosen folders' });
      } else if (entry.isDirectory()) {
        subdirs.push(entry.name);
      } else if (entry.isFile()) {
        try {
          const info = await lstat(full);
          files.push({ path: full, display: shown(prefix, childRel), relative: childRel, size: info.size });
        } catch (error) {
          skipped.push({ file: shown(prefix, childRel), reason: `cannot be read (${describeError(error)})` });
        }
      } else {
        skipped.push({ file: shown(prefix, childRel), reason: 'is not a regular file (device, socket or pipe)' });
      }
    }
  } catch (error) {
    skipped.push({ file: shown(prefix, rel), reason: `folder could not be listed to the end (${describeError(error)})` });
  }
  subdirs.sort();
  for (const name of subdirs) await walkDir(join(dir, name), rel ? `${rel}/${name}` : name, prefix, files, skipped, signal);
}

function shown(prefix: string, rel: string): string {
  return rel ? `${prefix}/${rel}` : prefix;
}
