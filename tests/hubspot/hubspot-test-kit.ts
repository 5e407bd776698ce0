import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';
import { createHubSpotClient, type HubSpotClientOptions } from '../../src/hubspot/client.ts';
import type { Timers } from '../../src/hubspot/rate-limiter.ts';
import type { TokenProvider } from '../../src/hubspot/token-provider.ts';
import { createLogger } from '../../src/shared/logger.ts';

export const BASE_URL = 'https://api.hubspot.test';
export const PORTAL = 4242;

/** A clock that only moves when someone sleeps: every wait is recorded and costs no wall time. */
export const virtualTimers = (): Timers & { slept: number[] } => {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += Math.max(0, ms);
    },
  };
};

export const tokenProvider = (tokens: string[] = ['token-1']): TokenProvider & { invalidated: number[] } => {
  let current = 0;
  const invalidated: number[] = [];
  return {
    invalidated,
    getAccessToken: async () => tokens[Math.min(current, tokens.length - 1)] ?? '',
    invalidate: async (portalId) => {
      invalidated.push(portalId);
      current += 1;
    },
  };
};

/** Log lines written by the client, for asserting what reaches (and never reaches) the logs. */
export const logSink = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug' }, stream) };
};

export const testClient = (overrides: Partial<HubSpotClientOptions> = {}) => {
  const timers = virtualTimers();
  const client = createHubSpotClient({
    baseUrl: BASE_URL,
    tokenProvider: tokenProvider(),
    logger: createLogger({ level: 'silent' }),
    timers,
    retry: { random: () => 0.5 },
    ...overrides,
  });
  return { client, timers, portal: client.forPortal(PORTAL) };
};

export const hubSpotRecord = (id: string | number, properties: Record<string, string | null> = {}) => ({
  id: String(id),
  properties: { hs_object_id: String(id), ...properties },
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-02-01T10:00:00.000Z',
  archived: false,
});

export const collect = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
};

/** nock 15 hands a reply function the fetch Request (one parameter; two would make it callback style). */
export const replyFromJson = (answer: (body: unknown) => readonly [number, unknown]) =>
  async (request: Request) => answer(await request.json());

/** No test reaches the network, and every interceptor a test sets up must have been used by it. */
export const useNockOnly = (): void => {
  beforeAll(() => { nock.disableNetConnect(); });
  afterEach(() => {
    const unused = nock.pendingMocks();
    nock.cleanAll();
    expect(unused).toEqual([]);
  });
};
