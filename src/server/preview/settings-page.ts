import type { PortalPropertiesResult, SettingsObjectType } from '../../hubspot/portal-properties.ts';
import type { ScoringConfig } from '../../scoring/config.schema.ts';
import type { DataCoverage } from '../../scoring/coverage.ts';
import type { ApiKeyListing } from '../../install/api-key-admin.ts';
import type { ConfigAuthor } from '../scoring-config/config-author.ts';
import type { FitCounts } from '../scoring-config/fit-counts.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './page-layout.ts';

export interface SettingsPreviewData {
  portalId: number;
  version: number | null;
  config: ScoringConfig;
  properties: Record<SettingsObjectType, PortalPropertiesResult>;
  counts: FitCounts;
  versions: Array<{ version: number; savedAt: string; savedBy: ConfigAuthor }>;
  keys: ApiKeyListing[];
  /** The last whole-portal scoring run's coverage report, or null before the first one. */
  coverage: DataCoverage | null;
}

// The same facts the settings extension maps (cards/settings/DataMappingSection.tsx), with the types each may be.
const mappedFields: ReadonlyArray<[key: keyof ScoringConfig['properties'], label: string, types: readonly string[]]> = [
  ['arr', 'Annual recurring revenue (ARR)', ['number']], ['renewalDate', 'Renewal date', ['date', 'datetime']],
  ['contractStartDate', 'Contract start', ['date', 'datetime']], ['seats', 'Seats purchased', ['number']],
  ['activeUsers30d', 'Active users (30 days)', ['number']], ['keyFeaturesUsed', 'Key features used', ['number']],
  ['churnedAt', 'Churn date', ['date', 'datetime']], ['churnReason', 'Churn reason', ['enumeration', 'string']],
  ['lifecycleStage', 'Lifecycle stage', ['enumeration']],
];

const propertiesOf = (data: SettingsPreviewData, type: SettingsObjectType) => (data.properties[type].available ? data.properties[type].properties : []);
const companyProperties = (data: SettingsPreviewData) => propertiesOf(data, 'companies');
const labelOf = (data: SettingsPreviewData, property: string, value: string, type: SettingsObjectType = 'companies'): string =>
  propertiesOf(data, type).find((p) => p.name === property)?.options.find((o) => o.value === value)?.label ?? value;
const propertyName = (data: SettingsPreviewData, property: string, type: SettingsObjectType = 'companies'): string => {
  const listed = data.properties[type];
  // Feedback submissions need a scope the portal may not have granted: then nothing can be checked, only named.
  if (!listed.available) return `${property} (HubSpot does not let Waypoint read these properties: ${listed.reason})`;
  const label = listed.properties.find((p) => p.name === property)?.label;
  return label ? `${label} (${property})` : `${property} (not in this portal)`;
};

const section = (id: string, title: string, body: SafeHtml, wide = true) =>
  html`<section class="${wide ? 'wide' : ''}" data-testid="section-${id}"><h2>${title}</h2>${body}</section>`;

// Where NPS and CSAT answers come from, as the extension's feedback pickers show it (feedback submission properties).
const feedbackMapping = (data: SettingsPreviewData) => {
  const { typeProperty, valueProperty, npsTypes, csatTypes } = data.config.feedback;
  const surveys = (values: readonly string[]) => values.map((v) => labelOf(data, typeProperty, v, 'feedback_submissions')).join(', ') || 'none';
  return html`<table data-testid="feedback-mapping"><thead><tr><th>NPS and CSAT</th><th>Feedback submission property or values</th></tr></thead><tbody>
    <tr data-testid="feedback-type-property"><td>Says which survey it answers</td><td>${propertyName(data, typeProperty, 'feedback_submissions')}</td></tr>
    <tr data-testid="feedback-value-property"><td>Holds the answer</td><td>${propertyName(data, valueProperty, 'feedback_submissions')}</td></tr>
    <tr data-testid="feedback-nps"><td>NPS surveys</td><td>${surveys(npsTypes)}</td></tr>
    <tr data-testid="feedback-csat"><td>CSAT surveys</td><td>${surveys(csatTypes)}</td></tr></tbody></table>`;
};

