import { Alert, Button, Checkbox, Input, MultiSelect, NumberInput, Select, Tab, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../Settings.tsx';
import { installFakeBackend } from './fake-backend.ts';
import properties from './properties.recorded.json' with { type: 'json' };
import scoringConfig from './scoring-config.recorded.json' with { type: 'json' };
import { eventValue, textOf } from './render-helpers.ts';

// The page against a fake Waypoint backend that answers with responses recorded from the emulator's portal
// (properties) and the shipped default config, so every picker lists real property names and option labels.

const base = '/api/v1/portals/4242';
let backend: ReturnType<typeof installFakeBackend>;

const report = {
  currentVersion: 3, companies: 120, customerChanged: 0, fitChanged: 1, cohortChanged: 1, statusChanged: 0, playChanged: 1,
  cohortMoves: { 'neutral->bad_fit': 1 }, writeBack: { properties: 4, companies: 1 }, changesTruncated: false,
  changes: [{ companyId: '17', name: 'Shoe Palace', fit: { from: 'stretch', to: 'bad' }, cohort: { from: 'neutral', to: 'bad_fit' }, play: { from: 'monitor', to: 'off_board' }, reason: 'Fit bad: industry in {RETAIL}.', propertiesChanged: 4 }],
};

const renderPage = () => {
  const renderer = createRenderer('settings');
  renderer.mocks.context.portal.id = 4242;
  const addAlert = vi.fn();
  const copyTextToClipboard = vi.fn(async () => {});
  renderer.render(<Settings context={renderer.mocks.context} actions={{ addAlert, copyTextToClipboard }} />);
  return { ...renderer, addAlert, copyTextToClipboard };
};

const loaded = async (page: ReturnType<typeof renderPage>) => {
  await page.waitFor(() => expect(page.findByTestId(Button, 'review')).toBeTruthy());
};

beforeEach(() => {
  backend = installFakeBackend();
  backend.on(`GET ${base}/scoring-config`, { status: 200, body: scoringConfig });
  backend.on(`GET ${base}/properties`, { status: 200, body: properties });
  backend.on(`GET ${base}/scoring-config/versions`, { status: 200, body: { versions: [
    { version: 3, savedAt: '2026-11-20T10:00:00.000Z', savedBy: { kind: 'hubspot_user', userId: 77, email: 'ada@acme.io' } },
    { version: 2, savedAt: '2026-11-10T09:00:00.000Z', savedBy: { kind: 'api_key', keyPrefix: 'wp_AbC12xyZ' } },
  ] } });
  backend.on(`GET ${base}/api-keys`, { status: 200, body: { keys: [] } });
  backend.on(`POST ${base}/scoring-config/fit-counts`, (request) => {
    const draft = request.body as { fit: { good: unknown[]; bad: unknown[] } };
    return { status: 200, body: { customers: 120, good: draft.fit.good.map((_, i) => 100 - i * 10), bad: draft.fit.bad.map((_, i) => 3 + i), fit: { good: 80, stretch: 30, bad: 10 } } };
  });
});

describe('the settings page, section by section', () => {
  it('when it loads, then every section is there and asks the backend with the portal in the signed query', async () => {
    const page = renderPage();
    await loaded(page);

    expect(page.findAll(Tab).map((tab) => tab.props.title)).toEqual(['Data mapping', 'Customers and segments', 'Fit', 'Milestones', 'Health', 'API keys', 'History']);
    expect(backend.requestsTo(`GET ${base}/properties`)[0]?.query).toEqual({ portalId: '4242' });
  });

  it('when the ARR picker opens, then it offers only the portal\'s number properties, by HubSpot label', async () => {
    const page = renderPage();
    await loaded(page);

    const arr = page.findByTestId(Select, 'mapping-arr');
    const offered = (arr.props.options as Array<{ label: string; value: string }>).map((o) => o.value);
    expect(arr.props.value).toBe('annual_recurring_revenue');
    expect(offered).toContain('annualrevenue');
    expect(offered).not.toContain('renewal_date');
    expect(offered).not.toContain('industry');
    expect((page.findByTestId(Select, 'mapping-renewalDate').props.options as Array<{ value: string }>).map((o) => o.value)).toEqual(expect.arrayContaining(['renewal_date', 'contract_start_date']));
  });

  it('when a mapping points at a property of the wrong type, then that field shows why', async () => {
    backend.on(`GET ${base}/scoring-config`, { status: 200, body: { ...scoringConfig, config: { ...scoringConfig.config, properties: { ...scoringConfig.config.properties, arr: 'industry' } } } });
    const page = renderPage();
    await loaded(page);

    const arr = page.findByTestId(Select, 'mapping-arr');
    expect(arr.props.error).toBe(true);
    expect(arr.props.validationMessage).toBe('Industry is a dropdown property; pick a number property');
  });

  it('when the customer rule is shown, then its values are HubSpot\'s option labels for lifecycle stage', async () => {
    const page = renderPage();
    await loaded(page);

    const values = page.findByTestId(MultiSelect, 'customer-values');
    expect(values.props.value).toEqual(['customer']);
    expect(values.props.options).toContainEqual({ label: 'Customer', value: 'customer' });
  });

  it('when segments switch from ARR bands to an enumeration property, then each segment picks that property\'s labelled values and the save sends them', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);
    expect(page.findByTestId(Select, 'segment-by').props.value).toBe('');
    expect(page.findByTestId(NumberInput, 'segment-0-max')).toBeTruthy();

    page.findByTestId(Select, 'segment-by').trigger('onChange', eventValue('industry'));
    await page.waitFor(() => expect(page.findByTestId(MultiSelect, 'segment-2-values')).toBeTruthy());
    expect(page.findByTestId(MultiSelect, 'segment-2-values').props.options).toContainEqual({ label: 'Computer Software', value: 'COMPUTER_SOFTWARE' });
    page.findByTestId(MultiSelect, 'segment-2-values').trigger('onChange', ['COMPUTER_SOFTWARE', 'INTERNET'] as never);
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body).toEqual({
      segmentBy: { property: 'industry', valuesBySegment: { large: ['COMPUTER_SOFTWARE', 'INTERNET'] } },
    });
  });

  it('when the fit rules are shown, then values read as HubSpot labels and each rule has its live count', async () => {
    const page = renderPage();
    await loaded(page);

    const industries = page.findByTestId(MultiSelect, 'fit-good-0-values');
    expect(industries.props.options).toContainEqual({ label: 'Computer Software', value: 'COMPUTER_SOFTWARE' });
    await page.waitFor(() => expect(page.findByTestId(Tag, 'fit-good-0-count').text).toBe('100 customers'));
    expect(page.findByTestId(Tag, 'fit-bad-0-count').text).toBe('3 customers');
    expect(page.findByTestId(Text, 'fit-mix').text).toBe('Of 120 customers: 80 good fit, 30 stretch, 10 bad fit');
  });

  it('when a milestone is added and the last moved up, then the plan shows the new order with condition type and day', async () => {
    const page = renderPage();
    await loaded(page);
    const before = page.findAll(NumberInput).filter((n) => String(n.props.name).endsWith('-day')).length;

    page.findByTestId(Button, 'milestone-add').trigger('onClick');
    await page.waitFor(() => expect(page.findAll(NumberInput).filter((n) => String(n.props.name).endsWith('-day'))).toHaveLength(before + 1));
    const last = before;
    expect(page.findByTestId(Select, `milestone-${last}-type`).props.value).toBe('manual');
    page.findAll(Button).filter((b) => b.text === 'Up')[last]?.trigger('onClick');

    await page.waitFor(() => expect(page.findByTestId(Select, `milestone-${last - 1}-type`).props.value).toBe('manual'));
    expect(page.findAll(Input).find((i) => i.props.name === `milestone-${last - 1}-label`)?.props.value).toBe('New milestone');
  });

  it('when a milestone is set to "a company property is set", then it picks a company property and a value, and the save sends that condition', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);

    page.findByTestId(Select, 'milestone-0-type').trigger('onChange', eventValue('property_set'));
    await page.waitFor(() => expect(page.findByTestId(Select, 'milestone-0-property')).toBeTruthy());
    expect((page.findByTestId(Select, 'milestone-0-property').props.options as Array<{ value: string }>).map((o) => o.value)).toContain('lifecyclestage');
    page.findByTestId(Select, 'milestone-0-property').trigger('onChange', eventValue('lifecyclestage'));
    await page.waitFor(() => expect(page.findByTestId(Select, 'milestone-0-property').props.value).toBe('lifecyclestage'));
    page.findByTestId(Input, 'milestone-0-equals').trigger('onChange', eventValue('customer'));
    await page.waitFor(() => expect(page.findByTestId(Input, 'milestone-0-equals').props.value).toBe('customer'));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { milestones: { items: Array<{ condition: unknown }> } };
    expect(sent.milestones.items[0]?.condition).toEqual({ type: 'property_set', property: 'lifecyclestage', equals: 'customer' });
  });

  it('when the star pupils\' days are used, then each milestone they reached takes their median day and the dry run sends those days', async () => {
    backend.on(`GET ${base}/star-pupils`, { status: 200, body: { portalId: 4242, profile: { basis: 'renewed_or_expanded', computedAt: '2026-11-01T00:00:00.000Z', segments: [],
      overall: { segment: 'all', pupils: 12, medianDaysTo: { kickoff: 6.5, first_value: 18, adoption: null }, timeToFirstValueDays: 18, usageDepth: 0.6, usageBreadth: 5, touchesPer30Days: 3, features: [] } } } });
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);
    const items = scoringConfig.config.milestones.items as Array<{ key: string; expectedDays: number }>;
    const at = (key: string) => items.findIndex((m) => m.key === key);

    expect(textOf(page.findByTestId(Text, 'star-pupil-days'))).toMatch(/^12 star pupils .*Kick-off held by day 7, First value event reached by day 18$/);
    page.findByTestId(Button, 'milestones-from-star-pupils').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(NumberInput, `milestone-${at('first_value')}-day`).props.value).toBe(18));
    expect(page.findByTestId(NumberInput, `milestone-${at('kickoff')}-day`).props.value).toBe(7);
    // A milestone no star pupil reached keeps its day.
    expect(page.findByTestId(NumberInput, `milestone-${at('adoption')}-day`).props.value).toBe(items[at('adoption')]?.expectedDays);
    expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(0);

    page.findByTestId(Button, 'review').trigger('onClick');
    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { milestones: { items: Array<{ key: string; expectedDays: number }> } };
    expect(sent.milestones.items.find((m) => m.key === 'first_value')?.expectedDays).toBe(18);
    expect(sent.milestones.items.find((m) => m.key === 'kickoff')?.expectedDays).toBe(7);
  });

  it('when the portal has no star-pupil profile yet, then the milestones section offers no star pupils\' days', async () => {
    backend.on(`GET ${base}/star-pupils`, { status: 200, body: { portalId: 4242, profile: null } });
    const page = renderPage();
    await loaded(page);
    expect(page.maybeFind(Button, { testId: 'milestones-from-star-pupils' })).toBeNull();
  });

  it('when the yellow bar is set above the green one, then that field shows the error and review is not possible', async () => {
    const page = renderPage();
    await loaded(page);

    page.findByTestId(NumberInput, 'status-yellow').trigger('onChange', eventValue(90));

    await page.waitFor(() => expect(page.findByTestId(NumberInput, 'status-yellow').props.validationMessage).toBe('must not exceed green'));
    expect(page.findByTestId(Button, 'review').props.disabled).toBe(true);
    expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(0);
  });
});

