// The open case. The main process owns the truth: after every change the CaseView it returns
// replaces ours wholesale. What is local here is only where the person is looking.
import { create } from 'zustand';
import type { CaseView } from '../../../core/api/contract';
import type { Playbook, Step } from '../../../core/playbooks/types';
import type { StepState } from '../../../core/cases/types';
import { api, call } from '../api';
import { i18n } from '../i18n';
import { useNotifications } from './notifications';
import { useEvidenceAttach } from './evidence-attach';

export type CaseTab = 'steps' | 'timeline' | 'hunt' | 'evidence' | 'findings' | 'records' | 'deadlines' | 'costs' | 'report';

interface CaseViewState {
  view: CaseView | null;
  /** True when the view is the last good copy (older timeline pages must come from it too). */
  fromBackup: boolean;
  serverId?: string;
  playbookId?: string;
  /** The highlighted step in the list (moved with j/k). */
  cursorStepId?: string;
  /** The step shown in the detail pane (opened with Enter or a click). */
  openStepId?: string;
  tab: CaseTab;
  /** A step waiting for its skip reason. */
  skipPromptStepId?: string;
  /** A cross-playbook branch whose playbook is not attached to this server yet. */
  pendingAttach?: { playbookId: string; stepId: string };

  open: (caseId: string, useBackup?: boolean) => Promise<boolean>;
  apply: (view: CaseView) => void;
  close: () => void;
  setTab: (tab: CaseTab) => void;
  select: (serverId: string, playbookId?: string) => void;
  moveCursor: (delta: number) => void;
  openStep: (stepId: string) => void;
  openCursor: () => void;
  jumpTo: (target: string) => void;
  setSkipPrompt: (stepId?: string) => void;
  clearPendingAttach: () => void;
  setStepState: (stepId: string, state: StepState, reason?: string) => Promise<boolean>;
  addNote: (stepId: string, text: string) => Promise<boolean>;
  rename: (title: string) => Promise<boolean>;
  setOperator: (operator: string) => Promise<boolean>;
  attach: (serverId: string, playbookId: string) => Promise<boolean>;
  addServer: (server: { name: string; product: string; version: string }) => Promise<boolean>;
  updateServer: (serverId: string, server: { name: string; product: string; version: string }) => Promise<boolean>;
  /** Takes a playbook off a server; its step records stay in the case and return if it is attached again. */
  detach: (serverId: string, playbookId: string) => Promise<boolean>;
}

/** Steps of a playbook in reading order (phase by phase). */
export function orderedSteps(playbook: Playbook): Step[] {
  const byId = new Map(playbook.steps.map((step) => [step.id, step]));
  return playbook.phases.flatMap((phase) => phase.stepIds.map((id) => byId.get(id)).filter((s): s is Step => s !== undefined));
}

export function selectedPlaybook(state: Pick<CaseViewState, 'view' | 'playbookId'>): Playbook | undefined {
  return state.playbookId ? state.view?.playbooks[state.playbookId] : undefined;
}

const notFound = (message: string): void => useNotifications.getState().pushError({ code: 'NOT_FOUND', message });

