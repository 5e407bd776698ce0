import { describe, expect, it } from 'vitest';
import { buildManifest, defaultManifestConfig } from '../../scripts/manifest/build-manifest.ts';
import { appHsmetaSchema, cardHsmetaSchema, pageHsmetaSchema, webhooksHsmetaSchema } from '../../scripts/manifest/hsmeta.schema.ts';

// The offline schema must refuse what HubSpot would refuse (or what would break the cards), naming the field.

const generated = (suffix: string) => JSON.parse(buildManifest(defaultManifestConfig).find((file) => file.path.endsWith(suffix))?.content ?? '{}');
const app = generated('app-hsmeta.json');
const card = generated('health-card-hsmeta.json');
const webhooks = generated('webhooks-hsmeta.json');
const home = generated('home-hsmeta.json');

const firstIssue = (schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown) => {
  const result = schema.safeParse(value);
  const issue = result.error?.issues[0];
  return result.success || issue === undefined ? 'accepted' : `${issue.path.join('.')}: ${issue.message}`;
};

const withAuth = (auth: object) => ({ ...app, config: { ...app.config, auth: { ...app.config.auth, ...auth } } });
const withFetch = (fetch: string[]) => ({ ...app, config: { ...app.config, permittedUrls: { ...app.config.permittedUrls, fetch } } });
const withCard = (config: object, top: object = {}) => ({ ...card, ...top, config: { ...card.config, ...config } });
const withSubscription = (subscription: object) => ({
  ...webhooks,
  config: { ...webhooks.config, subscriptions: { crmObjects: [subscription] } },
});

describe('the offline hsmeta schema', () => {
  it('when given the generated files, then it accepts each', () => {
    expect([firstIssue(appHsmetaSchema, app), firstIssue(cardHsmetaSchema, card), firstIssue(webhooksHsmetaSchema, webhooks)]).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it.each<[string, unknown, RegExp]>([
    ['a sensitive-data scope', withAuth({ optionalScopes: ['crm.objects.contacts.sensitive.read.v2'] }), /^config\.auth\.optionalScopes\.0: sensitive-data scopes/],
    ['a highly sensitive scope', withAuth({ requiredScopes: ['oauth', 'crm.objects.companies.highly_sensitive.read.v2'] }), /^config\.auth\.requiredScopes\.1: sensitive/],
    ['required scopes without oauth', withAuth({ requiredScopes: ['crm.objects.companies.read'] }), /^config\.auth\.requiredScopes: must include "oauth"/],
    ['a scope declared twice', withAuth({ optionalScopes: ['tickets'] }), /^config\.auth: scopes declared twice: tickets/],
    ['a marketplace app on static auth', withAuth({ type: 'static' }), /^config\.auth\.type: marketplace apps must use oauth/],
    ['a fetch URL on localhost', withFetch(['https://localhost:3000']), /^config\.permittedUrls\.fetch\.0: must not point at a local/],
    ['a fetch URL over plain http', withFetch(['http://waypoint.acme.io']), /^config\.permittedUrls\.fetch\.0: must use https/],
    ['a fetch URL on a private address', withFetch(['https://192.168.1.20']), /^config\.permittedUrls\.fetch\.0: must not point at a local/],
    ['a redirect URL on loopback', withAuth({ redirectUrls: ['https://127.0.0.1/oauth/callback'] }), /^config\.auth\.redirectUrls\.0: must not point at a local/],
  ])('when the app has %s, then it is refused', (_story, value, expected) => {
    expect(firstIssue(appHsmetaSchema, value)).toMatch(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['a uid of 65 characters', withCard({}, { uid: 'a'.repeat(65) }), /^uid: uid must be at most 64/],
    ['a uid with a space', withCard({}, { uid: 'health card' }), /^uid: uid may only hold/],
    ['an unknown location', withCard({ location: 'crm.record.middle' }), /^config\.location:/],
    ['an entrypoint outside app/cards', withCard({ entrypoint: '/app/HealthCard.tsx' }), /^config\.entrypoint: entrypoint must be/],
    ['no object type', withCard({ objectTypes: [] }), /^config\.objectTypes:/],
    ['an unknown field', withCard({ height: 300 }), /^config:/],
  ])('when a card has %s, then it is refused', (_story, value, expected) => {
    expect(firstIssue(cardHsmetaSchema, value)).toMatch(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['a property change without a property', withSubscription({ subscriptionType: 'object.propertyChange', objectType: 'company', active: true }), /propertyName: object\.propertyChange needs a propertyName/],
    ['a creation with a property', withSubscription({ subscriptionType: 'object.creation', objectType: 'company', propertyName: 'name', active: true }), /propertyName: object\.creation takes no propertyName/],
    ['an unknown subscription type', withSubscription({ subscriptionType: 'object.update', objectType: 'company', active: true }), /subscriptionType:/],
    ['a target on plain http', { ...webhooks, config: { ...webhooks.config, settings: { ...webhooks.config.settings, targetUrl: 'http://acme.io/webhooks/hubspot' } } }, /^config\.settings\.targetUrl: must use https/],
  ])('when webhooks have %s, then they are refused', (_story, value, expected) => {
    expect(firstIssue(webhooksHsmetaSchema, value)).toMatch(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['the generated file', home, /^accepted$/],
    ['a location other than home', { ...home, config: { ...home.config, location: 'settings' } }, /^config\.location:/],
    ['an entrypoint outside app/pages', { ...home, config: { ...home.config, entrypoint: '/app/cards/PortfolioHome.tsx' } }, /^config\.entrypoint: entrypoint must be/],
    ['the card type', { ...home, type: 'card' }, /^type:/],
  ])('when the home page has %s, then the offline schema accepts it or names the field HubSpot would refuse', (_story, value, expected) => {
    expect(firstIssue(pageHsmetaSchema, value)).toMatch(expected);
  });

  it('when a subscription is listed twice, then the webhooks are refused', () => {
    const twice = { ...webhooks, config: { ...webhooks.config, subscriptions: { crmObjects: [webhooks.config.subscriptions.crmObjects[0], webhooks.config.subscriptions.crmObjects[0]] } } };
    expect(firstIssue(webhooksHsmetaSchema, twice)).toMatch(/^config\.subscriptions\.crmObjects: subscribed twice/);
  });
});
