import { useEffect } from 'react';
import { Header } from './features/shell/Header';
import { Notifications } from './features/shell/Notifications';
import { ShortcutsDialog } from './features/shell/ShortcutsDialog';
import { isTyping } from './features/shell/keys';
import { CaseList } from './features/cases/CaseList';
import { ArchiveList } from './features/cases/ArchiveList';
import { NewCaseForm } from './features/new-case/NewCaseForm';
import { CaseScreen } from './features/case/CaseScreen';
import { PlaybooksScreen } from './features/playbooks/PlaybooksScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { useNav, type Screen } from './stores/nav';

const screens: Record<Screen, () => React.JSX.Element> = {
  cases: CaseList,
  archive: ArchiveList,
  'new-case': NewCaseForm,
  case: CaseScreen,
  playbooks: PlaybooksScreen,
  settings: SettingsScreen,
};

export function App(): React.JSX.Element {
  const screen = useNav((s) => s.screen);
  const Current = screens[screen];

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === '?' && !isTyping(event) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        useNav.getState().setShortcutsOpen(true);
      }
    };
    // The application menu (Electron) sends "new case" as a DOM event through the preload.
    const onNewCase = (): void => useNav.getState().go('new-case');
    window.addEventListener('keydown', onKey);
    window.addEventListener('firebreak:menu:new-case', onNewCase);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('firebreak:menu:new-case', onNewCase);
    };
  }, []);

  return (
    <div className="app">
      <Header />
      <Notifications />
      <Current />
      <ShortcutsDialog />
    </div>
  );
}
