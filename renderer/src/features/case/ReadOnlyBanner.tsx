import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useProblemText } from '../shell/localise';

/** Says why nothing can be changed (last good copy, newer file) and what to do. */
export function ReadOnlyBanner(): React.JSX.Element {
  const { t } = useTranslation();
  const problem = useCaseView((s) => s.view?.problem);
  const text = useProblemText(problem);
  return (
    <div className="banner read-only" role="status" aria-label={t('case.readOnlyLabel')}>
      <strong>{t('case.readOnly')}</strong>
      {text && <p>{text.message}</p>}
      {text && <p className="muted">{text.hint}</p>}
      {text?.detail && <p className="muted small problem-detail">{text.detail}</p>}
    </div>
  );
}
