import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';

/** A server found later in the investigation can be added to the case. */
export function AddServerForm(): React.JSX.Element {
  const { t } = useTranslation();
  const addServer = useCaseView((s) => s.addServer);
  const [draft, setDraft] = useState<{ name: string; product: string; version: string } | null>(null);
  if (!draft) {
    return (
      <button type="button" className="small-button add-server" onClick={() => setDraft({ name: '', product: '', version: '' })}>
        {t('servers.add')}
      </button>
    );
  }
  return (
    <form
      className="add-server-form"
      onSubmit={(e) => {
        e.preventDefault();
        void addServer(draft).then((ok) => ok && setDraft(null));
      }}
    >
      <label>
        {t('newCase.serverName')}
        <input value={draft.name} autoFocus onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label>
        {t('newCase.serverProduct')}
        <input value={draft.product} onChange={(e) => setDraft({ ...draft, product: e.target.value })} />
      </label>
      <label>
        {t('newCase.serverVersion')}
        <input value={draft.version} onChange={(e) => setDraft({ ...draft, version: e.target.value })} />
      </label>
      <div className="actions">
        <button type="submit" className="small-button primary">
          {t('servers.addConfirm')}
        </button>
        <button type="button" className="small-button" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
