import { useEffect } from 'react';
import { selectedPlaybook, useCaseView } from '../../stores/case-view';
import { dialogOpen, isTyping } from '../shell/keys';
import { STATE_KEYS } from './states';

/** Focus follows the cursor so the highlighted row is visible and announced. */
function focusCursorRow(): void {
  const id = useCaseView.getState().cursorStepId;
  if (!id) return;
  const focus = (): boolean => {
    const row = document.querySelector<HTMLElement>(`[data-step-row="${CSS.escape(id)}"]`);
    row?.focus();
    return row !== null;
  };
  // Focus now when the row is on the page (fast typists press Enter before the next frame);
  // otherwise after the render that brings it in.
  if (!focus()) requestAnimationFrame(focus);
}

/** j/k or ↓/↑ move, Enter opens, 1..6 or t,p,d,n,b,s set the state of the highlighted step. */
export function useCaseKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (isTyping(event) || dialogOpen() || event.ctrlKey || event.metaKey || event.altKey) return;
      const store = useCaseView.getState();
      if (!selectedPlaybook(store)) return;
      const target = event.target as HTMLElement | null;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          event.preventDefault();
          store.moveCursor(1);
          focusCursorRow();
          return;
        case 'k':
        case 'ArrowUp':
          event.preventDefault();
          store.moveCursor(-1);
          focusCursorRow();
          return;
        case 'Enter':
          // Enter on a focused button or link is that control's business, except on a step row:
          // there it opens the highlighted step (the cursor is the truth, even if focus lags).
          if (target?.closest('button, a') && !target.closest('[data-step-row]')) return;
          event.preventDefault();
          store.openCursor();
          return;
      }
      const state = STATE_KEYS[event.key];
      const stepId = store.cursorStepId;
      if (!state || !stepId) return;
      event.preventDefault();
      if (state === 'skipped') store.setSkipPrompt(stepId);
      else void store.setStepState(stepId, state);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
