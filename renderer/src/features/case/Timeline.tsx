import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { Time } from '../shell/Time';

const PAGE = 300;

/** Every change to the case, newest first, as written at the time. */
export function Timeline(): React.JSX.Element | null {
  const { t } = useTranslation();
  const timeline = useCaseView((s) => s.view?.case.timeline);
  // Long cases have thousands of entries: show a page at a time so the tab opens at once.
  const [shown, setShown] = useState(PAGE);
  if (!timeline) return null;
  const entries = timeline.slice(-shown).reverse();
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
    {timeline.length > shown && (
      <button type="button" className="show-more" onClick={() => setShown(shown + PAGE)}>
        {t('timeline.more', { count: timeline.length - shown })}
      </button>
    )}
    </>
  );
}
