// The case's Hunt tab: choose folders or files and playbooks, start, follow the progress, cancel,
// then read the results. The scan runs in the main process (on worker threads); this tab polls.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useHunt } from '../../stores/hunt';
import { usePlaybooks } from '../../stores/playbooks';
import { formatBytes, formatDuration } from './format';
import { HuntResultsView } from './HuntResults';
import './hunt.css';

interface PlaybookChoice {
  id: string;
  title: string;
}

/** Usable playbooks, one per id, titled in the case's language when it has one. */
function usePlaybookChoices(language: string): PlaybookChoice[] {
  const summaries = usePlaybooks((s) => s.summaries);
  return useMemo(() => {
    const byId = new Map<string, PlaybookChoice & { language: string }>();
    for (const s of summaries) {
      if (s.status !== 'ok') continue;
      const known = byId.get(s.id);
      if (!known || (known.language !== language && s.language === language)) byId.set(s.id, { id: s.id, title: s.title, language: s.language });
    }
    return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title));
  }, [summaries, language]);
}

export function HuntPanel(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const selectedServerId = useCaseView((s) => s.serverId);
  const hunt = useHunt();
  const playbooksLoaded = usePlaybooks((s) => s.loaded);
  const choices = usePlaybookChoices(view?.case.language ?? 'en');
  const caseId = view?.case.id;

  useEffect(() => {
    if (caseId) void useHunt.getState().load(caseId);
  }, [caseId]);
  useEffect(() => {
    if (!playbooksLoaded) void usePlaybooks.getState().refresh();
  }, [playbooksLoaded]);

  if (!view) return null;
  const servers = view.case.servers;
  const serverId = hunt.serverId ?? selectedServerId ?? servers[0]?.id;
  const server = servers.find((s) => s.id === serverId);
  const attached = server?.playbooks.map((p) => p.playbookId) ?? [];
  const available = new Set(choices.map((c) => c.id));
  const chosen = hunt.playbookIds ?? attached.filter((id) => available.has(id));
  const running = hunt.status?.state === 'running';
  const canStart = !view.readOnly && !running && !hunt.starting && hunt.paths.length > 0 && chosen.length > 0;

  const toggle = (id: string, on: boolean) => hunt.setPlaybookIds(on ? [...chosen, id] : chosen.filter((p) => p !== id));

  return (
    <div role="tabpanel" id="panel-hunt" aria-labelledby="tab-hunt" className="hunt-panel">
      <section className="hunt-card" aria-labelledby="hunt-setup-title">
        <h2 id="hunt-setup-title">{t('hunt.setupTitle')}</h2>
        <p className="muted">{t('hunt.intro')}</p>
        <div className="hunt-setup-grid">
          <div>
            <div className="hunt-row">
              <button type="button" onClick={() => void hunt.choose('folders')} disabled={running}>
                {t('hunt.chooseFolders')}
              </button>
              <button type="button" onClick={() => void hunt.choose('files')} disabled={running}>
                {t('hunt.chooseFiles')}
              </button>
            </div>
            {hunt.paths.length === 0 ? (
              <p className="muted">{t('hunt.noPaths')}</p>
            ) : (
              <ul className="hunt-paths" aria-label={t('hunt.chosenPaths')}>
                {hunt.paths.map((p) => (
                  <li key={p}>
                    <code>{p}</code>
                    <button type="button" onClick={() => hunt.removePath(p)} disabled={running} aria-label={t('hunt.removePath', { path: p })}>
                      {t('hunt.remove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            {servers.length > 1 && (
              <label className="block-label">
                {t('hunt.server')}
                <select value={serverId ?? ''} onChange={(e) => hunt.setServerId(e.target.value || undefined)} disabled={running}>
                  {servers.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                      {s.product ? ` (${s.product}${s.version ? ` ${s.version}` : ''})` : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <fieldset className="hunt-playbooks" disabled={running}>
              <legend>{t('hunt.playbooks')}</legend>
              {choices.map((c) => (
                <label key={c.id}>
                  <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                  <span>
                    {c.title}
                    {attached.includes(c.id) && <span className="muted"> · {t('hunt.ofServer', { server: server?.name ?? '' })}</span>}
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
        </div>
        <div className="hunt-start">
          <button type="button" className="primary" disabled={!canStart} onClick={() => void hunt.start(chosen)}>
            {t('hunt.start')}
          </button>
          {view.readOnly && <span className="muted">{t('hunt.readOnly')}</span>}
        </div>
      </section>

      {hunt.status && <HuntProgressCard />}
      {hunt.results?.hunt && <HuntResultsView />}
    </div>
  );
}

function HuntProgressCard(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const status = useHunt((s) => s.status);
  const cancel = useHunt((s) => s.cancel);
  if (!status) return null;
  const { progress } = status;
  const percent = progress.bytesTotal > 0 ? Math.round((progress.bytesDone / progress.bytesTotal) * 100) : status.state === 'running' ? 0 : 100;
  const language = i18n.language;
  const heading =
    status.state === 'running' ? (status.phase === 'recording' ? t('hunt.recording') : t('hunt.running')) : t(`hunt.state.${status.state}`);
  return (
    <section className="hunt-card hunt-progress" aria-labelledby="hunt-progress-title" aria-busy={status.state === 'running'}>
      <h2 id="hunt-progress-title">{heading}</h2>
      <div className="progress">
        <div className="progress-track" role="progressbar" aria-label={t('hunt.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="progress-text">{percent}%</span>
      </div>
      <dl className="hunt-stats">
        <div>
          <dt>{t('hunt.files')}</dt>
          <dd>
            {progress.filesDone} / {progress.filesTotal}
          </dd>
        </div>
        <div>
          <dt>{t('hunt.bytes')}</dt>
          <dd>
            {formatBytes(progress.bytesDone, language)} / {formatBytes(progress.bytesTotal, language)}
          </dd>
        </div>
        <div>
          <dt>{t('hunt.rate')}</dt>
          <dd>{t('hunt.perSecond', { size: formatBytes(progress.rate, language) })}</dd>
        </div>
        <div>
          <dt>{t('hunt.timeLeft')}</dt>
          <dd>{status.state === 'running' ? formatDuration(progress.etaSeconds) : formatDuration(0)}</dd>
        </div>
      </dl>
      {status.state === 'running' && status.phase === 'scanning' && (
        <p>
          <button type="button" className="danger" onClick={() => void cancel()}>
            {t('hunt.cancel')}
          </button>
        </p>
      )}
      {status.error && (
        <p className="hunt-banner" role="alert">
          {status.error}
        </p>
      )}
      {status.summary && <p role="status">{t('hunt.summary', { found: status.summary.found, ruledOut: status.summary.ruledOut, recorded: status.summary.recordedFindings })}</p>}
    </section>
  );
}
