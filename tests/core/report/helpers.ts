// The worked example case, written once per language for the report, bundle and CLI tests.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeExampleCase, type ExampleCaseResult } from '../../../core/example-case/write';
import { createPlaybookRegistry } from '../../../core/playbooks/registry';
import type { Playbook } from '../../../core/playbooks/types';
import { readCaseFile } from '../../../core/storage/case-file';
import type { CaseDocument } from '../../../core/cases/types';

export const PLAYBOOKS_DIR = path.resolve(__dirname, '../../../playbooks');

export async function exampleCase(language: 'en' | 'fr'): Promise<ExampleCaseResult & { doc: CaseDocument; playbooks: Playbook[] }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `firebreak-example-${language}-`));
  const result = await writeExampleCase(dataDir, { playbooksDir: PLAYBOOKS_DIR, language });
  const read = await readCaseFile(result.caseFolder);
  if (!read.ok) throw new Error(read.problem.message);
  const registry = createPlaybookRegistry({ bundledDir: PLAYBOOKS_DIR, importedDir: path.join(dataDir, 'playbooks') });
  const playbook = await registry.get('cleo-cve-2024-50623', language);
  if (!playbook) throw new Error('the Cleo playbook is missing');
  return { ...result, doc: read.doc, playbooks: [playbook] };
}
