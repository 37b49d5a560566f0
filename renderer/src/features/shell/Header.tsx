import { useTranslation } from 'react-i18next';
import { useNav, type Screen } from '../../stores/nav';
import { useSettings } from '../../stores/settings';

const NAV: { screen: Screen; label: string }[] = [
  { screen: 'cases', label: 'nav.cases' },
  { screen: 'archive', label: 'nav.archive' },
  { screen: 'playbooks', label: 'nav.playbooks' },
  { screen: 'settings', label: 'nav.settings' },
];

export function Header(): React.JSX.Element {
  const { t } = useTranslation();
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const language = useSettings((s) => s.settings.language);
  const update = useSettings((s) => s.update);
  const current = screen === 'case' || screen === 'new-case' ? 'cases' : screen;

  return (
    <header className="app-header">
      <span className="brand" aria-hidden="true">
        Firebreak
      </span>
      <nav aria-label={t('nav.label')}>
        {NAV.map((item) => (
          <button key={item.screen} type="button" className="nav-item" aria-current={current === item.screen ? 'page' : undefined} onClick={() => go(item.screen)}>
            {t(item.label)}
          </button>
        ))}
      </nav>
      <div className="header-tools">
        <label className="inline-label">
          <span className="sr-only">{t('header.language')}</span>
          <select value={language} aria-label={t('header.language')} onChange={(e) => void update({ language: e.target.value as 'en' | 'fr' })}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
        <button type="button" className="icon-button" aria-label={t('shortcuts.open')} title={t('shortcuts.open')} onClick={() => useNav.getState().setShortcutsOpen(true)}>
          ?
        </button>
      </div>
    </header>
  );
}
