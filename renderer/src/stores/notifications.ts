// The one notification area: every failed call lands here with its message and hint.
import { create } from 'zustand';
import type { AppError } from '../../../core/api/contract';

/** A button on a notice that leads to the fix (the notice closes when it is pressed). */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  hint?: string;
  problems?: AppError['problems'];
  /** Set for errors the core sent (in English): the UI shows them in its language by code. */
  code?: AppError['code'];
  action?: NoticeAction;
}

interface NotificationState {
  notices: Notice[];
  /** `fromCore`: the error came from the main process in English and is shown by its code. */
  pushError: (error: AppError, options?: { fromCore?: boolean; action?: NoticeAction }) => void;
  pushInfo: (message: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
/** Information fades on its own; errors stay until the person dismisses them. */
const INFO_LIFETIME_MS = 4_000;

export const useNotifications = create<NotificationState>()((set, get) => ({
  notices: [],
  pushError: (error, options) =>
    set((s) => ({
      notices: [
        ...s.notices,
        { id: nextId++, kind: 'error' as const, message: error.message, hint: error.hint, problems: error.problems, ...(options?.fromCore ? { code: error.code } : {}), ...(options?.action ? { action: options.action } : {}) },
      ].slice(-5),
    })),
  pushInfo: (message) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices, { id, kind: 'info' as const, message }].slice(-5) }));
    setTimeout(() => get().dismiss(id), INFO_LIFETIME_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
