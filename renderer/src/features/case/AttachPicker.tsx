import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { usePlaybooks } from '../../stores/playbooks';
import { Dialog } from '../shell/Dialog';

/** Lists every playbook; broken ones are shown, disabled, with what is wrong. */
export function AttachPicker({ serverId, onClose }: { serverId: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const summaries = usePlaybooks((s) => s.summaries);
  const attach = useCaseView((s) => s.attach);
  const server = useCaseView((s) => s.view?.case.servers.find((sv) => sv.id === serverId));
  useEffect(() => void usePlaybooks.getState().refresh(), []);
  const attached = new Set(server?.playbooks.map((p) => p.playbookId));

  return (
    <Dialog title={t('attach.title', { name: server?.name ?? '' })} onClose={onClose}>
      <ul className="picker">
        {summaries.map((p) =>
          p.status === 'ok' ? (
            <li key={`${p.id}/${p.language}`} className="picker-row">
              <div>
                <strong>{p.title}</strong>
                <div className="muted small">
                  <code>{p.id}</code> · v{p.version} · {p.language.toUpperCase()} · {t('playbooks.steps', { count: p.stepCount })}
                </div>
              </div>
              <button
                type="button"
                className="primary small-button"
                disabled={attached.has(p.id)}
                aria-label={t('attach.attachNamed', { title: p.title, language: p.language.toUpperCase() })}
                onClick={() => void attach(serverId, p.id).then((ok) => ok && onClose())}
              >
                {attached.has(p.id) ? t('attach.already') : t('attach.attach')}
              </button>
            </li>
          ) : (
            <li key={p.file} className="picker-row broken" aria-disabled="true">
              <div>
                <strong>{p.file}</strong> <span className="badge danger">{t('playbooks.broken')}</span>
                <ul className="problems">
                  {p.problems.map((problem, i) => (
                    <li key={i}>
                      <code>
                        {problem.file}:{problem.line}
                      </code>{' '}
                      {problem.message}
                    </li>
                  ))}
                </ul>
              </div>
              <button type="button" className="small-button" disabled>
                {t('attach.attach')}
              </button>
            </li>
          ),
        )}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
