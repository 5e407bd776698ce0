import { defaultScoringConfig } from '../../src/scoring/index.ts';
import { childTypes, syncSettingsFrom } from '../../src/sync/object-catalogue.ts';
import { rateUtilization } from '../lib/budget-use.ts';
import { startEmulatorProcess } from '../lib/emulator-process.ts';
import { round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { doorForEmulator, quietLogger } from '../lib/waypoint.ts';

const TIME_SCALE = 0.1;

/**
 * The ceiling a sync is judged against: Waypoint's door reads every object the portal holds, with the properties a
 * sync asks for, and throws each page away. No store, no sync logic: if this cannot keep HubSpot's budget busy, the
 * emulator or the door is the limit, not the sync. Each type is read by its own pager, as many at once as there
 * are types; the door's limiter alone decides the pace.
 */
scenarioMain(async ({ size, seed }) => {
  const emulator = await startEmulatorProcess({ size: size as 'S', seed, timeScale: TIME_SCALE });
  try {
    const portalId = emulator.portalIds[0] as number;
    const hubspot = doorForEmulator({ baseUrl: emulator.baseUrl, tokens: emulator.tokens, timeScale: TIME_SCALE, logger: quietLogger() });
    const client = hubspot.forPortal(portalId);
    const settings = syncSettingsFrom(defaultScoringConfig);
    const readAll = async (type: 'companies' | (typeof childTypes)[number], properties: readonly string[]): Promise<number> => {
      let records = 0;
      for await (const page of client.listObjects(type, { properties })) records += page.results.length;
      return records;
    };
    const cpuBefore = await emulator.rpc.call<number>('cpuMs');
    const clientCpu = process.cpuUsage();
    const started = performance.now();
    const counts = await Promise.all([
      readAll('companies', settings.companyProperties),
      ...childTypes.map((type) => readAll(type, settings.childProperties[type])),
    ]);
    const elapsedMs = performance.now() - started;
    const clientCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(clientCpu));
    const emulatorCpuMs = (await emulator.rpc.call<number>('cpuMs')) - cpuBefore;
    const stats = hubspot.stats(portalId);
    const key = (name: string) => `readCeiling.${size}.${name}`;
    return {
      figures: {
        [key('rateUtilization')]: round(rateUtilization(stats, elapsedMs, TIME_SCALE)),
        [key('requests')]: stats.requests,
        [key('emulatorCpuShare')]: round(emulatorCpuMs / elapsedMs),
        [key('clientCpuShare')]: round(clientCpuMs / elapsedMs),
      },
      missing: {},
      notes: [`${size}: read and discarded ${counts.reduce((a, b) => a + b, 0)} records in ${stats.requests} requests, ${Math.round(elapsedMs)} ms`],
    };
  } finally {
    await emulator.stop();
  }
});
