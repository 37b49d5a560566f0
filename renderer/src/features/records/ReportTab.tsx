// The Report tab: what only a person can write (summary, limitations, root cause, each server's role
// and exposure, authors, open items, distribution, personal-data assessment), the sign-off, then the export of the report (PDF, HTML, Markdown, JSON;
// A4 or Letter) and of the case bundle. Each export shows the report version and its hash, and the
// changes against the previous version. Files are chosen with the main process's dialogs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecords, PersonalData } from '../../../../core/cases/records';
import { api, call } from '../../api';
import { useCaseView } from '../../stores/case-view';
import { useNotifications } from '../../stores/notifications';
import { changeCase, useExports } from '../../stores/records';
import { Card, Instant, lines, Sha, useCaseZone, useOpenView, ZonedInput } from './common';
import { OpenItemsCard, ScopeCard } from './ReportScopeCards';
import { RootCauseCard } from './RootCauseCard';

const FORMATS = ['pdf', 'html', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const recipientLine = (r: CaseRecords['distribution'][number]) => [r.name, r.organisation, r.role].filter(Boolean).join(' — ');
const parseRecipient = (line: string) => {
  const [name = '', organisation = '', role = ''] = line.split(/\s+—\s+|\s+-\s+/).map((s) => s.trim());
  return { name, organisation, role };
};

function DetailsCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const r = view?.case.records;
  const [d, setD] = useState(() => ({
    status: r?.narrative.status ?? 'ongoing',
    whatHappened: r?.narrative.whatHappened ?? '',
    impact: r?.narrative.impact ?? '',
    residualRisk: r?.narrative.residualRisk ?? '',
    recommendations: r?.narrative.recommendations.join('\n') ?? '',
    limitations: r?.limitations.join('\n') ?? '',
    distribution: r?.distribution.map(recipientLine).join('\n') ?? '',
  }));
  if (!view || !r) return null;
  const put = (patch: Partial<typeof d>) => setD((old) => ({ ...old, ...patch }));
  const save = () =>
    changeCase((caseId) =>
      api.records.setDetails({
        caseId,
        details: {
          narrative: { status: d.status, whatHappened: d.whatHappened.trim(), impact: d.impact.trim(), residualRisk: d.residualRisk.trim(), recommendations: lines(d.recommendations) },
          limitations: lines(d.limitations),
          distribution: lines(d.distribution).map(parseRecipient).filter((x) => x.name),
        },
      }),
    );
  return (
    <Card title={t('report.details')}>
      <form
        className="form"
        aria-label={t('report.details')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="narrow-field">
          {t('report.status')}
          <select value={d.status} onChange={(e) => put({ status: e.target.value as typeof d.status })}>
            {(['ongoing', 'contained', 'resolved'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`report.statusValue.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('report.whatHappened')}
          <textarea rows={3} value={d.whatHappened} onChange={(e) => put({ whatHappened: e.target.value })} />
        </label>
        <div className="row2">
          <label>
            {t('report.impact')}
            <textarea rows={2} value={d.impact} onChange={(e) => put({ impact: e.target.value })} />
          </label>
          <label>
            {t('report.residualRisk')}
            <textarea rows={2} value={d.residualRisk} onChange={(e) => put({ residualRisk: e.target.value })} />
          </label>
        </div>
        <label>
          {t('report.recommendations')} <span className="small muted">{t('report.onePerLine')}</span>
          <textarea rows={2} value={d.recommendations} onChange={(e) => put({ recommendations: e.target.value })} />
        </label>
        <label>
          {t('report.limitations')} <span className="small muted">{t('report.onePerLine')}</span>
          <textarea rows={3} value={d.limitations} onChange={(e) => put({ limitations: e.target.value })} />
        </label>
        <label>
          {t('report.distribution')} <span className="small muted">{t('report.distributionHint')}</span>
          <textarea rows={2} value={d.distribution} onChange={(e) => put({ distribution: e.target.value })} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly}>
            {t('report.saveDetails')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function PersonalDataCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const stored = view?.case.records.personalData;
  const [d, setD] = useState(() => ({
    affected: stored?.affected ?? 'unknown',
    categories: stored?.categories.join(', ') ?? '',
    people: stored?.approxPeople?.toString() ?? '',
    records: stored?.approxRecords?.toString() ?? '',
    reasoning: stored?.reasoning ?? '',
    consequences: stored?.consequences ?? '',
    measures: stored?.measures ?? '',
  }));
  if (!view) return null;
  const put = (patch: Partial<typeof d>) => setD((old) => ({ ...old, ...patch }));
  const count = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);
  const save = () => {
    const people = count(d.people);
    const records = count(d.records);
    const personalData: PersonalData = {
      affected: d.affected,
      categories: d.categories.split(',').map((c) => c.trim()).filter(Boolean),
      ...(people !== undefined ? { approxPeople: people } : {}),
      ...(records !== undefined ? { approxRecords: records } : {}),
      reasoning: d.reasoning.trim(),
      consequences: d.consequences.trim(),
      measures: d.measures.trim(),
    };
    return changeCase((caseId) => api.records.setPersonalData({ caseId, personalData }));
  };
  return (
    <Card title={t('report.personalData')}>
      <form
        className="form"
        aria-label={t('report.personalData')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="row3">
          <label>
            {t('report.affected')}
            <select value={d.affected} onChange={(e) => put({ affected: e.target.value as typeof d.affected })}>
              {(['unknown', 'yes', 'no'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`report.affectedValue.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('report.people')}
            <input value={d.people} inputMode="numeric" onChange={(e) => put({ people: e.target.value })} />
          </label>
          <label>
            {t('report.records')}
            <input value={d.records} inputMode="numeric" onChange={(e) => put({ records: e.target.value })} />
          </label>
        </div>
        <label>
          {t('report.categories')}
          <input value={d.categories} onChange={(e) => put({ categories: e.target.value })} placeholder={t('report.categoriesPlaceholder')} />
        </label>
        <label>
          {t('report.pdReasoning')}
          <textarea rows={2} value={d.reasoning} onChange={(e) => put({ reasoning: e.target.value })} />
        </label>
        <div className="row2">
          <label>
            {t('report.consequences')}
            <textarea rows={2} value={d.consequences} onChange={(e) => put({ consequences: e.target.value })} />
          </label>
          <label>
            {t('report.measures')}
            <textarea rows={2} value={d.measures} onChange={(e) => put({ measures: e.target.value })} />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function SignOffCard(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const stored = view?.case.records.signOff;
  // The attestation is printed in the report, so its default is in the case's language.
  const defaultAttestation = view ? i18n.getFixedT(view.case.language)('report.defaultAttestation') : '';
  const [d, setD] = useState(() => ({
    performedBy: stored?.performedBy ?? view?.case.operator ?? '',
    reviewedBy: stored?.reviewedBy ?? '',
    attestation: stored?.attestation ?? defaultAttestation,
    independence: stored?.independence ?? '',
    signedAt: stored?.signedAt ?? (new Date().toISOString() as string | undefined),
  }));
  if (!view) return null;
  const put = (patch: Partial<typeof d>) => setD((old) => ({ ...old, ...patch }));
  const save = () =>
    changeCase((caseId) =>
      api.signoff.set({
        caseId,
        signOff: { performedBy: d.performedBy.trim(), reviewedBy: d.reviewedBy.trim(), attestation: d.attestation.trim(), independence: d.independence.trim(), ...(d.signedAt ? { signedAt: d.signedAt } : {}) },
      }),
    );
  return (
    <Card title={t('report.signOff')}>
      {stored ? (
        <p className="small recorded-line" role="status">
          {t('report.signedBy', { who: stored.performedBy })}
          {stored.reviewedBy && ` · ${t('report.reviewedByShort', { who: stored.reviewedBy })}`} · <Instant iso={stored.signedAt} zone={zone} inline />
        </p>
      ) : (
        <p className="small muted">{t('report.notSigned')}</p>
      )}
      <form
        className="form"
        aria-label={t('report.signOff')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="row3">
          <label>
            {t('report.performedBy')}
            <input value={d.performedBy} onChange={(e) => put({ performedBy: e.target.value })} required />
          </label>
          <label>
            {t('report.reviewedBy')}
            <input value={d.reviewedBy} onChange={(e) => put({ reviewedBy: e.target.value })} />
          </label>
          <ZonedInput label={t('report.signedAt')} value={d.signedAt} zone={zone} onChange={(signedAt) => put({ signedAt })} />
        </div>
        <label>
          {t('report.attestation')}
          <textarea rows={3} value={d.attestation} onChange={(e) => put({ attestation: e.target.value })} required />
        </label>
        <label>
          {t('report.independence')}
          <textarea rows={2} value={d.independence} onChange={(e) => put({ independence: e.target.value })} placeholder={t('report.independencePlaceholder')} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly || !d.performedBy.trim() || !d.attestation.trim()}>
            {t('report.sign')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function ExportCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const exports = useExports();
  const [format, setFormat] = useState<Format>('pdf');
  const [paper, setPaper] = useState<'a4' | 'letter'>(view?.case.language === 'en' && zone.startsWith('America/') ? 'letter' : 'a4');
  if (!view) return null;
  const caseId = view.case.id;
  const mine = exports.caseId === caseId ? exports : undefined;
  const versions = view.case.records.reportVersions;
  const last = versions.at(-1);
  const refresh = async () => {
    const fresh = await call(api.cases.open({ caseId }));
    if (fresh && useCaseView.getState().view?.case.id === caseId) useCaseView.getState().apply(fresh);
  };
  const exportReport = async (): Promise<void> => {
    exports.set({ caseId, busy: 'report', ...(exports.caseId !== caseId ? { bundle: undefined, imported: undefined } : {}) });
    const result = await call(api.report.export({ caseId, format, paper }));
    exports.set({ busy: undefined, ...(result ? { report: result } : {}) });
    if (result?.saved) {
      useNotifications.getState().pushInfo(t('report.exported', { version: result.version }));
      await refresh();
    }
  };
  const exportBundle = async (): Promise<void> => {
    exports.set({ caseId, busy: 'bundle' });
    const result = await call(api.bundle.export({ caseId, paper }));
    exports.set({ busy: undefined, ...(result ? { bundle: result } : {}) });
    if (result?.saved) await refresh();
  };
  const importBundle = async (): Promise<void> => {
    exports.set({ caseId, busy: 'import' });
    const result = await call(api.bundle.import());
    exports.set({ busy: undefined, ...(result ? { imported: result } : {}) });
  };
  const busy = exports.busy !== undefined;
  return (
    <>
      <Card title={t('report.export')} id="report-export">
        <div className="export-row">
          <fieldset className="choice">
            <legend>{t('report.format')}</legend>
            {FORMATS.map((f) => (
              <label key={f}>
                <input type="radio" name="report-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                <span>{t(`report.formatName.${f}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="choice">
            <legend>{t('report.paper')}</legend>
            {(['a4', 'letter'] as const).map((p) => (
              <label key={p}>
                <input type="radio" name="report-paper" value={p} checked={paper === p} onChange={() => setPaper(p)} disabled={format !== 'pdf' && format !== 'html'} />
                <span>{p === 'a4' ? 'A4' : 'Letter'}</span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="primary" disabled={busy} onClick={() => void exportReport()}>
            {exports.busy === 'report' ? t('report.exporting') : t('report.exportAction')}
          </button>
        </div>
        {mine?.report && (
          <dl className="export-result" aria-label={t('report.lastExport')}>
            <div>
              <dt>{t('report.version')}</dt>
              <dd>{mine.report.version}</dd>
            </div>
            <div>
              <dt>{t('report.reportHash')}</dt>
              <dd>
                <Sha value={mine.report.reportSha256} label={t('report.reportHash')} />
              </dd>
            </div>
            {mine.report.saved ? (
              <>
                <div>
                  <dt>{t('report.file')}</dt>
                  <dd>
                    <code>{mine.report.file}</code>
                  </dd>
                </div>
                {mine.report.fileSha256 && (
                  <div>
                    <dt>{t('report.fileHash')}</dt>
                    <dd>
                      <Sha value={mine.report.fileSha256} label={t('report.fileHash')} />
                    </dd>
                  </div>
                )}
              </>
            ) : (
              <div>
                <dt>{t('report.file')}</dt>
                <dd className="muted">{t('report.cancelled')}</dd>
              </div>
            )}
          </dl>
        )}
        {last ? (
          <div className="versions">
            <h3>{t('report.versionsTitle')}</h3>
            <table className="rec-table" aria-label={t('report.versionsTitle')}>
              <thead>
                <tr>
                  <th scope="col">{t('report.version')}</th>
                  <th scope="col">{t('report.issued')}</th>
                  <th scope="col">{t('report.reportHash')}</th>
                  <th scope="col">{t('report.formats')}</th>
                </tr>
              </thead>
              <tbody>
                {[...versions].reverse().map((v) => (
                  <tr key={v.version}>
                    <td>v{v.version}</td>
                    <td>
                      {v.createdBy} · <Instant iso={v.createdAt} zone={zone} inline />
                    </td>
                    <td>
                      <code className="small">{v.reportSha256}</code>
                    </td>
                    <td>{v.files.map((f) => f.format.toUpperCase()).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{versions.length > 1 ? t('report.changesTitle', { version: last.version, previous: versions.at(-2)?.version }) : t('report.firstVersion')}</h3>
            {versions.length > 1 &&
              (last.changes.length === 0 ? (
                <p className="muted">{t('report.noChanges')}</p>
              ) : (
                <div className="table-scroll changes">
                  <table className="rec-table" aria-label={t('report.changesLabel')}>
                    <thead>
                      <tr>
                        <th scope="col">{t('report.changeField')}</th>
                        <th scope="col">{t('report.changeBefore')}</th>
                        <th scope="col">{t('report.changeAfter')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {last.changes.map((c, i) => (
                        <tr key={i}>
                          <td>
                            <code>{c.field}</code>
                          </td>
                          <td>{c.before || '—'}</td>
                          <td>{c.after || '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
          </div>
        ) : (
          <p className="muted small">{t('report.noVersion')}</p>
        )}
      </Card>
      <Card title={t('report.bundle')} id="report-bundle">
        <p className="muted small">{t('report.bundleIntro')}</p>
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void exportBundle()}>
            {exports.busy === 'bundle' ? t('report.exporting') : t('report.bundleExport')}
          </button>
          <button type="button" disabled={busy} onClick={() => void importBundle()}>
            {t('report.bundleImport')}
          </button>
        </div>
        {mine?.bundle && (
          <p className={mine.bundle.saved ? 'verified' : 'muted'} role="status">
            {mine.bundle.saved ? t('report.bundleVerified', { file: mine.bundle.file, files: mine.bundle.files, version: mine.bundle.version }) : t('report.cancelled')}
            {mine.bundle.saved && !mine.bundle.pdf && <span className="warn-text block">{t('report.bundleNoPdf')}</span>}
          </p>
        )}
        {mine?.imported && (
          <p className={mine.imported.imported ? 'verified' : 'muted'} role="status">
            {mine.imported.imported ? t('report.imported') : t('report.cancelled')}
            {mine.imported.caseId && (
              <button type="button" className="link-button" onClick={() => void useCaseView.getState().open(mine.imported!.caseId!)}>
                {t('report.openImported')}
              </button>
            )}
          </p>
        )}
      </Card>
    </>
  );
}

export function ReportTab(): React.JSX.Element | null {
  const view = useOpenView();
  if (!view) return null;
  return (
    <div role="tabpanel" id="panel-report" aria-labelledby="tab-report" className="records-panel">
      <ExportCard />
      <SignOffCard />
      <DetailsCard />
      <RootCauseCard />
      <ScopeCard />
      <OpenItemsCard />
      <PersonalDataCard />
    </div>
  );
}
