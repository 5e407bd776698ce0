import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotJsonSchema } from '../../src/scoring/snapshot-json-schema.ts';

describe('documented snapshot format', () => {
  it('when the snapshot schema changes, then docs/snapshot.schema.json must be regenerated (npm run -s waypoint -- snapshot-schema > docs/snapshot.schema.json)', () => {
    const committed = readFileSync(new URL('../../docs/snapshot.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(snapshotJsonSchema());
  });
});
