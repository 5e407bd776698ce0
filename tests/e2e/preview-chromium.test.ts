import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { playLabel } from '../../src/writeback/play-values.ts';
import { screenshot } from './chromium.ts';
import { startSandbox, type Sandbox } from './sandbox-harness.ts';

// Debian's chromium package; CI installs it with `apt-get install chromium`. Without it this suite is skipped
// (and says so) rather than failing on a machine that cannot run a browser.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the headless Chromium preview test: ${CHROMIUM} is missing (apt-get install chromium).`);

const run = promisify(execFile);
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars'];

/** The DOM after Chromium has loaded and laid out the page: what a person's browser would hold. */
const renderedDom = async (url: string): Promise<string> =>
  (await run(CHROMIUM, [...chromiumFlags, '--dump-dom', url], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 })).stdout;

const textOf = (dom: string, testId: string): string => {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</`).exec(dom);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
};

describe.skipIf(!hasChromium)('the sandbox preview page in headless Chromium', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    sandbox = await startSandbox({ seed: 5 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('when a CSM opens the top customer of the worklist, then the browser shows its name, health, cohort, next play and a 90-day trend chart', async () => {
    const [top] = await scoresRepository(sandbox.db).worklist(sandbox.result.portalId, 1);
    if (!top) throw new Error('the sandbox scored no customer');

    const dom = await renderedDom(`${sandbox.baseUrl}/preview/companies/${top.companyId}`);

    expect(textOf(dom, 'company-name')).toBe(top.name);
    expect(textOf(dom, 'health-score')).toBe(String(Math.round(top.card.health.score)));
    expect(textOf(dom, 'health-status')).toBe(top.card.health.status);
    expect(dom).toContain(`data-testid="cohort"`);
    expect(textOf(dom, 'next-play')).toContain('Next play');
    expect(dom).toContain(playLabel(top.card.nextPlay.play));
    expect(dom).toMatch(/<svg[^>]*data-testid="trend-chart"[^>]*data-points="1"/);
    expect(dom).toMatch(/<polyline points="[\d.]+,[\d.]+"/);
    expect((dom.match(/data-testid="component-/g) ?? []).length).toBe(top.card.health.components.length);
  });

  it('when the worklist opens in the browser, then its first row links to the top customer', async () => {
    const [top] = await scoresRepository(sandbox.db).worklist(sandbox.result.portalId, 1);

    const dom = await renderedDom(`${sandbox.baseUrl}/preview`);

    const firstLink = /<tbody>[\s\S]*?<a href="([^"]+)"/.exec(dom)?.[1];
    expect(firstLink).toBe(`/preview/companies/${top?.companyId}?portalId=${sandbox.result.portalId}`);
  });

  it('when the page is captured as a screenshot, then Chromium lays it out into a real image', async () => {
    const [top] = await scoresRepository(sandbox.db).worklist(sandbox.result.portalId, 1);
    const png = await screenshot(`${sandbox.baseUrl}/preview/companies/${top?.companyId}`, '1200,1400');

    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});
