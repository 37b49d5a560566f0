import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useNotifications } from '../../stores/notifications';
import { ConfirmDialog } from '../shell/ConfirmDialog';

/** Asks before taking a playbook off a server, and says that its progress is kept. */
export function DetachDialog({ serverId, playbookId, onClose }: { serverId: string; playbookId: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const name = useCaseView((s) => s.view?.case.servers.find((sv) => sv.id === serverId)?.name ?? '');
  const title = useCaseView((s) => s.view?.playbooks[playbookId]?.meta.title ?? playbookId);
  const detach = async (): Promise<void> => {
    if (!(await useCaseView.getState().detach(serverId, playbookId))) return;
    useNotifications.getState().pushInfo(t('servers.detached', { title, name }));
    onClose();
  };
  return (
    <ConfirmDialog
      title={t('servers.detachTitle', { name })}
      message={t('servers.detachConfirm', { title, name })}
      confirmLabel={t('servers.detachAction')}
      onCancel={onClose}
      onConfirm={() => void detach()}
    />
  );
}
