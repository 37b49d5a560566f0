// The report as JSON: the model itself, with a pointer to its published schema. The `$schema`
// member is not part of the model and not covered by the report hash (integrity.ts removes only
// `integrity`, so it is added here after sealing and stripped by parseReportJson).
import { verifyReportIntegrity } from './integrity';
import { ReportModel } from './schema';

export const REPORT_SCHEMA_ID = 'https://firebreak.invalid/schemas/firebreak-report-1.schema.json';

export function renderJson(model: ReportModel): string {
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...model }, null, 2)}\n`;
}

/** Read a report JSON file back: validated against the model and its hash recomputed. */
export function parseReportJson(text: string): { model: ReportModel; integrity: ReturnType<typeof verifyReportIntegrity> } {
  const raw = JSON.parse(text) as Record<string, unknown>;
  delete raw.$schema;
  const model = ReportModel.parse(raw);
  return { model, integrity: verifyReportIntegrity(raw as unknown as ReportModel) };
}

/** The JSON Schema (draft 2020-12) of the report, generated from the zod schema. */
export async function reportJsonSchema(): Promise<Record<string, unknown>> {
  const { z } = await import('zod');
  const schema = z.toJSONSchema(ReportModel, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const properties = { $schema: { type: 'string' }, ...(schema.properties as Record<string, unknown>) };
  return { ...schema, $id: REPORT_SCHEMA_ID, title: 'Firebreak incident report', properties };
}
