// Spawned twice at once by the concurrency test: opens the store (which migrates) and reports what it applied.
import { openPostgres } from '../../src/store/postgres.ts';
import { migrate } from '../../src/store/migrate.ts';

const db = await openPostgres(process.argv[2] ?? '');
const startAt = Number(process.argv[3] ?? Date.now());
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const result = await migrate(db);
console.log(JSON.stringify(result));
await db.close();
