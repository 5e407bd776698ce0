import { vi } from 'vitest';

// hubspot.fetch hands every request to the host's `self.hsFetch`; the tests stand in for the host there, so
// api.ts runs unchanged and each test decides what Waypoint's backend answers.

export type RecordedRequest = { method: string; path: string; query: Record<string, string>; body: unknown };
type Answer = { status: number; body?: unknown } | 'network-error' | 'never';
type Handler = (request: RecordedRequest) => Answer;

export const installFakeBackend = () => {
  const requests: RecordedRequest[] = [];
  const handlers = new Map<string, Handler>();
  const fetch = vi.fn(async (url: string, options: { method?: string; body?: unknown } = {}) => {
    const parsed = new URL(url);
    const request: RecordedRequest = {
      method: options.method ?? 'GET',
      path: `${parsed.origin}${parsed.pathname}`,
      query: Object.fromEntries(parsed.searchParams),
      body: options.body,
    };
    requests.push(request);
    const handler = handlers.get(`${request.method} ${parsed.pathname}`);
    const answer: Answer = handler === undefined ? { status: 404, body: { error: { code: 'ROUTE_NOT_FOUND' } } } : handler(request);
    if (answer === 'network-error') throw new TypeError('fetch failed');
    if (answer === 'never') return new Promise<Response>(() => {});
    // A string body goes out as it is (a CSV export); anything else as JSON.
    const body = answer.body === undefined ? null : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status });
  });
  const host = globalThis as unknown as { self?: unknown; hsFetch?: unknown };
  host.self ??= globalThis;
  host.hsFetch = fetch;
  return {
    requests,
    /** Answers `METHOD /path` with the handler's answer from now on (replacing an earlier one). */
    on: (route: string, handler: Handler | Answer) => {
      handlers.set(route, typeof handler === 'function' ? handler : () => handler);
    },
    requestsTo: (route: string) => requests.filter((r) => `${r.method} ${new URL(r.path).pathname}` === route),
  };
};
