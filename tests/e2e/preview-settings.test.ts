import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { draftOverCurrent } from '../../src/server/scoring-config/config-draft.ts';
import { scoringConfigRepository } from '../../src/store/scoring-config-repository.ts';
import { CHROMIUM, hasChromium, runChromium, screenshot, useSandbox } from './chromium.ts';

// /preview/settings shows the settings page's sections without a HubSpot account, from the same endpoints' data.
if (!hasChromium) console.warn(`Skipping the headless Chromium settings preview test: ${CHROMIUM} is missing (apt-get install chromium).`);

const textOf = (dom: string, testId: string): string => {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</(tr|p|h1)>`).exec(dom);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
};

// The three settings added last: segments by an enumeration property, a property-set milestone, NPS/CSAT mapping.
const newestFields = {
  segmentBy: { property: 'industry', valuesBySegment: { small: ['RETAIL', 'RESTAURANTS'], mid: ['COMPUTER_SOFTWARE'] } },
  milestones: { items: [...defaultScoringConfig.milestones.items, {
    key: 'go_live', label: 'Go-live date set', kind: 'customer', expectedDays: 60, condition: { type: 'property_set', property: 'closedate', equals: null }, firstValue: false,
  }] },
  feedback: { typeProperty: 'hs_survey_type', valueProperty: 'hs_value', npsTypes: ['NPS'], csatTypes: ['CSAT', 'CES'] },
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

  it('when the admin segments by industry, adds a property-set milestone and maps NPS and CSAT surveys, then the preview shows them in HubSpot labels', async () => {
    const sandbox = running.current();
    // Merged over the current config and checked as the PUT does (the harness serves only the install and preview routes).
    const { config } = await draftOverCurrent(sandbox.db, sandbox.result.portalId, newestFields);
    await scoringConfigRepository(sandbox.db).save(sandbox.result.portalId, config, 'hubspot_user:77:ada@acme.io', new Date());

    const dom = await (await fetch(url())).text();

    expect(textOf(dom, 'segment-by')).toBe('Segments by Industry (industry) (a company with no listed value goes in the last one).');
    expect(textOf(dom, 'segment-small')).toBe('small Retail, Restaurants');
    expect(textOf(dom, 'segment-large')).toBe('large any other value');
    expect(textOf(dom, `milestone-${defaultScoringConfig.milestones.items.length}`))
      .toMatch(/^\d+ Go-live date set A company property is set: Closedate \(closedate\) has any value 60$/);
    // The sandbox's install did not take the optional feedback-submissions scope: the mapping is named, not checked.
    expect(textOf(dom, 'feedback-type-property')).toMatch(/^Says which survey it answers hs_survey_type \(HubSpot does not let Waypoint read these properties: .+\)$/);
    expect(textOf(dom, 'feedback-value-property')).toMatch(/^Holds the answer hs_value \(/);
    expect(textOf(dom, 'feedback-csat')).toBe('CSAT surveys CSAT, CES');
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
      // The newest settings, saved by the test before: what a person sees of them once the browser has laid it out.
      expect(textOf(stdout, 'segment-mid')).toBe('mid Computer Software');
      expect(textOf(stdout, 'feedback-nps')).toBe('NPS surveys NPS');
      expect(textOf(stdout, `milestone-${defaultScoringConfig.milestones.items.length}`)).toContain('A company property is set: Closedate (closedate)');
    });
  });
});
