import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useNav } from '../../stores/nav';
import { CaseHeader } from './CaseHeader';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ServersPanel } from './ServersPanel';
import { StepList } from './StepList';
import { StepDetail } from './StepDetail';
import { Timeline } from './Timeline';
import { SkipDialog } from './SkipDialog';
import { useCaseKeys } from './use-case-keys';
import { HuntPanel } from '../hunt/HuntPanel';
import { AttachEvidenceDialog } from '../records/AttachEvidenceDialog';
import { ClocksBanner } from '../records/clocks';
import { isRecordTab, RecordPanel, RecordTabButtons } from '../records/RecordTabs';

export function CaseScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const tab = useCaseView((s) => s.tab);
  const setTab = useCaseView((s) => s.setTab);
  useCaseKeys(tab === 'steps' && view !== null && !view.readOnly);

  if (!view) {
    return (
      <main className="page">
        <p>{t('case.none')}</p>
        <button type="button" onClick={() => useNav.getState().go('cases')}>
          {t('nav.cases')}
        </button>
      </main>
    );
  }

  return (
    <main className="case-screen" aria-label={t('case.label', { title: view.case.title })}>
      <CaseHeader />
      {view.readOnly && <ReadOnlyBanner />}
      <ClocksBanner />
      <div className="tabs" role="tablist" aria-label={t('case.views')}>
        <button type="button" role="tab" id="tab-steps" aria-selected={tab === 'steps'} aria-controls="panel-steps" onClick={() => setTab('steps')}>
          {t('case.tabSteps')}
        </button>
        <button type="button" role="tab" id="tab-timeline" aria-selected={tab === 'timeline'} aria-controls="panel-timeline" onClick={() => setTab('timeline')}>
          {t('case.tabTimeline')} <span className="count">{view.timelineTotal}</span>
        </button>
        <button type="button" role="tab" id="tab-hunt" aria-selected={tab === 'hunt'} aria-controls="panel-hunt" onClick={() => setTab('hunt')}>
          {t('hunt.tab')}
        </button>
        <RecordTabButtons />
      </div>
      {isRecordTab(tab) ? (
        <RecordPanel tab={tab} />
      ) : tab === 'hunt' ? (
        <HuntPanel />
      ) : tab === 'steps' ? (
        <div className="case-columns" role="tabpanel" id="panel-steps" aria-labelledby="tab-steps">
          <ServersPanel />
          <StepList />
          <StepDetail />
        </div>
      ) : (
        <div role="tabpanel" id="panel-timeline" aria-labelledby="tab-timeline" className="timeline-panel">
          <Timeline />
        </div>
      )}
      <SkipDialog />
      <AttachEvidenceDialog />
    </main>
  );
}
