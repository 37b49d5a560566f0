// v1 → v2. Adds `records`: evidence, findings, key dates, notifications, costs, sign-off and report
// versions (core/cases/records.ts). Only the settings that depend on the case are written here; every
// other member takes its default when the document is validated. The zone and the French police
// complaint rule follow the case's language, the best guess for a case made before they existed.
// Never edit this file once released: add a new migration instead.
type Json = Record<string, unknown>;

export default function migrate0002CaseRecords(doc: Json): Json {
  const french = doc.language === 'fr';
  return {
    ...doc,
    schemaVersion: 2,
    records: {
      settings: { timeZone: french ? 'Europe/Paris' : 'UTC', insurerWarningHours: 72, frenchPoliceComplaint: french },
    },
  };
}
