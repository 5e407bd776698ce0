import { Button, Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Cohort } from '../card-data.schema.ts';
import type { SectionState } from '../hooks/use-section.ts';
import type { PortfolioCohorts } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { cohortLabel, cohortOrder, money } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools; state: SectionState<PortfolioCohorts>; onRetry: () => void; onPick: (cell: { segment: string; cohort: Cohort }) => void };

export const segmentsOf = (data: PortfolioCohorts): string[] =>
  [...new Set([...data.cells.map((c) => c.segment), ...data.churned.map((c) => c.segment)])].sort();

/** Current customers by segment × cohort (count, then ARR); a cell opens its companies in the worklist below. */
export const CohortsSection = ({ tools, state, onRetry, onPick }: Props) => (
  <Flex direction="column" gap="sm">
    <Flex justify="between" align="center"><Heading>Cohorts by segment</Heading><ExportButton tools={tools} section="cohorts" what="cohorts by segment" /></Flex>
    <SectionBody id="cohorts" what="cohorts" state={state} onRetry={onRetry}
      empty={(data) => (data.cells.length === 0 && data.churned.length === 0 ? 'No customer has a score card yet: the table fills in after the first scoring run.' : null)}>
      {(data) => {
        const cell = (segment: string, cohort: Cohort) => data.cells.find((c) => c.segment === segment && c.cohort === cohort);
        return (
          <Flex direction="column" gap="xs">
            <Text variant="microcopy">Current customers from each company's latest score card: customers, then ARR ({data.arrProperty}). Churned customers are counted apart, never in a cohort. Pick a cell to list its companies.</Text>
            <Table bordered testId="cohorts-table">
              <TableHead><TableRow><TableHeader>Segment</TableHeader>{cohortOrder.map((c) => <TableHeader key={c}>{cohortLabel(c)}</TableHeader>)}<TableHeader>Churned</TableHeader></TableRow></TableHead>
              <TableBody>
                {segmentsOf(data).map((segment) => {
                  const churned = data.churned.find((c) => c.segment === segment);
                  return (
                    <TableRow key={segment} testId={`cohorts-row-${segment}`}>
                      <TableCell>{segment}</TableCell>
                      {cohortOrder.map((cohort) => {
                        const found = cell(segment, cohort);
                        return (
                          <TableCell key={cohort}>
                            {found === undefined ? <Text variant="microcopy">0</Text> : (
                              <Button variant="transparent" size="xs" testId={`cell-${segment}-${cohort}`} onClick={() => onPick({ segment, cohort })}>
                                {`${found.customers} · ${money(found.arr)}`}
                              </Button>
                            )}
                          </TableCell>
                        );
                      })}
                      <TableCell>{`${churned?.customers ?? 0} · ${money(churned?.arr ?? 0)}`}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Flex>
        );
      }}
    </SectionBody>
  </Flex>
);
