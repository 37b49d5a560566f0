import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { i18n } from './i18n';
import { App } from './App';
import { hasApi } from './api';
import { useSettings } from './stores/settings';
import { useCases } from './stores/cases';
import { usePlaybooks } from './stores/playbooks';

const root = createRoot(document.getElementById('root') as HTMLElement);

if (!hasApi()) {
  // Without the preload there is nothing we can do; say so instead of showing a broken window.
  root.render(
    <main className="fatal" role="alert">
      <h1>Firebreak</h1>
      <p>{i18n.t('fatal.noApi')}</p>
    </main>,
  );
} else {
  void useSettings.getState().load();
  void useCases.getState().refresh();
  void usePlaybooks.getState().refresh();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
