import { describe, expect, it } from 'vitest';
import { stopWithin } from '../../src/composition/shutdown.ts';

/** A part that stops only when the test lets it, recording when it was asked to. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { asked: false, open, opened };
};

describe('shutdown', () => {
  it('when SIGTERM stops the process, then the queue is told to stop while HTTP is still closing, each with the whole timeout', async () => {
    const http = gate();
    const jobs = gate();
    const order: string[] = [];
    const given: number[] = [];
    const stopping = stopWithin(15_000, {
      server: { close: async (timeoutMs) => { http.asked = true; given.push(timeoutMs); await http.opened; order.push('http closed'); } },
      queue: { stop: async ({ timeoutMs }) => { jobs.asked = true; given.push(timeoutMs); await jobs.opened; order.push('queue stopped'); } },
      db: { close: async () => { order.push('store closed'); } },
      emulator: { stop: async () => { order.push('emulator stopped'); } },
    });
    await Promise.resolve();
    // Both were asked before either finished: the waits overlap instead of adding up.
    expect([http.asked, jobs.asked]).toEqual([true, true]);
    jobs.open();
    http.open();
    await stopping;
    expect(given).toEqual([15_000, 15_000]);
    expect(order).toEqual(['queue stopped', 'http closed', 'store closed', 'emulator stopped']);
  });
});
