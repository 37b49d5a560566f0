// The hash of the report itself, defined so anyone can recompute it from the JSON file:
//   SHA-256 (hex) of the UTF-8 bytes of the canonical JSON of the report model without its
//   `integrity` field, where canonical JSON = JSON.stringify with object keys sorted by code unit,
//   no whitespace, and undefined members left out.
// Every format prints this value; `firebreak verify report.json` recomputes it.
import { createHash } from 'node:crypto';
import type { ReportModel } from './schema';

export const CANONICALISATION = 'SHA-256 of the UTF-8 canonical JSON (keys sorted, no whitespace) of the report without its "integrity" field';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function reportHash(model: Omit<ReportModel, 'integrity'> | ReportModel): string {
  const { integrity: _ignored, ...rest } = model as ReportModel;
  void _ignored;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** Seal a model: compute its hash and put it in `integrity`. */
export function seal(model: Omit<ReportModel, 'integrity'>): ReportModel {
  return { ...model, integrity: { algorithm: 'sha256', canonicalisation: CANONICALISATION, sha256: reportHash(model) } };
}

/** True when the JSON of a report still carries the hash of its content. */
export function verifyReportIntegrity(model: ReportModel): { ok: boolean; expected: string; actual: string } {
  const actual = reportHash(model);
  return { ok: actual === model.integrity?.sha256, expected: model.integrity?.sha256 ?? '', actual };
}
