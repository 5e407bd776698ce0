import type { BatchFailure } from '../hubspot/batch-failures.ts';
import { chunksOf } from '../hubspot/chunks.ts';
import type { PortalClient } from '../hubspot/client.ts';
import type { BatchUpdateInput } from '../hubspot/objects.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { Queryable } from '../store/db.ts';
import { scoresRepository } from '../store/scores-repository.ts';
import { changedProperties, propertiesFromCard } from './card-properties.ts';
import { writtenPropertiesRepository } from '../store/written-properties-repository.ts';

export const WRITE_BATCH_SIZE = 100;

export interface WriteBackDeps {
  db: Queryable;
  portal: Pick<PortalClient, 'portalId' | 'batchUpdate'>;
  clock: Clock;
  logger: Logger;
  /** Extra rounds for the inputs a 207 reported as failed; only those inputs are sent again. */
  retryRounds?: number;
}

export interface WriteBackReport {
  /** Companies with a score card that were compared with what Waypoint last wrote. */
  compared: number;
  /** Companies whose values all matched: nothing sent for them. */
  unchanged: number;
  /** Companies HubSpot accepted the changed values for. */
  written: number;
  /** Batch-update requests sent, retries of failed inputs included. */
  batchRequests: number;
  /** Inputs still failing after the retry rounds, each with HubSpot's reason. */
  failed: BatchFailure[];
}

/**
 * Writes the latest score card of each company (all scored companies of the portal, or the given ones) into
 * Waypoint's company properties, sending only the values that differ from what Waypoint last wrote. Each
 * accepted batch is recorded at once, so a job that dies half way resends only what was not yet accepted.
 */
export const writeBackPortal = async (deps: WriteBackDeps, companyIds?: readonly string[]): Promise<WriteBackReport> => {
  const portalId = deps.portal.portalId;
  const scores = await scoresRepository(deps.db).latestByCompany(portalId, companyIds, { liveOnly: true });
  const writtenRepo = writtenPropertiesRepository(deps.db);
  const written = await writtenRepo.forCompanies(portalId, [...scores.keys()]);

  const inputs: BatchUpdateInput[] = [];
  for (const [companyId, score] of scores) {
    const changed = changedProperties(propertiesFromCard(score.card), written.get(companyId));
    if (Object.keys(changed).length > 0) inputs.push({ id: companyId, properties: changed });
  }
  const report: WriteBackReport = { compared: scores.size, unchanged: scores.size - inputs.length, written: 0, batchRequests: 0, failed: [] };

  const retryRounds = deps.retryRounds ?? 2;
  for (const chunk of chunksOf(inputs, WRITE_BATCH_SIZE)) {
    let pending = chunk;
    for (let round = 0; round <= retryRounds && pending.length > 0; round += 1) {
      const result = await deps.portal.batchUpdate('companies', pending);
      report.batchRequests += 1;
      const accepted = new Set(result.updated);
      await writtenRepo.record(portalId, pending.filter((input) => accepted.has(input.id)).map(toWritten), deps.clock.now());
      report.written += accepted.size;
      // A company HubSpot no longer has will not come back by asking again; anything else gets another round.
      const lastRound = round === retryRounds;
      report.failed.push(...result.failed.filter((failure) => lastRound || failure.code === 'HUBSPOT_NOT_FOUND'));
      const retry = new Set(result.failed.filter((failure) => failure.code !== 'HUBSPOT_NOT_FOUND').map((failure) => failure.id));
      pending = pending.filter((input) => retry.has(input.id));
    }
  }
  if (report.failed.length > 0) {
    deps.logger.warn({ failed: report.failed.slice(0, 20), failedCount: report.failed.length }, 'write-back: some companies were not updated');
  }
  deps.logger.info({ ...report, failed: report.failed.length }, 'write-back done');
  return report;
};

const toWritten = (input: BatchUpdateInput) => ({
  companyId: input.id,
  properties: Object.fromEntries(Object.entries(input.properties).map(([name, value]) => [name, value ?? ''])),
});
