import { Button, Flex, Heading, Input, MultiSelect, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import { numberOr, pickerOptions, propertiesOf, type SectionProps } from './draft.ts';

/** The customer rule (any enumeration property, lifecycle stage by default) and the ARR bands of the segments. */
export const CustomersSection = ({ draft, update, properties, errors }: SectionProps) => {
  const companies = propertiesOf(properties, 'companies');
  const filterProperty = companies.find((p) => p.name === draft.customerFilter.property);
  const segments = draft.segments;
  const setSegment = (index: number, patch: Partial<(typeof segments)[number]>) =>
    update({ segments: segments.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  return (
    <Flex direction="column" gap="sm">
      <Heading>Customers and segments</Heading>
      <Select
        name="customer-property" testId="customer-property" label="A company is a customer when this property"
        value={draft.customerFilter.property} options={pickerOptions(companies, ['enumeration'])}
        onChange={(value) => update({ customerFilter: { property: String(value), values: [] } })}
      />
      <MultiSelect
        name="customer-values" testId="customer-values" label="holds one of these values"
        value={draft.customerFilter.values} options={(filterProperty?.options ?? []).map((o) => ({ label: o.label, value: o.value }))}
        error={errors['customerFilter.values'] !== undefined} validationMessage={errors['customerFilter.values']}
        onChange={(values) => update({ customerFilter: { ...draft.customerFilter, values: values.map(String) } })}
      />
      <Text format={{ fontWeight: 'bold' }}>Segments by ARR (the last one has no upper bound)</Text>
      {segments.map((segment, index) => (
        <Flex key={index} direction="row" gap="sm" align="end">
          <Input name={`segment-${index}-key`} label="Segment" value={segment.key} onChange={(value) => setSegment(index, { key: value })} />
          {segment.maxArr === null ? <Text>and above</Text> : (
            <NumberInput
              name={`segment-${index}-max`} testId={`segment-${index}-max`} label="ARR up to" value={segment.maxArr} min={0}
              error={errors[`segments.${index}.maxArr`] !== undefined} validationMessage={errors[`segments.${index}.maxArr`]}
              onChange={(value) => setSegment(index, { maxArr: numberOr(value, 0) })}
            />
          )}
        </Flex>
      ))}
      <Button onClick={() => update({ segments: [{ key: `segment_${segments.length + 1}`, maxArr: 10_000 }, ...segments] })}>Add a smaller segment</Button>
    </Flex>
  );
};
