// Reading a bundle: verify every entry against the manifest, and import a verified case. Nothing is
// trusted: names, sizes, links, the manifest itself. Import stages the files in a temporary folder
// beside the cases, verifies everything, and only then renames the case folder into place, so a
// failure at any point imports nothing.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppFailure, fail } from '../api/contract';
import { parseCaseText } from '../storage/case-file';
import type { CaseDocument } from '../cases/types';
import { BundleManifest, DEFAULT_BUNDLE_LIMITS, MANIFEST_NAME, unsafeNameReason, type BundleLimits } from './manifest';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

export interface BundleEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

export interface VerifiedBundle {
  manifest: BundleManifest;
  entries: BundleEntryInfo[];
}

const refuse = (sentence: string): never => fail('INVALID_INPUT', `This bundle was refused: ${sentence}.`, 'Ask the sender for a new copy; nothing was imported.');

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (error, zip) => (error || !zip ? reject(error ?? new Error('cannot open')) : resolve(zip))),
  );
}

const decodeName = (entry: yauzl.Entry): string => {
  const raw = entry.fileName as unknown as Buffer | string;
  return typeof raw === 'string' ? raw : raw.toString('utf8');
};

/** Read the central directory; check names, links, duplicates and sizes before any byte is inflated. */
async function listEntries(zip: yauzl.ZipFile, limits: BundleLimits): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries) refuse(`it has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const name = decodeName(entry);
        const reason = unsafeNameReason(name);
        if (reason) refuse(reason);
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) refuse(`the entry “${name}” is a symbolic link`);
        const isDir = name.endsWith('/') || mode === S_IFDIR;
        if (!isDir) {
          if (entries.has(name) || [...entries.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) refuse(`the entry “${name}” appears twice`);
          if (entry.uncompressedSize > limits.maxEntryBytes) refuse(`the entry “${name}” is larger than ${limits.maxEntryBytes} bytes`);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) refuse(`its content is larger than ${limits.maxTotalBytes} bytes in total`);
          if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
            refuse(`the entry “${name}” expands more than ${limits.maxRatio} times (a zip bomb)`);
          }
          if (entry.isEncrypted()) refuse(`the entry “${name}” is encrypted`);
          entries.set(name, entry);
        }
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.readEntry();
  });
  return entries;
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('cannot read')) : resolve(stream))));
}

/** Stream an entry to `sink` (or nowhere), counting and hashing; the byte limit is enforced while reading. */
async function hashEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number, target?: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new Error('entry larger than announced'));
      hash.update(chunk);
      callback(null, target ? chunk : undefined);
    },
  });
  const stream = await openStream(zip, entry);
  if (target) {
    await mkdir(path.dirname(target), { recursive: true });
    await pipeline(stream, tap, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } else {
    // Drain: the bytes are only hashed.
    await pipeline(stream, tap, async (source: AsyncIterable<unknown>) => {
      for await (const _ of source) void _;
    });
  }
  return { sha256: hash.digest('hex'), size };
}

async function readManifest(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, limits: BundleLimits): Promise<BundleManifest> {
  const entry = entries.get(MANIFEST_NAME) ?? refuse('it has no manifest.json');
  if (entry.uncompressedSize > limits.maxManifestBytes) refuse('its manifest.json is too large');
  const chunks: Buffer[] = [];
  for await (const chunk of await openStream(zip, entry)) chunks.push(chunk as Buffer);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return refuse('its manifest.json is not valid JSON');
  }
  const parsed = BundleManifest.safeParse(raw);
  if (!parsed.success) return refuse(`its manifest.json is not a Firebreak bundle manifest (${parsed.error.issues[0]?.path.join('.') || 'format'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const seen = new Set<string>();
  for (const file of parsed.data.files) {
    const reason = unsafeNameReason(file.path);
    if (reason) refuse(`its manifest lists an unsafe path: ${reason}`);
    if (seen.has(file.path)) refuse(`its manifest lists “${file.path}” twice`);
    seen.add(file.path);
  }
  return parsed.data;
}

async function withZip<T>(file: string, task: (zip: yauzl.ZipFile) => Promise<T>): Promise<T> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return fail('NOT_FOUND', `The bundle ${file} cannot be found.`, 'Check the path.');
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    return refuse(`it is not a readable zip file (${(error as Error).message})`);
  }
  try {
    return await task(zip);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    return refuse(`it could not be read completely (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}

/**
 * Check a bundle without writing anything: names, links, sizes, the manifest, and the SHA-256 of
 * every file. With `extractTo`, the verified files are written below that folder as they are read.
 */
export async function verifyBundle(file: string, options: { limits?: Partial<BundleLimits>; extractTo?: string; extract?: (name: string) => boolean } = {}): Promise<VerifiedBundle> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  return withZip(file, async (zip) => {
    const entries = await listEntries(zip, limits);
    const manifest = await readManifest(zip, entries, limits);
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const name of entries.keys()) {
      if (name !== MANIFEST_NAME && !listed.has(name)) refuse(`the entry “${name}” is not listed in its manifest`);
    }
    for (const f of manifest.files) {
      if (!entries.has(f.path)) refuse(`the file “${f.path}” listed in its manifest is missing`);
    }
    for (const f of manifest.files) {
      const entry = entries.get(f.path) as yauzl.Entry;
      if (entry.uncompressedSize !== f.size) refuse(`the size of “${f.path}” does not match its manifest`);
      const target = options.extractTo && (options.extract?.(f.path) ?? true) ? path.join(options.extractTo, ...f.path.split('/')) : undefined;
      let actual: { sha256: string; size: number };
      try {
        actual = await hashEntry(zip, entry, f.size, target);
      } catch (error) {
        return refuse(`“${f.path}” could not be read (${(error as Error).message})`);
      }
      if (actual.size !== f.size || actual.sha256 !== f.sha256) refuse(`the SHA-256 of “${f.path}” does not match its manifest: the file was changed`);
    }
    return { manifest, entries: [...entries.entries()].map(([name, e]) => ({ name, size: e.uncompressedSize, compressedSize: e.compressedSize })) };
  });
}

export interface ImportResult {
  caseId: string;
  folder: string;
  manifest: BundleManifest;
}

/**
 * Import a verified bundle as `<casesDir>/<caseId>/`. A case with the same id is never overwritten:
 * the import is refused with CONFLICT (the existing case may hold newer work; the person decides).
 */
export async function importBundle(file: string, casesDir: string, options: { limits?: Partial<BundleLimits> } = {}): Promise<ImportResult> {
  await mkdir(casesDir, { recursive: true });
  const staging = path.join(casesDir, `.import-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { recursive: false });
  try {
    const { manifest } = await verifyBundle(file, { ...options, extractTo: staging });
    const caseText = await readFile(path.join(staging, 'case.json'), 'utf8').catch(() => refuse('it has no case.json'));
    const parsed = parseCaseText(caseText);
    if (!parsed.ok) return refuse(`its case.json cannot be opened (${parsed.detail})`);
    const doc: CaseDocument = parsed.doc;
    if (doc.id !== manifest.caseId) refuse('its case.json belongs to another case than its manifest says');
    const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    for (const item of doc.records.evidence) {
      if (listed.get(item.storedPath) !== item.sha256) refuse(`the evidence “${item.title}” is missing from it or differs from what the case recorded`);
    }
    const target = path.join(casesDir, doc.id);
    if (await stat(target).catch(() => undefined)) {
      return fail('CONFLICT', `A case with the id ${doc.id} already exists here, so the bundle was not imported.`, 'Open the existing case, or archive and purge it first if the bundle should replace it.');
    }
    // Only the case file and the evidence become the case; the reports stay in the bundle.
    const caseFolder = path.join(staging, 'case');
    await mkdir(path.join(caseFolder, 'evidence'), { recursive: true });
    await rename(path.join(staging, 'case.json'), path.join(caseFolder, 'case.json'));
    for (const item of doc.records.evidence) {
      const stored = path.join(caseFolder, ...item.storedPath.split('/'));
      await rename(path.join(staging, ...item.storedPath.split('/')), stored);
      await chmod(stored, 0o444);
    }
    await rename(caseFolder, target);
    return { caseId: doc.id, folder: target, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
