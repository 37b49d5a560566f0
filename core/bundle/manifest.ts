// The case bundle (a zip): the report in every format, the case file, the evidence, and
// manifest.json with the path, size and SHA-256 of every other file. Format firebreak-bundle/1.
//
// Layout:
//   manifest.json            this manifest (not listed in itself)
//   case.json                the case document, as stored
//   report.html|md|json|pdf  the report (pdf only when a printer was available)
//   evidence/<id>-<name>     every evidence file, including withdrawn ones (custody is never broken)
import { z } from 'zod';

export const BUNDLE_FORMAT = 'firebreak-bundle/1';
export const MANIFEST_NAME = 'manifest.json';

export const ManifestFile = z
  .object({
    path: z.string().min(1).max(1_000),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
  })
  .strict();

export const BundleManifest = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    caseId: z.string().regex(/^[a-zA-Z0-9-]{1,80}$/),
    createdAt: z.string(),
    appVersion: z.string().max(100),
    reportVersion: z.number().int().positive(),
    reportSha256: z.string().regex(/^[a-f0-9]{64}$/),
    files: z.array(ManifestFile).max(100_000),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifest>;

/** Limits that stop a hostile zip from filling the disk. All can be lowered or raised by the caller. */
export interface BundleLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed above this, for an entry over 1 MiB, is treated as a zip bomb. */
  maxRatio: number;
  maxManifestBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 1_000,
  maxManifestBytes: 32 * 1024 * 1024,
};

/**
 * Why a name is refused inside a bundle, or undefined when it is safe: a relative path of plain
 * segments with forward slashes, no `..`, no drive letter, no control characters.
 */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return 'an entry has an empty name';
  if (name.includes('\\')) return `the entry “${name}” uses backslashes in its path`;
  if (name.startsWith('/')) return `the entry “${name}” has an absolute path`;
  if (/^[a-zA-Z]:/.test(name)) return `the entry “${name}” names a drive letter`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return `the entry “${name.replace(/[\u0000-\u001f]/g, '?')}” has control characters in its name`;
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return `the entry “${name}” tries to leave the bundle folder with ../`;
  if (segments.some((s) => s === '' || s === '.')) return `the entry “${name}” has an empty or "." path segment`;
  return undefined;
}