export const useCaseView = create<CaseViewState>()((set, get) => {
  /** Runs a mutation and replaces the view with the one the main process returns. */
  const mutate = async (request: () => Promise<Awaited<ReturnType<typeof api.cases.open>>>): Promise<boolean> => {
    const view = await call(request());
    if (!view) return false;
    get().apply(view);
    return true;
  };
  const caseId = (): string => get().view?.case.id ?? '';
  const target = () => {
    const { serverId, playbookId } = get();
    return { caseId: caseId(), serverId: serverId ?? '', playbookId: playbookId ?? '' };
  };

  return {
    view: null,
    fromBackup: false,
    tab: 'steps',

    open: async (id, useBackup) => {
      const view = await call(api.cases.open(useBackup ? { caseId: id, useBackup: true } : { caseId: id }));
      if (!view) return false;
      set({ view: null, fromBackup: useBackup === true, serverId: undefined, playbookId: undefined, cursorStepId: undefined, openStepId: undefined, tab: 'steps', pendingAttach: undefined, skipPromptStepId: undefined });
      get().apply(view);
      return true;
    },

    apply: (view) => {
      const { serverId, playbookId, cursorStepId, openStepId } = get();
      const server = view.case.servers.find((s) => s.id === serverId) ?? view.case.servers.find((s) => s.playbooks.length > 0) ?? view.case.servers[0];
      const attached = server?.playbooks.map((p) => p.playbookId) ?? [];
      const pbId = playbookId && attached.includes(playbookId) ? playbookId : attached.find((id) => view.playbooks[id]);
      const playbook = pbId ? view.playbooks[pbId] : undefined;
      const ids = new Set(playbook?.steps.map((s) => s.id));
      const first = playbook ? orderedSteps(playbook)[0]?.id : undefined;
      set({
        view,
        ...(view.readOnly ? {} : { fromBackup: false }),
        serverId: server?.id,
        playbookId: pbId,
        cursorStepId: cursorStepId && ids.has(cursorStepId) ? cursorStepId : first,
        openStepId: openStepId && ids.has(openStepId) ? openStepId : first,
      });
    },

    close: () => set({ view: null }),
    setTab: (tab) => set({ tab }),

    select: (serverId, playbookId) => {
      const view = get().view;
      const server = view?.case.servers.find((s) => s.id === serverId);
      const pbId = playbookId ?? server?.playbooks.find((p) => view?.playbooks[p.playbookId])?.playbookId;
      const playbook = pbId ? view?.playbooks[pbId] : undefined;
      const first = playbook ? orderedSteps(playbook)[0]?.id : undefined;
      set({ serverId, playbookId: pbId, cursorStepId: first, openStepId: first, pendingAttach: undefined });
    },

    moveCursor: (delta) => {
      const playbook = selectedPlaybook(get());
      if (!playbook) return;
      const steps = orderedSteps(playbook);
      const index = steps.findIndex((s) => s.id === get().cursorStepId);
      const next = steps[Math.min(steps.length - 1, Math.max(0, index + delta))];
      if (next) set({ cursorStepId: next.id });
    },

    openStep: (stepId) => set({ cursorStepId: stepId, openStepId: stepId, pendingAttach: undefined }),
    openCursor: () => set((s) => ({ openStepId: s.cursorStepId, pendingAttach: undefined })),

    jumpTo: (branch) => {
      const { view, serverId } = get();
      if (!view) return;
      const [playbookId, stepId] = branch.includes('#') ? (branch.split('#') as [string, string]) : [get().playbookId ?? '', branch];
      const server = view.case.servers.find((s) => s.id === serverId);
      const attached = server?.playbooks.some((p) => p.playbookId === playbookId) && view.playbooks[playbookId];
      if (!attached) {
        set({ pendingAttach: { playbookId, stepId } });
        return;
      }
      if (!view.playbooks[playbookId]?.steps.some((s) => s.id === stepId)) {
        notFound(i18n.t('step.targetMissing', { target: branch }));
        return;
      }
      set({ playbookId, cursorStepId: stepId, openStepId: stepId, pendingAttach: undefined, tab: 'steps' });
    },

    setSkipPrompt: (skipPromptStepId) => set({ skipPromptStepId }),
    clearPendingAttach: () => set({ pendingAttach: undefined }),

    setStepState: async (stepId, state, reason) => {
      const where = target();
      // The evidence gate: when "done" is refused for lack of evidence, the notice offers to attach it.
      const gated = state === 'done' && selectedPlaybook(get())?.steps.find((s) => s.id === stepId)?.evidence === 'required';
      const action = gated
        ? (error: { code: string }) =>
            error.code === 'CONFLICT'
              ? { label: i18n.t('evidence.attachForStep'), run: () => useEvidenceAttach.getState().open({ serverId: where.serverId, playbookId: where.playbookId, stepId }) }
              : undefined
        : undefined;
      const view = await call(api.cases.setStepState({ ...where, stepId, state, ...(reason ? { reason } : {}) }), action ? { action } : undefined);
      if (!view) return false;
      get().apply(view);
      return true;
    },
    addNote: (stepId, text) => mutate(() => api.cases.addNote({ ...target(), stepId, text })),
    rename: (title) => mutate(() => api.cases.rename({ caseId: caseId(), title })),
    setOperator: (operator) => mutate(() => api.cases.setOperator({ caseId: caseId(), operator })),
    addServer: (server) => mutate(() => api.cases.addServer({ caseId: caseId(), server })),
    updateServer: (serverId, server) => mutate(() => api.cases.updateServer({ caseId: caseId(), serverId, server })),
    detach: async (serverId, playbookId) => {
      const wasSelected = get().serverId === serverId && get().playbookId === playbookId;
      const ok = await mutate(() => api.cases.detachPlaybook({ caseId: caseId(), serverId, playbookId }));
      if (ok && wasSelected) get().select(serverId);
      return ok;
    },
    attach: async (serverId, playbookId) => {
      const ok = await mutate(() => api.cases.attachPlaybook({ caseId: caseId(), serverId, playbookId }));
      if (ok) get().select(serverId, playbookId);
      return ok;
    },
  };
});
