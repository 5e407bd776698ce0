import { Button, Flex, Heading, NumberInput, Select, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { cohortSchema, type Cohort } from '../card-data.schema.ts';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import { retentionMonths, type Goal, type GoalBody, type RetentionMonths } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { cohortLabel, cohortOrder, day, percent } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools; segments: string[] };

const measured = (goal: Goal, value: number | null): string =>
  value === null ? '–' : goal.measure === 'nrr' ? percent(value) : String(Math.round(value * 10) / 10);

const targetText = (goal: Goal): string =>
  goal.target.kind === 'nrr' ? `NRR at ${percent(goal.target.nrr)}` : `Customers ${goal.target.changePercent > 0 ? '+' : ''}${goal.target.changePercent}%`;

const statusView = { on_track: { label: 'On track', variant: 'success' }, behind: { label: 'Behind', variant: 'danger' }, unknown: { label: 'Not measurable yet', variant: 'default' } } as const;

type Draft = { cohort: Cohort; segment: string; horizonMonths: RetentionMonths; kind: 'count' | 'nrr'; value: number };

/** What the leader's form sends: a count goal as a change in percent, an NRR goal as a share (150% → 1.5). */
export const goalBody = (draft: Draft): GoalBody => ({
  cohort: draft.cohort, segment: draft.segment, horizonMonths: draft.horizonMonths,
  target: draft.kind === 'count' ? { kind: 'count', changePercent: draft.value } : { kind: 'nrr', nrr: draft.value / 100 },
});

/** Targets per cohort × segment and horizon, each with baseline, target, current, expected by now and on track/behind. */
export const GoalsSection = ({ tools, segments }: Props) => {
  const { state, reload } = useSection(() => portfolioApi.goals(tools.portalId), String(tools.portalId));
  const [draft, setDraft] = useState<Draft>({ cohort: 'negative', segment: '', horizonMonths: 6, kind: 'count', value: -50 });
  const [saving, setSaving] = useState(false);
  const segment = draft.segment || segments[0] || '';
  const save = async () => {
    setSaving(true);
    const result = await portfolioApi.setGoal(tools.portalId, goalBody({ ...draft, segment }));
    setSaving(false);
    if (!result.ok) return tools.addAlert({ type: 'danger', message: `The goal was not saved: ${result.message}` });
    tools.addAlert({ type: 'success', message: `Goal set for ${cohortLabel(draft.cohort)} in ${segment} over ${draft.horizonMonths} months.` });
    reload();
  };
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center"><Heading>Cohort goals</Heading><ExportButton tools={tools} section="goals" what="cohort goals" /></Flex>
      <SectionBody id="goals" what="goals" state={state} onRetry={reload}
        empty={(data) => (data.goals.length === 0 ? 'No goal set yet: set one below, e.g. halve the negative customers in a segment in 6 months.' : null)}>
        {(data) => (
          <Table bordered testId="goals-table">
            <TableHead><TableRow>
              <TableHeader>Cohort · segment</TableHeader><TableHeader>Goal</TableHeader><TableHeader>Due</TableHeader><TableHeader>Baseline</TableHeader>
              <TableHeader>Target</TableHeader><TableHeader>Now</TableHeader><TableHeader>Expected by now</TableHeader><TableHeader>Status</TableHeader>
            </TableRow></TableHead>
            <TableBody>
              {data.goals.map((goal) => (
                <TableRow key={goal.id} testId={`goal-${goal.id}`}>
                  <TableCell>{`${cohortLabel(goal.cohort)} · ${goal.segment}`}</TableCell><TableCell>{`${targetText(goal)} in ${goal.horizonMonths} months`}</TableCell>
                  <TableCell>{day(goal.dueAt)}</TableCell><TableCell>{measured(goal, goal.baseline)}</TableCell><TableCell>{measured(goal, goal.targetValue)}</TableCell>
                  <TableCell>{measured(goal, goal.current)}</TableCell><TableCell>{measured(goal, goal.expectedByNow)}</TableCell>
                  <TableCell><StatusTag variant={statusView[goal.status].variant}>{statusView[goal.status].label}</StatusTag></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionBody>
      <Flex direction="row" gap="sm" align="end" wrap="wrap" testId="goal-form">
        <Select label="Cohort" name="goal-cohort" testId="goal-cohort" value={draft.cohort} options={cohortOrder.map((c) => ({ label: cohortLabel(c), value: c }))}
          onChange={(value) => { const parsed = cohortSchema.safeParse(value); if (parsed.success) setDraft({ ...draft, cohort: parsed.data }); }} />
        <Select label="Segment" name="goal-segment" testId="goal-segment" value={segment} options={segments.map((s) => ({ label: s, value: s }))}
          onChange={(value) => setDraft({ ...draft, segment: String(value) })} />
        <Select label="Within" name="goal-horizon" testId="goal-horizon" value={draft.horizonMonths} options={retentionMonths.map((m) => ({ label: `${m} months`, value: m }))}
          onChange={(value) => setDraft({ ...draft, horizonMonths: retentionMonths.find((m) => m === Number(value)) ?? 6 })} />
        <Select label="Goal" name="goal-kind" testId="goal-kind" value={draft.kind}
          options={[{ label: 'Change the number of customers by (%)', value: 'count' }, { label: 'Reach an NRR of (%)', value: 'nrr' }]}
          onChange={(value) => setDraft({ ...draft, kind: value === 'nrr' ? 'nrr' : 'count', value: value === 'nrr' ? 120 : -50 })} />
        <NumberInput label={draft.kind === 'nrr' ? 'NRR (%)' : 'Change (%)'} name="goal-value" testId="goal-value" value={draft.value}
          onChange={(value) => setDraft({ ...draft, value: Number.isFinite(value) ? value : draft.value })} />
        <Button variant="primary" testId="goal-save" disabled={saving || segment === ''} onClick={() => void save()}>{saving ? 'Saving…' : 'Set goal'}</Button>
      </Flex>
      {segments.length === 0 ? <Text variant="microcopy">Goals are set per segment: the segments appear once customers are scored.</Text> : null}
    </Flex>
  );
};
