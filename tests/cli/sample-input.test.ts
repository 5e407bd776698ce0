import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const samplePath = 'docs/examples/companies.json';
const root = new URL('../../', import.meta.url).pathname;

describe('the sample companies.json the README points at', () => {
  it('when scored with the default config, then every record is valid and the thriving customer outscores the failing one', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['score', '--input', samplePath, '--now', '2026-11-01T00:00:00Z'], {
      readFile: (path) => readFileSync(`${root}${path}`, 'utf8'), out: (line) => out.push(line), err: (line) => err.push(line),
      now: () => new Date('2026-11-01T00:00:00Z'), env: {},
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const cards = out.map((line) => JSON.parse(line) as { companyId: string; health: { score: number } });
    expect(cards.map((c) => c.companyId)).toEqual(['1001', '1002', '1003']);
    const score = (id: string) => cards.find((c) => c.companyId === id)?.health.score ?? Number.NaN;
    expect(score('1001')).toBeGreaterThan(score('1002'));
  });

  it('when the README shows the score command, then it names this sample file', () => {
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain(`npm run waypoint -- score --input ${samplePath}`);
  });
});
