import { percentile } from './measure.ts';

export interface LoadResult {
  p50Ms: number;
  p99Ms: number;
  requestsPerSec: number;
  failures: number;
}

/**
 * Sends the prepared requests through `concurrency` parallel loops and times each one from send to last byte.
 * Requests are prepared up front so signing them is not part of what is timed.
 */
export const runLoad = async (requests: ReadonlyArray<{ url: string; headers: Record<string, string> }>, concurrency: number): Promise<LoadResult> => {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const loop = async () => {
    while (next < requests.length) {
      const request = requests[next++] as (typeof requests)[number];
      const started = performance.now();
      const response = await fetch(request.url, { headers: request.headers });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsedMs = performance.now() - started;
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), requestsPerSec: requests.length / (elapsedMs / 1000), failures };
};
