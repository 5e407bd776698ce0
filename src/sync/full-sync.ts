import { setImmediate } from 'node:timers/promises';
import { parseHubSpotTimestamp } from '../hubspot/search.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import { crmRepository } from '../store/crm-repository.ts';
import { plannerStatistics } from '../store/planner-statistics.ts';
import { syncRepository } from '../store/sync-repository.ts';
import {
  enterPhase, FULL_STREAM, fullCursorSchema, incrementalStream, incrementalWatermark, type FullCursor,
} from './full-sync-cursor.ts';
import type { PhaseContext } from './full-sync-context.ts';
import { syncAssociationsStrategy } from './full-sync-associations.ts';
import { syncCompanies, syncListStrategy } from './full-sync-phases.ts';
import { childTypes } from './object-catalogue.ts';
import { syncOwners } from './owners.ts';
import { progressTracker, type ProgressTracker } from './progress.ts';
import { minimumRequests, planType, type TypePlan } from './strategy.ts';
import type { SyncDeps } from './sync-deps.ts';

export interface FullSyncResult {
  runId: number;
  requestsUsed: number;
  minimumRequests: number;
  rateLimited: number;
  plan: FullCursor['plan'];
  swept: number;
}

const newestModified = (records: readonly HubSpotObject[], since: number): number =>
  records.reduce((max, r) => Math.max(max, parseHubSpotTimestamp(r.properties.hs_lastmodifieddate) ?? 0), since);

const startCursor = async (deps: SyncDeps, portalId: number, requestsUsed: number): Promise<FullCursor> => {
  const run = await syncRepository(deps.db).startRun(portalId, 'full');
  return {
    runId: run.id, runStartedAt: run.startedAt.toISOString(), wallStartMs: deps.clock.now().getTime(), maxModifiedMs: 0,
    requestsUsed, pages: 0, records: 0, counts: null, plan: null, phase: 'plan', companiesSinceMs: 0,
    listAfter: null, chunk: 0, chunkLinksRead: false, lastChildId: '',
  };
};

const planPhase = async (context: PhaseContext, progress: ProgressTracker): Promise<void> => {
  const { client, settings } = context;
  const filter = { propertyName: settings.customerFilter.property, operator: 'IN' as const, values: settings.customerFilter.values };
  // One search each, all at once: the search budget's limiter paces them.
  const [customers, companies, ...totals] = await Promise.all([
    client.countObjects('companies', [filter]), client.countObjects('companies'), ...childTypes.map((type) => client.countObjects(type)),
  ]);
  const counts = { customers: customers as number, companies: companies as number };
  const plan: TypePlan[] = childTypes.map((type, i) => planType(type, totals[i] as number, counts));
  progress.setPlanned(minimumRequests(counts.customers, plan));
  await context.commit({ objectType: 'plan', records: [], pages: 0 }, { ...enterPhase('companies'), counts, plan }, async (tx) => {
    await syncRepository(tx).updateRun(context.portalId, context.cursor().runId, {
      strategy: Object.fromEntries(plan.map((p) => [p.type, { strategy: p.strategy, reason: p.reason, total: p.total }])),
    });
  });
};

/**
 * Full sync of one portal's customers: plan (counts), companies, then each child type by its cheaper strategy.
 * Every commit carries its pages' checkpoint, so a crash at any moment resumes after the last committed page without duplicates;
 * the final sweep drops whatever this run did not see (deleted in HubSpot, or no longer a customer's).
 */
