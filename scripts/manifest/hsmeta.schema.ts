import { z } from 'zod';

// HubSpot validates project files only with an authenticated account (hs project validate downloads its JSON
// Schema), so CI checks them offline against the fields HubSpot documents for platform 2026.03
// (/docs/apps/developer-platform/build-apps/app-configuration, app-cards/reference, configure-webhooks).
// Where the docs leave room, this is stricter than HubSpot: it describes what Waypoint ships.

export const uidSchema = z
  .string()
  .min(1)
  .max(64, 'uid must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'uid may only hold letters, digits, "_", "." and "-"');

const isLoopbackOrPrivate = (host: string): boolean =>
  host === 'localhost' ||
  host.endsWith('.localhost') ||
  host === '[::1]' ||
  /^127\./.test(host) ||
  /^10\./.test(host) ||
  /^192\.168\./.test(host) ||
  /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
  host === '0.0.0.0';

/** HubSpot calls these from its own servers: HTTPS on a public host, never localhost. */
export const publicHttpsUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a URL: ${value}` });
    return;
  }
  if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `must use https: ${value}` });
  if (isLoopbackOrPrivate(url.hostname)) ctx.addIssue({ code: 'custom', message: `must not point at a local or private host: ${value}` });
  if (url.search !== '' || url.hash !== '') ctx.addIssue({ code: 'custom', message: `must carry no query or fragment: ${value}` });
});

// Apps that hold a sensitive-data scope cannot use hubspot.fetch, which the cards depend on.
export const scopeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]*$/, 'scope must be a HubSpot scope name')
  .refine((scope) => !/(^|\.)(sensitive|highly_sensitive)(\.|$)/.test(scope), 'sensitive-data scopes are not allowed (they disable hubspot.fetch)');

export const hsprojectSchema = z.strictObject({
  name: z.string().min(1).max(200),
  srcDir: z.literal('src'),
  platformVersion: z.literal('2026.03'),
});

export const appHsmetaSchema = z
  .strictObject({
    uid: uidSchema,
    type: z.literal('app'),
    config: z.strictObject({
      name: z.string().min(1).max(200),
      description: z.string().max(8192).optional(),
      distribution: z.enum(['marketplace', 'private']),
      auth: z.strictObject({
        type: z.enum(['oauth', 'static']),
        redirectUrls: z.array(publicHttpsUrlSchema).min(1),
        requiredScopes: z.array(scopeSchema).min(1),
        optionalScopes: z.array(scopeSchema),
        conditionallyRequiredScopes: z.array(scopeSchema),
      }),
      permittedUrls: z.strictObject({
        fetch: z.array(publicHttpsUrlSchema),
        iframe: z.array(publicHttpsUrlSchema),
        img: z.array(publicHttpsUrlSchema),
      }),
      support: z
        .strictObject({
          supportEmail: z.email().optional(),
          documentationUrl: publicHttpsUrlSchema.optional(),
          supportUrl: publicHttpsUrlSchema.optional(),
          supportPhone: z.string().optional(),
        })
        .optional(),
    }),
  })
  .superRefine((app, ctx) => {
    const { auth, distribution } = app.config;
    if (distribution === 'marketplace' && auth.type !== 'oauth') {
      ctx.addIssue({ code: 'custom', path: ['config', 'auth', 'type'], message: 'marketplace apps must use oauth' });
    }
    if (!auth.requiredScopes.includes('oauth')) {
      ctx.addIssue({ code: 'custom', path: ['config', 'auth', 'requiredScopes'], message: 'must include "oauth"' });
    }
    const declared = [...auth.requiredScopes, ...auth.optionalScopes, ...auth.conditionallyRequiredScopes];
    const repeated = declared.filter((scope, index) => declared.indexOf(scope) !== index);
    if (repeated.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['config', 'auth'], message: `scopes declared twice: ${repeated.join(', ')}` });
    }
  });

export const cardLocations = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] as const;
export const cardObjectTypes = ['contacts', 'companies', 'deals', 'tickets'] as const;

export const cardHsmetaSchema = z.strictObject({
  uid: uidSchema,
  type: z.literal('card'),
  config: z.strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(8192).optional(),
    location: z.enum(cardLocations),
    entrypoint: z.string().regex(/^\/app\/cards\/[A-Za-z0-9_./-]+\.(tsx|jsx)$/, 'entrypoint must be a .tsx or .jsx file under /app/cards/'),
    objectTypes: z.array(z.enum(cardObjectTypes)).min(1),
  }),
});

// The app's settings page (platform 2026.03 `settings` component): one per app, its entrypoint under /app/settings/.
export const settingsHsmetaSchema = z.strictObject({
  uid: uidSchema,
  type: z.literal('settings'),
  config: z.strictObject({
    name: z.string().min(1).max(200),
    entrypoint: z.string().regex(/^\/app\/settings\/[A-Za-z0-9_./-]+\.(tsx|jsx)$/, 'entrypoint must be a .tsx or .jsx file under /app/settings/'),
  }),
});

// The app home page (platform 2026.03 `page` component at location `home`): one per app, its entrypoint under
// /app/pages/ (/docs/apps/developer-platform/add-features/ui-extensions/extension-points/app-home-page).
export const pageHsmetaSchema = z.strictObject({
  uid: uidSchema,
  type: z.literal('page'),
  config: z.strictObject({
    entrypoint: z.string().regex(/^\/app\/pages\/[A-Za-z0-9_./-]+\.(tsx|jsx)$/, 'entrypoint must be a .tsx or .jsx file under /app/pages/'),
    location: z.literal('home'),
  }),
});

const objectSubscriptionTypes = ['object.creation', 'object.deletion', 'object.merge', 'object.restore', 'object.associationChange', 'object.propertyChange'] as const;

export const crmObjectSubscriptionSchema = z
  .strictObject({
    subscriptionType: z.enum(objectSubscriptionTypes),
    objectType: z.string().regex(/^[a-z][a-z_]*$/, 'objectType must be a lowercase object name like feedback_submission'),
    propertyName: z.string().regex(/^[a-z0-9_]+$/, 'propertyName must be an internal property name').optional(),
    active: z.boolean(),
  })
  .superRefine((subscription, ctx) => {
    const isPropertyChange = subscription.subscriptionType === 'object.propertyChange';
    if (isPropertyChange && subscription.propertyName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['propertyName'], message: 'object.propertyChange needs a propertyName (no wildcard)' });
    }
    if (!isPropertyChange && subscription.propertyName !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['propertyName'], message: `${subscription.subscriptionType} takes no propertyName` });
    }
  });

export const webhooksHsmetaSchema = z
  .strictObject({
    uid: uidSchema,
    type: z.literal('webhooks'),
    config: z.strictObject({
      settings: z.strictObject({
        targetUrl: publicHttpsUrlSchema,
        maxConcurrentRequests: z.int().min(1),
      }),
      subscriptions: z.strictObject({
        crmObjects: z.array(crmObjectSubscriptionSchema).optional(),
        legacyCrmObjects: z.array(z.strictObject({ subscriptionType: z.string(), propertyName: z.string().optional(), active: z.boolean() })).optional(),
        hubEvents: z.array(z.strictObject({ subscriptionType: z.string(), active: z.boolean() })).optional(),
      }),
    }),
  })
  .superRefine((webhooks, ctx) => {
    const keys = (webhooks.config.subscriptions.crmObjects ?? []).map((s) => `${s.subscriptionType} ${s.objectType} ${s.propertyName ?? ''}`);
    const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
    if (repeated.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['config', 'subscriptions', 'crmObjects'], message: `subscribed twice: ${repeated.join('; ')}` });
    }
  });

/** Which schema a *-hsmeta.json file must satisfy, by its `type`. */
export const hsmetaSchemaByType = {
  app: appHsmetaSchema,
  card: cardHsmetaSchema,
  settings: settingsHsmetaSchema,
  page: pageHsmetaSchema,
  webhooks: webhooksHsmetaSchema,
} as const;

export type HsProject = z.infer<typeof hsprojectSchema>;
export type AppHsmeta = z.infer<typeof appHsmetaSchema>;
export type CardHsmeta = z.infer<typeof cardHsmetaSchema>;
export type SettingsHsmeta = z.infer<typeof settingsHsmetaSchema>;
export type PageHsmeta = z.infer<typeof pageHsmetaSchema>;
export type WebhooksHsmeta = z.infer<typeof webhooksHsmetaSchema>;
export type CrmObjectSubscription = z.infer<typeof crmObjectSubscriptionSchema>;
