// The record tabs of a case (after Steps, Timeline and Hunt), in one list so CaseScreen stays short.
import { useTranslation } from 'react-i18next';
import type { CaseTab } from '../../stores/case-view';
import { useCaseView } from '../../stores/case-view';
import { CostsTab } from './CostsTab';
import { DeadlinesTab } from './DeadlinesTab';
import { EvidenceTab } from './EvidenceTab';
import { FindingsTab } from './FindingsTab';
import { RecordsTab } from './RecordsTab';
import { ReportTab } from './ReportTab';
import { useClocks } from './clocks';
import './records.css';

export const RECORD_TABS = ['evidence', 'findings', 'records', 'deadlines', 'costs', 'report'] as const satisfies readonly CaseTab[];
type RecordTab = (typeof RECORD_TABS)[number];

const PANELS: Record<RecordTab, () => React.JSX.Element | null> = {
  evidence: EvidenceTab,
  findings: FindingsTab,
  records: RecordsTab,
  deadlines: DeadlinesTab,
  costs: CostsTab,
  report: ReportTab,
};

export const isRecordTab = (tab: CaseTab): tab is RecordTab => (RECORD_TABS as readonly string[]).includes(tab);

/** The tab buttons, with a count or a warning where it helps. */
export function RecordTabButtons(): React.JSX.Element | null {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const tab = useCaseView((s) => s.tab);
  const setTab = useCaseView((s) => s.setTab);
  const urgent = useClocks().some((c) => c.status === 'due_soon' || c.status === 'overdue');
  if (!view) return null;
  const r = view.case.records;
  const counts: Partial<Record<RecordTab, number>> = { evidence: r.evidence.length, findings: r.findings.length, costs: r.costs.length };
  return (
    <>
      {RECORD_TABS.map((name) => (
        <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`panel-${name}`} onClick={() => setTab(name)}>
          {t(`caseTabs.${name}`)}
          {counts[name] !== undefined && <span className="count"> {counts[name]}</span>}
          {name === 'deadlines' && urgent && (
            <span className="tab-alert" aria-label={t('clocks.bannerLabel')}>
              {' '}
              ●
            </span>
          )}
        </button>
      ))}
    </>
  );
}

export function RecordPanel({ tab }: { tab: RecordTab }): React.JSX.Element | null {
  const Panel = PANELS[tab];
  return <Panel />;
}
