// Crash-safe file replacement: a reader always finds either the old bytes or the new bytes, never a
// mix. Write a temp file in the same folder (same filesystem, so rename is atomic), fsync it, rename
// it over the target, then fsync the folder so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';

/** The file operations used, injectable so tests can simulate a crash at a chosen point. */
export interface FileOps {
  open: typeof fs.open;
  rename: typeof fs.rename;
  link: typeof fs.link;
  copyFile: typeof fs.copyFile;
  unlink: typeof fs.unlink;
}

export const nodeFileOps: FileOps = {
  open: fs.open,
  rename: fs.rename,
  link: fs.link,
  copyFile: fs.copyFile,
  unlink: fs.unlink,
};

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

export const isTempFileName = (name: string): boolean => name.includes('.tmp-');

const tempPathFor = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);

/** Exactly the names tempPathFor makes: nothing else in a folder is ever taken for one. */
const TEMP_NAME = /^\..+\.tmp-[0-9a-f]{12}$/;

/** A write that has not finished after this long never will: its process died (killed, power cut). */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files a write killed mid-way left in `folder` (they are never read; the
 * target and its backup are intact). Only names tempPathFor makes, only regular files, and only
 * those untouched for STALE_TEMP_MS, so a write still under way in another process is left alone.
 * Best effort: returns the names removed.
 */
export async function removeStaleTempFiles(folder: string, now: number = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const file = path.join(folder, name);
    const info = await fs.lstat(file).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < STALE_TEMP_MS) continue;
    if (await fs.unlink(file).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

/** Flush a folder's entries (renames, new names) to disk. Windows and some filesystems refuse: best effort. */
export async function fsyncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported here (EISDIR/EPERM on Windows); the file's own fsync already happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function writeAndSync(ops: FileOps, file: string, content: string | Uint8Array): Promise<void> {
  const handle = await ops.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface AtomicWriteOptions {
  ops?: FileOps;
  /**
   * Keep the current target as this file before it is replaced. Done with a hard link (instant, no
   * copy) and falls back to a copy where links are not supported. Only pass it when the current
   * target is known to be good.
   */
  backupTo?: string;
  /** Skip the folder fsync (the caller does it once for several files). */
  skipFolderSync?: boolean;
}

export async function writeFileAtomic(target: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const ops = options.ops ?? nodeFileOps;
  const temp = tempPathFor(target);
  try {
    await writeAndSync(ops, temp, content);
    if (options.backupTo) await replaceBackup(ops, target, options.backupTo);
    await ops.rename(temp, target);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
  if (!options.skipFolderSync) await fsyncFolder(path.dirname(target));
}

/** Point `backup` at the current bytes of `target`, atomically (the old backup stays until replaced). */
async function replaceBackup(ops: FileOps, target: string, backup: string): Promise<void> {
  const temp = tempPathFor(backup);
  try {
    try {
      await ops.link(target, temp);
    } catch (error) {
      if (isMissing(error)) return; // nothing to back up yet
      try {
        await ops.copyFile(target, temp); // filesystems without hard links (FAT, some network shares)
      } catch (copyError) {
        if (isMissing(copyError)) return;
        throw copyError;
      }
    }
    await ops.rename(temp, backup);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Read a text file, or undefined when it does not exist. Other errors (permissions, I/O) are thrown. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
