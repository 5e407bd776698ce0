import { fork } from 'node:child_process';
import { childMessageSchema, type ScenarioReport } from './report.ts';

export type ChildOutcome = { ok: true; report: ScenarioReport } | { ok: false; message: string };

/**
 * Runs one scenario script in its own Node process (the runner's own runtime) and waits for its report. A child
 * that dies, hangs past the timeout or sends nothing is a failure with the reason, never a figure.
 */
export const runScenarioChild = (script: string, args: readonly string[], timeoutMs: number, doneType?: string): Promise<ChildOutcome> =>
  new Promise((resolve) => {
    const child = fork(script, [...args], { execPath: process.execPath, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let outcome: ChildOutcome | undefined;
    const timer = setTimeout(() => {
      outcome ??= { ok: false, message: `timed out after ${Math.round(timeoutMs / 1000)} s` };
      child.kill('SIGKILL');
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
      resolve(outcome ?? { ok: false, message: `exited (${signal ?? `code ${code}`}) without a report` });
    });
  });
