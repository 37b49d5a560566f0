import { useTranslation } from 'react-i18next';
import type { StepRecord, StepState } from '../../../../core/cases/types';
import { useCaseView } from '../../stores/case-view';
import { Time } from '../shell/Time';
import { STATE_ICONS, STEP_STATES } from './states';

export function StateControl({ stepId, record, disabled }: { stepId: string; record?: StepRecord; disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const current: StepState = record?.state ?? 'todo';
  const choose = (state: StepState): void => {
    const store = useCaseView.getState();
    if (state === 'skipped') store.setSkipPrompt(stepId);
    else if (state !== current) void store.setStepState(stepId, state);
  };
  return (
    <div className="state-control">
      <div className="state-buttons" role="group" aria-label={t('step.stateLabel')}>
        {STEP_STATES.map((state, i) => (
          <button
            key={state}
            type="button"
            className={`state-button state-${state}`}
            aria-pressed={current === state}
            disabled={disabled}
            title={t('step.stateKey', { key: i + 1 })}
            onClick={() => choose(state)}
          >
            <span aria-hidden="true">{STATE_ICONS[state]}</span> {t(`state.${state}`)}
          </button>
        ))}
      </div>
      {record && (
        <p className="muted small state-meta">
          {t('step.lastChange', { who: record.updatedBy })} <Time iso={record.updatedAt} />
          {record.state === 'skipped' && record.reason && <span className="skip-reason"> — {t('step.reason', { reason: record.reason })}</span>}
        </p>
      )}
    </div>
  );
}