describe('saving goes through the dry run', () => {
  it('when a change is reviewed, then the whole-portal diff is shown and nothing is saved until Apply', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    backend.on(`PUT ${base}/scoring-config`, { status: 200, body: { version: 4 } });
    const page = renderPage();
    await loaded(page);

    page.findByTestId(NumberInput, 'dark-days').trigger('onChange', eventValue(45));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(page.findByTestId(TableRow, 'change-17')).toBeTruthy());
    expect(textOf(page.findByTestId(TableRow, 'change-17'))).toBe('Shoe Palace fit stretch → bad, cohort neutral → bad_fit, play monitor → off_board Fit bad: industry in {RETAIL}.');
    expect(page.findByTestId(Text, 'dry-run-summary').text).toBe('1 of 120 customers change; write-back would write 4 properties on 1 companies.');
    expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body).toEqual({ dark: { ...scoringConfig.config.dark, defaultDays: 45 } });
    expect(backend.requestsTo(`PUT ${base}/scoring-config`)).toHaveLength(0);

    page.findByTestId(Button, 'apply').trigger('onClick');

    await page.waitFor(() => expect(page.addAlert).toHaveBeenCalledWith({ type: 'success', message: 'Saved as version 4. Waypoint is rescoring your customers.' }));
    expect(backend.requestsTo(`PUT ${base}/scoring-config`).map((r) => r.body)).toEqual([{ dark: { ...scoringConfig.config.dark, defaultDays: 45 } }]);
  });

  it('when the change reads a property not synced yet, then the diff warns that it is read as empty until the next full sync', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: { ...report, unsyncedProperties: ['contract_value_total'] } });
    const page = renderPage();
    await loaded(page);

    page.findByTestId(NumberInput, 'dark-days').trigger('onChange', eventValue(45));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(page.findByTestId(Alert, 'unsynced').text).toContain('contract_value_total'));
  });

  it('when the backend refuses a value, then the field it names shows the reason and nothing is saved', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 400, body: { error: {
      code: 'VALIDATION_FAILED', message: 'Scoring config is invalid: segments.0.maxArr must be 0 or more', details: [{ path: 'segments.0.maxArr', message: 'must be 0 or more' }],
    } } });
    const page = renderPage();
    await loaded(page);

    page.findByTestId(NumberInput, 'segment-0-max').trigger('onChange', eventValue(-5));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(page.findByTestId(NumberInput, 'segment-0-max').props.validationMessage).toBe('must be 0 or more'));
    expect(page.findByTestId(Alert, 'save-problem').text).toContain('segments.0.maxArr');
    expect(backend.requestsTo(`PUT ${base}/scoring-config`)).toHaveLength(0);
  });

  it('when a rollback is chosen from the history, then its dry run comes first and Roll back applies that version', async () => {
    backend.on(`POST ${base}/scoring-config/versions/2/dry-run`, { status: 200, body: report });
    backend.on(`POST ${base}/scoring-config/versions/2/rollback`, { status: 200, body: { version: 4 } });
    const page = renderPage();
    await loaded(page);
    expect(textOf(page.findByTestId(TableRow, 'version-3'))).toContain('ada@acme.io');

    page.findByTestId(Button, 'rollback-2').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Button, 'apply').text).toBe('Roll back'));
    expect(backend.requestsTo(`POST ${base}/scoring-config/versions/2/rollback`)).toHaveLength(0);
    page.findByTestId(Button, 'apply').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/versions/2/rollback`)).toHaveLength(1));
  });
});

describe('API keys', () => {
  it('when a key is created, then it is shown once with a copy button, and after hiding it only its prefix is listed', async () => {
    const key = `wp_${'k'.repeat(43)}`;
    const listing = { id: 1, name: 'usage feed', prefix: key.slice(0, 11), createdAt: '2026-11-20T10:00:00.000Z', lastUsedAt: null, revokedAt: null };
    backend.on(`POST ${base}/api-keys`, { status: 201, body: { key, apiKey: listing } });
    const page = renderPage();
    await loaded(page);
    backend.on(`GET ${base}/api-keys`, { status: 200, body: { keys: [listing] } });

    page.findByTestId(Input, 'key-name').trigger('onChange', eventValue('usage feed'));
    await page.waitFor(() => expect(page.findByTestId(Button, 'mint-key').props.disabled).toBe(false));
    page.findByTestId(Button, 'mint-key').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'minted-key-value').text).toBe(key));
    page.findByTestId(Button, 'copy-key').trigger('onClick');
    expect(page.copyTextToClipboard).toHaveBeenCalledWith(key);
    await page.waitFor(() => expect(textOf(page.findByTestId(TableRow, `key-${listing.prefix}`))).toContain('never'));

    page.findByTestId(Button, 'hide-key').trigger('onClick');

    await page.waitFor(() => expect(page.maybeFind(Alert, { testId: 'minted-key' })).toBeNull());
    expect(page.findAll(Text).some((t) => textOf(t).includes(key))).toBe(false);
    expect(textOf(page.findByTestId(TableRow, `key-${listing.prefix}`))).toContain(`${listing.prefix}…`);
  });

  it('when a key is revoked, then the backend is asked with its prefix', async () => {
    const listing = { id: 1, name: 'old', prefix: 'wp_AbC12xyZ', createdAt: '2026-11-20T10:00:00.000Z', lastUsedAt: '2026-11-30T08:00:00.000Z', revokedAt: null };
    backend.on(`GET ${base}/api-keys`, { status: 200, body: { keys: [listing] } });
    backend.on(`DELETE ${base}/api-keys/wp_AbC12xyZ`, { status: 200, body: { apiKey: { ...listing, revokedAt: '2026-12-01T00:00:00.000Z' } } });
    const page = renderPage();
    await loaded(page);
    await page.waitFor(() => expect(page.findByTestId(Button, 'revoke-wp_AbC12xyZ')).toBeTruthy());

    page.findByTestId(Button, 'revoke-wp_AbC12xyZ').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`DELETE ${base}/api-keys/wp_AbC12xyZ`)).toHaveLength(1));
  });
});

describe('deal kinds and the champion signal', () => {
  it('when the data mapping is shown, then deal kinds pick from the portal\'s dealtype options by label and the champion signal from contact properties', async () => {
    const page = renderPage();
    await loaded(page);

    expect(page.findByTestId(Select, 'deal-type-property').props.value).toBe('dealtype');
    const renewal = page.findByTestId(MultiSelect, 'deal-renewal');
    expect(renewal.props.options).toContainEqual({ label: 'Existingbusiness', value: 'existingbusiness' });
    expect(renewal.props.value).toEqual(['renewal']);
    const champion = page.findByTestId(Select, 'champion-signal');
    expect((champion.props.options as Array<{ value: string }>).map((o) => o.value)).toContain('left_company');
    expect(champion.props.value).toBe('');
  });
});

describe('the NPS/CSAT source', () => {
  it('when the data mapping is shown, then the survey answer picks from number feedback properties and an NPS type change is what the save sends', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);

    const answer = page.findByTestId(Select, 'feedback-value-property');
    expect(answer.props.value).toBe('hs_value');
    expect((answer.props.options as Array<{ value: string }>).map((o) => o.value)).not.toContain('hs_survey_type');
    expect(page.findByTestId(MultiSelect, 'feedback-nps').props.options).toContainEqual({ label: 'Csat', value: 'CSAT' });
    page.findByTestId(MultiSelect, 'feedback-nps').trigger('onChange', ['NPS', 'CES'] as never);
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body).toEqual({ feedback: { ...scoringConfig.config.feedback, npsTypes: ['NPS', 'CES'] } });
  });
});

describe('health weights by lifecycle stage', () => {
  it('when an onboarding weight is set, then the reviewed draft carries it and leaves the other stage alone', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);
    expect(page.findByTestId(Input, 'stage-weight-onboarding-milestones').props.value).toBe(String(scoringConfig.config.health.weightsByStage.onboarding?.milestones));

    page.findByTestId(Input, 'stage-weight-onboarding-usage').trigger('onChange', eventValue('0.4'));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { health: { weightsByStage: Record<string, Record<string, number>> } };
    expect(sent.health.weightsByStage).toEqual({ ...scoringConfig.config.health.weightsByStage, onboarding: { ...scoringConfig.config.health.weightsByStage.onboarding, usage: 0.4 } });
  });
});

describe('the signs-of-decline component in health', () => {
  it('when the admin sets its weight for a segment, then the dry run sends that weight', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);
    const segment = scoringConfig.config.segments[0]!.key;
    const input = () => page.findAll(NumberInput).find((i) => i.props.name === `weight-${segment}-decline`)!;
    expect(input().props.value).toBe(0.1);
    input().trigger('onChange', eventValue(0.25));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');
    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { health: { weightsBySegment: Record<string, Record<string, number>> } };
    expect(sent.health.weightsBySegment[segment]?.decline).toBe(0.25);
  });
});

describe('the CSM sentiment in health', () => {
  it('when the admin turns it on with a 60-day expiry, then its weight appears in the grid and the dry run sends all three', async () => {
    backend.on(`POST ${base}/scoring-config/dry-run`, { status: 200, body: report });
    const page = renderPage();
    await loaded(page);
    const segment = scoringConfig.config.segments[0]!.key;
    expect(page.findByTestId(Checkbox, 'csm-sentiment-enabled').props.checked).toBe(false);
    expect(page.findAll(NumberInput).some((input) => input.props.name === `weight-${segment}-csm_sentiment`)).toBe(false);

    page.findByTestId(Checkbox, 'csm-sentiment-enabled').trigger('onChange', true as never);
    page.findByTestId(NumberInput, 'csm-sentiment-expires').trigger('onChange', eventValue(60));
    await page.waitFor(() => expect(page.findAll(NumberInput).some((input) => input.props.name === `weight-${segment}-csm_sentiment`)).toBe(true));
    page.findAll(NumberInput).find((input) => input.props.name === `weight-${segment}-csm_sentiment`)!.trigger('onChange', eventValue(0.2));
    await page.waitFor(() => expect(page.findByTestId(Button, 'review').props.disabled).toBe(false));
    page.findByTestId(Button, 'review').trigger('onClick');

    await page.waitFor(() => expect(backend.requestsTo(`POST ${base}/scoring-config/dry-run`)).toHaveLength(1));
    const sent = backend.requestsTo(`POST ${base}/scoring-config/dry-run`)[0]?.body as { health: { components: Record<string, unknown>; weightsBySegment: Record<string, Record<string, number>> } };
    expect(sent.health.components.csm_sentiment).toEqual({ weight: 0.1, enabled: true, expiresAfterDays: 60 });
    expect(sent.health.weightsBySegment[segment]?.csm_sentiment).toBe(0.2);
  });
});

describe('data coverage', () => {
  const coverage = {
    computedAt: '2026-11-30T03:10:00.000Z', customers: 120,
    inputs: [
      { key: 'arr', label: 'ARR', customers: 120, share: 1, fill: 'map ARR in Settings (reads annual_recurring_revenue)' },
      { key: 'usage', label: 'product usage', customers: 30, share: 0.25, fill: 'map active users in Settings (reads active_users_30d)' },
    ],
    components: [],
  };

  it('when the backend has a coverage report, then the data mapping tab shows which inputs customers lack and what fills them', async () => {
    backend.on(`GET ${base}/sync-status`, { status: 200, body: { portalId: 4242, dataCoverage: coverage } });
    const page = renderPage();
    await loaded(page);

    expect(textOf(page.findByTestId(TableRow, 'coverage-usage'))).toBe('product usage 30 (25%) map active users in Settings (reads active_users_30d)');
    expect(textOf(page.findByTestId(TableRow, 'coverage-arr'))).toBe('ARR 120 (100%)');
  });

  it('when there is no report yet, then the page loads without the coverage table', async () => {
    backend.on(`GET ${base}/sync-status`, { status: 200, body: { portalId: 4242, dataCoverage: null } });
    const page = renderPage();
    await loaded(page);

    expect(page.maybeFind(TableRow, { testId: 'coverage-arr' })).toBeNull();
  });
});