const mapping = (data: SettingsPreviewData) => section('mapping', 'Data mapping', html`<table><thead><tr><th>Fact</th><th>HubSpot property</th><th>Choices of a fitting type</th></tr></thead><tbody>${mappedFields.map(([key, label, types]) => {
  const name = data.config.properties[key] ?? 'not mapped';
  const definition = companyProperties(data).find((p) => p.name === name);
  const fits = definition !== undefined && types.includes(definition.type);
  const choices = companyProperties(data).filter((p) => types.includes(p.type)).length;
  return html`<tr data-testid="mapping-${key}"><td>${label}</td><td>${definition ? `${definition.label} (${name})` : name}${fits ? '' : html` <span class="pill red">${definition ? `is a ${definition.type} property` : 'not in this portal'}</span>`}</td><td>${choices}</td></tr>`;
})}</tbody></table>${feedbackMapping(data)}`);

const coverage = (data: SettingsPreviewData) => (data.coverage === null ? html`` : section('coverage', 'Data coverage', html`
  <p class="muted">From the scoring run of ${data.coverage.computedAt} over ${data.coverage.customers} customers.</p>
  <table><thead><tr><th>Input</th><th>Customers with it</th><th>To fill the gap</th></tr></thead><tbody>${data.coverage.inputs.map((input) => html`<tr data-testid="coverage-${input.key}"><td>${input.label}</td><td>${input.customers} (${Math.round(input.share * 100)}%)</td><td>${input.share >= 1 ? '' : input.fill}</td></tr>`)}</tbody></table>`));

// Segments by ARR bands, or by an enumeration property's values (a company with none of the listed values goes in the last).
const segmentTable = (data: SettingsPreviewData) => {
  const { property, valuesBySegment } = data.config.segmentBy;
  if (property === null) {
    return html`<p data-testid="segment-by">Segments by ARR (the last one has no upper bound).</p>
    <table><thead><tr><th>Segment</th><th>ARR up to</th></tr></thead><tbody>${data.config.segments.map((s) => html`<tr data-testid="segment-${s.key}"><td>${s.key}</td><td>${s.maxArr === null ? 'no limit' : s.maxArr.toLocaleString('en-US')}</td></tr>`)}</tbody></table>`;
  }
  return html`<p data-testid="segment-by">Segments by ${propertyName(data, property)} (a company with no listed value goes in the last one).</p>
  <table><thead><tr><th>Segment</th><th>Values</th></tr></thead><tbody>${data.config.segments.map((s) => html`<tr data-testid="segment-${s.key}"><td>${s.key}</td><td>${(valuesBySegment[s.key] ?? []).map((v) => labelOf(data, property, v)).join(', ') || 'any other value'}</td></tr>`)}</tbody></table>`;
};

const customers = (data: SettingsPreviewData) => section('customers', 'Customers and segments', html`
  <p data-testid="customer-rule">A company is a customer when ${data.config.customerFilter.property} is ${data.config.customerFilter.values.map((v) => labelOf(data, data.config.customerFilter.property, v)).join(' or ')}.</p>
  ${segmentTable(data)}`, false);

const describeRule = (data: SettingsPreviewData, rule: ScoringConfig['fit']['good'][number]): string => {
  const property = companyProperties(data).find((p) => p.name === rule.property)?.label ?? rule.property;
  switch (rule.op) {
    case 'in': return `${property} is ${rule.values.map((v) => labelOf(data, rule.property, v)).join(', ')}`;
    case 'between': return `${property} is between ${rule.min} and ${rule.max}`;
    case 'lt': return `${property} is less than ${rule.value}`;
    case 'gte': return `${property} is at least ${rule.value}`;
  }
};

const fit = (data: SettingsPreviewData) => section('fit', 'Fit', html`
  <p data-testid="fit-mix">Of ${data.counts.customers} customers: ${data.counts.fit.good} good fit, ${data.counts.fit.stretch} stretch, ${data.counts.fit.bad} bad fit</p>
  <table><thead><tr><th>Rule</th><th>Customers it matches</th></tr></thead><tbody>
  ${(['good', 'bad'] as const).flatMap((kind) => data.config.fit[kind].map((rule, i) => html`<tr data-testid="fit-${kind}-${i}"><td><span class="pill ${kind === 'good' ? 'green' : 'red'}">${kind}</span> ${describeRule(data, rule)}</td><td>${data.counts[kind][i] ?? 0}</td></tr>`))}
  </tbody></table>`);

