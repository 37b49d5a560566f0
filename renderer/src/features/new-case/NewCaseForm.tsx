import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/api/contract';
import { api, attempt } from '../../api';
import { useCases } from '../../stores/cases';
import { useCaseView } from '../../stores/case-view';
import { useNav } from '../../stores/nav';
import { useSettings } from '../../stores/settings';
import { useErrorText } from '../shell/localise';

interface ServerDraft {
  key: number;
  name: string;
  product: string;
  version: string;
}

let serverKey = 1;
const blankServer = (): ServerDraft => ({ key: serverKey++, name: '', product: '', version: '' });

export function NewCaseForm(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const [organisation, setOrganisation] = useState('');
  const [title, setTitle] = useState('');
  const [contact, setContact] = useState({ name: '', email: '', phone: '' });
  const [language, setLanguage] = useState<'en' | 'fr'>(i18n.language === 'fr' ? 'fr' : 'en');
  const [operator, setOperator] = useState(settings.operator);
  const [servers, setServers] = useState<ServerDraft[]>([blankServer()]);
  const [error, setError] = useState<AppError | null>(null);
  const errorText = useErrorText();
  const shownError = error ? errorText(error) : null;
  const [busy, setBusy] = useState(false);

  const editServer = (key: number, patch: Partial<ServerDraft>): void =>
    setServers((list) => list.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const outcome = await attempt(
      api.cases.create({
        organisation,
        ...(title.trim() ? { title } : {}),
        contact,
        language,
        operator,
        // An untouched blank server row means "no server yet", not an error.
        servers: servers
          .filter((s) => s.name.trim() || s.product.trim() || s.version.trim())
          .map(({ name, product, version }) => ({ name, product, version })),
      }),
    );
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    useCaseView.getState().apply(outcome.value);
    void useCases.getState().refresh();
    useNav.getState().go('case');
  };

  return (
    <main className="page narrow" aria-labelledby="new-case-title">
      <h1 id="new-case-title">{t('newCase.title')}</h1>
      <p className="muted">{t('newCase.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {shownError && (
          <div className="form-error" role="alert">
            <p>{shownError.message}</p>
            {shownError.hint && <p className="muted">{shownError.hint}</p>}
            {shownError.detail && <p className="muted small">{shownError.detail}</p>}
          </div>
        )}
        <label>
          {t('newCase.organisation')}
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('newCase.caseTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('newCase.caseTitleHint')} />
        </label>
        <fieldset>
          <legend>{t('newCase.contact')}</legend>
          <div className="row3">
            <label>
              {t('newCase.contactName')}
              <input value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} />
            </label>
            <label>
              {t('newCase.contactEmail')}
              <input type="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            </label>
            <label>
              {t('newCase.contactPhone')}
              <input type="tel" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
            </label>
          </div>
        </fieldset>
        <div className="row2">
          <label>
            {t('newCase.language')}
            <select value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'fr')}>
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
          </label>
          <label>
            {t('newCase.operator')}
            <input value={operator} onChange={(e) => setOperator(e.target.value)} />
          </label>
        </div>
        <fieldset>
          <legend>{t('newCase.servers')}</legend>
          {servers.map((server, index) => (
            <div key={server.key} className="server-row" role="group" aria-label={t('newCase.serverN', { n: index + 1 })}>
              <label>
                {t('newCase.serverName')}
                <input value={server.name} onChange={(e) => editServer(server.key, { name: e.target.value })} />
              </label>
              <label>
                {t('newCase.serverProduct')}
                <input value={server.product} onChange={(e) => editServer(server.key, { product: e.target.value })} />
              </label>
              <label>
                {t('newCase.serverVersion')}
                <input value={server.version} onChange={(e) => editServer(server.key, { version: e.target.value })} />
              </label>
              <button
                type="button"
                className="icon-button remove"
                aria-label={t('newCase.removeServer', { n: index + 1 })}
                onClick={() => setServers((list) => list.filter((s) => s.key !== server.key))}
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setServers((list) => [...list, blankServer()])}>
            {t('newCase.addServer')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="button" onClick={() => useNav.getState().go('cases')}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('newCase.create')}
          </button>
        </div>
      </form>
    </main>
  );
}
