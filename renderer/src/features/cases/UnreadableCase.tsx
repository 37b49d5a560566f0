import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../../core/cases/types';
import { api, call } from '../../api';
import { useCases } from '../../stores/cases';
import { useCaseView } from '../../stores/case-view';
import { useNav } from '../../stores/nav';
import { useNotifications } from '../../stores/notifications';
import { openCase } from './open-case';
import { useProblemText } from '../shell/localise';

type Unreadable = Extract<CaseSummary, { status: 'unreadable' }>;

/** A case whose file cannot be read: what is wrong, what to do. The damaged file is never changed here. */
export function UnreadableCase({ summary }: { summary: Unreadable }): React.JSX.Element {
  const { t } = useTranslation();
  const { problem } = summary;
  const text = useProblemText(problem);

  const restore = async (): Promise<void> => {
    const view = await call(api.cases.recover({ caseId: summary.id }));
    if (!view) return;
    useNotifications.getState().pushInfo(t('recovery.restored'));
    await useCases.getState().refresh();
    useCaseView.getState().apply(view);
    useNav.getState().go('case');
  };

  return (
    <article className="unreadable" aria-label={t('recovery.caseLabel', { id: summary.id })}>
      <h3>
        {t('recovery.heading')}
        <code className="unreadable-id">{summary.id}</code>
      </h3>
      <p className="problem-message">{text?.message}</p>
      <p className="muted">{text?.hint}</p>
      {text?.detail && <p className="muted small problem-detail">{text.detail}</p>}
      <p className="muted small">
        {t('recovery.file')} <code>{problem.file}</code>
      </p>
      {problem.backupAvailable ? (
        <div className="actions">
          <button type="button" onClick={() => void openCase(summary.id, true)}>
            {t('recovery.openBackup')}
          </button>
          <button type="button" className="primary" onClick={() => void restore()}>
            {t('recovery.restoreBackup')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('recovery.noBackup')}</p>
      )}
    </article>
  );
}
