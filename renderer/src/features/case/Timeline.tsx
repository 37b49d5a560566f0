import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIMELINE_PAGE } from '../../../../core/api/contract';
import type { TimelineEntry } from '../../../../core/cases/types';
import { api, call } from '../../api';
import { useCaseView } from '../../stores/case-view';
import { Time } from '../shell/Time';

/**
 * Every change to the case, newest first, as written at the time. The case view carries only the
 * newest page; older pages are asked for when the person wants them, so a case with 10,000
 * entries opens as fast as a new one.
 */
export function Timeline(): React.JSX.Element | null {
  const { t } = useTranslation();
  const caseId = useCaseView((s) => s.view?.case.id);
  const newest = useCaseView((s) => s.view?.case.timeline);
  const total = useCaseView((s) => s.view?.timelineTotal ?? 0);
  const fromBackup = useCaseView((s) => s.fromBackup);
  const [older, setOlder] = useState<TimelineEntry[]>([]);
  const [loading, setLoading] = useState(false);
  // A new entry shifts every page by one: start again from the newest page.
  useEffect(() => setOlder([]), [caseId, total]);
  if (!newest || !caseId) return null;

  const shown = newest.length + older.length;
  const entries = [...newest].reverse().concat([...older].reverse());
  const loadMore = async (): Promise<void> => {
    setLoading(true);
    const page = await call(api.cases.timeline({ caseId, offset: shown, limit: TIMELINE_PAGE, ...(fromBackup ? { useBackup: true } : {}) }));
    setLoading(false);
    if (page) setOlder((current) => [...page.entries, ...current]);
  };

  return (
    <>
      <table className="timeline">
        <caption className="sr-only">{t('timeline.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timeline.when')}</th>
            <th scope="col">{t('timeline.who')}</th>
            <th scope="col">{t('timeline.what')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">
                <Time iso={entry.at} />
              </td>
              <td>{entry.by}</td>
              <td>{entry.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown && (
        <button type="button" className="show-more" disabled={loading} onClick={() => void loadMore()}>
          {t('timeline.more', { count: total - shown })}
        </button>
      )}
    </>
  );
}
