import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { onTestFailed } from 'vitest';

/** A port nobody listens on right now, for a child process that reads its port from its environment. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

export type Child = { process: ChildProcess; output: () => string; exited: Promise<number | null> };

export const spawnNode = (script: string, args: string[], options: { cwd: string; env: Record<string, string> }): Child => {
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
};

/**
 * Polls until `check` answers true, for as long as the test's own timeout allows: a count of short sleeps would be a
 * clock, and a loaded machine only makes the wait longer. A child that exits first fails at once with its output; a
 * test that times out while waiting prints it too.
 */
export const waitFor = async (check: () => Promise<boolean>, child: Child, what: string): Promise<void> => {
  let exitCode: number | null | undefined;
  void child.exited.then((code) => { exitCode = code; });
  let waiting = true;
  onTestFailed(() => {
    if (waiting) console.error(`${what}: not seen before the test ended\n${child.output()}`);
  });
  try {
    for (;;) {
      if (await check().catch(() => false)) return;
      if (exitCode !== undefined) throw new Error(`${what}: the process exited with ${exitCode}\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    waiting = false;
  }
};
