import { describe, expect, it } from 'vitest';
import { effectiveScoringConfig } from '../../src/portal-scoring/score-portal.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { CHROMIUM, hasChromium, runChromium, screenshot, useSandbox } from './chromium.ts';

// /preview/portfolio, the sandbox's copy of the HubSpot home page, laid out by a real browser over a scored portal.
if (!hasChromium) console.warn(`Skipping the headless Chromium portfolio preview test: ${CHROMIUM} is missing (apt-get install chromium).`);

const cellCounts = (dom: string): number =>
  [...dom.matchAll(/data-testid="cell-[^"]+">(\d+)<\/a>/g)].reduce((sum, m) => sum + Number(m[1]), 0);

describe('the sandbox portfolio preview', () => {
  const running = useSandbox(5);
  const url = () => `${running.current().baseUrl}/preview/portfolio`;

  it('when opened over the scored sandbox portal, then every section is on the page and the cohort cells add up to the portal\'s current customers', async () => {
    const sandbox = running.current();
    const response = await fetch(url());
    const dom = await response.text();

    expect(response.status).toBe(200);
    for (const id of ['cohorts', 'movement', 'retention', 'churn', 'goals', 'worklists', 'renewals']) expect(dom).toContain(`data-testid="section-${id}"`);
    const { config } = await effectiveScoringConfig(sandbox.db, sandbox.result.portalId);
    const table = await portfolioRepository(sandbox.db).cohortsBySegment(sandbox.result.portalId, config.properties.arr);
    const current = table.cells.reduce((sum, c) => sum + c.customers, 0);
    expect(current).toBeGreaterThan(0);
    expect(cellCounts(dom)).toBe(current);
    expect(dom).not.toContain('data-testid="movement-error"');
    expect(dom).toMatch(/<svg class="cohort-trend" data-testid="cohort-trend" data-weeks="\d+"/);
  });

  describe.skipIf(!hasChromium)('in headless Chromium', () => {
    it('when captured as a screenshot, then Chromium lays the portfolio out into a real image', async () => {
      const png = await screenshot(url(), '1200,3200');

      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    });

    it('when the browser has laid it out, then the DOM holds the cohort table and the trend chart a person sees', async () => {
      const { stdout } = await runChromium(['--dump-dom', url()]);

      expect(stdout).toContain('data-testid="cohorts-by-segment"');
      expect(stdout).toMatch(/<svg class="cohort-trend"[^>]*>[\s\S]*<polyline points="[\d.,\s]+"/);
    });
  });
});
