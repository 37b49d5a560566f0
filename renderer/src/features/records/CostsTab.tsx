// The Costs tab: the outage and cost log for the proof of loss. These are the insured's own
// figures, entered here and not checked by Firebreak; the tab and the report say so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COST_KINDS, type CostEntry } from '../../../../core/cases/records';
import { formatDuration } from '../../../../core/deadlines/time';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { RemoveWithReasonDialog } from './RemoveWithReasonDialog';
import { Card, EvidenceSelect, Instant, useCaseZone, useOpenView, ZonedInput } from './common';

type Kind = (typeof COST_KINDS)[number];

/** Sums by kind and currency (amounts), with hours and outage time per kind. */
export function costTotals(costs: CostEntry[]): { kind: Kind; currency: string; amount: number; hours: number; outageMs: number; count: number }[] {
  const rows = new Map<string, { kind: Kind; currency: string; amount: number; hours: number; outageMs: number; count: number }>();
  for (const c of costs) {
    const key = `${c.kind}|${c.currency}`;
    const row = rows.get(key) ?? { kind: c.kind, currency: c.currency, amount: 0, hours: 0, outageMs: 0, count: 0 };
    row.amount += c.amount ?? 0;
    row.hours += c.hours ?? 0;
    if (c.start && c.end) row.outageMs += Math.max(0, Date.parse(c.end) - Date.parse(c.start));
    row.count += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => COST_KINDS.indexOf(a.kind) - COST_KINDS.indexOf(b.kind) || a.currency.localeCompare(b.currency));
}

