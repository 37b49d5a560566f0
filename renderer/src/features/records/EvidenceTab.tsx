// The Evidence tab: everything collected for the case, with its SHA-256 and chain of custody.
// Withdrawn evidence stays listed, marked, with who withdrew it, when and why: nothing is hidden.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../../core/cases/records';
import { api } from '../../api';
import { changeCase } from '../../stores/records';
import { formatBytes } from '../hunt/format';
import { EvidenceForm } from './EvidenceForm';
import { RemoveWithReasonDialog } from './RemoveWithReasonDialog';
import { Card, Instant, Sha, useCaseZone, useOpenView, useStepLabel } from './common';
import type { StepRef } from '../../stores/evidence-attach';

/** Every step of every attached playbook, for the "attach to" choice. */
function useStepChoices(): { value: string; label: string; group: string }[] {
  const view = useOpenView();
  if (!view) return [];
  return view.case.servers.flatMap((server) =>
    server.playbooks.flatMap((attached) => {
      const playbook = view.playbooks[attached.playbookId];
      if (!playbook) return [];
      return playbook.steps.map((step) => ({ value: `${server.id}/${attached.playbookId}/${step.id}`, label: step.title, group: `${server.name} · ${playbook.meta.title}` }));
    }),
  );
}

function RemoveDialog({ item, onClose }: { item: EvidenceItem; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <RemoveWithReasonDialog
      title={t('evidence.removeTitle', { title: item.title })}
      explanation={t('evidence.removeExplain')}
      reasonLabel={t('evidence.removeReason')}
      actionLabel={t('evidence.removeAction')}
      rows={3}
      onRemove={(reason) => changeCase((caseId) => api.evidence.remove({ caseId, evidenceId: item.id, reason }))}
      onClose={onClose}
    />
  );
}

export function EvidenceTab(): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const view = useOpenView();
  const zone = useCaseZone();
  const stepLabel = useStepLabel();
  const choices = useStepChoices();
  const [target, setTarget] = useState('');
  const [removing, setRemoving] = useState<EvidenceItem | undefined>();
  if (!view) return null;
  const items = view.case.records.evidence;
  const [serverId, playbookId, stepId] = target.split('/');
  const step: StepRef | undefined = target && serverId && playbookId && stepId ? { serverId, playbookId, stepId } : undefined;
  const groups = [...new Set(choices.map((c) => c.group))];
  const attachTo = (
    <label>
      {t('evidence.attachTo')}
      <select value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('evidence.wholeCase')}</option>
        {groups.map((group) => (
          <optgroup key={group} label={group}>
            {choices
              .filter((c) => c.group === group)
              .map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  );

  return (
    <div role="tabpanel" id="panel-evidence" aria-labelledby="tab-evidence" className="records-panel">
      <Card title={t('evidence.addTitle')}>
        <p className="muted small">{t('evidence.intro')}</p>
        <EvidenceForm step={step} disabled={view.readOnly} leading={attachTo} />
      </Card>

      <Card title={t('evidence.listTitle', { count: items.length })}>
        {items.length === 0 ? (
          <p className="muted">{t('evidence.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="rec-table" aria-label={t('evidence.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('evidence.colTitle')}</th>
                  <th scope="col">{t('evidence.colFile')}</th>
                  <th scope="col" className="num">
                    {t('evidence.colSize')}
                  </th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">{t('evidence.colCollected')}</th>
                  <th scope="col">{t('evidence.colStep')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('evidence.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} className={e.removed ? 'removed' : undefined} data-evidence={e.id}>
                    <td>
                      <span className="ev-title">{e.title}</span> <span className="badge">{t(`evidence.kind.${e.kind}`)}</span>
                      {e.removed && (
                        <p className="removed-note small">
                          <span className="badge danger">{t('evidence.removedBadge')}</span> {t('evidence.removedBy', { who: e.removed.by, reason: e.removed.reason })} <Instant iso={e.removed.at} zone={zone} inline />
                        </p>
                      )}
                    </td>
                    <td className="file-cell">
                      <code>{e.fileName}</code>
                      {e.originalPath && <span className="small muted block">{t('evidence.from', { path: e.originalPath })}</span>}
                      {e.sourceHost && <span className="small muted block">{t('evidence.host', { host: e.sourceHost })}</span>}
                    </td>
                    <td className="num nowrap">{formatBytes(e.size, i18n.language)}</td>
                    <td>
                      <Sha value={e.sha256} label={e.title} />
                    </td>
                    <td>
                      <span className="block">{e.collectedBy}</span>
                      <Instant iso={e.collectedAt} zone={e.collectedZone} />
                    </td>
                    <td className="small">{e.stepKey ? stepLabel(e.stepKey) : <span className="muted">{t('evidence.wholeCase')}</span>}</td>
                    <td className="nowrap">
                      {!e.removed && (
                        <button type="button" className="quiet" disabled={view.readOnly} onClick={() => setRemoving(e)} aria-label={t('evidence.removeLabel', { title: e.title })}>
                          {t('evidence.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {removing && <RemoveDialog item={removing} onClose={() => setRemoving(undefined)} />}
    </div>
  );
}
