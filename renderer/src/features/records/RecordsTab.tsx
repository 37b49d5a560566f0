// The Records tab: what was changed to stop the attack, in the form insurers and CISA's ED 21-02
// ask for: product versions before and after a patch and the update installed, firewall and exposure
// changes, credential resets; and the attacker's timeline as reconstructed. One table component
// shows all four kinds, each given its columns.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { Card, EvidenceSelect, Instant, useCaseZone, useOpenView, ZonedInput } from './common';

/** A section: its records in a table (RecordTable) and an "Add" button that unfolds the form. */
function Section<T extends { id: string }>({ title, addLabel, readOnly, rows, columns, form }: { title: string; addLabel: string; readOnly: boolean; rows: readonly T[]; columns: Column<T>[]; form: (done: () => void) => ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={`${title} (${rows.length})`}
      actions={
        !adding && (
          <button type="button" disabled={readOnly} onClick={() => setAdding(true)}>
            {addLabel}
          </button>
        )
      }
    >
      {rows.length === 0 ? <p className="muted">{t('records.none')}</p> : <RecordTable label={title} rows={rows} columns={columns} />}
      {adding && (
        <div className="inline-form">
          {form(() => setAdding(false))}
          <button type="button" className="quiet" onClick={() => setAdding(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </Card>
  );
}

/** Shared form frame: fields, then a Save button; `onSave` resolves true when recorded. */
function RecordForm({ label, children, valid, onSave, done }: { label: string; children: ReactNode; valid: boolean; onSave: () => Promise<boolean>; done: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <form
      className="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave().then((ok) => ok && done());
      }}
    >
      {children}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!valid}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function PatchForm({ done }: { done: () => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const first = view?.case.servers[0];
  const [serverId, setServerId] = useState(first?.id ?? '');
  const server = view?.case.servers.find((s) => s.id === serverId);
  const [product, setProduct] = useState(first?.product ?? '');
  const [before, setBefore] = useState(first?.version ?? '');
  const [after, setAfter] = useState('');
  const [update, setUpdate] = useState('');
  const [at, setAt] = useState<string | undefined>(new Date().toISOString());
  const [evidenceId, setEvidenceId] = useState('');
  if (!view) return null;
  const pick = (id: string): void => {
    const s = view.case.servers.find((x) => x.id === id);
    setServerId(id);
    setProduct(s?.product ?? '');
    setBefore(s?.version ?? '');
  };
  return (
    <RecordForm
      label={t('records.patchForm')}
      done={done}
      valid={Boolean(server && at && after.trim())}
      onSave={() =>
        changeCase((caseId) =>
          api.records.addPatch({ caseId, patch: { serverId, product: product.trim(), versionBefore: before.trim(), versionAfter: after.trim(), update: update.trim(), at: at ?? '', evidenceIds: evidenceId ? [evidenceId] : [] } }),
        )
      }
    >
      <div className="row3">
        <label>
          {t('records.server')}
          <select value={serverId} onChange={(e) => pick(e.target.value)}>
            {view.case.servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('records.product')}
          <input value={product} onChange={(e) => setProduct(e.target.value)} />
        </label>
        <ZonedInput label={t('records.at')} value={at} zone={zone} onChange={setAt} required />
      </div>
      <div className="row3">
        <label>
          {t('records.versionBefore')}
          <input value={before} onChange={(e) => setBefore(e.target.value)} />
        </label>
        <label>
          {t('records.versionAfter')}
          <input value={after} onChange={(e) => setAfter(e.target.value)} required />
        </label>
        <label>
          {t('records.update')}
          <input value={update} onChange={(e) => setUpdate(e.target.value)} placeholder={t('records.updatePlaceholder')} />
        </label>
      </div>
      <EvidenceSelect label={t('records.evidence')} value={evidenceId} onChange={setEvidenceId} />
    </RecordForm>
  );
}

function FirewallForm({ done }: { done: () => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const [serverId, setServerId] = useState('');
  const [description, setDescription] = useState('');
  const [rule, setRule] = useState('');
  const [at, setAt] = useState<string | undefined>(new Date().toISOString());
  const [evidenceId, setEvidenceId] = useState('');
  if (!view) return null;
  return (
    <RecordForm
      label={t('records.firewallForm')}
      done={done}
      valid={Boolean(at && description.trim())}
      onSave={() =>
        changeCase((caseId) =>
          api.records.addFirewallChange({ caseId, change: { ...(serverId ? { serverId } : {}), description: description.trim(), rule: rule.trim(), at: at ?? '', evidenceIds: evidenceId ? [evidenceId] : [] } }),
        )
      }
    >
      <div className="row2">
        <label>
          {t('records.server')}
          <select value={serverId} onChange={(e) => setServerId(e.target.value)}>
            <option value="">{t('records.anyServer')}</option>
            {view.case.servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <ZonedInput label={t('records.at')} value={at} zone={zone} onChange={setAt} required />
      </div>
      <label>
        {t('records.description')}
        <input value={description} onChange={(e) => setDescription(e.target.value)} required />
      </label>
      <label>
        {t('records.rule')}
        <input value={rule} onChange={(e) => setRule(e.target.value)} className="mono" />
      </label>
      <EvidenceSelect label={t('records.evidence')} value={evidenceId} onChange={setEvidenceId} />
    </RecordForm>
  );
}

function CredentialForm({ done }: { done: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const [account, setAccount] = useState('');
  const [system, setSystem] = useState('');
  const [note, setNote] = useState('');
  const [at, setAt] = useState<string | undefined>(new Date().toISOString());
  return (
    <RecordForm
      label={t('records.credentialForm')}
      done={done}
      valid={Boolean(at && account.trim())}
      onSave={() => changeCase((caseId) => api.records.addCredentialReset({ caseId, reset: { account: account.trim(), system: system.trim(), note: note.trim(), at: at ?? '' } }))}
    >
      <div className="row3">
        <label>
          {t('records.account')}
          <input value={account} onChange={(e) => setAccount(e.target.value)} required />
        </label>
        <label>
          {t('records.system')}
          <input value={system} onChange={(e) => setSystem(e.target.value)} />
        </label>
        <ZonedInput label={t('records.at')} value={at} zone={zone} onChange={setAt} required />
      </div>
      <label>
        {t('records.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
    </RecordForm>
  );
}

function AttackerForm({ done }: { done: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const [at, setAt] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [artefact, setArtefact] = useState('');
  const [certainty, setCertainty] = useState<'fact' | 'hypothesis'>('fact');
  const [evidenceId, setEvidenceId] = useState('');
  return (
    <RecordForm
      label={t('records.attackerForm')}
      done={done}
      valid={Boolean(at && description.trim())}
      onSave={() =>
        changeCase((caseId) =>
          api.records.addAttackerEvent({ caseId, event: { at: at ?? '', description: description.trim(), artefact: artefact.trim(), certainty, ...(evidenceId ? { evidenceId } : {}) } }),
        )
      }
    >
      <div className="row2">
        <ZonedInput label={t('records.at')} value={at} zone={zone} onChange={setAt} required />
        <label>
          {t('findings.certainty')}
          <select value={certainty} onChange={(e) => setCertainty(e.target.value as 'fact' | 'hypothesis')}>
            <option value="fact">{t('findings.fact')}</option>
            <option value="hypothesis">{t('findings.hypothesis')}</option>
          </select>
        </label>
      </div>
      <label>
        {t('records.description')}
        <input value={description} onChange={(e) => setDescription(e.target.value)} required />
      </label>
      <label>
        {t('records.artefact')}
        <input value={artefact} onChange={(e) => setArtefact(e.target.value)} className="mono" />
      </label>
      <EvidenceSelect label={t('records.evidence')} value={evidenceId} onChange={setEvidenceId} />
    </RecordForm>
  );
}

/** One column of a record table: its header and what each row shows in it. */
interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** The table of one kind of record: a row per record, in the order recorded. */
function RecordTable<T extends { id: string }>({ label, columns, rows }: { label: string; columns: Column<T>[]; rows: readonly T[] }): React.JSX.Element {
  return (
    <table className="rec-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {columns.map((c) => (
              <td key={c.header} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordsTab(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  if (!view) return null;
  const r = view.case.records;
  const serverName = (id?: string) => (id ? (view.case.servers.find((s) => s.id === id)?.name ?? id) : '—');
  const ro = view.readOnly;
  // when an action was taken, and by whom (patches, firewall changes, credential resets)
  const when: Column<{ at?: string; by: string }> = {
    header: t('records.when'),
    cell: (row) => (
      <>
        <Instant iso={row.at} zone={zone} />
        <span className="small muted block">{row.by}</span>
      </>
    ),
  };
  return (
    <div role="tabpanel" id="panel-records" aria-labelledby="tab-records" className="records-panel">
      <Section
        title={t('records.patches')}
        addLabel={t('records.addPatch')}
        readOnly={ro}
        form={(done) => <PatchForm done={done} />}
        rows={r.patches}
        columns={[
          { header: t('records.server'), cell: (p) => serverName(p.serverId) },
          { header: t('records.product'), cell: (p) => p.product },
          {
            header: t('records.versions'),
            className: 'nowrap',
            cell: (p) => (
              <>
                <code>{p.versionBefore || '—'}</code> → <code>{p.versionAfter}</code>
              </>
            ),
          },
          { header: t('records.update'), cell: (p) => p.update },
          when,
        ]}
      />
      <Section
        title={t('records.firewall')}
        addLabel={t('records.addFirewall')}
        readOnly={ro}
        form={(done) => <FirewallForm done={done} />}
        rows={r.firewallChanges}
        columns={[
          { header: t('records.server'), cell: (c) => serverName(c.serverId) },
          { header: t('records.description'), cell: (c) => c.description },
          { header: t('records.rule'), cell: (c) => c.rule && <code>{c.rule}</code> },
          when,
        ]}
      />
      <Section
        title={t('records.credentials')}
        addLabel={t('records.addCredential')}
        readOnly={ro}
        form={(done) => <CredentialForm done={done} />}
        rows={r.credentialResets}
        columns={[
          { header: t('records.account'), cell: (c) => c.account },
          { header: t('records.system'), cell: (c) => c.system },
          { header: t('records.note'), cell: (c) => c.note },
          when,
        ]}
      />
      <Section
        title={t('records.attacker')}
        addLabel={t('records.addAttacker')}
        readOnly={ro}
        form={(done) => <AttackerForm done={done} />}
        rows={r.attackerTimeline}
        columns={[
          { header: t('records.when'), cell: (e) => <Instant iso={e.at} zone={zone} /> },
          { header: t('records.description'), cell: (e) => e.description },
          { header: t('records.artefact'), cell: (e) => e.artefact && <code>{e.artefact}</code> },
          { header: t('findings.certainty'), cell: (e) => <span className={`badge certainty-${e.certainty}`}>{t(`findings.${e.certainty}`)}</span> },
        ]}
      />
    </div>
  );
}
