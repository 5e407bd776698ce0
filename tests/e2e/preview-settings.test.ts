import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { CHROMIUM, hasChromium, runChromium, screenshot, useSandbox } from './chromium.ts';

// /preview/settings shows the settings page's sections without a HubSpot account, from the same endpoints' data.
if (!hasChromium) console.warn(`Skipping the headless Chromium settings preview test: ${CHROMIUM} is missing (apt-get install chromium).`);

const textOf = (dom: string, testId: string): string => {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</(tr|p|h1)>`).exec(dom);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
};

describe('the sandbox settings preview', () => {
  const running = useSandbox(5);
  const url = () => `${running.current().baseUrl}/preview/settings`;

  it('when opened, then every section of the settings page is there, in HubSpot labels, with the live fit counts', async () => {
    const sandbox = running.current();
    const response = await fetch(url());
    const dom = await response.text();

    expect(response.status).toBe(200);
    for (const id of ['coverage', 'mapping', 'customers', 'fit', 'milestones', 'health', 'keys', 'history']) expect(dom).toContain(`data-testid="section-${id}"`);
    // The sandbox portal is a stock one: the default ARR mapping names a property it lacks, and the page says so.
    expect(textOf(dom, 'mapping-arr')).toMatch(/^Annual recurring revenue \(ARR\) annual_recurring_revenue not in this portal \d+$/);
    expect(textOf(dom, 'customer-rule')).toBe('A company is a customer when lifecyclestage is Customer.');
    expect(textOf(dom, 'fit-good-0')).toMatch(/^good Industry is Computer Software, Information Technology And Services, .* \d+$/);
    expect(textOf(dom, 'fit-mix')).toMatch(/^Of (\d+) customers: \d+ good fit, \d+ stretch, \d+ bad fit$/);
    expect((dom.match(/data-testid="milestone-\d+"/g) ?? []).length).toBe(defaultScoringConfig.milestones.items.length);
    expect(textOf(dom, `key-${sandbox.result.apiKey.slice(0, 11)}`)).toContain('sandbox');
    expect(dom).not.toContain(sandbox.result.apiKey);
    expect(textOf(dom, 'coverage-arr')).toMatch(/^ARR \d+ \(\d+%\)/);
  });

  describe.skipIf(!hasChromium)('in headless Chromium', () => {
    it('when captured as a screenshot, then Chromium lays the settings preview out into a real image', async () => {
      const png = await screenshot(url(), '1200,2400');

      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    });

    it('when the browser has laid it out, then the DOM holds the sections a person sees', async () => {
      const { stdout } = await runChromium(['--dump-dom', url()]);

      expect(textOf(stdout, 'settings-title')).toBe('Waypoint settings');
      expect(stdout).toContain('data-testid="section-fit"');
    });
  });
});
