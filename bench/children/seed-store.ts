import { parseArgs } from 'node:util';
import { childTypes, generatePortal, type CrmRecord, type Size } from '../../emulator/generator/index.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { usageRepository, type UsageMetricInput } from '../../src/store/usage-repository.ts';
import { isCustomer, syncSettingsFrom } from '../../src/sync/object-catalogue.ts';

/**
 * Fills an embedded store on disk with a generated portal's customers as a full sync leaves them (records, company
 * links, daily usage), through the store's own repositories but in large batches: the scoring benchmark needs the
 * rows, not another measurement of the sync. Run as a child so the generator's memory stays out of the measurement.
 */
const { values } = parseArgs({ options: { dataDir: { type: 'string' }, databaseUrl: { type: 'string' }, size: { type: 'string', default: 'M' }, seed: { type: 'string', default: '42' }, portalId: { type: 'string' }, usageDays: { type: 'string', default: '180' } } });
if ((!values.dataDir && !values.databaseUrl) || !values.portalId) throw new Error('seed-store needs --dataDir or --databaseUrl, and --portalId');
const portalId = Number(values.portalId);
const usageDays = Number(values.usageDays);
const portal = generatePortal({ size: values.size as Size, seed: Number(values.seed), portalId });
const settings = syncSettingsFrom(defaultScoringConfig);
const db = await openStore(values.databaseUrl ? { kind: 'postgres', databaseUrl: values.databaseUrl } : { kind: 'pglite', dataDir: values.dataDir! });
const crm = crmRepository(db);
const BATCH = 2_000;

const pending = new Map<string, CrmRecord[]>();
let usage: UsageMetricInput[] = [];
const flush = async (type: string, force = false) => {
  const records = pending.get(type) ?? [];
  if (records.length === 0 || (!force && records.length < BATCH)) return;
  pending.set(type, []);
  await crm.upsertObjects(portalId, type, records.map((r) => ({ id: r.id, properties: r.properties, updatedAt: r.updatedAt })));
  if (type !== 'companies') await crm.insertLinks(portalId, type, records.flatMap((r) => (r.companyId ? [{ child: r.id, company: r.companyId }] : [])));
};
const add = async (type: string, record: CrmRecord) => {
  pending.set(type, [...(pending.get(type) ?? []), record]);
  await flush(type);
};

let customers = 0;
for (const [index, company] of portal.companies.entries()) {
  if (!isCustomer(settings, company.properties)) continue;
  customers += 1;
  await add('companies', company);
  const children = portal.children(index);
  for (const type of childTypes) for (const record of children[type]) if (!record.archived) await add(type, record);
  const series = portal.usage(company.id);
  if (series) {
    const start = Date.parse(`${series.startDate}T00:00:00Z`);
    series.values.forEach((value, day) => {
      if (day >= series.values.length - usageDays) usage.push({ companyId: company.id, day: new Date(start + day * 86_400_000).toISOString().slice(0, 10), metric: series.metric, value });
    });
  }
  if (usage.length >= 20_000) {
    await usageRepository(db).upsert(portalId, usage);
    usage = [];
  }
}
await flush('companies', true);
for (const type of childTypes) await flush(type, true);
await usageRepository(db).upsert(portalId, usage);
await db.close();
process.send?.({ type: 'seeded', customers });
