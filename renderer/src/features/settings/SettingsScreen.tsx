import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';
import { useNotifications } from '../../stores/notifications';

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const info = useSettings((s) => s.info);
  const update = useSettings((s) => s.update);
  const [operator, setOperator] = useState(settings.operator);
  useEffect(() => setOperator(settings.operator), [settings.operator]);

  return (
    <main className="page narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <div className="form">
        <label>
          {t('settings.language')}
          <select value={settings.language} onChange={(e) => void update({ language: e.target.value as 'en' | 'fr' })}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
        <label>
          {t('settings.theme')}
          <select value={settings.theme} onChange={(e) => void update({ theme: e.target.value as 'system' | 'light' | 'dark' })}>
            <option value="system">{t('settings.themes.system')}</option>
            <option value="light">{t('settings.themes.light')}</option>
            <option value="dark">{t('settings.themes.dark')}</option>
          </select>
        </label>
        <form
          className="operator-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ operator }).then((ok) => ok && useNotifications.getState().pushInfo(t('settings.saved')));
          }}
        >
          <label>
            {t('settings.operator')}
            <input value={operator} onChange={(e) => setOperator(e.target.value)} />
          </label>
          <p className="muted small">{t('settings.operatorHint')}</p>
          <button type="submit">{t('common.save')}</button>
        </form>
      </div>
      {info && (
        <p className="muted small about">
          Firebreak {info.version} · {info.platform} · {t('settings.dataDir')} <code>{info.dataDir}</code>
        </p>
      )}
    </main>
  );
}
