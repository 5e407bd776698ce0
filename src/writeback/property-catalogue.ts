import { propertyDefinitionSchema, type PropertyCatalogue, type PropertyDefinition, type PropertyOption } from '../hubspot/properties.ts';

// The one definition of Waypoint's company properties, used by provisioning (create/update in HubSpot) and by
// write-back (which values to send). Names and enumeration values are stable identifiers: portals' workflows
// trigger on them, so change labels freely but never a name or a value.

export const waypointGroupName = 'waypoint';

const options = (pairs: ReadonlyArray<readonly [value: string, label: string]>): PropertyOption[] =>
  pairs.map(([value, label], displayOrder) => ({ value, label, displayOrder, hidden: false }));

export const fitValues = ['good', 'stretch', 'bad'] as const;
export const healthStatusValues = ['green', 'yellow', 'red'] as const;
export const successVectorValues = ['positive', 'neutral', 'negative'] as const;
export const cohortValues = ['bad_fit', 'dark', 'negative', 'neutral', 'positive'] as const;
export const churnAvoidableValues = ['avoidable', 'unavoidable'] as const;
export const churnExpectedValues = ['expected', 'unexpected'] as const;
export const valueRealisedValues = ['none', 'partial', 'full'] as const;
export const nextPlayValues = ['offboard', 'reengage', 'rescue', 'drive_adoption', 'expansion', 'advocacy', 'monitor', 'renewal', 'review_fit'] as const;

const property = <Name extends string>(definition: Omit<PropertyDefinition, 'groupName'> & { name: Name }): PropertyDefinition & { name: Name } =>
  ({ ...propertyDefinitionSchema.parse({ ...definition, groupName: waypointGroupName }), name: definition.name });

type Described<Name extends string> = { name: Name; label: string; description: string };
/** Labels are keyed by the stable values, so the compiler insists every value has exactly one label. */
const enumeration = <Name extends string, Value extends string>(base: Described<Name>, values: readonly Value[], labels: Record<Value, string>) =>
  property({ ...base, type: 'enumeration', fieldType: 'select', options: options(values.map((value) => [value, labels[value]] as const)) });
const number = <Name extends string>(base: Described<Name>, numberDisplayHint: 'unformatted' | 'percentage') =>
  property({ ...base, type: 'number', fieldType: 'number', numberDisplayHint });
const text = <Name extends string>(base: Described<Name>, fieldType: 'text' | 'textarea') =>
  property({ ...base, type: 'string', fieldType });

export const waypointPropertyCatalogue = {
  group: { name: waypointGroupName, label: 'Waypoint customer success', displayOrder: -1 },
  properties: [
    enumeration({ name: 'waypoint_fit', label: 'Waypoint fit', description: 'Whether this customer can succeed with the product (Success Potential).' },
      fitValues, { good: 'Good fit', stretch: 'Stretch', bad: 'Bad fit' }),
    number({ name: 'waypoint_health_score', label: 'Waypoint health score', description: 'Health score from 0 to 100: is the customer getting value now.' }, 'unformatted'),
    enumeration({ name: 'waypoint_health_status', label: 'Waypoint health status', description: 'Health band derived from the health score.' },
      healthStatusValues, { green: 'Green', yellow: 'Yellow', red: 'Red' }),
    enumeration({ name: 'waypoint_success_vector', label: 'Waypoint Success Vector', description: 'Which way the customer is heading.' },
      successVectorValues, { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' }),
    enumeration({ name: 'waypoint_cohort', label: 'Waypoint cohort', description: 'The customer-success cohort, in priority order of attention.' },
      cohortValues, { bad_fit: 'Bad fit', dark: 'Good fit, gone dark', negative: 'Good fit, negative', neutral: 'Good fit, neutral', positive: 'Good fit, positive' }),
    property({
      name: 'waypoint_gone_dark', label: 'Waypoint gone dark', type: 'bool', fieldType: 'booleancheckbox',
      description: 'The customer has stopped engaging and using the product.', options: options([['true', 'Yes'], ['false', 'No']]),
    }),
    number({ name: 'waypoint_milestone_progress', label: 'Waypoint milestone progress', description: 'Share of success milestones reached, in percent.' }, 'percentage'),
    text({ name: 'waypoint_current_milestone', label: 'Waypoint current milestone', description: 'The next success milestone the customer is working towards.' }, 'text'),
    enumeration({ name: 'waypoint_next_play', label: 'Waypoint next play', description: 'What the CSM should do next.' }, nextPlayValues, {
      offboard: 'Off-board', reengage: 'Re-engage', rescue: 'Rescue', drive_adoption: 'Drive adoption',
      expansion: 'Expansion conversation', advocacy: 'Advocacy ask', monitor: 'Monitor', renewal: 'Renewal', review_fit: 'Review fit',
    }),
    text({ name: 'waypoint_next_play_reason', label: 'Waypoint next play reason', description: 'Why this play was chosen.' }, 'textarea'),
    number({ name: 'waypoint_priority', label: 'Waypoint priority', description: 'Attention priority across the book of customers (higher first).' }, 'unformatted'),
    text({ name: 'waypoint_health_change_reason', label: 'Waypoint health change reason', description: 'What moved the health score since the previous scoring.' }, 'textarea'),
    // Empty until the customer churns: the churn review's classification, for HubSpot reports and workflows.
    enumeration({
      name: 'waypoint_churn_avoidable', label: 'Waypoint churn avoidable',
      description: 'Whether the churn could have been prevented: unavoidable for acquisition, shutdown or a bad fit.',
    }, churnAvoidableValues, { avoidable: 'Avoidable', unavoidable: 'Unavoidable' }),
    enumeration({
      name: 'waypoint_churn_expected', label: 'Waypoint churn expected',
      description: 'Whether the churn was flagged beforehand (bad fit, negative or gone dark); a bad fit\'s churn is expected.',
    }, churnExpectedValues, { expected: 'Expected', unexpected: 'Unexpected' }),
    enumeration({ name: 'waypoint_value_realised', label: 'Waypoint value realised', description: 'How much of the customer\'s desired outcome is reached: none, partial or full (empty while not measured).' },
      valueRealisedValues, { none: 'None', partial: 'Partial', full: 'Full' }),
    number({ name: 'waypoint_value_realised_percent', label: 'Waypoint value realised percent', description: 'Progress from the desired outcome\'s baseline to its target, 0 to 100.' }, 'percentage'),
    property({ name: 'waypoint_scored_at', label: 'Waypoint scored at', type: 'datetime', fieldType: 'date', description: 'When Waypoint last scored this customer.' }),
  ],
} as const satisfies PropertyCatalogue;

export type WaypointPropertyName = (typeof waypointPropertyCatalogue.properties)[number]['name'];
