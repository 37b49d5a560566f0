// Shared by `report` and `bundle`: read a case folder (read-only) and the playbooks it follows.
import path from 'node:path';
import { AppFailure, fail } from '../../core/api/contract';
import type { CaseDocument } from '../../core/cases/types';
import { createPlaybookRegistry } from '../../core/playbooks/registry';
import type { Playbook } from '../../core/playbooks/types';
import { readCaseFile } from '../../core/storage/case-file';
import { bundledPlaybooksDir } from './example-case';

export async function readCaseFolder(folder: string, playbooksDir?: string): Promise<{ doc: CaseDocument; playbooks: Playbook[] }> {
  const read = await readCaseFile(folder);
  if (!read.ok) {
    if (read.problem.code === 'MISSING') fail('NOT_FOUND', `${folder} is not a case folder (it has no case.json).`, 'Give the folder of one case, such as DATA/cases/<id>.');
    throw new AppFailure({ code: 'STORAGE_UNREADABLE', message: read.problem.message, hint: read.problem.hint });
  }
  const doc = read.doc;
  // A case in an app data folder (DATA/cases/<id>) may follow playbooks imported into DATA/playbooks.
  const registry = createPlaybookRegistry({ bundledDir: playbooksDir ?? bundledPlaybooksDir(), importedDir: path.join(path.dirname(path.dirname(folder)), 'playbooks') });
  const ids = [...new Set(doc.servers.flatMap((s) => s.playbooks.map((p) => p.playbookId)))];
  const playbooks = (await Promise.all(ids.map((id) => registry.get(id, doc.language)))).filter((p): p is Playbook => p !== undefined);
  return { doc, playbooks };
}
