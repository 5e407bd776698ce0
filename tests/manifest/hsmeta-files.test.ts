import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionalScopes, requiredScopes } from '../../src/install/scopes.ts';
import { appHsmetaSchema, cardHsmetaSchema, hsmetaSchemaByType, hsprojectSchema, pageHsmetaSchema, settingsHsmetaSchema, webhooksHsmetaSchema } from '../../scripts/manifest/hsmeta.schema.ts';

// Every *-hsmeta.json that ships (the project's own and the cards'), checked offline: HubSpot's validator needs an
// authenticated account, so this is where a bad uid, scope, URL or location is caught before an upload.

const root = join(import.meta.dirname, '..', '..');
const skipped = new Set(['node_modules', ...['cards', 'settings', 'pages'].map((staged) => join('app-manifest', 'src', 'app', staged))]);

const hsmetaFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) || skipped.has(path) ? [] : hsmetaFiles(path);
    return entry.name.endsWith('-hsmeta.json') ? [path] : [];
  });

const files = [...hsmetaFiles('app-manifest'), ...hsmetaFiles('cards')].map((path) => ({
  path,
  json: JSON.parse(readFileSync(join(root, path), 'utf8')) as { uid: string; type: keyof typeof hsmetaSchemaByType },
}));
const ofType = (type: string) => files.filter((file) => file.json.type === type);
const app = appHsmetaSchema.parse(ofType('app')[0]?.json);
const webhooks = webhooksHsmetaSchema.parse(ofType('webhooks')[0]?.json);

describe('the shipped HubSpot project files', () => {
  it('when listed, then there is one app, one webhooks component, a card for the sidebar and the tab, the settings page and the home page', () => {
    expect(files.map((file) => relative(root, join(root, file.path))).sort()).toEqual([
      'app-manifest/src/app/app-hsmeta.json',
      'app-manifest/src/app/webhooks/webhooks-hsmeta.json',
      'cards/health-card-hsmeta.json',
      'cards/health-tab-hsmeta.json',
      'cards/home-hsmeta.json',
      'cards/settings-hsmeta.json',
    ]);
    expect(ofType('card').map((file) => cardHsmetaSchema.parse(file.json).config.location).sort()).toEqual(['crm.record.sidebar', 'crm.record.tab']);
  });

  it.each(files.map((file) => [file.path, file.json] as const))('when %s is read, then it has the fields HubSpot documents for its type', (_path, json) => {
    const result = hsmetaSchemaByType[json.type].safeParse(json);
    expect(result.success ? 'valid' : result.error.issues).toBe('valid');
  });

  it('when uids are compared, then each is unique within the project', () => {
    const uids = files.map((file) => file.json.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('when hsproject.json is read, then it targets platform 2026.03 with src as its source folder', () => {
    const project = hsprojectSchema.parse(JSON.parse(readFileSync(join(root, 'app-manifest', 'hsproject.json'), 'utf8')));
    expect(project).toMatchObject({ srcDir: 'src', platformVersion: '2026.03' });
  });

  it('when a card names its entrypoint, then that component exists in cards/ and registers itself for the card\'s location', () => {
    for (const file of ofType('card')) {
      const card = cardHsmetaSchema.parse(file.json);
      const source = join(root, 'cards', card.config.entrypoint.replace('/app/cards/', ''));
      expect(existsSync(source), source).toBe(true);
      expect(readFileSync(source, 'utf8')).toContain(`hubspot.extend<'${card.config.location}'>`);
      expect(card.config.objectTypes).toEqual(['companies']);
    }
  });

  it('when the settings page names its entrypoint, then that component exists in cards/ and registers itself for the settings location', () => {
    const [file, ...others] = ofType('settings');
    expect(others).toEqual([]);
    const settings = settingsHsmetaSchema.parse(file?.json);
    const source = join(root, 'cards', settings.config.entrypoint.replace('/app/settings/', ''));
    expect(existsSync(source), source).toBe(true);
    expect(readFileSync(source, 'utf8')).toContain("hubspot.extend<'settings'>");
  });

  it('when the home page names its entrypoint, then that component exists in cards/ and registers itself for the home location', () => {
    const [file, ...others] = ofType('page');
    expect(others).toEqual([]);
    const home = pageHsmetaSchema.parse(file?.json);
    expect(home.config.location).toBe('home');
    const source = join(root, 'cards', home.config.entrypoint.replace('/app/pages/', ''));
    expect(existsSync(source), source).toBe(true);
    expect(readFileSync(source, 'utf8')).toContain("hubspot.extend<'home'>");
  });

  it('when the app declares scopes, then they are exactly the ones the install asks for, and none is sensitive', () => {
    expect(app.config.auth.requiredScopes).toEqual([...requiredScopes]);
    expect(app.config.auth.optionalScopes).toEqual([...optionalScopes]);
    expect([...app.config.auth.requiredScopes, ...app.config.auth.optionalScopes].filter((scope) => scope.includes('sensitive'))).toEqual([]);
  });

  it('when the app is distributed, then it is a marketplace app on OAuth', () => {
    expect(app.config).toMatchObject({ distribution: 'marketplace', auth: { type: 'oauth' } });
  });

  it('when webhooks watch properties, then none is one of Waypoint\'s own, so its write-back never comes back as events', () => {
    const watched = (webhooks.config.subscriptions.crmObjects ?? []).flatMap((s) => (s.propertyName === undefined ? [] : [s.propertyName]));
    expect(watched.length).toBeGreaterThan(0);
    expect(watched.filter((name) => name.startsWith('waypoint_'))).toEqual([]);
  });

  it.each(['company', 'contact', 'deal', 'ticket', 'call', 'email', 'meeting_event', 'note', 'task', 'feedback_submission'])(
    'when %s records are created, deleted, merged, restored or re-associated, then a webhook tells the sync',
    (objectType) => {
      const types = (webhooks.config.subscriptions.crmObjects ?? []).filter((s) => s.objectType === objectType && s.active).map((s) => s.subscriptionType);
      expect(types).toEqual(expect.arrayContaining(['object.creation', 'object.deletion', 'object.merge', 'object.restore', 'object.associationChange']));
    },
  );
});
