// The results of the case's latest hunt: the hits in a sortable, filterable table, the detail of
// one hit (its line in context, why it matters, the file's SHA-256), what was ruled out, and what
// the hunt covered.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HuntHit, HuntResultsView as Results } from '../../../../core/hunt-session/types';
import { SEVERITIES } from '../../../../core/playbooks/types';
import { useHunt } from '../../stores/hunt';
import { Time } from '../shell/Time';
import { formatBytes, severityRank } from './format';

type SortKey = 'severity' | 'rule' | 'file' | 'line';
/** Rows drawn at once; a rule can hit a thousand lines and the table must stay quick. */
const MAX_ROWS = 500;

const compare: Record<SortKey, (a: HuntHit, b: HuntHit) => number> = {
  severity: (a, b) => severityRank(a.severity) - severityRank(b.severity),
  rule: (a, b) => a.ruleId.localeCompare(b.ruleId),
  file: (a, b) => a.file.localeCompare(b.file),
  line: (a, b) => a.line - b.line,
};

export function HuntResultsView(): React.JSX.Element | null {
  const { t } = useTranslation();
  const hunt = useHunt((s) => s.results?.hunt);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'severity', descending: false });
  const [severity, setSeverity] = useState<string>('');
  const [text, setText] = useState('');
  const [openIndex, setOpenIndex] = useState<number | undefined>(undefined);

  const rows = useMemo(() => {
    if (!hunt) return [];
    const needle = text.trim().toLowerCase();
    const kept = hunt.hits.filter(
      (h) =>
        (!severity || h.severity === severity) &&
        (!needle || [h.ruleId, h.ruleTitle, h.file, h.match, h.playbookId].some((v) => v.toLowerCase().includes(needle))),
    );
    const by = compare[sort.key];
    // ties: severity, then file and line, so the order is stable whatever the key
    return kept.sort((a, b) => (sort.descending ? -1 : 1) * by(a, b) || compare.severity(a, b) || compare.file(a, b) || compare.line(a, b));
  }, [hunt, sort, severity, text]);

  if (!hunt) return null;
  const open = openIndex === undefined ? undefined : hunt.hits.find((h) => h.index === openIndex);
  const sortBy = (key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none');
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={ariaSort(key)}>
      <button type="button" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );

  return (
    <>
      <section className="hunt-card" aria-labelledby="hunt-results-title">
        <h2 id="hunt-results-title">{t('hunt.resultsTitle')}</h2>
        <p className="muted">
          {t(`hunt.finished.${hunt.state}`)} <Time iso={hunt.finishedAt} /> · {hunt.playbooks.map((p) => `${p.title} ${p.version}`).join(', ')}
        </p>
        {hunt.state === 'cancelled' && <p className="hunt-banner">{t('hunt.cancelledNote')}</p>}
        <div className="hunt-filters">
          <label>
            {t('hunt.filterSeverity')}
            <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
              <option value="">{t('hunt.allSeverities')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`hunt.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('hunt.filterText')}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('hunt.filterPlaceholder')} />
          </label>
          <span className="muted" role="status">
            {t('hunt.shown', { shown: Math.min(rows.length, MAX_ROWS), total: hunt.hits.length })}
          </span>
        </div>
        <div className="hunt-results-grid">
          {hunt.hits.length === 0 ? (
            <p>{t('hunt.noHits')}</p>
          ) : (
            <table className="hunt-table" aria-label={t('hunt.tableLabel')}>
              <thead>
                <tr>
                  {header('severity', t('hunt.colSeverity'))}
                  {header('rule', t('hunt.colRule'))}
                  {header('file', t('hunt.colFile'))}
                  {header('line', t('hunt.colLine'))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, MAX_ROWS).map((h) => (
                  <tr
                    key={h.index}
                    data-hit={h.index}
                    aria-selected={h.index === openIndex}
                    tabIndex={0}
                    onClick={() => setOpenIndex(h.index)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setOpenIndex(h.index);
                      }
                    }}
                  >
                    <td>
                      <span className={`sev sev-${h.severity}`}>{t(`hunt.severity.${h.severity}`)}</span>
                    </td>
                    <td>
                      <code>{h.ruleId}</code>
                    </td>
                    <td className="file">{h.file || t('hunt.noFile')}</td>
                    <td className="num">{h.line > 0 ? h.line : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {open ? <HitDetail hit={open} onClose={() => setOpenIndex(undefined)} /> : hunt.hits.length > 0 && <p className="muted">{t('hunt.pickRow')}</p>}
        </div>
      </section>
      <div className="hunt-lists">
        <RuledOut hunt={hunt} />
        <CoverageSummary hunt={hunt} />
      </div>
    </>
  );
}

function HitDetail({ hit, onClose }: { hit: HuntHit; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <aside className="hunt-card hunt-detail" aria-labelledby="hunt-detail-title">
      <div className="hunt-row" style={{ justifyContent: 'space-between' }}>
        <h3 id="hunt-detail-title">{hit.ruleTitle}</h3>
        <button type="button" onClick={onClose} aria-label={t('hunt.closeDetail')}>
          ×
        </button>
      </div>
      {hit.context && hit.context.length > 0 ? (
        <div className="hunt-context" role="group" aria-label={t('hunt.context')}>
          {hit.context.map((c) => (
            <div key={c.line} className={c.line === hit.line ? 'hit' : undefined}>
              <span className="ln">{c.line}</span>
              <code>{c.text}</code>
            </div>
          ))}
        </div>
      ) : (
        <div className="hunt-context" role="group" aria-label={t('hunt.context')}>
          <div className="hit">
            <code>{hit.match}</code>
          </div>
        </div>
      )}
      <p>{hit.explanation}</p>
      <dl>
        <dt>{t('hunt.colSeverity')}</dt>
        <dd>
          <span className={`sev sev-${hit.severity}`}>{t(`hunt.severity.${hit.severity}`)}</span>
        </dd>
        <dt>{t('hunt.colRule')}</dt>
        <dd>
          <code>
            {hit.playbookId}#{hit.ruleId}
          </code>{' '}
          <span className="muted">{hit.playbookVersion}</span>
        </dd>
        <dt>{t('hunt.colFile')}</dt>
        <dd>
          <code>{hit.file || t('hunt.noFile')}</code>
        </dd>
        <dt>{t('hunt.colLine')}</dt>
        <dd>{hit.line > 0 ? hit.line : '—'}</dd>
        <dt>{t('hunt.matched')}</dt>
        <dd>
          <code>{hit.match}</code>
        </dd>
        <dt>SHA-256</dt>
        <dd>
          {hit.sha256 ? (
            <>
              <code data-testid="hit-sha256">{hit.sha256}</code>
              {hit.sha256Of === 'archive' && <span className="muted"> ({t('hunt.ofArchive')})</span>}
            </>
          ) : (
            <span className="muted">{hit.file ? t('hunt.noHash') : '—'}</span>
          )}
        </dd>
        <dt>{t('hunt.finding')}</dt>
        <dd>{hit.findingId ? <code>{hit.findingId}</code> : <span className="muted">{t('hunt.notRecorded')}</span>}</dd>
      </dl>
    </aside>
  );
}

function RuledOut({ hunt }: { hunt: Results }): React.JSX.Element {
  const { t } = useTranslation();
  const ruledOut = hunt.rules.filter((r) => r.status === 'ruled-out');
  const notCovered = hunt.rules.filter((r) => r.status === 'not-covered' || r.status === 'not-evaluated');
  return (
    <section className="hunt-card" aria-labelledby="hunt-ruled-out-title">
      <h2 id="hunt-ruled-out-title">
        {t('hunt.ruledOutTitle')} <span className="count">{ruledOut.length}</span>
      </h2>
      {ruledOut.length === 0 ? (
        <p className="muted">{hunt.state === 'done' ? t('hunt.nothingRuledOut') : t('hunt.cancelledNote')}</p>
      ) : (
        <ul aria-label={t('hunt.ruledOutTitle')}>
          {ruledOut.map((r) => (
            <li key={`${r.playbookId}#${r.ruleId}`}>
              {r.ruleTitle} <code className="muted">{r.ruleId}</code>
              <small>{r.kind === 'version' ? r.note : t('hunt.examined', { count: r.filesExamined })}</small>
            </li>
          ))}
        </ul>
      )}
      {notCovered.length > 0 && (
        <details>
          <summary>{t('hunt.notCoveredTitle', { count: notCovered.length })}</summary>
          <ul>
            {notCovered.map((r) => (
              <li key={`${r.playbookId}#${r.ruleId}`}>
                {r.ruleTitle} <code className="muted">{r.ruleId}</code>
                {r.note && <small>{r.note}</small>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function CoverageSummary({ hunt }: { hunt: Results }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const c = hunt.coverage;
  return (
    <section className="hunt-card" aria-labelledby="hunt-coverage-title">
      <h2 id="hunt-coverage-title">{t('hunt.coverageTitle')}</h2>
      <p>
        {t('hunt.coverageFiles', { count: c.files, size: formatBytes(c.bytes, i18n.language) })}
        {c.firstEntry && c.lastEntry && (
          <>
            {' '}
            {t('hunt.coverageRange')} <Time iso={c.firstEntry} /> → <Time iso={c.lastEntry} />
          </>
        )}
      </p>
      <table aria-label={t('hunt.byFormat')}>
        <thead>
          <tr>
            <th scope="col">{t('hunt.format')}</th>
            <th scope="col">{t('hunt.files')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(c.filesByFormat)
            .sort((a, b) => b[1] - a[1])
            .map(([format, count]) => (
              <tr key={format}>
                <td>
                  <code>{format}</code>
                </td>
                <td className="num">{count}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3 style={{ marginTop: '0.8rem' }}>{t('hunt.unreadable', { count: c.skippedTotal })}</h3>
      {c.skipped.length > 0 && (
        <ul>
          {c.skipped.map((s) => (
            <li key={s.file}>
              <code>{s.file}</code> <small>{s.reason}</small>
            </li>
          ))}
        </ul>
      )}
      {c.warnings.length > 0 && (
        <ul>
          {c.warnings.map((w) => (
            <li key={w} className="hunt-banner">
              {w}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
