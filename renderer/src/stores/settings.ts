// Settings live in the main process; this store caches them and applies language and theme.
import { create } from 'zustand';
import type { AppInfo, Settings } from '../../../core/api/contract';
import { api, call } from '../api';
import { setLanguage } from '../i18n';

interface SettingsState {
  settings: Settings;
  info?: AppInfo;
  load: () => Promise<void>;
  update: (patch: Partial<Settings>) => Promise<boolean>;
}

const applyTheme = (theme: Settings['theme']): void => {
  // 'system' leaves the attribute off so the prefers-color-scheme rules in styles.css decide.
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
};

const apply = (settings: Settings): void => {
  applyTheme(settings.theme);
  void setLanguage(settings.language);
};

export const useSettings = create<SettingsState>()((set) => ({
  settings: { language: 'en', theme: 'system', operator: '' },
  load: async () => {
    const [info, settings] = await Promise.all([call(api.app.info()), call(api.settings.get())]);
    if (settings) {
      apply(settings);
      set({ settings });
    }
    if (info) set({ info });
  },
  update: async (patch) => {
    const settings = await call(api.settings.update(patch));
    if (!settings) return false;
    apply(settings);
    set({ settings });
    return true;
  },
}));
