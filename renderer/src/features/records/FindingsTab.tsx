// The Findings tab: indicators found and ruled out, each with where, when, and the rule or step
// behind it; a ruled-out indicator shows what was searched (without coverage "not found" means little).
// Facts and hypotheses are labelled apart, as in the report. A found indicator is resolved with a
// note (removed, explained); until then the report lists it as an open item. A resolution given by
// mistake, or an indicator that came back, is taken back with a reason (Reopen).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITY, type Finding } from '../../../../core/cases/records';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { RemoveWithReasonDialog } from './RemoveWithReasonDialog';
import { Dialog } from '../shell/Dialog';
import { Card, EvidenceSelect, Instant, lines, useCaseZone, useOpenView, useStepLabel, ZonedInput } from './common';

type Status = Finding['status'];

interface Draft {
  status: Status;
  title: string;
  indicator: string;
  severity: Finding['severity'];
  certainty: Finding['certainty'];
  host: string;
  file: string;
  line: string;
  when?: string;
  ruleId: string;
  coverageFiles: string;
  from?: string;
  to?: string;
  evidenceId: string;
}

const draftOf = (f?: Finding, status: Status = 'found'): Draft => ({
  status: f?.status ?? status,
  title: f?.title ?? '',
  indicator: f?.indicator ?? '',
  severity: f?.severity ?? 'high',
  certainty: f?.certainty ?? 'fact',
  host: f?.where.host ?? '',
  file: f?.where.file ?? '',
  line: f?.where.line !== undefined ? String(f.where.line) : '',
  when: f?.when,
  ruleId: f?.ruleId ?? '',
  coverageFiles: f?.coverage?.files.join('\n') ?? '',
  from: f?.coverage?.from,
  to: f?.coverage?.to,
  evidenceId: f?.evidenceIds[0] ?? '',
});

