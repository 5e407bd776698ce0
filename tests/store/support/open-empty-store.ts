import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../src/store/open-store.ts';

// A child process of the embedded-memory test: opens an empty, migrated store as `npm start` does and reports the
// process's peak RSS, which belongs to this process alone.
const where = process.argv[2] ?? 'disk';
const dataDir = where === 'memory' ? undefined : await mkdtemp(join(tmpdir(), 'waypoint-empty-store-'));
const db = await openStore({ kind: 'pglite', dataDir });
await db.query('SELECT count(*) FROM crm_objects');
await db.close();
if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
