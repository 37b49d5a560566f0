import { useTranslation } from 'react-i18next';
import type { StepRecord } from '../../../../core/cases/types';
import { Time } from '../shell/Time';
import { STATE_ICONS } from './states';

/** Records of steps no longer in the playbook: shown read-only so nothing recorded is ever lost. */
export function RetiredSteps({ retired }: { retired: { stepId: string; record: StepRecord }[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="phase retired" aria-labelledby="retired-title">
      <h3 className="phase-title" id="retired-title">
        {t('steps.retired')}
      </h3>
      <p className="muted small">{t('steps.retiredHint')}</p>
      <ul className="retired-list">
        {retired.map(({ stepId, record }) => (
          <li key={stepId}>
            <details>
              <summary>
                <span aria-hidden="true">{STATE_ICONS[record.state]}</span> <code>{stepId}</code> — {t(`state.${record.state}`)}
              </summary>
              <p className="small muted">
                {record.updatedBy} · <Time iso={record.updatedAt} />
              </p>
              {record.reason && <p className="small">{t('step.reason', { reason: record.reason })}</p>}
              <ul className="notes">
                {record.notes.map((note) => (
                  <li key={note.id}>
                    <p className="note-text">{note.text}</p>
                    <p className="muted small">
                      {note.by} · <Time iso={note.at} />
                    </p>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
