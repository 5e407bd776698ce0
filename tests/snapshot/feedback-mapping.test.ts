import { describe, expect, it } from 'vitest';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { snapshotFromHubSpot } from '../../src/snapshot/from-hubspot.ts';
import type { HubSpotCompanyHistory } from '../../src/snapshot/hubspot-records.schema.ts';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const record = (id: string, properties: Record<string, string | null>) => ({ id, properties, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });

// A portal whose NPS arrives from another survey tool into its own feedback-submission properties.
const history: HubSpotCompanyHistory = {
  company: record('7', { name: 'Acme', lifecyclestage: 'customer', contract_start_date: '2025-03-01' }),
  feedbackSubmissions: [
    record('f1', { survey_kind: 'Delighted NPS', nps_answer: '2', hs_submission_timestamp: '2026-10-10T00:00:00.000Z' }),
    record('f2', { survey_kind: 'post-ticket', nps_answer: '5', hs_submission_timestamp: '2026-10-12T00:00:00.000Z' }),
  ],
};

const mapped = (): ScoringConfig => {
  const parsed = parseScoringConfig({
    ...defaultScoringConfig,
    feedback: { typeProperty: 'survey_kind', valueProperty: 'nps_answer', npsTypes: ['delighted nps'], csatTypes: ['Post-ticket'] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

const sentimentOf = (config: ScoringConfig) =>
  scoreCompany(snapshotFromHubSpot(history, config), config, NOW).health.components.find((c) => c.key === 'sentiment')!;

describe('NPS and CSAT from the feedback properties the portal maps', () => {
  it('when the default mapping reads HubSpot\'s hs_survey_type and hs_value, then a third-party tool\'s answers are not seen', () => {
    expect(defaultScoringConfig.feedback).toEqual({ typeProperty: 'hs_survey_type', valueProperty: 'hs_value', npsTypes: ['NPS'], csatTypes: ['CSAT'] });
    expect(snapshotFromHubSpot(history, defaultScoringConfig).feedback).toEqual([]);
    expect(sentimentOf(defaultScoringConfig).value).toBeNull();
  });

  it('when the portal maps its own type and answer properties, then the answers read as NPS or CSAT (any case) and the sentiment component scores them', () => {
    const config = mapped();
    expect(snapshotFromHubSpot(history, config).feedback.map((f) => [f.id, f.surveyType, f.value])).toEqual([['f1', 'NPS', 2], ['f2', 'CSAT', 5]]);
    expect(sentimentOf(config).value).not.toBeNull();
  });

  it('when no NPS type is listed, then the config is refused at that path', () => {
    const parsed = parseScoringConfig({ ...defaultScoringConfig, feedback: { ...defaultScoringConfig.feedback, npsTypes: [] } });
    expect(!parsed.ok && parsed.error.map((i) => i.path)).toContain('feedback.npsTypes');
  });
});
