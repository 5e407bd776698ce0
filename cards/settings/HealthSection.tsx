import { Button, Checkbox, Flex, Heading, Input, NumberInput, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import { componentKeys, type Veto } from '../settings-data.schema.ts';
import { numberOr, type SectionProps } from './draft.ts';

const stages = ['onboarding', 'established'] as const;

const signals = [
  { label: 'Urgent tickets open', value: 'urgentTicketsOpen' }, { label: 'Days since two-way contact', value: 'daysSinceTwoWay' },
  { label: 'Champion left', value: 'championLeft' }, { label: 'Detractor', value: 'detractor' },
];

/** A client-side reading of the rules the backend enforces, so a bad value is marked before anything is sent. */
export const healthIssues = (status: { green: number; yellow: number }): Record<string, string> => {
  const issues: Record<string, string> = {};
  for (const band of ['green', 'yellow'] as const) if (status[band] < 0 || status[band] > 100) issues[`health.status.${band}`] = 'must be between 0 and 100';
  if (status.yellow > status.green) issues['health.status.yellow'] ??= 'must not exceed green';
  return issues;
};

/** One row per health component, one column per segment or stage, each cell an input. */
const WeightGrid = ({ keys, columns, cell }: { keys: readonly string[]; columns: readonly string[]; cell: (column: string, key: string) => ReactNode }) => (
  <Table bordered>
    <TableHead>
      <TableRow>
        <TableHeader>Component</TableHeader>
        {columns.map((column) => <TableHeader key={column}>{column}</TableHeader>)}
      </TableRow>
    </TableHead>
    <TableBody>
      {keys.map((key) => (
        <TableRow key={key}>
          <TableCell>{key}</TableCell>
          {columns.map((column) => <TableCell key={column}>{cell(column, key)}</TableCell>)}
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** Component weights by segment, the green and yellow bars, the vetoes that cap a status, and the dark window. */
export const HealthSection = ({ draft, update, errors }: SectionProps) => {
  const { health, dark } = draft;
  const local = { ...healthIssues(health.status), ...errors };
  const segments = draft.segments.map((s) => s.key);
  const weight = (segment: string, key: string): number => health.weightsBySegment[segment]?.[key] ?? health.components[key]?.weight ?? 0;
  const setWeight = (segment: string, key: string, value: number) =>
    update({ health: { ...health, weightsBySegment: { ...health.weightsBySegment, [segment]: { ...health.weightsBySegment[segment], [key]: value } } } });
  const stageWeight = (stage: string, key: string): string => {
    const value = health.weightsByStage[stage]?.[key];
    return value === undefined ? '' : String(value);
  };
  const setStageWeight = (stage: string, key: string, value: number | undefined) => {
    const { [key]: _dropped, ...rest } = health.weightsByStage[stage] ?? {};
    const next = value === undefined || Number.isNaN(value) ? rest : { ...rest, [key]: value };
    update({ health: { ...health, weightsByStage: { ...health.weightsByStage, [stage]: next } } });
  };
  // The CSM's own sentiment is shown on the card apart from health; it weighs in only once the admin turns it on.
  const csm = health.components.csm_sentiment;
  const setCsm = (patch: Record<string, unknown>) => update({ health: { ...health, components: { ...health.components, csm_sentiment: { ...csm, weight: csm?.weight ?? 0, ...patch } } } });
  const keys = csm?.enabled === true ? [...componentKeys, 'csm_sentiment'] : componentKeys;
  const setVeto = (index: number, patch: Partial<Veto>) => update({ health: { ...health, vetoes: health.vetoes.map((v, i) => (i === index ? { ...v, ...patch } : v)) } });
  return (
    <Flex direction="column" gap="sm">
      <Heading>Health</Heading>
      <Flex direction="row" gap="sm">
        {(['green', 'yellow'] as const).map((band) => (
          <NumberInput key={band} name={`status-${band}`} testId={`status-${band}`} label={band === 'green' ? 'Healthy from score' : 'At risk below score'}
            value={health.status[band]} min={0} max={100}
            error={local[`health.status.${band}`] !== undefined} validationMessage={local[`health.status.${band}`]}
            onChange={(value) => update({ health: { ...health, status: { ...health.status, [band]: numberOr(value, 0) } } })} />
        ))}
      </Flex>
      <Text format={{ fontWeight: 'bold' }}>Weights by segment (each 0 to 1)</Text>
      {csm && (
        <Flex direction="row" gap="sm" align="end">
          <Checkbox name="csm-sentiment-enabled" testId="csm-sentiment-enabled" checked={csm.enabled === true} onChange={(checked) => setCsm({ enabled: checked })}>
            Count the CSM's sentiment in health (it then gets a weight below)
          </Checkbox>
          <NumberInput name="csm-sentiment-expires" testId="csm-sentiment-expires" label="A CSM's sentiment expires after days"
            value={typeof csm.expiresAfterDays === 'number' ? csm.expiresAfterDays : 90} min={1}
            error={errors['health.components.csm_sentiment.expiresAfterDays'] !== undefined} validationMessage={errors['health.components.csm_sentiment.expiresAfterDays']}
            onChange={(value) => setCsm({ expiresAfterDays: numberOr(value, 90) })} />
        </Flex>
      )}
      <WeightGrid keys={keys} columns={segments} cell={(segment, key) => (
        <NumberInput name={`weight-${segment}-${key}`} label={`${key} weight in ${segment}`} value={weight(segment, key)} min={0} max={1}
          error={errors[`health.weightsBySegment.${segment}.${key}`] !== undefined} validationMessage={errors[`health.weightsBySegment.${segment}.${key}`]}
          onChange={(value) => setWeight(segment, key, numberOr(value, 0))} />
      )} />
      <Text format={{ fontWeight: 'bold' }}>Weights by lifecycle stage (empty: the segment's weight applies)</Text>
      <WeightGrid keys={keys} columns={stages} cell={(stage, key) => (
        <Input name={`stage-weight-${stage}-${key}`} testId={`stage-weight-${stage}-${key}`} label={`${key} weight while ${stage}`} value={stageWeight(stage, key)}
          error={errors[`health.weightsByStage.${stage}.${key}`] !== undefined} validationMessage={errors[`health.weightsByStage.${stage}.${key}`]}
          onChange={(value) => setStageWeight(stage, key, value.trim() === '' ? undefined : Number(value))} />
      )} />
      <Text format={{ fontWeight: 'bold' }}>Vetoes: a signal caps the status whatever the score</Text>
      {health.vetoes.map((veto, index) => (
        <Flex key={index} direction="row" gap="xs" align="end">
          <Select name={`veto-${index}-signal`} label="Signal" value={veto.signal} options={signals} onChange={(value) => setVeto(index, { signal: String(value) })} />
          <NumberInput name={`veto-${index}-at`} label="At least" value={veto.atLeast} min={0} onChange={(value) => setVeto(index, { atLeast: numberOr(value, 1) })} />
          <Select name={`veto-${index}-cap`} label="Caps at" value={veto.capStatus} options={[{ label: 'At risk (yellow)', value: 'yellow' }, { label: 'Critical (red)', value: 'red' }]}
            onChange={(value) => setVeto(index, { capStatus: value === 'red' ? 'red' : 'yellow' })} />
          <Button size="xs" variant="secondary" onClick={() => update({ health: { ...health, vetoes: health.vetoes.filter((_, i) => i !== index) } })}>Remove</Button>
        </Flex>
      ))}
      <Button size="xs" onClick={() => update({ health: { ...health, vetoes: [...health.vetoes, { signal: 'urgentTicketsOpen', atLeast: 1, capStatus: 'yellow' }] } })}>Add a veto</Button>
      <NumberInput name="dark-days" testId="dark-days" label="Gone dark after days without two-way contact" value={dark.defaultDays} min={0}
        error={errors['dark.defaultDays'] !== undefined} validationMessage={errors['dark.defaultDays']}
        onChange={(value) => update({ dark: { ...dark, defaultDays: numberOr(value, 0) } })} />
    </Flex>
  );
};
