import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';

/** Says why nothing can be changed (last good copy, newer file) and what to do. */
export function ReadOnlyBanner(): React.JSX.Element {
  const { t } = useTranslation();
  const problem = useCaseView((s) => s.view?.problem);
  return (
    <div className="banner read-only" role="status" aria-label={t('case.readOnlyLabel')}>
      <strong>{t('case.readOnly')}</strong>
      {problem && <p>{problem.message}</p>}
      {problem && <p className="muted">{problem.hint}</p>}
    </div>
  );
}
