export interface EndpointStats {
  /** HTTP attempts sent, retries included. */
  requests: number;
  /** Attempts answered with 429. */
  rateLimited: number;
  retries: number;
  /** Calls that ended in an error after any retries. */
  failures: number;
}

export interface PortalRequestStats extends EndpointStats {
  byEndpoint: Record<string, EndpointStats>;
}

export type StatKind = keyof EndpointStats;

const emptyStats = (): EndpointStats => ({ requests: 0, rateLimited: 0, retries: 0, failures: 0 });

/** Request accounting per portal and endpoint, read by sync progress and the benchmarks. */
export const createRequestStats = () => {
  const byPortal = new Map<number, PortalRequestStats>();
  return {
    record(portalId: number, endpoint: string, kind: StatKind): void {
      let portal = byPortal.get(portalId);
      if (!portal) {
        portal = { ...emptyStats(), byEndpoint: {} };
        byPortal.set(portalId, portal);
      }
      const forEndpoint = (portal.byEndpoint[endpoint] ??= emptyStats());
      portal[kind] += 1;
      forEndpoint[kind] += 1;
    },
    /** A copy, so a caller holding it sees a consistent snapshot. */
    get(portalId: number): PortalRequestStats {
      const portal = byPortal.get(portalId);
      if (!portal) return { ...emptyStats(), byEndpoint: {} };
      const byEndpoint = Object.fromEntries(Object.entries(portal.byEndpoint).map(([name, stats]) => [name, { ...stats }]));
      return { ...portal, byEndpoint };
    },
  };
};
export type RequestStats = ReturnType<typeof createRequestStats>;
