// Small pieces the record tabs share: a time shown in UTC and in the case's zone, a date-time field
// typed in the case's zone, a copyable SHA-256, an evidence picker, and the card layout.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../core/api/contract';
import type { EvidenceItem } from '../../../../core/cases/records';
import { formatInZone, formatUtc } from '../../../../core/deadlines/time';
import { useCaseView } from '../../stores/case-view';
import { useNotifications } from '../../stores/notifications';
import { fromLocalInput, toLocalInput } from './time';

export const useOpenView = (): CaseView | null => useCaseView((s) => s.view);

/** The case's zone (records.settings.timeZone); every local time of the case is in it. */
export const useCaseZone = (): string => useCaseView((s) => s.view?.case.records.settings.timeZone ?? 'UTC');

/** "2024-12-10 14:05 UTC" with the case's local time beneath. */
export function Instant({ iso, zone, inline }: { iso?: string; zone: string; inline?: boolean }): React.JSX.Element {
  if (!iso) return <span className="muted">—</span>;
  const local = formatInZone(iso, zone);
  return (
    <time dateTime={iso} className={inline ? 'instant inline' : 'instant'}>
      <span className="utc">{formatUtc(iso)}</span>
      {zone !== 'UTC' && <span className="local small muted">{local}</span>}
    </time>
  );
}

/** A date and time typed in the case's zone; `onChange` receives UTC (or undefined when cleared). */
export function ZonedInput({ label, value, zone, onChange, required }: { label: string; value?: string; zone: string; onChange: (utc: string | undefined) => void; required?: boolean }): React.JSX.Element {
  const [text, setText] = useState(toLocalInput(value, zone));
  // A new value from the main process (or a zone change) replaces what is shown.
  useEffect(() => setText(toLocalInput(value, zone)), [value, zone]);
  return (
    <label>
      <span>
        {label} <span className="zone-hint">({zone})</span>
      </span>
      <input
        type="datetime-local"
        value={text}
        required={required}
        onChange={(e) => {
          setText(e.target.value);
          onChange(fromLocalInput(e.target.value, zone));
        }}
      />
    </label>
  );
}

/** A SHA-256 shown in full (it is what a reader checks) with a copy button. */
export function Sha({ value, label }: { value: string; label?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      useNotifications.getState().pushInfo(t('evidence.copied'));
    } catch {
      useNotifications.getState().pushError({ code: 'INTERNAL', message: t('evidence.copyFailed') });
    }
  };
  return (
    <span className="sha">
      <code title={value}>{value}</code>
      <button type="button" className="quiet" aria-label={t('evidence.copySha', { what: label ?? value.slice(0, 12) })} onClick={() => void copy()}>
        {t('evidence.copy')}
      </button>
    </span>
  );
}

/** Evidence that may back a record: the items not withdrawn. */
export const liveEvidence = (view: CaseView): EvidenceItem[] => view.case.records.evidence.filter((e) => !e.removed);

/** One evidence item (a receipt, a screenshot) linked to a record; '' for none. */
export function EvidenceSelect({ label, value, onChange }: { label: string; value: string; onChange: (id: string) => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useOpenView();
  if (!view) return null;
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('records.noEvidence')}</option>
        {liveEvidence(view).map((e) => (
          <option key={e.id} value={e.id}>
            {e.title} ({e.sha256.slice(0, 12)}…)
          </option>
        ))}
      </select>
    </label>
  );
}

/** A titled card of a record tab. */
export function Card({ title, children, actions, id, className }: { title: string; children: ReactNode; actions?: ReactNode; id?: string; className?: string }): React.JSX.Element {
  const generated = useId();
  const headingId = `${id ?? generated}-title`;
  return (
    <section className={`rec-card ${className ?? ''}`} aria-labelledby={headingId} id={id}>
      <div className="rec-card-head">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** The title of a step from its key, "web01 · Look for web shells", or the key when unknown. */
export function useStepLabel(): (key?: string) => string {
  const view = useOpenView();
  return (key) => {
    if (!key || !view) return '';
    const [serverId, playbookId, stepId] = key.split('/');
    const server = view.case.servers.find((s) => s.id === serverId);
    const step = playbookId ? view.playbooks[playbookId]?.steps.find((s) => s.id === stepId) : undefined;
    return `${server?.name ?? serverId} · ${step?.title ?? stepId}`;
  };
}

/** Lines of a textarea, trimmed, without empty ones. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
