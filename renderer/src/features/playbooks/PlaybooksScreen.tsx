import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/api/contract';
import type { PlaybookProblem } from '../../../../core/playbooks/types';
import { usePlaybooks } from '../../stores/playbooks';
import { useNotifications } from '../../stores/notifications';

function Problems({ problems }: { problems: PlaybookProblem[] }): React.JSX.Element {
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i}>
          <code>
            {p.file}:{p.line}
          </code>{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

export function PlaybooksScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const summaries = usePlaybooks((s) => s.summaries);
  const importFile = usePlaybooks((s) => s.importFile);
  const [importError, setImportError] = useState<AppError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => void usePlaybooks.getState().refresh(), []);

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = ''; // picking the same file again must trigger a new import
    if (!file) return;
    const result = await importFile(file.name, await file.text());
    if (result.ok) {
      setImportError(null);
      const title = result.summary.status === 'ok' ? result.summary.title : file.name;
      useNotifications.getState().pushInfo(t('playbooks.imported', { title }));
    } else setImportError(result.error);
  };

  const usable = summaries.flatMap((p) => (p.status === 'ok' ? [p] : []));
  const broken = summaries.flatMap((p) => (p.status === 'broken' ? [p] : []));

  return (
    <main className="page" aria-labelledby="playbooks-title">
      <div className="page-head">
        <h1 id="playbooks-title">{t('playbooks.title')}</h1>
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          {t('playbooks.import')}
        </button>
        <input ref={input} type="file" accept=".md" className="sr-only" aria-label={t('playbooks.importFile')} tabIndex={-1} onChange={(e) => void onFile(e)} />
      </div>
      <p className="muted">{t('playbooks.intro')}</p>

      {importError && (
        <div className="form-error" role="alert" aria-label={t('playbooks.importFailed')}>
          <p>{importError.message}</p>
          {importError.hint && <p className="muted">{importError.hint}</p>}
          {importError.problems && <Problems problems={importError.problems} />}
        </div>
      )}

      <table className="playbook-table">
        <caption className="sr-only">{t('playbooks.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('playbooks.columns.title')}</th>
            <th scope="col">{t('playbooks.columns.id')}</th>
            <th scope="col">{t('playbooks.columns.version')}</th>
            <th scope="col">{t('playbooks.columns.language')}</th>
            <th scope="col">{t('playbooks.columns.source')}</th>
            <th scope="col" className="num">
              {t('playbooks.columns.steps')}
            </th>
            <th scope="col">{t('playbooks.columns.reviewed')}</th>
          </tr>
        </thead>
        <tbody>
          {usable.map((p) => (
            <tr key={`${p.id}/${p.language}`}>
              <td>
                <strong>{p.title}</strong>
                {p.cves.length > 0 && <div className="muted small">{p.cves.join(', ')}</div>}
                {p.warnings.length > 0 && <Problems problems={p.warnings} />}
              </td>
              <td>
                <code>{p.id}</code>
              </td>
              <td>{p.version}</td>
              <td>{p.language.toUpperCase()}</td>
              <td>{t(`playbooks.source.${p.source}`)}</td>
              <td className="num">{p.stepCount}</td>
              <td>{p.lastReviewed}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {broken.length > 0 && (
        <section className="attention" aria-labelledby="broken-title">
          <h2 id="broken-title">{t('playbooks.brokenTitle')}</h2>
          {broken.map((p) => (
            <article key={p.file} className="unreadable" aria-label={p.file}>
              <h3>
                <code>{p.file}</code> <span className="badge danger">{t('playbooks.broken')}</span>
              </h3>
              <Problems problems={p.problems} />
            </article>
          ))}
        </section>
      )}
    </main>
  );
}
