// What the app's hunt screen exchanges with the main process: the status of a running hunt, and
// the stored result of a finished one (<caseFolder>/hunts/<huntId>.json). Types only, no Node or
// DOM: the contract and the renderer import them.
import type { Coverage, Finding as EngineFinding, RuleCoverage } from '../hunt/types';

export const HUNT_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type HuntState = (typeof HUNT_STATES)[number];

export interface HuntProgressView {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second since the start. */
  rate: number;
  /** Seconds left at the current rate; null before the rate is known. */
  etaSeconds: number | null;
}

export interface HuntSummary {
  found: number;
  ruledOut: number;
  notCovered: number;
  files: number;
  /** Findings written into the case's records (hits past the per-rule cap stay in the hunt file only). */
  recordedFindings: number;
}

export interface HuntStatus {
  state: HuntState;
  /** `recording` once the scan is over and the hits are hashed and written to the case. */
  phase: 'scanning' | 'recording' | 'finished';
  progress: HuntProgressView;
  error?: string;
  summary?: HuntSummary;
}

/** One hit as shown in the results table and its detail panel: the engine's finding, and more. */
export interface HuntHit extends EngineFinding {
  /** Index in the hunt file, stable for that hunt. */
  index: number;
  /** SHA-256 of the source file (of the archive for a hit inside an archive); absent when it could not be read. */
  sha256?: string;
  sha256Of?: 'file' | 'archive';
  /** Up to two lines before and after the hit, read from the file when it is plain (not inside an archive). */
  context?: { line: number; text: string }[];
  /** The finding recorded in the case for this hit, when it was recorded. */
  findingId?: string;
}

/** A rule as it ended the hunt: what it looked at and why nothing was found, or why it did not run. */
export interface HuntRuleRow extends RuleCoverage {
  ruleTitle: string;
  findingId?: string;
}

export interface HuntCoverageSummary {
  files: number;
  bytes: number;
  filesByFormat: Record<string, number>;
  firstEntry?: string;
  lastEntry?: string;
  /** Files that could not be read or were refused (capped for the screen; the hunt file has them all). */
  skipped: { file: string; reason: string }[];
  skippedTotal: number;
  warnings: string[];
}

/** The stored record of one hunt: everything the results screen shows, plus the engine's full coverage. */
export interface HuntRecord {
  format: 'firebreak-hunt/1';
  huntId: string;
  caseId: string;
  serverId?: string;
  host: string;
  state: Exclude<HuntState, 'running'>;
  startedAt: string;
  finishedAt: string;
  paths: string[];
  playbooks: { id: string; version: string; title: string }[];
  /** Product versions given to version rules, keyed by the rule's product name. */
  versions: Record<string, string>;
  toolVersion: string;
  hits: HuntHit[];
  rules: HuntRuleRow[];
  summary: HuntSummary;
  coverage: Coverage;
  error?: string;
}

/** What the results screen needs: the stored hunt without the full file list. */
export type HuntResultsView = Omit<HuntRecord, 'coverage'> & { coverage: HuntCoverageSummary };

export interface HuntResults {
  /** A hunt of this case still running in this session, if any. */
  running?: { huntId: string };
  /** The requested hunt, or the latest finished one; absent when the case has none. */
  hunt?: HuntResultsView;
}
