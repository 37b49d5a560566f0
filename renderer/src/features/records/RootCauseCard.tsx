// The root cause of the report: the CVEs, the entry point, and statements each labelled fact (established
// by evidence) or hypothesis (believed, not proven), with the evidence behind them. The report prints
// facts and hypotheses apart, so the label is chosen for every statement, never implied.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Certainty, RootCause } from '../../../../core/cases/records';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { Card, EvidenceSelect, useOpenView } from './common';

interface StatementDraft {
  id: string;
  text: string;
  certainty: Certainty;
  evidenceId: string;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;
const newId = () => `st-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** CVE identifiers typed with commas, spaces or new lines; upper-cased so "cve-2024-50623" is accepted. */
export const parseCves = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];

export function RootCauseCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const stored = view?.case.records.rootCause;
  const [cves, setCves] = useState(() => stored?.cves.join(', ') ?? '');
  const [entryPoint, setEntryPoint] = useState(() => stored?.entryPoint ?? '');
  const [statements, setStatements] = useState<StatementDraft[]>(() =>
    (stored?.statements ?? []).map((s) => ({ id: s.id, text: s.text, certainty: s.certainty, evidenceId: s.evidenceIds[0] ?? '' })),
  );
  if (!view || !stored) return null;
  const parsedCves = parseCves(cves);
  const badCves = parsedCves.filter((c) => !CVE.test(c));
  const put = (id: string, patch: Partial<StatementDraft>) => setStatements((list) => list.map((s) => (s.id === id ? { ...s, ...patch } : s)));
  const add = (certainty: Certainty) => setStatements((list) => [...list, { id: newId(), text: '', certainty, evidenceId: '' }]);
  const save = () => {
    const rootCause: RootCause = {
      cves: parsedCves,
      entryPoint: entryPoint.trim(),
      // A statement keeps its other evidence links when only the first one is shown here.
      statements: statements
        .filter((s) => s.text.trim())
        .map((s) => {
          const others = stored.statements.find((old) => old.id === s.id)?.evidenceIds.slice(1) ?? [];
          return { id: s.id, text: s.text.trim(), certainty: s.certainty, evidenceIds: s.evidenceId ? [s.evidenceId, ...others.filter((e) => e !== s.evidenceId)] : [] };
        }),
    };
    return changeCase((caseId) => api.records.setDetails({ caseId, details: { rootCause } }));
  };
  return (
    <Card title={t('rootCause.title')} id="root-cause">
      <p className="muted small">{t('rootCause.intro')}</p>
      <form
        className="form"
        aria-label={t('rootCause.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="row2">
          <label>
            {t('rootCause.cves')}
            <input value={cves} onChange={(e) => setCves(e.target.value)} placeholder="CVE-2024-50623, CVE-2024-55956" className="mono" aria-invalid={badCves.length > 0} />
            {badCves.length > 0 && <span className="warn-text small">{t('rootCause.badCve', { cves: badCves.join(', ') })}</span>}
          </label>
          <label>
            {t('rootCause.entryPoint')}
            <input value={entryPoint} onChange={(e) => setEntryPoint(e.target.value)} placeholder={t('rootCause.entryPointPlaceholder')} />
          </label>
        </div>
        <fieldset className="statements">
          <legend>{t('rootCause.statements')}</legend>
          {statements.length === 0 && <p className="muted small">{t('rootCause.noStatements')}</p>}
          <ol className="statement-list">
            {statements.map((s, i) => (
              <li key={s.id} className={`statement certainty-${s.certainty}`} aria-label={t('rootCause.statementN', { n: i + 1 })}>
                <label className="statement-kind">
                  {t('findings.certainty')}
                  <select value={s.certainty} onChange={(e) => put(s.id, { certainty: e.target.value as Certainty })}>
                    <option value="fact">{t('findings.fact')}</option>
                    <option value="hypothesis">{t('findings.hypothesis')}</option>
                  </select>
                </label>
                <label className="statement-text">
                  {t('rootCause.statementText')}
                  <textarea rows={2} value={s.text} onChange={(e) => put(s.id, { text: e.target.value })} />
                </label>
                <EvidenceSelect label={t('rootCause.statementEvidence')} value={s.evidenceId} onChange={(evidenceId) => put(s.id, { evidenceId })} />
                <button type="button" className="quiet" aria-label={t('rootCause.removeStatement', { n: i + 1 })} onClick={() => setStatements((list) => list.filter((x) => x.id !== s.id))}>
                  {t('rootCause.remove')}
                </button>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" onClick={() => add('fact')} disabled={view.readOnly}>
              {t('rootCause.addFact')}
            </button>
            <button type="button" onClick={() => add('hypothesis')} disabled={view.readOnly}>
              {t('rootCause.addHypothesis')}
            </button>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly || badCves.length > 0}>
            {t('rootCause.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
