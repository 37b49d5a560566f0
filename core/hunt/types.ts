// The hunt engine's public data: what goes in (rules, paths) and what comes out (findings and the
// coverage that lets a report say what was examined and what was ruled out).
import type { HuntRule, LogFormat, Severity } from '../playbooks/types';

export interface RuleInput {
  playbookId: string;
  playbookVersion: string;
  rule: HuntRule;
}

export interface HuntProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second since the start. */
  rate: number;
  /** Seconds left at the current rate, or undefined before the rate is known. */
  etaSeconds?: number;
}

export interface HuntLimits {
  /** A line longer than this is cut into pieces of this size (a match across the cut may be missed). */
  maxLineBytes: number;
  /** Files larger than this are not hashed for hash rules (recorded in the coverage). */
  hashMaxBytes: number;
  /** Findings kept per rule; further hits are counted, not kept. */
  maxFindingsPerRule: number;
  zipMaxEntries: number;
  zipMaxEntryBytes: number;
  zipMaxTotalBytes: number;
  /** Uncompressed / compressed above this (for anything over 1 MiB) is treated as a bomb. */
  maxCompressionRatio: number;
  /** 1 = a zip inside a zip may be read; 2 = refused below that. */
  maxArchiveDepth: number;
  /** A zip inside an archive is held in memory to be read: at most this many bytes. */
  nestedZipMaxBytes: number;
}

export interface HuntOptions {
  paths: string[];
  /** The rules, or a promise of them: the workers start and the folders are walked meanwhile. */
  rules: RuleInput[] | Promise<RuleInput[]>;
  /** Installed product versions, e.g. { "Cleo Harmony": "5.8.0.21" }, for version rules. */
  versions?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (progress: HuntProgress) => void;
  /** Worker threads; default os.availableParallelism(). 0 scans in this thread. */
  workers?: number;
  /** The built worker bundle; default: hunt-worker.mjs/.js next to this module, else scan in-process. */
  workerScript?: string;
  limits?: Partial<HuntLimits>;
}

export interface Finding {
  playbookId: string;
  playbookVersion: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  /** Path as found under the given path; inside archives `archive.zip!inner/path`. Empty for version rules. */
  file: string;
  /** 1-based; 0 when the hit is about the file itself (path, hash) or a version. */
  line: number;
  /** The matched text with a little context, control characters removed, at most a few hundred characters. */
  match: string;
  explanation: string;
}

export interface FileCoverage {
  file: string;
  format: LogFormat;
  bytes: number;
  lines: number;
  /** Earliest and latest entry timestamps found (ISO 8601; UTC unless `localTime`). */
  firstEntry?: string;
  lastEntry?: string;
  localTime?: boolean;
  binary?: boolean;
  sha256?: string;
  notes?: string[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export type RuleStatus = 'hit' | 'ruled-out' | 'not-covered' | 'not-evaluated';

export interface RuleCoverage {
  playbookId: string;
  playbookVersion: string;
  ruleId: string;
  severity: Severity;
  kind: 'path' | 'content' | 'log' | 'hash' | 'ip' | 'version';
  status: RuleStatus;
  hits: number;
  /** Findings not kept because of maxFindingsPerRule. */
  hitsNotKept: number;
  filesExamined: number;
  note?: string;
}

export interface Coverage {
  startedAt: string;
  finishedAt: string;
  paths: string[];
  files: FileCoverage[];
  skipped: SkippedFile[];
  /** Archive names that try to leave their folder (`../`, absolute): reported, never used to write. */
  warnings: string[];
  rules: RuleCoverage[];
  ruleSet: { playbooks: { id: string; version: string }[]; ruleCount: number };
  bytesScanned: number;
  firstEntry?: string;
  lastEntry?: string;
  workers: number;
}

export interface HuntResult {
  findings: Finding[];
  coverage: Coverage;
  cancelled: boolean;
}

export const DEFAULT_LIMITS: HuntLimits = {
  maxLineBytes: 64 * 1024,
  hashMaxBytes: 64 * 1024 * 1024,
  maxFindingsPerRule: 1_000,
  zipMaxEntries: 100_000,
  zipMaxEntryBytes: 16 * 1024 ** 3,
  zipMaxTotalBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxArchiveDepth: 2,
  nestedZipMaxBytes: 64 * 1024 * 1024,
};
