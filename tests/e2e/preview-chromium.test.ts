import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCardData } from '../../src/server/cards/load-card-data.ts';
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
    // The sandbox backfills weekly history, so the chart has a point a week and today's.
    const shown = await loadCardData(sandbox.db, sandbox.result.portalId, top.companyId);
    const points = shown.status === 'ok' ? shown.score.trend.length : 0;
    expect(points).toBeGreaterThan(1);
    expect(dom).toMatch(new RegExp(`<svg[^>]*data-testid="trend-chart"[^>]*data-points="${points}"`));
    expect(dom).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+/);
    expect((dom.match(/data-testid="component-/g) ?? []).length).toBe(top.card.health.components.length);
  });

  it('when the worklist opens in the browser, then its first row links to the top customer', async () => {
    const [top] = await scoresRepository(sandbox.db).worklist(sandbox.result.portalId, 1);

    const dom = await renderedDom(`${sandbox.baseUrl}/preview`);

    const firstLink = /<tbody>[\s\S]*?<a href="([^"]+)"/.exec(dom)?.[1];
    expect(firstLink).toBe(`/preview/companies/${top?.companyId}?portalId=${sandbox.result.portalId}`);
  });

  it("when a CSM opens the customer the sandbox's CSM worked on, then the browser shows the CSM sentiment, the desired outcome and its value, the customer's own milestone and the play's named contact", async () => {
    const companyId = sandbox.result.demoCompanyId;
    if (companyId === null) throw new Error('the sandbox recorded no CSM inputs');
    const card = (await scoresRepository(sandbox.db).latest(sandbox.result.portalId, companyId))?.card;
    if (!card) throw new Error('the demo customer has no card');

    const dom = await renderedDom(`${sandbox.baseUrl}/preview/companies/${companyId}`);

    expect(textOf(dom, 'csm-sentiment-value')).toBe('Concerned');
    expect(textOf(dom, 'csm-sentiment-by')).toMatch(/^set by Sandbox CSM on \d{4}-\d{2}-\d{2}, expires \d{4}-\d{2}-\d{2}$/);
    expect(textOf(dom, 'csm-sentiment-note')).toContain('usage review before the renewal talk');
    expect(textOf(dom, 'value-realised-outcome')).toBe('Every account manager sends a weekly report from the product');
    expect(textOf(dom, 'value-realised-plan')).toBe(`Weekly reports sent: from 0 to 50 by ${card.valueRealised?.targetDate}`);
    expect(textOf(dom, 'value-realised-level')).toBe('Partial value');
    expect(textOf(dom, 'value-realised-percent')).toBe('62%');
    expect(textOf(dom, 'value-realised-current')).toBe('now 31 (usage metric weekly_reports_sent)');
    expect(textOf(dom, 'milestone-own-usage_review')).toBe("this customer's");
    expect(textOf(dom, 'milestone-usage_review')).toContain('Usage review with the sponsor');
    const who = card.nextPlay.who;
    const whoLine = (/data-testid="next-play-who">([\s\S]*?)<\/p>/.exec(dom)?.[1] ?? '').replace(/<[^>]+>/g, '');
    expect(whoLine).toContain(who === null ? 'no contact on record' : `${who.name ?? who.email}${who.jobTitle ? `, ${who.jobTitle}` : ''} (${who.role})`);
  });

  it("when the worked-on customer's page is captured as a screenshot, then Chromium lays out its new sections into a tall real image", async () => {
    const png = await screenshot(`${sandbox.baseUrl}/preview/companies/${sandbox.result.demoCompanyId}`, '1200,2200');

    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(20)).toBe(2200);
    expect(png.length).toBeGreaterThan(40_000);
  });

  it('when the page is captured as a screenshot, then Chromium lays it out into a real image', async () => {
    const [top] = await scoresRepository(sandbox.db).worklist(sandbox.result.portalId, 1);
    const png = await screenshot(`${sandbox.baseUrl}/preview/companies/${top?.companyId}`, '1200,1400');

    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});
