// The ordered list of case-document migrations. Append only: a migration that shipped is never
// edited or removed (tests/core/cases/migrations.test.ts pins their hashes). Each one takes the
// document at version `from` and returns it at `from + 1`; the result is validated after the last.
import migrate0001StatusAndContact from './0001-status-and-contact';
import migrate0002CaseRecords from './0002-case-records';

type Json = Record<string, unknown>;

export interface Migration {
  /** The file name without extension, NNNN-name. */
  name: string;
  from: number;
  migrate: (doc: Json) => Json;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-status-and-contact', from: 0, migrate: migrate0001StatusAndContact },
  { name: '0002-case-records', from: 1, migrate: migrate0002CaseRecords },
];

/** A document with no version at all predates versioning: it is version 0. */
export function versionOf(doc: Json): number | undefined {
  const version = doc.schemaVersion ?? 0;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : undefined;
}

/** Run every migration from the document's version up to `target`. Throws if a step is missing. */
export function migrate(doc: Json, from: number, target: number): Json {
  let current = doc;
  for (let version = from; version < target; version += 1) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new Error(`no migration from case schema version ${version}`);
    current = step.migrate(current);
    current.schemaVersion = version + 1;
  }
  return current;
}
