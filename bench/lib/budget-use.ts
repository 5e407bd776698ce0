import type { PortalRequestStats } from '../../src/hubspot/request-stats.ts';
import { scaledBudget } from './waypoint.ts';

/**
 * How much of the portal's rate budget a run used: the time its requests need at the allowed rates (search on its
 * own per-second budget, everything else on the rolling ten-second one) over the time the run took. 1 means the run
 * went exactly as fast as HubSpot allows; above 1 is only possible when both budgets are spent at once.
 */
export const rateUtilization = (stats: PortalRequestStats, elapsedMs: number, timeScale: number): number => {
  const budget = scaledBudget(timeScale);
  let search = 0;
  for (const [endpoint, counts] of Object.entries(stats.byEndpoint)) if (endpoint.endsWith('/search')) search += counts.requests;
  const standard = stats.requests - search;
  const neededMs = (standard / budget.requestsPerWindow) * budget.windowMs + (search / budget.searchRequestsPerWindow) * budget.searchWindowMs;
  return neededMs / elapsedMs;
};
