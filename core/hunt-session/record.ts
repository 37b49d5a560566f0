// Turns what the engine returned into what the case keeps: the hunt file (every hit with its hash
// and context, every rule's outcome, the full coverage) and the findings for the case's records
// (each hit "found", each rule with no hit over covered files "ruled out" with its coverage).
import type { FindingInput } from '../cases/records-mutations';
import type { HuntResult, RuleInput } from '../hunt/types';
import { readSourceEvidence } from './source-file';
import type { HuntCoverageSummary, HuntHit, HuntRecord, HuntRuleRow } from './types';

/** Hits per rule written into the case's records; the rest stay in the hunt file (a rule can hit a thousand log lines). */
export const MAX_RECORDED_HITS_PER_RULE = 50;
/** Files listed in a ruled-out finding's coverage; the hunt file lists them all. Keeps case.json small. */
export const MAX_COVERAGE_FILES_PER_FINDING = 200;
/** Skipped files sent to the screen. */
const MAX_SKIPPED_SHOWN = 500;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An ISO instant the records' schema accepts, or undefined. */
function utcInstant(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export interface RecordContext {
  huntId: string;
  caseId: string;
  serverId?: string;
  host: string;
  startedAt: string;
  paths: string[];
  playbooks: { id: string; version: string; title: string }[];
  versions: Record<string, string>;
  toolVersion: string;
  rules: RuleInput[];
}

/** Hashes each source file once (streamed) and attaches hash and context to its hits. */
export async function buildHuntRecord(ctx: RecordContext, result: HuntResult, state: 'done' | 'cancelled'): Promise<HuntRecord> {
  const titles = new Map(ctx.rules.map(({ playbookId, rule }) => [`${playbookId}#${rule.id}`, rule.title]));
  const linesByFile = new Map<string, number[]>();
  for (const f of result.findings) if (f.file) linesByFile.set(f.file, [...(linesByFile.get(f.file) ?? []), f.line]);
  const evidence = new Map<string, Awaited<ReturnType<typeof readSourceEvidence>>>();
  for (const [file, lines] of linesByFile) evidence.set(file, await readSourceEvidence(file, lines));

  const hits: HuntHit[] = result.findings.map((f, index) => {
    const source = f.file ? evidence.get(f.file) : undefined;
    const context = source?.context.get(f.line);
    return {
      index,
      playbookId: f.playbookId,
      playbookVersion: f.playbookVersion,
      ruleId: f.ruleId,
      ruleTitle: f.ruleTitle,
      severity: f.severity,
      file: f.file,
      line: f.line,
      match: f.match,
      explanation: f.explanation,
      ...(source?.sha256 ? { sha256: source.sha256, sha256Of: source.sha256Of } : {}),
      ...(context ? { context } : {}),
    };
  });
  const rules: HuntRuleRow[] = result.coverage.rules.map((r) => ({ ...r, ruleTitle: titles.get(`${r.playbookId}#${r.ruleId}`) ?? r.ruleId }));
  const count = (status: string) => rules.filter((r) => r.status === status).length;
  return {
    format: 'firebreak-hunt/1',
    huntId: ctx.huntId,
    caseId: ctx.caseId,
    ...(ctx.serverId ? { serverId: ctx.serverId } : {}),
    host: ctx.host,
    state,
    startedAt: ctx.startedAt,
    finishedAt: result.coverage.finishedAt,
    paths: ctx.paths,
    playbooks: ctx.playbooks,
    versions: ctx.versions,
    toolVersion: ctx.toolVersion,
    hits,
    rules,
    summary: { found: hits.length, ruledOut: count('ruled-out'), notCovered: count('not-covered') + count('not-evaluated'), files: result.coverage.files.length, recordedFindings: 0 },
    coverage: result.coverage,
  };
}

/** The findings to record, in order: hits (capped per rule), then ruled-out rules. `hitIndex` maps back to the hunt file. */
export function findingInputs(record: HuntRecord, evidenceIds: string[], room: number): { input: FindingInput; hitIndex?: number; ruleIndex?: number }[] {
  const out: { input: FindingInput; hitIndex?: number; ruleIndex?: number }[] = [];
  const perRule = new Map<string, number>();
  for (const hit of record.hits) {
    const key = `${hit.playbookId}#${hit.ruleId}`;
    const n = (perRule.get(key) ?? 0) + 1;
    perRule.set(key, n);
    if (n > MAX_RECORDED_HITS_PER_RULE) continue;
    const where = hit.file ? `${hit.file}${hit.line > 0 ? `:${hit.line}` : ''}` : hit.match;
    out.push({
      hitIndex: hit.index,
      input: {
        status: 'found',
        title: cut(hit.ruleTitle, 300),
        indicator: cut(where, 2_000),
        ruleId: hit.ruleId,
        playbookId: hit.playbookId,
        severity: hit.severity,
        where: {
          host: cut(record.host, 200),
          file: cut(hit.file, 4_000),
          ...(hit.line > 0 ? { line: hit.line } : {}),
          // The hash goes in its own field (not in the indicator text) so the report can print and compare it.
          ...(hit.sha256 ? { sha256: hit.sha256, sha256Of: hit.sha256Of ?? 'file' } : {}),
        },
        matchedText: cut(hit.match, 2_000),
        evidenceIds,
        certainty: 'fact',
      },
    });
  }
  // Only a complete hunt rules anything out: a cancelled one did not examine every file.
  if (record.state === 'done') {
    const files = record.coverage.files.slice(0, MAX_COVERAGE_FILES_PER_FINDING).map((f) => cut(f.file, 1_000));
    const from = utcInstant(record.coverage.firstEntry);
    const to = utcInstant(record.coverage.lastEntry);
    record.rules.forEach((rule, ruleIndex) => {
      if (rule.status !== 'ruled-out') return;
      const examined = rule.kind === 'version' ? (rule.note ?? 'version checked') : `${rule.filesExamined} file(s) examined, hunt ${record.huntId}`;
      out.push({
        ruleIndex,
        input: {
          status: 'ruled_out',
          title: cut(rule.ruleTitle, 300),
          indicator: cut(`${rule.playbookId}#${rule.ruleId} (${rule.kind}): ${examined}`, 2_000),
          ruleId: rule.ruleId,
          playbookId: rule.playbookId,
          severity: rule.severity,
          where: { host: cut(record.host, 200), file: '' },
          coverage: {
            files: rule.kind === 'version' ? [] : files,
            ...(from && rule.kind !== 'version' ? { from } : {}),
            ...(to && rule.kind !== 'version' ? { to } : {}),
            ruleSetVersion: cut(`${rule.playbookId} ${rule.playbookVersion}`, 100),
            toolVersion: cut(record.toolVersion, 100),
          },
          evidenceIds,
          certainty: 'fact',
        },
      });
    });
  }
  return out.slice(0, Math.max(0, room));
}

/** The hunt without its full file list: what the results screen shows. */
export function coverageSummary(record: HuntRecord): HuntCoverageSummary {
  const { coverage } = record;
  const filesByFormat: Record<string, number> = {};
  for (const f of coverage.files) filesByFormat[f.format] = (filesByFormat[f.format] ?? 0) + 1;
  return {
    files: coverage.files.length,
    bytes: coverage.bytesScanned,
    filesByFormat,
    ...(coverage.firstEntry ? { firstEntry: coverage.firstEntry } : {}),
    ...(coverage.lastEntry ? { lastEntry: coverage.lastEntry } : {}),
    skipped: coverage.skipped.slice(0, MAX_SKIPPED_SHOWN),
    skippedTotal: coverage.skipped.length,
    warnings: coverage.warnings.slice(0, 100),
  };
}
