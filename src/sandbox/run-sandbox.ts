import type { HubSpotClient } from '../hubspot/client.ts';
import { BACKFILL_PLAN, runBackfill } from '../jobs/backfill-portal.ts';
import { effectiveScoringConfig, scorePortal, type ScorePortalReport } from '../portal-scoring/score-portal.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { mintApiKey } from '../install/api-keys.ts';
import { apiKeysRepository } from '../store/api-keys-repository.ts';
import { installationsRepository } from '../store/installations-repository.ts';
import { dataCoverageRepository } from '../store/data-coverage-repository.ts';
import { portfolioRepository } from '../store/portfolio-repository.ts';
import { scoresRepository } from '../store/scores-repository.ts';
import { recordDemoCsmInputs } from './demo-csm-inputs.ts';
import { runFullSync } from '../sync/full-sync.ts';
import { storeSnapshotSource } from '../sync/snapshot-source.ts';
import type { SyncDeps } from '../sync/sync-deps.ts';
import { writeBackPortal, type WriteBackReport } from '../writeback/write-back.ts';
import { installThroughOAuth } from './oauth-install.ts';
import { cohortTable, coverageLines, worklistTable } from './summary.ts';

/** What the sandbox needs of the emulator main.ts started (src/ never imports emulator/ itself). */
export interface SandboxEmulator {
  baseUrl: string;
  stats(): { byPortal: Record<string, { total: number; byEndpoint: Record<string, { count: number }> } | undefined> };
}

export interface SandboxDeps {
  db: Db;
  /** The clock scoring runs at: the emulator portal's anchor date, so its history reads as recent. */
  clock: Clock;
  logger: Logger;
  hubspot: HubSpotClient;
  emulator: SandboxEmulator;
  /** This process's own server, e.g. http://127.0.0.1:3000: the OAuth install goes through its real routes. */
  appBaseUrl: string;
  syncDeps: SyncDeps;
  /** Where progress and the summary are printed; one line per call. */
  out: (line: string) => void;
  fetchImpl?: typeof fetch;
}

export interface SandboxResult {
  portalId: number;
  scoring: Omit<ScorePortalReport, 'cards'>;
  writeBack: WriteBackReport;
  /** A key minted for the demo portal, so the usage and admin APIs can be tried at once. */
  apiKey: string;
  /** The customer whose card carries a CSM sentiment, desired outcome and milestone of its own (the worklist's top). */
  demoCompanyId: string | null;
}

export const BATCH_UPDATE_ENDPOINT = 'POST /crm/objects/2026-03/companies/batch/update';

const seconds = (startedMs: number) => `${((Date.now() - startedMs) / 1000).toFixed(1)}s`;

/** Prints the emulator's request count every few seconds while a long step runs, so the wait is visibly alive. */
const heartbeat = (deps: SandboxDeps, portalId: number, label: string) => {
  const timer = setInterval(() => {
    deps.out(`    … ${label}: ${deps.emulator.stats().byPortal[String(portalId)]?.total ?? 0} HubSpot requests so far`);
  }, 3_000);
  return () => clearInterval(timer);
};

/**
 * The sandbox's main job, against the emulator: install through OAuth, full sync, history backfill, scoring, write-back, then a
 * summary a person can read. Every step is the production code path; only HubSpot is the emulator.
 */
