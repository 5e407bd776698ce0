import { expect, it } from 'vitest';
import { burstFigures } from '../../bench/lib/burst-run.ts';

it('when 10,000 edits arrive as webhooks and a tenth of the batches are delivered twice, then every event is applied once and the store shows every last edit', async () => {
  const outcome = await burstFigures({ events: 10_000, duplicateRate: 0.1, seed: 11 });
  expect(outcome.emitted).toBe(10_000);
  expect(outcome.redelivered).toBeGreaterThan(0);
  expect(outcome.stored).toBe(outcome.emitted);
  expect(outcome.staleRecords).toEqual([]);
  expect(outcome.lost).toBe(0);
  expect(outcome.duplicated).toBe(0);
});
