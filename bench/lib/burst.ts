import { Rng } from '../../emulator/generator/index.ts';
import type { Pipeline } from './pipeline.ts';

type Target = { type: 'companies' | 'contacts'; id: string; property: string };

const heldIds = async (pipeline: Pipeline, portalId: number, type: string): Promise<string[]> =>
  (await pipeline.db.query<{ id: string }>('SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = $2 ORDER BY object_id', [portalId, type]))
    .map((row) => row.id);

/**
 * `count` user edits in HubSpot, spread (seeded) over the synced customers and their contacts, each one property
 * change and so one webhook event. Returns what each touched record's property must finally read.
 */
export const editBurst = async (pipeline: Pipeline, portalId: number, count: number, seed: number): Promise<Map<string, { target: Target; value: string }>> => {
  const targets: Target[] = [
    ...(await heldIds(pipeline, portalId, 'companies')).map((id) => ({ type: 'companies' as const, id, property: 'use_case' })),
    ...(await heldIds(pipeline, portalId, 'contacts')).map((id) => ({ type: 'contacts' as const, id, property: 'jobtitle' })),
  ];
  if (targets.length === 0) throw new Error('nothing synced to edit');
  const rng = new Rng(seed);
  const finalValues = new Map<string, { target: Target; value: string }>();
  for (let i = 0; i < count; i += 1) {
    const target = targets[Math.floor(rng.next() * targets.length)] as Target;
    const value = `burst edit ${i}`;
    pipeline.emulator.mutate.updateObject({ portalId, type: target.type, id: target.id, properties: { [target.property]: value } });
    finalValues.set(`${target.type}/${target.id}`, { target, value });
  }
  return finalValues;
};

/** Records whose stored property does not read the last edit made to it in HubSpot. */
export const staleRecords = async (pipeline: Pipeline, portalId: number, expected: Map<string, { target: Target; value: string }>): Promise<string[]> => {
  const stale: string[] = [];
  for (const [key, { target, value }] of expected) {
    const [row] = await pipeline.db.query<{ value: string | null }>(
      'SELECT properties->>$4 AS value FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = $3', [portalId, target.type, target.id, target.property],
    );
    if (row?.value !== value) stale.push(key);
  }
  return stale;
};
