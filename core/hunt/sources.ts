// Opens one file found by the walk and scans what it holds: plain bytes, a gzip stream, or a zip
// archive (entries read in place, zips inside zips to the depth limit). Nothing is ever written.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { candidatePaths } from './glob';
import { checkPathRules, scanStream, type ScanState, type ScanTarget } from './scanner';
import { ArchiveRefused, bufferAccess, entryProblem, formatBytes, readZipDirectory, readZipEntry, type RandomAccess } from './zip';
import type { SkippedFile } from './types';

const CHUNK = 4 * 1024 * 1024;
const MIB = 1024 * 1024;

export interface FileTask {
  /** Absolute (or as given) path to open. */
  path: string;
  /** Name for findings: as found under the given root. */
  display: string;
  /** Path relative to the chosen folder, for globs. */
  relative: string;
  size: number;
}

export interface SourceReport {
  skipped: SkippedFile[];
  warnings: string[];
  onRead(bytes: number): void;
  /**
   * The two read buffers plain files take turns with, kept by whoever scans one file after another
   * (newReadBuffers). Without them each file gets its own pair: 8 MiB a file that the allocator is
   * slow to give back, so the process grew with the number of files (measured: 186 MiB on 1.1 GB,
   * 255 MiB on 3.3 GB; with one pair per thread it stays where it is).
   */
  readBuffers?: Buffer[];
}

/** A pair of read buffers for SourceReport.readBuffers: one file at a time may use it. */
export const newReadBuffers = (): Buffer[] => [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export async function scanFileTask(task: FileTask, state: ScanState, report: SourceReport): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(task.path, 'r');
  } catch (error) {
    report.skipped.push({ file: task.display, reason: `cannot be opened (${describeError(error)})` });
    return;
  }
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await fh.read(magic, 0, 4, 0);
    const head = magic.subarray(0, bytesRead);
    const target: ScanTarget = { display: task.display, paths: candidatePaths(task.relative), size: task.size };
    if (isZip(head)) {
      const ra: RandomAccess = {
        size: task.size,
        read: async (position, length) => {
          const buf = Buffer.allocUnsafe(length);
          const r = await fh.read(buf, 0, length, position);
          return buf.subarray(0, r.bytesRead);
        },
      };
      checkPathRules(state, target);
      await scanZip(ra, target, 1, state, report);
      return;
    }
    // a gzip stream keeps chunks while it inflates them: those are its own
    const chunks = readFile(fh, report.onRead, isGzip(head) ? undefined : (report.readBuffers ?? newReadBuffers()));
    if (isGzip(head)) {
      checkPathRules(state, target);
      await scanCompressed(gunzipGuarded(chunks, state, task.display), { ...target, display: task.display, size: undefined }, 1, state, report);
      return;
    }
    checkPathRules(state, target);
    await scanStream(chunks, target, state);
  } catch (error) {
    if (isCancel(error)) throw error;
    report.skipped.push({ file: task.display, reason: `could not be read to the end (${describeError(error)})` });
  } finally {
    await fh.close().catch(() => {});
  }
}

/**
 * Reads a file in 4 MiB chunks, the next read already under way while the caller works on the
 * current chunk (two buffers take turns), so the scanning thread does not wait for the disk.
 * `buffers`: each chunk is consumed before the next one is asked for (the scanner copies what it
 * keeps); without them every chunk is a new buffer.
 */
export async function* readFile(fh: FileHandle, onRead: (n: number) => void, buffers: Buffer[] | undefined): AsyncGenerator<Buffer> {
  let turn = 0;
  const read = (position: number) => {
    const buf = buffers ? buffers[(turn ^= 1)]! : Buffer.allocUnsafe(CHUNK);
    return fh.read(buf, 0, CHUNK, position).then(({ bytesRead }) => buf.subarray(0, bytesRead));
  };
  let position = 0;
  let pending = read(0);
  // if the caller stops early (cancel, error), a failed read-ahead is nobody's business
  pending.catch(() => {});
  try {
    for (;;) {
      const chunk = await pending;
      if (chunk.length === 0) return;
      position += chunk.length;
      pending = read(position);
      pending.catch(() => {});
      onRead(chunk.length);
      yield chunk;
    }
  } finally {
    // the buffers go to the next file: a read-ahead still writing into one must land first
    await pending.catch(() => {});
  }
}