export const runFullSync = async (deps: SyncDeps, portalId: number, signal?: AbortSignal): Promise<FullSyncResult> => {
  const logger: Logger = portalLogger(deps.logger, portalId);
  const client = deps.hubspot.forPortal(portalId);
  const store = syncRepository(deps.db);
  const requestsNow = () => deps.hubspot.stats(portalId).requests;
  const rateLimitedAtStart = deps.hubspot.stats(portalId).rateLimited;
  const saved = fullCursorSchema.safeParse(await store.checkpoint(portalId, FULL_STREAM));
  let cursor = saved.success ? saved.data : await startCursor(deps, portalId, 0);
  if (saved.success) logger.info({ runId: cursor.runId, phase: cursor.phase, pages: cursor.pages }, 'resuming full sync from its checkpoint');
  const requestsBefore = cursor.requestsUsed - requestsNow();
  const settings = await deps.settingsFor(portalId);
  const progress = progressTracker({
    kind: 'full', clock: deps.clock, logger, requestsSoFar: () => requestsBefore + requestsNow(),
    start: { pages: cursor.pages, records: cursor.records, requestsPlanned: cursor.plan && cursor.counts ? minimumRequests(cursor.counts.customers, cursor.plan) : null },
  });

  const statistics = plannerStatistics(deps.db);
  const context: PhaseContext = {
    portalId, client, settings, signal, db: deps.db,
    cursor: () => cursor,
    async commit({ objectType, records, pages }, next, write) {
      // A stopping worker writes no page that arrived after the stop (the reads in flight bring some), so it never
      // gets further than the pages it had when told to stop; a commit without pages still goes in.
      if (pages > 0) signal?.throwIfAborted();
      const current = progress.page(objectType, records.length, pages);
      const advanced: FullCursor = {
        ...cursor, ...next, pages: current.pages, records: current.records, requestsUsed: current.requestsUsed,
        maxModifiedMs: newestModified(records, cursor.maxModifiedMs),
      };
      // One turn of the event loop first: the reads the read-ahead has just asked for go out, and the responses that
      // have arrived are read, before the embedded store holds this thread for the writes.
      await setImmediate();
      await deps.db.transaction(async (tx) => {
        await write?.(tx);
        await syncRepository(tx).saveRunCheckpoint(portalId, FULL_STREAM, advanced, { runId: advanced.runId, progress: current });
      });
      const writesDone = advanced.phase === 'finish' && cursor.phase !== 'finish';
      cursor = advanced;
      await (writesDone ? statistics.refresh() : statistics.afterWrites(advanced.records));
      signal?.throwIfAborted();
    },
  };

  try {
    if (cursor.phase === 'plan') await planPhase(context, progress);
    if (cursor.phase === 'companies') await syncCompanies(context);
    while (cursor.phase !== 'finish') {
      const plan = cursor.plan?.find((p) => p.type === cursor.phase);
      if (!plan) throw new Error(`full sync cursor names phase ${cursor.phase} without a plan`);
      await (plan.strategy === 'list' ? syncListStrategy(context, plan.type) : syncAssociationsStrategy(context, plan.type));
    }
  } catch (error) {
    // The checkpoint stays: the next attempt resumes this same run.
    await store.finishRun(portalId, cursor.runId, { status: 'failed', progress: progress.snapshot(), error: error instanceof Error ? error.message : String(error) });
    throw error;
  }

  await syncOwners(deps, portalId, client);
  const final = progress.snapshot();
  const minimum = minimumRequests(cursor.counts?.customers ?? 0, cursor.plan ?? []);
  const watermark = incrementalWatermark(cursor);
  const swept = await deps.db.transaction(async (tx) => {
    const removed = await crmRepository(tx).sweepUnseen(portalId, new Date(cursor.runStartedAt));
    for (const type of ['companies', ...childTypes]) await syncRepository(tx).saveCheckpoint(portalId, incrementalStream(type), { sinceMs: watermark });
    await syncRepository(tx).deleteCheckpoint(portalId, FULL_STREAM);
    await syncRepository(tx).updateRun(portalId, cursor.runId, {
      strategy: {
        ...Object.fromEntries((cursor.plan ?? []).map((p) => [p.type, { strategy: p.strategy, reason: p.reason, total: p.total, linked: p.linked }])),
        customers: cursor.counts?.customers, minimumRequests: minimum,
      },
    });
    await syncRepository(tx).finishRun(portalId, cursor.runId, { status: 'succeeded', progress: { ...final, etaSeconds: 0, minimumRequests: minimum } });
    return removed;
  });
  const rateLimited = deps.hubspot.stats(portalId).rateLimited - rateLimitedAtStart;
  logger.info({ runId: cursor.runId, requestsUsed: final.requestsUsed, minimumRequests: minimum, rateLimited, swept, records: final.records }, 'full sync finished');
  await deps.requestScoring(portalId, null);
  return { runId: cursor.runId, requestsUsed: final.requestsUsed, minimumRequests: minimum, rateLimited, plan: cursor.plan, swept };
};