export const runSandbox = async (deps: SandboxDeps): Promise<SandboxResult> => {
  const { out } = deps;
  out('Waypoint sandbox: a demo HubSpot portal (emulated), end to end');

  let started = Date.now();
  out('[1/5] Installing Waypoint through the OAuth flow …');
  await installThroughOAuth(deps.appBaseUrl, deps.fetchImpl);
  const installs = await installationsRepository(deps.db).listByStatus('active');
  const portalId = installs.at(-1)?.portalId;
  if (portalId === undefined) throw new AppError('INTERNAL', 'The OAuth install finished but no installation is active');
  out(`      installed in portal ${portalId}, properties provisioned (${seconds(started)})`);

  started = Date.now();
  out('[2/5] Full sync of customers and their history …');
  const stop = heartbeat(deps, portalId, 'sync');
  const sync = await runFullSync(deps.syncDeps, portalId).finally(stop);
  out(`      synced with ${sync.requestsUsed} HubSpot requests (plan minimum ${sync.minimumRequests}, ${sync.rateLimited} rate-limited) in ${seconds(started)}`);

  started = Date.now();
  out(`[3/5] History from day one: every customer scored as of ${BACKFILL_PLAN.points} weekly points before today …`);
  const backfill = await runBackfill({ db: deps.db, clock: deps.clock, logger: deps.logger, snapshots: storeSnapshotSource(deps.db) }, { portalId });
  out(`      ${backfill?.cards ?? 0} backfilled cards for ${backfill?.companies ?? 0} customers, the trend and baselines of their cards (${seconds(started)})`);

  started = Date.now();
  out('[4/5] Scoring every customer …');
  const scoreDeps = { db: deps.db, clock: deps.clock, logger: deps.logger, snapshots: storeSnapshotSource(deps.db) };
  const { cards, ...scoring } = await scorePortal(scoreDeps, { portalId });
  out(`      ${scoring.scored} customers scored, ${scoring.stored} new score cards (${seconds(started)})`);
  const demoCompanyId = await recordDemoCsmInputs(deps, portalId);
  if (demoCompanyId !== null) {
    await scorePortal(scoreDeps, { portalId, companyIds: [demoCompanyId] });
    out(`      the top customer (${demoCompanyId}) has a CSM sentiment, a desired outcome and a milestone of its own on its card`);
  }

  started = Date.now();
  out('[5/5] Writing results back to HubSpot company properties …');
  const before = deps.emulator.stats().byPortal[String(portalId)]?.byEndpoint[BATCH_UPDATE_ENDPOINT]?.count ?? 0;
  const writeBack = await writeBackPortal({ db: deps.db, portal: deps.hubspot.forPortal(portalId), clock: deps.clock, logger: deps.logger });
  const after = deps.emulator.stats().byPortal[String(portalId)]?.byEndpoint[BATCH_UPDATE_ENDPOINT]?.count ?? 0;
  out(`      ${writeBack.written} companies updated, ${writeBack.unchanged} unchanged, ${writeBack.failed.length} failed; ${after - before} batch-update requests (${seconds(started)})`);

  out('');
  out('Customers per cohort and segment');
  const { config } = await effectiveScoringConfig(deps.db, portalId);
  for (const line of cohortTable(await portfolioRepository(deps.db).cohortsBySegment(portalId, config.properties.arr))) out(`  ${line}`);
  out('');
  out('Top of the worklist');
  for (const line of worklistTable(await scoresRepository(deps.db).worklist(portalId, 10))) out(`  ${line}`);
  out('');
  const coverage = await dataCoverageRepository(deps.db).latest(portalId);
  if (coverage) {
    out('Data coverage: what the customers have, and what is missing');
    for (const line of coverageLines(coverage)) out(`  ${line}`);
    out('');
  }
  const { key } = await mintApiKey({ apiKeys: apiKeysRepository(deps.db), clock: deps.clock }, { portalId, name: 'sandbox' });
  const company = cards[0];
  out(`API key for portal ${portalId} (shown once): ${key}`);
  out('Send product usage with it:');
  out(`  curl -X POST ${deps.appBaseUrl}/api/v1/usage -H "Authorization: Bearer ${key}" -H 'Content-Type: application/json' \\`);
  out(`    -d '[{"companyId":"${company?.companyId ?? '<company id>'}","date":"${deps.clock.now().toISOString().slice(0, 10)}","metric":"active_users","value":12}]'`);
  out('');
  return { portalId, scoring, writeBack, apiKey: key, demoCompanyId };
};
