import { z } from 'zod';
import { companySnapshotSchema } from './snapshot.schema.ts';

/** The documented snapshot format (docs/snapshot.schema.json): an array of company snapshots, as the score CLI reads. */
export const snapshotJsonSchema = (): string => {
  const schema = z.toJSONSchema(z.array(companySnapshotSchema), { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Waypoint company snapshots', description: 'Input of scoreCompany and of `npm run waypoint -- score --input`' }, null, 2)}\n`;
};
