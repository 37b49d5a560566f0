import { useTranslation } from 'react-i18next';
import { localTime, utcTime } from './format';

/** A moment shown in local time, with UTC on hover. */
export function Time({ iso }: { iso: string }): React.JSX.Element {
  const { i18n } = useTranslation();
  return (
    <time dateTime={iso} title={utcTime(iso)}>
      {localTime(iso, i18n.language)}
    </time>
  );
}
