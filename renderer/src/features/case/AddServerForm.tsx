import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';

type ServerDraft = { name: string; product: string; version: string };

/** Name, product and version of a server: used to add one and to correct one. */
export function ServerForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  label,
}: {
  initial: ServerDraft;
  submitLabel: string;
  onSubmit: (draft: ServerDraft) => Promise<boolean>;
  onCancel: () => void;
  label?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  return (
    <form
      className="add-server-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
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
          {submitLabel}
        </button>
        <button type="button" className="small-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A server found later in the investigation can be added to the case. */
export function AddServerForm(): React.JSX.Element {
  const { t } = useTranslation();
  const addServer = useCaseView((s) => s.addServer);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="small-button add-server" onClick={() => setOpen(true)}>
        {t('servers.add')}
      </button>
    );
  }
  return (
    <ServerForm
      initial={{ name: '', product: '', version: '' }}
      submitLabel={t('servers.addConfirm')}
      onSubmit={async (draft) => {
        const ok = await addServer(draft);
        if (ok) setOpen(false);
        return ok;
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
