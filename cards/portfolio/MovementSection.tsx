import { Flex, Heading, LineChart, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { SectionState } from '../hooks/use-section.ts';
import type { PortfolioMovement } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { cohortLabel, day, money, movementLabel } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools; state: SectionState<PortfolioMovement>; onRetry: () => void };

const windowOptions = [{ label: 'Last 30 days', value: 30 }, { label: 'Last 90 days', value: 90 }];

/** How the book moved: each company's cohort then and now (from → to), and the weekly count of each cohort. */
export const MovementSection = ({ tools, state, onRetry }: Props) => {
  const [days, setDays] = useState<30 | 90>(30);
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center"><Heading>Movement</Heading><ExportButton tools={tools} section="movement" what="cohort movement" /></Flex>
      <SectionBody id="movement" what="movement" state={state} onRetry={onRetry}
        empty={(data) => (data.windows.every((w) => w.transitions.length === 0) && data.trend.length === 0 ? 'Movement needs score cards from at least two days: it shows after the next scoring runs.' : null)}>
        {(data) => {
          const window = data.windows.find((w) => w.days === days);
          const moves = [...(window?.transitions ?? [])].sort((a, b) => b.customers - a.customers);
          return (
            <Flex direction="column" gap="sm">
              <Select label="Since" name="movement-days" testId="movement-days" value={days} options={windowOptions}
                onChange={(value) => setDays(Number(value) === 90 ? 90 : 30)} />
              <Text variant="microcopy">{`Cohort on the latest score card on ${day(window?.since ?? null)} (from) and now (to); a customer who churned since shows as churned.`}</Text>
              {moves.length === 0 ? <Text testId="movement-none">No customer changed cohort in this window.</Text> : (
                <Table bordered testId="movement-table">
                  <TableHead><TableRow><TableHeader>From</TableHeader><TableHeader>To</TableHeader><TableHeader>Customers</TableHeader><TableHeader>ARR</TableHeader></TableRow></TableHead>
                  <TableBody>
                    {moves.map((m) => (
                      <TableRow key={`${m.from}-${m.to}`} testId={`move-${m.from}-${m.to}`}>
                        <TableCell>{movementLabel(m.from)}</TableCell><TableCell>{movementLabel(m.to)}</TableCell>
                        <TableCell>{m.customers}</TableCell><TableCell>{money(m.arr)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              {data.trend.length === 0 ? <Text variant="microcopy" testId="cohort-trend-empty">No weekly history yet for the trend.</Text> : (
                <LineChart
                  testId="cohort-trend"
                  data={data.trend.map((p) => ({ week: day(p.weekEnding), customers: p.customers, cohort: cohortLabel(p.cohort) }))}
                  axes={{ x: { field: 'week', fieldType: 'datetime', label: 'Week ending' }, y: { field: 'customers', fieldType: 'linear', label: 'Customers' }, options: { groupFieldByColor: 'cohort' } }}
                  options={{ title: 'Customers per cohort, weekly', showLegend: true, showTooltips: true }}
                />
              )}
            </Flex>
          );
        }}
      </SectionBody>
    </Flex>
  );
};
