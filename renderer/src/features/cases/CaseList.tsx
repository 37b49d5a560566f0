import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api';
import { useCases } from '../../stores/cases';
import { useNotifications } from '../../stores/notifications';
import { useNav } from '../../stores/nav';
import { ProgressBar } from '../shell/ProgressBar';
import { Time } from '../shell/Time';
import { UnreadableCase } from './UnreadableCase';
import { openCase } from './open-case';

export function CaseList(): React.JSX.Element {
  const { t } = useTranslation();
  const summaries = useCases((s) => s.summaries);
  const loaded = useCases((s) => s.loaded);
  const go = useNav((s) => s.go);
  useEffect(() => void useCases.getState().refresh(), []);
  const [importing, setImporting] = useState(false);
  // A bundle from a consultant or another machine becomes a new case here, without opening one first;
  // the core verifies every file's hash before anything is written.
  const importBundle = async (): Promise<void> => {
    setImporting(true);
    const result = await call(api.bundle.import());
    setImporting(false);
    if (!result?.imported || !result.caseId) return;
    await useCases.getState().refresh();
    useNotifications.getState().pushInfo(t('cases.imported'));
    await openCase(result.caseId);
  };

  const active = summaries.flatMap((c) => (c.status === 'ok' && c.caseStatus === 'active' ? [c] : []));
  const unreadable = summaries.flatMap((c) => (c.status === 'unreadable' ? [c] : []));

  return (
    <main className="page" aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">{t('cases.title')}</h1>
        <button type="button" className="primary" onClick={() => go('new-case')}>
          {t('cases.new')}
        </button>
        <button type="button" disabled={importing} onClick={() => void importBundle()}>
          {importing ? t('cases.importing') : t('cases.importBundle')}
        </button>
      </div>

      {unreadable.length > 0 && (
        <section className="attention" aria-labelledby="unreadable-title">
          <h2 id="unreadable-title">{t('cases.unreadableTitle')}</h2>
          {unreadable.map((c) => (
            <UnreadableCase key={c.id} summary={c} />
          ))}
        </section>
      )}

      {loaded && active.length === 0 ? (
        <div className="empty">
          <p>{t('cases.empty')}</p>
          <p className="muted">{t('cases.emptyHint')}</p>
        </div>
      ) : (
        <table className="case-table">
          <caption className="sr-only">{t('cases.activeCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.columns.case')}</th>
              <th scope="col">{t('cases.columns.organisation')}</th>
              <th scope="col" className="num">
                {t('cases.columns.servers')}
              </th>
              <th scope="col">{t('cases.columns.progress')}</th>
              <th scope="col">{t('cases.columns.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((c) => (
              <tr key={c.id}>
                <td>
                  <button type="button" className="link-button case-open" onClick={() => void openCase(c.id)}>
                    {c.title}
                  </button>
                </td>
                <td>{c.organisation}</td>
                <td className="num">{c.serverCount}</td>
                <td>
                  <ProgressBar done={c.progress.done} total={c.progress.total} label={t('cases.progressOf', { title: c.title })} />
                </td>
                <td>
                  <Time iso={c.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