/** Gunzip with a ratio guard: output far larger than input is a gzip bomb. */
async function* gunzipGuarded(source: AsyncIterable<Buffer>, state: ScanState, name: string): AsyncGenerator<Buffer> {
  let input = 0;
  async function* counted() {
    for await (const c of source) {
      input += c.length;
      yield c;
    }
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(Readable.from(counted()), gunzip, () => {});
  let output = 0;
  try {
    for await (const chunk of gunzip) {
      output += (chunk as Buffer).length;
      if (output > 16 * MIB && output / Math.max(1, input) > state.limits.maxCompressionRatio) {
        throw new ArchiveRefused(`${name} expands more than ${state.limits.maxCompressionRatio} times (a gzip bomb)`);
      }
      yield chunk as Buffer;
    }
  } finally {
    gunzip.destroy();
  }
}

/** Waits for the first bytes of a stream without losing them. */
async function peek(source: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    taken.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(taken);
  async function* rest() {
    if (head.length) yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, rest: rest() };
}

/** A decompressed stream: may itself be a zip (held in memory up to a limit) or plain content. */
async function scanCompressed(source: AsyncIterable<Buffer>, target: ScanTarget, depth: number, state: ScanState, report: SourceReport): Promise<void> {
  const { head, rest } = await peek(source, 4);
  if (isZip(head)) {
    if (depth + 1 > state.limits.maxArchiveDepth) {
      report.skipped.push({ file: target.display, reason: `is a zip nested ${depth + 1} levels deep; Firebreak opens archives ${state.limits.maxArchiveDepth} levels deep at most, so its content was not examined` });
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    for await (const c of rest) {
      size += c.length;
      if (size > state.limits.nestedZipMaxBytes) {
        report.skipped.push({ file: target.display, reason: `is a zip inside an archive larger than ${formatBytes(state.limits.nestedZipMaxBytes)}; extract the outer archive to examine it` });
        return;
      }
      parts.push(c);
    }
    await scanZip(bufferAccess(Buffer.concat(parts)), target, depth + 1, state, report);
    return;
  }
  await scanStream(rest, target, state);
}

async function scanZip(ra: RandomAccess, archive: ScanTarget, depth: number, state: ScanState, report: SourceReport): Promise<void> {
  let entries;
  try {
    entries = await readZipDirectory(ra, state.limits);
  } catch (error) {
    if (isCancel(error)) throw error;
    report.skipped.push({ file: archive.display, reason: `is a zip archive that was refused: ${describeError(error)}` });
    return;
  }
  for (const entry of entries) {
    state.checkpoint();
    const display = `${archive.display}!${entry.name}`;
    if (/(^|[\\/])\.\.([\\/]|$)/.test(entry.name) || /^([\\/]|[a-zA-Z]:)/.test(entry.name)) {
      report.warnings.push(`${archive.display} holds an entry named "${entry.name}" that points outside the archive; it was read in memory, never written anywhere.`);
    }
    const problem = entryProblem(entry, state.limits);
    if (problem) {
      report.skipped.push({ file: display, reason: `was not read: ${problem}` });
      continue;
    }
    const inner = entry.name.replace(/\\/g, '/').replace(/^([a-zA-Z]:)?\/+/, '').replace(/(^|\/)(\.\.\/)+/g, '$1');
    const target: ScanTarget = {
      display,
      paths: candidatePaths(`${archive.paths.relative}/${inner}`, archive.paths.inner ? `${archive.paths.inner}/${inner}` : inner),
      size: entry.uncompressedSize,
    };
    checkPathRules(state, target);
    try {
      let chunks: AsyncIterable<Buffer> = readZipEntry(ra, entry, state.limits, depth === 1 ? report.onRead : () => {});
      const { head, rest } = await peek(chunks, 4);
      chunks = rest;
      if (isGzip(head)) chunks = gunzipGuarded(chunks, state, display);
      await scanCompressed(chunks, target, depth, state, report);
    } catch (error) {
      if (isCancel(error)) throw error;
      report.skipped.push({ file: display, reason: `was refused: ${describeError(error)}` });
    }
  }
}

export class HuntCancelled extends Error {
  override readonly name = 'HuntCancelled';
}

function isCancel(error: unknown): boolean {
  return error instanceof HuntCancelled;
}

export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ENOENT') return 'it no longer exists';
  if (e?.code === 'EISDIR') return 'it is a folder';
  if (e?.code === 'Z_DATA_ERROR' || e?.code === 'Z_BUF_ERROR') return 'the compressed data is damaged';
  return e?.message ?? String(error);
}
