import { Button, Flex, Heading, Input, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import { milestoneConditionTypes, type Milestone, type StarPupilDays } from '../settings-data.schema.ts';
import { numberOr, pickerOptions, propertiesOf, type SectionProps } from './draft.ts';

const conditionLabels: Record<(typeof milestoneConditionTypes)[number], string> = {
  meeting: 'A meeting whose title matches', usage: 'A usage metric reaches', depth: 'Seats in use reach a share',
  executive_contact: 'An executive is in contact', deal_won: 'A deal of these types is won',
  property_set: 'A company property is set', manual: 'A CSM marks it done',
};

const conditionFor = (type: string, dealTypes: string[], firstProperty: string): Milestone['condition'] => {
  switch (type) {
    case 'meeting': return { type, titlePattern: 'kickoff' };
    case 'usage': return { type, metric: 'active_users', atLeast: 1 };
    case 'depth': return { type, atLeast: 0.5 };
    case 'deal_won': return { type, dealTypes: dealTypes.slice(0, 1) };
    case 'property_set': return { type, property: firstProperty, equals: null };
    default: return { type };
  }
};

/**
 * The success plan: milestones in order, each with how it is reached and by which day after the contract starts.
 * The star pupils' button fills each expected day with the median day the portal's star pupils reached it; the
 * change is a draft like any other, reviewed through the dry run before it is saved.
 */
export const MilestonesSection = ({ draft, update, properties, errors, starPupils = null }: SectionProps & { starPupils?: StarPupilDays | null }) => {
  const items = draft.milestones.items;
  const dealTypes = propertiesOf(properties, 'deals').find((p) => p.name === 'dealtype')?.options.map((o) => o.value) ?? ['renewal'];
  const companies = propertiesOf(properties, 'companies');
  const set = (next: Milestone[]) => update({ milestones: { ...draft.milestones, items: next } });
  const setAt = (index: number, patch: Partial<Milestone>) => set(items.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  const swap = (a: number, b: number) => {
    const next = [...items];
    const [first, second] = [next[a], next[b]];
    if (!first || !second) return;
    next[a] = second;
    next[b] = first;
    set(next);
  };
  const pupilDay = (key: string): number | null => { const v = starPupils?.medianDaysTo[key]; return v === undefined || v === null ? null : Math.max(0, Math.round(v)); };
  const fromPupils = items.filter((m) => pupilDay(m.key) !== null && pupilDay(m.key) !== m.expectedDays);
  return (
    <Flex direction="column" gap="sm">
      <Heading>Milestones</Heading>
      {starPupils !== null && (
        <Flex direction="row" gap="sm" align="center">
          <Text variant="microcopy" testId="star-pupil-days">{`${starPupils.pupils} star pupils (good-fit customers who renewed or expanded): `
            + (items.map((m) => (pupilDay(m.key) === null ? null : `${m.label} by day ${pupilDay(m.key)}`)).filter(Boolean).join(', ') || 'no milestone reached yet')}</Text>
          <Button size="xs" variant="secondary" testId="milestones-from-star-pupils" disabled={fromPupils.length === 0}
            onClick={() => set(items.map((m) => { const day = pupilDay(m.key); return day === null ? m : { ...m, expectedDays: day }; }))}>
            Use star pupils' days
          </Button>
        </Flex>
      )}
      {items.map((item, index) => (
        <Flex key={item.key} direction="row" gap="xs" align="end" wrap="wrap" testId={`milestone-${index}`}>
          <Text>{`${index + 1}.`}</Text>
          <Input name={`milestone-${index}-label`} label="Milestone" value={item.label} onChange={(value) => setAt(index, { label: value })} />
          <Select name={`milestone-${index}-type`} testId={`milestone-${index}-type`} label="Reached when" value={item.condition.type}
            options={milestoneConditionTypes.map((type) => ({ label: conditionLabels[type], value: type }))}
            onChange={(value) => setAt(index, { condition: conditionFor(String(value), dealTypes, companies[0]?.name ?? '') })} />
          {item.condition.type === 'property_set' ? (
            <>
              <Select name={`milestone-${index}-property`} testId={`milestone-${index}-property`} label="Company property"
                value={String(item.condition.property ?? '')} options={pickerOptions(companies)}
                error={errors[`milestones.items.${index}.condition.property`] !== undefined} validationMessage={errors[`milestones.items.${index}.condition.property`]}
                onChange={(value) => setAt(index, { condition: { ...item.condition, property: String(value) } })} />
              <Input name={`milestone-${index}-equals`} testId={`milestone-${index}-equals`} label="Equals (empty: any value)"
                value={typeof item.condition.equals === 'string' ? item.condition.equals : ''}
                onChange={(value) => setAt(index, { condition: { ...item.condition, equals: value.trim() === '' ? null : value } })} />
            </>
          ) : null}
          <NumberInput name={`milestone-${index}-day`} testId={`milestone-${index}-day`} label="Expected by day" value={item.expectedDays} min={0}
            error={item.expectedDays < 0 || errors[`milestones.items.${index}.expectedDays`] !== undefined}
            validationMessage={item.expectedDays < 0 ? 'must be 0 or more days' : errors[`milestones.items.${index}.expectedDays`]}
            onChange={(value) => setAt(index, { expectedDays: numberOr(value, 0) })} />
          <Button size="xs" variant="secondary" disabled={index === 0} onClick={() => swap(index, index - 1)}>Up</Button>
          <Button size="xs" variant="secondary" disabled={index === items.length - 1} onClick={() => swap(index, index + 1)}>Down</Button>
          <Button size="xs" variant="destructive" onClick={() => set(items.filter((_, i) => i !== index))}>Remove</Button>
        </Flex>
      ))}
      <Button testId="milestone-add" onClick={() => set([...items, {
        key: `milestone_${items.length + 1}`, label: 'New milestone', kind: 'customer', expectedDays: 30, condition: { type: 'manual' }, firstValue: false,
      }])}>Add a milestone</Button>
    </Flex>
  );
};
