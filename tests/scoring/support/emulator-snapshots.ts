import type { Portal } from '../../../emulator/generator/index.ts';
import type { ScoringConfig } from '../../../src/scoring/config.schema.ts';
import type { CompanySnapshot } from '../../../src/scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../../../src/snapshot/from-hubspot.ts';

const DAY = 86_400_000;

/** One generated company as the sync engine would hand it over: HubSpot records plus the usage API's series. */
export const snapshotFromPortal = (portal: Portal, index: number, config: ScoringConfig): CompanySnapshot => {
  const company = portal.companies[index]!;
  const children = portal.children(index);
  const series = portal.usage(company.id);
  const start = series === null ? 0 : Date.parse(`${series.startDate}T00:00:00.000Z`);
  return snapshotFromHubSpot({
    company,
    engagements: { calls: [...children.calls], emails: [...children.emails], meetings: [...children.meetings], notes: [...children.notes], tasks: [...children.tasks] },
    tickets: [...children.tickets],
    deals: [...children.deals],
    feedbackSubmissions: [...children.feedback_submissions],
    contacts: [...children.contacts],
    usage: series === null ? [] : series.values.map((value, day) => ({ date: new Date(start + day * DAY).toISOString(), metric: series.metric, value })),
  }, config);
};
