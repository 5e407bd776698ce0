import type { HubSpotClient } from '../hubspot/client.ts';
import { parsePortalJobData } from './score-portal.ts';
import type { Clock } from '../shared/clock.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { writeBackPortal, type WriteBackReport } from '../writeback/write-back.ts';

export interface WritebackPortalDeps {
  db: Db;
  hubspot: Pick<HubSpotClient, 'forPortal'>;
  clock: Clock;
  logger: Logger;
}

export interface WritebackPortalInput {
  portalId: number;
  companyIds?: readonly string[];
}

/** Job body of writeback-portal: the portal's latest score cards into its Waypoint company properties. */
export const writebackPortal = (deps: WritebackPortalDeps, input: WritebackPortalInput): Promise<WriteBackReport> =>
  writeBackPortal(
    { db: deps.db, portal: deps.hubspot.forPortal(input.portalId), clock: deps.clock, logger: portalLogger(deps.logger, input.portalId) },
    input.companyIds,
  );

/** The writeback-portal queue handler: `queue.work('writeback-portal', writebackPortalJob(deps))`. */
export const writebackPortalJob = (deps: WritebackPortalDeps) => async (data: Record<string, unknown>): Promise<void> => {
  await writebackPortal(deps, parsePortalJobData('writeback-portal', data));
};
