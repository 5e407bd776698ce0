import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScenarioChild } from '../../bench/lib/child-runner.ts';

const scenario = fileURLToPath(new URL('./fixtures/scenario-with-helper.ts', import.meta.url));

// A killed orphan may linger as a zombie until init reaps it; it runs no more, so it counts as stopped.
const isRunning = async (pid: number): Promise<boolean> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

// SIGKILL is sent before the runner resolves, but the kernel ends the process a moment later.
const stopped = async (pid: number): Promise<boolean> => {
  for (let i = 0; i < 200 && (await isRunning(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !(await isRunning(pid));
};

describe('bench runner: a scenario leaves no process behind', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-runner-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a scenario times out while its own child (an emulator) runs, then that child is stopped with it', async () => {
    const pidFile = join(dir, 'helper.pid');
    // Long enough for the scenario to start its helper on a loaded machine; the scenario itself never ends.
    const outcome = await runScenarioChild(scenario, [pidFile, 'hang'], 30_000);

    expect(outcome).toEqual({ ok: false, message: 'timed out after 30 s' });
    const helperPid = Number(await readFile(pidFile, 'utf8'));
    expect(await stopped(helperPid)).toBe(true);
  });

  it('when a scenario exits without stopping its own child, then the runner stops it', async () => {
    const pidFile = join(dir, 'helper.pid');
    const outcome = await runScenarioChild(scenario, [pidFile, 'exit'], 60_000);

    expect(outcome).toEqual({ ok: false, message: 'exited (code 0) without a report' });
    const helperPid = Number(await readFile(pidFile, 'utf8'));
    expect(await stopped(helperPid)).toBe(true);
  });
});
