import { Flex, Heading, Select, Text } from '@hubspot/ui-extensions';
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
];

const typeNames: Record<string, string> = { number: 'number', date: 'date', datetime: 'date', enumeration: 'dropdown', string: 'text' };

export const DataMappingSection = ({ draft, update, properties, errors }: SectionProps) => {
  const companies = propertiesOf(properties, 'companies');
  return (
    <Flex direction="column" gap="sm">
      <Heading>Data mapping</Heading>
      <Text>Which of your HubSpot company properties hold each fact. Only properties of a fitting type are offered.</Text>
      {mappedFields.map((field) => {
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
    </Flex>
  );
};
