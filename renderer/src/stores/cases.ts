// The case list (active, archived, deleted and unreadable cases), as the main process reports it.
import { create } from 'zustand';
import type { CaseSummary } from '../../../core/cases/types';
import { api, call } from '../api';

type CaseAction = 'archive' | 'restore' | 'delete' | 'purge';

interface CasesState {
  summaries: CaseSummary[];
  loaded: boolean;
  refresh: () => Promise<void>;
  /** Archive, restore, delete (to the archive) or purge a case; the list returned replaces ours. */
  change: (action: CaseAction, caseId: string) => Promise<boolean>;
}

export const useCases = create<CasesState>()((set) => ({
  summaries: [],
  loaded: false,
  refresh: async () => {
    const summaries = await call(api.cases.list());
    if (summaries) set({ summaries, loaded: true });
  },
  change: async (action, caseId) => {
    const summaries = await call(api.cases[action]({ caseId }));
    if (!summaries) return false;
    set({ summaries, loaded: true });
    return true;
  },
}));
