// records.setDetails changes only the members sent: the API's validation must not fill in the others
// with their defaults (it once reset the case's time zone and root cause when only the summary was saved).
import { describe, expect, it } from 'vitest';
import { inputs } from '../../../core/api/contract';
import { CaseRecords, emptyRecords } from '../../../core/cases/records';
import { setReportDetails } from '../../../core/cases/records-mutations';
import type { CaseDocument } from '../../../core/cases/types';

describe('records.setDetails input', () => {
  it('keeps only the members that were sent', () => {
    const parsed = inputs['records.setDetails'].parse({ caseId: 'case-1', details: { limitations: ['No firewall logs before March.'] } });
    expect(Object.keys(parsed.details)).toEqual(['limitations']);
  });

  it('still fills the defaults inside a member that was sent', () => {
    const parsed = inputs['records.setDetails'].parse({ caseId: 'case-1', details: { narrative: { whatHappened: 'Exploited.' } } });
    expect(parsed.details.narrative).toEqual({ status: 'ongoing', whatHappened: 'Exploited.', impact: '', residualRisk: '', recommendations: [] });
  });

  it('leaves the stored zone and root cause alone when only the summary is saved', () => {
    const records = CaseRecords.parse({ ...emptyRecords('fr'), rootCause: { cves: ['CVE-2024-55956'], entryPoint: 'Cleo autorun', statements: [] } });
    const doc = { language: 'fr', status: 'active', operator: 'Alice', timeline: [], records } as unknown as CaseDocument;
    const { details } = inputs['records.setDetails'].parse({ caseId: 'case-1', details: { limitations: ['x'] } });
    const next = setReportDetails(details)(doc, { now: '2026-01-01T00:00:00.000Z', newId: () => 'id-1' } as never);
    expect(next.records.settings.timeZone).toBe('Europe/Paris');
    expect(next.records.rootCause.cves).toEqual(['CVE-2024-55956']);
    expect(next.records.limitations).toEqual(['x']);
  });
});
