import { Rng, seedFrom } from '../generator/index.ts';

export interface FaultOptions {
  seed?: number | string;
  /** Share of requests answered with a 429 (TEN_SECONDLY_ROLLING) although the budget is not spent. */
  rate429?: number;
  rate5xx?: number;
  /** Share of requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Share of requests answered 200 with a truncated, unparsable JSON body. */
  malformedRate?: number;
  latencyRate?: number;
  latencyMs?: number | readonly [number, number];
  /** Route names (as in stats) the faults apply to; all API routes when absent. OAuth routes are never faulted. */
  routes?: readonly string[];
}

export type FaultKind = 'none' | 'drop' | '429' | '5xx' | 'malformed';
export interface FaultDecision { kind: FaultKind; latencyMs: number; status: number }

const serverErrors = [500, 502, 503, 504] as const;

/** Seeded per portal, so the n-th request of a portal meets the same fault on every run with the same seed. */
export class FaultInjector {
  private readonly options: FaultOptions;
  private readonly streams = new Map<number, Rng>();

  constructor(options: FaultOptions) {
    this.options = options;
  }

  applies(route: string): boolean {
    return !this.options.routes || this.options.routes.includes(route);
  }

  decide(portalId: number): FaultDecision {
    let rng = this.streams.get(portalId);
    if (!rng) {
      rng = new Rng(seedFrom(`faults:${this.options.seed ?? 0}:${portalId}`));
      this.streams.set(portalId, rng);
    }
    // Always three draws, so one decision never shifts the ones after it.
    const roll = rng.next();
    const latencyRoll = rng.next();
    const pick = rng.next();
    const o = this.options;
    const latency = o.latencyMs === undefined ? 0 : typeof o.latencyMs === 'number' ? o.latencyMs : o.latencyMs[0] + pick * (o.latencyMs[1] - o.latencyMs[0]);
    const latencyMs = latencyRoll < (o.latencyRate ?? 0) ? Math.round(latency) : 0;
    const status = serverErrors[Math.floor(pick * serverErrors.length)] ?? 500;
    let edge = o.dropRate ?? 0;
    if (roll < edge) return { kind: 'drop', latencyMs, status: 0 };
    edge += o.rate429 ?? 0;
    if (roll < edge) return { kind: '429', latencyMs, status: 429 };
    edge += o.rate5xx ?? 0;
    if (roll < edge) return { kind: '5xx', latencyMs, status };
    edge += o.malformedRate ?? 0;
    if (roll < edge) return { kind: 'malformed', latencyMs, status: 200 };
    return { kind: 'none', latencyMs, status: 0 };
  }
}
