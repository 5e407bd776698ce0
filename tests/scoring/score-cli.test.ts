import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCardSchema } from '../../src/scoring/score-card.schema.ts';
import { aSnapshot, inboundEmail, NOW } from './support/snapshot.ts';

const run = (argv: string[], files: Record<string, unknown>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      const content = files[path];
      return typeof content === 'string' ? content : JSON.stringify(content);
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2030-01-01T00:00:00Z'),
    env: {},
  });
  return { code, out, err };
};

const two = [aSnapshot({ engagements: [inboundEmail(3)] }), aSnapshot({ company: { id: 'c-2' } })];

describe('npm run waypoint -- score', () => {
  it('when given two snapshots and --now, then it prints two score cards, one JSON object per line, scored at that time', () => {
    const { code, out, err } = run(['score', '--input', 'companies.json', '--now', NOW.toISOString()], { 'companies.json': two });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(2);
    const cards = out.map((line) => scoreCardSchema.parse(JSON.parse(line)));
    expect(cards.map((c) => [c.companyId, c.scoredAt])).toEqual([['c-1', NOW.toISOString()], ['c-2', NOW.toISOString()]]);
  });

  it('when --now is left out, then the cards are scored at the current time', () => {
    const { out } = run(['score', '--input', 'companies.json'], { 'companies.json': two });
    expect(JSON.parse(out[0]!).scoredAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('when a config file changes the dark window, then the cards follow it', () => {
    const config = structuredClone(defaultScoringConfig);
    config.dark.defaultDays = 2;
    const { out } = run(['score', '--input', 'c.json', '--config', 'cfg.json', '--now', NOW.toISOString()], { 'c.json': [two[0]], 'cfg.json': config });
    expect(JSON.parse(out[0]!).goneDark.dark).toBe(true);
  });

  it('when a config file holds only the dark window, then the cards follow it and every other rule keeps its default', () => {
    const partial = { dark: { defaultDays: 2 } };
    const withPartial = run(['score', '--input', 'c.json', '--config', 'cfg.json', '--now', NOW.toISOString()], { 'c.json': [two[0]], 'cfg.json': partial });
    const full = structuredClone(defaultScoringConfig);
    full.dark.defaultDays = 2;
    const withFull = run(['score', '--input', 'c.json', '--config', 'cfg.json', '--now', NOW.toISOString()], { 'c.json': [two[0]], 'cfg.json': full });
    expect(withPartial.err).toEqual([]);
    expect(JSON.parse(withPartial.out[0]!).goneDark.dark).toBe(true);
    expect(withPartial.out).toEqual(withFull.out);
  });

  it('when records are invalid, then each error names the record index and field, and nothing is scored', () => {
    const broken = [two[0], { ...two[1], engagements: [{ ...inboundEmail(1), timestamp: 'last tuesday' }] }, { ...two[1], company: { ...two[1]!.company, arr: -5 } }];
    const { code, out, err } = run(['score', '--input', 'companies.json'], { 'companies.json': broken });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(/^companies\.json: record 1: engagements\.0\.timestamp: /),
      expect.stringMatching(/^companies\.json: record 2: company\.arr: /),
    ]);
  });

  it.each([
    ['the config is invalid', ['--config', 'cfg.json'], { 'cfg.json': { ...defaultScoringConfig, dark: { defaultDays: -3, bySegment: {} } } }, 'cfg.json: dark.defaultDays: must be 0 or more days'],
    ['the input is not JSON', [], { 'companies.json': '{oops' }, 'companies.json: not valid JSON'],
    ['the input is an object, not an array', [], { 'companies.json': { company: {} } }, 'companies.json: expected a JSON array of company snapshots'],
    ['the input file does not exist', ['--input', 'missing.json'], {}, 'missing.json: cannot read (ENOENT)'],
    ['--now is not a date-time', ['--now', 'soon'], {}, '--now: expected an ISO date-time'],
  ])('when %s, then it exits 1 with an error saying so', (_case, extra, files, message) => {
    const { code, err } = run(['score', '--input', 'companies.json', ...extra], { 'companies.json': two, ...files });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(message);
  });

  it.each([
    ['no --input', ['score']],
    ['an unknown option', ['score', '--input', 'x', '--fast']],
    ['an unknown command', ['rescore']],
  ])('when called with %s, then it prints usage and exits 2', (_case, argv) => {
    const { code, err } = run(argv, {});
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('usage: npm run waypoint');
  });
});
