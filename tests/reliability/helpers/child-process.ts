import { fork, type ChildProcess } from 'node:child_process';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface ChildHandle {
  child: ChildProcess;
  /** Every IPC message received so far, in order. */
  messages: unknown[];
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor<T>(match: (message: unknown) => message is T, timeoutMs?: number): Promise<T>;
  /** kill -9: no handler, no cleanup, exactly like a machine losing power. */
  killHard(): Promise<Exit>;
  exited: Promise<Exit>;
}

/** Starts a helper script on this Node runtime with an IPC channel; its output goes to the test's console. */
export const startChild = (script: string, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): ChildHandle => {
  const child = fork(script, [...args], {
    execPath: process.execPath,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: unknown[] = [];
  const listeners = new Set<(message: unknown) => void>();
  child.on('message', (message) => {
    messages.push(message);
    for (const listener of listeners) listener(message);
  });
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    messages,
    exited,
    waitFor: <T>(match: (message: unknown) => message is T, timeoutMs = 120_000) => {
      const seen = messages.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(listener);
          settle();
        };
        const listener = (message: unknown) => {
          if (match(message)) done(() => resolve(message));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no matching message from ${script} within ${timeoutMs} ms`))), timeoutMs);
        listeners.add(listener);
        void exited.then(({ code, signal }) => done(() => reject(new Error(`${script} exited (${signal ?? `code ${code}`}) before the awaited message`))));
      });
    },
    killHard: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
};

/** A message type guard for the `{ type }` messages the helper scripts send. */
export const ofType = <T extends { type: string }>(type: T['type']) => (message: unknown): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
