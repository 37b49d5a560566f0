// Writing a case bundle. Every evidence file is hashed again before it goes in, and must still match
// what the case recorded. The zip is written under a temporary name, opened again and verified
// entry by entry, and only then renamed to the name asked for: a bundle that exists is a good one.
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { fail } from '../api/contract';
import type { CaseDocument } from '../cases/types';
import { sha256File } from '../evidence/copy';
import { sha256Hex } from '../report/index';
import { caseFilePath, parseCaseText } from '../storage/case-file';
import { BUNDLE_FORMAT, MANIFEST_NAME, type BundleManifest } from './manifest';
import { verifyBundle, type VerifiedBundle } from './read';

export interface BundleInput {
  /** The case folder: its case.json goes into the bundle byte for byte, with its evidence. */
  caseFolder: string;
  /** Rendered reports by format; pdf may be absent when no printer is available. */
  reports: Partial<Record<'pdf' | 'html' | 'md' | 'json', Uint8Array>>;
  reportVersion: number;
  reportSha256: string;
  appVersion: string;
  createdAt: string;
  out: string;
}

export async function writeBundle(input: BundleInput): Promise<VerifiedBundle & { file: string }> {
  const zip = new yazl.ZipFile();
  const files: BundleManifest['files'] = [];
  const mtime = new Date(input.createdAt);
  const addBuffer = (name: string, bytes: Uint8Array) => {
    const buffer = Buffer.from(bytes);
    zip.addBuffer(buffer, name, { mtime, mode: 0o100644 });
    files.push({ path: name, size: buffer.length, sha256: sha256Hex(buffer) });
  };

  const caseBytes = await readFile(caseFilePath(input.caseFolder)).catch(() => fail('NOT_FOUND', `There is no case file in ${input.caseFolder}.`, 'Check the case folder.'));
  const parsed = parseCaseText(caseBytes.toString('utf8'));
  if (!parsed.ok) return fail('STORAGE_UNREADABLE', `The case file in ${input.caseFolder} cannot be read (${parsed.detail}), so no bundle was written.`, 'Recover the case first.');
  const doc: CaseDocument = parsed.doc;
  addBuffer('case.json', caseBytes);
  for (const format of ['pdf', 'html', 'md', 'json'] as const) {
    const bytes = input.reports[format];
    if (bytes) addBuffer(`report.${format}`, bytes);
  }
  for (const item of doc.records.evidence) {
    const source = path.join(input.caseFolder, ...item.storedPath.split('/'));
    const actual = await sha256File(source).catch(() => undefined);
    if (!actual) return fail('NOT_FOUND', `The evidence file ${item.storedPath} (“${item.title}”) is missing from the case folder, so no bundle was written.`, `Put the file back in ${path.join(input.caseFolder, 'evidence')}.`);
    if (actual.sha256 !== item.sha256) {
      return fail('CONFLICT', `The evidence file ${item.storedPath} (“${item.title}”) has changed since it was recorded (its SHA-256 differs), so no bundle was written.`, 'Evidence must never be modified: restore the original file from a backup.');
    }
    // Compressed like the rest: logs shrink a lot, and the reader bounds the expansion ratio.
    zip.addFile(source, item.storedPath, { mtime, mode: 0o100444 });
    files.push({ path: item.storedPath, size: actual.size, sha256: actual.sha256 });
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    caseId: doc.id,
    createdAt: input.createdAt,
    appVersion: input.appVersion,
    reportVersion: input.reportVersion,
    reportSha256: input.reportSha256,
    files,
  };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), MANIFEST_NAME, { mtime, mode: 0o100644 });
  zip.end();

  const out = path.resolve(input.out);
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    await pipeline(zip.outputStream, createWriteStream(temp, { flags: 'wx' }));
    const verified = await verifyBundle(temp);
    if (await stat(out).catch(() => undefined)) await rm(out);
    await rename(temp, out);
    return { ...verified, file: out };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') return fail('STORAGE_FAILED', 'The disk is full: the bundle could not be written.', 'Free some space and try again.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT') return fail('STORAGE_FAILED', `The bundle cannot be written to ${out}.`, 'Pick a folder you may write to.');
    throw error;
  }
}
