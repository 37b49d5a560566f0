// The notification clocks (core/deadlines/clocks.ts), counting down live: one card each on the
// Deadlines tab, and a compact banner on the case when one is due soon or overdue.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allClocks, type Clock } from '../../../../core/deadlines/clocks';
import { formatDuration } from '../../../../core/deadlines/time';
import { useCaseView } from '../../stores/case-view';
import { Instant, useCaseZone } from './common';

/** The time now, refreshed every `everyMs` so the clocks count down while the screen is open. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function useClocks(): Clock[] {
  const records = useCaseView((s) => s.view?.case.records);
  const now = useNow();
  return records ? allClocks(records, now) : [];
}

const urgent = (c: Clock) => c.status === 'due_soon' || c.status === 'overdue';

/** "Due in 5 h 12 min" / "Overdue by 3 h 00 min" / "Done on time" … */
export function useClockText(): (c: Clock) => string {
  const { t } = useTranslation();
  return (c) => {
    switch (c.status) {
      case 'open':
      case 'due_soon':
        return t('clocks.dueIn', { time: formatDuration(c.remainingMs ?? 0) });
      case 'overdue':
        return t('clocks.overdueBy', { time: formatDuration(c.remainingMs ?? 0) });
      case 'done':
        return c.elapsedMs !== undefined ? t('clocks.doneAfter', { time: formatDuration(c.elapsedMs) }) : t('clocks.status.done');
      case 'done_late':
        return t('clocks.doneLate', { time: formatDuration(c.elapsedMs ?? 0) });
      default:
        return t(`clocks.status.${c.status}`);
    }
  };
}

export function ClockCard({ clock }: { clock: Clock }): React.JSX.Element {
  const { t } = useTranslation();
  const zone = useCaseZone();
  const text = useClockText();
  return (
    <div className={`clock clock-${clock.status}`} data-clock={clock.kind} role="group" aria-label={t(`clocks.kind.${clock.kind}`)}>
      <div className="clock-head">
        <strong>{t(`clocks.kind.${clock.kind}`)}</strong>
        <span className={`badge clock-badge-${clock.status}`}>{t(`clocks.status.${clock.status}`)}</span>
      </div>
      <p className="clock-text">{text(clock)}</p>
      <p className="small muted">{clock.legal ? t(`clocks.basis.${clock.kind}`, { hours: clock.windowHours }) : t('clocks.basis.insurer', { hours: clock.windowHours })}</p>
      {clock.dueAt && (
        <p className="small">
          {t('clocks.due')} <Instant iso={clock.dueAt} zone={zone} inline />
        </p>
      )}
      {clock.reference && <p className="small">{t('clocks.reference', { reference: clock.reference })}</p>}
    </div>
  );
}

/** Shown under the case header while a clock is due soon or overdue. */
export function ClocksBanner(): React.JSX.Element | null {
  const { t } = useTranslation();
  const clocks = useClocks().filter(urgent);
  const text = useClockText();
  if (clocks.length === 0) return null;
  const overdue = clocks.some((c) => c.status === 'overdue');
  return (
    <div className={`clocks-banner ${overdue ? 'overdue' : 'due-soon'}`} role="status" aria-label={t('clocks.bannerLabel')}>
      {clocks.map((c) => (
        <span key={c.kind} className="clocks-banner-item">
          <strong>{t(`clocks.kind.${c.kind}`)}</strong> — {text(c)}
        </span>
      ))}
      <button type="button" className="small-button" onClick={() => useCaseView.getState().setTab('deadlines')}>
        {t('clocks.open')}
      </button>
    </div>
  );
}
