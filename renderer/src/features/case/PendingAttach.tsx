import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { usePlaybooks } from '../../stores/playbooks';

/** A branch leads to a playbook not attached to this server: offer to attach it, then go there. */
export function PendingAttach(): React.JSX.Element | null {
  const { t } = useTranslation();
  const pending = useCaseView((s) => s.pendingAttach);
  const serverId = useCaseView((s) => s.serverId);
  const readOnly = useCaseView((s) => s.view?.readOnly ?? true);
  const known = usePlaybooks((s) => s.summaries.find((p) => p.status === 'ok' && p.id === pending?.playbookId));
  if (!pending || !serverId) return null;
  const title = known?.status === 'ok' ? known.title : pending.playbookId;

  const attachAndGo = async (): Promise<void> => {
    const store = useCaseView.getState();
    if (await store.attach(serverId, pending.playbookId)) useCaseView.getState().jumpTo(`${pending.playbookId}#${pending.stepId}`);
  };

  return (
    <section className="step-detail" aria-label={t('step.label')}>
      <div className="banner">
        <p>{t('pending.text', { title })}</p>
        {!known && <p className="muted">{t('pending.unknown')}</p>}
        <div className="actions">
          <button type="button" className="primary" disabled={!known || readOnly} onClick={() => void attachAndGo()}>
            {t('pending.attach', { title })}
          </button>
          <button type="button" onClick={() => useCaseView.getState().clearPendingAttach()}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </section>
  );
}
