// The evidence behind a hit: the SHA-256 of the file it was found in, and the lines around it. Both
// come from one streamed read, so a 4 GB log is never held in memory. A hit inside an archive
// (`logs.zip!inner/file.log`) gets the archive's hash and no context: the entry is not extracted.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface SourceEvidence {
  sha256?: string;
  sha256Of?: 'file' | 'archive';
  /** Keyed by the hit's line: the lines from two before to two after, as read. */
  context: Map<number, { line: number; text: string }[]>;
}

const CONTEXT_RADIUS = 2;
const MAX_CONTEXT_CHARS = 500;
const NEWLINE = 0x0a;

const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => undefined))?.isFile() ?? false;

/** The file on disk a displayed path stands for: itself, or the archive holding it. */
export async function sourceOf(display: string): Promise<{ path: string; kind: 'file' | 'archive' } | undefined> {
  if (!display) return undefined;
  if (await isFile(display)) return { path: display, kind: 'file' };
  // `a.zip!b.zip!c.log`: the outermost part that exists on disk is the archive that was opened.
  for (let at = display.indexOf('!'); at > 0; at = display.indexOf('!', at + 1)) {
    const candidate = display.slice(0, at);
    if (await isFile(candidate)) return { path: candidate, kind: 'archive' };
  }
  return undefined;
}

const cleanLine = (bytes: Buffer): string =>
  bytes
    .toString('utf8')
    .replace(/\r$/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .slice(0, MAX_CONTEXT_CHARS);

/** Compressed files are hashed as they are; their line numbers are in the decompressed text, so no context. */
const isCompressed = (head: Buffer): boolean => (head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04);

/** Hashes `file` and, for a plain file, keeps the lines around each of `hitLines` (1-based). */
export async function readSourceEvidence(display: string, hitLines: number[]): Promise<SourceEvidence> {
  const context = new Map<number, { line: number; text: string }[]>();
  const source = await sourceOf(display);
  if (!source) return { context };
  const wanted = new Set<number>();
  for (const line of hitLines) if (line > 0) for (let n = line - CONTEXT_RADIUS; n <= line + CONTEXT_RADIUS; n++) if (n > 0) wanted.add(n);
  const lastWanted = Math.max(0, ...wanted);

  const hash = createHash('sha256');
  const kept = new Map<number, string>();
  let keepLines = source.kind === 'file' && wanted.size > 0;
  let first = true;
  let line = 1;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  try {
    for await (const chunk of createReadStream(source.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (first) {
        first = false;
        if (isCompressed(chunk)) keepLines = false;
      }
      if (!keepLines || line > lastWanted) continue;
      let start = 0;
      while (start <= chunk.length && line <= lastWanted) {
        const end = chunk.indexOf(NEWLINE, start);
        const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
        if (wanted.has(line) && partialBytes < MAX_CONTEXT_CHARS * 4) {
          partial.push(piece);
          partialBytes += piece.length;
        }
        if (end === -1) break;
        if (wanted.has(line)) kept.set(line, cleanLine(Buffer.concat(partial)));
        partial = [];
        partialBytes = 0;
        line++;
        start = end + 1;
      }
    }
  } catch {
    return { context }; // unreadable now (moved, locked): the hit stays, without hash or context
  }
  if (partialBytes > 0 && wanted.has(line)) kept.set(line, cleanLine(Buffer.concat(partial)));
  for (const hit of hitLines) {
    if (hit <= 0) continue;
    const lines: { line: number; text: string }[] = [];
    for (let n = hit - CONTEXT_RADIUS; n <= hit + CONTEXT_RADIUS; n++) {
      const text = kept.get(n);
      if (text !== undefined) lines.push({ line: n, text });
    }
    if (lines.length) context.set(hit, lines);
  }
  return { sha256: hash.digest('hex'), sha256Of: source.kind, context };
}
