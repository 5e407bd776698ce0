import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server/index.ts';

export interface Answer { status: number; headers: Headers; body: Record<string, unknown>; text: string }

/** A client bound to one emulator and one token, answering parsed bodies so tests read like HubSpot calls. */
export const clientFor = (emulator: Emulator, token: string) => {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${emulator.baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = { unparsable: true };
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
  };
};

export const postForm = async (baseUrl: string, path: string, form: Record<string, string>): Promise<Answer> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
};

/** Starts one emulator for the file (loopback only: the network stays disabled) and stops it afterwards. */
export const useEmulator = (options: EmulatorOptions = {}) => {
  const holder: { emulator: Emulator; api: ReturnType<typeof clientFor> } = {} as never;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    holder.emulator = await startEmulator({ size: 'S', seed: 7, ...options });
    holder.api = clientFor(holder.emulator, holder.emulator.issueToken().access_token);
  });
  afterEach(() => holder.emulator.setFaults(null));
  afterAll(async () => {
    await holder.emulator.stop();
    nock.enableNetConnect();
  });
  return holder;
};

export const V = '/crm/objects/2026-03';
