import { z } from 'zod';
import { optionalScopes, requiredScopes } from '../../src/install/scopes.ts';
import {
  appHsmetaSchema,
  cardHsmetaSchema,
  hsprojectSchema,
  pageHsmetaSchema,
  settingsHsmetaSchema,
  publicHttpsUrlSchema,
  webhooksHsmetaSchema,
  type CrmObjectSubscription,
} from './hsmeta.schema.ts';

// Everything HubSpot needs to know about Waypoint, derived from two settings. The files are data, so the
// generator writes them and a test compares the committed ones with what it would write.

export const manifestConfigSchema = z.object({
  baseUrl: publicHttpsUrlSchema.transform((url) => url.replace(/\/+$/, '')),
  appName: z.string().trim().min(1, 'app name must not be empty').max(200),
});
export type ManifestConfig = z.input<typeof manifestConfigSchema>;

export const defaultManifestConfig = { baseUrl: 'https://waypoint.example.com', appName: 'Waypoint' } as const;

// Every object whose changes can move a customer's health; the sync re-reads the record on each event.
const syncedObjectTypes = ['company', 'contact', 'deal', 'ticket', 'call', 'email', 'meeting_event', 'note', 'task', 'feedback_submission'] as const;
const lifecycleSubscriptions = ['object.creation', 'object.deletion', 'object.merge', 'object.restore', 'object.associationChange'] as const;

// The properties the sync reads whose changes matter between incremental runs. Never a waypoint_* property:
// Waypoint's own write-back must not come back to it as events.
export const watchedProperties: ReadonlyArray<readonly [objectType: string, propertyName: string]> = [
  ['company', 'lifecyclestage'],
  ['company', 'annual_recurring_revenue'],
  ['company', 'renewal_date'],
  ['company', 'active_users_30d'],
  ['company', 'hubspot_owner_id'],
  ['ticket', 'hs_pipeline_stage'],
  ['ticket', 'hs_ticket_priority'],
  ['deal', 'dealstage'],
  ['deal', 'amount'],
  ['contact', 'jobtitle'],
];

export const cardDefinitions = [
  {
    file: 'health-card-hsmeta.json',
    uid: 'waypoint_health_card',
    name: 'Customer health',
    description: 'Health score, trend, Success Vector, milestones and the next play for this customer.',
    location: 'crm.record.sidebar',
    component: 'HealthCard.tsx',
  },
  {
    file: 'health-tab-hsmeta.json',
    uid: 'waypoint_health_tab',
    name: 'Customer success',
    description: 'Everything Waypoint knows about this customer: health components, milestones, fit and the next play.',
    location: 'crm.record.tab',
    component: 'HealthTab.tsx',
  },
] as const;

/** The settings page lives in the cards package too; staging copies the package to /app/settings/ for it. */
export const settingsDefinition = { file: 'settings-hsmeta.json', uid: 'waypoint_settings', name: 'Waypoint settings', component: 'Settings.tsx' } as const;

/** The app home page (the CS leader's portfolio) lives in the cards package too; staging copies it to /app/pages/. */
export const homePageDefinition = { file: 'home-hsmeta.json', uid: 'waypoint_home', component: 'PortfolioHome.tsx' } as const;

export type GeneratedFile = { path: string; content: string };

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const projectName = (appName: string): string =>
  appName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'waypoint';

const webhookSubscriptions = (): CrmObjectSubscription[] => [
  ...syncedObjectTypes.flatMap((objectType) =>
    lifecycleSubscriptions.map((subscriptionType) => ({ subscriptionType, objectType, active: true }))),
  ...watchedProperties.map(([objectType, propertyName]) => ({ subscriptionType: 'object.propertyChange' as const, objectType, propertyName, active: true })),
];

/** The manifest files (paths relative to the repository root) for one deployment of Waypoint. */
export const buildManifest = (input: ManifestConfig): GeneratedFile[] => {
  const { baseUrl, appName } = manifestConfigSchema.parse(input);
  const hsproject = hsprojectSchema.parse({ name: projectName(appName), srcDir: 'src', platformVersion: '2026.03' });
  const app = appHsmetaSchema.parse({
    uid: 'waypoint_app',
    type: 'app',
    config: {
      name: appName,
      description: 'Customer success for HubSpot: fit, health, Success Vector, cohorts and the next play for every customer, written back as company properties and shown on company records.',
      distribution: 'marketplace',
      auth: {
        type: 'oauth',
        redirectUrls: [`${baseUrl}/oauth/callback`],
        requiredScopes: [...requiredScopes],
        optionalScopes: [...optionalScopes],
        conditionallyRequiredScopes: [],
      },
      permittedUrls: { fetch: [baseUrl], iframe: [], img: [] },
    },
  });
  const webhooks = webhooksHsmetaSchema.parse({
    uid: 'waypoint_webhooks',
    type: 'webhooks',
    config: {
      settings: { targetUrl: `${baseUrl}/webhooks/hubspot`, maxConcurrentRequests: 10 },
      subscriptions: { crmObjects: webhookSubscriptions() },
    },
  });
  const cards = cardDefinitions.map((card) => ({
    path: `cards/${card.file}`,
    content: json(cardHsmetaSchema.parse({
      uid: card.uid,
      type: 'card',
      config: {
        name: card.name,
        description: card.description,
        location: card.location,
        entrypoint: `/app/cards/${card.component}`,
        objectTypes: ['companies'],
      },
    })),
  }));
  const settings = {
    path: `cards/${settingsDefinition.file}`,
    content: json(settingsHsmetaSchema.parse({
      uid: settingsDefinition.uid,
      type: 'settings',
      config: { name: settingsDefinition.name, entrypoint: `/app/settings/${settingsDefinition.component}` },
    })),
  };
  const home = {
    path: `cards/${homePageDefinition.file}`,
    content: json(pageHsmetaSchema.parse({
      uid: homePageDefinition.uid,
      type: 'page',
      config: { entrypoint: `/app/pages/${homePageDefinition.component}`, location: 'home' },
    })),
  };
  return [
    { path: 'app-manifest/hsproject.json', content: json(hsproject) },
    { path: 'app-manifest/src/app/app-hsmeta.json', content: json(app) },
    { path: 'app-manifest/src/app/webhooks/webhooks-hsmeta.json', content: json(webhooks) },
    ...cards,
    settings,
    home,
    {
      path: 'cards/generated/config.ts',
      content: `// Generated by scripts/manifest/generate.ts from PUBLIC_BASE_URL; edit the config, not this file.\nexport const BACKEND_BASE_URL = ${JSON.stringify(baseUrl)};\n`,
    },
  ];
};
