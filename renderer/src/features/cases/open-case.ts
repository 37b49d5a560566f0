import { useCaseView } from '../../stores/case-view';
import { useNav } from '../../stores/nav';

/** Opens a case (or its last good copy, read-only) and shows the case screen. */
export async function openCase(caseId: string, useBackup = false): Promise<void> {
  if (await useCaseView.getState().open(caseId, useBackup)) useNav.getState().go('case');
}