function CostForm({ onDone }: { onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const [kind, setKind] = useState<Kind>('outage');
  const [system, setSystem] = useState('');
  const [start, setStart] = useState<string | undefined>();
  const [end, setEnd] = useState<string | undefined>();
  const [hours, setHours] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [description, setDescription] = useState('');
  const [evidenceId, setEvidenceId] = useState('');
  const num = (s: string) => (s.trim() ? Number(s.replace(',', '.')) : undefined);
  const save = async (): Promise<void> => {
    const h = num(hours);
    const a = num(amount);
    const ok = await changeCase((caseId) =>
      api.costs.add({
        caseId,
        cost: {
          kind,
          system: system.trim(),
          ...(start ? { start } : {}),
          ...(end ? { end } : {}),
          ...(h !== undefined ? { hours: h } : {}),
          ...(a !== undefined ? { amount: a } : {}),
          currency: currency.trim().toUpperCase(),
          description: description.trim(),
          evidenceIds: evidenceId ? [evidenceId] : [],
        },
      }),
    );
    if (ok) onDone();
  };
  const bad = [hours, amount].some((s) => s.trim() !== '' && !Number.isFinite(Number(s.replace(',', '.'))));
  return (
    <form
      className="form inline-form"
      aria-label={t('costs.addTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="row3">
        <label>
          {t('costs.kindLabel')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {COST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`costs.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('costs.system')}
          <input value={system} onChange={(e) => setSystem(e.target.value)} />
        </label>
        <label>
          {t('costs.description')}
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <div className="row2">
        <ZonedInput label={t('costs.start')} value={start} zone={zone} onChange={setStart} />
        <ZonedInput label={t('costs.end')} value={end} zone={zone} onChange={setEnd} />
      </div>
      <div className="row3">
        <label>
          {t('costs.hours')}
          <input value={hours} inputMode="decimal" onChange={(e) => setHours(e.target.value)} />
        </label>
        <label>
          {t('costs.amount')}
          <input value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label>
          {t('costs.currency')}
          <input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />
        </label>
      </div>
      <EvidenceSelect label={t('costs.evidence')} value={evidenceId} onChange={setEvidenceId} />
      {bad && <p className="warn-text small">{t('costs.notNumber')}</p>}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={bad || !/^[A-Za-z]{3}$/.test(currency.trim())}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function RemoveCost({ cost, onClose }: { cost: CostEntry; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <RemoveWithReasonDialog
      title={t('costs.removeTitle')}
      explanation={t('costs.removeExplain')}
      reasonLabel={t('costs.removeReason')}
      actionLabel={t('costs.remove')}
      onRemove={(reason) => changeCase((caseId) => api.costs.remove({ caseId, costId: cost.id, reason }))}
      onClose={onClose}
    />
  );
}

export function CostsTab(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CostEntry | undefined>();
  if (!view) return null;
  const costs = view.case.records.costs;
  const money = (amount: number, currency: string) => {
    try {
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(amount);
    } catch {
      return `${amount} ${currency}`;
    }
  };
  const totals = costTotals(costs);
  return (
    <div role="tabpanel" id="panel-costs" aria-labelledby="tab-costs" className="records-panel">
      <p className="banner own-figures" role="note">
        {t('costs.ownFigures')}
      </p>
      <Card
        title={t('costs.title', { count: costs.length })}
        actions={
          !adding && (
            <button type="button" className="primary" disabled={view.readOnly} onClick={() => setAdding(true)}>
              {t('costs.add')}
            </button>
          )
        }
      >
        {adding && <CostForm onDone={() => setAdding(false)} />}
        {costs.length === 0 ? (
          <p className="muted">{t('costs.empty')}</p>
        ) : (
          <table className="rec-table" aria-label={t('costs.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('costs.kindLabel')}</th>
                <th scope="col">{t('costs.system')}</th>
                <th scope="col">{t('costs.period')}</th>
                <th scope="col" className="num">
                  {t('costs.hours')}
                </th>
                <th scope="col" className="num">
                  {t('costs.amount')}
                </th>
                <th scope="col">{t('costs.description')}</th>
                <th scope="col">
                  <span className="sr-only">{t('evidence.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {costs.map((c) => (
                <tr key={c.id}>
                  <td>{t(`costs.kind.${c.kind}`)}</td>
                  <td>{c.system}</td>
                  <td>
                    {c.start || c.end ? (
                      <>
                        <Instant iso={c.start} zone={zone} /> → <Instant iso={c.end} zone={zone} />
                        {c.start && c.end && <span className="small muted block">{formatDuration(Date.parse(c.end) - Date.parse(c.start))}</span>}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num">{c.hours ?? '—'}</td>
                  <td className="num nowrap">{c.amount !== undefined ? money(c.amount, c.currency) : '—'}</td>
                  <td>
                    {c.description}
                    <span className="small muted block">{t('costs.recordedBy', { who: c.recordedBy })}</span>
                  </td>
                  <td>
                    <button type="button" className="quiet" disabled={view.readOnly} onClick={() => setRemoving(c)}>
                      {t('costs.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {totals.length > 0 && (
        <Card title={t('costs.totals')}>
          <table className="rec-table totals" aria-label={t('costs.totals')}>
            <thead>
              <tr>
                <th scope="col">{t('costs.kindLabel')}</th>
                <th scope="col" className="num">
                  {t('costs.entries')}
                </th>
                <th scope="col" className="num">
                  {t('costs.outage')}
                </th>
                <th scope="col" className="num">
                  {t('costs.hours')}
                </th>
                <th scope="col" className="num">
                  {t('costs.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.map((row) => (
                <tr key={`${row.kind}-${row.currency}`}>
                  <td>{t(`costs.kind.${row.kind}`)}</td>
                  <td className="num">{row.count}</td>
                  <td className="num">{row.outageMs > 0 ? formatDuration(row.outageMs) : '—'}</td>
                  <td className="num">{row.hours || '—'}</td>
                  <td className="num nowrap">{money(row.amount, row.currency)}</td>
                </tr>
              ))}
              {[...new Set(totals.map((r) => r.currency))].map((currency) => (
                <tr key={`total-${currency}`} className="total-row">
                  <th scope="row">{t('costs.total', { currency })}</th>
                  <td />
                  <td />
                  <td className="num">{totals.filter((r) => r.currency === currency).reduce((s, r) => s + r.hours, 0) || '—'}</td>
                  <td className="num nowrap">{money(totals.filter((r) => r.currency === currency).reduce((s, r) => s + r.amount, 0), currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {removing && <RemoveCost cost={removing} onClose={() => setRemoving(undefined)} />}
    </div>
  );
}
