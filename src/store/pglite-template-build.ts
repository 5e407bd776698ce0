import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// Run by pglite-template.ts in a short-lived process of its own: initdb costs a few hundred MB of memory that the
// process serving Waypoint would otherwise keep as its high-water mark.
const target = process.argv[2];
if (!target) throw new Error('usage: pglite-template-build.ts <template folder>');
// Built aside and renamed: a reader never sees half a template, and of racing builders the first to land wins.
const partial = `${target}.${process.pid}.partial`;
await mkdir(partial, { recursive: true });
const pglite = new PGlite(join(partial, 'pgdata'));
await pglite.waitReady;
await pglite.exec('CHECKPOINT');
const tarball = await pglite.dumpDataDir('gzip');
await pglite.close();
await writeFile(join(partial, 'pgdata.tar.gz'), Buffer.from(await tarball.arrayBuffer()));
await rename(partial, target).catch(() => rm(partial, { recursive: true, force: true }));
