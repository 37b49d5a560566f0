// Progress of a playbook on a server, computed from the case document and the playbook as it is now.
// Pure, shared by the main process (case list, report) and the renderer (phase bars).
// Steps are matched by their stable id, so progress survives a playbook update; records whose step
// has vanished from the playbook are returned as `retired`, never dropped.
import type { Playbook } from '../playbooks/types';
import { stepKey, type CaseDocument, type StepRecord, type StepState } from './types';

/** A step counts towards progress once it needs no more work. */
export const RESOLVED_STATES: ReadonlySet<StepState> = new Set(['done', 'not_applicable', 'skipped']);

export interface Count {
  resolved: number;
  total: number;
}

export interface PlaybookProgress {
  overall: Count;
  phases: { phaseId: string; resolved: number; total: number }[];
  retired: { stepId: string; record: StepRecord }[];
}

export function stateOf(doc: CaseDocument, serverId: string, playbookId: string, stepId: string): StepState {
  return doc.steps[stepKey(serverId, playbookId, stepId)]?.state ?? 'todo';
}

export function progressFor(doc: CaseDocument, serverId: string, playbook: Playbook): PlaybookProgress {
  const playbookId = playbook.meta.id;
  const phases = playbook.phases.map((phase) => {
    const resolved = phase.stepIds.filter((stepId) => RESOLVED_STATES.has(stateOf(doc, serverId, playbookId, stepId))).length;
    return { phaseId: phase.id, resolved, total: phase.stepIds.length };
  });
  const overall = phases.reduce((sum, p) => ({ resolved: sum.resolved + p.resolved, total: sum.total + p.total }), { resolved: 0, total: 0 });
  const known = new Set(playbook.steps.map((step) => step.id));
  const prefix = `${serverId}/${playbookId}/`;
  const retired = Object.entries(doc.steps)
    .filter(([key]) => key.startsWith(prefix) && !known.has(key.slice(prefix.length)))
    .map(([key, record]) => ({ stepId: key.slice(prefix.length), record }));
  return { overall, phases, retired };
}
