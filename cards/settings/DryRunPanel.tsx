import { Alert, Button, Flex, Heading, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { DryRunReport } from '../settings-data.schema.ts';

type Props = { title: string; report: DryRunReport; applyLabel: string; applying: boolean; onApply: () => void; onCancel: () => void };

const moves = (change: DryRunReport['changes'][number]): string =>
  (['customer', 'fit', 'cohort', 'status', 'play'] as const)
    .flatMap((field) => { const move = change[field]; return move ? [`${field} ${String(move.from)} → ${String(move.to)}`] : []; })
    .join(', ') || 'HubSpot values only';

/** The whole-portal effect of a change, shown before anything is stored: counts, the companies, the writes. */
export const DryRunPanel = ({ title, report, applyLabel, applying, onApply, onCancel }: Props) => (
  <Flex direction="column" gap="sm" testId="dry-run">
    <Heading>{title}</Heading>
    <Statistics>
      <StatisticsItem label="Fit changes" number={String(report.fitChanged)} />
      <StatisticsItem label="Cohort changes" number={String(report.cohortChanged)} />
      <StatisticsItem label="Status changes" number={String(report.statusChanged)} />
      <StatisticsItem label="Play changes" number={String(report.playChanged)} />
      <StatisticsItem label="HubSpot properties to write" number={String(report.writeBack.properties)} />
    </Statistics>
    <Text testId="dry-run-summary">{`${report.changes.length}${report.changesTruncated ? '+' : ''} of ${report.companies} customers change; write-back would write ${report.writeBack.properties} properties on ${report.writeBack.companies} companies.`}</Text>
    {report.unsyncedProperties.length > 0 ? (
      <Alert title="Not synced yet" variant="warning" testId="unsynced">
        {`Waypoint has not read ${report.unsyncedProperties.join(', ')} from HubSpot yet, so this preview treats them as empty. The next full sync reads them, and scores move again then.`}
      </Alert>
    ) : null}
    <Table bordered>
      <TableHead><TableRow><TableHeader>Company</TableHeader><TableHeader>Old → new</TableHeader><TableHeader>Why</TableHeader></TableRow></TableHead>
      <TableBody>
        {report.changes.map((change) => (
          <TableRow key={change.companyId} testId={`change-${change.companyId}`}>
            <TableCell>{change.name}</TableCell>
            <TableCell>{moves(change)}</TableCell>
            <TableCell>{change.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    <Flex direction="row" gap="xs">
      <Button testId="apply" variant="primary" disabled={applying} onClick={onApply}>{applyLabel}</Button>
      <Button testId="cancel" variant="secondary" onClick={onCancel}>Keep editing</Button>
    </Flex>
  </Flex>
);
