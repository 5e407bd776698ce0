import { Rng } from '../../emulator/generator/index.ts';
import type { Pipeline } from './pipeline.ts';

/**
 * One freshness sample: a user moves a company into a bad-fit industry in HubSpot, and the clock runs until
 * HubSpot holds Waypoint's answer (waypoint_fit = bad) on that company.
 */
export const fitChangeLatency = async (pipeline: Pipeline, portalId: number, companyId: string, timeoutMs: number): Promise<number> => {
  const store = pipeline.emulator.state.portal(portalId).store;
  const started = performance.now();
  pipeline.emulator.mutate.updateObject({ portalId, type: 'companies', id: companyId, properties: { industry: 'FARMING' } });
  for (;;) {
    if (store.get('companies', companyId)?.properties.waypoint_fit === 'bad') return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`company ${companyId}: Waypoint's fit never reached HubSpot within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** Customers whose written-back fit is not bad yet, in a seeded order: each can serve one sample. */
export const probeCompanies = (pipeline: Pipeline, portalId: number, seed: number): string[] => {
  const store = pipeline.emulator.state.portal(portalId).store;
  const candidates = pipeline.emulator.state.portal(portalId).portal.companies
    .map((c) => c.id)
    .filter((id) => { const fit = store.get('companies', id)?.properties.waypoint_fit; return fit === 'good' || fit === 'stretch'; });
  const rng = new Rng(seed);
  for (let i = candidates.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j] as string, candidates[i] as string];
  }
  return candidates;
};
