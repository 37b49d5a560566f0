// The hunt tab of the open case: what the person chose, the running hunt's status (polled), and the
// latest results. The main process owns the hunt; this store only asks and shows.
import { create } from 'zustand';
import type { HuntResults, HuntStatus } from '../../../core/hunt-session/types';
import { api, call } from '../api';
import { useCaseView } from './case-view';

/** How often a running hunt is asked for its progress. */
export const POLL_MS = 300;

interface HuntState {
  caseId?: string;
  paths: string[];
  /** Playbook ids chosen; undefined until the person changes the defaults (those of the server). */
  playbookIds?: string[];
  serverId?: string;
  huntId?: string;
  status?: HuntStatus;
  results?: HuntResults;
  starting: boolean;

  /** Called when the tab shows a case: resets the choices for another case, loads the latest results. */
  load: (caseId: string) => Promise<void>;
  choose: (kind: 'files' | 'folders') => Promise<void>;
  removePath: (path: string) => void;
  setPlaybookIds: (ids: string[]) => void;
  setServerId: (serverId: string | undefined) => void;
  start: (playbookIds: string[]) => Promise<void>;
  cancel: () => Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | undefined;
const stopPolling = (): void => {
  if (timer) clearTimeout(timer);
  timer = undefined;
};

export const useHunt = create<HuntState>()((set, get) => {
  /** Asks for the status until the hunt is over, then loads its results and the case (new findings). */
  const poll = async (): Promise<void> => {
    const { huntId, caseId } = get();
    if (!huntId || !caseId) return;
    const status = await call(api.hunt.status({ huntId }));
    if (get().huntId !== huntId) return; // another case or hunt meanwhile
    if (!status) {
      set({ huntId: undefined, status: undefined });
      return;
    }
    set({ status });
    if (status.state === 'running') {
      timer = setTimeout(() => void poll(), POLL_MS);
      return;
    }
    const results = await call(api.hunt.results({ caseId, huntId }));
    if (results) set({ results });
    if (useCaseView.getState().view?.case.id === caseId) {
      const view = await call(api.cases.open({ caseId }));
      if (view) useCaseView.getState().apply(view);
    }
  };

  return {
    paths: [],
    starting: false,

    load: async (caseId) => {
      if (get().caseId !== caseId) {
        stopPolling();
        set({ caseId, paths: [], playbookIds: undefined, serverId: undefined, huntId: undefined, status: undefined, results: undefined });
      }
      const results = await call(api.hunt.results({ caseId }));
      if (!results || get().caseId !== caseId) return;
      set({ results });
      // A hunt started earlier in this session (before the tab was left) is still running: follow it.
      if (results.running && get().huntId !== results.running.huntId) {
        stopPolling();
        set({ huntId: results.running.huntId });
        void poll();
      }
    },

    choose: async (kind) => {
      const chosen = await call(api.hunt.choosePaths({ kind }));
      if (chosen) set((s) => ({ paths: [...new Set([...s.paths, ...chosen.paths])] }));
    },
    removePath: (path) => set((s) => ({ paths: s.paths.filter((p) => p !== path) })),
    setPlaybookIds: (playbookIds) => set({ playbookIds }),
    setServerId: (serverId) => set({ serverId, playbookIds: undefined }),

    start: async (playbookIds) => {
      const { caseId, paths, serverId } = get();
      if (!caseId || get().starting) return;
      set({ starting: true });
      const started = await call(api.hunt.start({ caseId, paths, playbookIds, ...(serverId ? { serverId } : {}) }));
      set({ starting: false });
      if (!started) return;
      stopPolling();
      set({ huntId: started.huntId, status: { state: 'running', phase: 'scanning', progress: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rate: 0, etaSeconds: null } } });
      void poll();
    },

    cancel: async () => {
      const { huntId } = get();
      if (!huntId) return;
      const status = await call(api.hunt.cancel({ huntId }));
      if (status && get().huntId === huntId) set({ status });
    },
  };
});
