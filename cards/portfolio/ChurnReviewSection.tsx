import { Flex, Heading, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import { retentionMonths, type RetentionMonths } from '../portfolio-data.schema.ts';
import { ExportButton, type PageTools } from './ExportButton.tsx';
import { CompanyLink } from './CompanyLink.tsx';
import { day, money, quadrantLabel } from './format.ts';
import { SectionBody } from './SectionStates.tsx';

type Props = { tools: PageTools };

const periodOptions = retentionMonths.map((months) => ({ label: `Last ${months} months`, value: months }));

/**
 * Who churned in the period, by avoidable/unavoidable × expected/unexpected, with the reason for each. A bad fit's
 * churn counts as expected: the playbook for a bad fit is a planned exit.
 */
export const ChurnReviewSection = ({ tools }: Props) => {
  const [months, setMonths] = useState<RetentionMonths>(12);
  const { state, reload } = useSection(() => portfolioApi.churnReview(tools.portalId, months), `${tools.portalId}:${months}`);
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center"><Heading>Churn review</Heading><ExportButton tools={tools} section="churn-review" query={{ months: String(months) }} what={`churn over ${months} months`} /></Flex>
      <Select label="Period" name="churn-months" testId="churn-months" value={months} options={periodOptions}
        onChange={(value) => setMonths(retentionMonths.find((m) => m === Number(value)) ?? 12)} />
      <SectionBody id="churn" what="churn review" state={state} onRetry={reload}
        empty={(data) => (data.customers.length === 0 ? `No customer churned in the last ${data.months} months.` : null)}>
        {(data) => {
          const quadrant = (avoidable: boolean, expected: boolean) => data.quadrants.find((q) => q.avoidable === avoidable && q.expected === expected);
          const cell = (avoidable: boolean, expected: boolean) => {
            const q = quadrant(avoidable, expected);
            return `${q?.customers ?? 0} · ${money(q?.arr ?? 0)}`;
          };
          return (
            <Flex direction="column" gap="sm">
              <Table bordered testId="churn-quadrants">
                <TableHead><TableRow><TableHeader>Churned customers · ARR</TableHeader><TableHeader>Expected</TableHeader><TableHeader>Unexpected</TableHeader></TableRow></TableHead>
                <TableBody>
                  <TableRow testId="churn-avoidable"><TableCell>Avoidable</TableCell><TableCell>{cell(true, true)}</TableCell><TableCell>{cell(true, false)}</TableCell></TableRow>
                  <TableRow testId="churn-unavoidable"><TableCell>Unavoidable</TableCell><TableCell>{cell(false, true)}</TableCell><TableCell>{cell(false, false)}</TableCell></TableRow>
                </TableBody>
              </Table>
              <Text variant="microcopy">Unavoidable: acquisition, shutdown or a bad fit; every other churn was avoidable. Expected: the customer was flagged beforehand (bad fit, negative or gone dark); a bad fit's churn is always expected. Unexpected churn of a good fit is the one to learn from.</Text>
              <Table bordered testId="churn-customers">
                <TableHead><TableRow><TableHeader>Company</TableHeader><TableHeader>Segment</TableHeader><TableHeader>Churned</TableHeader><TableHeader>Class</TableHeader><TableHeader>Reason</TableHeader><TableHeader>ARR</TableHeader></TableRow></TableHead>
                <TableBody>
                  {data.customers.map((c) => (
                    <TableRow key={c.companyId} testId={`churned-${c.companyId}`}>
                      <TableCell><CompanyLink tools={tools} companyId={c.companyId} name={c.name} /></TableCell>
                      <TableCell>{c.segment}</TableCell><TableCell>{day(c.churnedAt)}</TableCell><TableCell>{quadrantLabel[c.quadrant]}</TableCell>
                      <TableCell>{c.reason}</TableCell><TableCell>{money(c.arr)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Flex>
          );
        }}
      </SectionBody>
    </Flex>
  );
};
