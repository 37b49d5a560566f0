// Two small cards of the Report tab: the scope (each server's role and exposure, and the report's
// authors) and the open items with their owner and due date. Both are saved with records.setDetails,
// sending only their own members so nothing else of the report is touched.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecords } from '../../../../core/cases/records';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { Card, lines, useCaseZone, useOpenView, ZonedInput } from './common';

export function ScopeCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const records = view?.case.records;
  const [servers, setServers] = useState<CaseRecords['serverDetails']>(() => ({ ...(records?.serverDetails ?? {}) }));
  const [authors, setAuthors] = useState(() => records?.authors.join('\n') ?? '');
  if (!view || !records) return null;
  const detailsOf = (id: string) => servers[id] ?? { role: '', exposure: '' };
  const put = (id: string, patch: Partial<CaseRecords['serverDetails'][string]>) => setServers((old) => ({ ...old, [id]: { ...detailsOf(id), ...patch } }));
  const save = () => {
    // Details of servers no longer in the case are kept as they are: the case may still name them.
    const serverDetails = Object.fromEntries(Object.entries(servers).map(([id, d]) => [id, { role: d.role.trim(), exposure: d.exposure.trim() }]));
    return changeCase((caseId) => api.records.setDetails({ caseId, details: { serverDetails, authors: lines(authors) } }));
  };
  return (
    <Card title={t('scope.title')} id="report-scope">
      <form
        className="form"
        aria-label={t('scope.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {view.case.servers.length === 0 ? (
          <p className="muted small">{t('scope.noServers')}</p>
        ) : (
          view.case.servers.map((s) => (
            <fieldset key={s.id} className="server-details">
              <legend>
                {s.name} <span className="muted small">{[s.product, s.version].filter(Boolean).join(' ')}</span>
              </legend>
              <div className="row2">
                <label>
                  {t('scope.role')}
                  <input value={detailsOf(s.id).role} onChange={(e) => put(s.id, { role: e.target.value })} placeholder={t('scope.rolePlaceholder')} aria-label={t('scope.roleOf', { server: s.name })} />
                </label>
                <label>
                  {t('scope.exposure')}
                  <input value={detailsOf(s.id).exposure} onChange={(e) => put(s.id, { exposure: e.target.value })} placeholder={t('scope.exposurePlaceholder')} aria-label={t('scope.exposureOf', { server: s.name })} />
                </label>
              </div>
            </fieldset>
          ))
        )}
        <label>
          {t('scope.authors')} <span className="small muted">{t('scope.authorsHint')}</span>
          <textarea rows={2} value={authors} onChange={(e) => setAuthors(e.target.value)} placeholder={view.case.operator} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly}>
            {t('scope.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

interface ItemDraft {
  id: string;
  text: string;
  owner: string;
  due?: string;
}

const newItemId = () => `open-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export function OpenItemsCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const [items, setItems] = useState<ItemDraft[]>(() => (view?.case.records.openItems ?? []).map((o) => ({ id: o.id, text: o.text, owner: o.owner, ...(o.due ? { due: o.due } : {}) })));
  if (!view) return null;
  const put = (id: string, patch: Partial<ItemDraft>) => setItems((list) => list.map((o) => (o.id === id ? { ...o, ...patch } : o)));
  const save = () => {
    const openItems = items.filter((o) => o.text.trim()).map((o) => ({ id: o.id, text: o.text.trim(), owner: o.owner.trim(), ...(o.due ? { due: o.due } : {}) }));
    return changeCase((caseId) => api.records.setDetails({ caseId, details: { openItems } }));
  };
  return (
    <Card title={t('report.openItems')} id="report-open-items">
      <p className="muted small">{t('openItems.intro')}</p>
      <form
        className="form"
        aria-label={t('report.openItems')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {items.length === 0 && <p className="muted small">{t('openItems.none')}</p>}
        <ol className="statement-list">
          {items.map((o, i) => (
            <li key={o.id} className="open-item" aria-label={t('openItems.itemN', { n: i + 1 })}>
              <label className="statement-text">
                {t('openItems.text')}
                <input value={o.text} onChange={(e) => put(o.id, { text: e.target.value })} />
              </label>
              <label>
                {t('openItems.owner')}
                <input value={o.owner} onChange={(e) => put(o.id, { owner: e.target.value })} />
              </label>
              <ZonedInput label={t('openItems.due')} value={o.due} zone={zone} onChange={(due) => put(o.id, { due })} />
              <button type="button" className="quiet" aria-label={t('openItems.removeN', { n: i + 1 })} onClick={() => setItems((list) => list.filter((x) => x.id !== o.id))}>
                {t('rootCause.remove')}
              </button>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button type="button" disabled={view.readOnly} onClick={() => setItems((list) => [...list, { id: newItemId(), text: '', owner: '' }])}>
            {t('openItems.add')}
          </button>
          <button type="submit" className="primary" disabled={view.readOnly}>
            {t('openItems.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
