// A small, careful zip reader: central directory (with Zip64), then each entry streamed and inflated
// in memory, never extracted to disk. Hostile archives are refused with a sentence saying why:
// too many entries, entries that overlap (a zip-bomb technique), sizes or compression ratios beyond
// the limits, sizes that lie.
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { HuntLimits } from './types';

export interface RandomAccess {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export class ArchiveRefused extends Error {
  override readonly name = 'ArchiveRefused';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MIB = 1024 * 1024;

export function bufferAccess(buf: Buffer): RandomAccess {
  return { size: buf.length, read: async (position, length) => buf.subarray(position, Math.min(buf.length, position + length)) };
}

function u64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ArchiveRefused('it declares a size beyond what any real archive has');
  return Number(value);
}

export async function readZipDirectory(ra: RandomAccess, limits: HuntLimits): Promise<ZipEntry[]> {
  const tailLength = Math.min(ra.size, 22 + 0xffff);
  const tail = await ra.read(ra.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new ArchiveRefused('it is not a readable zip (no end of central directory; truncated or damaged)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = ra.size - tailLength + eocd - 20;
    const locator = locatorAt >= 0 ? await ra.read(locatorAt, 20) : Buffer.alloc(0);
    if (locator.length === 20 && locator.readUInt32LE(0) === ZIP64_LOCATOR) {
      const z64 = await ra.read(u64(locator, 8), 56);
      if (z64.length < 56 || z64.readUInt32LE(0) !== ZIP64_EOCD) throw new ArchiveRefused('its Zip64 directory is damaged');
      count = u64(z64, 32);
      cdSize = u64(z64, 40);
      cdOffset = u64(z64, 48);
    }
  }
  if (count > limits.zipMaxEntries) throw new ArchiveRefused(`it lists ${count} entries, more than the limit of ${limits.zipMaxEntries}`);
  if (cdOffset + cdSize > ra.size) throw new ArchiveRefused('its directory points past the end of the file (truncated or forged)');
  if (cdSize > 64 * MIB) throw new ArchiveRefused('its directory is larger than 64 MiB');
  const cd = await ra.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  let total = 0;
  while (p + 46 <= cd.length && entries.length <= limits.zipMaxEntries) {
    if (cd.readUInt32LE(p) !== CENTRAL) break;
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const size = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          uncompressedSize = u64(extra, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          compressedSize = u64(extra, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = u64(extra, q);
      }
      e += 4 + size;
    }
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || name.endsWith('\\')) continue;
    total += uncompressedSize;
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset });
  }
  if (entries.length > limits.zipMaxEntries) throw new ArchiveRefused(`it holds more than ${limits.zipMaxEntries} entries`);
  if (total > limits.zipMaxTotalBytes) throw new ArchiveRefused(`its entries add up to ${formatBytes(total)}, more than the limit of ${formatBytes(limits.zipMaxTotalBytes)}`);
  // Entries sharing compressed bytes are the "overlapping files" zip bomb: refuse the archive.
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.localOffset < prev.localOffset + 30 + prev.compressedSize) {
      throw new ArchiveRefused('its entries overlap one another (a zip-bomb technique)');
    }
  }
  return entries;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= MIB) return `${(n / MIB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Why an entry cannot be read, or undefined when it can. */
export function entryProblem(entry: ZipEntry, limits: HuntLimits): string | undefined {
  if (entry.flags & 0x1) return 'it is encrypted';
  if (entry.method !== 0 && entry.method !== 8) return `it uses compression method ${entry.method}, which Firebreak does not read (only stored and deflate)`;
  if (entry.uncompressedSize > limits.zipMaxEntryBytes) return `it declares ${formatBytes(entry.uncompressedSize)}, more than the limit of ${formatBytes(limits.zipMaxEntryBytes)}`;
  if (entry.uncompressedSize > MIB && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio) {
    return `it expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (a zip bomb; the limit is ${limits.maxCompressionRatio})`;
  }
  return undefined;
}

/** The entry's uncompressed bytes, checked against its declared size and the limits as they flow. */
export async function* readZipEntry(ra: RandomAccess, entry: ZipEntry, limits: HuntLimits, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  const local = await ra.read(entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ArchiveRefused('its local header is missing (damaged archive)');
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + entry.compressedSize > ra.size) throw new ArchiveRefused('its data runs past the end of the archive (truncated)');
  async function* raw(): AsyncGenerator<Buffer> {
    for (let pos = 0; pos < entry.compressedSize; ) {
      const n = Math.min(MIB, entry.compressedSize - pos);
      const chunk = await ra.read(dataStart + pos, n);
      if (chunk.length === 0) throw new ArchiveRefused('it ended early (truncated)');
      pos += chunk.length;
      onRead(chunk.length);
      yield chunk;
    }
  }
  const source = entry.method === 0 ? raw() : inflateRaw(raw());
  let out = 0;
  for await (const chunk of source) {
    out += chunk.length;
    if (out > entry.uncompressedSize) throw new ArchiveRefused(`it expands beyond its declared size of ${formatBytes(entry.uncompressedSize)} (forged sizes, a zip-bomb technique)`);
    yield chunk;
  }
}

export async function* inflateRaw(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  pipeline(Readable.from(source), inflater, () => {});
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
  }
}
