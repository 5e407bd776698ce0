import { Button, Flex, Heading, Input, MultiSelect, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import { numberOr, pickerOptions, propertiesOf, type SectionProps } from './draft.ts';

const ARR_BANDS = '';

/** The customer rule (any enumeration property, lifecycle stage by default) and the segments: ARR bands or an enumeration property's values. */
export const CustomersSection = ({ draft, update, properties, errors }: SectionProps) => {
  const companies = propertiesOf(properties, 'companies');
  const filterProperty = companies.find((p) => p.name === draft.customerFilter.property);
  const segments = draft.segments;
  const setSegment = (index: number, patch: Partial<(typeof segments)[number]>) =>
    update({ segments: segments.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const segmentBy = draft.segmentBy ?? { property: null, valuesBySegment: {} };
  const segmentProperty = companies.find((p) => p.name === segmentBy.property);
  const setSegmentValues = (key: string, values: string[]) => {
    const { [key]: _dropped, ...others } = segmentBy.valuesBySegment;
    // An empty list is refused by the config, and listing nothing means the same as not listing the segment.
    update({ segmentBy: { ...segmentBy, valuesBySegment: values.length > 0 ? { ...others, [key]: values } : others } });
  };
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
      <Select
        name="segment-by" testId="segment-by" label="Segment customers by"
        value={segmentBy.property ?? ARR_BANDS}
        options={[{ label: 'ARR bands', value: ARR_BANDS }, ...pickerOptions(companies, ['enumeration'])]}
        onChange={(value) => update({ segmentBy: { property: value === ARR_BANDS ? null : String(value), valuesBySegment: {} } })}
      />
      {segmentBy.property === null ? <Text format={{ fontWeight: 'bold' }}>Segments by ARR (the last one has no upper bound)</Text>
        : <Text format={{ fontWeight: 'bold' }}>Segments by {segmentProperty?.label ?? segmentBy.property} (a company with no listed value goes in the last one)</Text>}
      {segments.map((segment, index) => (
        <Flex key={index} direction="row" gap="sm" align="end">
          <Input name={`segment-${index}-key`} label="Segment" value={segment.key} onChange={(value) => setSegment(index, { key: value })} />
          {segmentBy.property !== null ? (
            <MultiSelect
              name={`segment-${index}-values`} testId={`segment-${index}-values`} label="takes these values"
              value={segmentBy.valuesBySegment[segment.key] ?? []}
              options={(segmentProperty?.options ?? []).map((o) => ({ label: o.label, value: o.value }))}
              error={errors[`segmentBy.valuesBySegment.${segment.key}`] !== undefined} validationMessage={errors[`segmentBy.valuesBySegment.${segment.key}`]}
              onChange={(values) => setSegmentValues(segment.key, values.map(String))}
            />
          ) : segment.maxArr === null ? <Text>and above</Text> : (
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
