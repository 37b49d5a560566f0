// The evidence of one step, in the step detail: what is attached, and a button to attach more.
import { useTranslation } from 'react-i18next';
import { stepKey } from '../../../../core/cases/types';
import { useCaseView } from '../../stores/case-view';
import { useEvidenceAttach } from '../../stores/evidence-attach';

export function StepEvidence({ serverId, playbookId, stepId, requirement }: { serverId: string; playbookId: string; stepId: string; requirement: 'required' | 'optional' | 'none' }): React.JSX.Element {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const key = stepKey(serverId, playbookId, stepId);
  const items = view?.case.records.evidence.filter((e) => e.stepKey === key) ?? [];
  const live = items.filter((e) => !e.removed);
  return (
    <section className="step-evidence" aria-labelledby="step-evidence-title">
      <div className="step-evidence-head">
        <h3 id="step-evidence-title">
          {t('evidence.stepTitle')} <span className="count">{live.length}</span>
        </h3>
        <button type="button" disabled={view?.readOnly} onClick={() => useEvidenceAttach.getState().open({ serverId, playbookId, stepId })}>
          {t('evidence.attach')}
        </button>
      </div>
      {requirement === 'required' && live.length === 0 && <p className="small warn-text">{t('evidence.requiredHint')}</p>}
      {items.length > 0 && (
        <ul className="step-evidence-list">
          {items.map((e) => (
            <li key={e.id} className={e.removed ? 'removed' : undefined}>
              <span className="ev-title">{e.title}</span> <code className="small">{e.sha256.slice(0, 16)}…</code>
              {e.removed && <span className="badge danger">{t('evidence.removedBadge')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
