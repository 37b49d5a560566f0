// Every playbook the main process knows, usable or broken.
import { create } from 'zustand';
import type { PlaybookSummary } from '../../../core/playbooks/types';
import type { AppError } from '../../../core/api/contract';
import { api, attempt, call } from '../api';

interface PlaybooksState {
  summaries: PlaybookSummary[];
  loaded: boolean;
  refresh: () => Promise<void>;
  /** Imports the text of a file the person picked; returns the error so the screen can list its lines. */
  importFile: (fileName: string, content: string) => Promise<{ ok: true; summary: PlaybookSummary } | { ok: false; error: AppError }>;
}

export const usePlaybooks = create<PlaybooksState>()((set, get) => ({
  summaries: [],
  loaded: false,
  refresh: async () => {
    const summaries = await call(api.playbooks.list());
    if (summaries) set({ summaries, loaded: true });
  },
  importFile: async (fileName, content) => {
    const outcome = await attempt(api.playbooks.import({ fileName, content }));
    if (!outcome.ok) return outcome;
    await get().refresh();
    return { ok: true, summary: outcome.value };
  },
}));
