import { Flex, Heading, MultiSelect, Select, Text } from '@hubspot/ui-extensions';
import { pickerOptions, propertiesOf, type SectionProps } from './draft.ts';

// Which company property holds each fact Waypoint reads, with the property types each can be.
export const mappedFields: ReadonlyArray<{ key: string; label: string; types: readonly string[] }> = [
  { key: 'arr', label: 'Annual recurring revenue (ARR)', types: ['number'] },
  { key: 'renewalDate', label: 'Renewal date', types: ['date', 'datetime'] },
  { key: 'contractStartDate', label: 'Contract start', types: ['date', 'datetime'] },
  { key: 'seats', label: 'Seats purchased', types: ['number'] },
  { key: 'activeUsers30d', label: 'Active users (30 days)', types: ['number'] },
  { key: 'keyFeaturesUsed', label: 'Key features used', types: ['number'] },
  { key: 'churnedAt', label: 'Churn date', types: ['date', 'datetime'] },
  { key: 'churnReason', label: 'Churn reason', types: ['enumeration', 'string'] },
  { key: 'lifecycleStage', label: 'Lifecycle stage', types: ['enumeration'] },
  { key: 'owner', label: 'Company owner (CSM)', types: ['enumeration'] },
];

const dealKinds = [
  { key: 'renewal', label: 'Renewal deals' }, { key: 'expansion', label: 'Expansion deals' }, { key: 'contraction', label: 'Contraction deals' },
] as const;

const typeNames: Record<string, string> = { number: 'number', date: 'date', datetime: 'date', enumeration: 'dropdown', string: 'text' };

export const DataMappingSection = ({ draft, update, properties, errors }: SectionProps) => {
  const companies = propertiesOf(properties, 'companies');
  const dealProperties = propertiesOf(properties, 'deals');
  const feedbackProperties = propertiesOf(properties, 'feedback_submissions');
  const { deals, contacts, feedback } = draft;
  const dealType = dealProperties.find((p) => p.name === deals?.typeProperty);
  const surveyType = feedbackProperties.find((p) => p.name === feedback?.typeProperty);
  const surveyTypeOptions = (surveyType?.options ?? []).map((o) => ({ label: o.label, value: o.value }));
  return (
    <Flex direction="column" gap="sm">
      <Heading>Data mapping</Heading>
      <Text>Which of your HubSpot company properties hold each fact. Only properties of a fitting type are offered.</Text>
      {mappedFields.filter((field) => field.key in draft.properties).map((field) => {
        const current = draft.properties[field.key] ?? '';
        const definition = companies.find((p) => p.name === current);
        const wrongType = definition !== undefined && !field.types.includes(definition.type);
        const missing = current !== '' && companies.length > 0 && definition === undefined;
        const message = errors[`properties.${field.key}`]
          ?? (wrongType ? `${definition.label} is a ${typeNames[definition.type] ?? definition.type} property; pick a ${field.types.map((t) => typeNames[t] ?? t).join(' or ')} property` : undefined)
          ?? (missing ? `${current} does not exist in this portal` : undefined);
        return (
          <Select
            key={field.key}
            name={`mapping-${field.key}`}
            testId={`mapping-${field.key}`}
            label={field.label}
            value={current}
            options={pickerOptions(companies, field.types)}
            error={message !== undefined}
            validationMessage={message}
            onChange={(value) => update({ properties: { ...draft.properties, [field.key]: String(value) } })}
          />
        );
      })}
      {deals ? (
        <Flex direction="column" gap="xs">
          <Select name="deal-type-property" testId="deal-type-property" label="Deal property that says the kind of deal" value={deals.typeProperty}
            options={pickerOptions(dealProperties, ['enumeration'])} onChange={(value) => update({ deals: { ...deals, typeProperty: String(value) } })} />
          {dealKinds.map((kind) => (
            <MultiSelect key={kind.key} name={`deal-${kind.key}`} testId={`deal-${kind.key}`} label={`${kind.label}: values of that property`}
              value={deals[kind.key]} options={(dealType?.options ?? []).map((o) => ({ label: o.label, value: o.value }))}
              onChange={(values) => update({ deals: { ...deals, [kind.key]: values.map(String) } })} />
          ))}
        </Flex>
      ) : null}
      {feedback ? (
        <Flex direction="column" gap="xs">
          <Select name="feedback-type-property" testId="feedback-type-property" label="Feedback submission property that says which survey it answers"
            value={feedback.typeProperty} options={pickerOptions(feedbackProperties, ['enumeration', 'string'])}
            onChange={(value) => update({ feedback: { ...feedback, typeProperty: String(value) } })} />
          <Select name="feedback-value-property" testId="feedback-value-property" label="Feedback submission property that holds the NPS/CSAT answer"
            value={feedback.valueProperty} options={pickerOptions(feedbackProperties, ['number'])}
            error={errors['feedback.valueProperty'] !== undefined} validationMessage={errors['feedback.valueProperty']}
            onChange={(value) => update({ feedback: { ...feedback, valueProperty: String(value) } })} />
          <MultiSelect name="feedback-nps" testId="feedback-nps" label="NPS surveys: values of that property" value={feedback.npsTypes} options={surveyTypeOptions}
            error={errors['feedback.npsTypes'] !== undefined} validationMessage={errors['feedback.npsTypes']}
            onChange={(values) => update({ feedback: { ...feedback, npsTypes: values.map(String) } })} />
          <MultiSelect name="feedback-csat" testId="feedback-csat" label="CSAT surveys: values of that property" value={feedback.csatTypes} options={surveyTypeOptions}
            onChange={(values) => update({ feedback: { ...feedback, csatTypes: values.map(String) } })} />
        </Flex>
      ) : null}
      {contacts ? (
        <Select name="champion-signal" testId="champion-signal" label="Contact property that says a champion left (optional)"
          value={contacts.departedProperty ?? ''} options={[{ label: 'None: only HubSpot\'s own signals', value: '' }, ...pickerOptions(propertiesOf(properties, 'contacts'), ['bool', 'enumeration'])]}
          onChange={(value) => update({ contacts: { ...contacts, departedProperty: value === '' ? null : String(value) } })} />
      ) : null}
    </Flex>
  );
};
