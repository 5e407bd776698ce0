import { signatureV3 } from './signature.ts';
import type { StoreEvent } from './store-types.ts';
import { toWebhookEvent, type WebhookEvent } from './webhook-events.ts';

export interface WebhookOptions {
  targetUrl?: string;
  /** false keeps events out of the queue entirely (default: on when a target is set). */
  enabled?: boolean;
  maxBatch?: number;
  /** How long events gather before a batch is sent. */
  batchDelayMs?: number;
  /** First retry delay; doubles per attempt and is multiplied by the emulator's timeScale. */
  retryDelayMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  concurrency?: number;
}

export interface WebhookStats {
  emitted: number;
  delivered: number;
  batchesSent: number;
  failedAttempts: number;
  /** Events given up on after maxAttempts or a non-retryable answer. */
  abandoned: number;
  pending: number;
}

interface Batch { portalId: number; events: WebhookEvent[]; attempt: number }

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Delivers object events to the app's target URL in signed batches, retrying with backoff like HubSpot. */
export class WebhookDispatcher {
  private options: Required<Omit<WebhookOptions, 'targetUrl'>> & { targetUrl: string | null };
  private readonly appId: number;
  private readonly clientSecret: string;
  private readonly timeScale: number;
  private readonly clock: () => number;
  private readonly queues = new Map<number, WebhookEvent[]>();
  private nextEventId = 1;
  private inFlight = 0;
  private waitingRetries = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private idleWaiters: (() => void)[] = [];
  private readonly counters: Omit<WebhookStats, 'pending'> = { emitted: 0, delivered: 0, batchesSent: 0, failedAttempts: 0, abandoned: 0 };
  private stopped = false;

  constructor(options: WebhookOptions, identity: { appId: number; clientSecret: string; timeScale: number; clock: () => number }) {
    this.appId = identity.appId;
    this.clientSecret = identity.clientSecret;
    this.timeScale = identity.timeScale;
    this.clock = identity.clock;
    this.options = {
      targetUrl: options.targetUrl ?? null, enabled: options.enabled ?? true, maxBatch: Math.min(100, options.maxBatch ?? 100),
      batchDelayMs: options.batchDelayMs ?? 20, retryDelayMs: options.retryDelayMs ?? 1000, maxAttempts: options.maxAttempts ?? 10,
      timeoutMs: options.timeoutMs ?? 5000, concurrency: options.concurrency ?? 5,
    };
  }

  configure(changes: WebhookOptions): void {
    this.options = { ...this.options, ...changes, targetUrl: changes.targetUrl ?? this.options.targetUrl };
    this.schedule();
  }

  enqueue(portalId: number, event: StoreEvent): void {
    if (!this.options.enabled || !this.options.targetUrl || this.stopped) return;
    const queue = this.queues.get(portalId) ?? [];
    this.queues.set(portalId, queue);
    queue.push(toWebhookEvent(event, this.nextEventId++, portalId, this.appId, this.clock()));
    this.counters.emitted++;
    this.schedule();
  }

  private pendingEvents(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  stats(): WebhookStats {
    return { ...this.counters, pending: this.pendingEvents() + this.waitingRetries };
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, this.options.batchDelayMs);
  }

  private pump(): void {
    for (const [portalId, queue] of this.queues) {
      while (queue.length > 0 && this.inFlight < this.options.concurrency) {
        void this.send({ portalId, events: queue.splice(0, this.options.maxBatch), attempt: 0 });
      }
    }
    if (this.pendingEvents() > 0) this.schedule();
    this.checkIdle();
  }

  private async post(batch: Batch): Promise<number> {
    const target = this.options.targetUrl;
    if (!target) return 0;
    const body = JSON.stringify(batch.events.map((e) => ({ ...e, attemptNumber: batch.attempt })));
    const timestamp = this.clock();
    try {
      const response = await fetch(target, {
        method: 'POST', body, signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json', 'x-hubspot-request-timestamp': String(timestamp),
          'x-hubspot-signature-v3': signatureV3(this.clientSecret, 'POST', target, body, timestamp),
        },
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return 0;
    }
  }

  private async send(batch: Batch): Promise<void> {
    this.inFlight++;
    const status = await this.post(batch);
    this.inFlight--;
    this.counters.batchesSent++;
    if (status >= 200 && status < 300) {
      this.counters.delivered += batch.events.length;
    } else if ((status === 0 || retryable(status)) && batch.attempt + 1 < this.options.maxAttempts && !this.stopped) {
      this.counters.failedAttempts++;
      this.waitingRetries += batch.events.length;
      const delay = this.options.retryDelayMs * 2 ** batch.attempt * this.timeScale;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.waitingRetries -= batch.events.length;
        void this.send({ ...batch, attempt: batch.attempt + 1 });
      }, delay);
      this.retryTimers.add(timer);
    } else {
      this.counters.failedAttempts++;
      this.counters.abandoned += batch.events.length;
    }
    this.pump();
  }

  private checkIdle(): void {
    if (this.inFlight > 0 || this.waitingRetries > 0 || this.pendingEvents() > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once every queued event is delivered or abandoned. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (!this.timer) this.pump();
      else this.checkIdle();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.waitingRetries = 0;
    this.queues.clear();
    this.checkIdle();
  }
}
