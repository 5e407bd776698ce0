import { z } from 'zod';
import { portalLogger } from '../shared/logger.ts';
import { crmRepository } from '../store/crm-repository.ts';
import type { Session } from '../store/db.ts';
import { syncRepository } from '../store/sync-repository.ts';
import { fetchChildLinks, fetchCompanyHistory, mergedAway, writeChildren, writeCompanies } from './apply-changes.ts';
import { incrementalStream } from './full-sync-cursor.ts';
import { childTypes, isCustomer } from './object-catalogue.ts';
import { progressTracker } from './progress.ts';
import { stillHeld, type SyncDeps } from './sync-deps.ts';

const incrementalCursorSchema = z.object({ sinceMs: z.number() });

export interface IncrementalSyncResult {
  runId: number;
  changedCompanies: string[];
  requestsUsed: number;
}

/** Null when a stream has never been fully synced: only a full sync can start it. */
export const readWatermarks = async (deps: SyncDeps, portalId: number): Promise<Map<string, number> | null> => {
  const store = syncRepository(deps.db);
  const marks = new Map<string, number>();
  for (const type of ['companies', ...childTypes]) {
    const parsed = incrementalCursorSchema.safeParse(await store.checkpoint(portalId, incrementalStream(type)));
    if (!parsed.success) return null;
    marks.set(type, parsed.data.sinceMs);
  }
  return marks;
};

/**
 * Everything modified since each stream's watermark (search on hs_lastmodifieddate; the door restarts the window
 * at HubSpot's 10,000-result cap). Companies go first: one that became a customer brings its whole history, one that
 * stopped being a customer leaves with its history. Deletions arrive by webhook and by the nightly full reconcile,
 * because search never returns archived records.
 */
export const runIncrementalSync = async (deps: SyncDeps, portalId: number, watermarks: Map<string, number>, signal?: AbortSignal): Promise<IncrementalSyncResult> => {
  const logger = portalLogger(deps.logger, portalId);
  const client = deps.hubspot.forPortal(portalId);
  const settings = await deps.settingsFor(portalId);
  const run = await syncRepository(deps.db).startRun(portalId, 'incremental');
  const requestsAtStart = deps.hubspot.stats(portalId).requests;
  const progress = progressTracker({ kind: 'incremental', clock: deps.clock, logger, requestsSoFar: () => deps.hubspot.stats(portalId).requests - requestsAtStart });
  const affected = new Set<string>();

  const commitPage = async (type: string, records: number, sinceMs: number, write: (tx: Session) => Promise<string[]>) => {
    const current = progress.page(type, records);
    await deps.db.transaction(async (tx) => {
      (await write(tx)).forEach((id) => affected.add(id));
      await syncRepository(tx).saveRunCheckpoint(portalId, incrementalStream(type), { sinceMs }, { runId: run.id, progress: current });
    });
    signal?.throwIfAborted();
  };

  try {
    const companyPages = client.searchModifiedSince('companies', { sinceMs: watermarks.get('companies') ?? 0, properties: settings.companyProperties });
    for await (const page of companyPages) {
      const customers = page.results.filter((r) => isCustomer(settings, r.properties));
      const held = await crmRepository(deps.db).existing(portalId, 'companies', [...customers.map((r) => r.id), ...mergedAway(customers)]);
      // New customers bring their history; a survivor of a merge with a held company takes over the merged one's.
      const history = await fetchCompanyHistory(client, settings, customers
        .filter((r) => !held.has(r.id) || mergedAway([r]).some((id) => held.has(id))).map((r) => r.id));
      await commitPage('companies', page.results.length, page.lastModifiedMs, async (tx) => {
        const changes = await writeCompanies(tx, portalId, settings, page.results);
        const touched = [...changes.changed];
        for (const fetched of history) touched.push(...(await writeChildren(tx, portalId, fetched, 'add')));
        return touched;
      });
    }
    for (const type of childTypes) {
      for await (const page of client.searchModifiedSince(type, { sinceMs: watermarks.get(type) ?? 0, properties: settings.childProperties[type] })) {
        const fetched = await fetchChildLinks(client, type, page.results);
        await commitPage(type, page.results.length, page.lastModifiedMs, (tx) => writeChildren(tx, portalId, fetched, 'replace'));
      }
    }
  } catch (error) {
    await syncRepository(deps.db).finishRun(portalId, run.id, { status: 'failed', progress: progress.snapshot(), error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const final = progress.snapshot();
  await syncRepository(deps.db).finishRun(portalId, run.id, { status: 'succeeded', progress: { ...final, etaSeconds: 0 } });
  const changedCompanies = await stillHeld(deps, portalId, affected);
  logger.info({ runId: run.id, changedCompanies: changedCompanies.length, requestsUsed: final.requestsUsed }, 'incremental sync finished');
  if (changedCompanies.length > 0) await deps.requestScoring(portalId, changedCompanies);
  return { runId: run.id, changedCompanies, requestsUsed: final.requestsUsed };
};
