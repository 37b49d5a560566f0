// Copying evidence into a case folder. The file is streamed once: every chunk goes both to the
// hash and to the copy, so a multi-gigabyte log never sits in memory. The copy is then made
// read-only and hashed again from disk, so what the manifest says is what is stored.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail } from '../api/contract';

export const EVIDENCE_DIR = 'evidence';
/** Stored evidence is read-only for everyone: it is never changed after it is copied. */
export const EVIDENCE_MODE = 0o444;
export const MAX_TEXT_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** A name safe on Windows, macOS and Linux: letters, digits, dot, dash, underscore; at most 100 characters. */
export function safeFileName(name: string, fallback = 'evidence'): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/_+/g, '_');
  const trimmed = cleaned.length > 100 ? `${cleaned.slice(0, 60)}…${cleaned.slice(-39)}`.replace('…', '_') : cleaned;
  return trimmed.length > 0 ? trimmed : fallback;
}

/** SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export interface StoredFile {
  /** Relative to the case folder, with forward slashes: evidence/<id>-<name>. */
  storedPath: string;
  fileName: string;
  sha256: string;
  size: number;
}

async function finalise(caseFolder: string, temp: string, fileName: string, expected: { sha256: string; size: number }): Promise<StoredFile> {
  const target = path.join(caseFolder, EVIDENCE_DIR, fileName);
  if (await stat(target).catch(() => undefined)) {
    await unlink(temp).catch(() => undefined);
    return fail('CONFLICT', `Evidence named ${fileName} already exists in this case; nothing was overwritten.`, 'Add the file again: it gets a new name.');
  }
  await chmod(temp, EVIDENCE_MODE);
  await rename(temp, target);
  const check = await sha256File(target);
  if (check.sha256 !== expected.sha256 || check.size !== expected.size) {
    return fail('STORAGE_FAILED', `The copy of ${fileName} does not match the original (its hash differs); the copy is kept aside but not recorded.`, 'Check the disk, then add the file again.');
  }
  return { storedPath: `${EVIDENCE_DIR}/${fileName}`, fileName, sha256: expected.sha256, size: expected.size };
}

/**
 * Copy `source` into `<caseFolder>/evidence/<id>-<safe name>`, hashing while copying.
 * The copy is written to a temporary name first, so a crash never leaves a half file under a real name.
 */
export async function storeEvidenceFile(caseFolder: string, id: string, source: string): Promise<StoredFile> {
  const info = await stat(source).catch(() => undefined);
  if (!info) return fail('NOT_FOUND', `The file ${source} cannot be found or read.`, 'Check the path and that you may read the file.');
  if (!info.isFile()) return fail('INVALID_INPUT', `${source} is not a regular file.`, 'Pick a file; to keep a whole folder, zip it first.');
  const folder = path.join(caseFolder, EVIDENCE_DIR);
  await mkdir(folder, { recursive: true });
  const fileName = `${id}-${safeFileName(source)}`;
  const temp = path.join(folder, `.${fileName}.tmp-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), tap, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    const handle = await open(temp, 'r');
    await handle.sync().finally(() => handle.close());
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') return fail('STORAGE_FAILED', `The disk is full: ${path.basename(source)} could not be copied into the case.`, 'Free some space and add the file again.');
    return fail('STORAGE_FAILED', `${path.basename(source)} could not be copied into the case (${code ?? (error as Error).message}).`, 'Check that the file can be read and that the case folder is writable.');
  }
  return finalise(caseFolder, temp, fileName, { sha256: hash.digest('hex'), size });
}

/** Pasted text (command output) stored the same way, as a UTF-8 .txt file. */
export async function storeEvidenceText(caseFolder: string, id: string, title: string, content: string): Promise<StoredFile> {
  const bytes = Buffer.from(content, 'utf8');
  if (bytes.length > MAX_TEXT_EVIDENCE_BYTES) return fail('INVALID_INPUT', 'Pasted text is limited to 10 MB.', 'Save the output to a file and attach the file instead.');
  const folder = path.join(caseFolder, EVIDENCE_DIR);
  await mkdir(folder, { recursive: true });
  const name = safeFileName(title, 'pasted-text').replace(/\.txt$/i, '');
  const fileName = `${id}-${name}.txt`;
  const temp = path.join(folder, `.${fileName}.tmp-${randomBytes(4).toString('hex')}`);
  await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return finalise(caseFolder, temp, fileName, { sha256, size: bytes.length });
}

/** Re-hash every stored evidence file; returns the items whose file is missing or changed. */
export async function checkStoredEvidence(
  caseFolder: string,
  items: readonly { id: string; storedPath: string; sha256: string }[],
): Promise<{ id: string; storedPath: string; problem: 'missing' | 'changed' }[]> {
  const problems: { id: string; storedPath: string; problem: 'missing' | 'changed' }[] = [];
  for (const item of items) {
    const file = path.join(caseFolder, ...item.storedPath.split('/'));
    const found = await sha256File(file).catch(() => undefined);
    if (!found) problems.push({ id: item.id, storedPath: item.storedPath, problem: 'missing' });
    else if (found.sha256 !== item.sha256) problems.push({ id: item.id, storedPath: item.storedPath, problem: 'changed' });
  }
  return problems;
}
