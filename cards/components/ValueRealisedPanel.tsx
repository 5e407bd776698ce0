import { Button, Flex, Heading, Input, NumberInput, ProgressBar, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { DesiredOutcomeRequest, ValueRealised } from '../card-data.schema.ts';
import { dayOf } from './labels.ts';

type Outcome = Omit<DesiredOutcomeRequest, 'setBy' | 'idempotencyKey'>;
type Props = { value: ValueRealised | null; busy: boolean; saving: boolean; onSave: (outcome: Outcome) => void };

const levelView = {
  none: { label: 'No value yet', variant: 'danger' },
  partial: { label: 'Partial value', variant: 'warning' },
  full: { label: 'Full value', variant: 'success' },
} as const;

const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** What the customer wants to achieve, by when, and how much of it they have: Waypoint's view of value realised. */
export const ValueRealisedPanel = ({ value, busy, saving, onSave }: Props) => {
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState(value?.outcome ?? '');
  const [metric, setMetric] = useState(value?.metric ?? '');
  const [kind, setKind] = useState<'property' | 'usage'>('property');
  const [sourceName, setSourceName] = useState('');
  const [baseline, setBaseline] = useState<number | null>(value?.baseline ?? null);
  const [target, setTarget] = useState<number | null>(value?.target ?? null);
  const [targetDate, setTargetDate] = useState(value?.targetDate ?? '');
  const complete = outcome.trim() !== '' && metric.trim() !== '' && sourceName.trim() !== '' && baseline !== null && target !== null && /^\d{4}-\d{2}-\d{2}$/.test(targetDate);
  const save = () => {
    if (!complete) return;
    const source = kind === 'property' ? { kind, property: sourceName.trim() } as const : { kind, metric: sourceName.trim() } as const;
    onSave({ outcome: outcome.trim(), metric: metric.trim(), source, baseline, target, targetDate });
  };
  return (
    <Flex direction="column" gap="xs" testId="value-realised">
      <Heading>Desired outcome</Heading>
      {value === null
        ? <Text variant="microcopy" testId="value-realised-none">No desired outcome recorded: ask the customer what success looks like and how they measure it.</Text>
        : (
          <Flex direction="column" gap="xs">
            <Text format={{ fontWeight: 'bold' }} testId="value-realised-outcome">{value.outcome}</Text>
            <Text variant="microcopy" testId="value-realised-plan">{value.metric}: from {value.baseline} to {value.target} by {dayOf(value.targetDate)}</Text>
            {value.level === null || value.percent === null
              ? <Text variant="microcopy" testId="value-realised-unknown">No current value yet ({value.currentSource} is empty or not a number).</Text>
              : (
                <Flex direction="column" gap="xs">
                  <Flex direction="row" gap="sm" align="center">
                    <StatusTag variant={levelView[value.level].variant} testId="value-realised-level">{levelView[value.level].label}</StatusTag>
                    <Text variant="microcopy" testId="value-realised-current">now {value.current} ({value.currentSource})</Text>
                  </Flex>
                  <ProgressBar title="Value realised" value={value.percent} maxValue={100} showPercentage testId="value-realised-progress"
                    variant={value.level === 'full' ? 'success' : 'warning'} />
                </Flex>
              )}
          </Flex>
        )}
      {!editing
        ? <Button size="xs" variant="secondary" disabled={busy} testId="value-realised-edit" onClick={() => setEditing(true)}>{value === null ? 'Record desired outcome' : 'Change desired outcome'}</Button>
        : (
          <Flex direction="column" gap="xs" testId="value-realised-form">
            <Input name="outcome" testId="outcome-input" label="Desired outcome" value={outcome} onChange={(text) => setOutcome(String(text))} />
            <Input name="metric" testId="metric-input" label="How they measure it" value={metric} onChange={(text) => setMetric(String(text))} />
            <Select name="source-kind" testId="source-kind" label="Current value from" value={kind}
              options={[{ value: 'property', label: 'A company property' }, { value: 'usage', label: 'A usage metric' }]} onChange={(picked) => setKind(picked === 'usage' ? 'usage' : 'property')} />
            <Input name="source-name" testId="source-name" label={kind === 'property' ? 'Property internal name' : 'Usage metric'} value={sourceName} onChange={(text) => setSourceName(String(text))} />
            <NumberInput name="baseline" testId="baseline-input" label="Baseline" value={baseline ?? undefined} onChange={(n) => setBaseline(numberOr(n))} />
            <NumberInput name="target" testId="target-input" label="Target" value={target ?? undefined} onChange={(n) => setTarget(numberOr(n))} />
            <Input name="target-date" testId="target-date-input" label="Target date (YYYY-MM-DD)" value={targetDate} onChange={(text) => setTargetDate(String(text))} />
            <Button size="xs" variant="primary" disabled={busy || !complete} testId="value-realised-save" onClick={save}>{saving ? 'Saving…' : 'Save desired outcome'}</Button>
          </Flex>
        )}
    </Flex>
  );
};