// The extension's wording for each condition type (cards/settings/MilestonesSection.tsx), with its settings filled in.
const describeCondition = (data: SettingsPreviewData, condition: ScoringConfig['milestones']['items'][number]['condition']): string => {
  switch (condition.type) {
    case 'meeting': return `A meeting whose title matches ${condition.titlePattern}`;
    case 'usage': return `A usage metric reaches: ${condition.metric} at least ${condition.atLeast}`;
    case 'depth': return `Seats in use reach a share: ${Math.round(condition.atLeast * 100)}%`;
    case 'executive_contact': return 'An executive is in contact';
    case 'deal_won': return `A deal of these types is won: ${condition.dealTypes.map((t) => labelOf(data, 'dealtype', t, 'deals')).join(', ')}`;
    case 'property_set': return `A company property is set: ${propertyName(data, condition.property)}${
      condition.equals === null ? ' has any value' : ` is ${labelOf(data, condition.property, condition.equals)}`}`;
    case 'manual': return 'A CSM marks it done';
  }
};

const milestones = (data: SettingsPreviewData) => section('milestones', 'Milestones', html`<table><thead><tr><th>#</th><th>Milestone</th><th>Reached when</th><th>Expected by day</th></tr></thead><tbody>${data.config.milestones.items.map((m, i) => html`<tr data-testid="milestone-${i}"><td>${i + 1}</td><td>${m.label}</td><td>${describeCondition(data, m.condition)}</td><td>${m.expectedDays}</td></tr>`)}</tbody></table>`, false);

const health = (data: SettingsPreviewData) => {
  const { health: h, dark, segments } = data.config;
  const weight = (segment: string, key: string) => h.weightsBySegment[segment]?.[key as keyof typeof h.components] ?? h.components[key as keyof typeof h.components].weight;
  return section('health', 'Health', html`
    <p data-testid="status-bars">Healthy from ${h.status.green}, at risk below ${h.status.yellow}. Gone dark after ${dark.defaultDays} days without two-way contact.</p>
    <table><thead><tr><th>Component</th>${segments.map((s) => html`<th>${s.key}</th>`)}</tr></thead><tbody>${Object.keys(h.components).map((key) => html`<tr><td>${key}</td>${segments.map((s) => html`<td>${weight(s.key, key)}</td>`)}</tr>`)}</tbody></table>
    <p>Vetoes: ${h.vetoes.map((v) => `${v.signal} ≥ ${v.atLeast} caps at ${v.capStatus}`).join('; ') || 'none'}</p>`);
};

const author = (a: ConfigAuthor): string =>
  a.kind === 'hubspot_user' ? (a.email ?? `HubSpot user ${a.userId}`) : a.kind === 'api_key' ? `API key ${a.keyPrefix}…` : a.kind === 'operator' ? 'Operator (CLI)' : 'HubSpot';

const keys = (data: SettingsPreviewData) => section('keys', 'API keys', html`<table><thead><tr><th>Key</th><th>Name</th><th>Last used</th><th>Status</th></tr></thead><tbody>${data.keys.map((k) => html`<tr data-testid="key-${k.prefix}"><td>${k.prefix}…</td><td>${k.name}</td><td>${k.lastUsedAt ?? 'never'}</td><td>${k.revokedAt ? 'revoked' : 'active'}</td></tr>`)}</tbody></table>`, false);

const history = (data: SettingsPreviewData) => section('history', 'History', data.versions.length === 0
  ? html`<p class="muted">No saved version yet: the shipped default settings are in use.</p>`
  : html`<table><thead><tr><th>Version</th><th>Saved by</th><th>When</th></tr></thead><tbody>${data.versions.map((v) => html`<tr><td>${v.version}</td><td>${author(v.savedBy)}</td><td>${v.savedAt}</td></tr>`)}</tbody></table>`, false);

/** /preview/settings: the settings extension's sections, read-only, from the data its endpoints serve. */
export const settingsPage = (data: SettingsPreviewData): string =>
  page('Settings', html`<main><section class="wide"><h1 data-testid="settings-title">Waypoint settings</h1><p class="muted">Portal ${data.portalId}: ${data.version === null ? 'the shipped default settings' : `version ${data.version}`}. In HubSpot this is the app's settings page; every save there shows the whole-portal dry run first.</p></section>
  ${coverage(data)}${mapping(data)}${customers(data)}${milestones(data)}${fit(data)}${health(data)}${keys(data)}${history(data)}</main>`);
