import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type Sandbox } from './sandbox-harness.ts';

// Debian's chromium package; CI installs it with `apt-get install chromium`. Without it the browser suites are
// skipped (and say so) rather than failing on a machine that cannot run a browser.
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars'];
export const runChromium = (args: string[]) => promisify(execFile)(CHROMIUM, [...chromiumFlags, ...args], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });

/** One sandbox run for the whole file, reachable on 127.0.0.1 only; `current()` is it once beforeAll has run. */
export const useSandbox = (seed: number): { current: () => Sandbox } => {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    sandbox = await startSandbox({ seed });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    current: () => {
      if (!sandbox) throw new Error('the sandbox has not started');
      return sandbox;
    },
  };
};

/** A PNG screenshot of the page at `url`, as Chromium lays it out in a window of the given size. */
export const screenshot = async (url: string, windowSize: string): Promise<Buffer> => {
  const dir = await mkdtemp(join(tmpdir(), 'waypoint-screenshot-'));
  const file = join(dir, 'page.png');
  try {
    await runChromium([`--screenshot=${file}`, `--window-size=${windowSize}`, url]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
