import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeResults } from '../../bench/lib/results-file.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const tempFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'waypoint-bench-'));
  dirs.push(dir);
  return join(dir, 'results.json');
};

describe('bench results file', () => {
  it('when one scenario is re-measured, then its figures are replaced and every other figure in the file is kept', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify({ card: { p50RatioToFloor: 0.9 }, sync: { S: { requests: 79, http429: 0 } } }));
    await writeResults(path, { 'card.p50RatioToFloor': 0.8 }, { keepOthers: true });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ card: { p50RatioToFloor: 0.8 }, sync: { S: { requests: 79, http429: 0 } } });
  });

  it('when a full run writes, then the file holds exactly that run\'s figures', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify({ stale: { figure: 1 } }));
    await writeResults(path, { 'sync.S.requests': 80 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ sync: { S: { requests: 80 } } });
  });
});
