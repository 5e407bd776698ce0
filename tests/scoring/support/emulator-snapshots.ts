import type { Portal } from '../../../emulator/generator/index.ts';
import type { ScoringConfig } from '../../../src/scoring/config.schema.ts';
import type { CompanySnapshot } from '../../../src/scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../../../src/snapshot/from-hubspot.ts';
import { usagePointsFromDailySeries } from '../../../src/snapshot/usage-series.ts';

/** One generated company as the sync engine would hand it over: its associated HubSpot records plus the usage API's series. */
export const snapshotFromPortal = (portal: Portal, index: number, config: ScoringConfig): CompanySnapshot => {
  const company = portal.companies[index]!;
  const children = portal.children(index);
  const series = portal.usage(company.id);
  return snapshotFromHubSpot({
    company,
    engagements: { calls: [...children.calls], emails: [...children.emails], meetings: [...children.meetings], notes: [...children.notes], tasks: [...children.tasks] },
    tickets: [...children.tickets],
    deals: [...children.deals],
    // The sync reaches answers linked only to a contact through that contact; one with no contact reaches no one.
    feedbackSubmissions: children.feedback_submissions.filter((f) => !f.contactOnly || f.contactId !== null),
    contacts: [...children.contacts],
    usage: series === null ? [] : usagePointsFromDailySeries(series),
  }, config);
};
