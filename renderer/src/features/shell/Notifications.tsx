import { useTranslation } from 'react-i18next';
import { useNotifications } from '../../stores/notifications';
import { useErrorText } from './localise';

/** The one place where failures are shown: message, what to do, and any file:line problems. */
export function Notifications(): React.JSX.Element {
  const { t } = useTranslation();
  const notices = useNotifications((s) => s.notices);
  const dismiss = useNotifications((s) => s.dismiss);
  const errorText = useErrorText();
  return (
    <section className="notifications" aria-label={t('notifications.label')} aria-live="polite">
      {notices.map((notice) => {
        // Errors from the core are in English: shown by their code in the UI language.
        const shown = notice.code ? errorText({ code: notice.code, message: notice.message, hint: notice.hint }) : { message: notice.message, hint: notice.hint };
        return (
          <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            <div className="notice-text">
              <p className="notice-message">{shown.message}</p>
              {shown.hint && <p className="notice-hint">{shown.hint}</p>}
              {'detail' in shown && shown.detail && <p className="notice-detail">{shown.detail}</p>}
              {notice.problems && notice.problems.length > 0 && (
                <ul className="problems">
                  {notice.problems.map((p, i) => (
                    <li key={i}>
                      <code>
                        {p.file}:{p.line}
                      </code>{' '}
                      {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <button type="button" className="icon-button" aria-label={t('notifications.dismiss')} onClick={() => dismiss(notice.id)}>
              ×
            </button>
            {/* After the dismiss button, so Escape-like habits (focus the first button, Enter) still only dismiss. */}
            {notice.action && (
              <div className="notice-actions">
                <button
                  type="button"
                  className="notice-action"
                  onClick={() => {
                    dismiss(notice.id);
                    notice.action?.run();
                  }}
                >
                  {notice.action.label}
                </button>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
