import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { progressFor } from '../../../../core/cases/progress';
import { useCaseView } from '../../stores/case-view';
import { ProgressBar } from '../shell/ProgressBar';
import { AttachPicker } from './AttachPicker';
import { AddServerForm, ServerForm } from './AddServerForm';
import { DetachDialog } from './DetachDialog';

/** Servers of the case, the playbooks attached to each, and their progress. */
export function ServersPanel(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const serverId = useCaseView((s) => s.serverId);
  const playbookId = useCaseView((s) => s.playbookId);
  const select = useCaseView((s) => s.select);
  const [attachTo, setAttachTo] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [detaching, setDetaching] = useState<{ serverId: string; playbookId: string } | null>(null);

  const progress = useMemo(() => {
    const result = new Map<string, ReturnType<typeof progressFor>>();
    if (!view) return result;
    for (const server of view.case.servers) {
      for (const attached of server.playbooks) {
        const playbook = view.playbooks[attached.playbookId];
        if (playbook) result.set(`${server.id}/${attached.playbookId}`, progressFor(view.case, server.id, playbook));
      }
    }
    return result;
  }, [view]);

  if (!view) return null;
  const locked = view.readOnly;

  return (
    <aside className="servers-panel" aria-label={t('servers.label')}>
      <h2 className="panel-title">{t('servers.title')}</h2>
      {view.case.servers.length === 0 && <p className="muted">{t('servers.none')}</p>}
      {view.case.servers.map((server) => (
        <section key={server.id} className={`server ${server.id === serverId ? 'selected' : ''}`} aria-label={t('servers.serverLabel', { name: server.name })}>
          {editing === server.id ? (
            <ServerForm
              label={t('servers.editTitle', { name: server.name })}
              initial={{ name: server.name, product: server.product, version: server.version }}
              submitLabel={t('servers.save')}
              onSubmit={async (draft) => {
                const ok = await useCaseView.getState().updateServer(server.id, draft);
                if (ok) setEditing(null);
                return ok;
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <div className="server-head">
              <div>
                <h3 className="server-name">{server.name}</h3>
                <p className="muted small">{[server.product, server.version].filter(Boolean).join(' ') || t('servers.noProduct')}</p>
              </div>
              {!locked && (
                <button type="button" className="small-button quiet" aria-label={t('servers.editFor', { name: server.name })} onClick={() => setEditing(server.id)}>
                  {t('servers.edit')}
                </button>
              )}
            </div>
          )}
          <ul className="attached">
            {server.playbooks.map((attached) => {
              const playbook = view.playbooks[attached.playbookId];
              const p = progress.get(`${server.id}/${attached.playbookId}`);
              const isSelected = server.id === serverId && attached.playbookId === playbookId;
              return (
                <li key={attached.playbookId} className={isSelected ? 'selected' : ''}>
                  <div className="attached-line">
                    <button
                      type="button"
                      className="attached-button"
                      aria-current={isSelected ? 'true' : undefined}
                      disabled={!playbook}
                      onClick={() => select(server.id, attached.playbookId)}
                    >
                      {playbook?.meta.title ?? attached.playbookId}
                    </button>
                    {!locked && (
                      <button
                        type="button"
                        className="small-button quiet"
                        aria-label={t('servers.detachFor', { title: playbook?.meta.title ?? attached.playbookId, name: server.name })}
                        onClick={() => setDetaching({ serverId: server.id, playbookId: attached.playbookId })}
                      >
                        {t('servers.detach')}
                      </button>
                    )}
                  </div>
                  {!playbook && <p className="warn-text small">{t('servers.missingPlaybook')}</p>}
                  {p && <ProgressBar done={p.overall.resolved} total={p.overall.total} label={t('servers.progressOf', { title: playbook?.meta.title })} />}
                  {p && isSelected && playbook && (
                    <ul className="phase-bars">
                      {p.phases.map((phase) => (
                        <li key={phase.phaseId}>
                          <span className="phase-name small">{playbook.phases.find((ph) => ph.id === phase.phaseId)?.title}</span>
                          <ProgressBar small done={phase.resolved} total={phase.total} label={t('servers.phaseProgress', { phase: phase.phaseId })} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
          <button type="button" className="small-button" disabled={locked} onClick={() => setAttachTo(server.id)} aria-label={t('attach.buttonFor', { name: server.name })}>
            {t('attach.button')}
          </button>
        </section>
      ))}
      {view.missingPlaybooks.length > 0 && (
        <p className="warn-text small" role="note">
          {t('servers.missingList', { ids: view.missingPlaybooks.join(', ') })}
        </p>
      )}
      {!locked && <AddServerForm />}
      {attachTo && <AttachPicker serverId={attachTo} onClose={() => setAttachTo(null)} />}
      {detaching && <DetachDialog {...detaching} onClose={() => setDetaching(null)} />}
    </aside>
  );
}