function FindingDialog({ finding, onClose }: { finding?: Finding; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const [d, setD] = useState<Draft>(draftOf(finding));
  const put = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));
  const line = d.line.trim() ? Number(d.line) : undefined;
  const where = { ...(finding?.where ?? {}), host: d.host.trim(), file: d.file.trim(), ...(line !== undefined && Number.isInteger(line) && line >= 0 ? { line } : {}) };
  if (line === undefined) delete (where as { line?: number }).line;
  const coverage =
    d.status === 'ruled_out'
      ? { files: lines(d.coverageFiles), ...(d.from ? { from: d.from } : {}), ...(d.to ? { to: d.to } : {}), ruleSetVersion: finding?.coverage?.ruleSetVersion ?? '', toolVersion: finding?.coverage?.toolVersion ?? '' }
      : undefined;
  const body = {
    status: d.status,
    title: d.title.trim(),
    indicator: d.indicator.trim(),
    severity: d.severity,
    certainty: d.certainty,
    where,
    ...(d.when ? { when: d.when } : {}),
    ...(d.ruleId.trim() ? { ruleId: d.ruleId.trim() } : {}),
    ...(coverage ? { coverage } : {}),
    evidenceIds: d.evidenceId ? [d.evidenceId] : [],
  };
  const save = async (): Promise<void> => {
    const ok = finding
      ? await changeCase((caseId) => api.findings.update({ caseId, findingId: finding.id, changes: body }))
      : await changeCase((caseId) => api.findings.add({ caseId, finding: body }));
    if (ok) onClose();
  };
  return (
    <Dialog title={finding ? t('findings.editTitle') : t('findings.addTitle')} onClose={onClose}>
      <form
        className="form"
        aria-label={finding ? t('findings.editTitle') : t('findings.addTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="row3">
          <label>
            {t('findings.status')}
            <select value={d.status} onChange={(e) => put({ status: e.target.value as Status })}>
              <option value="found">{t('findings.found')}</option>
              <option value="ruled_out">{t('findings.ruledOut')}</option>
            </select>
          </label>
          <label>
            {t('findings.severity')}
            <select value={d.severity} onChange={(e) => put({ severity: e.target.value as Draft['severity'] })}>
              {SEVERITY.map((s) => (
                <option key={s} value={s}>
                  {t(`hunt.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('findings.certainty')}
            <select value={d.certainty} onChange={(e) => put({ certainty: e.target.value as Draft['certainty'] })}>
              <option value="fact">{t('findings.fact')}</option>
              <option value="hypothesis">{t('findings.hypothesis')}</option>
            </select>
          </label>
        </div>
        <label>
          {t('findings.titleField')}
          <input value={d.title} onChange={(e) => put({ title: e.target.value })} required />
        </label>
        <label>
          {t('findings.indicator')}
          <input value={d.indicator} onChange={(e) => put({ indicator: e.target.value })} className="mono" />
        </label>
        <div className="row3">
          <label>
            {t('findings.host')}
            <input value={d.host} onChange={(e) => put({ host: e.target.value })} />
          </label>
          <label>
            {t('findings.file')}
            <input value={d.file} onChange={(e) => put({ file: e.target.value })} />
          </label>
          <label>
            {t('findings.line')}
            <input value={d.line} inputMode="numeric" onChange={(e) => put({ line: e.target.value })} />
          </label>
        </div>
        <div className="row2">
          <ZonedInput label={t('findings.when')} value={d.when} zone={zone} onChange={(when) => put({ when })} />
          <label>
            {t('findings.rule')}
            <input value={d.ruleId} onChange={(e) => put({ ruleId: e.target.value })} />
          </label>
        </div>
        {d.status === 'ruled_out' && (
          <fieldset>
            <legend>{t('findings.coverage')}</legend>
            <label>
              {t('findings.coverageFiles')}
              <textarea rows={3} value={d.coverageFiles} onChange={(e) => put({ coverageFiles: e.target.value })} className="mono" />
            </label>
            <div className="row2">
              <ZonedInput label={t('findings.from')} value={d.from} zone={zone} onChange={(from) => put({ from })} />
              <ZonedInput label={t('findings.to')} value={d.to} zone={zone} onChange={(to) => put({ to })} />
            </div>
          </fieldset>
        )}
        <EvidenceSelect label={t('findings.evidence')} value={d.evidenceId} onChange={(evidenceId) => put({ evidenceId })} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!d.title.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Resolving a found indicator: when, by whom, and how it was dealt with (removed, explained). Until then the report lists it as open. */
function ResolveDialog({ finding, onClose }: { finding: Finding; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const operator = useOpenView()?.case.operator ?? '';
  const [at, setAt] = useState<string | undefined>(() => new Date().toISOString());
  const [by, setBy] = useState(operator);
  const [note, setNote] = useState('');
  const title = t('findings.resolveTitle', { title: finding.title });
  const save = async (): Promise<void> => {
    if (!at) return;
    const ok = await changeCase((caseId) => api.findings.update({ caseId, findingId: finding.id, changes: { resolution: { at, by: by.trim(), note: note.trim() } } }));
    if (ok) onClose();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="form"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="muted small">{t('findings.resolveIntro')}</p>
        <div className="row2">
          <ZonedInput label={t('findings.resolvedAt')} value={at} zone={zone} onChange={setAt} required />
          <label>
            {t('findings.resolvedBy')}
            <input value={by} onChange={(e) => setBy(e.target.value)} />
          </label>
        </div>
        <label>
          {t('findings.resolutionNote')}
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('findings.resolutionPlaceholder')} required />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!at || !note.trim()}>
            {t('findings.resolve')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Taking a resolution back (given by mistake, or the indicator came back) says why; the timeline keeps both. */
function ReopenDialog({ finding, onClose }: { finding: Finding; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <RemoveWithReasonDialog
      title={t('findings.reopenTitle', { title: finding.title })}
      explanation={t('findings.reopenExplain')}
      reasonLabel={t('findings.reopenReason')}
      actionLabel={t('findings.reopen')}
      onRemove={(reason) => changeCase((caseId) => api.findings.reopen({ caseId, findingId: finding.id, reason }))}
      onClose={onClose}
    />
  );
}

function FindingRows({ findings, onEdit, onResolve, onReopen, readOnly }: { findings: Finding[]; onEdit: (f: Finding) => void; onResolve: (f: Finding) => void; onReopen: (f: Finding) => void; readOnly: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const stepLabel = useStepLabel();
  return (
    <ul className="finding-list">
      {findings.map((f) => (
        <li key={f.id} className={`finding finding-${f.status}`} data-finding={f.id}>
          <div className="finding-head">
            <span className={`sev sev-${f.severity}`}>{t(`hunt.severity.${f.severity}`)}</span>
            <strong className="finding-title">{f.title}</strong>
            <span className={`badge certainty-${f.certainty}`}>{t(`findings.${f.certainty}`)}</span>
            {f.resolution && <span className="badge certainty-fact">{t('findings.resolved')}</span>}
            <button type="button" className="quiet" disabled={readOnly} onClick={() => onEdit(f)} aria-label={t('findings.editLabel', { title: f.title })}>
              {t('findings.edit')}
            </button>
            {f.status === 'found' && !f.resolution && (
              <button type="button" className="quiet resolve" disabled={readOnly} onClick={() => onResolve(f)} aria-label={t('findings.resolveLabel', { title: f.title })}>
                {t('findings.resolve')}
              </button>
            )}
            {f.resolution && (
              <button type="button" className="quiet" disabled={readOnly} onClick={() => onReopen(f)} aria-label={t('findings.reopenLabel', { title: f.title })}>
                {t('findings.reopen')}
              </button>
            )}
          </div>
          {f.indicator && <code className="indicator">{f.indicator}</code>}
          <dl className="finding-facts">
            {(f.where.host || f.where.file) && (
              <div>
                <dt>{t('findings.where')}</dt>
                <dd>
                  {[f.where.host, f.where.file && `${f.where.file}${f.where.line !== undefined ? `:${f.where.line}` : ''}`].filter(Boolean).join(' · ')}
                </dd>
              </div>
            )}
            {f.when && (
              <div>
                <dt>{t('findings.when')}</dt>
                <dd>
                  <Instant iso={f.when} zone={zone} inline />
                </dd>
              </div>
            )}
            {(f.ruleId || f.stepKey) && (
              <div>
                <dt>{t('findings.ruleOrStep')}</dt>
                <dd>{[f.ruleId, f.stepKey && stepLabel(f.stepKey)].filter(Boolean).join(' · ')}</dd>
              </div>
            )}
            {f.status === 'ruled_out' && (
              <div>
                <dt>{t('findings.coverage')}</dt>
                <dd>
                  {f.coverage ? (
                    <>
                      {t('findings.coverageSummary', { count: f.coverage.files.length })}
                      {f.coverage.files.length > 0 && <span className="small muted"> — {f.coverage.files.slice(0, 3).join(', ')}{f.coverage.files.length > 3 ? '…' : ''}</span>}
                      {(f.coverage.from || f.coverage.to) && (
                        <span className="block small">
                          {t('findings.range')} <Instant iso={f.coverage.from} zone={zone} inline /> → <Instant iso={f.coverage.to} zone={zone} inline />
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="warn-text">{t('findings.noCoverage')}</span>
                  )}
                </dd>
              </div>
            )}
            {f.resolution && (
              <div>
                <dt>{t('findings.resolved')}</dt>
                <dd>
                  {f.resolution.note}
                  <span className="block small muted">
                    {f.resolution.by} · <Instant iso={f.resolution.at} zone={zone} inline />
                  </span>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('findings.recorded')}</dt>
              <dd>
                {f.recordedBy} · <Instant iso={f.recordedAt} zone={zone} inline />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function FindingsTab(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const [editing, setEditing] = useState<Finding | 'new' | undefined>();
  const [resolving, setResolving] = useState<Finding | undefined>();
  const [reopening, setReopening] = useState<Finding | undefined>();
  if (!view) return null;
  const findings = view.case.records.findings;
  const found = findings.filter((f) => f.status === 'found');
  const ruledOut = findings.filter((f) => f.status === 'ruled_out');
  const add = (
    <button type="button" className="primary" disabled={view.readOnly} onClick={() => setEditing('new')}>
      {t('findings.add')}
    </button>
  );
  return (
    <div role="tabpanel" id="panel-findings" aria-labelledby="tab-findings" className="records-panel">
      <p className="muted small">{t('findings.intro')}</p>
      <Card title={t('findings.foundTitle', { count: found.length })} actions={add}>
        {found.length === 0 ? <p className="muted">{t('findings.noneFound')}</p> : <FindingRows findings={found} onEdit={setEditing} onResolve={setResolving} onReopen={setReopening} readOnly={view.readOnly} />}
      </Card>
      <Card title={t('findings.ruledOutTitle', { count: ruledOut.length })}>
        {ruledOut.length === 0 ? <p className="muted">{t('findings.noneRuledOut')}</p> : <FindingRows findings={ruledOut} onEdit={setEditing} onResolve={setResolving} onReopen={setReopening} readOnly={view.readOnly} />}
      </Card>
      {editing && <FindingDialog finding={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
      {resolving && <ResolveDialog finding={resolving} onClose={() => setResolving(undefined)} />}
      {reopening && <ReopenDialog finding={reopening} onClose={() => setReopening(undefined)} />}
    </div>
  );
}
