import { useTranslation } from 'react-i18next';
import { useNav } from '../../stores/nav';
import { Dialog } from './Dialog';

const SHORTCUTS: [keys: string, label: string][] = [
  ['j / ↓', 'shortcuts.next'],
  ['k / ↑', 'shortcuts.previous'],
  ['Enter', 'shortcuts.open'],
  ['1 / t', 'state.todo'],
  ['2 / p', 'state.in_progress'],
  ['3 / d', 'state.done'],
  ['4 / n', 'state.not_applicable'],
  ['5 / b', 'state.blocked'],
  ['6 / s', 'state.skipped'],
  ['?', 'shortcuts.help'],
];

export function ShortcutsDialog(): React.JSX.Element | null {
  const { t } = useTranslation();
  const open = useNav((s) => s.shortcutsOpen);
  const setOpen = useNav((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <Dialog title={t('shortcuts.title')} onClose={() => setOpen(false)}>
      <p className="muted">{t('shortcuts.intro')}</p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{label.startsWith('state.') ? t('shortcuts.setState', { state: t(label) }) : t(label === 'shortcuts.open' ? 'shortcuts.openStep' : label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => setOpen(false)}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
