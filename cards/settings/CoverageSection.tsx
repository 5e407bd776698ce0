import { Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { DataCoverage } from '../settings-data.schema.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What the last whole-portal scoring run found: which inputs customers have, and what would fill the gaps. */
export const CoverageSection = ({ coverage }: { coverage: DataCoverage }) => (
  <Flex direction="column" gap="sm" testId="coverage">
    <Heading>Data coverage</Heading>
    <Text>{`From the scoring run of ${coverage.computedAt.slice(0, 16).replace('T', ' ')} over ${coverage.customers} customers.`}</Text>
    <Table bordered>
      <TableHead><TableRow><TableHeader>Input</TableHeader><TableHeader>Customers with it</TableHeader><TableHeader>To fill the gap</TableHeader></TableRow></TableHead>
      <TableBody>
        {coverage.inputs.map((input) => (
          <TableRow key={input.key} testId={`coverage-${input.key}`}>
            <TableCell>{input.label}</TableCell>
            <TableCell>{`${input.customers} (${percent(input.share)})`}</TableCell>
            <TableCell>{input.share >= 1 ? '' : input.fill}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Flex>
);
