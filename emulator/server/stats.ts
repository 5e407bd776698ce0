export interface EndpointStats { count: number; byStatus: Record<string, number> }

export interface PortalStats {
  total: number;
  http429: number;
  http5xx: number;
  dropped: number;
  malformed: number;
  /** 429s from the real budget, not injected faults. */
  rateLimited: number;
  byEndpoint: Record<string, EndpointStats>;
}

export interface StatsSnapshot {
  total: number;
  byEndpoint: Record<string, EndpointStats>;
  byPortal: Record<string, PortalStats>;
}

const emptyPortal = (): PortalStats => ({ total: 0, http429: 0, http5xx: 0, dropped: 0, malformed: 0, rateLimited: 0, byEndpoint: {} });

const bump = (table: Record<string, EndpointStats>, route: string, status: string): void => {
  const entry = table[route] ?? { count: 0, byStatus: {} };
  entry.count++;
  entry.byStatus[status] = (entry.byStatus[status] ?? 0) + 1;
  table[route] = entry;
};

/** Request accounting per portal and per endpoint, read by tests and benchmarks. */
export class RequestStats {
  private snapshot: StatsSnapshot = { total: 0, byEndpoint: {}, byPortal: {} };

  record(portalId: number | null, route: string, outcome: { status: number; dropped?: boolean; malformed?: boolean; rateLimited?: boolean }): void {
    const status = outcome.dropped ? 'dropped' : String(outcome.status);
    this.snapshot.total++;
    bump(this.snapshot.byEndpoint, route, status);
    if (portalId === null) return;
    const p = this.snapshot.byPortal[String(portalId)] ?? emptyPortal();
    this.snapshot.byPortal[String(portalId)] = p;
    p.total++;
    bump(p.byEndpoint, route, status);
    if (outcome.status === 429) p.http429++;
    if (outcome.status >= 500) p.http5xx++;
    if (outcome.dropped) p.dropped++;
    if (outcome.malformed) p.malformed++;
    if (outcome.rateLimited) p.rateLimited++;
  }

  read(): StatsSnapshot {
    return structuredClone(this.snapshot);
  }

  reset(): void {
    this.snapshot = { total: 0, byEndpoint: {}, byPortal: {} };
  }
}
