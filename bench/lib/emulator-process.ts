import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostOptions, HostReady } from './emulator-host.ts';
import { rpcClient, type RpcClient } from './ipc-rpc.ts';

export type EmulatorProcess = HostReady & { rpc: RpcClient; stop(): Promise<void> };

const hostScript = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));
// BENCH_EMULATOR_CPU_PROF=<dir> writes a V8 CPU profile of the emulator alone there when it stops: what the bench
// spent being HubSpot, apart from Waypoint's process.
const profileArgs = (): string[] => {
  const dir = process.env.BENCH_EMULATOR_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

/** Starts the emulator host process and resolves once it listens, with its URL, portals and tokens. */
export const startEmulatorProcess = (options: HostOptions): Promise<EmulatorProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(hostScript, ['--options', JSON.stringify(options)], {
      execPath: process.execPath, execArgv: [...process.execArgv, ...profileArgs()], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const rpc = rpcClient(child);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('exit', (code) => reject(new Error(`emulator host exited (code ${code}) before it was ready`)));
    child.on('message', (message) => {
      if ((message as { type?: string }).type !== 'ready') return;
      resolve({
        ...(message as HostReady),
        rpc,
        stop: async () => {
          await rpc.call('stop').catch(() => undefined);
          await exited;
        },
      });
    });
  });
