import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

type Service = { command?: string[]; environment?: Record<string, string>; image?: string };
const compose = parse(read('compose.yaml')) as { services: Record<string, Service> };
const script = read('scripts/topology/run.sh');

/** A bash array assignment `NAME=(a "b c" d)` as its words. */
const bashArray = (name: string): string[] => {
  const body = new RegExp(`^${name}=\\((.*)\\)$`, 'm').exec(script)?.[1];
  if (body === undefined) throw new Error(`scripts/topology/run.sh has no ${name}=(...)`);
  return [...body.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
};

describe('compose.yaml and scripts/topology/run.sh start one topology', () => {
  it('when both are read, then they start the same processes, in the same order, with the same role, port and command', () => {
    const fromCompose = Object.entries(compose.services)
      .filter(([, service]) => service.environment?.PROCESS_ROLE !== undefined)
      .map(([name, service]) => ({ name, role: service.environment?.PROCESS_ROLE, port: service.environment?.PORT, command: service.command?.join(' ') }));
    const command = bashArray('COMMAND').join(' ');
    const fromScript = bashArray('PROCESSES').map((line) => {
      const [name, role, port] = line.split(' ');
      return { name, role, port, command };
    });
    expect(fromScript).toEqual(fromCompose);
    expect(fromCompose.map((p) => p.role)).toEqual(['web', 'worker', 'worker']);
  });

  it('when both are read, then both migrate first with the same command, and both run on PostgreSQL', () => {
    expect(compose.services.migrate?.command).toEqual(bashArray('MIGRATE'));
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    expect(script).toContain('scripts/test-postgres.sh');
    for (const service of Object.values(compose.services)) {
      if (service.environment?.PROCESS_ROLE) expect(service.environment.DATABASE_URL).toMatch(/^postgres:\/\//);
    }
  });

  it('when the Dockerfile is read, then it builds in one stage and runs Node 24 as a non-root user with the compose command', () => {
    const dockerfile = read('Dockerfile');
    const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1] ?? '');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:24\b/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1]).toBe(JSON.stringify(compose.services.web?.command).replaceAll(',', ', '));
  });
});
