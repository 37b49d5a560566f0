// Which screen is showing. No router: the app has a handful of screens and no URLs to share.
import { create } from 'zustand';

export type Screen = 'cases' | 'archive' | 'new-case' | 'case' | 'playbooks' | 'settings';

interface NavState {
  screen: Screen;
  shortcutsOpen: boolean;
  go: (screen: Screen) => void;
  setShortcutsOpen: (open: boolean) => void;
}

export const useNav = create<NavState>()((set) => ({
  screen: 'cases',
  shortcutsOpen: false,
  go: (screen) => set({ screen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));
