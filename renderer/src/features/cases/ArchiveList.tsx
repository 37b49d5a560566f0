import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../../core/cases/types';
import { useCases } from '../../stores/cases';
import { useNotifications } from '../../stores/notifications';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { Time } from '../shell/Time';
import { openCase } from './open-case';

type Readable = Extract<CaseSummary, { status: 'ok' }>;

export function ArchiveList(): React.JSX.Element {
  const { t } = useTranslation();
  const summaries = useCases((s) => s.summaries);
  const change = useCases((s) => s.change);
  const [purging, setPurging] = useState<Readable | null>(null);
  useEffect(() => void useCases.getState().refresh(), []);

  const readable = summaries.flatMap((c) => (c.status === 'ok' ? [c] : []));
  const archived = readable.filter((c) => c.caseStatus === 'archived');
  const deleted = readable.filter((c) => c.caseStatus === 'deleted');

  const restore = async (c: Readable): Promise<void> => {
    if (await change('restore', c.id)) useNotifications.getState().pushInfo(t('archive.restored', { title: c.title }));
  };

  const list = (cases: Readable[], kind: 'archived' | 'deleted') =>
    cases.length === 0 ? (
      <p className="muted">{t(`archive.${kind}Empty`)}</p>
    ) : (
      <ul className="archive-list">
        {cases.map((c) => (
          <li key={c.id} className="archive-row">
            <div>
              <button type="button" className="link-button" onClick={() => void openCase(c.id)}>
                {c.title}
              </button>
              <div className="muted small">
                {c.organisation} · <Time iso={c.updatedAt} />
              </div>
            </div>
            <div className="actions">
              <button type="button" aria-label={t('archive.restoreNamed', { title: c.title })} onClick={() => void restore(c)}>
                {t('archive.restore')}
              </button>
              {kind === 'deleted' && (
                <button type="button" className="danger" aria-label={t('archive.purgeNamed', { title: c.title })} onClick={() => setPurging(c)}>
                  {t('archive.purge')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    );

  return (
    <main className="page" aria-labelledby="archive-title">
      <div className="page-head">
        <h1 id="archive-title">{t('archive.title')}</h1>
      </div>
      <section aria-labelledby="archived-title">
        <h2 id="archived-title">{t('archive.archived')}</h2>
        {list(archived, 'archived')}
      </section>
      <section aria-labelledby="deleted-title">
        <h2 id="deleted-title">{t('archive.deleted')}</h2>
        {list(deleted, 'deleted')}
      </section>
      {purging && (
        <ConfirmDialog
          title={t('archive.purgeTitle')}
          message={t('archive.purgeConfirm', { title: purging.title })}
          confirmLabel={t('archive.purgeForever')}
          onCancel={() => setPurging(null)}
          onConfirm={() => {
            const id = purging.id;
            setPurging(null);
            void change('purge', id);
          }}
        />
      )}
    </main>
  );
}
