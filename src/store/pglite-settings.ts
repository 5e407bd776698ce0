import { PGlite } from '@electric-sql/pglite';

/**
 * Start-up settings for a store that serves one process on one connection. PostgreSQL's defaults size a server for
 * many backends: 128 MB of shared buffers sat resident in every Waypoint process. Measured on an empty store and an L
 * sync (issue 14), 16 MB of buffers costs no measurable throughput because the OS page cache holds the data files.
 */
export const pgliteStartParams: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c', 'shared_buffers=16MB',
  '-c', 'temp_buffers=2MB',
  '-c', 'wal_buffers=1MB',
  '-c', 'work_mem=8MB',
  '-c', 'maintenance_work_mem=32MB',
];
