import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useCases } from '../../stores/cases';
import { useNav } from '../../stores/nav';
import { useNotifications } from '../../stores/notifications';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { InlineEdit } from './InlineEdit';

export function CaseHeader(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const rename = useCaseView((s) => s.rename);
  const setOperator = useCaseView((s) => s.setOperator);
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!view) return null;
  const doc = view.case;
  const locked = view.readOnly;

  const leave = async (action: 'archive' | 'delete'): Promise<void> => {
    if (!(await useCases.getState().change(action, doc.id))) return;
    useNotifications.getState().pushInfo(t(action === 'archive' ? 'case.archived' : 'case.deleted', { title: doc.title }));
    useCaseView.getState().close();
    useNav.getState().go(action === 'archive' ? 'cases' : 'archive');
  };

  return (
    <header className="case-header">
      <div className="case-title-line">
        <h1>
          <InlineEdit value={doc.title} label={t('case.titleLabel')} changeLabel={t('case.rename')} disabled={locked} onSave={rename} className="case-title" />
        </h1>
        {doc.status !== 'active' && <span className="badge warn">{t(`case.status.${doc.status}`)}</span>}
        <div className="actions">
          <button type="button" disabled={locked || doc.status === 'archived'} onClick={() => void leave('archive')}>
            {t('case.archive')}
          </button>
          <button type="button" className="danger" disabled={locked || doc.status === 'deleted'} onClick={() => setConfirmDelete(true)}>
            {t('case.delete')}
          </button>
        </div>
      </div>
      <dl className="case-facts">
        <div>
          <dt>{t('case.organisation')}</dt>
          <dd>{doc.organisation}</dd>
        </div>
        <div>
          <dt>{t('case.operator')}</dt>
          <dd>
            <InlineEdit value={doc.operator} label={t('case.operatorLabel')} changeLabel={t('case.change')} disabled={locked} onSave={setOperator} />
          </dd>
        </div>
        <div>
          <dt>{t('case.language')}</dt>
          <dd>{doc.language === 'fr' ? 'Français' : 'English'}</dd>
        </div>
        {doc.contact.name && (
          <div>
            <dt>{t('case.contact')}</dt>
            <dd>{[doc.contact.name, doc.contact.email, doc.contact.phone].filter(Boolean).join(' · ')}</dd>
          </div>
        )}
      </dl>
      {confirmDelete && (
        <ConfirmDialog
          title={t('case.deleteTitle')}
          message={t('case.deleteConfirm', { title: doc.title })}
          confirmLabel={t('case.deleteAction')}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void leave('delete');
          }}
        />
      )}
    </header>
  );
}
