import type { ChildProcess } from 'node:child_process';
import { z } from 'zod';

const requestSchema = z.object({ rpc: z.literal('call'), id: z.number().int(), method: z.string(), args: z.array(z.unknown()) });
const replySchema = z.object({ rpc: z.literal('reply'), id: z.number().int(), ok: z.boolean(), value: z.unknown().optional(), error: z.string().optional() });

export type RpcHandlers = Record<string, (...args: never[]) => unknown>;

/**
 * Serves calls from the parent process over the IPC channel. Used to keep a helper (the emulator) in a process of its
 * own, so the process being measured or killed holds nothing but Waypoint.
 */
export const serveRpc = (handlers: RpcHandlers): void => {
  process.on('message', (raw) => {
    const call = requestSchema.safeParse(raw);
    if (!call.success) return;
    const { id, method, args } = call.data;
    const handler = handlers[method] as ((...a: unknown[]) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no RPC method ${method}`);
        return handler(...args);
      })
      .then(
        (value) => process.send?.({ rpc: 'reply', id, ok: true, value }),
        (error: unknown) => process.send?.({ rpc: 'reply', id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
};

export type RpcClient = { call<T = unknown>(method: string, ...args: unknown[]): Promise<T> };

/** Calls a child's served handlers; a call fails when the child answers with an error or exits first. */
export const rpcClient = (child: ChildProcess): RpcClient => {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (raw) => {
    const reply = replySchema.safeParse(raw);
    if (!reply.success) return;
    const waiter = pending.get(reply.data.id);
    pending.delete(reply.data.id);
    if (reply.data.ok) waiter?.resolve(reply.data.value);
    else waiter?.reject(new Error(reply.data.error ?? 'RPC call failed'));
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the RPC child exited'));
    pending.clear();
  });
  return {
    call: <T>(method: string, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ rpc: 'call', id, method, args });
      }),
  };
};
