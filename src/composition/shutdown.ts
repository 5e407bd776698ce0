export interface Stoppable {
  server: { close(timeoutMs: number): Promise<void> };
  queue: { stop(options: { timeoutMs: number }): Promise<void> };
  db: { close(): Promise<void> };
  scorer?: { close(): Promise<void> };
  emulator?: { stop(): Promise<void> };
}

/**
 * Stops taking requests and jobs at the same time, each given the whole timeout: waiting for one before the other
 * made SIGTERM take their sum, past the timeout the orchestrator allows. The store closes once both are done.
 */
export const stopWithin = async (timeoutMs: number, parts: Stoppable): Promise<void> => {
  await Promise.all([parts.server.close(timeoutMs), parts.queue.stop({ timeoutMs })]);
  await parts.scorer?.close();
  await parts.db.close();
  await parts.emulator?.stop();
};
