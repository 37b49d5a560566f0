import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { progressFor, stateOf } from '../../../../core/cases/progress';
import type { StepState } from '../../../../core/cases/types';
import type { Step } from '../../../../core/playbooks/types';
import { selectedPlaybook, useCaseView } from '../../stores/case-view';
import { RetiredSteps } from './RetiredSteps';
import { STATE_ICONS } from './states';

/**
 * A long playbook (up to 2,000 steps) is shown in two passes: first the phases up to the one holding
 * the highlighted step (at least FIRST_ROWS rows, more than a screen), so the case opens at once;
 * then, in a transition after that first paint, every other phase.
 */
const FIRST_ROWS = 150;

function phasesToShowFirst(phases: { stepIds: string[] }[], cursor: string | undefined): number {
  const cursorPhase = cursor ? phases.findIndex((phase) => phase.stepIds.includes(cursor)) : -1;
  let rows = 0;
  for (let i = 0; i < phases.length; i += 1) {
    rows += phases[i]!.stepIds.length;
    if (rows >= FIRST_ROWS && i >= cursorPhase) return i + 1;
  }
  return phases.length;
}

/** True once the first paint is done and the rest of a long list may render. */
function useSecondPass(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => startTransition(() => setReady(true)));
    return () => cancelAnimationFrame(frame);
  }, []);
  return ready;
}

/** One row per step; kept tiny (no body) so a playbook of 2,000 steps renders fast. */
const StepRow = memo(function StepRow({
  step,
  state,
  stateLabel,
  isCursor,
  isOpen,
}: {
  step: Step;
  state: StepState;
  stateLabel: string;
  isCursor: boolean;
  isOpen: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        data-step-row={step.id}
        className={`step-row state-${state}${isCursor ? ' cursor' : ''}${isOpen ? ' open' : ''}`}
        aria-current={isOpen ? 'step' : undefined}
        onClick={() => useCaseView.getState().openStep(step.id)}
      >
        <span className="state-icon" aria-hidden="true">
          {STATE_ICONS[state]}
        </span>
        <span className="step-title">{step.title}</span>
        <span className="sr-only"> ({stateLabel})</span>
      </button>
    </li>
  );
});

export function StepList(): React.JSX.Element {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const serverId = useCaseView((s) => s.serverId);
  const playbook = useCaseView(selectedPlaybook);
  const cursor = useCaseView((s) => s.cursorStepId);
  const open = useCaseView((s) => s.openStepId);
  const secondPass = useSecondPass();

  const stepsById = useMemo(() => new Map(playbook?.steps.map((s) => [s.id, s])), [playbook]);
  const retired = useMemo(() => (view && playbook && serverId ? progressFor(view.case, serverId, playbook).retired : []), [view, playbook, serverId]);

  useEffect(() => {
    if (cursor) document.querySelector(`[data-step-row="${CSS.escape(cursor)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  if (!view || !playbook || !serverId) {
    return (
      <nav className="step-list" aria-label={t('steps.label')}>
        <p className="muted empty-pane">{view?.case.servers.length ? t('steps.attachFirst') : t('steps.addServerFirst')}</p>
      </nav>
    );
  }

  const phases = secondPass ? playbook.phases : playbook.phases.slice(0, phasesToShowFirst(playbook.phases, cursor));
  return (
    <nav className="step-list" aria-label={t('steps.label')}>
      <h2 className="panel-title">
        {playbook.meta.title} <span className="muted small">v{playbook.meta.version}</span>
      </h2>
      {phases.map((phase) => (
        <section key={phase.id} className="phase" aria-label={phase.title}>
          <h3 className="phase-title">{phase.title}</h3>
          <ol className="steps">
            {phase.stepIds.map((id) => {
              const step = stepsById.get(id);
              if (!step) return null;
              const state = stateOf(view.case, serverId, playbook.meta.id, id);
              return <StepRow key={id} step={step} state={state} stateLabel={t(`state.${state}`)} isCursor={cursor === id} isOpen={open === id} />;
            })}
          </ol>
        </section>
      ))}
      {retired.length > 0 && <RetiredSteps retired={retired} />}
    </nav>
  );
}
