// Which evidence-attach dialog is open, if any: for a step (from the step detail or the evidence
// gate's notice) or for the case as a whole. No imports on purpose: case-view.ts opens it.
import { create } from 'zustand';

export interface StepRef {
  serverId: string;
  playbookId: string;
  stepId: string;
}

interface EvidenceAttachState {
  /** Open when set; `step` absent means the case as a whole. */
  target?: { step?: StepRef };
  open: (step?: StepRef) => void;
  close: () => void;
}

export const useEvidenceAttach = create<EvidenceAttachState>()((set) => ({
  open: (step) => set({ target: step ? { step } : {} }),
  close: () => set({ target: undefined }),
}));
