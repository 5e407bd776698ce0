import { Button, Flex, Heading, MultiSelect, NumberInput, Select, Tag, Text } from '@hubspot/ui-extensions';
import type { FitCounts, FitCriterion } from '../settings-data.schema.ts';
import { numberOr, optionLabel, pickerOptions, propertiesOf, type SectionProps } from './draft.ts';

const ops = [
  { label: 'is one of', value: 'in' }, { label: 'is between', value: 'between' },
  { label: 'is less than', value: 'lt' }, { label: 'is at least', value: 'gte' },
];

const blank = (property: string, op: string): FitCriterion =>
  op === 'in' ? { op: 'in', property, values: [] } : op === 'between' ? { op: 'between', property, min: 0, max: 100 } : { op: op === 'lt' ? 'lt' : 'gte', property, value: 0 };

type Props = SectionProps & { counts: FitCounts | null };

/** Good-fit and bad-fit rules over company properties, in HubSpot's labels, each with how many customers it matches. */
export const FitSection = ({ draft, update, properties, errors, counts }: Props) => {
  const companies = propertiesOf(properties, 'companies');
  const rules = (kind: 'good' | 'bad') => {
    const list = draft.fit[kind];
    const set = (next: FitCriterion[]) => update({ fit: { ...draft.fit, [kind]: next } });
    const setAt = (index: number, rule: FitCriterion) => set(list.map((r, i) => (i === index ? rule : r)));
    return (
      <Flex direction="column" gap="xs">
        <Text format={{ fontWeight: 'bold' }}>{kind === 'good' ? 'Good fit when every rule matches' : 'Bad fit when any rule matches'}</Text>
        {list.map((rule, index) => {
          const property = companies.find((p) => p.name === rule.property);
          const count = counts?.[kind][index];
          const path = `fit.${kind}.${index}`;
          return (
            <Flex key={`${kind}-${index}`} direction="row" gap="xs" align="end" wrap="wrap">
              <Select name={`${path}.property`} testId={`fit-${kind}-${index}-property`} label="Property" value={rule.property}
                options={pickerOptions(companies, ['enumeration', 'number', 'string'])} onChange={(value) => setAt(index, blank(String(value), rule.op))} />
              <Select name={`${path}.op`} label="Rule" value={rule.op} options={ops} onChange={(value) => setAt(index, blank(rule.property, String(value)))} />
              {rule.op === 'in' ? (
                <MultiSelect name={`${path}.values`} testId={`fit-${kind}-${index}-values`} label="Values" value={rule.values}
                  options={(property?.options ?? rule.values.map((v) => ({ label: v, value: v }))).map((o) => ({ label: optionLabel(property, o.value), value: o.value }))}
                  error={errors[`${path}.values`] !== undefined} validationMessage={errors[`${path}.values`]}
                  onChange={(values) => setAt(index, { ...rule, values: values.map(String) })} />
              ) : rule.op === 'between' ? (
                <Flex direction="row" gap="xs">
                  <NumberInput name={`${path}.min`} label="From" value={rule.min} onChange={(v) => setAt(index, { ...rule, min: numberOr(v, 0) })} />
                  <NumberInput name={`${path}.max`} testId={`fit-${kind}-${index}-max`} label="To" value={rule.max}
                    error={rule.min > rule.max || errors[`${path}.max`] !== undefined}
                    validationMessage={rule.min > rule.max ? 'must not be below From' : errors[`${path}.max`]}
                    onChange={(v) => setAt(index, { ...rule, max: numberOr(v, 0) })} />
                </Flex>
              ) : (
                <NumberInput name={`${path}.value`} label="Value" value={rule.value} onChange={(v) => setAt(index, { ...rule, value: numberOr(v, 0) })} />
              )}
              <Tag testId={`fit-${kind}-${index}-count`} variant="info">{count === undefined ? 'counting…' : `${count} customers`}</Tag>
              <Button variant="secondary" size="xs" onClick={() => set(list.filter((_, i) => i !== index))}>Remove</Button>
            </Flex>
          );
        })}
        <Button size="xs" onClick={() => set([...list, blank('industry', 'in')])}>{kind === 'good' ? 'Add a good-fit rule' : 'Add a bad-fit rule'}</Button>
      </Flex>
    );
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>Fit</Heading>
      {counts ? <Text testId="fit-mix">{`Of ${counts.customers} customers: ${counts.fit.good} good fit, ${counts.fit.stretch} stretch, ${counts.fit.bad} bad fit`}</Text> : null}
      {rules('good')}
      {rules('bad')}
    </Flex>
  );
};
