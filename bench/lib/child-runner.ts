import { fork, type ChildProcess } from 'node:child_process';
import { childMessageSchema, type ScenarioReport } from './report.ts';

export type ChildOutcome = { ok: true; report: ScenarioReport } | { ok: false; message: string };

// Scenario children fork children of their own (the emulator, a card server). Killing only the scenario on a
// timeout left those running, holding ports and CPU for the next scenario, so each scenario leads a process group
// of its own and the whole group goes: on a timeout, after the scenario exits, and when the runner itself exits.
const groups = new Set<number>();
const killGroup = (pid: number): void => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: every process of the group has already exited.
  }
};
process.once('exit', () => {
  for (const pid of groups) killGroup(pid);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of groups) killGroup(pid);
    process.exit(130);
  });
}

const forkInGroup = (script: string, args: readonly string[]): ChildProcess => {
  const child = fork(script, [...args], { execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
  if (child.pid !== undefined) groups.add(child.pid);
  return child;
};

/**
 * Runs one scenario script in its own Node process (the runner's own runtime) and waits for its report. A child
 * that dies, hangs past the timeout or sends nothing is a failure with the reason, never a figure; either way no
 * process the scenario started outlives it.
 */
export const runScenarioChild = (script: string, args: readonly string[], timeoutMs: number, doneType?: string): Promise<ChildOutcome> =>
  new Promise((resolve) => {
    const child = forkInGroup(script, args);
    let outcome: ChildOutcome | undefined;
    const timer = setTimeout(() => {
      outcome ??= { ok: false, message: `timed out after ${Math.round(timeoutMs / 1000)} s` };
      if (child.pid !== undefined) killGroup(child.pid);
    }, timeoutMs);
    child.on('message', (raw) => {
      // A helper child that only prepares something signals it with a message of its own type.
      if (doneType !== undefined && (raw as { type?: unknown }).type === doneType) {
        outcome ??= { ok: true, report: { figures: {}, missing: {}, notes: [] } };
        return;
      }
      const parsed = childMessageSchema.safeParse(raw);
      if (!parsed.success) outcome ??= { ok: false, message: 'unreadable report from the scenario child' };
      else if (parsed.data.type === 'report') outcome ??= { ok: true, report: parsed.data.report };
      else outcome ??= { ok: false, message: parsed.data.message };
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) {
        killGroup(child.pid);
        groups.delete(child.pid);
      }
      resolve(outcome ?? { ok: false, message: `exited (${signal ?? `code ${code}`}) without a report` });
    });
  });
