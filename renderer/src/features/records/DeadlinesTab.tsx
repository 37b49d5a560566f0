// The Deadlines & notifications tab: the key dates of the incident (typed in the case's zone, stored
// in UTC), the three clocks that start at discovery, the insurance details, and the notices to the
// insurer, the police (France, Code des assurances L12-10-1) and the data-protection authority
// (GDPR art. 33), each with its reference and its receipt as evidence, and notices to anyone else
// (ANSSI, a customer, the bank). The insurer's warning threshold is set beside the clocks.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_DATES, type KeyDateName, type Notification, type NotificationKind } from '../../../../core/cases/records';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { RemoveWithReasonDialog } from './RemoveWithReasonDialog';
import { Card, EvidenceSelect, Instant, lines, useCaseZone, useOpenView, ZonedInput } from './common';
import { ClockCard, useClocks } from './clocks';

const ZONES = ['Europe/Paris', 'Europe/Brussels', 'Europe/Luxembourg', 'Europe/Zurich', 'Europe/London', 'UTC', 'America/Montreal', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Indian/Reunion', 'America/Martinique'];

function KeyDatesCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const [draft, setDraft] = useState<Partial<Record<KeyDateName, string | undefined>>>({});
  if (!view) return null;
  const stored = view.case.records.keyDates;
  const value = (k: KeyDateName) => (k in draft ? draft[k] : stored[k]);
  const changed = KEY_DATES.filter((k) => k in draft && draft[k] !== stored[k]);
  const save = async (): Promise<void> => {
    const dates = Object.fromEntries(changed.map((k) => [k, draft[k] ?? null]));
    if (await changeCase((caseId) => api.dates.set({ caseId, dates }))) setDraft({});
  };
  const setZone = (timeZone: string) => changeCase((caseId) => api.records.setDetails({ caseId, details: { settings: { ...view.case.records.settings, timeZone } } }));
  const zones = ZONES.includes(zone) ? ZONES : [zone, ...ZONES];
  return (
    <Card title={t('deadlines.keyDates')}>
      <p className="muted small">{t('deadlines.keyDatesIntro')}</p>
      <label className="block-label zone-select">
        {t('deadlines.zone')}
        <select value={zone} disabled={view.readOnly} onChange={(e) => void setZone(e.target.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <form
        className="form"
        aria-label={t('deadlines.keyDates')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="key-dates">
          {KEY_DATES.map((k) => (
            <div key={k} className="key-date">
              <ZonedInput label={t(`deadlines.date.${k}`)} value={value(k)} zone={zone} onChange={(utc) => setDraft((d) => ({ ...d, [k]: utc }))} />
              {stored[k] && <span className="small muted">{t('deadlines.storedUtc', { utc: `${stored[k]!.slice(0, 16).replace('T', ' ')} UTC` })}</span>}
            </div>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly || changed.length === 0}>
            {t('deadlines.saveDates')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function InsuranceCard(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const stored = view?.case.records.insurance;
  const [d, setD] = useState(stored ?? { insurer: '', policyNumber: '', claimNumber: '', contact: '' });
  if (!view || !stored) return null;
  const dirty = JSON.stringify(d) !== JSON.stringify(stored);
  return (
    <Card title={t('deadlines.insurance')}>
      <form
        className="form"
        aria-label={t('deadlines.insurance')}
        onSubmit={(e) => {
          e.preventDefault();
          void changeCase((caseId) => api.records.setInsurance({ caseId, insurance: d }));
        }}
      >
        <div className="row2">
          <label>
            {t('deadlines.insurer')}
            <input value={d.insurer} onChange={(e) => setD({ ...d, insurer: e.target.value })} />
          </label>
          <label>
            {t('deadlines.insurerContact')}
            <input value={d.contact} onChange={(e) => setD({ ...d, contact: e.target.value })} />
          </label>
          <label>
            {t('deadlines.policyNumber')}
            <input value={d.policyNumber} onChange={(e) => setD({ ...d, policyNumber: e.target.value })} />
          </label>
          <label>
            {t('deadlines.claimNumber')}
            <input value={d.claimNumber} onChange={(e) => setD({ ...d, claimNumber: e.target.value })} />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly || !dirty}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

interface NoticeDraft {
  at?: string;
  recipient: string;
  channel: string;
  reference: string;
  office: string;
  vendors: string;
  notRequired: boolean;
  reasoning: string;
  evidenceId: string;
}

const noticeDraft = (n: Notification | undefined, kind: NotificationKind): NoticeDraft => ({
  at: n?.at,
  recipient: n?.recipient ?? (kind === 'dpa' ? 'CNIL' : ''),
  channel: n?.channel ?? '',
  reference: n?.reference ?? '',
  office: n?.office ?? '',
  vendors: n?.approvedVendors.join('\n') ?? '',
  notRequired: n?.notRequired ?? false,
  reasoning: n?.reasoning ?? '',
  evidenceId: n?.evidenceIds[0] ?? '',
});

/**
 * One notice. The insurer, police and data-protection notices are one each (the last of their kind);
 * "other" notices (ANSSI, a customer, the bank…) are as many as needed, each passed as `notice`,
 * or none for the form that adds a new one (`onSaved` then clears it).
 */
function NoticeCard({ kind, notice, onSaved }: { kind: NotificationKind; notice?: Notification; onSaved?: () => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const existing = kind === 'other' ? notice : view?.case.records.notifications.filter((n) => n.kind === kind).at(-1);
  const [d, setD] = useState<NoticeDraft>(noticeDraft(existing, kind));
  const [removing, setRemoving] = useState(false);
  if (!view) return null;
  const put = (patch: Partial<NoticeDraft>) => setD((old) => ({ ...old, ...patch }));
  const canSkip = kind === 'police' || kind === 'dpa';
  const save = async (): Promise<void> => {
    const ok = await changeCase((caseId) =>
      api.notifications.set({
        caseId,
        notification: {
          kind,
          ...(existing ? { id: existing.id } : {}),
          ...(d.at && !d.notRequired ? { at: d.at } : {}),
          recipient: d.recipient.trim(),
          channel: d.channel.trim(),
          reference: d.reference.trim(),
          office: d.office.trim(),
          approvedVendors: lines(d.vendors),
          notRequired: d.notRequired,
          reasoning: d.reasoning.trim(),
          evidenceIds: d.evidenceId ? [d.evidenceId] : [],
        },
      }),
    );
    if (ok) onSaved?.();
  };
  const title = kind !== 'other' ? t(`deadlines.notice.${kind}`) : existing ? t('deadlines.otherTitle', { recipient: existing.recipient || '—' }) : t('deadlines.otherNew');
  const needsRecipient = kind === 'other' && !d.recipient.trim();
  return (
    <Card title={title} className="notice-card" id={kind === 'other' ? `notice-other-${existing?.id ?? 'new'}` : `notice-${kind}`}>
      {kind !== 'other' && <p className="muted small">{t(`deadlines.noticeIntro.${kind}`)}</p>}
      {existing && (
        <p className={`small recorded-line ${existing.notRequired ? 'not-required' : existing.at ? 'done' : 'draft'}`}>
          {existing.notRequired ? t('deadlines.recordedNotRequired') : existing.at ? <>{t('deadlines.recordedAt')} <Instant iso={existing.at} zone={zone} inline /></> : t('deadlines.recordedDraft')}
          {existing.reference && <> · {t('deadlines.referenceShort', { reference: existing.reference })}</>}
        </p>
      )}
      <form
        className="form"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {canSkip && (
          <label className="check">
            <input type="checkbox" checked={d.notRequired} onChange={(e) => put({ notRequired: e.target.checked })} />
            <span>{t(`deadlines.notRequired.${kind}`)}</span>
          </label>
        )}
        {d.notRequired ? (
          <label>
            {t('deadlines.reasoning')}
            <textarea rows={3} value={d.reasoning} onChange={(e) => put({ reasoning: e.target.value })} required />
          </label>
        ) : (
          <>
            <div className="row2">
              <ZonedInput label={t(`deadlines.at.${kind}`)} value={d.at} zone={zone} onChange={(at) => put({ at })} />
              {kind === 'police' ? (
                <label>
                  {t('deadlines.office')}
                  <input value={d.office} onChange={(e) => put({ office: e.target.value })} placeholder={t('deadlines.officePlaceholder')} />
                </label>
              ) : (
                <label>
                  {t('deadlines.channel')}
                  <input value={d.channel} onChange={(e) => put({ channel: e.target.value })} placeholder={t(`deadlines.channelPlaceholder.${kind}`)} />
                </label>
              )}
            </div>
            <div className="row2">
              {kind === 'dpa' && (
                <label>
                  {t('deadlines.recipient')}
                  <input value={d.recipient} onChange={(e) => put({ recipient: e.target.value })} />
                </label>
              )}
              {kind === 'other' && (
                <label>
                  {t('deadlines.otherRecipient')}
                  <input value={d.recipient} onChange={(e) => put({ recipient: e.target.value })} placeholder={t('deadlines.otherRecipientPlaceholder')} required />
                </label>
              )}
              <label>
                {t(`deadlines.reference.${kind}`)}
                <input value={d.reference} onChange={(e) => put({ reference: e.target.value })} />
              </label>
              <EvidenceSelect label={t('deadlines.receipt')} value={d.evidenceId} onChange={(evidenceId) => put({ evidenceId })} />
            </div>
            {kind === 'insurer' && (
              <label>
                {t('deadlines.vendors')}
                <textarea rows={2} value={d.vendors} onChange={(e) => put({ vendors: e.target.value })} placeholder={t('deadlines.vendorsPlaceholder')} />
              </label>
            )}
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={view.readOnly || needsRecipient || (d.notRequired && !d.reasoning.trim())}>
            {t('deadlines.saveNotice')}
          </button>
          {kind === 'other' && existing && (
            <button type="button" className="quiet" disabled={view.readOnly} onClick={() => setRemoving(true)}>
              {t('deadlines.removeNotice')}
            </button>
          )}
        </div>
      </form>
      {removing && existing && (
        <RemoveWithReasonDialog
          title={t('deadlines.removeNoticeTitle', { recipient: existing.recipient || '—' })}
          explanation={t('deadlines.removeNoticeExplain')}
          reasonLabel={t('deadlines.removeNoticeReason')}
          actionLabel={t('deadlines.removeNotice')}
          onRemove={(reason) => changeCase((caseId) => api.notifications.remove({ caseId, notificationId: existing.id, reason }))}
          onClose={() => setRemoving(false)}
        />
      )}
    </Card>
  );
}

export function DeadlinesTab(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const clocks = useClocks();
  if (!view) return null;
  const police = view.case.records.settings.frenchPoliceComplaint;
  return (
    <div role="tabpanel" id="panel-deadlines" aria-labelledby="tab-deadlines" className="records-panel">
      <Card title={t('clocks.title')}>
        {!view.case.records.keyDates.discovery && <p className="warn-text small">{t('clocks.noDiscovery')}</p>}
        <div className="clocks">
          {clocks.map((c) => (
            <ClockCard key={c.kind} clock={c} />
          ))}
        </div>
        <label className="check small">
          <input
            type="checkbox"
            checked={police}
            disabled={view.readOnly}
            onChange={(e) => void changeCase((caseId) => api.records.setDetails({ caseId, details: { settings: { ...view.case.records.settings, frenchPoliceComplaint: e.target.checked } } }))}
          />
          <span>{t('clocks.frenchRule')}</span>
        </label>
        <InsurerWarningHours />
      </Card>
      <div className="records-grid">
        <KeyDatesCard />
        <InsuranceCard />
      </div>
      <div className="records-grid">
        <NoticeCard kind="insurer" />
        <NoticeCard kind="police" />
        <NoticeCard kind="dpa" />
      </div>
      <OtherNotices />
    </div>
  );
}

/** Notices to anyone else: ANSSI or CERT-FR, a customer under contract, the bank. */
function OtherNotices(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  // The "new notice" form is mounted afresh after each save, so it comes back empty.
  const [fresh, setFresh] = useState(0);
  if (!view) return null;
  const others = view.case.records.notifications.filter((n) => n.kind === 'other');
  return (
    <section className="other-notices" aria-labelledby="other-notices-title">
      <h2 id="other-notices-title">{t('deadlines.otherHeading')}</h2>
      <p className="muted small">{t('deadlines.noticeIntro.other')}</p>
      <div className="records-grid">
        {others.map((n) => (
          <NoticeCard key={n.id} kind="other" notice={n} />
        ))}
        {!view.readOnly && <NoticeCard key={`new-${fresh}`} kind="other" onSaved={() => setFresh((k) => k + 1)} />}
      </div>
    </section>
  );
}

/** The hours after discovery when the insurer notice is shown as due: the policy's own deadline. */
function InsurerWarningHours(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  const stored = view?.case.records.settings.insurerWarningHours ?? 72;
  const [hours, setHours] = useState(String(stored));
  if (!view) return null;
  const value = Number(hours);
  const valid = /^\d+$/.test(hours.trim()) && value >= 1 && value <= 24 * 60;
  return (
    <form
      className="inline-setting"
      aria-label={t('clocks.insurerHours')}
      onSubmit={(e) => {
        e.preventDefault();
        void changeCase((caseId) => api.records.setDetails({ caseId, details: { settings: { ...view.case.records.settings, insurerWarningHours: value } } }));
      }}
    >
      <label>
        {t('clocks.insurerHours')}
        <input value={hours} inputMode="numeric" onChange={(e) => setHours(e.target.value)} aria-invalid={!valid} />
      </label>
      <button type="submit" disabled={view.readOnly || !valid || value === stored}>
        {t('common.save')}
      </button>
      <span className="small muted">{t('clocks.insurerHoursHint')}</span>
    </form>
  );
}
