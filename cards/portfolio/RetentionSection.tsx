import { BarChart, Flex, Heading, Select, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { SectionState } from '../hooks/use-section.ts';
import { retentionMonths, type PortfolioRetention, type RetentionFigures, type RetentionMonths } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { cohortLabel, day, money, percent } from './format.ts';
import { retentionDefinitions } from './retention-definitions.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools; state: SectionState<PortfolioRetention>; onRetry: () => void };

const Row = ({ label, figures, testId }: { label: string; figures: RetentionFigures; testId: string }) => (
  <TableRow testId={testId}>
    <TableCell>{label}</TableCell><TableCell>{figures.customers}</TableCell><TableCell>{money(figures.startArr)}</TableCell>
    <TableCell>{money(figures.expansionArr)}</TableCell><TableCell>{money(figures.contractionArr)}</TableCell><TableCell>{money(figures.churnedArr)}</TableCell>
    <TableCell>{percent(figures.grossRevenueRetention)}</TableCell><TableCell>{percent(figures.netRevenueRetention)}</TableCell><TableCell>{percent(figures.logoRetention)}</TableCell>
  </TableRow>
);

const Head = ({ first }: { first: string }) => (
  <TableHead><TableRow>
    <TableHeader>{first}</TableHeader><TableHeader>Customers at start</TableHeader><TableHeader>Start ARR</TableHeader><TableHeader>Expansion</TableHeader>
    <TableHeader>Contraction</TableHeader><TableHeader>Churned ARR</TableHeader><TableHeader>GRR</TableHeader><TableHeader>NRR</TableHeader><TableHeader>Logo retention</TableHeader>
  </TableRow></TableHead>
);

const periodOptions = retentionMonths.map((months) => ({ label: `Trailing ${months} months`, value: months }));

/** GRR, NRR and logo retention over a trailing period: good fit as the headline, beside all customers and bad fit apart. */
export const RetentionSection = ({ tools, state, onRetry }: Props) => {
  const [months, setMonths] = useState<RetentionMonths>(12);
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center"><Heading>Retention</Heading><ExportButton tools={tools} section="retention" query={{ months: String(months) }} what={`retention over ${months} months`} /></Flex>
      <SectionBody id="retention" what="retention" state={state} onRetry={onRetry}
        empty={(data) => (data.periods.every((p) => p.total.all.customers === 0) ? 'No customer had ARR at the start of any period yet: retention needs a book to measure.' : null)}>
        {(data) => {
          const period = data.periods.find((p) => p.months === months);
          if (period === undefined) return <Text testId="retention-period-missing">{`Waypoint sent no figures for ${months} months.`}</Text>;
          const { total } = period;
          return (
            <Flex direction="column" gap="sm">
              <Select label="Period" name="retention-months" testId="retention-months" value={months} options={periodOptions}
                onChange={(value) => setMonths(retentionMonths.find((m) => m === Number(value)) ?? 12)} />
              <Text variant="microcopy">{`From ${day(period.start)} to now.`}</Text>
              <Statistics testId="retention-headline">
                <StatisticsItem label="Good-fit NRR" number={percent(total.goodFit.netRevenueRetention)} />
                <StatisticsItem label="All-customer NRR" number={percent(total.all.netRevenueRetention)} />
                <StatisticsItem label="Good-fit GRR" number={percent(total.goodFit.grossRevenueRetention)} />
                <StatisticsItem label="Good-fit logo retention" number={percent(total.goodFit.logoRetention)} />
              </Statistics>
              <Table bordered testId="retention-total">
                <Head first="Customers" />
                <TableBody>
                  <Row label="Good fit" figures={total.goodFit} testId="retention-good-fit" />
                  <Row label="Bad fit" figures={total.badFit} testId="retention-bad-fit" />
                  <Row label="All customers" figures={total.all} testId="retention-all" />
                </TableBody>
              </Table>
              <Table bordered testId="retention-by-cohort">
                <Head first="Cohort at start" />
                <TableBody>{period.byCohort.map((c) => <Row key={c.cohort} label={cohortLabel(c.cohort)} figures={c.all} testId={`retention-cohort-${c.cohort}`} />)}</TableBody>
              </Table>
              <Table bordered testId="retention-by-segment">
                <Head first="Segment at start" />
                <TableBody>{period.bySegment.map((s) => <Row key={s.segment} label={s.segment} figures={s.all} testId={`retention-segment-${s.segment}`} />)}</TableBody>
              </Table>
              {period.bySegment.length > 0 ? (
                <BarChart
                  testId="retention-chart"
                  data={period.bySegment.flatMap((s) => [
                    { segment: s.segment, nrr: Math.round((s.goodFit.netRevenueRetention ?? 0) * 1000) / 10, customers: 'Good fit' },
                    { segment: s.segment, nrr: Math.round((s.all.netRevenueRetention ?? 0) * 1000) / 10, customers: 'All customers' },
                  ])}
                  axes={{ x: { field: 'segment', fieldType: 'category', label: 'Segment' }, y: { field: 'nrr', fieldType: 'linear', label: 'NRR (%)' }, options: { groupFieldByColor: 'customers' } }}
                  options={{ title: `NRR by segment, trailing ${months} months`, showLegend: true, showTooltips: true }}
                />
              ) : null}
              <Flex direction="column" gap="xs" testId="retention-definitions">
                {retentionDefinitions.map((line) => <Text key={line} variant="microcopy">{line}</Text>)}
              </Flex>
            </Flex>
          );
        }}
      </SectionBody>
    </Flex>
  );
};
