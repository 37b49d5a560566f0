// Changes to a case's records (evidence, findings, dates, notifications, costs, sign-off…) and the
// results of the last report and bundle exports. Every change goes through the API; the CaseView the
// main process returns replaces the open one, exactly as for steps (case-view.ts).
import { create } from 'zustand';
import type { BundleExportResult, BundleImportResult, CaseView, Outcome, ReportExportResult } from '../../../core/api/contract';
import { call } from '../api';
import { useCaseView } from './case-view';

/** Runs a change of the open case; false when it failed (the error is already shown). */
export async function changeCase(request: (caseId: string) => Promise<Outcome<CaseView>>): Promise<boolean> {
  const caseId = useCaseView.getState().view?.case.id;
  if (!caseId) return false;
  const view = await call(request(caseId));
  if (!view) return false;
  // The person may have opened another case meanwhile: only the same case is replaced.
  if (useCaseView.getState().view?.case.id === view.case.id) useCaseView.getState().apply(view);
  return true;
}

interface ExportsState {
  caseId?: string;
  report?: ReportExportResult;
  bundle?: BundleExportResult;
  imported?: BundleImportResult;
  busy?: 'report' | 'bundle' | 'import';
  set: (patch: Partial<Omit<ExportsState, 'set'>>) => void;
}

/** The last export results, kept per case while the app runs (the files are on disk; versions are in the case). */
export const useExports = create<ExportsState>()((set) => ({ set: (patch) => set(patch) }));
